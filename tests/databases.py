"""Which database the suite runs on: SQLite files, or a PostgreSQL server when
``SASSOT_TEST_DATABASE_URL`` names one (``.ci/run`` runs the suite both ways).

On PostgreSQL the suite makes one database of its own, at the newest schema, and empties it
before each test: deleting the rows a test left (with the foreign keys' triggers off) and
restarting the id sequences takes a few milliseconds, where creating a database per test, even
from a template, took over a second each on a busy two-core machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

TEST_DATABASE_URL_VARIABLE = "SASSOT_TEST_DATABASE_URL"
SERVER_URL = os.environ.get(TEST_DATABASE_URL_VARIABLE, "").strip() or None
ON_POSTGRESQL = SERVER_URL is not None


def sqlite_only(why: str):
    """Skip a test on PostgreSQL, saying why it only means something for the SQLite file."""
    return pytest.mark.skipif(ON_POSTGRESQL, reason=f"SQLite only: {why}")


class Server:
    """The suite's own database on the server named by ``SERVER_URL``."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        from sassot_desktop.db.location import server_url

        self._url = make_url(server_url(url))
        self._admin = create_engine(self._url, isolation_level="AUTOCOMMIT")
        self.name = f"sassot_test_{os.getpid()}"
        self.url = self._url.set(database=self.name).render_as_string(hide_password=False)
        self._emptying: str | None = None

    def create(self) -> None:
        from sassot_desktop.db import migrate
        from sassot_desktop.db.engine import Database

        self._admin_run(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self._admin_run(f'CREATE DATABASE "{self.name}"')
        db = Database(self.url)
        try:
            migrate.upgrade(db)
            with db.engine.connect() as connection:
                self._emptying = _emptying_statement(connection)
        finally:
            db.close()

    def empty(self) -> None:
        """Every table as a new database has it: no rows, ids from 1 again, the newest revision."""
        from sqlalchemy import create_engine, text
        from sqlalchemy.pool import NullPool

        # A connection a test left open (a window's pool) would hold locks the deletes wait on.
        self._admin_run(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{self.name}' AND pid <> pg_backend_pid()"
        )
        engine = create_engine(self.url, poolclass=NullPool)
        try:
            with engine.begin() as connection:
                connection.execute(text(self._emptying))
        finally:
            engine.dispose()

    def close(self) -> None:
        self._admin_run(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self._admin.dispose()

    @contextmanager
    def new_database(self, suffix: str) -> Iterator[str]:
        """The address of a new, empty database beside the suite's own, dropped afterwards:
        for a module whose tests share one folder (the suite's database is emptied before
        every other test), or for a test that needs a database no one has used."""
        name = f"{self.name}_{suffix}"[:63]
        self._admin_run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin_run(f'CREATE DATABASE "{name}"')
        try:
            yield self._url.set(database=name).render_as_string(hide_password=False)
        finally:
            self._admin_run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin_run(self, statement: str) -> None:
        from sqlalchemy import text

        with self._admin.connect() as connection:
            connection.execute(text(statement))


def _emptying_statement(connection) -> str:
    from sqlalchemy import text

    from sassot_desktop.db.revision import HEAD_REVISION

    tables = connection.execute(
        text(
            "SELECT quote_ident(tablename) FROM pg_tables "
            "WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
        )
    ).scalars()
    sequences = connection.execute(
        text("SELECT quote_ident(sequencename) FROM pg_sequences WHERE schemaname = 'public'")
    ).scalars()
    # replica: foreign keys' triggers do not fire, so the tables empty in any order.
    statements = ["SET LOCAL session_replication_role = replica"]
    statements += [f"DELETE FROM {table}" for table in tables]
    statements += [f"ALTER SEQUENCE {sequence} RESTART" for sequence in sequences]
    # A test may have stamped another revision (a database "from a newer program").
    statements.append(f"UPDATE alembic_version SET version_num = '{HEAD_REVISION}'")
    return "; ".join(statements)


def query(data_dir, sql: str, **parameters) -> list[tuple]:
    """Rows read straight from the database a data folder works on: the server's when the
    environment names one (as the ``data_dir`` and ``shared_database`` fixtures do), else the
    folder's own SQLite file. ``sql`` takes ``:name`` parameters and must run on both."""
    from pathlib import Path

    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from sassot_desktop.db.location import DATABASE_URL_VARIABLE, server_url

    url = os.environ.get(DATABASE_URL_VARIABLE)
    engine = create_engine(
        server_url(url) if url else f"sqlite:///{Path(data_dir) / 'sassot.db'}", poolclass=NullPool
    )
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), parameters)]
    finally:
        engine.dispose()
