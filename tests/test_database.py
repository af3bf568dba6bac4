"""The database as opened at start-up: WAL, foreign keys, migrations and their safety copy."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from databases import sqlite_only
from sassot_desktop.db import migrate
from sassot_desktop.errors import UserError
from sassot_desktop.workspace import open_workspace


@sqlite_only("WAL, foreign keys and synchronous are pragmas of the SQLite file")
def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_full_sync(workspace):
    with workspace.db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_a_new_database_is_at_the_newest_revision(workspace):
    assert migrate.current_revision(workspace.db) == migrate.HEAD_REVISION
    assert migrate.upgrade(workspace.db, workspace.paths.backups) is False


@sqlite_only("compares the SQLite file's bytes; test_postgresql checks the same on a server")
def test_a_database_from_a_newer_program_is_refused_untouched(data_dir):
    workspace = open_workspace(data_dir)
    workspace.close()
    with sqlite3.connect(data_dir / "sassot.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = (data_dir / "sassot.db").read_bytes()

    with pytest.raises(UserError, match="newer version of SASSOT Workforce"):
        open_workspace(data_dir)

    assert (data_dir / "sassot.db").read_bytes() == before


@sqlite_only("databases at earlier revisions, and the copy taken first, are SQLite files")
def test_a_database_at_the_first_revision_is_copied_then_migrated_with_its_rows(data_dir):
    from alembic import command

    from sassot_desktop.db.engine import Database, sqlite_url
    from sassot_desktop.paths import resolve

    database = resolve(data_dir).ensure().database
    db = Database(sqlite_url(database))
    config = migrate._alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    db.close()
    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO person (id, first_name, last_name, sort_name, created_at, updated_at)"
            " VALUES (1, 'Zoë', 'Ó''Brien', 'obrien zoe', '2026-01-01', '2026-01-01')"
        )

    workspace = open_workspace(data_dir)
    try:
        assert migrate.current_revision(workspace.db) == migrate.HEAD_REVISION
        with workspace.db.engine.connect() as connection:
            assert connection.execute(text("SELECT first_name FROM person")).scalar() == "Zoë"
            assert connection.execute(text("SELECT count(*) FROM certificate")).scalar() == 0
    finally:
        workspace.close()

    copies = list((data_dir / "backups").glob("sassot-*-before-upgrade-from-0001.db"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert "person" in tables and "certificate" not in tables
