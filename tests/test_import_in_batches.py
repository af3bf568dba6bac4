"""A large import saves its new people a batch at a time, on SQLite on a thread of its own,
while it goes on checking the rows after them: what it stores is what saving them one at a
time would store, and a failure or a cancel part-way still leaves the database as it was."""

from __future__ import annotations

import sys
import threading

import pytest
from sqlalchemy import func, select
from test_import_people import legacy_csv, run_import

from databases import sqlite_only
from sassot_desktop.db.models import Person, PersonToken
from sassot_desktop.db.plain_sql import PlainTransaction, plain_transaction
from sassot_desktop.exchange.adding_people import _BATCH
from sassot_desktop.people import folding
from sassot_desktop.people.search import search
from sassot_desktop.progress import Cancelled, Progress

MORE_THAN_TWO_BATCHES = 2 * _BATCH + 150


def filler(count: int) -> list[str]:
    """Distinct people, each with an email, a postcode and a club, as a large file has."""
    return [
        f"Person{number};Filler{number};filler{number}@example.com;;ST1{number % 10} 2DN;;"
        f"Club {number % 7};"
        for number in range(count)
    ]


def test_every_person_and_search_word_is_stored_as_saving_one_at_a_time_would(workspace, tmp_path):
    _, report = run_import(workspace, legacy_csv(tmp_path, filler(MORE_THAN_TWO_BATCHES)))

    assert report.added == MORE_THAN_TWO_BATCHES
    with workspace.db.read() as session:
        people = session.scalars(select(Person).order_by(Person.id)).all()
        words: dict[int, set[str]] = {}
        for token in session.scalars(select(PersonToken)):
            words.setdefault(token.person_id, set()).add(token.token)
    assert [person.last_name for person in people] == [
        f"Filler{number}" for number in range(MORE_THAN_TWO_BATCHES)
    ]
    for person in people:
        expected = folding.person_tokens(
            person.first_name, person.last_name, person.email, person.postcode, person.club
        )
        assert words[person.id] == expected, person.last_name


def test_a_person_saved_in_an_earlier_batch_is_given_what_a_later_row_adds(workspace, tmp_path):
    rows = [
        "Ann;Early;ann@example.com;;;;;",
        *filler(MORE_THAN_TWO_BATCHES),
        "Ann;Early;ANN@EXAMPLE.COM;03/04/1985;ST16 9ZZ;07700 900123;Stone Dominoes;Netball",
    ]

    _, report = run_import(workspace, legacy_csv(tmp_path, rows))

    [merge] = report.merges
    assert (merge.earlier_line, merge.person_id) == (2, None)  # the header is line 1
    assert report.added == MORE_THAN_TWO_BATCHES + 1
    with workspace.db.read() as session:
        ann = session.scalars(select(Person).where(Person.last_name == "Early")).one()
        by_club = [person.id for person in search(session, "dominoes")]
        by_postcode = [person.id for person in search(session, "st16 9zz")]
    assert (ann.phone, ann.postcode, ann.club, ann.sport) == (
        "07700 900123",
        "ST16 9ZZ",
        "Stone Dominoes",
        "Netball",
    )
    assert ann.date_of_birth.isoformat() == "1985-04-03"
    assert ann.district == "Stafford"
    assert ann.version == 1  # new in this import: filled in, not edited
    assert by_club == [ann.id]
    assert by_postcode == [ann.id]  # no one else's postcode


def test_a_failure_while_a_batch_is_saved_leaves_the_database_as_it_was(
    workspace, tmp_path, monkeypatch
):
    run_import(workspace, legacy_csv(tmp_path, ["Ann;Before;ann@example.com;;;;;"], name="a.csv"))
    before = _people_and_words(workspace)
    switching = sys.getswitchinterval()
    batches_of_words = []

    def failing_at_the_second_batch_of_words(send):
        def sent(transaction, statement, values):
            if statement.startswith('INSERT INTO "person_token"'):
                batches_of_words.append(statement)
                if len(batches_of_words) == 2:
                    raise OSError("No space left on device")
            return send(transaction, statement, values)

        return sent

    for name in ("_send", "_send_many"):  # on SQLite and on a server
        send = getattr(PlainTransaction, name)
        monkeypatch.setattr(PlainTransaction, name, failing_at_the_second_batch_of_words(send))

    with pytest.raises(OSError, match="No space left"):
        run_import(workspace, legacy_csv(tmp_path, filler(4 * _BATCH)))

    assert _people_and_words(workspace) == before
    assert not _saving_threads()
    assert sys.getswitchinterval() == switching


def test_cancel_while_a_batch_is_being_saved_leaves_the_database_as_it_was(workspace, tmp_path):
    before = _people_and_words(workspace)

    def cancel_after_the_first_batch(done, total, text):
        if done > _BATCH + 100:
            progress.cancel()

    progress = Progress(cancel_after_the_first_batch)
    with pytest.raises(Cancelled):
        run_import(workspace, legacy_csv(tmp_path, filler(4 * _BATCH)), progress=progress)

    assert _people_and_words(workspace) == before
    assert not _saving_threads()


@sqlite_only("rows go in on a thread of their own into a SQLite file")
def test_rows_saved_in_the_background_keep_every_character_and_their_order(workspace):
    texts = ["a\x00b", "Zoë Ó'Brien", "emoji 😀", "\u202eright to left", 'quote " \\', "x" * 5000]
    rows = [(number, texts[number % len(texts)]) for number in range(30_000)]

    with plain_transaction(workspace.db, keep=False) as transaction:
        transaction.execute("CREATE TEMPORARY TABLE kept (number INTEGER, text TEXT)")
        # More rows than one statement takes, and a remainder, twice over.
        assert transaction.rows_a_statement(2) < 17_000
        for part in (rows[:17_000], rows[17_000:]):
            values = [value for row in part for value in row]
            transaction.insert_in_background("kept", ("number", "text"), values)
        stored = transaction.execute("SELECT number, text FROM kept ORDER BY number")

    assert stored == rows


def _people_and_words(workspace) -> tuple[int, int]:
    with workspace.db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Person)),
            session.scalar(select(func.count()).select_from(PersonToken)),
        )


def _saving_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("saving")]
