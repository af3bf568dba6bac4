"""Saving the new people of an import, with their search words, in a few plain statements.

Ten thousand people bring about 100,000 search words. Handed to the driver's
``executemany`` as tuples, in the import's own transaction (``db.plain_sql``), they cost
SQLite's inserts and little else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from sassot_desktop.db.plain_sql import PlainTransaction, new_ids
from sassot_desktop.people import folding

# A new person's columns, in the order ``add_people`` takes their values.
PERSON_COLUMNS = (
    "first_name",
    "last_name",
    "sort_name",
    "email",
    "phone",
    "postcode",
    "district",
    "club",
    "sport",
    "date_of_birth",
    "consent_method",
    "consent_at",
    "created_at",
    "updated_at",
)
# Where the values the search words are made of sit in a row of PERSON_COLUMNS.
_FIRST, _LAST, _EMAIL, _POSTCODE, _CLUB = (
    PERSON_COLUMNS.index(name) for name in ("first_name", "last_name", "email", "postcode", "club")
)
_PEOPLE_A_STATEMENT = 500
_WORDS_A_STATEMENT = 8000
_IMPORT_CACHE = -65536  # KiB: up to 64 MB, taken only as the pages are used
_ADD_PERSON = (
    f"INSERT INTO person (id, {', '.join(PERSON_COLUMNS)}) "
    f"VALUES ({', '.join('?' * (len(PERSON_COLUMNS) + 1))})"
)
_ADD_WORD = "INSERT INTO person_token (token, person_id) VALUES (?, ?)"


def add_people(
    transaction: PlainTransaction,
    people: Sequence[tuple[object, ...]],
    saved: Callable[[float], None],
) -> int:
    """Insert ``people`` (values of PERSON_COLUMNS, as stored) and their search words,
    telling ``saved`` the share done so far as it goes (it raises to stop; the transaction
    is then rolled back)."""
    if not people:
        return 0
    ids = new_ids(transaction, "person", len(people))
    rows = [(person_id, *person) for person_id, person in zip(ids, people, strict=True)]
    # In the order of the people: sorting them by word first (to fill the word index from
    # its end) cost more than it saved, 0.15 s for 10,000 people.
    words = [
        (word, person_id)
        for person_id, person in zip(ids, people, strict=True)
        for word in folding.person_tokens(
            person[_FIRST], person[_LAST], person[_EMAIL], person[_POSTCODE], person[_CLUB]
        )
    ]
    steps = len(rows) + len(words)
    with _room_for_the_indexes(transaction), _indexes_built_after(transaction, len(rows)):
        for start in range(0, len(rows), _PEOPLE_A_STATEMENT):
            transaction.execute_many(_ADD_PERSON, rows[start : start + _PEOPLE_A_STATEMENT])
            saved(min(start + _PEOPLE_A_STATEMENT, steps) / steps)
        for start in range(0, len(words), _WORDS_A_STATEMENT):
            transaction.execute_many(_ADD_WORD, words[start : start + _WORDS_A_STATEMENT])
            saved(min(len(rows) + start + _WORDS_A_STATEMENT, steps) / steps)
    return len(rows)


def rewrite_words(transaction: PlainTransaction, person_id: int, words: set[str]) -> None:
    """A person's search words after their details changed, as ``search.reindex`` keeps them."""
    transaction.execute("DELETE FROM person_token WHERE person_id = ?", (person_id,))
    transaction.execute_many(_ADD_WORD, [(word, person_id) for word in words])


@contextmanager
def _indexes_built_after(transaction: PlainTransaction, adding: int) -> Iterator[None]:
    """On SQLite, when more people are added than the file holds (the first import of years of
    spreadsheets): the people's and search words' indexes dropped while the rows go in, and
    built again afterwards from the very statements that made them.

    Kept in place, each index takes each new row where it falls, one at a time; built after,
    it sorts them all once: a fifth of the inserting time for 10,000 people into a new file.
    Inside the transaction, so a cancelled or failed import gets its indexes back with the
    rest; into a file of many people, rebuilding their indexes would cost more than it saves.
    """
    if not transaction.is_sqlite or transaction.scalar("SELECT count(*) FROM person") >= adding:
        yield
        return
    indexes = transaction.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('person', 'person_token') ORDER BY name"
    )
    for name, _statement in indexes:
        transaction.execute(f'DROP INDEX "{name}"')
    yield
    for _name, statement in indexes:
        transaction.execute(statement)


@contextmanager
def _room_for_the_indexes(transaction: PlainTransaction) -> Iterator[None]:
    """A larger SQLite page cache while people and ~10 search words each go into their tables.

    With SQLite's default 2 MB, pages of a large import's indexes are written out to the
    journal and read back before it commits: a quarter of the time of the inserts.
    """
    if not transaction.is_sqlite:
        yield
        return
    before = transaction.scalar("PRAGMA cache_size")
    transaction.execute(f"PRAGMA cache_size = {_IMPORT_CACHE}")
    try:
        yield
    finally:
        transaction.execute(f"PRAGMA cache_size = {int(before)}")
