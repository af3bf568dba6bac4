"""The people list, the duplicate search and the equality answers, as operations."""

from __future__ import annotations

from datetime import date

import pytest

from people_records import ZOE, enter_twice
from sassot_desktop.errors import UserError
from sassot_desktop.people import duplicates, equality, listing, profile, roles
from sassot_desktop.people.records import PersonDetails, create_person, update_person

TODAY = date(2026, 11, 23)


def ids(workspace, **asked) -> list[int]:
    with workspace.db.read() as session:
        return listing.ids(session, listing.PeopleQuery(**asked), TODAY).ids


def names(workspace, **asked) -> list[str]:
    with workspace.db.read() as session:
        found = listing.ids(session, listing.PeopleQuery(**asked), TODAY).ids
        return [row.name for row in listing.rows(session, found)]


@pytest.fixture
def club(workspace):
    """Four people of a club and a few of its neighbours."""
    people = [
        ("Łukasz", "Wiśniewski", "ST16 2DN", "Stafford", "Stafford Harriers", ["coach"]),
        ("Siân", "Llŵyd-Jones", "WS11 1DB", "Cannock Chase", "Cannock Tigers", ["volunteer"]),
        ("Olga", "Кузнецова", None, None, "Leek Town Juniors", ["coach", "tutor"]),
        ("Aoife", "Ní Bhriain", "B79 7LQ", "Tamworth", "Tamworth Athletics Club", []),
    ]
    made = {}
    with workspace.db.write() as session:
        for first, last, postcode, district, club_name, held in people:
            details = PersonDetails(
                first,
                last,
                email=f"{first.lower()}@example.org",
                postcode=postcode,
                district=district,
                club=club_name,
                consent_method="Booking form",
            )
            person = create_person(session, details)
            roles.set_roles(session, person.id, held)
            made[first] = person.id
    return made


def test_search_is_accent_and_case_insensitive_by_name_email_postcode_and_club(workspace, club):
    assert names(workspace, text="lukasz wisn") == ["Łukasz Wiśniewski"]
    assert names(workspace, text="KUZNETSOVA") == ["Olga Кузнецова"]
    assert names(workspace, text="aoife@example") == ["Aoife Ní Bhriain"]
    assert names(workspace, text="ws11") == ["Siân Llŵyd-Jones"]
    assert names(workspace, text="harriers") == ["Łukasz Wiśniewski"]
    assert names(workspace, text="nobody here") == []


def test_filters_by_role_and_district_and_sorts_by_any_column(workspace, club):
    assert names(workspace, role="coach") == ["Olga Кузнецова", "Łukasz Wiśniewski"]
    assert names(workspace, role="tutor", text="olga") == ["Olga Кузнецова"]
    assert names(workspace, district="Tamworth") == ["Aoife Ní Bhriain"]
    assert names(workspace, district=listing.NO_DISTRICT) == ["Olga Кузнецова"]
    assert names(workspace, sort="club") == [
        "Siân Llŵyd-Jones",
        "Olga Кузнецова",
        "Łukasz Wiśniewski",
        "Aoife Ní Bhriain",
    ]
    assert names(workspace, sort="club", descending=True)[0] == "Aoife Ní Bhriain"


def test_filters_by_activity(workspace):
    twice = enter_twice(workspace)
    with workspace.db.write() as session:
        never = create_person(session, PersonDetails("Ayşe", "Yılmaz")).id
    assert set(ids(workspace, activity=listing.RECENT)) == {twice.zoe, twice.zoe_again}
    assert ids(workspace, activity=listing.NEVER) == [never]
    assert ids(workspace, activity=listing.LAPSED) == []
    assert set(ids(workspace, activity=listing.LAPSED)) == set()
    with workspace.db.read() as session:
        later = listing.ids(
            session, listing.PeopleQuery(activity=listing.LAPSED), date(2029, 6, 1)
        ).ids
    assert set(later) == {twice.zoe, twice.zoe_again}


def test_a_listed_row_carries_no_special_category_answers(workspace):
    twice = enter_twice(workspace)
    with workspace.db.read() as session:
        [row] = listing.rows(session, [twice.zoe_again])
    fields = set(vars(row))
    assert not fields & {"gender", "ethnicity", "disability", "date_of_birth"}


# --- duplicates --------------------------------------------------------------------------------


def pairs(workspace) -> list[duplicates.LikelyPair]:
    with workspace.db.read() as session:
        return duplicates.find_duplicates(session)


def test_duplicates_are_found_best_first_and_namesakes_are_not(workspace):
    twice = enter_twice(workspace)
    with workspace.db.write() as session:
        # A walk-in who gave only a name: the same person, most likely.
        walk_in = create_person(session, PersonDetails("Zoe", "Obrien")).id
        # Two John Smiths known to be born on different days: two people.
        for born in (date(1970, 1, 1), date(1990, 6, 6)):
            create_person(
                session,
                PersonDetails("John", "Smith", date_of_birth=born, consent_method="Booking form"),
            )
        # One email, one phone, a shortened first name: the same man twice.
        for first in ("Robert", "Bob"):
            create_person(
                session,
                PersonDetails(
                    first,
                    "Ashworth",
                    email="r.ashworth@example.com",
                    phone="07700 900555",
                    consent_method="Booking form",
                ),
            )
    found = pairs(workspace)
    named = [{pair.first.name, pair.second.name} for pair in found]
    assert {"John Smith"} not in named
    assert {"Robert Ashworth", "Bob Ashworth"} in named
    pair_ids = [{pair.first.id, pair.second.id} for pair in found]
    both_zoes = found[pair_ids.index({twice.zoe, twice.zoe_again})]
    assert "same email" in both_zoes.reasons
    # Sharing an email beats sharing only a name.
    assert pair_ids.index({twice.zoe, twice.zoe_again}) < pair_ids.index({twice.zoe, walk_in})
    scores = [pair.score for pair in found]
    assert scores == sorted(scores, reverse=True)

    # The officer knows the walk-in was someone else: that pair is not offered again.
    with workspace.db.write() as session:
        duplicates.not_the_same(session, walk_in, twice.zoe)
    again = [{pair.first.id, pair.second.id} for pair in pairs(workspace)]
    assert {twice.zoe, walk_in} not in again
    assert {twice.zoe, twice.zoe_again} in again


def test_the_duplicate_search_reports_progress_and_can_be_cancelled(workspace):
    from sassot_desktop.progress import Cancelled, Progress

    enter_twice(workspace)
    reports = []
    progress = Progress(lambda done, total, text: reports.append(text))
    with workspace.db.read() as session:
        duplicates.find_duplicates(session, progress)
    assert reports and reports[-1].startswith("Sorting")
    progress.cancel()
    with workspace.db.read() as session, pytest.raises(Cancelled):
        duplicates.find_duplicates(session, progress)


# --- equality ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2010, 11, 24), "Under 16"),  # 16 tomorrow
        (date(2010, 11, 23), "16–18"),  # 16 today
        (date(2007, 11, 24), "16–18"),
        (date(2007, 11, 23), "19–24"),
        (date(1961, 11, 23), "65 and over"),
        (None, "Not known"),
    ],
)
def test_the_age_band_turns_on_the_birthday(born, band):
    assert equality.age_band(born, TODAY) == band


def test_equality_answers_need_consent_and_go_when_consent_is_withdrawn(workspace):
    with workspace.db.write() as session:
        no_consent = create_person(session, PersonDetails("Priya", "Patel")).id
        zoe = create_person(session, ZOE).id
    with workspace.db.write() as session, pytest.raises(UserError, match="consent first"):
        profile.set_equality(session, no_consent, profile.Equality(gender="Female"))
    with workspace.db.write() as session:
        profile.set_equality(
            session,
            zoe,
            profile.Equality("female", "White: Irish", equality.PREFER_NOT_TO_SAY),
        )
    with workspace.db.read() as session:
        answers = profile.person_record(session, zoe, TODAY).equality
    assert answers == profile.Equality("Female", "White: Irish", "Prefer not to say")
    with workspace.db.write() as session, pytest.raises(UserError, match="pick one"):
        profile.set_equality(session, zoe, profile.Equality(ethnicity="Martian"))
    with workspace.db.write() as session:
        update_person(session, zoe, PersonDetails("Zoë", "Ó'Brien"))
    with workspace.db.read() as session:
        record = profile.person_record(session, zoe, TODAY)
    assert record.equality == profile.Equality()
    assert record.details.email is None and not record.consented
