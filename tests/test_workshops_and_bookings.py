"""Workshops (create, edit, cancel, list) and bookings (places, waiting list, cancellations)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

import pytest
from sqlalchemy import func, select

from sassot_desktop.attendance import register
from sassot_desktop.db.models import AuditEntry, Booking, Status
from sassot_desktop.errors import NotFound, UserError
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.workshops import bookings, catalogue
from sassot_desktop.workshops.catalogue import WorkshopDetails

TODAY = date(2027, 1, 15)


def details(**changes) -> WorkshopDetails:
    base = WorkshopDetails(
        title="Emergency First Aid",
        provider="UK Coaching",
        date=date(2027, 2, 10),
        start_time=time(18, 30),
        end_time=time(21, 30),
        venue_name="Stafford Leisure Centre",
        capacity=20,
        district="Stafford",
        tutor="Janet Holloway",
    )
    return dataclasses.replace(base, **changes)


def add_workshop(workspace, **changes) -> int:
    with workspace.db.write() as session:
        return catalogue.create_workshop(session, details(**changes)).id


def add_people(workspace, *names: str) -> list[int]:
    with workspace.db.write() as session:
        return [create_person(session, PersonDetails(*name.split(" ", 1))).id for name in names]


def book(workspace, workshop_id: int, person_id: int) -> bookings.BookingOutcome:
    with workspace.db.write() as session:
        return bookings.book(session, workshop_id, person_id)


def status_of(workspace, booking_id: int) -> str:
    with workspace.db.read() as session:
        return session.get(Booking, booking_id).status


def refusal(workspace, operation) -> str:
    """The message of the UserError an operation raises in its own transaction."""
    with pytest.raises(UserError) as raised, workspace.db.write() as session:
        operation(session)
    return str(raised.value)


# --- creating and editing ---------------------------------------------------------------------


def test_create_workshop_keeps_cleaned_details(workspace):
    with workspace.db.write() as session:
        workshop = catalogue.create_workshop(
            session,
            details(
                title="  Emergency First Aid ",
                venue_name=" Jubilee2 ",
                venue_postcode=" st5 1tl ",
                district="newcastle-under-lyme",
                tutor="  ",
                notes="",
            ),
        )
        workshop_id = workshop.id
    with workspace.db.read() as session:
        stored = catalogue.get_workshop(session, workshop_id)
        assert stored.title == "Emergency First Aid"
        assert stored.venue_name == "Jubilee2"
        assert stored.venue_postcode == "ST5 1TL"
        assert stored.district == "Newcastle-under-Lyme"
        assert stored.tutor is None
        assert stored.notes is None
        assert stored.cancelled_at is None
        assert catalogue.WorkshopDetails.of(stored).capacity == 20
        actions = session.scalars(select(AuditEntry.action)).all()
    assert actions == ["create workshop"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "   "}, "Give the workshop a course title."),
        ({"venue_name": ""}, "Give the workshop a venue."),
        ({"provider": " "}, "Choose who provides the workshop."),
        (
            {"end_time": time(18, 30)},
            "The workshop must end after it starts; check the times.",
        ),
        (
            {"start_time": time(19, 0), "end_time": time(18, 0)},
            "The workshop must end after it starts; check the times.",
        ),
        ({"capacity": 0}, "Capacity must be at least 1 place."),
        ({"fee_pence": -100}, "The fee cannot be negative; use £0 for a free workshop."),
        (
            {"district": "Birmingham"},
            "“Birmingham” is not one of the nine districts; "
            "leave the district empty outside the county.",
        ),
    ],
)
def test_create_and_update_refuse_bad_details(workspace, changes, message):
    assert refusal(workspace, lambda s: catalogue.create_workshop(s, details(**changes))) == message
    workshop_id = add_workshop(workspace)
    assert (
        refusal(workspace, lambda s: catalogue.update_workshop(s, workshop_id, details(**changes)))
        == message
    )
    with workspace.db.read() as session:
        stored = catalogue.get_workshop(session, workshop_id)
        assert catalogue.WorkshopDetails.of(stored) == details()
        assert session.scalar(select(func.count()).select_from(catalogue.Workshop)) == 1


def test_update_changes_only_what_differs_and_audits_it(workspace):
    workshop_id = add_workshop(workspace)
    with workspace.db.write() as session:
        catalogue.update_workshop(session, workshop_id, details(capacity=25, tutor="Marcus Reid"))
    with workspace.db.write() as session:
        catalogue.update_workshop(session, workshop_id, details(capacity=25, tutor="Marcus Reid"))
    with workspace.db.read() as session:
        workshop = catalogue.get_workshop(session, workshop_id)
        assert (workshop.capacity, workshop.tutor) == (25, "Marcus Reid")
        edits = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "edit workshop")
        ).all()
    assert edits == ['{"changed": ["capacity", "tutor"]}']


def test_unknown_workshop_is_not_found(workspace):
    with (
        pytest.raises(NotFound, match=r"^There is no workshop with id 999\.$"),
        workspace.db.read() as session,
    ):
        catalogue.get_workshop(session, 999)
    with pytest.raises(NotFound), workspace.db.write() as session:
        catalogue.update_workshop(session, 999, details())
    with pytest.raises(NotFound), workspace.db.write() as session:
        catalogue.cancel_workshop(session, 999)


def test_cancel_workshop_is_kept_and_marked(workspace):
    workshop_id = add_workshop(workspace)
    with workspace.db.write() as session:
        first = catalogue.cancel_workshop(session, workshop_id).cancelled_at
    with workspace.db.write() as session:
        again = catalogue.cancel_workshop(session, workshop_id).cancelled_at
    assert first is not None
    assert again == first
    with workspace.db.read() as session:
        [row] = catalogue.list_workshops(session, today=TODAY)
        cancels = session.scalar(select(func.count()).where(AuditEntry.action == "cancel workshop"))
    assert row.cancelled is True
    assert cancels == 1


# --- listing ----------------------------------------------------------------------------------


@pytest.fixture
def programme(workspace):
    """Six workshops around TODAY; names say when they are."""
    ids = {
        "last year": add_workshop(
            workspace,
            date=date(2026, 5, 1),
            title="Club Treasurer",
            provider="Running Sport",
            district="Tamworth",
            venue_name="Tamworth Rugby Club Pavilion",
            tutor="Gwyn Pritchard",
        ),
        "last week": add_workshop(workspace, date=date(2027, 1, 8), district="Lichfield"),
        "yesterday": add_workshop(
            workspace,
            date=date(2027, 1, 14),
            title="Equity in Your Coaching",
            venue_name="Jubilee2",
            district="Newcastle-under-Lyme",
        ),
        "today evening": add_workshop(workspace, date=TODAY, start_time=time(18, 30)),
        "today morning": add_workshop(
            workspace,
            date=TODAY,
            start_time=time(10, 0),
            end_time=time(13, 0),
            title="Raising Funds for Your Club",
            provider="Running Sport",
            district=None,
        ),
        "next month": add_workshop(
            workspace,
            date=date(2027, 2, 20),
            title="Safeguarding and Protecting Children",
            tutor="Dr Anita Sharma",
        ),
        "tomorrow": add_workshop(workspace, date=date(2027, 1, 16), title="100% Fundamentals"),
    }
    return workspace, ids


def listed(workspace, **filters) -> list[int]:
    with workspace.db.read() as session:
        return [row.id for row in catalogue.list_workshops(session, today=TODAY, **filters)]


def test_list_orders_upcoming_soonest_first_then_past_latest_first(programme):
    workspace, ids = programme
    order = [
        "today morning",
        "today evening",
        "tomorrow",
        "next month",
        "yesterday",
        "last week",
        "last year",
    ]
    assert listed(workspace) == [ids[name] for name in order]


def test_list_when_future_includes_today_and_past_excludes_it(programme):
    workspace, ids = programme
    assert listed(workspace, when="future") == [
        ids["today morning"],
        ids["today evening"],
        ids["tomorrow"],
        ids["next month"],
    ]
    assert listed(workspace, when="past") == [ids["yesterday"], ids["last week"], ids["last year"]]


def test_list_filters_by_text_provider_and_district(programme):
    workspace, ids = programme
    # Text matches title, venue or tutor, whatever the case.
    assert listed(workspace, text="  safeguarding ") == [ids["next month"]]
    assert listed(workspace, text="JUBILEE") == [ids["yesterday"]]
    assert listed(workspace, text="anita") == [ids["next month"]]
    # % and _ are letters to search for, not wildcards.
    assert listed(workspace, text="100%") == [ids["tomorrow"]]
    assert listed(workspace, text="%") == [ids["tomorrow"]]
    assert listed(workspace, text="_") == []
    assert listed(workspace, text="no such course") == []
    assert listed(workspace, provider="Running Sport") == [ids["today morning"], ids["last year"]]
    assert listed(workspace, district="Lichfield") == [ids["last week"]]
    assert listed(workspace, provider="Running Sport", when="past") == [ids["last year"]]
    assert listed(workspace, text="first aid", district="Stafford", when="future") == [
        ids["today evening"]
    ]


def test_list_counts_booked_attended_and_waiting(workspace):
    workshop_id = add_workshop(workspace, capacity=3, date=TODAY)
    empty_id = add_workshop(workspace, date=TODAY, start_time=time(10, 0), end_time=time(12, 0))
    people = add_people(workspace, "Ann Ames", "Bob Bell", "Cat Cole", "Dan Dunn", "Eve Ellis")
    outcomes = [book(workspace, workshop_id, person) for person in people]
    with workspace.db.write() as session:
        register.check_in(session, outcomes[0].booking_id)
        register.set_status(session, [outcomes[1].booking_id], Status.NO_SHOW)
    with workspace.db.read() as session:
        rows = {row.id: row for row in catalogue.list_workshops(session, today=TODAY)}
    row = rows[workshop_id]
    assert (row.capacity, row.booked, row.attended, row.waiting) == (3, 3, 1, 2)
    assert (row.cancelled, row.register_closed) == (False, False)
    assert (rows[empty_id].booked, rows[empty_id].attended, rows[empty_id].waiting) == (0, 0, 0)
    # A cancellation frees the place for the first waiting; the counts follow.
    with workspace.db.write() as session:
        bookings.cancel_booking(session, outcomes[2].booking_id)
    with workspace.db.read() as session:
        row = {r.id: r for r in catalogue.list_workshops(session, today=TODAY)}[workshop_id]
    assert (row.booked, row.attended, row.waiting) == (3, 1, 1)
    # A walk-in counts among those who came, not among the bookings.
    [walker] = add_people(workspace, "Wyn Walker")
    with workspace.db.write() as session:
        register.add_walk_in(session, workshop_id, person_id=walker)
    with workspace.db.read() as session:
        row = {r.id: r for r in catalogue.list_workshops(session, today=TODAY)}[workshop_id]
    assert (row.booked, row.attended, row.waiting) == (3, 2, 1)


# --- booking and the waiting list -------------------------------------------------------------


def test_booking_gives_a_place_then_refuses_a_second_booking(workspace):
    workshop_id = add_workshop(workspace)
    [priya] = add_people(workspace, "Priya Patel")
    outcome = book(workspace, workshop_id, priya)
    assert outcome.status is Status.BOOKED
    assert outcome.waiting_position is None
    assert outcome.message == "Priya Patel is booked."
    assert status_of(workspace, outcome.booking_id) == "booked"
    message = refusal(workspace, lambda s: bookings.book(s, workshop_id, priya))
    assert message == "Priya Patel is already on this workshop (booked)."
    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Booking)) == 1


def test_booking_an_unknown_person_or_workshop_is_refused(workspace):
    workshop_id = add_workshop(workspace)
    [priya] = add_people(workspace, "Priya Patel")
    assert (
        refusal(workspace, lambda s: bookings.book(s, workshop_id, 4242))
        == "There is no person with id 4242."
    )
    assert (
        refusal(workspace, lambda s: bookings.book(s, 4242, priya))
        == "There is no workshop with id 4242."
    )


def test_a_full_workshop_puts_people_on_the_waiting_list_in_order(workspace):
    workshop_id = add_workshop(workspace, capacity=2)
    people = add_people(workspace, "Ann Ames", "Bob Bell", "Priya Patel", "Dan Dunn")
    outcomes = [book(workspace, workshop_id, person) for person in people]
    assert [o.status for o in outcomes] == [
        Status.BOOKED,
        Status.BOOKED,
        Status.WAITING,
        Status.WAITING,
    ]
    assert [o.waiting_position for o in outcomes] == [None, None, 1, 2]
    assert outcomes[2].message == (
        "The workshop is full: Priya Patel is number 1 on the waiting list."
    )
    assert outcomes[3].message == "The workshop is full: Dan Dunn is number 2 on the waiting list."
    with workspace.db.read() as session:
        assert [b.id for b in bookings.waiting_list(session, workshop_id)] == [
            outcomes[2].booking_id,
            outcomes[3].booking_id,
        ]
        assert bookings.places_taken(session, workshop_id) == 2


def test_cancelling_a_place_promotes_the_first_waiting(workspace):
    workshop_id = add_workshop(workspace, capacity=2)
    ann, bob, priya, dan = add_people(workspace, "Ann Ames", "Bob Bell", "Priya Patel", "Dan Dunn")
    ann_booking = book(workspace, workshop_id, ann).booking_id
    book(workspace, workshop_id, bob)
    priya_booking = book(workspace, workshop_id, priya).booking_id
    dan_booking = book(workspace, workshop_id, dan).booking_id

    with workspace.db.write() as session:
        outcome = bookings.cancel_booking(session, ann_booking)
    assert outcome.message == (
        "Ann Ames's booking is cancelled. Priya Patel moved from the waiting list."
    )
    assert "Priya Patel moved from the waiting list" in outcome.message
    assert outcome.promoted == ("Priya Patel",)
    assert status_of(workspace, ann_booking) == "cancelled"
    assert status_of(workspace, priya_booking) == "booked"
    assert status_of(workspace, dan_booking) == "waiting"
    with workspace.db.read() as session:
        assert [b.id for b in bookings.waiting_list(session, workshop_id)] == [dan_booking]
        assert bookings.places_taken(session, workshop_id) == 2
        promotions = session.scalars(
            select(AuditEntry.subject_id).where(AuditEntry.action == "promote from waiting list")
        ).all()
    assert promotions == [priya_booking]


def test_cancelling_from_the_waiting_list_promotes_nobody(workspace):
    workshop_id = add_workshop(workspace, capacity=1)
    ann, priya, dan = add_people(workspace, "Ann Ames", "Priya Patel", "Dan Dunn")
    book(workspace, workshop_id, ann)
    priya_booking = book(workspace, workshop_id, priya).booking_id
    dan_booking = book(workspace, workshop_id, dan).booking_id
    with workspace.db.write() as session:
        outcome = bookings.cancel_booking(session, priya_booking)
    assert outcome.message == "Priya Patel's booking is cancelled."
    assert outcome.promoted == ()
    assert status_of(workspace, dan_booking) == "waiting"
    # Cancelling again changes nothing and says the same.
    with workspace.db.write() as session:
        again = bookings.cancel_booking(session, priya_booking)
    assert again.message == "Priya Patel's booking is cancelled."
    assert status_of(workspace, dan_booking) == "waiting"


def test_someone_who_arrived_cannot_be_cancelled(workspace):
    workshop_id = add_workshop(workspace)
    [priya] = add_people(workspace, "Priya Patel")
    booking_id = book(workspace, workshop_id, priya).booking_id
    with workspace.db.write() as session:
        register.check_in(session, booking_id)
    message = refusal(workspace, lambda s: bookings.cancel_booking(s, booking_id))
    assert message == "Priya Patel has already arrived; set their attendance instead of cancelling."
    assert status_of(workspace, booking_id) == "attended"


def test_rebooking_after_a_cancellation_reuses_the_booking(workspace):
    workshop_id = add_workshop(workspace, capacity=1)
    priya, ann = add_people(workspace, "Priya Patel", "Ann Ames")
    first = book(workspace, workshop_id, priya)
    with workspace.db.write() as session:
        bookings.cancel_booking(session, first.booking_id)
    again = book(workspace, workshop_id, priya)
    assert again.booking_id == first.booking_id
    assert again.status is Status.BOOKED
    assert again.message == "Priya Patel is booked."
    # Cancelled again, the place goes to Ann; Priya's next booking joins the end of the queue.
    with workspace.db.write() as session:
        bookings.cancel_booking(session, first.booking_id)
    assert book(workspace, workshop_id, ann).status is Status.BOOKED
    third = book(workspace, workshop_id, priya)
    assert (third.status, third.waiting_position) == (Status.WAITING, 1)
    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Booking)) == 2


def test_raising_the_capacity_gives_the_new_places_to_those_waiting_in_order(workspace):
    workshop_id = add_workshop(workspace, capacity=1)
    ann, priya, dan, eve = add_people(workspace, "Ann Ames", "Priya Patel", "Dan Dunn", "Eve Ng")
    book(workspace, workshop_id, ann)
    priya_booking = book(workspace, workshop_id, priya).booking_id
    dan_booking = book(workspace, workshop_id, dan).booking_id
    with workspace.db.write() as session:
        update = catalogue.update_workshop(session, workshop_id, details(capacity=2))
    assert update.message == "Workshop saved. Priya Patel moved from the waiting list."
    assert status_of(workspace, priya_booking) == "booked"
    assert status_of(workspace, dan_booking) == "waiting"
    # A newcomer joins the end of the queue, behind Dan.
    newcomer = book(workspace, workshop_id, eve)
    assert (newcomer.status, newcomer.waiting_position) == (Status.WAITING, 2)
    with workspace.db.write() as session:
        update = catalogue.update_workshop(session, workshop_id, details(capacity=5))
    assert update.promoted == ("Dan Dunn", "Eve Ng")
    assert update.message == "Workshop saved. Dan Dunn and Eve Ng moved from the waiting list."


def test_a_cancelled_workshop_takes_no_bookings(workspace):
    workshop_id = add_workshop(workspace)
    [priya] = add_people(workspace, "Priya Patel")
    with workspace.db.write() as session:
        catalogue.cancel_workshop(session, workshop_id)
    message = refusal(workspace, lambda s: bookings.book(s, workshop_id, priya))
    assert message == "This workshop is cancelled; it takes no new bookings."
    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Booking)) == 0


def test_unknown_booking_is_not_found(workspace):
    assert refusal(workspace, lambda s: bookings.cancel_booking(s, 77)) == (
        "There is no booking with id 77."
    )


# --- the workshop to open for check-in --------------------------------------------------------


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        (time(8, 0), "morning"),  # before anything: the next to start
        (time(11, 0), "morning"),  # in progress
        (time(13, 30), "evening"),  # the cancelled afternoon one is passed over
        (time(19, 45), "evening"),  # in progress
        (time(22, 15), "evening"),  # all over: today's last
    ],
)
def test_workshop_to_check_in_picks_in_progress_or_next(workspace, clock, expected):
    ids = {
        "evening": add_workshop(workspace, date=TODAY, start_time=time(18, 30)),
        "morning": add_workshop(
            workspace, date=TODAY, start_time=time(10, 0), end_time=time(13, 0)
        ),
        "afternoon": add_workshop(
            workspace, date=TODAY, start_time=time(14, 0), end_time=time(16, 0)
        ),
        "tomorrow": add_workshop(workspace, date=date(2027, 1, 16), start_time=time(9, 0)),
    }
    with workspace.db.write() as session:
        catalogue.cancel_workshop(session, ids["afternoon"])
    with workspace.db.read() as session:
        chosen = register.workshop_to_check_in(session, datetime.combine(TODAY, clock))
    assert chosen == ids[expected]


def test_workshop_to_check_in_is_none_without_a_workshop_today(workspace):
    add_workshop(workspace, date=date(2027, 1, 16))
    with workspace.db.read() as session:
        assert register.workshop_to_check_in(session, datetime(2027, 1, 15, 18, 0)) is None
