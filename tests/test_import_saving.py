"""A large import keeps reporting while it saves, can be cancelled then, and gives each new
person exactly their own search words."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text

from databases import sqlite_only
from sassot_desktop.db.models import Person, PersonToken
from sassot_desktop.exchange import columns
from sassot_desktop.exchange.people_import import import_file
from sassot_desktop.exchange.reading import read_table
from sassot_desktop.people.folding import person_tokens
from sassot_desktop.people.search import search
from sassot_desktop.progress import Cancelled, Progress
from sassot_desktop.settings import Settings

ROWS = 3000
TODAY = date(2026, 11, 23)


def big_file(tmp_path, name="big.csv"):
    path = tmp_path / name
    lines = ["Forename,Surname,Email,Post Code,Mobile No."]
    lines += [
        f"Person,Number{n},p{n}@example.com,ST16 {n % 9 + 1}DN,07700 9{n:05d}" for n in range(ROWS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(workspace, path, progress=None):
    table = read_table(path)
    mapping = columns.mapping_for(table.headers, Settings(workspace.paths.data_dir))
    return import_file(workspace.db, table, mapping, today=TODAY, progress=progress)


def test_saving_reports_its_progress_and_a_cancel_then_keeps_nothing(workspace, tmp_path):
    reports = []

    def heard(done, total, text):
        reports.append((done, total, text))
        if text == "Saving" and 0 < done < total:
            progress.cancel()

    progress = Progress(heard)
    with pytest.raises(Cancelled):
        run_import(workspace, big_file(tmp_path), progress=progress)

    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
        assert session.scalar(select(func.count()).select_from(PersonToken)) == 0
    assert any(text == "Saving" and 0 < done < total for done, total, text in reports)


def indexes_and_damage(workspace) -> tuple[list, list]:
    """The people's and search words' indexes, and what SQLite's own check finds amiss (every
    index holding exactly its table's rows)."""
    with workspace.db.read() as session:
        indexes = session.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name IN ('person', 'person_token') ORDER BY name"
            )
        ).all()
        problems = session.scalars(text("PRAGMA integrity_check")).all()
    return indexes, problems


@sqlite_only("the indexes of the SQLite file, built after the rows of a first large import")
def test_a_first_large_import_leaves_every_index_as_it_was_and_whole(workspace, tmp_path):
    before, _ = indexes_and_damage(workspace)

    run_import(workspace, big_file(tmp_path))

    after, problems = indexes_and_damage(workspace)
    assert len(before) == 7 and after == before
    assert problems == ["ok"]
    with workspace.db.read() as session:
        plan = session.execute(
            text("EXPLAIN QUERY PLAN SELECT id FROM person WHERE email = 'p7@example.com'")
        ).all()
        assert "ix_person_email" in " ".join(str(step) for step in plan)
        assert [person.email for person in search(session, "number1234")] == ["p1234@example.com"]


@sqlite_only("the indexes of the SQLite file, and SQLite's own check of them")
def test_a_first_large_import_cancelled_while_saving_keeps_every_index(workspace, tmp_path):
    before, _ = indexes_and_damage(workspace)

    def heard(done, total, text):
        if text == "Saving":  # every row checked, the last batches going in
            progress.cancel()

    progress = Progress(heard)
    with pytest.raises(Cancelled):
        run_import(workspace, big_file(tmp_path), progress=progress)

    assert indexes_and_damage(workspace) == (before, ["ok"])


def test_people_added_after_others_get_their_own_ids_and_search_words(workspace, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("Forename,Surname\nAnn,Before\n", encoding="utf-8")
    run_import(workspace, first)

    report = run_import(workspace, big_file(tmp_path))

    assert report.added == ROWS
    with workspace.db.read() as session:
        people = list(session.scalars(select(Person).order_by(Person.id)))
        tokens: dict[int, set[str]] = {}
        for token, person_id in session.execute(select(PersonToken.token, PersonToken.person_id)):
            tokens.setdefault(person_id, set()).add(token)
        found = search(session, "number2999")
    assert [person.id for person in people] == list(range(1, ROWS + 2))
    for person in people:
        expected = person_tokens(
            person.first_name, person.last_name, person.email, person.postcode, person.club
        )
        assert tokens[person.id] == expected, person.last_name
    assert [person.email for person in found] == ["p2999@example.com"]
    assert people[-1].phone == "07700 902999"
