"""Placements: where a volunteer gives their time (a club or organisation), in what role, from
when to when. A placement with no end is current."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import Person, Placement, StepIntoSportAttendance, VolunteerHours
from sassot_desktop.errors import UserError
from sassot_desktop.people.records import clean_name
from sassot_desktop.volunteering import step_into_sport


@dataclass(frozen=True)
class PlacementRow:
    id: int
    person_id: int
    organisation: str
    role: str
    started_on: date
    ended_on: date | None

    @property
    def described(self) -> str:
        return f"{self.role}, {self.organisation}"

    def is_current(self, today: date) -> bool:
        return self.started_on <= today and (self.ended_on is None or self.ended_on >= today)


def add_placement(
    session: Session,
    person_id: int,
    organisation: str,
    role: str,
    started_on: date,
    ended_on: date | None = None,
) -> Placement:
    """Place a volunteer; a Step into Sport volunteer from an earlier conference who had no
    club yet counts as placed from this placement's start."""
    require(session, Person, person_id, "person")
    organisation, role = clean_name(organisation), clean_name(role)
    if not organisation:
        raise UserError("Enter the club or organisation the volunteer is placed with.")
    if not role:
        raise UserError("Enter the volunteer's role there, like “team manager”.")
    _check_dates(started_on, ended_on)
    placement = Placement(
        person_id=person_id,
        organisation=organisation[:200],
        role=role[:100],
        started_on=started_on,
        ended_on=ended_on,
        created_at=utc_now(),
    )
    session.add(placement)
    session.flush()
    step_into_sport.placed(session, placement)
    audit.record(session, "add placement", "person", person_id, placement_id=placement.id)
    return placement


def end_placement(session: Session, placement_id: int, ended_on: date | None) -> Placement:
    """Set (or with None, clear) the day a placement ended."""
    placement = require(session, Placement, placement_id, "placement")
    _check_dates(placement.started_on, ended_on)
    placement.ended_on = ended_on
    audit.record(
        session,
        "end placement",
        "person",
        placement.person_id,
        placement_id=placement_id,
        ended_on=ended_on,
    )
    session.flush()
    return placement


@dataclass(frozen=True)
class RemovedPlacement:
    """A deleted placement and what pointed at it, enough to put it all back."""

    row: PlacementRow
    created_at: datetime
    hours_ids: tuple[int, ...]  # hours logged with it, kept but now with no placement
    attendance_ids: tuple[int, ...]  # Step into Sport conferences it counted as placed


def remove_placement(session: Session, placement_id: int) -> RemovedPlacement:
    """Delete a placement entered by mistake. Hours logged with it are kept (with no
    placement); a Step into Sport volunteer it counted as placed counts as placed by their next
    placement after the conference, if any."""
    placement = require(session, Placement, placement_id, "placement")
    hours_ids = tuple(
        session.scalars(
            select(VolunteerHours.id).where(VolunteerHours.placement_id == placement_id)
        )
    )
    attendances = list(
        session.scalars(
            select(StepIntoSportAttendance).where(
                StepIntoSportAttendance.placement_id == placement_id
            )
        )
    )
    removed = RemovedPlacement(
        _row(placement), placement.created_at, hours_ids, tuple(a.id for a in attendances)
    )
    session.execute(
        update(VolunteerHours)
        .where(VolunteerHours.placement_id == placement_id)
        .values(placement_id=None)
    )
    for attendance in attendances:
        attendance.placement_id = None
    session.delete(placement)
    session.flush()
    for attendance in attendances:
        attendance.placement_id = step_into_sport.first_placement_since(
            session, attendance.person_id, attendance.conference_on
        )
    audit.record(
        session, "remove placement", "person", placement.person_id, placement_id=placement_id
    )
    session.flush()
    return removed


def restore_placement(session: Session, removed: RemovedPlacement) -> Placement:
    """Put back a placement ``remove_placement`` deleted, with its hours and conferences."""
    row = removed.row
    require(session, Person, row.person_id, "person")
    placement = Placement(
        id=row.id,
        person_id=row.person_id,
        organisation=row.organisation,
        role=row.role,
        started_on=row.started_on,
        ended_on=row.ended_on,
        created_at=removed.created_at,
    )
    session.add(placement)
    session.flush()
    for model, ids in (
        (VolunteerHours, removed.hours_ids),
        (StepIntoSportAttendance, removed.attendance_ids),
    ):
        if ids:
            session.execute(update(model).where(model.id.in_(ids)).values(placement_id=row.id))
    audit.record(session, "restore placement", "person", row.person_id, placement_id=row.id)
    session.flush()
    return placement


def placements_of(session: Session, person_id: int) -> list[PlacementRow]:
    """A person's placements, the latest start first."""
    rows = session.scalars(
        select(Placement)
        .where(Placement.person_id == person_id)
        .order_by(Placement.started_on.desc(), Placement.id.desc())
    )
    return [_row(p) for p in rows]


def _row(p: Placement) -> PlacementRow:
    return PlacementRow(p.id, p.person_id, p.organisation, p.role, p.started_on, p.ended_on)


def _check_dates(started_on: date, ended_on: date | None) -> None:
    if ended_on is not None and ended_on < started_on:
        raise UserError(
            f"A placement cannot end ({ended_on:%d/%m/%Y}) before it starts "
            f"({started_on:%d/%m/%Y}); check the dates."
        )
