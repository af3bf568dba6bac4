"""Reading a register, and finding tonight's, with nothing but SQL text and a driver.

The window opens on tonight's check-in. To paint it in a blink, start-up reads tonight's
register straight from the SQLite file with ``sqlite3`` (``read_tonight``) while the database
layer is still loading; once loaded, the same queries run through SQLAlchemy (``register``).
Either way the statements and the rules below are the same ones: a reader is just a function
that runs SQL with named parameters and returns rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple

from sassot_desktop.attendance.roster import RosterEntry
from sassot_desktop.db.revision import HEAD_REVISION
from sassot_desktop.db.status import Status, certificate_earned
from sassot_desktop.errors import NotFound

# Runs one statement with named parameters (":name") and returns its rows.
Reader = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]

ROSTER_SQL = """
SELECT booking.id, person.id, person.first_name, person.last_name, person.club,
       booking.status, booking.arrived_local, booking.walk_in, booking.certificate_override
FROM booking JOIN person ON person.id = booking.person_id
WHERE booking.workshop_id = :workshop_id
ORDER BY person.sort_name, person.id
"""
HEADING_SQL = """
SELECT id, title, date, start_time, end_time, venue_name, district, tutor
FROM workshop WHERE id = :workshop_id
"""
TODAYS_WORKSHOPS_SQL = """
SELECT id, start_time, end_time FROM workshop
WHERE date = :day AND cancelled_at IS NULL
ORDER BY start_time, id
"""


class WorkshopHeading(NamedTuple):
    """What the top of a register shows about its workshop."""

    id: int
    title: str
    date: date
    start_time: time
    end_time: time
    venue_name: str
    district: str | None
    tutor: str | None


class Register(NamedTuple):
    heading: WorkshopHeading
    entries: list[RosterEntry]


def register_of(read: Reader, workshop_id: int) -> Register:
    """A workshop's heading and every booking on it, in last-name order."""
    rows = read(HEADING_SQL, {"workshop_id": workshop_id})
    if not rows:
        raise NotFound(f"There is no workshop with id {workshop_id}.")
    number, title, day, start, end, venue, district, tutor = rows[0]
    heading = WorkshopHeading(
        number, title, _day(day), _clock(start), _clock(end), venue, district, tutor
    )
    entries = [entry_from_row(*row) for row in read(ROSTER_SQL, {"workshop_id": workshop_id})]
    return Register(heading, entries)


def entry_from_row(
    booking_id: int,
    person_id: int,
    first_name: str,
    last_name: str,
    club: str | None,
    status: str,
    arrived_local: time | str | None,
    walk_in: bool | int,
    certificate_override: bool | int | None,
) -> RosterEntry:
    """A ``ROSTER_SQL`` row as a register entry, whichever driver read it (SQLite hands
    booleans back as 0/1)."""
    override = None if certificate_override is None else bool(certificate_override)
    return RosterEntry(
        booking_id=booking_id,
        person_id=person_id,
        first_name=first_name,
        last_name=last_name,
        club=club,
        status=Status(status),
        arrived_local=None if arrived_local is None else _clock(arrived_local),
        walk_in=bool(walk_in),
        earns_certificate=certificate_earned(Status(status), override),
    )


def workshop_to_check_in(read: Reader, now: datetime) -> int | None:
    """Today's workshop to open on: the one in progress or starting next, else today's last."""
    todays = read(TODAYS_WORKSHOPS_SQL, {"day": now.date().isoformat()})
    if not todays:
        return None
    for number, _start, end in todays:
        if _clock(end) > now.time():
            return number
    return todays[-1][0]


def read_tonight(database: Path, now: datetime) -> Register | None:
    """Tonight's register straight from the file, or None when the full start-up must run
    first: no database yet, a schema to migrate, no workshop today, or anything unexpected."""
    if not database.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as connection:

            def read(sql: str, parameters: dict[str, Any]) -> list[tuple]:
                return connection.execute(sql, parameters).fetchall()

            if read("SELECT version_num FROM alembic_version", {}) != [(HEAD_REVISION,)]:
                return None
            workshop_id = workshop_to_check_in(read, now)
            return None if workshop_id is None else register_of(read, workshop_id)
    except (sqlite3.Error, ValueError, TypeError):
        # A damaged file (garbled text where a date or status belongs, unreadable pages) is
        # left to the full start-up, which checks it and says what to do.
        return None


def _day(value: date | str) -> date:
    # SQLite hands dates and times back as ISO text; PostgreSQL as values.
    return date.fromisoformat(value) if isinstance(value, str) else value


def _clock(value: time | str) -> time:
    return time.fromisoformat(value) if isinstance(value, str) else value
