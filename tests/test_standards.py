"""Minimum operating standards: the status rules on their boundary days, a coach's records,
the validity the officer sets, what attending a workshop grants, and who is due."""

from __future__ import annotations

import dataclasses
from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from sassot_desktop.attendance import register
from sassot_desktop.db.models import StandardRecord
from sassot_desktop.db.status import Status
from sassot_desktop.errors import UserError
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.standards import records
from sassot_desktop.standards.due import coach_standings, coaches_due, standing_of
from sassot_desktop.standards.kinds import Kind, expiry_after, masked_certificate_number
from sassot_desktop.standards.records import RecordDetails
from sassot_desktop.standards.status import Held, Standing, assess
from sassot_desktop.workshops import bookings, catalogue
from sassot_desktop.workshops.catalogue import WorkshopDetails

TODAY = date(2026, 11, 23)
FOREVER = None


def current_apart_from(kind: Kind, expires_on: date | None) -> list[Held]:
    """Every record current for years, except ``kind`` which expires on ``expires_on``."""
    later = TODAY + timedelta(days=900)
    held = [Held(other, later) for other in Kind if other is not kind]
    return [*held, Held(kind, expires_on)]


# -- the rules ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("expires_in_days", "standing"),
    [
        (-1, Standing.LAPSED),  # expired yesterday
        (0, Standing.EXPIRING),  # expires today: still valid today
        (60, Standing.EXPIRING),
        (61, Standing.MEETS),
    ],
)
def test_standing_on_the_boundary_days(expires_in_days, standing):
    expiry = TODAY + timedelta(days=expires_in_days)
    assessment = assess(current_apart_from(Kind.DBS, expiry), TODAY)
    assert assessment.standing is standing
    if standing is Standing.MEETS:
        assert assessment.needs == ()
    else:
        [need] = assessment.needs
        assert (need.kind, need.expires_on) == (Kind.DBS, expiry)


def test_the_wording_says_exactly_what_is_needed():
    held = [
        Held(Kind.DBS, date(2027, 1, 12)),
        Held(Kind.SAFEGUARDING, date(2026, 11, 22)),
        Held(Kind.QUALIFICATION, FOREVER),
    ]
    assessment = assess(held, TODAY)
    assert assessment.standing is Standing.LAPSED  # the most urgent of the three
    assert assessment.needs_text == (
        "DBS check expires 12/01/2027; safeguarding training expired 22/11/2026; "
        "no first aid certificate"
    )
    assert [need.sentence for need in assessment.needs] == [
        "Your DBS check expires on 12 January 2027.",
        "Your safeguarding training expired on 22 November 2026.",
        "We have no record of your first aid certificate.",
    ]
    assert assessment.first_due == date(2026, 11, 22)


def test_a_renewal_outlasts_the_old_record_and_a_missing_kind_is_named():
    held = [Held(Kind.DBS, date(2025, 1, 1)), *current_apart_from(Kind.DBS, date(2029, 1, 1))]
    assert assess(held, TODAY).standing is Standing.MEETS
    without_qualification = [h for h in held if h.kind is not Kind.QUALIFICATION]
    assessment = assess(without_qualification, TODAY)
    assert assessment.standing is Standing.MISSING
    assert assessment.needs_text == "No coaching qualification"


def test_a_wider_window_counts_more_as_expiring():
    held = current_apart_from(Kind.FIRST_AID, TODAY + timedelta(days=90))
    assert assess(held, TODAY).standing is Standing.MEETS
    assert assess(held, TODAY, within_days=90).standing is Standing.EXPIRING


@pytest.mark.parametrize(
    ("taken_on", "months", "expires_on"),
    [
        (date(2026, 8, 31), 36, date(2029, 8, 31)),
        (date(2028, 2, 29), 36, date(2031, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 3, 12), 24, date(2028, 3, 12)),
        (date(2026, 3, 12), None, None),
    ],
)
def test_expiry_after_a_number_of_months(taken_on, months, expires_on):
    assert expiry_after(taken_on, months) == expires_on


def test_a_certificate_number_is_shown_only_in_part():
    assert masked_certificate_number("001234567890") == "••••••••7890"
    assert masked_certificate_number("12345") == "••••2345"
    assert masked_certificate_number(None) == ""


# -- a coach's records -------------------------------------------------------------------------
def add_person(workspace, first="Zoë", last="Ó'Brien", email="zoe@example.org", district=None):
    with workspace.db.write() as session:
        details = PersonDetails(first, last, email=email, district=district, consent_method="form")
        return create_person(session, details).id


def add_record(workspace, person_id, kind, taken_on, expires_on=None, **extra):
    with workspace.db.write() as session:
        details = RecordDetails(kind, taken_on, expires_on, **extra)
        return records.add_record(session, person_id, details).id


def test_records_are_added_edited_and_removed(workspace):
    zoe = add_person(workspace)
    dbs = add_record(
        workspace,
        zoe,
        Kind.DBS,
        date(2025, 3, 1),
        date(2028, 3, 1),
        dbs_level="Enhanced with barred list",
        certificate_number=" 0012 3456 7890 ",
    )
    add_record(
        workspace,
        zoe,
        Kind.QUALIFICATION,
        date(2024, 6, 1),
        governing_body="England Netball",
        title="Level 2 Coach",
        level="Level 2",
    )
    with workspace.db.read() as session:
        rows = records.records_of(session, zoe)
        stored = session.get(StandardRecord, dbs).certificate_number
    assert [row.kind for row in rows] == [Kind.DBS, Kind.QUALIFICATION]
    assert stored == "001234567890"  # kept whole for the officer to read out
    assert rows[0].masked_number == "••••••••7890"
    assert "001234567890" not in rows[0].description
    assert rows[1].description == "England Netball · Level 2 Coach · Level 2"

    with workspace.db.write() as session:
        changed = RecordDetails(Kind.DBS, date(2026, 3, 1), date(2029, 3, 1), dbs_level="Enhanced")
        records.update_record(session, dbs, changed)
    with workspace.db.write() as session:
        removed = records.remove_record(session, dbs)
    assert removed.expires_on == date(2029, 3, 1)
    with workspace.db.read() as session:
        assert [row.kind for row in records.records_of(session, zoe)] == [Kind.QUALIFICATION]


@pytest.mark.parametrize(
    ("details", "complaint"),
    [
        (RecordDetails(Kind.FIRST_AID, date(2026, 3, 1), date(2026, 2, 1)), "before the date"),
        (RecordDetails(Kind.QUALIFICATION, date(2026, 3, 1), title="  "), "title"),
        (RecordDetails(Kind.DBS, date(2026, 3, 1), dbs_level="Super"), "level"),
    ],
)
def test_a_record_that_makes_no_sense_is_refused_in_a_sentence(workspace, details, complaint):
    zoe = add_person(workspace)
    with pytest.raises(UserError, match=complaint), workspace.db.write() as session:
        records.add_record(session, zoe, details)


def test_the_officer_sets_how_long_each_kind_stays_valid(workspace):
    with workspace.db.read() as session:
        assert records.validity_months(session)[Kind.DBS] == 36
        assert records.validity_months(session)[Kind.QUALIFICATION] is None
    with workspace.db.write() as session:
        records.set_validity(session, Kind.FIRST_AID, 24)
        records.set_validity(session, Kind.QUALIFICATION, 60)
    with workspace.db.read() as session:
        assert records.default_expiry(session, Kind.FIRST_AID, date(2026, 5, 2)) == date(2028, 5, 2)
        assert records.validity_months(session)[Kind.QUALIFICATION] == 60
    with workspace.db.write() as session:
        records.set_validity(session, Kind.QUALIFICATION, None)
    with workspace.db.read() as session:
        assert records.validity_months(session)[Kind.QUALIFICATION] is None
    with pytest.raises(UserError, match="1 to 120 months"), workspace.db.write() as session:
        records.set_validity(session, Kind.DBS, 0)


# -- who is due --------------------------------------------------------------------------------
def test_coaches_due_lists_who_needs_what_most_urgent_first(workspace):
    zoe = add_person(workspace, district="Tamworth")
    lukasz = add_person(workspace, "Łukasz", "Kowalski", email=None, district="Stafford")
    sian = add_person(workspace, "Siân", "Roberts")
    add_person(workspace, "Not", "A Coach")
    for person in (zoe, lukasz, sian):
        for kind in Kind:
            add_record(workspace, person, kind, date(2024, 1, 1), date(2030, 1, 1), title="Level 1")
    add_record(workspace, zoe, Kind.FIRST_AID, date(2023, 1, 1), TODAY + timedelta(days=30))
    with workspace.db.write() as session:
        for row in records.records_of(session, lukasz):
            if row.kind is Kind.DBS and row.expires_on == date(2030, 1, 1):
                records.update_record(
                    session, row.id, RecordDetails(Kind.DBS, date(2020, 1, 1), TODAY)
                )

    with workspace.db.read() as session:
        due = coaches_due(session, TODAY)
        everyone = coach_standings(session, TODAY)
        in_stafford = coach_standings(session, TODAY, district="Stafford")
        zoe_now = standing_of(session, zoe, TODAY)
    # Zoë's first aid: she has a newer certificate that outlasts the one expiring.
    assert zoe_now.standing is Standing.MEETS
    assert [(c.name, c.standing) for c in due] == [("Łukasz Kowalski", Standing.EXPIRING)]
    assert [c.name for c in everyone] == ["Łukasz Kowalski", "Zoë Ó'Brien", "Siân Roberts"]
    assert [c.name for c in in_stafford] == ["Łukasz Kowalski"]


# -- what a workshop grants --------------------------------------------------------------------
def add_workshop(workspace, grants: Kind | None, day=date(2026, 3, 12)) -> int:
    with workspace.db.write() as session:
        details = WorkshopDetails(
            title="Emergency First Aid",
            provider="St John Ambulance",
            date=day,
            start_time=time(18, 30),
            end_time=time(21, 30),
            venue_name="Leek Leisure Centre",
            capacity=20,
            grants=grants.value if grants else None,
        )
        return catalogue.create_workshop(session, details).id


def granted(workspace, person_id) -> list[tuple[str, date, date | None, bool]]:
    with workspace.db.read() as session:
        return [
            (row.kind.value, row.taken_on, row.expires_on, row.from_workshop)
            for row in records.records_of(session, person_id)
        ]


def test_attending_a_workshop_that_grants_first_aid_records_it_until_undone(workspace):
    zoe = add_person(workspace)
    workshop = add_workshop(workspace, Kind.FIRST_AID)
    with workspace.db.write() as session:
        booking = bookings.book(session, workshop, zoe).booking_id
    assert granted(workspace, zoe) == []

    with workspace.db.write() as session:
        tick = register.check_in(session, booking)
    made = [("first aid", date(2026, 3, 12), date(2029, 3, 12), True)]
    assert granted(workspace, zoe) == made

    with workspace.db.write() as session:  # Ctrl+Z on the tick
        register.restore(session, tick.undo)
    assert granted(workspace, zoe) == []

    with workspace.db.write() as session:  # the paper register: late, then a no-show
        register.set_status(session, [booking], Status.LATE)
    assert granted(workspace, zoe) == made
    with workspace.db.write() as session:
        register.set_status(session, [booking], Status.NO_SHOW)
    assert granted(workspace, zoe) == []


def test_a_walk_in_earns_it_and_undoing_the_walk_in_takes_it_away(workspace):
    zoe = add_person(workspace)
    workshop = add_workshop(workspace, Kind.SAFEGUARDING)
    with workspace.db.write() as session:
        walk_in = register.add_walk_in(session, workshop, person_id=zoe)
    assert [kind for kind, *_ in granted(workspace, zoe)] == ["safeguarding"]
    with workspace.db.write() as session:
        register.restore(session, walk_in.undo)
    assert granted(workspace, zoe) == []


def test_what_the_officer_typed_or_corrected_is_never_taken_away(workspace):
    zoe = add_person(workspace)
    typed = add_record(workspace, zoe, Kind.FIRST_AID, date(2025, 1, 1), date(2028, 1, 1))
    workshop = add_workshop(workspace, Kind.FIRST_AID)
    with workspace.db.write() as session:
        booking = bookings.book(session, workshop, zoe).booking_id
        register.set_status(session, [booking], Status.ATTENDED)
    with workspace.db.write() as session:
        made = next(r for r in records.records_of(session, zoe) if r.from_workshop)
        corrected = RecordDetails(Kind.FIRST_AID, date(2026, 3, 12), date(2029, 3, 1))
        records.update_record(session, made.id, corrected)
    with workspace.db.write() as session:
        register.set_status(session, [booking], Status.NO_SHOW)
    with workspace.db.read() as session:
        kept = {row.id for row in records.records_of(session, zoe)}
    assert kept == {typed, made.id}


def test_left_early_grants_nothing_unless_the_officer_gives_the_certificate(workspace):
    zoe = add_person(workspace)
    workshop = add_workshop(workspace, Kind.FIRST_AID)
    with workspace.db.write() as session:
        booking = bookings.book(session, workshop, zoe).booking_id
        register.set_status(session, [booking], Status.LEFT_EARLY)
    assert granted(workspace, zoe) == []
    with workspace.db.write() as session:
        register.set_certificate(session, booking, give=True)
    assert len(granted(workspace, zoe)) == 1


def test_setting_the_grant_after_the_night_records_it_for_those_who_came(workspace):
    zoe = add_person(workspace)
    workshop = add_workshop(workspace, grants=None)
    with workspace.db.write() as session:
        booking = bookings.book(session, workshop, zoe).booking_id
        register.check_in(session, booking)
    assert granted(workspace, zoe) == []
    with workspace.db.write() as session:
        details = catalogue.WorkshopDetails.of(catalogue.get_workshop(session, workshop))
        catalogue.update_workshop(
            session, workshop, dataclasses.replace(details, grants="first aid")
        )
    assert [kind for kind, *_ in granted(workspace, zoe)] == ["first aid"]
    with workspace.db.read() as session:
        assert session.scalars(select(StandardRecord.booking_id)).all() == [booking]


def test_a_workshop_cannot_grant_a_dbs_check(workspace):
    with pytest.raises(UserError, match="can grant"):
        add_workshop(workspace, Kind.DBS)


def test_the_demo_year_has_coaches_in_every_standing(demo_workspace):
    from sassot_desktop.clock import venue_today

    with demo_workspace.db.read() as session:
        coaches = coach_standings(session, venue_today())
        made_by_workshops = session.scalars(
            select(StandardRecord.id).where(StandardRecord.booking_id.is_not(None))
        ).all()
    assert {coach.standing for coach in coaches} == set(Standing)
    assert made_by_workshops
