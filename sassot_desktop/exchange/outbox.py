"""The export set in the outbox, laid out as colleagues browse it on the shared drive:

    Workshop programme.xlsx
    People.xlsx                       (no special-category data)
    Attendance/2026-11-23 Emergency First Aid (#42).csv
    Sign-in sheets/…pdf, Certificates/…pdf   (each as last printed or saved)

``refresh`` rebuilds the spreadsheets from the database before a sync; a file is rewritten only
when its bytes changed, so the sync (which compares content) sends only what is new. The
people workbook, the slow one at tens of thousands of people, is rebuilt only when the people
changed since it was last built.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from sassot_desktop import files
from sassot_desktop.attendance import register
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import Booking, Person, Workshop
from sassot_desktop.exchange import exports
from sassot_desktop.exchange.spreadsheets import CSV, XLSX, spreadsheet
from sassot_desktop.paths import DataPaths
from sassot_desktop.progress import Progress

log = logging.getLogger(__name__)

PROGRAMME = "Workshop programme.xlsx"
PEOPLE = "People.xlsx"
ATTENDANCE = "Attendance"
SIGN_IN_SHEETS = "Sign-in sheets"
CERTIFICATES = "Certificates"
# What the people workbook was last built from, beside the database (not in the outbox, which
# is mirrored to the drive as it is).
_BUILT_FROM = "outbox-people.json"


@dataclass
class Refreshed:
    """What a refresh did: the files it wrote, and how many were already up to date."""

    outbox: Path
    written: list[str] = field(default_factory=list)
    unchanged: int = 0

    def keep(self, name: str, data: bytes) -> None:
        if _write_if_changed(self.outbox / name, data):
            self.written.append(name)
        else:
            self.unchanged += 1


def refresh(db: Database, paths: DataPaths, progress: Progress | None = None) -> Refreshed:
    """Bring the outbox's spreadsheets up to date with the database."""
    progress = progress or Progress()
    refreshed = Refreshed(paths.outbox)
    with db.read() as session:
        progress.report(0, 0, "Preparing the workshop programme")
        refreshed.keep(PROGRAMME, spreadsheet(exports.programme(session), XLSX).data)
        workshops = session.execute(
            select(Workshop.id, Workshop.date, Workshop.title)
            .where(select(Booking.id).where(Booking.workshop_id == Workshop.id).exists())
            .order_by(Workshop.date, Workshop.id)
        ).all()
        for done, (workshop_id, day, title) in enumerate(workshops):
            progress.report(done, len(workshops), "Preparing attendance")
            table = exports.attendance_table(register.read_register(session, workshop_id))
            refreshed.keep(attendance_name(workshop_id, day, title), spreadsheet(table, CSV).data)
        _refresh_people(session, paths, progress, refreshed)
    return refreshed


def attendance_name(workshop_id: int, day: date, title: str) -> str:
    return f"{ATTENDANCE}/{day:%Y-%m-%d} {files.safe_file_name(title, 100)} (#{workshop_id}).csv"


def keep_printed(paths: DataPaths, folder: str, file_name: str, pdf: bytes) -> Path:
    """Put a sign-in sheet or certificates just printed or saved where the drive shows them."""
    path = paths.outbox / folder / file_name
    _write_if_changed(path, pdf)
    return path


def _refresh_people(session, paths: DataPaths, progress: Progress, refreshed: Refreshed) -> None:
    # Any person added, removed or edited changes one of these.
    facts = select(
        func.count(), func.max(Person.id), func.max(Person.updated_at), func.sum(Person.id)
    )
    fingerprint = [str(value) for value in session.execute(facts).one()]
    record = paths.data_dir / _BUILT_FROM
    if (paths.outbox / PEOPLE).exists() and _read_json(record) == fingerprint:
        refreshed.unchanged += 1
        return
    progress.report(0, 0, "Preparing the list of people")
    refreshed.keep(PEOPLE, spreadsheet(exports.people(session, progress), XLSX).data)
    files.write_atomically(record, json.dumps(fingerprint).encode("utf-8"))


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds it, so its time (which the sync looks at)
    moves only when its content did; whether it was written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomically(path, data)
    return True


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
