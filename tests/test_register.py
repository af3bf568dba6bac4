"""The register on the night: ticks, walk-ins, statuses, closing, undo and the headcount."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from sassot_desktop.attendance import register
from sassot_desktop.attendance.roster import Headcount
from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import Booking, Person, Status, Workshop
from sassot_desktop.errors import UserError
from sassot_desktop.people import folding
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.workshops import bookings, catalogue
from sassot_desktop.workshops.catalogue import WorkshopDetails

SUMMER_DAY = date(2026, 7, 15)  # British Summer Time: the venue clock is UTC + 1 hour
WINTER_DAY = date(2027, 1, 15)  # Greenwich Mean Time: the venue clock is UTC


def add_workshop(workspace, day: date = SUMMER_DAY, capacity: int = 30) -> int:
    with workspace.db.write() as session:
        return catalogue.create_workshop(
            session,
            WorkshopDetails(
                title="Safeguarding and Protecting Children",
                provider="UK Coaching",
                date=day,
                start_time=time(18, 30),
                end_time=time(21, 30),
                venue_name="Fenton Manor Sports Complex",
                capacity=capacity,
                district="Stoke-on-Trent",
            ),
        ).id


def add_person(workspace, first: str, last: str) -> int:
    with workspace.db.write() as session:
        return create_person(session, PersonDetails(first, last)).id


def book(workspace, workshop_id: int, person_id: int) -> int:
    with workspace.db.write() as session:
        return bookings.book(session, workshop_id, person_id).booking_id


def booking(workspace, booking_id: int) -> Booking | None:
    with workspace.db.read() as session:
        return session.get(Booking, booking_id)


@pytest.fixture
def evening(workspace):
    """A summer evening workshop with Zoë, Łukasz and Siân booked on it."""
    workshop_id = add_workshop(workspace)
    people = {
        "zoe": add_person(workspace, "Zoë", "Ó'Brien"),
        "lukasz": add_person(workspace, "Łukasz", "Wiśniewski"),
        "sian": add_person(workspace, "Siân", "Llŵyd-Jones"),
    }
    booked = {key: book(workspace, workshop_id, person) for key, person in people.items()}
    return workspace, workshop_id, people, booked


# --- ticking people in ------------------------------------------------------------------------


def test_check_in_keeps_the_utc_instant_and_the_venue_clock_in_summer(evening):
    workspace, _, _, booked = evening
    tick = datetime(2026, 7, 15, 17, 42, 31)  # UTC; 18:42 at the venue
    with workspace.db.write() as session:
        result = register.check_in(session, booked["zoe"], at=tick)
    assert result.already_in is False
    assert result.arrived_local == time(18, 42)
    assert result.message == "Zoë Ó'Brien in at 18:42."
    stored = booking(workspace, booked["zoe"])
    assert stored.status == "attended"
    assert stored.arrived_at == tick
    assert stored.arrived_local == time(18, 42)


def test_check_in_in_winter_shows_utc_on_the_venue_clock(workspace):
    workshop_id = add_workshop(workspace, day=WINTER_DAY)
    booking_id = book(workspace, workshop_id, add_person(workspace, "Ayşe", "Yılmaz"))
    with workspace.db.write() as session:
        result = register.check_in(session, booking_id, at=datetime(2027, 1, 15, 18, 42, 59))
    assert result.message == "Ayşe Yılmaz in at 18:42."
    assert booking(workspace, booking_id).arrived_local == time(18, 42)


@pytest.mark.parametrize(
    ("instant_utc", "venue_clock"),
    [
        # The clocks go forward at 01:00 UTC on the last Sunday of March 2026.
        (datetime(2026, 3, 29, 0, 59), time(0, 59)),
        (datetime(2026, 3, 29, 1, 0), time(2, 0)),
        # ... and back at 01:00 UTC on the last Sunday of October 2026.
        (datetime(2026, 10, 25, 0, 30), time(1, 30)),
        (datetime(2026, 10, 25, 1, 30), time(1, 30)),
    ],
)
def test_check_in_follows_the_clock_changes(workspace, instant_utc, venue_clock):
    workshop_id = add_workshop(workspace, day=instant_utc.date())
    booking_id = book(workspace, workshop_id, add_person(workspace, "Olga", "Кузнецова"))
    with workspace.db.write() as session:
        register.check_in(session, booking_id, at=instant_utc)
    stored = booking(workspace, booking_id)
    assert (stored.arrived_at, stored.arrived_local) == (instant_utc, venue_clock)


def test_check_in_without_a_time_uses_now(evening):
    workspace, _, _, booked = evening
    before = utc_now()
    with workspace.db.write() as session:
        register.check_in(session, booked["zoe"])
    after = utc_now()
    stored = booking(workspace, booked["zoe"])
    assert before <= stored.arrived_at <= after
    assert stored.arrived_at.tzinfo is None  # naive UTC, as every instant is stored


def test_ticking_again_says_already_in_and_changes_nothing(evening):
    workspace, _, _, booked = evening
    first = datetime(2026, 7, 15, 17, 4)
    with workspace.db.write() as session:
        register.check_in(session, booked["zoe"], at=first)
    before = booking(workspace, booked["zoe"])
    with workspace.db.write() as session:
        again = register.check_in(session, booked["zoe"], at=first + timedelta(minutes=30))
    assert again.already_in is True
    assert again.undo == ()
    assert again.arrived_local == time(18, 4)
    assert again.message == "Zoë Ó'Brien is already in at 18:04."
    assert "already in at 18:04" in again.message
    after = booking(workspace, booked["zoe"])
    assert (after.status, after.arrived_at, after.arrived_local, after.updated_at) == (
        before.status,
        before.arrived_at,
        before.arrived_local,
        before.updated_at,
    )


def test_restore_undoes_a_tick(evening):
    workspace, _, _, booked = evening
    with workspace.db.write() as session:
        result = register.check_in(session, booked["zoe"], at=datetime(2026, 7, 15, 17, 4))
    assert len(result.undo) == 1
    with workspace.db.write() as session:
        register.restore(session, result.undo)
    stored = booking(workspace, booked["zoe"])
    assert (stored.status, stored.arrived_at, stored.arrived_local) == ("booked", None, None)
    # And the person can be ticked in again afterwards.
    with workspace.db.write() as session:
        assert register.check_in(session, booked["zoe"]).already_in is False


def test_nobody_is_checked_in_at_a_cancelled_workshop(evening):
    workspace, workshop_id, people, booked = evening
    with workspace.db.write() as session:
        catalogue.cancel_workshop(session, workshop_id)
    with pytest.raises(UserError) as raised, workspace.db.write() as session:
        register.check_in(session, booked["zoe"])
    assert str(raised.value) == "This workshop is cancelled; nobody can be checked in."
    with pytest.raises(UserError) as raised, workspace.db.write() as session:
        register.add_walk_in(session, workshop_id, PersonDetails("Ann", "Ames"))
    assert str(raised.value) == "This workshop is cancelled; it takes no walk-ins."
    assert booking(workspace, booked["zoe"]).status == "booked"


# --- walk-ins ---------------------------------------------------------------------------------


def test_walk_in_without_consent_keeps_only_the_name(evening):
    workspace, workshop_id, _, _ = evening
    details = PersonDetails(
        "Aoife",
        "Ní Bhriain",
        email="aoife@example.org.uk",
        phone="07700 900123",
        postcode="ST4 4AA",
        district="Stoke-on-Trent",
        club="Stoke Aquatics",
        sport="Swimming",
        date_of_birth=date(1990, 5, 1),
    )
    tick = datetime(2026, 7, 15, 17, 55)
    with workspace.db.write() as session:
        result = register.add_walk_in(session, workshop_id, details, at=tick)
    assert result.message == "Aoife Ní Bhriain in at 18:55."
    [walk_in] = result.undo
    assert walk_in.existed is False
    with workspace.db.read() as session:
        stored = session.get(Booking, walk_in.booking_id)
        person = session.get(Person, stored.person_id)
        assert (stored.walk_in, stored.status) == (True, "attended")
        assert (stored.arrived_at, stored.arrived_local) == (tick, time(18, 55))
        assert (person.first_name, person.last_name) == ("Aoife", "Ní Bhriain")
        kept = (
            person.email,
            person.phone,
            person.postcode,
            person.district,
            person.club,
            person.sport,
            person.date_of_birth,
            person.consent_method,
            person.consent_at,
        )
    assert kept == (None,) * 9


def test_walk_in_with_consent_keeps_details_and_when_they_agreed(evening):
    workspace, workshop_id, _, _ = evening
    details = PersonDetails(
        "Aoife",
        "Ní Bhriain",
        email=" aoife@example.org.uk ",
        phone="07700 900123",
        postcode="st4 4aa",
        district="stoke-on-trent",
        club="Stoke Aquatics",
        consent_method="Paper form at the workshop",
    )
    before = utc_now()
    with workspace.db.write() as session:
        result = register.add_walk_in(session, workshop_id, details)
    after = utc_now()
    with workspace.db.read() as session:
        person = session.get(Booking, result.undo[0].booking_id).person
        assert person.email == "aoife@example.org.uk"
        assert person.phone == "07700 900123"
        assert person.postcode == "ST4 4AA"
        assert person.district == "Stoke-on-Trent"
        assert person.club == "Stoke Aquatics"
        assert person.consent_method == "Paper form at the workshop"
        assert before <= person.consent_at <= after


def test_walk_in_with_consent_keeps_the_given_consent_time(evening):
    workspace, workshop_id, _, _ = evening
    agreed = datetime(2026, 7, 15, 17, 50)
    details = PersonDetails(
        "Ann",
        "Ames",
        email="ann@example.org.uk",
        consent_method="Paper form at the workshop",
        consent_at=agreed,
    )
    with workspace.db.write() as session:
        result = register.add_walk_in(session, workshop_id, details)
    with workspace.db.read() as session:
        person = session.get(Booking, result.undo[0].booking_id).person
        assert (person.email, person.consent_at) == ("ann@example.org.uk", agreed)


def test_walk_in_refuses_a_bad_email_when_it_is_kept(evening):
    workspace, workshop_id, _, _ = evening
    details = PersonDetails("Ann", "Ames", email="ann at home", consent_method="Telephone")
    with pytest.raises(UserError) as raised, workspace.db.write() as session:
        register.add_walk_in(session, workshop_id, details)
    assert str(raised.value) == (
        "“ann at home” does not look like an email address; check it or leave it empty."
    )
    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 3


def test_walk_in_needs_a_person_or_a_name(evening):
    workspace, workshop_id, _, _ = evening
    with pytest.raises(UserError) as raised, workspace.db.write() as session:
        register.add_walk_in(session, workshop_id)
    assert str(raised.value) == "Choose the person who walked in, or enter their name."
    with pytest.raises(UserError) as raised, workspace.db.write() as session:
        register.add_walk_in(session, workshop_id, PersonDetails(" ", "Ames"))
    assert str(raised.value) == "Enter both a first name and a last name."


def test_walk_in_of_a_booked_person_just_checks_them_in(evening):
    workspace, workshop_id, people, booked = evening
    with workspace.db.write() as session:
        result = register.add_walk_in(
            session, workshop_id, person_id=people["lukasz"], at=datetime(2026, 7, 15, 17, 30)
        )
    assert result.message == "Łukasz Wiśniewski in at 18:30."
    assert [s.booking_id for s in result.undo] == [booked["lukasz"]]
    assert result.undo[0].existed is True
    stored = booking(workspace, booked["lukasz"])
    assert (stored.status, stored.walk_in) == ("attended", False)
    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Booking)) == 3
    # Undo puts the booking back rather than deleting it.
    with workspace.db.write() as session:
        register.restore(session, result.undo)
    assert booking(workspace, booked["lukasz"]).status == "booked"


def test_walk_in_of_a_known_person_without_a_booking(evening):
    workspace, workshop_id, _, _ = evening
    priya = add_person(workspace, "Priya", "Patel")
    with workspace.db.write() as session:
        result = register.add_walk_in(session, workshop_id, person_id=priya)
    [snapshot] = result.undo
    stored = booking(workspace, snapshot.booking_id)
    assert (stored.person_id, stored.walk_in, stored.status) == (priya, True, "attended")


def test_restore_of_a_walk_in_removes_the_booking(evening):
    workspace, workshop_id, _, _ = evening
    with workspace.db.write() as session:
        result = register.add_walk_in(session, workshop_id, PersonDetails("Ann", "Ames"))
    walk_in_id = result.undo[0].booking_id
    with workspace.db.write() as session:
        register.restore(session, result.undo)
    assert booking(workspace, walk_in_id) is None
    with workspace.db.read() as session:
        names = [entry.name for entry in register.roster(session, workshop_id)]
    assert "Ann Ames" not in names
    assert len(names) == 3


def test_possible_matches_offer_people_already_known(evening):
    workspace, _, _, _ = evening
    with workspace.db.read() as session:
        assert [p.name for p in register.possible_matches(session, "zoe", "o'b")] == ["Zoë Ó'Brien"]
        assert register.possible_matches(session, "z", "") == []


# --- statuses and closing the register --------------------------------------------------------


def test_set_status_for_many_rows_and_undo(evening):
    workspace, workshop_id, _, booked = evening
    with workspace.db.write() as session:
        register.check_in(session, booked["zoe"], at=datetime(2026, 7, 15, 17, 20))
    everyone = list(booked.values())
    with workspace.db.write() as session:
        snapshots = register.set_status(session, everyone, Status.LATE)
    assert {s.booking_id for s in snapshots} == set(everyone)
    assert [booking(workspace, b).status for b in everyone] == ["late"] * 3
    # A present status keeps the tick's time; nothing invents one for the others.
    assert booking(workspace, booked["zoe"]).arrived_local == time(18, 20)
    assert booking(workspace, booked["sian"]).arrived_local is None

    with workspace.db.write() as session:
        register.restore(session, snapshots)
    assert [booking(workspace, b).status for b in everyone] == ["attended", "booked", "booked"]
    assert booking(workspace, booked["zoe"]).arrived_local == time(18, 20)


def test_set_status_to_absent_clears_the_arrival_and_skips_what_needs_no_change(evening):
    workspace, workshop_id, _, booked = evening
    with workspace.db.write() as session:
        register.check_in(session, booked["zoe"])
        register.set_status(session, [booked["lukasz"]], Status.NO_SHOW)
    with workspace.db.write() as session:
        snapshots = register.set_status(session, list(booked.values()), Status.NO_SHOW)
    # Łukasz was already a no-show: only Zoë and Siân changed.
    assert {s.booking_id for s in snapshots} == {booked["zoe"], booked["sian"]}
    zoe = booking(workspace, booked["zoe"])
    assert (zoe.status, zoe.arrived_at, zoe.arrived_local) == ("no-show", None, None)


def test_set_status_leaves_waiting_and_cancelled_bookings_alone(workspace):
    workshop_id = add_workshop(workspace, capacity=1)
    first = book(workspace, workshop_id, add_person(workspace, "Ann", "Ames"))
    waiting = book(workspace, workshop_id, add_person(workspace, "Bob", "Bell"))
    cancelled = book(workspace, workshop_id, add_person(workspace, "Cat", "Cole"))
    with workspace.db.write() as session:
        bookings.cancel_booking(session, cancelled)
        snapshots = register.set_status(session, [first, waiting, cancelled], Status.ATTENDED)
    assert [s.booking_id for s in snapshots] == [first]
    assert [booking(workspace, b).status for b in (first, waiting, cancelled)] == [
        "attended",
        "waiting",
        "cancelled",
    ]


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.WAITING])
def test_set_status_refuses_statuses_not_set_by_hand(evening, status):
    workspace, _, _, booked = evening
    with pytest.raises(UserError) as raised, workspace.db.write() as session:
        register.set_status(session, [booked["zoe"]], status)
    assert str(raised.value) == f"A booking's attendance cannot be set to “{status.value}”."
    assert booking(workspace, booked["zoe"]).status == "booked"


def test_close_register_marks_those_still_expected_as_no_shows(workspace):
    workshop_id = add_workshop(workspace, capacity=4)
    ids = [
        book(workspace, workshop_id, add_person(workspace, first, "Smith"))
        for first in ("Ann", "Bob", "Cat", "Dan", "Eve")
    ]
    came, late, expected_a, expected_b, waiting = ids
    with workspace.db.write() as session:
        register.check_in(session, came)
        register.set_status(session, [late], Status.LATE)
        walk_in = register.add_walk_in(session, workshop_id, PersonDetails("Fay", "Fox"))
    with workspace.db.write() as session:
        snapshots = register.close_register(session, workshop_id)
    assert {s.booking_id for s in snapshots} == {expected_a, expected_b}
    assert all(s.status == "booked" for s in snapshots)
    assert [booking(workspace, b).status for b in ids] == [
        "attended",
        "late",
        "no-show",
        "no-show",
        "waiting",
    ]
    assert booking(workspace, walk_in.undo[0].booking_id).status == "attended"
    with workspace.db.read() as session:
        workshop = session.get(Workshop, workshop_id)
        assert workshop.register_closed_at is not None
        assert catalogue.list_workshops(session, today=SUMMER_DAY)[0].register_closed is True
    # Undo brings the two back as expected.
    with workspace.db.write() as session:
        register.restore(session, snapshots)
    assert booking(workspace, expected_a).status == "booked"
    assert booking(workspace, expected_b).status == "booked"


# --- the roster and the headcount -------------------------------------------------------------


def test_headcount_of_a_real_evening(workspace):
    """25 booked, 23 came (one late, one left early), 2 not yet in, 3 walk-ins."""
    workshop_id = add_workshop(workspace, capacity=25)
    booked = [
        book(workspace, workshop_id, add_person(workspace, f"Coach{n:02d}", "Smith"))
        for n in range(27)
    ]
    places, queue = booked[:25], booked[25:]
    with workspace.db.write() as session:
        bookings.cancel_booking(session, queue[0])  # the waiting list does not count
        for booking_id in places[:23]:
            register.check_in(session, booking_id)
        register.set_status(session, [places[0]], Status.LATE)
        register.set_status(session, [places[1]], Status.LEFT_EARLY)
        for first, last in (("Zoë", "Ó'Brien"), ("Łukasz", "Wiśniewski"), ("Siân", "Llŵyd-Jones")):
            register.add_walk_in(session, workshop_id, PersonDetails(first, last))
    with workspace.db.read() as session:
        roster = register.roster(session, workshop_id)
    assert len(roster) == 30
    headcount = Headcount.of(roster)
    assert headcount == Headcount(booked=25, arrived=23, walk_ins=3, not_arrived=2)
    assert headcount.text == "23 of 25 in · 3 walk-ins · 2 not yet arrived"

    with workspace.db.write() as session:
        register.close_register(session, workshop_id)
        roster = register.roster(session, workshop_id)
    assert Headcount.of(roster).text == "23 of 25 in · 3 walk-ins · 0 not yet arrived"


def test_headcount_says_one_walk_in():
    assert Headcount(booked=1, arrived=0, walk_ins=1, not_arrived=1).text == (
        "0 of 1 in · 1 walk-in · 1 not yet arrived"
    )
    assert Headcount.of([]).text == "0 of 0 in · 0 walk-ins · 0 not yet arrived"


def test_roster_lists_everyone_in_last_name_order_with_their_certificate(evening):
    workspace, workshop_id, _, booked = evening
    with workspace.db.write() as session:
        register.check_in(session, booked["sian"], at=datetime(2026, 7, 15, 17, 25))
        register.set_status(session, [booked["zoe"]], Status.NO_SHOW)
    with workspace.db.read() as session:
        roster = register.roster(session, workshop_id)
    rows = [(e.name, e.status, e.arrived_local, e.walk_in, e.earns_certificate) for e in roster]
    assert rows == [
        ("Siân Llŵyd-Jones", Status.ATTENDED, time(18, 25), False, True),
        ("Zoë Ó'Brien", Status.NO_SHOW, None, False, False),
        ("Łukasz Wiśniewski", Status.BOOKED, None, False, False),
    ]
    assert [e.name for e in roster if e.matches(folding.words("zoe ob"))] == ["Zoë Ó'Brien"]
    assert [e.name for e in roster if e.matches(folding.words("jones"))] == ["Siân Llŵyd-Jones"]


@pytest.mark.parametrize(
    ("status", "earns"),
    [
        (Status.ATTENDED, True),
        (Status.LATE, True),
        (Status.LEFT_EARLY, False),
        (Status.NO_SHOW, False),
        (Status.BOOKED, False),
        (Status.WAITING, False),
        (Status.CANCELLED, False),
    ],
)
def test_earns_certificate(status, earns):
    assert status.earns_certificate is earns
    assert Booking(status=status.value).earns_certificate is earns
    # The officer's word overrides what the status earns.
    assert Booking(status=status.value, certificate_override=not earns).earns_certificate is (
        not earns
    )


def test_certificate_follows_the_status_set_on_the_register(evening):
    workspace, workshop_id, _, booked = evening
    outcomes = {"zoe": Status.LATE, "lukasz": Status.LEFT_EARLY, "sian": Status.ATTENDED}
    with workspace.db.write() as session:
        for key, status in outcomes.items():
            register.set_status(session, [booked[key]], status)
    with workspace.db.read() as session:
        roster = register.roster(session, workshop_id)
    certificates = {e.first_name: e.earns_certificate for e in roster}
    assert certificates == {"Zoë": True, "Łukasz": False, "Siân": True}
