"""How much of the search index a key reads on PostgreSQL: a first letter reads about as many
tokens as the list shows, not every person of that letter, and a second word is checked with
one probe per person, never by walking its whole range again for each of them."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import event, insert, select

from databases import ON_POSTGRESQL
from sassot_desktop.clock import utc_now
from sassot_desktop.db import statistics
from sassot_desktop.db.models import Person, PersonToken
from sassot_desktop.people import folding, search

pytestmark = pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="PostgreSQL only: reads the server's own account of the rows it visited "
    "(EXPLAIN ANALYZE); SQLite's DISTINCT stops at the limit by itself",
)

LOUISES = 600
OTHERS = 2400


@pytest.fixture
def many_people(workspace):
    """2,400 others, then 600 Louises, every one of them surnamed with an S or a W."""
    now = utc_now()
    surnames = ["Smith", "Shah", "Walsh", "Ward", "Wood", "Singh"]
    people = [
        ("Louise" if n >= OTHERS else f"Sam{n}", f"{surnames[n % len(surnames)]}{n % 7}")
        for n in range(OTHERS + LOUISES)
    ]
    with workspace.db.write() as session:
        session.execute(
            insert(Person.__table__),
            [
                dict(id=n + 1, first_name=first, last_name=last)
                | dict(sort_name=folding.sort_name(first, last), created_at=now, updated_at=now)
                for n, (first, last) in enumerate(people)
            ],
        )
        session.execute(
            insert(PersonToken.__table__),
            [
                {"token": token, "person_id": n + 1}
                for n, (first, last) in enumerate(people)
                for token in folding.person_tokens(first, last)
            ],
        )
    statistics.refresh(workspace.db, statistics.PEOPLE_TABLES)
    return workspace


def tokens_read(workspace, text: str, limit: int) -> tuple[list[int], int, set[str]]:
    """What ``matching_ids`` finds, how many person_token rows its last statement read, and
    the kinds of step the server took for it."""
    statements = []

    def remember(_connection, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(workspace.db.engine, "before_cursor_execute", remember)
    try:
        with workspace.db.read() as session:
            found = search.matching_ids(session, text, limit)
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", remember)
    statement, parameters = statements[-1]
    with workspace.db.engine.connect() as connection:
        cursor = connection.connection.dbapi_connection.cursor()
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters)
        [[plan]] = cursor.fetchall()
    plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
    return found, _rows_of_person_token(plan["Plan"]), _steps(plan["Plan"])


def _steps(node: dict) -> set[str]:
    return {node["Node Type"]}.union(*(_steps(child) for child in node.get("Plans", [])))


def _rows_of_person_token(node: dict) -> int:
    own = 0
    if node.get("Relation Name") == "person_token":
        own = node["Actual Rows"] * node["Actual Loops"]
    return own + sum(_rows_of_person_token(child) for child in node.get("Plans", []))


@pytest.mark.parametrize("letter", ["s", "l"])
def test_a_first_letter_reads_about_as_many_tokens_as_people_shown(many_people, letter):
    found, read, steps = tokens_read(many_people, letter, limit=20)
    assert len(set(found)) == len(found) == 20
    # A DISTINCT reads the letter whole first (a hash, a sort) or walks everyone in id order
    # hoping to meet the letter soon (a unique walk of the other index).
    assert not steps & {"Aggregate", "Sort", "Unique", "Hash"}
    # Each person met costs a token or two and one probe for an earlier one; every token of
    # the letter would be a thousand or more.
    assert read < 200


def test_a_second_word_costs_one_probe_per_person_of_the_first(many_people):
    found, read, steps = tokens_read(many_people, "louise wa", limit=300)
    with many_people.db.read() as session:
        expected = session.scalars(
            select(Person.id).where(Person.first_name == "Louise", Person.last_name.like("Wa%"))
        ).all()
    assert sorted(found) == sorted(expected)
    # The Louises' tokens (read once, about three each) and one probe per Louise for "wa":
    # walking the "wa" tokens again for each Louise would be hundreds of thousands.
    assert read < 5 * LOUISES
    # A join is the server's choice of how to walk the two ranges, and it chose badly once.
    assert not steps & {"Nested Loop", "Hash Join", "Merge Join"}
