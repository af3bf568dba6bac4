"""The database as opened at start-up: WAL, foreign keys, migrations and their safety copy."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from sassot_desktop.db import migrate
from sassot_desktop.errors import UserError
from sassot_desktop.workspace import open_workspace


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_full_sync(workspace):
    with workspace.db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_a_new_database_is_at_the_newest_revision(workspace):
    assert migrate.current_revision(workspace.db) == migrate.HEAD_REVISION
    assert migrate.upgrade(workspace.db, workspace.paths.backups) is False


def test_a_database_from_a_newer_program_is_refused_untouched(data_dir):
    workspace = open_workspace(data_dir)
    workspace.close()
    with sqlite3.connect(data_dir / "sassot.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = (data_dir / "sassot.db").read_bytes()

    with pytest.raises(UserError, match="newer version of SASSOT Workforce"):
        open_workspace(data_dir)

    assert (data_dir / "sassot.db").read_bytes() == before


def test_an_older_database_is_copied_before_it_is_migrated(data_dir, monkeypatch):
    open_workspace(data_dir).close()
    # Pretend the program has moved on by one revision: the copy must be taken before it runs.
    with sqlite3.connect(data_dir / "sassot.db") as connection:
        connection.execute("CREATE TABLE marker (x)")
    monkeypatch.setattr(migrate, "HEAD_REVISION", "0002")
    monkeypatch.setattr(migrate, "_is_known", lambda config, revision: True)
    monkeypatch.setattr("alembic.command.upgrade", lambda config, target: None)

    open_workspace(data_dir).close()

    copies = list((data_dir / "backups").glob("sassot-*-before-upgrade-from-0001.db"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"marker", "person", "booking"} <= tables
