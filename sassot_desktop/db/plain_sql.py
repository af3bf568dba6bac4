"""One transaction in plain SQL on the database driver's own connection, without SQLAlchemy.

For bulk work whose statements are few and fixed (an import of thousands of people): loading
SQLAlchemy and the models costs a command-line import a quarter of its time, and passing
150,000 rows through its parameter handling costs more than the database's own inserts.

Statements mark each value with ``?``; on PostgreSQL they are handed to the driver with
``%s`` instead, so they must hold no other ``?`` or ``%``. Dates and instants are stored as
SQLAlchemy stores them, so that the ORM reads back exactly what it would have written: on
SQLite as ISO text (``2026-11-24``, ``2026-11-24 06:51:16.716425``), on PostgreSQL as they are.

Rows handed to ``insert_in_background`` go into a SQLite file on a thread of their own while
the caller goes on with its Python work (checking and folding the next rows): SQLite places
them with Python's lock released, so a second core does it. They go a few thousand rows to a
statement (``INSERT … VALUES (…), (…), …``): with ``executemany`` the thread would need
Python's lock back for every row, and would wait for it each time.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from sassot_desktop.errors import UserError

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from sassot_desktop.db.engine import Database


class PlainTransaction:
    """Statements on ``connection`` (a DB-API connection) inside one transaction."""

    def __init__(self, connection, *, is_sqlite: bool, officer: str) -> None:
        self._connection = connection
        self._cursor = connection.cursor()
        self.is_sqlite = is_sqlite
        self.officer = officer
        self._writer: ThreadPoolExecutor | None = None
        self._switch_interval = sys.getswitchinterval()
        self._values_a_statement = (
            min(_VALUES_A_STATEMENT, connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
            if is_sqlite
            else _VALUES_A_STATEMENT
        )
        self._writing: list[Future[None]] = []

    def execute(self, statement: str, values: Sequence[object] = ()) -> list[tuple]:
        """Run ``statement``, after the rows handed over before it are in; the rows it returns,
        if any."""
        self.wait_for_background()
        return self._send(self._for_driver(statement), values)

    def execute_many(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        self.wait_for_background()
        self._send_many(self._for_driver(statement), rows)

    def scalar(self, statement: str, values: Sequence[object] = ()) -> object:
        rows = self.execute(statement, values)
        return rows[0][0] if rows else None

    def insert_in_background(
        self, table: str, columns: Sequence[str], values: list[object]
    ) -> None:
        """Insert rows of ``columns`` into ``table`` while the caller goes on: ``values`` are
        theirs one after another, as stored (a row's, then the next row's). On a thread of its
        own for a SQLite file, in the order handed over, and before any later statement runs;
        a failure is raised by the next call to this transaction.

        They go ``rows_a_statement`` rows to a statement, the rest in one of their own; a
        caller that hands rows over in whole statements lets SQLite prepare each once. On a
        database server, the rows are inserted before this returns.
        """
        width = len(columns)
        if not self.is_sqlite:
            rows = zip(*[iter(values)] * width, strict=True)
            self.execute_many(_inserting(table, tuple(columns), 1), rows)
            return
        self._raise_any_failure()
        if self._writer is None:
            # Loaded here, not with the module: every command that starts loads this module.
            from concurrent.futures import ThreadPoolExecutor

            self._writer = ThreadPoolExecutor(1, thread_name_prefix="saving")
            # Back from SQLite, the thread needs Python's lock for a moment before the next
            # statement; by default another busy thread keeps it for up to 5 ms first.
            sys.setswitchinterval(_HANDING_OVER_INTERVAL)
        step = self.rows_a_statement(width) * width
        statements = [
            (_inserting(table, tuple(columns), len(part) // width), part)
            for part in (values[start : start + step] for start in range(0, len(values), step))
        ]
        self._writing.append(self._writer.submit(self._send_all, statements))

    def rows_a_statement(self, columns: int) -> int:
        """How many rows of ``columns`` values one statement of ``insert_in_background`` takes."""
        return max(1, self._values_a_statement // columns)

    def wait_for_background(self, done: Callable[[float], None] | None = None) -> None:
        """Wait until every row handed to ``insert_in_background`` is in, telling ``done`` the
        share of its batches finished as each finishes (and once at the end, if there were
        none); raise its failure, if one failed."""
        batches = len(self._writing)
        for finished in range(1, batches + 1):
            self._writing.pop(0).result()
            if done is not None:
                done(finished / batches)
        if done is not None and not batches:
            done(1.0)

    def stop_background(self) -> None:
        """Drop the batches not yet begun and wait for the one being inserted, if any."""
        if self._writer is not None:
            self._writer.shutdown(wait=True, cancel_futures=True)
            self._writer = None
            sys.setswitchinterval(self._switch_interval)
        self._writing.clear()

    def stored(self, value: object) -> object:
        """``value`` as the database column keeps it (see the module's docstring)."""
        if not self.is_sqlite:
            return value
        if isinstance(value, datetime):
            return value.isoformat(" ", "microseconds")
        if isinstance(value, date):
            return value.isoformat()
        return value

    @staticmethod
    def read_date(value: object) -> date | None:
        """A date column's value as a ``date``, whichever driver read it."""
        return date.fromisoformat(value) if isinstance(value, str) else value

    def _send(self, statement: str, values: Sequence[object]) -> list[tuple]:
        """Every statement of the transaction reaches the driver here or in ``_send_many``."""
        self._cursor.execute(statement, values)
        return self._cursor.fetchall() if self._cursor.description else []

    def _send_many(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        self._cursor.executemany(statement, rows)

    def _send_all(self, statements: list[tuple[str, list[object]]]) -> None:
        for statement, values in statements:
            self._send(statement, values)

    def _raise_any_failure(self) -> None:
        while self._writing and self._writing[0].done():
            self._writing.pop(0).result()

    def _for_driver(self, statement: str) -> str:
        return statement if self.is_sqlite else statement.replace("?", "%s")


# SQLite's own limit is 32,766 values a statement, or 999 before version 3.32.
_VALUES_A_STATEMENT = 16_000
_HANDING_OVER_INTERVAL = 0.0005  # seconds


@lru_cache(maxsize=16)
def _inserting(table: str, columns: tuple[str, ...], rows: int) -> str:
    """An INSERT of ``rows`` rows of ``columns``."""
    row = f"({', '.join('?' * len(columns))})"
    return f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES {", ".join([row] * rows)}'


@contextmanager
def plain_transaction(db: Database, *, keep: bool = True) -> Iterator[PlainTransaction]:
    """A transaction on a connection of ``db``'s own driver: committed when the block ends and
    ``keep`` (a dry run keeps nothing), rolled back on any error or cancel, the connection
    closed either way.

    On SQLite it begins IMMEDIATE, holding the write lock from the start: what is read stays
    true until the commit, and ids chosen from the table's largest (``new_ids``) stay free.
    """
    with closing(db.driver_connection()) as connection:
        transaction = PlainTransaction(connection, is_sqlite=db.is_sqlite, officer=db.officer)
        if db.is_sqlite:
            _begin_writing(connection)
        try:
            try:
                yield transaction
                transaction.wait_for_background()
            finally:
                transaction.stop_background()
        except BaseException:
            connection.rollback()
            raise
        if keep:
            connection.commit()
        else:
            connection.rollback()


def _begin_writing(connection: sqlite3.Connection) -> None:
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode & 0xFF not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise
        # Still held after the connection's busy timeout: a long save elsewhere.
        raise UserError(
            "Another change to the database was still being saved (in the SASSOT Workforce "
            "window or another command), so nothing was changed; try again when it has finished."
        ) from error


def new_ids(transaction: PlainTransaction, table: str, count: int) -> list[int]:
    """``count`` ids for new rows of ``table``, ascending, as ``db.ids.new_ids`` chooses them:
    after the largest on SQLite (the transaction holds the write lock), from the column's
    sequence on PostgreSQL."""
    if count <= 0:
        return []
    if not transaction.is_sqlite:
        taken = transaction.execute(
            "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
            (table, count),
        )
        return sorted(row[0] for row in taken)
    first = (transaction.scalar(f'SELECT max(id) FROM "{table}"') or 0) + 1
    return list(range(first, first + count))
