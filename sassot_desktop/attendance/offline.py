"""A workshop's register taken offline: a SQLite file of its own on the laptop for the evening.

"Take offline" copies the workshop's heading, its bookings and the few fields of each booked
person that check-in needs (names, club) into a file with the newest schema, so that the
check-in screen and every operation of ``attendance.register`` run on it unchanged, durable
per tick. The server notes who took it, on which computer and when (``OfflineRegister``),
and counts the register as held until the laptop's copy is removed: an upload, even of
everything, does not end it, for the laptop may go on ticking after it.

Removing a copy works without the server (``offline remove`` at home), so the laptop leaves a
note beside its registers and tells the server at its next contact (an upload or a take), or at
once when the window removes it with the server in reach. Until then the server says when the
register was last uploaded, which is true and no worse than a note that vanished too soon.

The file also keeps a journal the check-in code never sees: SQLite triggers give every change
to a booking made at the venue (a tick, a status, a walk-in, an undo) its own random id and the
instant it was made. ``attendance.upload`` sends the journal back; the ids make a repeated
upload count nothing twice (``UploadedTick``).
"""

from __future__ import annotations

import json
import socket
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from sassot_desktop import audit, paths
from sassot_desktop.clock import utc_now, venue_moment_of
from sassot_desktop.db import migrate
from sassot_desktop.db.engine import Database, sqlite_url
from sassot_desktop.db.location import describe
from sassot_desktop.db.models import Booking, OfflineRegister, Person, Workshop
from sassot_desktop.errors import UserError
from sassot_desktop.people import search

FOLDER_NAME = "offline"
_REMOVED_NOTES = "removed-register-*.json"

# A version 4 UUID made by SQLite itself, so that the trigger needs nothing from Python.
_UUID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || "
    "lower(hex(randomblob(6)))"
)
_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"  # UTC, as every stored instant

JOURNAL = [
    """CREATE TABLE offline_copy (
        workshop_id INTEGER NOT NULL, register_id INTEGER NOT NULL, server TEXT NOT NULL,
        taken_by TEXT NOT NULL, computer TEXT NOT NULL, taken_at TEXT NOT NULL,
        uploaded_at TEXT)""",
    """CREATE TABLE offline_tick (
        id TEXT PRIMARY KEY, booking_id INTEGER NOT NULL, kind TEXT NOT NULL,
        made_at TEXT NOT NULL, uploaded_at TEXT)""",
    "CREATE TABLE offline_new_person (person_id INTEGER PRIMARY KEY)",
    f"""CREATE TRIGGER offline_tick_changed AFTER UPDATE OF status, arrived_at ON booking
        WHEN OLD.status IS NOT NEW.status OR OLD.arrived_at IS NOT NEW.arrived_at
        BEGIN INSERT INTO offline_tick (id, booking_id, kind, made_at)
              VALUES ({_UUID}, NEW.id, 'change', {_NOW}); END""",
    f"""CREATE TRIGGER offline_tick_walk_in AFTER INSERT ON booking
        BEGIN INSERT INTO offline_tick (id, booking_id, kind, made_at)
              VALUES ({_UUID}, NEW.id, 'walk-in', {_NOW}); END""",
    f"""CREATE TRIGGER offline_tick_removed AFTER DELETE ON booking
        BEGIN INSERT INTO offline_tick (id, booking_id, kind, made_at)
              VALUES ({_UUID}, OLD.id, 'removed', {_NOW}); END""",
    """CREATE TRIGGER offline_person_added AFTER INSERT ON person
        BEGIN INSERT INTO offline_new_person (person_id) VALUES (NEW.id); END""",
]

# What of a person the laptop carries: what the register shows and sorts by, nothing more.
_PERSON_COLUMNS = ("id", "first_name", "last_name", "sort_name", "club", "created_at", "updated_at")


@dataclass(frozen=True)
class OfflineCopy:
    """A register file on this laptop, as a list of them shows it."""

    path: Path
    workshop_id: int
    title: str
    date: date
    start_time: time
    register_id: int
    server: str
    taken_by: str
    computer: str
    taken_at: datetime
    uploaded_at: datetime | None
    waiting: int  # changes made at the venue not yet uploaded

    @property
    def described(self) -> str:
        return f"“{self.title}” on {self.date:%d/%m/%Y} at {self.start_time:%H:%M}"

    @property
    def is_uploaded(self) -> bool:
        """Everything made at the venue is on the server: the copy may go."""
        return self.uploaded_at is not None and not self.waiting

    @property
    def state(self) -> str:
        if self.is_uploaded:
            return "uploaded"
        return "changes since upload" if self.uploaded_at else "not uploaded"


def folder_of(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER_NAME


def file_for(folder: Path, workshop_id: int) -> Path:
    return Path(folder) / f"workshop-{workshop_id}.db"


def this_computer() -> str:
    return socket.gethostname() or "this computer"


def take_offline(
    server: Database, workshop_id: int, folder: Path, computer: str | None = None
) -> OfflineCopy:
    """Copy a workshop's register into ``folder`` for an evening with no network, and note on
    the server who has it. A copy with changes not yet uploaded is never overwritten."""
    path = file_for(folder, workshop_id)
    if path.exists():
        existing = read_copy(path)
        if existing.waiting:
            raise UserError(
                f"The register of {existing.described} is already offline on this computer "
                f"with {existing.waiting} changes not yet uploaded; upload them first."
            )
    paths.make_private_dir(Path(folder))
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    tell_removals(server, folder)
    now = utc_now()
    try:
        with server.write() as session:
            if path.exists():  # the copy replaced gives the register it held back
                _mark_removed(session, read_copy(path), _described(server), now)
            workshop = session.get(Workshop, workshop_id)
            if workshop is None:
                raise UserError(f"There is no workshop with id {workshop_id}.")
            if workshop.cancelled_at is not None:
                raise UserError(f"“{workshop.title}” is cancelled; there is no register to take.")
            held = OfflineRegister(
                workshop_id=workshop_id,
                taken_by=audit.current_actor(session),
                computer=computer or this_computer(),
                taken_at=now,
            )
            session.add(held)
            session.flush()
            audit.record(session, "take offline", "workshop", workshop_id, computer=held.computer)
            rows = _register_rows(session, workshop_id)
            _write_copy(partial, rows, held, _described(server))
        # The file takes its place only once the server has committed its note of it: a copy
        # the server has no note of could never be uploaded, and its ticks would be lost.
        paths.make_private_file(partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return read_copy(path)


def copies_in(folder: Path) -> list[OfflineCopy]:
    """The register files on this laptop, soonest workshop first."""
    if not Path(folder).is_dir():
        return []
    copies = []
    for path in sorted(Path(folder).glob("workshop-*.db")):
        try:
            copies.append(read_copy(path))
        except (sqlite3.Error, ValueError, TypeError):
            continue  # not a register file this program made; left alone
    return sorted(copies, key=lambda copy: (copy.date, copy.start_time, copy.workshop_id))


def read_copy(path: Path) -> OfflineCopy:
    with closing(sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)) as connection:
        copy = connection.execute(
            "SELECT workshop_id, register_id, server, taken_by, computer, taken_at, uploaded_at "
            "FROM offline_copy"
        ).fetchone()
        workshop_id, register_id, server, taken_by, computer, taken_at, uploaded_at = copy
        title, day, start = connection.execute(
            "SELECT title, date, start_time FROM workshop WHERE id = ?", (workshop_id,)
        ).fetchone()
        waiting = connection.execute(
            "SELECT count(*) FROM offline_tick WHERE uploaded_at IS NULL"
        ).fetchone()[0]
    return OfflineCopy(
        path=Path(path),
        workshop_id=workshop_id,
        title=title,
        date=date.fromisoformat(day),
        start_time=time.fromisoformat(start),
        register_id=register_id,
        server=server,
        taken_by=taken_by,
        computer=computer,
        taken_at=datetime.fromisoformat(taken_at),
        uploaded_at=datetime.fromisoformat(uploaded_at) if uploaded_at else None,
        waiting=waiting,
    )


def remove_copy(path: Path, backups: Path) -> Path:
    """Move an uploaded register file out of the way, into the data folder's backups: gone
    from the list of offline registers, kept should anyone need it. Returns where it went.
    The server learns of it from ``tell_removals``."""
    copy = read_copy(path)
    if not copy.is_uploaded:
        waiting = f"{copy.waiting} changes" if copy.waiting else "its changes"
        raise UserError(
            f"The register of {copy.described} has {waiting} not yet on the server; "
            "upload it first, then remove the copy."
        )
    removed_at = utc_now()
    paths.make_private_dir(Path(backups))
    stamp = f"{removed_at:%Y%m%d-%H%M%S}"
    target = Path(backups) / f"offline-workshop-{copy.workshop_id}-{stamp}.db"
    Path(path).replace(target)
    for suffix in ("-wal", "-shm"):  # left only if a program stopped with the file open
        side = Path(f"{path}{suffix}")
        if side.exists():
            side.replace(Path(f"{target}{suffix}"))
    note = Path(path).parent / _REMOVED_NOTES.replace("*", str(copy.register_id))
    note.write_text(
        json.dumps(
            {
                "register_id": copy.register_id,
                "workshop_id": copy.workshop_id,
                "server": copy.server,
                "removed_at": removed_at.isoformat(sep=" "),
            }
        ),
        encoding="utf-8",
    )
    return target


def tell_removals(server: Database, folder: Path) -> int:
    """Tell the server of the copies removed on this laptop since it last could; returns how
    many it was told of. A note for another database is left for that one."""
    notes = sorted(Path(folder).glob(_REMOVED_NOTES)) if Path(folder).is_dir() else []
    if not notes:
        return 0
    here = _described(server)
    told = []
    with server.write() as session:
        for note in notes:
            removed = json.loads(note.read_text(encoding="utf-8"))
            if removed["server"] != here:
                continue
            held = session.get(OfflineRegister, removed["register_id"])
            if held is not None and held.workshop_id == removed["workshop_id"]:
                if held.removed_at is None:
                    held.removed_at = datetime.fromisoformat(removed["removed_at"])
                told.append(note)
    for note in told:  # only once the server has committed
        note.unlink(missing_ok=True)
    return len(told)


def _mark_removed(session: Session, copy: OfflineCopy, server: str, now: datetime) -> None:
    held = session.get(OfflineRegister, copy.register_id)
    if copy.server == server and held is not None and held.workshop_id == copy.workshop_id:
        held.removed_at = held.removed_at or now


def open_copy(path: Path) -> Database:
    """The register file as a database the check-in screen and its operations work on."""
    return Database(sqlite_url(Path(path)))


def holders(session: Session, workshop_id: int) -> list[OfflineRegister]:
    """Who has this workshop's register offline, uploaded or not, latest first."""
    return list(
        session.scalars(
            select(OfflineRegister)
            .where(
                OfflineRegister.workshop_id == workshop_id,
                OfflineRegister.removed_at.is_(None),
            )
            .order_by(OfflineRegister.taken_at.desc(), OfflineRegister.id.desc())
        )
    )


def held_by(held: OfflineRegister) -> str:
    """Who has the register, where, since when and whether it came back: for the workshop's
    page and the workshop list alike."""
    taken = f"{venue_moment_of(held.taken_at):%H:%M on %d/%m/%Y}"
    uploaded = (
        f"last uploaded at {venue_moment_of(held.uploaded_at):%H:%M on %d/%m/%Y}."
        if held.uploaded_at
        else "not uploaded yet."
    )
    return f"Taken offline by {held.taken_by} on {held.computer} at {taken}; {uploaded}"


def taken_offline(session: Session) -> dict[int, OfflineRegister]:
    """The workshops whose register someone has offline, with the latest holder of each: a
    handful of rows, whatever the number of workshops."""
    held = session.scalars(
        select(OfflineRegister)
        .where(OfflineRegister.removed_at.is_(None))
        .order_by(OfflineRegister.taken_at, OfflineRegister.id)
    )
    return {register.workshop_id: register for register in held}


def _register_rows(session: Session, workshop_id: int) -> dict[str, list[dict]]:
    workshop = session.execute(
        select(Workshop.__table__).where(Workshop.id == workshop_id)
    ).mappings()
    bookings = session.execute(
        select(Booking.__table__).where(Booking.workshop_id == workshop_id)
    ).mappings()
    booking_rows = [dict(row) for row in bookings]
    person_ids = sorted({row["person_id"] for row in booking_rows})
    people = session.execute(
        select(*(Person.__table__.c[name] for name in _PERSON_COLUMNS)).where(
            Person.id.in_(person_ids)
        )
    ).mappings()
    return {
        "workshop": [dict(row) for row in workshop],
        "person": [dict(row) for row in people],
        "booking": booking_rows,
    }


def _write_copy(
    path: Path, rows: dict[str, list[dict]], held: OfflineRegister, server: str
) -> None:
    db = Database(sqlite_url(path))
    try:
        migrate.upgrade(db)  # an empty file: the newest schema, straight from the models
        with db.write() as session:
            for table in (Workshop, Person, Booking):
                if rows[table.__tablename__]:
                    session.execute(insert(table.__table__), rows[table.__tablename__])
            for person in session.scalars(select(Person)):
                search.reindex(session, person)  # names and club only: all the laptop holds
            for statement in JOURNAL:
                session.execute(text(statement))
            session.execute(
                text(
                    "INSERT INTO offline_copy (workshop_id, register_id, server, taken_by, "
                    "computer, taken_at) VALUES (:workshop, :register, :server, :by, "
                    ":computer, :at)"
                ),
                {
                    "workshop": held.workshop_id,
                    "register": held.id,
                    "server": server,
                    "by": held.taken_by,
                    "computer": held.computer,
                    "at": held.taken_at.isoformat(sep=" "),
                },
            )
    finally:
        db.close()


def _described(server: Database) -> str:
    """The server as a register file names it: how a copy knows the database it came from."""
    return describe(None if server.is_sqlite else server.url)
