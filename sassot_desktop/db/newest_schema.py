"""The newest schema of a SQLite file, kept as the SQL that creates it, so that a new data folder
gets its database without loading SQLAlchemy, the models or Alembic.

``newest_schema.sql`` beside this module holds every CREATE TABLE and CREATE INDEX statement
exactly as ``Base.metadata.create_all`` emits them for SQLite, then Alembic's
``alembic_version`` table with its row stamped at the head revision: the schema
``db.migrate.create_newest_schema`` gives. After a change to the models or a new migration,
``python -m sassot_desktop.db.newest_schema`` writes it again from the models;
``tests/test_newest_schema.py`` fails, saying so, until it matches.

Importing SQLAlchemy and the models costs a new data folder (the officer's first start, each
``--data-dir NEW`` import) far more than creating its few dozen tables does.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from importlib import resources
from pathlib import Path

from sassot_desktop.db.engine import set_sqlite_pragmas

log = logging.getLogger(__name__)

SQL_FILE = "newest_schema.sql"
REGENERATE = "python -m sassot_desktop.db.newest_schema"

_HEADER = (
    f"-- The newest schema of a new SQLite database. Written by `{REGENERATE}`\n"
    "-- from the models; write it again that way rather than editing it.\n\n"
)


def create_in(database: Path) -> bool:
    """Give the SQLite file ``database`` (made if missing) the newest schema, stamped at its
    revision, in one transaction: a process killed half way leaves the file without a table,
    and the next start creates them all again. False, and nothing changed, when the file
    already has tables (an older database, for the migrations to bring up to date)."""
    statements = list(stored_statements())
    with closing(sqlite3.connect(database, isolation_level=None)) as connection:
        set_sqlite_pragmas(connection)
        # IMMEDIATE takes the write lock now: a second copy of the program starting at the same
        # moment waits, then finds the tables made and leaves them alone.
        connection.execute("BEGIN IMMEDIATE")
        try:
            if connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
                connection.execute("ROLLBACK")
                return False
            for statement in statements:
                connection.execute(statement)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return True


def stored_statements() -> Iterator[str]:
    """The statements of ``newest_schema.sql``, one at a time, comments left out."""
    text = resources.files("sassot_desktop.db").joinpath(SQL_FILE).read_text(encoding="utf-8")
    return split_statements(text)


def split_statements(text: str) -> Iterator[str]:
    """Each whole statement of ``text``; SQLite itself decides where one ends, so a ``;``
    inside a quoted default or check does not cut a statement short."""
    pending = ""
    for line in text.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip().removesuffix(";")
            pending = ""
    if pending.strip():
        raise ValueError(f"{SQL_FILE} ends inside a statement: {pending.strip()[:80]}")


def generated_sql() -> str:
    """The contents ``newest_schema.sql`` should have: the schema the models give a new
    database, read back from one made in memory, tables in the order they were created and
    each table's indexes after it by name (``create_all`` takes them in no fixed order)."""
    from sqlalchemy import create_engine

    from sassot_desktop.db.migrate import create_newest_schema
    from sassot_desktop.db.revision import HEAD_REVISION

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as connection:
            create_newest_schema(connection)
            rows = connection.exec_driver_sql(
                "SELECT type, name, tbl_name, sql, rowid FROM sqlite_master WHERE sql IS NOT NULL"
            ).all()
    finally:
        engine.dispose()
    created_at = {name: rowid for kind, name, _, _, rowid in rows if kind == "table"}
    unexpected = sorted(name for kind, name, *_ in rows if kind not in ("table", "index"))
    if unexpected:
        raise RuntimeError(f"The models create more than tables and indexes: {unexpected}")
    ordered = sorted(rows, key=lambda row: (created_at[row[2]], row[0] == "index", row[1]))
    statements = [f"{sql};\n" for *_, sql, _ in ordered]
    statements.append(f"INSERT INTO alembic_version (version_num) VALUES ('{HEAD_REVISION}');\n")
    return _HEADER + "\n".join(statements)


def main() -> None:
    """Write ``newest_schema.sql`` beside this module again, from the models."""
    target = Path(__file__).with_name(SQL_FILE)
    target.write_text(generated_sql(), encoding="utf-8", newline="\n")
    print(f"Wrote {target}")


if __name__ == "__main__":
    main()
