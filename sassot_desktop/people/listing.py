"""The people screen's list: which people (ids, in order) and what a row shows.

The screen never holds 100,000 people: ``ids`` answers the filters and the sort with the
ids alone, and ``rows`` reads the few rows in sight. Both are plain SQL that runs the same on
SQLite and PostgreSQL. A row carries no special-category data (ethnicity, disability): those
belong to the person's own page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, bindparam, exists, func, select
from sqlalchemy.orm import Session

from sassot_desktop.db.models import Booking, Person, PersonRole, Workshop
from sassot_desktop.geography import DISTRICTS
from sassot_desktop.people import search
from sassot_desktop.people.roles import ROLES

# A search shows at most this many people; more means the officer should type more. Each key
# reads them again, in the list's order: a few hundred keep that within a frame.
SEARCH_LIMIT = 300
NO_DISTRICT = ""  # the district filter's "outside the county / not known"

# Activity: the workshops a person came to (or booked), by how long ago.
RECENT = "recent"
LAPSED = "lapsed"
NEVER = "never"
ACTIVITIES: dict[str, str] = {
    RECENT: "Came to a workshop in the last 12 months",
    LAPSED: "No workshop for 3 years or more",
    NEVER: "Never booked a workshop",
}
_PRESENT = ("attended", "late", "left early")

# The columns the list can be sorted by, as the screen and the command line name them.
SORTS: dict[str, tuple[ColumnElement, ...]] = {
    "name": (Person.sort_name,),
    "first name": (Person.first_name, Person.last_name),
    "last name": (Person.last_name, Person.first_name),
    "email": (Person.email,),
    "postcode": (Person.postcode,),
    "district": (Person.district,),
    "club": (Person.club,),
}


@dataclass(frozen=True)
class PeopleQuery:
    """What the officer asked the list for; everything optional."""

    text: str = ""
    role: str | None = None
    district: str | None = None  # one of DISTRICTS, NO_DISTRICT, or None for any
    activity: str | None = None
    sort: str = "name"
    descending: bool = False
    # Filters other areas add (e.g. the minimum operating standards' "lapsed"), as conditions
    # on ``Person``; each is ANDed with the rest.
    conditions: tuple[ColumnElement[bool], ...] = field(default=())


@dataclass(frozen=True)
class PersonRow:
    """A person as the list shows them: contact and club, never equality answers."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    postcode: str | None
    district: str | None
    club: str | None
    roles: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Found:
    ids: list[int]
    capped: bool  # a search found more than SEARCH_LIMIT; only the first are listed


def ids(
    session: Session,
    query: PeopleQuery,
    today: date,
    offset: int = 0,
    limit: int | None = None,
) -> Found:
    """The ids of the people ``query`` asks for, in its order; ``limit`` of them from
    ``offset`` on (a screenful of everyone, without reading all 100,000)."""
    statement = select(Person.id)
    capped = False
    if query.text.strip():
        matched = search.matching_ids(session, query.text, SEARCH_LIMIT + 1)
        if not matched:
            return Found([], False)
        capped = len(matched) > SEARCH_LIMIT
        statement = statement.where(Person.id.in_(matched[:SEARCH_LIMIT]))
    for condition in _conditions(query, today):
        statement = statement.where(condition)
    # Through Core, not the ORM: 100,000 ids come back in a tenth of the time.
    ordered = statement.order_by(*_order(query))
    if limit is not None:
        ordered = ordered.offset(offset).limit(limit)
    return Found(session.connection().execute(ordered).scalars().all(), capped)


@dataclass(frozen=True)
class FoundRows:
    ids: list[int]  # everyone the search lists, in the list's order
    rows: list[PersonRow]  # the first of them, read whole
    capped: bool  # a search found more than SEARCH_LIMIT; only the first are listed


def search_rows(session: Session, query: PeopleQuery, today: date, first: int) -> FoundRows:
    """What a search (``query.text``) lists: the ids in the list's order and the ``first``
    rows whole, from one statement, since it runs on every key the officer presses."""
    matched = search.matching_ids(session, query.text, SEARCH_LIMIT + 1)
    if not matched:
        return FoundRows([], [], False)
    statement = _ROWS
    for condition in _conditions(query, today):
        statement = statement.where(condition)
    statement = statement.order_by(*_order(query))
    read = session.connection().execute(statement, {"ids": matched[:SEARCH_LIMIT]}).all()
    rows = _with_roles(session, read[:first])
    return FoundRows([row[0] for row in read], rows, len(matched) > SEARCH_LIMIT)


def count(session: Session, query: PeopleQuery, today: date) -> int:
    """How many people ``query`` (without search text) asks for."""
    statement = select(func.count()).select_from(Person)
    for condition in _conditions(query, today):
        statement = statement.where(condition)
    return session.scalar(statement)


def _conditions(query: PeopleQuery, today: date) -> list[ColumnElement[bool]]:
    conditions = list(query.conditions)
    if query.role is not None:
        if query.role not in ROLES:
            raise ValueError(f"unknown role {query.role!r}")
        conditions.append(
            exists().where(PersonRole.person_id == Person.id, PersonRole.role == query.role)
        )
    if query.district == NO_DISTRICT:
        conditions.append(Person.district.is_(None))
    elif query.district is not None:
        if query.district not in DISTRICTS:
            raise ValueError(f"unknown district {query.district!r}")
        conditions.append(Person.district == query.district)
    if query.activity is not None:
        conditions.append(_activity(query.activity, today))
    return conditions


def _activity(activity: str, today: date) -> ColumnElement[bool]:
    booked = select(Booking.id).where(Booking.person_id == Person.id)
    if activity == NEVER:
        return ~booked.exists()
    on_workshops = booked.join(Workshop, Workshop.id == Booking.workshop_id)
    if activity == RECENT:
        return on_workshops.where(
            Booking.status.in_(_PRESENT),
            Workshop.date > today - timedelta(days=365),
            Workshop.date <= today,
        ).exists()
    if activity == LAPSED:
        three_years_ago = date(today.year - 3, today.month, min(today.day, 28))
        return and_(booked.exists(), ~on_workshops.where(Workshop.date > three_years_ago).exists())
    raise ValueError(f"unknown activity {activity!r}")


def _order(query: PeopleQuery) -> list[ColumnElement]:
    columns = SORTS[query.sort]
    # Ties by id: every index holds it, so the database walks the index instead of sorting.
    ordered = [*columns, Person.id]
    return [column.desc() if query.descending else column for column in ordered]


_ROWS = select(
    Person.id,
    Person.first_name,
    Person.last_name,
    Person.email,
    Person.postcode,
    Person.district,
    Person.club,
).where(Person.id.in_(bindparam("ids", expanding=True)))
_ROLES = select(PersonRole.person_id, PersonRole.role).where(
    PersonRole.person_id.in_(bindparam("ids", expanding=True))
)


def rows(session: Session, person_ids: Sequence[int]) -> list[PersonRow]:
    """The rows of ``person_ids``, in that order (ids no longer there are left out)."""
    if not person_ids:
        return []
    wanted = list(person_ids)
    read = session.connection().execute(_ROWS, {"ids": wanted})
    found = {row.id: row for row in _with_roles(session, read)}
    return [found[person_id] for person_id in wanted if person_id in found]


def _with_roles(session: Session, read: Iterable[Sequence]) -> list[PersonRow]:
    """Rows of ``_ROWS``' columns, in the order read, each with the person's roles."""
    people = list(read)
    if not people:
        return []
    roles: dict[int, set[str]] = {}
    ids = [person[0] for person in people]
    for person_id, role in session.connection().execute(_ROLES, {"ids": ids}):
        roles.setdefault(person_id, set()).add(role)
    return [PersonRow(*person, _in_order(roles.get(person[0]))) for person in people]


def _in_order(roles: set[str] | None) -> tuple[str, ...]:
    return tuple(role for role in ROLES if role in roles) if roles else ()
