"""What each export holds: the people, the workshop programme, one workshop's attendance.

Each table reads through the caller's session and has headings in plain words; the writing of
it is ``write_export``, the one operation the command line and the window both call. The rows
are in a fixed order that does not depend on the day, so unchanged data exports to unchanged
bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sassot_desktop import files
from sassot_desktop.attendance import register
from sassot_desktop.attendance.tonight import Register
from sassot_desktop.clock import venue_date_of
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import Person
from sassot_desktop.errors import UserError
from sassot_desktop.exchange.cells import Cell, Money
from sassot_desktop.exchange.spreadsheets import XLSX, Table, format_of, spreadsheet
from sassot_desktop.formatting import short_date
from sassot_desktop.progress import Progress
from sassot_desktop.workshops.catalogue import WorkshopRow, list_workshops

PEOPLE = "people"
WORKSHOPS = "workshops"
ATTENDANCE = "attendance"
KINDS = (PEOPLE, WORKSHOPS, ATTENDANCE)

PEOPLE_HEADINGS = (
    "First name",
    "Last name",
    "Email",
    "Phone",
    "Postcode",
    "District",
    "Club",
    "Sport",
    "Date of birth",
    "Consent given",
    "How consent was given",
)
PROGRAMME_HEADINGS = (
    "Date",
    "Start",
    "End",
    "Title",
    "Provider",
    "Venue",
    "District",
    "Tutor",
    "Capacity",
    "Fee",
    "Booked",
    "Attended",
    "Waiting",
    "Status",
)
ATTENDANCE_HEADINGS = (
    "First name",
    "Last name",
    "Club",
    "Status",
    "Arrived",
    "Walk-in",
    "Certificate",
)
# People are read and written this many at a time, with a progress report (and a chance to
# cancel) after each batch.
PEOPLE_BATCH = 2_000


# -- the tables ------------------------------------------------------------------------------
def people(session: Session, progress: Progress | None = None) -> Table:
    """Everyone, in last-name order; read in batches as the file is written, so that 100,000
    people never sit in memory at once. Special-category data is not part of it."""
    total = session.scalar(select(func.count()).select_from(Person)) or 0
    return Table("People", PEOPLE_HEADINGS, _people_rows(session, total, progress or Progress()))


def _people_rows(session: Session, total: int, progress: Progress) -> Iterator[Sequence[Cell]]:
    statement = (
        select(
            Person.first_name,
            Person.last_name,
            Person.email,
            Person.phone,
            Person.postcode,
            Person.district,
            Person.club,
            Person.sport,
            Person.date_of_birth,
            Person.consent_at,
            Person.consent_method,
        )
        .order_by(Person.sort_name, Person.id)
        .execution_options(yield_per=PEOPLE_BATCH)
    )
    done = 0
    progress.report(done, total, "Exporting people…")
    for batch in session.execute(statement).partitions():
        for row in batch:
            *details, consent_at, consent_method = row
            consent_day = venue_date_of(consent_at) if consent_at else None
            yield (*details, consent_day, consent_method)
        done += len(batch)
        progress.report(done, total, f"Exporting people: {done:,} of {total:,}")


def programme(session: Session, **filters: Any) -> Table:
    """The workshops (those matching ``list_workshops`` filters, if any), in date order."""
    rows = sorted(list_workshops(session, **filters), key=lambda w: (w.date, w.start_time, w.id))
    return Table("Programme", PROGRAMME_HEADINGS, [_programme_row(row) for row in rows])


def _programme_row(workshop: WorkshopRow) -> tuple[Cell, ...]:
    return (
        workshop.date,
        workshop.start_time,
        workshop.end_time,
        workshop.title,
        workshop.provider,
        workshop.venue,
        workshop.district,
        workshop.tutor,
        workshop.capacity,
        Money(workshop.fee_pence),
        workshop.booked,
        workshop.attended,
        workshop.waiting,
        workshop_status(workshop),
    )


def workshop_status(workshop: WorkshopRow) -> str:
    """Where a workshop stands, in words that do not change with the date of the export."""
    if workshop.cancelled:
        return "Cancelled"
    return "Register closed" if workshop.register_closed else "Scheduled"


def attendance(session: Session, workshop_id: int) -> Table:
    """Everyone booked on one workshop, and what happened on the night, in last-name order."""
    return attendance_table(register.read_register(session, workshop_id))


def attendance_table(workshop_register: Register) -> Table:
    heading = workshop_register.heading
    rows = [
        (
            entry.first_name,
            entry.last_name,
            entry.club,
            entry.status.value.capitalize(),
            entry.arrived_local,
            entry.walk_in,
            entry.earns_certificate,
        )
        for entry in workshop_register.entries
    ]
    return Table(f"{heading.title} {heading.date:%d-%m-%Y}", ATTENDANCE_HEADINGS, rows)


# -- writing a file --------------------------------------------------------------------------
@dataclass(frozen=True)
class Exported:
    path: Path
    rows: int
    what: str  # "people", "workshops", or "bookings on <workshop>"

    @property
    def message(self) -> str:
        return f"Wrote {self.rows:,} {self.what} to {self.path}."


def write_export(
    db: Database,
    kind: str,
    path: str | os.PathLike[str],
    workshop_id: int | None = None,
    progress: Progress | None = None,
    **filters: Any,
) -> Exported:
    """Write the export of ``kind`` to ``path``, as XLSX or CSV by its suffix, whole or not
    at all; ``filters`` narrow the workshops as the workshop list does."""
    file_format = format_of(path)
    if kind == ATTENDANCE and workshop_id is None:
        raise UserError(
            "Say which workshop's attendance to export: give its id, as `workshops list` shows."
        )
    with db.read() as session:
        if kind == PEOPLE:
            table, what = people(session, progress), PEOPLE
        elif kind == WORKSHOPS:
            table, what = programme(session, **filters), WORKSHOPS
        elif kind == ATTENDANCE:
            workshop_register = register.read_register(session, workshop_id)
            table = attendance_table(workshop_register)
            heading = workshop_register.heading
            what = f"bookings on “{heading.title}” of {short_date(heading.date)}"
        else:
            raise UserError(f"There is no export of {kind}; choose one of {', '.join(KINDS)}.")
        sheet = spreadsheet(table, file_format)
    written = files.write_atomically(path, sheet.data)
    return Exported(written, sheet.rows, _singular(what) if sheet.rows == 1 else what)


def _singular(what: str) -> str:
    for many, one in (("people", "person"), ("workshops", "workshop"), ("bookings", "booking")):
        if what.startswith(many):
            return one + what[len(many) :]
    return what


def suggested_name(words: str, day: date, file_format: str = XLSX) -> str:
    """A file name for the save dialog: "workshops 2026-11-23.xlsx"."""
    return f"{files.safe_file_name(words, 100)} {day:%Y-%m-%d}.{file_format}"
