"""Ids chosen before rows are inserted, so that rows referring to them go in the same batch.

On SQLite the next ids follow the largest one in the table; that is only safe once the
transaction has written, since from then on it holds the database's write lock and no one
else can add a row before it commits. On PostgreSQL the ids come from the column's sequence,
which hands each one out once whoever else is adding rows, and so stays ahead of the ids used.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Integer, Table, func, select, text
from sqlalchemy.orm import Session


def new_ids(session: Session, table: Table, count: int) -> list[int]:
    """``count`` ids for new rows of ``table`` (its integer primary key ``id``), ascending."""
    if count <= 0:
        return []
    if session.connection().dialect.name == "postgresql":
        taken = text(
            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"
        )
        return sorted(session.scalars(taken, {"table": table.name, "count": count}))
    first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(first, first + count))


def move_sequences_past_ids(connection: Connection, tables: Iterable[Table]) -> None:
    """After rows were copied in with their ids kept (PostgreSQL only): each table's sequence
    goes on from its largest id, or the next row added by hand would clash with a copied one."""
    for table in tables:
        # Only whole-number ids come from a sequence (an uploaded tick's id is its own uuid).
        id_column = table.c.get("id")
        if (
            id_column is None
            or not id_column.primary_key
            or not isinstance(id_column.type, Integer)
        ):
            continue
        connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
            ),
            {"table": table.name},
        )
