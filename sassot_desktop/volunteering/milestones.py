"""Hour milestones: a volunteer's approved hours reaching 50, 100, 250 or 500.

A milestone is noticed the moment the approval that reaches it is made, and waits on the
volunteering page until the officer marks it acknowledged (a letter sent, a badge given).
Withdrawing an approval takes back any milestone the remaining hours no longer reach, unless
the officer has already acted on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import HoursMilestone, Person, VolunteerHours
from sassot_desktop.errors import UserError

MILESTONE_HOURS = (50, 100, 250, 500)


@dataclass(frozen=True)
class Milestone:
    id: int
    person_id: int
    name: str
    hours: int
    reached_at: datetime
    acknowledged_at: datetime | None

    @property
    def described(self) -> str:
        return f"{self.name} reached {self.hours} hours"


def crossed(minutes_before: int, minutes_after: int) -> list[int]:
    """The milestones (in hours) that lie above the first total and at or below the second."""
    return [h for h in MILESTONE_HOURS if minutes_before < h * 60 <= minutes_after]


def approved_minutes(session: Session, person_ids: Iterable[int]) -> dict[int, int]:
    """Each person's approved minutes (those with none are absent)."""
    ids = list(set(person_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(VolunteerHours.person_id, func.sum(VolunteerHours.minutes))
        .where(VolunteerHours.person_id.in_(ids), VolunteerHours.status == "approved")
        .group_by(VolunteerHours.person_id)
    )
    return {person_id: int(total) for person_id, total in rows}


def notice(session: Session, before: dict[int, int], after: dict[int, int]) -> list[Milestone]:
    """Record the milestones each person's approved total newly reached; return them."""
    now = utc_now()
    # Reached before, withdrawn, reached again: still one milestone.
    had = {
        (person_id, hours)
        for person_id, hours in session.execute(
            select(HoursMilestone.person_id, HoursMilestone.hours).where(
                HoursMilestone.person_id.in_(list(after))
            )
        )
    }
    reached = [
        (person_id, hours)
        for person_id, minutes in after.items()
        for hours in crossed(before.get(person_id, 0), minutes)
        if (person_id, hours) not in had
    ]
    for person_id, hours in reached:
        session.add(HoursMilestone(person_id=person_id, hours=hours, reached_at=now))
    session.flush()
    new = set(reached)
    return [m for m in milestones(session, waiting_only=True) if (m.person_id, m.hours) in new]


def withdraw_unreached(session: Session, after: dict[int, int], person_ids: Iterable[int]) -> int:
    """Take back unacknowledged milestones these people's approved hours no longer reach."""
    withdrawn = 0
    for person_id in set(person_ids):
        minutes = after.get(person_id, 0)
        result = session.execute(
            delete(HoursMilestone).where(
                HoursMilestone.person_id == person_id,
                HoursMilestone.hours * 60 > minutes,
                HoursMilestone.acknowledged_at.is_(None),
            )
        )
        withdrawn += result.rowcount or 0
    return withdrawn


def milestones(session: Session, waiting_only: bool = False) -> list[Milestone]:
    """Milestones, the ones waiting for the officer first, newest first within each."""
    query = (
        select(HoursMilestone, Person.first_name, Person.last_name)
        .join(Person, Person.id == HoursMilestone.person_id)
        .order_by(
            HoursMilestone.acknowledged_at.is_not(None),
            HoursMilestone.reached_at.desc(),
            Person.sort_name,
            HoursMilestone.hours,
        )
    )
    if waiting_only:
        query = query.where(HoursMilestone.acknowledged_at.is_(None))
    return [
        Milestone(m.id, m.person_id, f"{first} {last}", m.hours, m.reached_at, m.acknowledged_at)
        for m, first, last in session.execute(query)
    ]


def acknowledge(session: Session, milestone_ids: Iterable[int]) -> int:
    """Mark milestones as acted on; returns how many were waiting."""
    ids = list(milestone_ids)
    if not ids:
        raise UserError("Choose the milestones you have acted on first.")
    now, actor = utc_now(), audit.current_actor(session)
    marked = 0
    for milestone in session.scalars(select(HoursMilestone).where(HoursMilestone.id.in_(ids))):
        if milestone.acknowledged_at is None:
            milestone.acknowledged_at, milestone.acknowledged_by = now, actor
            audit.record(
                session,
                "acknowledge milestone",
                "person",
                milestone.person_id,
                hours=milestone.hours,
            )
            marked += 1
    session.flush()
    return marked


def last_milestones(session: Session) -> dict[int, int]:
    """The highest milestone each person has reached."""
    rows = session.execute(
        select(HoursMilestone.person_id, func.max(HoursMilestone.hours)).group_by(
            HoursMilestone.person_id
        )
    )
    return {person_id: hours for person_id, hours in rows}
