"""Bring a database to the schema this version of the program expects, safely.

The revision a database is at is read with one plain query (for a SQLite file, through
``sqlite3`` in read-only mode), so an up-to-date database (every start but the first after an
upgrade) never pays for importing Alembic, and a database written by a newer program is
refused without a byte of it changing. A new SQLite file gets the newest schema from the SQL
kept in ``db.newest_schema``, so neither an up-to-date file nor a new one loads SQLAlchemy here.

When a migration is due, the SQLite file is checked and a copy taken first (a damaged file is
neither copied nor migrated); then every revision due runs in one transaction, so a migration
cut off half way (a crash, a flat battery, the process killed) leaves the database as the copy
shows it, never half migrated.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sassot_desktop.db import health, newest_schema
from sassot_desktop.db.backup import backup_sqlite
from sassot_desktop.db.engine import Database, set_sqlite_pragmas
from sassot_desktop.db.revision import HEAD_REVISION
from sassot_desktop.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy import Connection

log = logging.getLogger(__name__)


def current_revision(db: Database) -> str | None:
    from sqlalchemy import inspect, text

    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def revision_of_file(database: Path) -> str | None:
    """The revision of the SQLite file ``database``, read without changing it; None when the
    file or its ``alembic_version`` table does not exist yet (a new database)."""
    if not database.exists():
        return None
    with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as connection:
        versioned = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if versioned is None:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def upgrade(db: Database, backups_dir: Path | None = None) -> bool:
    """Migrate ``db`` to ``HEAD_REVISION``; return whether anything had to run."""
    path = db.sqlite_path
    revision = revision_of_file(path) if path is not None else current_revision(db)
    if revision == HEAD_REVISION:
        return False
    if revision is None and _created_newest_schema(db):
        log.info("New database created at %s", HEAD_REVISION)
        return True
    config = _alembic_config()
    if revision is not None and not _is_known(config, revision):
        raise UserError(
            "This database was saved by a newer version of SASSOT Workforce. "
            "Install the newer version to open it; the database has not been changed."
        )
    if revision is not None and path is not None and backups_dir is not None:
        health.check(path, backups_dir)
        copy = backup_sqlite(path, backups_dir, reason=f"before-upgrade-from-{revision}")
        log.info("Copied the database to %s before migrating from %s", copy, revision)

    from alembic import command

    with _one_transaction(db) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("Database migrated from %s to %s", revision or "empty", HEAD_REVISION)
    return True


def _created_newest_schema(db: Database) -> bool:
    """Give an empty database the newest schema at once, as Alembic's cookbook recipe for a
    database "built from scratch" does: the tables straight from the models, then the version
    stamped. A new data folder (the officer's first start, every test) then skips loading
    Alembic and replaying each revision. ``tests/test_upgrades.py`` checks that the migrations
    arrive at exactly this schema. A SQLite file gets it from the stored SQL, a server through
    the models. False when the database has tables already."""
    if db.sqlite_path is not None:
        return newest_schema.create_in(db.sqlite_path)
    from sqlalchemy import inspect

    with _one_transaction(db) as connection:
        if inspect(connection).get_table_names():
            return False
        create_newest_schema(connection)
    return True


def create_newest_schema(connection: Connection) -> None:
    """Every table of the models, and the version stamped, in ``connection``'s transaction."""
    from sassot_desktop.db.models import Base

    Base.metadata.create_all(connection)
    versions = _version_table()
    versions.create(connection)
    connection.execute(versions.insert().values(version_num=HEAD_REVISION))


def _version_table():
    """Alembic's own ``alembic_version`` table, as ``alembic stamp`` would create it."""
    from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table

    return Table(
        "alembic_version",
        MetaData(),
        Column("version_num", String(32), nullable=False),
        PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
    )


@contextmanager
def _one_transaction(db: Database) -> Iterator[Connection]:
    """A connection in one transaction that every statement of the migrations joins.

    PostgreSQL runs DDL inside a transaction as it comes. SQLite can too, but Python's
    ``sqlite3`` (before 3.12's ``autocommit``) opens a transaction only before INSERT, UPDATE
    and DELETE: each CREATE TABLE or ALTER ran and was kept on its own, so a migration killed
    half way left its first tables made and the revision unchanged, and the next start failed
    on "table already exists". For SQLite this takes transactions away from the driver and
    begins one itself (SQLAlchemy's documented recipe for the pysqlite driver).
    """
    if not db.is_sqlite:
        with db.engine.begin() as connection:
            yield connection
        return
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    engine = create_engine(db.url, poolclass=NullPool)
    event.listen(engine, "connect", _driver_leaves_transactions_alone)
    event.listen(engine, "begin", _begin_immediately)
    try:
        with engine.begin() as connection:
            yield connection
            _refuse_broken_references(connection)
    finally:
        engine.dispose()


def _driver_leaves_transactions_alone(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    # Foreign keys off while tables are rebuilt: Alembic's batch mode copies a table, drops the
    # old one and renames the copy, and with foreign keys on that drop would delete the rows
    # that refer to it (person_token's rows cascade from person). They are checked before the
    # commit instead. Set here because the pragma does nothing inside a transaction.
    set_sqlite_pragmas(dbapi_connection, foreign_keys=False)


def _begin_immediately(connection: Connection) -> None:
    # IMMEDIATE takes the write lock now: a second copy starting at the same moment waits,
    # then finds the database already migrated instead of migrating it again.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _refuse_broken_references(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        log.error("The migration left references to missing rows: %s", broken[:20])
        raise UserError(
            "This version of SASSOT Workforce could not bring the database up to date, so it "
            "was left as it was; keep using the previous version and send the log file to "
            "the team."
        )


def _alembic_config():
    from alembic.config import Config

    config = Config()
    location = resources.files("sassot_desktop.db") / "migrations"
    config.set_main_option("script_location", str(location))
    return config


def _is_known(config, revision: str) -> bool:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(config)
    return any(script.revision == revision for script in scripts.walk_revisions())
