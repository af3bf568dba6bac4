"""The demo year's volunteering: placements, hours (most approved, some waiting), milestones
reached, a Step into Sport conference and this year's awards.

Built through the same operations the screens call, so the demo shows what the officer's own
records would. Drawn from its own seeded generator: the rest of the demo year is unchanged.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import (
    AwardCategory,
    AwardNomination,
    AwardRound,
    HoursMilestone,
    Person,
    Placement,
    StepIntoSportAttendance,
    VolunteerHours,
)
from sassot_desktop.volunteering import awards, hours, milestones

# Deleted in this order before the people they refer to (``demo --force``).
TABLES = (
    AwardNomination,
    AwardCategory,
    AwardRound,
    StepIntoSportAttendance,
    HoursMilestone,
    VolunteerHours,
    Placement,
)
ROLES = ("Team manager", "Junior section helper", "Club treasurer", "Young leader", "Coach")
ACTIVITIES = (
    "Saturday junior session",
    "Match-day steward",
    "Committee meeting",
    "Summer gala",
    "Coaching the under-11s",
    "Fundraising quiz night",
)
VOLUNTEERS = 40
CONFERENCE_PEOPLE = 20


def clear(session: Session) -> None:
    for model in TABLES:
        session.execute(delete(model))


def fill(session: Session, today: date, clubs: tuple[str, ...], seed: int = 8) -> None:
    rng = random.Random(seed)
    people = list(session.scalars(select(Person.id).order_by(Person.id).limit(VOLUNTEERS * 2)))
    volunteers = people[:VOLUNTEERS]
    conference = date(today.year if today.month > 3 else today.year - 1, 3, 14)
    attendees = people[VOLUNTEERS : VOLUNTEERS + CONFERENCE_PEOPLE]
    placed = _place(session, rng, today, conference, volunteers, attendees, clubs)
    _log_hours(session, rng, today, volunteers, placed)
    session.execute(
        insert(StepIntoSportAttendance.__table__),
        [
            {"person_id": p, "conference_on": conference, "placement_id": placed.get(p)}
            for p in attendees
        ],
    )
    _awards(session, today, volunteers)


def _place(session, rng, today, conference, volunteers, attendees, clubs) -> dict[int, int]:
    """Every volunteer in a club; nine in ten of the conference's volunteers placed after it
    (the 90% target met, just). Returns each placed person's placement id."""
    now, rows = utc_now(), []
    for person_id in volunteers:
        started = today - timedelta(days=rng.randint(60, 900))
        rows.append((person_id, rng.choice(ROLES), started))
    for number, person_id in enumerate(attendees):
        if number % 10 != 9:
            started = min(conference + timedelta(days=rng.randint(7, 120)), today)
            rows.append((person_id, "Young leader", started))
    # Ids handed back by the insert itself: on PostgreSQL, ids chosen here would leave the
    # sequence behind and the officer's first placement would collide with one of these.
    inserted = session.execute(
        insert(Placement.__table__).returning(
            Placement.__table__.c.id, Placement.__table__.c.person_id, sort_by_parameter_order=True
        ),
        [
            {
                "person_id": person_id,
                "organisation": rng.choice(clubs),
                "role": role,
                "started_on": started,
                "ended_on": None,
                "created_at": now,
            }
            for person_id, role, started in rows
        ],
    )
    return {person_id: placement_id for placement_id, person_id in inserted}


def _log_hours(session, rng, today, volunteers, placed) -> None:
    """A year of entries, inserted in one go (the demo of 100,000 people must stay quick);
    the milestones they reach are noticed as an approval would notice them."""
    now, rows = utc_now(), []

    def entry(person_id: int, days_ago: int, minutes: int, status: str) -> None:
        rows.append(
            {
                "person_id": person_id,
                "placement_id": placed[person_id],
                "worked_on": today - timedelta(days=days_ago),
                "minutes": minutes,
                "activity": rng.choice(ACTIVITIES),
                "status": status,
                "recorded_at": now,
                "recorded_by": "demo",
                "decided_at": now if status == hours.APPROVED else None,
                "decided_by": "demo" if status == hours.APPROVED else None,
            }
        )

    for number, person_id in enumerate(volunteers):
        # A few long-serving volunteers, so milestones show; the first a quarter short of 50.
        target = 2985 if number == 0 else rng.choice((600, 1200, 2400, 3300, 6300, 15300))
        parts = rng.randint(3, 6)
        for part in range(parts):
            share = target // parts // 15 * 15 if part < parts - 1 else target
            target -= share
            entry(person_id, rng.randint(14, 360), share, hours.APPROVED)
        if number % 4 == 0:
            entry(person_id, rng.randint(1, 13), rng.choice((15, 90, 150, 240)), hours.PENDING)
    session.execute(insert(VolunteerHours.__table__), rows)
    milestones.notice(session, {}, milestones.approved_minutes(session, volunteers))


def _awards(session, today, volunteers) -> None:
    award_round = awards.create_round(
        session, f"Staffordshire Sport Awards {today.year}", today.year
    )
    categories = awards.categories(session, award_round.id)
    reasons = (
        "Runs the junior section every Saturday, whatever the weather.",
        "Kept the club going through a difficult year and doubled its members.",
        "Brought a dozen parents into coaching; always the first to arrive.",
    )
    for number, person_id in enumerate(volunteers[:9]):
        category = categories[number % len(categories)]
        nomination = awards.nominate(
            session, category.id, person_id, "Club secretary", reasons[number % len(reasons)]
        )
        if number < 4:
            awards.set_stage(session, [nomination.id], awards.SHORTLISTED)
