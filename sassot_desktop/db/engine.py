"""Opening the database: one ``Database`` per data folder (or server), sessions per operation.

SQLAlchemy is imported when the first session or engine is asked for, not before: a command
that reaches a SQLite file through its driver alone (``driver_connection``: the people import)
never pays for loading it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sassot_desktop.errors import NotFound
from sassot_desktop.officer import login_name

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

Record = TypeVar("Record")
_SQLITE_PREFIX = "sqlite:///"


def sqlite_url(path: Path) -> str:
    return f"{_SQLITE_PREFIX}{path}"


class Database:
    """The engine and a session factory; operations borrow a session for one transaction.

    ``officer`` is the name the team sees on the records and in the audit log: the name
    given in Settings (``officer.chosen_name``), else the computer's login name.
    """

    def __init__(self, url: str, officer: str | None = None) -> None:
        self.url = url
        self._officer = officer or login_name()

    @cached_property
    def engine(self) -> Engine:
        from sqlalchemy import create_engine, event

        engine = create_engine(self.url, **_options_for(self.url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_on_connect)
        return engine

    @cached_property
    def _sessions(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine, expire_on_commit=False, info={"officer": self._officer})

    @property
    def officer(self) -> str:
        return self._officer

    @officer.setter
    def officer(self, name: str) -> None:
        """A name changed in Settings names the next change at once, not after a restart."""
        self._officer = name
        if "_sessions" in self.__dict__:
            self._sessions.configure(info={"officer": name})

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        if not self.url.startswith(_SQLITE_PREFIX):
            return None
        database = self.url.removeprefix(_SQLITE_PREFIX).partition("?")[0]
        if not database or database == ":memory:":
            return None
        return Path(database)

    def driver_connection(self):
        """A connection of the database's own driver, outside SQLAlchemy's pool, for work that
        speaks plain SQL: a ``sqlite3`` connection to the file (opened here, with the pragmas
        every connection has, without SQLAlchemy, and beginning no transaction by itself),
        or for a server one of the engine's pool. The caller commits or rolls back, and
        closes it. The ``sqlite3`` connection may be used by another thread, one at a time
        (``plain_sql`` inserts on a thread of its own)."""
        path = self.sqlite_path
        if path is None:
            return self.engine.raw_connection()
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        set_sqlite_pragmas(connection)
        return connection

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed (and on disk) when the block ends, rolled back on error."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def rehearse(self) -> Iterator[Session]:
        """A transaction that is always rolled back: a dry run sees its own writes, keeps none."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()


def _options_for(url: str) -> dict:
    if not url.startswith("postgresql"):
        return {}
    # A server out of reach (no VPN at a venue) is said in seconds, not after TCP's minutes;
    # a connection the network dropped while the laptop slept is noticed before it is used.
    return {"connect_args": {"connect_timeout": 10}, "pool_pre_ping": True}


def require(session: Session, model: type[Record], record_id: int, noun: str, **get) -> Record:
    """The record with this id, or the officer is told it does not exist (a stale id from a
    script or a screen): "There is no booking with id 42."."""
    record = session.get(model, record_id, **get)
    if record is None:
        raise NotFound(f"There is no {noun} with id {record_id}.")
    return record


MAPPED_BYTES = 1 << 30  # more than ten years of records: the whole file, whatever it holds


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    set_sqlite_pragmas(dbapi_connection)


def set_sqlite_pragmas(dbapi_connection, foreign_keys: bool = True) -> None:
    """The settings every connection to the SQLite file runs with (migrations turn
    ``foreign_keys`` off while they rebuild tables; see ``db.migrate``)."""
    cursor = dbapi_connection.cursor()
    # WAL lets screens read while a tick is written; synchronous=FULL makes each commit survive
    # a power cut, not only a crash, which is the promise the check-in screen makes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Pages read straight from the file as the system caches it, instead of copied into each
    # connection's own 2 MB cache: the people list reads a few hundred people scattered over
    # the file on every key typed, and copying their pages was half of each key's reading.
    cursor.execute(f"PRAGMA mmap_size={MAPPED_BYTES}")
    cursor.close()
    # SQLite's own lower() knows only A to Z: the workshop search lowered "Équipe" and
    # "Łukasz" on one side only and never found them. Lowered as Python (and PostgreSQL) do.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)


def _lower(value):
    return value.lower() if isinstance(value, str) else value
