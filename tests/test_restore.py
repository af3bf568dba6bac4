"""Restoring a backup: only a sound SASSOT database of a known revision goes back, the current
one is kept first, and nothing of the replaced database (its -wal journal) survives."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from test_damaged_database import counts, damage_pages, sassot

from databases import sqlite_only
from sassot_desktop import instance
from sassot_desktop.db import migrate, restore
from sassot_desktop.db.backup import backup_sqlite, list_backups
from sassot_desktop.errors import UserError
from sassot_desktop.workspace import open_workspace

pytestmark = sqlite_only(
    "a restore puts a SQLite file back; on a server restores are the server's job"
)


@pytest.fixture
def closed_demo(demo_workspace):
    """The demo data folder with nothing holding its database open."""
    demo_workspace.close()
    return demo_workspace.paths


def folder_state(paths) -> dict[str, bytes]:
    """Every file of the data folder and its backups, byte for byte (the log aside)."""
    files = [*paths.data_dir.glob("sassot.db*"), *paths.backups.iterdir()]
    return {file.name: file.read_bytes() for file in files}


def make_sqlite(path: Path, *statements: str) -> Path:
    with closing(sqlite3.connect(path)) as connection:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    return path


def test_refusals_leave_the_current_database_untouched(closed_demo, tmp_path):
    damaged = backup_sqlite(closed_demo.database, tmp_path / "elsewhere")
    damage_pages(damaged)
    newer = backup_sqlite(closed_demo.database, tmp_path / "elsewhere")
    make_sqlite(newer, "UPDATE alembic_version SET version_num = '9999'")
    other = make_sqlite(tmp_path / "other.db", "CREATE TABLE alembic_version (version_num)")
    not_a_database = tmp_path / "people.csv"
    not_a_database.write_text("First name,Last name\nZoë,Ó'Brien\n", encoding="utf-8")
    untouched = folder_state(closed_demo)

    refusals = {
        not_a_database: "it is not a database file",
        damaged: "cannot be restored",
        newer: "newer version of SASSOT Workforce",
        other: "is not a SASSOT Workforce database",
        tmp_path / "missing.db": "There is no file",
    }
    for file, reason in refusals.items():
        with pytest.raises(UserError, match=reason):
            restore.restore(closed_demo, file)
        assert folder_state(closed_demo) == untouched, file.name
    assert not list(closed_demo.data_dir.glob(".*restoring"))


@pytest.mark.parametrize("damaged", [False, True], ids=["sound", "damaged"])
def test_restore_keeps_the_current_database_and_drops_its_journal(closed_demo, damaged):
    database = closed_demo.database
    backup = backup_sqlite(database, closed_demo.backups)
    people = counts(database)[0]
    before_the_write = database.read_bytes()
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_autocheckpoint=0")
        with connection:
            connection.execute(
                "INSERT INTO person (first_name, last_name, sort_name, created_at, updated_at)"
                " VALUES ('Late', 'Arrival', 'arrival late', '2026-11-23', '2026-11-23')"
            )
        journal = database.with_name("sassot.db-wal").read_bytes()
    # As a crash leaves it: the write in the -wal file only. SQLite would replay that journal
    # into whatever file is called sassot.db next, the restored one included.
    database.write_bytes(before_the_write)
    if damaged:  # SQLite cannot open it to fold the journal in: restore must drop it
        damage_pages(database, 0.85, 0.95)
    database.with_name("sassot.db-wal").write_bytes(journal)

    restored = restore.restore(closed_demo, backup)

    assert not database.with_name("sassot.db-wal").exists()
    assert not database.with_name("sassot.db-shm").exists()
    assert counts(database)[0] == people
    assert restored.migrated is False
    if damaged:
        assert restored.kept_as.name.endswith("-damaged.db")
        kept_journal = restored.kept_as.with_name(restored.kept_as.name + "-wal")
        assert kept_journal.read_bytes() == journal
    else:
        assert restored.kept_as.name.endswith("-before-restore.db")
        assert counts(restored.kept_as)[0] == people + 1  # the replaced one, journal and all
    workspace = open_workspace(closed_demo.data_dir)
    workspace.close()


def test_a_backup_from_an_older_version_is_restored_then_brought_up_to_date(closed_demo, tmp_path):
    from alembic import command

    from sassot_desktop.db.engine import Database, sqlite_url

    old = Database(sqlite_url(tmp_path / "old.db"))
    config = migrate._alembic_config()
    with old.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    old.close()
    make_sqlite(
        tmp_path / "old.db",
        "INSERT INTO person (id, first_name, last_name, sort_name, created_at, updated_at)"
        " VALUES (1, 'Siân', 'Evans', 'evans sian', '2026-01-01', '2026-01-01')",
    )

    restored = restore.restore(closed_demo, tmp_path / "old.db")

    assert (restored.revision, restored.migrated) == ("0001", True)
    with closing(sqlite3.connect(closed_demo.database)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            migrate.HEAD_REVISION,
        )
        assert connection.execute("SELECT first_name FROM person").fetchall() == [("Siân",)]


def test_a_damaged_current_database_is_kept_as_it_is(closed_demo):
    backup = backup_sqlite(closed_demo.database, closed_demo.backups)
    damage_pages(closed_demo.database)
    damaged_bytes = closed_demo.database.read_bytes()

    restored = restore.restore(closed_demo, backup)

    assert restored.kept_as.name.endswith("-damaged.db")
    assert restored.kept_as.read_bytes() == damaged_bytes
    [kept] = [b for b in list_backups(closed_demo.backups) if b.path == restored.kept_as]
    assert (kept.kind, kept.can_be_restored) == ("damaged copy", False)


@pytest.mark.slow
def test_the_command_asks_first_and_refuses_while_the_window_is_open(closed_demo, tmp_path):
    backup = backup_sqlite(closed_demo.database, tmp_path / "elsewhere")
    home = tmp_path / "home"
    untouched = folder_state(closed_demo)

    unasked = sassot(closed_demo.data_dir, home, "restore", str(backup))
    assert unasked.returncode == 1
    [message] = unasked.stderr.splitlines()
    assert "--yes" in message
    assert folder_state(closed_demo) == untouched

    window_lock = instance.claim(closed_demo.data_dir)  # as the open window holds it
    try:
        while_open = sassot(closed_demo.data_dir, home, "restore", str(backup), "--yes")
        listing = sassot(closed_demo.data_dir, home, "workshops", "list", "--format", "tsv")
    finally:
        window_lock.release()
    assert while_open.returncode == 1
    [message] = while_open.stderr.splitlines()
    assert "SASSOT Workforce is open on the data folder" in message
    assert "close it" in message
    assert folder_state(closed_demo) == untouched
    assert listing.returncode == 0, listing.stderr  # the team's scripts keep working

    done = sassot(closed_demo.data_dir, home, "restore", str(backup), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Restored {backup} to {closed_demo.database}.")


def test_cancel_before_the_swap_leaves_the_database_as_it_was(closed_demo):
    from sassot_desktop.progress import Cancelled, Progress

    backup = backup_sqlite(closed_demo.database, closed_demo.backups)
    before = closed_demo.database.read_bytes()

    def cancel_while_keeping_a_copy(_done: int, _total: int, text: str) -> None:
        if text.startswith("Keeping a copy"):
            progress.cancel()

    progress = Progress(cancel_while_keeping_a_copy)
    with pytest.raises(Cancelled):
        restore.restore(closed_demo, backup, progress)

    assert closed_demo.database.read_bytes() == before
    assert not list(closed_demo.data_dir.glob(".*restoring"))
