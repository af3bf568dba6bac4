"""Name folding and people search: what the officer types finds people as names are written."""

from __future__ import annotations

import random

import pytest

from sassot_desktop.people import folding, search
from sassot_desktop.people.records import PersonDetails, create_person, find_people
from sassot_desktop.workspace import open_workspace

CONSENT = "Booking form"

PEOPLE = (
    PersonDetails(
        "Zoë",
        "Ó'Brien",
        email="zoe.obrien@example.org.uk",
        postcode="st16 2dn",
        club="Stafford Rangers Juniors FC",
        consent_method=CONSENT,
    ),
    PersonDetails(
        "Łukasz",
        "Wiśniewski",
        email="lukasz.w@example.com",
        postcode="WS11 1AB",
        consent_method=CONSENT,
    ),
    PersonDetails("Siân", "Llŵyd-Jones", consent_method=CONSENT),
    PersonDetails("Olga", "Кузнецова", consent_method=CONSENT),
    PersonDetails("Ayşe", "Yılmaz", consent_method=CONSENT),
    PersonDetails("Aoife", "Ní Bhriain", consent_method=CONSENT),
    # Near misses: share a first or last name with someone above.
    PersonDetails("Zoe", "Brown", consent_method=CONSENT),
    PersonDetails("Tom", "Jones", consent_method=CONSENT),
)


def _add_people(workspace):
    with workspace.db.write() as session:
        for details in PEOPLE:
            create_person(session, details)
    return workspace


@pytest.fixture(scope="module")
def people(tmp_path_factory, shared_database):
    """One folder of people shared by the read-only search tests (a migration per test is slow)."""
    opened = open_workspace(tmp_path_factory.mktemp("search") / "data")
    yield _add_people(opened)
    opened.close()


@pytest.fixture
def own_people(workspace):
    """People in a fresh folder, for tests that change them."""
    return _add_people(workspace)


def names_found(workspace, query: str, limit: int = 50) -> list[str]:
    with workspace.db.read() as session:
        return [p.name for p in find_people(session, query, limit)]


# --- folding: the one rule -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Zoë Ó'Brien", "zoe obrien"),
        ("Zoe\u0308 O\u0301\u2019Brien", "zoe obrien"),  # decomposed accents, curly apostrophe
        ("Łukasz Wiśniewski", "lukasz wisniewski"),
        ("Siân Llŵyd-Jones", "sian llwyd jones"),
        ("Olga Кузнецова", "olga kuznetsova"),
        ("Ayşe Yılmaz", "ayse yilmaz"),
        ("  ST16   2DN ", "st16 2dn"),
        ("", ""),
    ],
)
def test_fold_gives_plain_lower_case_words(written, folded):
    assert folding.fold(written) == folded


def test_words_split_hyphenated_names():
    assert folding.words("Llŵyd-Jones") == ["llwyd", "jones"]
    assert folding.words("O'Brien") == ["obrien"]
    assert folding.words("-- ' ..") == []


def test_tokens_include_parts_and_joined_forms():
    assert folding.tokens("Siân Llŵyd-Jones") >= {"sian", "llwyd", "jones", "llwydjones"}
    assert folding.tokens("ST16 2DN") >= {"st16", "2dn", "st162dn"}
    # O'Brien is one word, and typed with a space ("o brien") it is still found.
    assert folding.tokens("Ó'Brien") >= {"obrien", "o", "brien"}
    assert folding.tokens(None, "") == set()


def test_tokens_are_cut_to_the_token_length():
    long_name = "Wilhelmina-Josephine Cholmondeley-Featherstonehaugh"
    assert all(len(token) <= folding.TOKEN_LENGTH for token in folding.tokens(long_name))


def test_matches_needs_every_query_word_to_begin_some_token():
    record = folding.tokens("Zoë", "Ó'Brien")
    assert folding.matches(["zoe", "ob"], record)
    assert folding.matches(["ob", "zoe"], record)
    assert not folding.matches(["zoe", "jones"], record)
    assert not folding.matches(["rien"], record)  # prefixes, not any substring


def test_a_persons_words_leave_out_those_that_begin_another_of_theirs():
    fields = ("Rebecca", "Carter", "rebecca.carter12@gmail.com", "ST16 2DN", "Stafford Rangers FC")
    stored = folding.person_tokens(*fields)
    every_word = folding.tokens(*fields, "Rebecca Carter")
    assert not {"rebecca", "carter", "rebeccacarter", "st16", "stafford"} & stored
    assert {
        "rebeccacarter12gmailcom",
        "carter12",
        "st162dn",
        "staffordrangersfc",
        "2dn",
        "fc",
    } <= stored
    # Whatever a left-out word begins, a stored one begins too: every search finds her still.
    assert stored <= every_word
    assert all(any(kept.startswith(word) for kept in stored) for word in every_word)


def test_a_postcode_as_the_program_writes_it_gives_the_words_any_other_text_would():
    """Postcodes written as ``postcodes.normalised`` writes them are folded in one step; with a
    space in front the same text takes the general path, and the two must agree."""
    rng = random.Random(2026)
    letters, digits = "ABDEFGHJLNPQRSTUWXYZ", "0123456789"
    outwards = ["ST16", "B78", "WS15", "DE13", "SK17", "M1", "EC1A", "W1J", "GIR"]
    outwards += ["".join(rng.choice(letters + digits) for _ in range(rng.randint(2, 4)))]
    postcodes = ["GIR 0AA"] + [
        f"{rng.choice(outwards)} {rng.choice(digits)}{rng.choice(letters)}{rng.choice(letters)}"
        for _ in range(2000)
    ]

    for postcode in postcodes:
        for first, last, email in (("Ann", "St", None), ("Gir", "Oaa", "st16@example.com")):
            in_one_step = folding.person_tokens(first, last, email, postcode)
            assert in_one_step == folding.person_tokens(first, last, email, f" {postcode}")


def test_sort_name_is_folded_last_name_then_first():
    assert folding.sort_name("Zoë", "Ó'Brien") == "obrien zoe"
    assert folding.sort_name("Olga", "Кузнецова") == "kuznetsova olga"


# --- search over the database -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zoe ob", {"Zoë Ó'Brien"}),
        ("Zoë Ó'Brien", {"Zoë Ó'Brien"}),
        ("ZOE O\u2019BRIEN", {"Zoë Ó'Brien"}),
        ("o brien", {"Zoë Ó'Brien"}),
        ("brien", {"Zoë Ó'Brien"}),
        ("obr", {"Zoë Ó'Brien"}),
        ("zoe", {"Zoë Ó'Brien", "Zoe Brown"}),
        ("lukasz wisniewski", {"Łukasz Wiśniewski"}),
        ("Łukasz", {"Łukasz Wiśniewski"}),
        ("wis", {"Łukasz Wiśniewski"}),
        ("sian", {"Siân Llŵyd-Jones"}),
        ("llwyd", {"Siân Llŵyd-Jones"}),
        ("llwyd-jones", {"Siân Llŵyd-Jones"}),
        ("llwydjones", {"Siân Llŵyd-Jones"}),
        ("jones", {"Siân Llŵyd-Jones", "Tom Jones"}),
        ("kuznetsova", {"Olga Кузнецова"}),
        ("Кузнецова", {"Olga Кузнецова"}),
        ("olga kuz", {"Olga Кузнецова"}),
        ("ayse yilmaz", {"Ayşe Yılmaz"}),
        ("yılmaz", {"Ayşe Yılmaz"}),
        ("ni bhriain", {"Aoife Ní Bhriain"}),
        # postcode, whole or in parts, any case
        ("st16", {"Zoë Ó'Brien"}),
        ("ST16 2DN", {"Zoë Ó'Brien"}),
        ("st162dn", {"Zoë Ó'Brien"}),
        ("ws11 1ab", {"Łukasz Wiśniewski"}),
        # email, whole or in parts
        ("zoe.obrien@example.org.uk", {"Zoë Ó'Brien"}),
        ("lukasz.w", {"Łukasz Wiśniewski"}),
        ("example", {"Zoë Ó'Brien", "Łukasz Wiśniewski"}),
        # club
        ("rangers", {"Zoë Ó'Brien"}),
    ],
)
def test_search_finds_people_as_typed(people, query, expected):
    assert set(names_found(people, query)) == expected


@pytest.mark.parametrize(
    "query", ["ob zoe", "brien zoe", "jones sian", "yilmaz ayse", "2dn st16 obrien"]
)
def test_words_may_come_in_any_order(people, query):
    found = names_found(people, query)
    assert len(found) == 1
    assert found[0] in {"Zoë Ó'Brien", "Siân Llŵyd-Jones", "Ayşe Yılmaz"}


@pytest.mark.parametrize(
    "query", ["xavier", "zoe jones", "rien", "iân", "zoe brownie", "", "  -' ."]
)
def test_no_match_gives_an_empty_list(people, query):
    assert names_found(people, query) == []


def test_results_are_in_last_name_order(people):
    # "jones tom" sorts before "llwyd jones sian".
    assert names_found(people, "jones") == ["Tom Jones", "Siân Llŵyd-Jones"]
    assert names_found(people, "zoe") == ["Zoe Brown", "Zoë Ó'Brien"]


def test_limit_is_respected(workspace):
    with workspace.db.write() as session:
        for number in range(30):
            create_person(session, PersonDetails(f"Runner{number}", "Smith"))
    assert len(names_found(workspace, "smith")) == 30
    assert len(names_found(workspace, "smith", limit=10)) == 10
    with workspace.db.read() as session:
        assert len(search.matching_ids(session, "smith", limit=7)) == 7


def test_details_without_consent_are_not_searchable(workspace):
    with workspace.db.write() as session:
        create_person(
            session,
            PersonDetails("Priya", "Patel", email="priya@example.org.uk", postcode="ST5 1AA"),
        )
    assert names_found(workspace, "priya patel") == ["Priya Patel"]
    assert names_found(workspace, "priya@example.org.uk") == []
    assert names_found(workspace, "st5") == []


def test_reindex_follows_a_change_of_name(own_people):
    with own_people.db.write() as session:
        [person] = search.search(session, "tom jones")
        person.last_name = "Ó'Connor"
        search.reindex(session, person)
    assert names_found(own_people, "tom oconnor") == ["Tom Ó'Connor"]
    assert names_found(own_people, "tom jones") == []
    assert names_found(own_people, "jones") == ["Siân Llŵyd-Jones"]


def test_find_people_gives_summaries(people):
    [zoe] = _summaries(people, "zoe ob")
    assert (zoe.first_name, zoe.last_name, zoe.name) == ("Zoë", "Ó'Brien", "Zoë Ó'Brien")
    assert zoe.email == "zoe.obrien@example.org.uk"
    assert zoe.postcode == "ST16 2DN"
    assert zoe.club == "Stafford Rangers Juniors FC"


def test_demo_people_are_found(demo_workspace):
    for query, name in [
        ("zoe ob", "Zoë Ó'Brien"),
        ("lukasz wisniewski", "Łukasz Wiśniewski"),
        ("sian llwyd", "Siân Llŵyd-Jones"),
        ("olga kuznetsova", "Olga Кузнецова"),
        ("ayse yilmaz", "Ayşe Yılmaz"),
    ]:
        assert name in names_found(demo_workspace, query), query


def _summaries(workspace, query):
    with workspace.db.read() as session:
        return find_people(session, query)


def test_a_postcode_typed_with_its_space_lists_that_postcodes_people_first(workspace):
    # Many in ST16 1.., a few in ST16 2.., and one elsewhere whose email begins with a 2.
    with workspace.db.write() as session:
        for number in range(40):
            create_person(
                session,
                PersonDetails("Sam", f"Hill{number}", postcode="ST16 1AA", consent_method=CONSENT),
            )
        for number in range(3):
            create_person(
                session,
                PersonDetails("Ann", f"Dale{number}", postcode="ST16 2DN", consent_method=CONSENT),
            )
        create_person(
            session,
            PersonDetails(
                "Bo", "Lee", email="2bo@example.org.uk", postcode="ST16 1AB", consent_method=CONSENT
            ),
        )
    with workspace.db.read() as session:
        everyone = search.matching_ids(session, "st16 2", limit=1000)
        first_few = search.matching_ids(session, "st16 2", limit=3)
        names = {person.last_name for person in search.search(session, "st16 2", limit=1000)}
    assert names == {"Dale0", "Dale1", "Dale2", "Lee"}  # the words as ever, not the postcode
    assert len(everyone) == len(set(everyone)) == 4
    with workspace.db.read() as session:
        dales = {person.id for person in search.search(session, "ann dale", limit=10)}
    assert set(first_few) == dales  # capped, the postcode's own people come first
