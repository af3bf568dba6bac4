"""One transaction in plain SQL on the database driver's own connection, without SQLAlchemy.

For bulk work whose statements are few and fixed (an import of thousands of people): loading
SQLAlchemy and the models costs a command-line import a quarter of its time, and passing
150,000 rows through its parameter handling costs more than the database's own inserts.

Statements mark each value with ``?``; on PostgreSQL they are handed to the driver with
``%s`` instead, so they must hold no other ``?`` or ``%``. Dates and instants are stored as
SQLAlchemy stores them, so that the ORM reads back exactly what it would have written: on
SQLite as ISO text (``2026-11-24``, ``2026-11-24 06:51:16.716425``), on PostgreSQL as they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING

from sassot_desktop.errors import UserError

if TYPE_CHECKING:
    from sassot_desktop.db.engine import Database


class PlainTransaction:
    """Statements on ``connection`` (a DB-API connection) inside one transaction."""

    def __init__(self, connection, *, is_sqlite: bool, officer: str) -> None:
        self._connection = connection
        self._cursor = connection.cursor()
        self.is_sqlite = is_sqlite
        self.officer = officer

    def execute(self, statement: str, values: Sequence[object] = ()) -> list[tuple]:
        """Run ``statement``; the rows it returns, if any."""
        self._cursor.execute(self._for_driver(statement), values)
        return self._cursor.fetchall() if self._cursor.description else []

    def execute_many(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        self._cursor.executemany(self._for_driver(statement), rows)

    def scalar(self, statement: str, values: Sequence[object] = ()) -> object:
        rows = self.execute(statement, values)
        return rows[0][0] if rows else None

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

    def _for_driver(self, statement: str) -> str:
        return statement if self.is_sqlite else statement.replace("?", "%s")


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
            yield transaction
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
