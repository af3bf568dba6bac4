"""The searches take anything typed or pasted: quotes, ``%``, ``_``, ``*``, backslashes, SQL
and full-text words are matched as the letters they are, never as a different query, and never
raise. The person search follows the folding rule (every typed word begins a word of the
person); the workshop list's search finds the typed text anywhere in a title, venue or tutor,
whatever its case."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hostile import SQL_AND_SEARCH_WORDS, hostile_text
from sassot_desktop.certificates.verification import verify
from sassot_desktop.errors import NotFound
from sassot_desktop.people import folding
from sassot_desktop.people.records import PersonDetails, create_person, find_people
from sassot_desktop.workshops.catalogue import WorkshopDetails, create_workshop, list_workshops
from sassot_desktop.workspace import open_workspace
from test_cli import Runner, assert_no_traceback

TODAY = date(2027, 1, 15)
PEOPLE = (
    ("Ann", "100%"),
    ("Bob", "Under_Score"),
    ("Cat", 'Quote"Mark'),
    ("Dan", "Back\\Slash"),
    ("Eve", "O'Neil"),
    ("Near", "Or"),
    ("Sel", "Select * From"),
    ("Zoë", "Ó'Brien"),
    ("Łukasz", "Wiśniewski"),
    ("Olga", "Кузнецова"),
)
WORKSHOPS = (
    ("100% Fitness", "Stafford Leisure Centre", "Janet Holloway"),
    ("Under_18s Coaching", "Tamworth Assembly Rooms", None),
    ("Back\\slash and 'quotes'", 'The "Old" Hall', "O'Neil"),
    ("Équipe Sport", "Château Lodge", "Łukasz Nowak"),
    ("Emergency First Aid", "Leek Pavilion", "NEAR OR NOT"),
)
_query = st.one_of(
    hostile_text(max_pieces=4, very_long=False),
    st.lists(st.sampled_from(SQL_AND_SEARCH_WORDS), min_size=1, max_size=4).map(" ".join),
    st.sampled_from([last for _, last in PEOPLE] + [title for title, *_ in WORKSHOPS]),
)


def workshop(title: str, venue: str = "Stafford Leisure Centre", tutor: str | None = None):
    return WorkshopDetails(
        title=title,
        provider="UK Coaching",
        date=date(2027, 2, 10),
        start_time=time(18, 30),
        end_time=time(21, 30),
        venue_name=venue,
        capacity=20,
        tutor=tutor,
    )


@pytest.fixture(scope="module")
def searched(tmp_path_factory, shared_database):
    """One folder of people and workshops with awkward names, shared by the read-only tests."""
    opened = open_workspace(tmp_path_factory.mktemp("hostile-search") / "data")
    with opened.db.write() as session:
        for first, last in PEOPLE:
            create_person(session, PersonDetails(first, last))
        for title, venue, tutor in WORKSHOPS:
            create_workshop(session, workshop(title, venue, tutor))
    yield opened
    opened.close()


# -- people ------------------------------------------------------------------------------------
def people_found(workspace, query: str) -> set[str]:
    with workspace.db.read() as session:
        return {person.name for person in find_people(session, query, limit=50)}


def people_the_rule_finds(query: str) -> set[str]:
    """The folding rule itself, outside the database: each typed word begins a person's word."""
    words = [word[: folding.TOKEN_LENGTH] for word in folding.words(query)]
    if not words:
        return set()
    return {
        f"{first} {last}"
        for first, last in PEOPLE
        if folding.matches(words, folding.person_tokens(first, last))
    }


@given(query=_query)
def test_any_text_finds_exactly_the_people_the_folding_rule_finds(searched, query):
    assert people_found(searched, query) == people_the_rule_finds(query)


_name = hostile_text(max_pieces=4, very_long=False).filter(lambda name: name.strip())


@given(first=_name, last=_name)
def test_anyone_is_found_by_their_name_as_written(workspace, first, last):
    assume("\x00" not in first + last)
    with workspace.db.rehearse() as session:
        person = create_person(session, PersonDetails(first, last))
        for typed in (f"{person.first_name} {person.last_name}", person.last_name):
            if folding.words(typed):
                found = find_people(session, typed, limit=50)
                assert person.id in {summary.id for summary in found}, typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("%", set()),
        ("_", set()),
        ("*", set()),
        ('"', set()),
        ("\\", set()),
        ("100%", {"Ann 100%"}),
        ("under_score", {"Bob Under_Score"}),
        ('quote"mark', {'Cat Quote"Mark'}),
        ("back\\slash", {"Dan Back\\Slash"}),
        ("o'neil", {"Eve O'Neil"}),
        ("near or", {"Near Or"}),
        ("select * from", {"Sel Select * From"}),
        ("' OR '1'='1", set()),
        ("zoe -brien", {"Zoë Ó'Brien"}),
    ],
)
def test_search_characters_are_letters_typed_not_patterns(searched, typed, expected):
    assert people_found(searched, typed) == expected


# -- workshops ---------------------------------------------------------------------------------
def titles_listed(workspace, text: str) -> set[str]:
    with workspace.db.read() as session:
        return {row.title for row in list_workshops(session, text=text, today=TODAY)}


def holds(text: str, *fields: str | None) -> bool:
    """The workshop search's rule: the typed text, outer spaces aside, in any field, any case."""
    return any(text.strip().lower() in (field or "").lower() for field in fields)


def titles_holding(text: str) -> set[str]:
    return {title for title, venue, tutor in WORKSHOPS if holds(text, title, venue, tutor)}


@given(text=_query)
def test_the_workshop_search_finds_the_text_itself_anywhere_in_any_case(searched, text):
    assume(text.strip())
    assert titles_listed(searched, text) == titles_holding(text)


@given(title=_name, data=st.data())
def test_a_workshop_is_found_by_any_part_of_its_title(workspace, title, data):
    assume("\x00" not in title)
    start = data.draw(st.integers(0, len(title) - 1))
    part = title[start : data.draw(st.integers(start + 1, len(title)))]
    assume(part.strip())
    typed = data.draw(st.sampled_from((part, part.upper(), part.lower())))
    with workspace.db.rehearse() as session:
        created = create_workshop(session, workshop(title))
        listed = {row.id for row in list_workshops(session, text=typed, today=TODAY)}
    assert (created.id in listed) == holds(typed, created.title, created.venue_name)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("%", {"100% Fitness"}),
        ("_", {"Under_18s Coaching"}),
        ("\\", {"Back\\slash and 'quotes'"}),
        ('"old"', {"Back\\slash and 'quotes'"}),
        ("ÉQUIPE", {"Équipe Sport"}),
        ("équipe", {"Équipe Sport"}),
        ("château", {"Équipe Sport"}),
        ("ŁUKASZ", {"Équipe Sport"}),
        ("near or", {"Emergency First Aid"}),
        ("' OR '1'='1", set()),
    ],
)
def test_workshop_search_characters_are_letters_typed_not_patterns(searched, typed, expected):
    assert titles_listed(searched, typed) == expected


# -- the command line: the one command that takes free text --------------------------------------
@given(typed=_query)
def test_verify_answers_any_text_with_found_or_one_sentence(searched, typed):
    with searched.db.read() as session, pytest.raises(NotFound) as refusal:
        verify(session, typed)
    assert "\n" not in str(refusal.value).strip() or "\n" in typed


def test_verify_on_the_command_line_takes_sql_and_quotes_as_a_mistyped_code(tmp_path, data_dir):
    (tmp_path / "home").mkdir()
    run = Runner(home=tmp_path / "home", data_dir=data_dir)

    result = run("verify", "'; DROP TABLE certificate; -- \"%_*\\")

    assert_no_traceback(result)
    assert result.returncode == 1
    assert "is not a certificate code" in result.stderr
    assert result.stderr.strip().count("\n") == 0


# -- what the properties found, each kept by an example of its own -----------------------------
def test_a_workshop_with_capital_accented_letters_is_found_as_typed_in_any_case(searched):
    assert titles_listed(searched, "Équipe Sport") == {"Équipe Sport"}
    assert titles_listed(searched, "équipe") == {"Équipe Sport"}
    assert titles_listed(searched, "łukasz nowak") == {"Équipe Sport"}


def test_a_nul_in_the_workshop_search_matches_no_workshop_rather_than_all(searched):
    assert titles_listed(searched, "\x00") == set()
    assert titles_listed(searched, "Fitness\x00") == set()


def test_a_pasted_paragraph_of_hundreds_of_words_still_finds_the_person(workspace):
    words = [f"w{number}" for number in range(600)]
    with workspace.db.write() as session:
        ann = create_person(session, PersonDetails("Ann", " ".join(words)))
        create_person(session, PersonDetails("Bob", " ".join(words[:-1])))

    with workspace.db.read() as session:
        found = find_people(session, " ".join(words))

    assert [person.id for person in found] == [ann.id]
