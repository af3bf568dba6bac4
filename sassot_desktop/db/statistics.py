"""The planner's statistics, refreshed after a bulk load so the next query plans for the rows
that are there now.

PostgreSQL plans from statistics that its autovacuum gathers only a while after a load; until
then a table filled a minute ago looks empty to it, and one key typed in the search over
freshly loaded tables took 11 s. SQLite is left alone: it plans from its indexes without
statistics, and the search's plans there were measured that way.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection

from sassot_desktop.db.engine import Database

# What adding many people writes to: the people, their search words and their roles.
PEOPLE_TABLES = ("person", "person_token", "person_role")


def refresh(db: Database, tables: Iterable[str] = ()) -> None:
    """``VACUUM (ANALYZE)`` the ``tables`` named (every table when none are) on PostgreSQL.

    VACUUM as well as ANALYZE: until autovacuum comes round, the pages of a freshly loaded
    index are not marked all-visible, so every probe of the search's index also read the table
    (10-20% more time per key typed, measured at 100,000 people).
    """
    if db.is_sqlite:
        return
    names = ", ".join(f'"{table}"' for table in tables)
    # VACUUM cannot run inside a transaction.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"VACUUM (ANALYZE) {names}".rstrip())


def refresh_in(connection: Connection, tables: Iterable[str] = ()) -> None:
    """As ``refresh``, inside ``connection``'s transaction (ANALYZE may run in one)."""
    if connection.dialect.name != "postgresql":
        return
    names = ", ".join(f'"{table}"' for table in tables)
    connection.exec_driver_sql(f"ANALYZE {names}".rstrip())
