"""Saving the new people of an import, with their search words, a batch at a time while the
import goes on checking the rows after them.

Ten thousand people bring about 100,000 search words. On SQLite each batch goes in on a thread
of its own (``PlainTransaction.insert_in_background``), so that SQLite places one batch while
Python checks the rows of the next; a person who turns out, further down the file, to have
more details is given them once every batch is in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sassot_desktop.db.plain_sql import PlainTransaction, new_ids
from sassot_desktop.people import folding

# A new person's columns, in the order ``NewPeople.add`` takes their values.
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
# A person's details, which a later row of a file may fill in where they lack them: the texts,
# then the date of birth, in their order in PERSON_COLUMNS.
DETAIL_COLUMNS = ("email", "phone", "postcode", "district", "club", "sport", "date_of_birth")
# Where the values the search words are made of sit in a row of PERSON_COLUMNS.
_FIRST, _LAST, _EMAIL, _POSTCODE, _CLUB = (
    PERSON_COLUMNS.index(name) for name in ("first_name", "last_name", "email", "postcode", "club")
)
# Large enough that handing a batch over is rare, small enough that the last one, saved after
# every row is checked, is quick.
_BATCH = 500
_IMPORT_CACHE = -65536  # KiB: up to 64 MB, taken only as the pages are used
_ADD_WORD = "INSERT INTO person_token (token, person_id) VALUES (?, ?)"


class NewPeople:
    """The people an import adds, in the order it finds them."""

    def __init__(self, transaction: PlainTransaction) -> None:
        self._transaction = transaction
        _room_for_the_indexes(transaction)
        self._ids: list[int] = []  # of everyone handed over, in order
        self._waiting: list[tuple[object, ...]] = []  # rows not yet handed over
        self._grown: dict[int, tuple[object, ...]] = {}  # handed over, then given more details
        # Search words of people handed over, not yet handed over: word, person, word, …
        self._words: list[object] = []
        self._word_values_a_statement = 2 * transaction.rows_a_statement(2)
        # On SQLite the transaction holds the write lock, so ids may be counted on from the
        # largest without asking again (and waiting for the batches on their way in).
        self._next_id = new_ids(transaction, "person", 1)[0] if transaction.is_sqlite else 0

    def __len__(self) -> int:
        return len(self._ids) + len(self._waiting)

    def add(self, person: tuple[object, ...]) -> int:
        """Add ``person`` (values of PERSON_COLUMNS, as stored); their number in this import,
        from 0, by which ``grown`` knows them."""
        self._waiting.append(person)
        if len(self._waiting) >= _BATCH:
            self._hand_over()
        return len(self) - 1

    def grown(self, number: int, person: tuple[object, ...]) -> None:
        """The person added as ``number`` has more details: ``person`` is their row now."""
        waiting_from = len(self._ids)
        if number >= waiting_from:
            self._waiting[number - waiting_from] = person
        else:
            self._grown[self._ids[number]] = person

    def finish(self, saved: Callable[[float], None]) -> None:
        """Everyone in, telling ``saved`` the share of the batches done as they finish. On an
        error before this, the caller rolls the transaction back."""
        self._hand_over()
        self._hand_over_words(len(self._words))
        self._transaction.wait_for_background(saved)
        for person_id, person in self._grown.items():
            self._transaction.execute(
                f"UPDATE person SET {', '.join(f'{name} = ?' for name in DETAIL_COLUMNS)} "
                "WHERE id = ?",
                (*(person[PERSON_COLUMNS.index(name)] for name in DETAIL_COLUMNS), person_id),
            )
            rewrite_words(self._transaction, person_id, _words(person))

    def _hand_over(self) -> None:
        people, self._waiting = self._waiting, []
        if not people:
            return
        ids = self._new_ids(len(people))
        self._ids += ids
        values: list[object] = []
        for person_id, person in zip(ids, people, strict=True):
            values.append(person_id)
            values += person
            words = _words(person)
            pairs = [person_id] * (2 * len(words))
            pairs[::2] = words
            self._words += pairs
        self._transaction.insert_in_background("person", ("id", *PERSON_COLUMNS), values)
        # In whole statements, each the same, so SQLite prepares it once.
        self._hand_over_words(len(self._words) - len(self._words) % self._word_values_a_statement)

    def _hand_over_words(self, count: int) -> None:
        """Hand over the first ``count`` values of the search words (two to a word)."""
        if count:
            words, self._words = self._words[:count], self._words[count:]
            self._transaction.insert_in_background("person_token", ("token", "person_id"), words)

    def _new_ids(self, count: int) -> list[int]:
        if not self._transaction.is_sqlite:
            return new_ids(self._transaction, "person", count)
        first, self._next_id = self._next_id, self._next_id + count
        return list(range(first, self._next_id))


def _words(person: Sequence[object]) -> set[str]:
    return folding.person_tokens(
        person[_FIRST], person[_LAST], person[_EMAIL], person[_POSTCODE], person[_CLUB]
    )


def rewrite_words(transaction: PlainTransaction, person_id: int, words: set[str]) -> None:
    """A person's search words after their details changed, as ``search.reindex`` keeps them."""
    transaction.execute("DELETE FROM person_token WHERE person_id = ?", (person_id,))
    transaction.execute_many(_ADD_WORD, [(word, person_id) for word in words])


def _room_for_the_indexes(transaction: PlainTransaction) -> None:
    """A larger SQLite page cache while people and ~10 search words each go into their tables.

    With SQLite's default 2 MB, pages of a large import's indexes are written out to the
    journal and read back before it commits: a quarter of the time of the inserts. The
    connection is the import's own, closed when it ends, so the size is not put back.
    """
    if transaction.is_sqlite:
        transaction.execute(f"PRAGMA cache_size = {_IMPORT_CACHE}")
