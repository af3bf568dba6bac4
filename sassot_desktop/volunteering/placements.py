"""Placements: where a volunteer gives their time (a club or organisation), in what role, from
when to when. A placement with no end is current."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import Person, Placement
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


def placements_of(session: Session, person_id: int) -> list[PlacementRow]:
    """A person's placements, the latest start first."""
    rows = session.scalars(
        select(Placement)
        .where(Placement.person_id == person_id)
        .order_by(Placement.started_on.desc(), Placement.id.desc())
    )
    return [
        PlacementRow(p.id, p.person_id, p.organisation, p.role, p.started_on, p.ended_on)
        for p in rows
    ]


def _check_dates(started_on: date, ended_on: date | None) -> None:
    if ended_on is not None and ended_on < started_on:
        raise UserError(
            f"A placement cannot end ({ended_on:%d/%m/%Y}) before it starts "
            f"({started_on:%d/%m/%Y}); check the dates."
        )
