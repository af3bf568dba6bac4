"""Copying every record into another database: the officer's SQLite file onto the team's new,
empty PostgreSQL database, or the server's records into a new SQLite file.

The target is given the newest schema, then each table is copied in foreign-key order, in
batches, ids kept; the rows are counted on both sides before anything is kept. It is all one
transaction on a server, and a temporary file swapped in at the end for a SQLite file, so a
copy that fails leaves the target as it was. The source is read in one snapshot, so a window
open on it meanwhile cannot make the counts disagree.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Row, Table, func, inspect, select, text
from sqlalchemy.exc import OperationalError

from sassot_desktop import paths
from sassot_desktop.db import ids, location, migrate, statistics
from sassot_desktop.db.engine import Database, sqlite_url
from sassot_desktop.db.models import Base
from sassot_desktop.db.revision import HEAD_REVISION
from sassot_desktop.errors import UserError
from sassot_desktop.progress import Progress

log = logging.getLogger(__name__)

BATCH = 5000


@dataclass(frozen=True)
class Copied:
    target: str  # for a person to read: "PostgreSQL database team on server", or the file
    counts: list[tuple[str, int]]  # (table, rows), in the order they were copied

    @property
    def rows(self) -> int:
        return sum(rows for _table, rows in self.counts)


def copy_to(source: Database, target: str, progress: Progress | None = None) -> Copied:
    """Copy every record of ``source`` to ``target``: a PostgreSQL address (its database must
    be empty) or the path of a new SQLite file."""
    progress = progress or Progress()
    if "://" in target:
        scheme = target.split("://", 1)[0]
        if scheme not in ("postgresql", "postgres", "postgresql+psycopg"):
            # Only the scheme is repeated: the rest of an address may hold a password.
            raise UserError(
                f"A {scheme}:// address is neither a PostgreSQL address nor a file; copy to "
                "postgresql://USER@HOST/DATABASE or to a new FILE.db."
            )
        url = location.server_url(target)
        return Copied(location.describe(url), _copy_to_server(source, url, progress))
    path = Path(target).expanduser().absolute()
    return Copied(str(path), _copy_to_file(source, path, progress))


def _copy_to_server(source: Database, url: str, progress: Progress) -> list[tuple[str, int]]:
    described = location.describe(url)
    target = Database(url)
    try:
        with target.engine.begin() as connection:
            _refuse_unless_empty(connection, described)
            counts = _copy_tables(source, connection, described, progress)
            ids.move_sequences_past_ids(connection, Base.metadata.sorted_tables)
            statistics.refresh_in(connection)
    except OperationalError as error:
        raise UserError(
            f"SASSOT Workforce cannot reach the {described} ({_first_line(error.orig)}); "
            "nothing was copied. Check the address and the network, then copy again."
        ) from error
    finally:
        target.close()
    return counts


def _refuse_unless_empty(connection: Connection, described: str) -> None:
    """A database with no tables gets the newest schema; one a new program start set up (the
    newest schema, no rows) is taken as it is; anything else is someone's records."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        migrate.create_newest_schema(connection)
        return
    held = _holding(connection, tables)
    if held is not None:
        raise UserError(
            f"The {described} is not empty ({held}), so nothing was copied; copy into a new, "
            "empty database so that no one's records are overwritten."
        )


def _holding(connection: Connection, tables: set[str]) -> str | None:
    """What a non-empty database holds, in a few words; None when it is a new, empty one."""
    ours = {table.name for table in Base.metadata.sorted_tables}
    others = sorted(tables - ours - {"alembic_version"})
    if others:
        return f"it has tables such as {others[0]}"
    if "alembic_version" not in tables or not ours <= tables:
        return "it has some of SASSOT Workforce's tables but not all"
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision != HEAD_REVISION:
        return f"its tables are those of another version, {revision}"
    for table in Base.metadata.sorted_tables:
        rows = connection.scalar(select(func.count()).select_from(table))
        if rows:
            return f"{rows:,} rows in {table.name}"
    return None


def _copy_to_file(source: Database, path: Path, progress: Progress) -> list[tuple[str, int]]:
    if path.exists() and (not path.is_file() or path.stat().st_size > 0):
        raise UserError(
            f"{path} already exists, so nothing was copied; name a new file, so that no "
            "records are overwritten."
        )
    if not path.parent.is_dir():
        raise UserError(f"There is no folder {path.parent}; create it or name a file elsewhere.")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as error:
        raise UserError(f"Could not write in {path.parent} ({error.strerror}).") from error
    os.close(handle)
    partial = Path(temporary)
    target = Database(sqlite_url(partial))
    try:
        with target.engine.begin() as connection:
            migrate.create_newest_schema(connection)
            counts = _copy_tables(source, connection, str(path), progress)
        target.close()  # the last connection's close writes the log back into the file
        paths.make_private_file(partial)
        os.replace(partial, path)
    except BaseException:
        target.close()
        for leftover in (partial, *(Path(f"{partial}{end}") for end in ("-wal", "-shm"))):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    return counts


def _copy_tables(
    source: Database, target: Connection, described: str, progress: Progress
) -> list[tuple[str, int]]:
    tables = Base.metadata.sorted_tables
    with _snapshot(source) as reading:
        expected = {table.name: _count(reading, table) for table in tables}
        total = sum(expected.values())
        done = 0
        for table in tables:
            for batch in _rows_of(reading, table):
                _write(target, table, batch)
                done += len(batch)
                progress.report(done, total, f"Copying {table.name}")
    counts = [(table.name, _count(target, table)) for table in tables]
    for table, rows in counts:
        if rows != expected[table]:
            log.error("Copy to %s: %s has %s rows, expected %s", described, table, rows, expected)
            raise UserError(
                f"The copy of {table} came to {rows:,} rows instead of {expected[table]:,}, so "
                f"nothing was kept in {described}; copy again, and if it happens again send "
                "the log file to the team."
            )
    return counts


def _rows_of(reading: Connection, table: Table) -> Iterator[Sequence[Row]]:
    # In the order of the key: a row that refers to an earlier one of its own table (a bursary
    # decision reversing another) goes in after it.
    rows = reading.execution_options(yield_per=BATCH).execute(
        select(table).order_by(*table.primary_key.columns)
    )
    yield from rows.partitions()


def _write(target: Connection, table: Table, rows: Sequence[Row]) -> None:
    if target.dialect.name != "postgresql":
        target.execute(table.insert(), [row._asdict() for row in rows])
        return
    # COPY, not INSERT: a statement per row made 100,000 people's 1.6 million rows take
    # minutes; COPY streams them in one go.
    processors = [column.type.bind_processor(target.dialect) for column in table.c]
    columns = ", ".join(f'"{column.name}"' for column in table.c)
    statement = f'COPY "{table.name}" ({columns}) FROM STDIN'
    with target.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(
                [
                    value if process is None else process(value)
                    for value, process in zip(row, processors, strict=True)
                ]
            )


def _count(connection: Connection, table: Table) -> int:
    return connection.scalar(select(func.count()).select_from(table))


@contextmanager
def _snapshot(db: Database) -> Iterator[Connection]:
    """A connection that sees the database as it was when the first row was read."""
    if db.is_sqlite:
        with db.engine.connect() as connection:
            # Python's sqlite3 begins no transaction before a SELECT; each would see the file
            # as it is at that moment.
            connection.exec_driver_sql("BEGIN")
            try:
                yield connection
            finally:
                connection.rollback()
        return
    with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
        try:
            yield connection
        finally:
            connection.rollback()


def _first_line(error: BaseException | None) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
