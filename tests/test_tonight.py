"""Tonight's register read straight from the file at start-up matches the full program's."""

from __future__ import annotations

import sqlite3
from datetime import datetime, time

from databases import sqlite_only
from sassot_desktop.attendance import register
from sassot_desktop.attendance.tonight import read_tonight
from sassot_desktop.clock import venue_today

pytestmark = sqlite_only(
    "the start-up fast path reads the SQLite file directly; on a server the window "
    "takes the normal path"
)


def evening() -> datetime:
    return datetime.combine(venue_today(), time(18, 45))


def test_the_quick_read_matches_the_full_program(demo_workspace):
    with demo_workspace.db.write() as session:
        workshop_id = register.workshop_to_check_in(session, evening())
        entries = register.roster(session, workshop_id)
        register.check_in(session, entries[0].booking_id)
        register.add_walk_in(session, workshop_id, person_id=_someone_not_booked(demo_workspace))
    quick = read_tonight(demo_workspace.paths.database, evening())
    with demo_workspace.db.read() as session:
        full = register.read_register(session, workshop_id)
    assert quick == full
    assert quick.heading.title == "Emergency First Aid"
    assert quick.heading.start_time == time(18, 30)
    assert quick.entries[0].arrived_local is not None
    assert any(entry.walk_in for entry in quick.entries)
    assert [e.search_tokens for e in quick.entries] == [e.search_tokens for e in full.entries]


def test_nothing_quick_without_a_database_or_a_workshop_today(data_dir, workspace):
    assert read_tonight(data_dir / "missing.db", evening()) is None
    assert read_tonight(workspace.paths.database, evening()) is None  # no workshops at all


def test_a_database_that_needs_migrating_takes_the_full_start(demo_workspace):
    with sqlite3.connect(demo_workspace.paths.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000'")
    assert read_tonight(demo_workspace.paths.database, evening()) is None


def test_a_file_that_is_not_a_database_takes_the_full_start(tmp_path):
    damaged = tmp_path / "sassot.db"
    damaged.write_bytes(b"this is not a database" * 100)
    assert read_tonight(damaged, evening()) is None


def _someone_not_booked(workspace) -> int:
    with sqlite3.connect(workspace.paths.database) as connection:
        return connection.execute(
            "SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM booking) LIMIT 1"
        ).fetchone()[0]
