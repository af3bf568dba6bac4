"""The Step into Sport programme: community volunteers who came to its conference, and how
many of them were then placed in a club, against the delivery plan's target of 90%.

A volunteer counts as placed by the first placement starting on or after the conference day
(a placement they already had does not show the programme worked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import Person, Placement, StepIntoSportAttendance

TARGET_PERCENT = 90


@dataclass(frozen=True)
class Conference:
    """One conference's volunteers and how many were placed."""

    conference_on: date
    attended: int
    placed: int

    @property
    def percent_placed(self) -> int:
        """Rounded down, so 89.9% never shows as meeting the 90% target."""
        return self.placed * 100 // self.attended if self.attended else 0

    @property
    def meets_target(self) -> bool:
        return self.attended > 0 and self.placed * 100 >= TARGET_PERCENT * self.attended

    @property
    def described(self) -> str:
        verdict = "meets" if self.meets_target else "below"
        return (
            f"{self.placed} of {self.attended} placed in clubs ({self.percent_placed}%), "
            f"{verdict} the {TARGET_PERCENT}% target"
        )


@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str
    conference_on: date
    placed_on: date | None
    club: str | None


def record_attendance(session: Session, person_id: int, conference_on: date) -> bool:
    """Note that a volunteer came to the conference; returns False if already noted.

    A club placement starting on or after that day counts them as placed straight away.
    """
    require(session, Person, person_id, "person")
    already = session.scalar(
        select(StepIntoSportAttendance.id).where(
            StepIntoSportAttendance.person_id == person_id,
            StepIntoSportAttendance.conference_on == conference_on,
        )
    )
    if already is not None:
        return False
    attendance = StepIntoSportAttendance(person_id=person_id, conference_on=conference_on)
    attendance.placement_id = first_placement_since(session, person_id, conference_on)
    session.add(attendance)
    session.flush()
    audit.record(session, "step into sport", "person", person_id, conference_on=conference_on)
    return True


def first_placement_since(session: Session, person_id: int, conference_on: date) -> int | None:
    """The placement that counts someone as placed after that conference, if any."""
    return session.scalar(
        select(Placement.id)
        .where(Placement.person_id == person_id, Placement.started_on >= conference_on)
        .order_by(Placement.started_on, Placement.id)
        .limit(1)
    )


def placed(session: Session, placement: Placement) -> None:
    """A new placement places this person for any conference they came to before it."""
    for attendance in session.scalars(
        select(StepIntoSportAttendance).where(
            StepIntoSportAttendance.person_id == placement.person_id,
            StepIntoSportAttendance.placement_id.is_(None),
            StepIntoSportAttendance.conference_on <= placement.started_on,
        )
    ):
        attendance.placement_id = placement.id


def conferences(session: Session) -> list[Conference]:
    """Each conference, the latest first."""
    counts: dict[date, list[int]] = {}
    for day, placement_id in session.execute(
        select(StepIntoSportAttendance.conference_on, StepIntoSportAttendance.placement_id)
    ):
        tally = counts.setdefault(day, [0, 0])
        tally[0] += 1
        tally[1] += placement_id is not None
    return [
        Conference(day, attended, placed_count)
        for day, (attended, placed_count) in sorted(counts.items(), reverse=True)
    ]


def attendees(session: Session, conference_on: date) -> list[Attendee]:
    """One conference's volunteers, those not yet placed first, then by name."""
    rows = session.execute(
        select(Person.id, Person.first_name, Person.last_name, Placement)
        .join(StepIntoSportAttendance, StepIntoSportAttendance.person_id == Person.id)
        .outerjoin(Placement, Placement.id == StepIntoSportAttendance.placement_id)
        .where(StepIntoSportAttendance.conference_on == conference_on)
        .order_by(StepIntoSportAttendance.placement_id.is_not(None), Person.sort_name)
    )
    return [
        Attendee(
            pid,
            f"{first} {last}",
            conference_on,
            placement.started_on if placement else None,
            placement.organisation if placement else None,
        )
        for pid, first, last, placement in rows
    ]
