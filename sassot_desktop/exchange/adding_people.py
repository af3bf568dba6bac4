"""Saving the new people of an import, with their search words, in a few statements.

Ten thousand people bring about 150,000 search words. Going through SQLAlchemy's handling of
each parameter set, those cost more than SQLite's own inserts; so on SQLite the rows go to the
driver's ``executemany`` as tuples, each value converted by its column's own type exactly as
SQLAlchemy would store it. Other databases take the ordinary path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from sassot_desktop.db.ids import new_ids
from sassot_desktop.db.models import Person, PersonToken
from sassot_desktop.people import folding

_PEOPLE_A_STATEMENT = 500
_WORDS_A_STATEMENT = 8000
_IMPORT_CACHE = -65536  # KiB: up to 64 MB, taken only as the pages are used
_TOKEN_KEYS = ("token", "person_id")


def add_people(session: Session, people: list[dict], saved: Callable[[float], None]) -> int:
    """Insert ``people`` (``person`` columns by name, without ids) and their search words,
    telling ``saved`` the share done so far as it goes (it raises to stop; the caller rolls
    back).

    The session must already have written in this transaction (see ``db.ids``).
    """
    if not people:
        return 0
    keys = ("id", *people[0])
    ids = new_ids(session, Person.__table__, len(people))
    rows = [(person_id, *person.values()) for person_id, person in zip(ids, people, strict=True)]
    # In the order of the people: sorting them by word first (to fill the word index from
    # its end) cost more than it saved, 0.15 s for 10,000 people.
    tokens = [
        (token, person_id)
        for person_id, person in zip(ids, people, strict=True)
        for token in folding.person_tokens(
            person["first_name"],
            person["last_name"],
            person.get("email"),
            person.get("postcode"),
            person.get("club"),
        )
    ]
    steps = len(rows) + len(tokens)
    with _room_for_the_indexes(session), _indexes_built_after(session, len(rows)):
        for start in range(0, len(rows), _PEOPLE_A_STATEMENT):
            chunk = rows[start : start + _PEOPLE_A_STATEMENT]
            _insert_rows(session, Person.__table__, keys, chunk)
            saved(min(start + _PEOPLE_A_STATEMENT, steps) / steps)
        for start in range(0, len(tokens), _WORDS_A_STATEMENT):
            chunk = tokens[start : start + _WORDS_A_STATEMENT]
            _insert_rows(session, PersonToken.__table__, _TOKEN_KEYS, chunk)
            saved(min(len(rows) + start + _WORDS_A_STATEMENT, steps) / steps)
    return len(rows)


def _insert_rows(session: Session, table: Table, keys: Sequence[str], rows: list[tuple]) -> None:
    connection = session.connection()
    dialect = connection.dialect
    if dialect.paramstyle != "qmark":
        session.execute(insert(table), [dict(zip(keys, row, strict=True)) for row in rows])
        return
    converters = [table.c[key].type.bind_processor(dialect) for key in keys]
    if any(converters):
        rows = [
            tuple(
                value if convert is None else convert(value)
                for convert, value in zip(converters, row, strict=True)
            )
            for row in rows
        ]
    marks = ", ".join("?" * len(keys))
    connection.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(keys)}) VALUES ({marks})", rows
    )


@contextmanager
def _indexes_built_after(session: Session, adding: int) -> Iterator[None]:
    """On SQLite, when more people are added than the file holds (the first import of years of
    spreadsheets): the people's and search words' indexes dropped while the rows go in, and
    built again afterwards from the very statements that made them.

    Kept in place, each index takes each new row where it falls, one at a time; built after,
    it sorts them all once: a fifth of the inserting time for 10,000 people into a new file.
    Inside the transaction, so a cancelled or failed import gets its indexes back with the
    rest; into a file of many people, rebuilding their indexes would cost more than it saves.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    held = connection.exec_driver_sql("SELECT count(*) FROM person").scalar()
    if held >= adding:
        yield
        return
    indexes = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('person', 'person_token') ORDER BY name"
    ).all()
    for name, _statement in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, statement in indexes:
        connection.exec_driver_sql(statement)


@contextmanager
def _room_for_the_indexes(session: Session) -> Iterator[None]:
    """A larger SQLite page cache while people and ~10 search words each go into their tables.

    With SQLite's default 2 MB, pages of a large import's indexes are written out to the
    journal and read back before it commits: a quarter of the time of the inserts.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {_IMPORT_CACHE}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")
