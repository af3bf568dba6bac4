"""Who needs what: every coach's standing, for the standards page, ``standards due`` and the
reminders."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select, union
from sqlalchemy.orm import Session

from sassot_desktop.db.models import Person, PersonRole, StandardRecord
from sassot_desktop.people.roles import COACH
from sassot_desktop.standards.kinds import WARNING_DAYS, Kind
from sassot_desktop.standards.status import Assessment, Held, Standing, assess


def coach_ids() -> Select:
    """The ids of everyone counted as a coach: whoever has the coach role, and whoever holds
    at least one check or qualification (a record means they coach, whatever the roles say).
    A coach with the role and nothing recorded is listed as missing everything, which is
    what the standards are for. The one place that says who a coach is."""
    with_role = select(PersonRole.person_id).where(PersonRole.role == COACH)
    with_records = select(StandardRecord.person_id)
    return select(union(with_role, with_records).subquery().c.person_id)


def is_coach(session: Session, person_id: int) -> bool:
    """Whether ``person_id`` counts as a coach (see ``coach_ids``)."""
    coaches = coach_ids().subquery()
    found = select(coaches.c.person_id).where(coaches.c.person_id == person_id).limit(1)
    return session.scalar(found) is not None


@dataclass(frozen=True)
class CoachStanding:
    person_id: int
    first_name: str
    last_name: str
    email: str | None
    district: str | None
    assessment: Assessment

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def standing(self) -> Standing:
        return self.assessment.standing


def coach_standings(
    session: Session,
    today: date,
    within_days: int = WARNING_DAYS,
    standings: Collection[Standing] | None = None,
    district: str | None = None,
) -> list[CoachStanding]:
    """Every coach with their standing, in name order; ``standings`` and ``district`` keep
    only those wanted (a district of "" keeps those with none)."""
    people = select(
        Person.id, Person.first_name, Person.last_name, Person.email, Person.district
    ).where(Person.id.in_(coach_ids()))
    if district is not None:
        people = people.where(
            Person.district == district if district else Person.district.is_(None)
        )
    people = people.order_by(Person.sort_name, Person.id)
    held = _held_by_coach(session)
    found = []
    for person_id, first_name, last_name, email, in_district in session.execute(people):
        assessment = assess(held.get(person_id, ()), today, within_days)
        if standings is None or assessment.standing in standings:
            found.append(
                CoachStanding(person_id, first_name, last_name, email, in_district, assessment)
            )
    return found


def coaches_due(
    session: Session, today: date, within_days: int = WARNING_DAYS
) -> list[CoachStanding]:
    """Coaches who need something: lapsed, missing or expiring within ``within_days``; the
    most urgent first (earliest expiry), those missing a record after, in name order."""
    needing = coach_standings(
        session,
        today,
        within_days,
        standings=(Standing.LAPSED, Standing.MISSING, Standing.EXPIRING),
    )
    never = date.max
    return sorted(needing, key=lambda coach: coach.assessment.first_due or never)


def standing_of(session: Session, person_id: int, today: date) -> Assessment:
    """One person's standing, as their page shows it."""
    rows = session.execute(
        select(StandardRecord.kind, StandardRecord.expires_on).where(
            StandardRecord.person_id == person_id
        )
    )
    return assess([Held(Kind(kind), expires_on) for kind, expires_on in rows], today)


def _held_by_coach(session: Session) -> dict[int, list[Held]]:
    held: dict[int, list[Held]] = defaultdict(list)
    rows = session.execute(
        select(StandardRecord.person_id, StandardRecord.kind, StandardRecord.expires_on).where(
            StandardRecord.person_id.in_(coach_ids())
        )
    )
    for person_id, kind, expires_on in rows:
        held[person_id].append(Held(Kind(kind), expires_on))
    return held
