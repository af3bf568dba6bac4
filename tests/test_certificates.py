"""Certificates: who earns one, their verification codes, printings and reprints, verifying."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from sassot_desktop.attendance import register
from sassot_desktop.attendance.sign_in import sign_in_sheet
from sassot_desktop.certificates import codes, issuing
from sassot_desktop.certificates.verification import verify
from sassot_desktop.db.models import CertificatePrinting, Person, Status
from sassot_desktop.errors import NotFound, UserError
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.workshops import bookings, catalogue
from sassot_desktop.workshops.catalogue import WorkshopDetails

DAY = date(2026, 11, 19)
PEOPLE = {
    "zoe": ("Zoë", "Ó'Brien", Status.ATTENDED),
    "lukasz": ("Łukasz", "Wiśniewski", Status.LATE),
    "sian": ("Siân", "Llŵyd-Jones", Status.LEFT_EARLY),
    "olga": ("Olga", "Кузнецова", Status.NO_SHOW),
    "aoife": ("Aoife", "Ní Bhriain", Status.BOOKED),
}


@pytest.fixture
def night(workspace):
    """A finished workshop: Zoë came, Łukasz was late, Siân left early, Olga never came, Aoife
    is still only booked; Ayşe is on the waiting list and Priya cancelled."""
    with workspace.db.write() as session:
        workshop_id = catalogue.create_workshop(
            session,
            WorkshopDetails(
                title="Emergency First Aid",
                provider="St John Ambulance",
                date=DAY,
                start_time=time(18, 30),
                end_time=time(21, 30),
                venue_name="Rugeley Leisure Centre",
                district="Cannock Chase",
                tutor="Sam Hughes",
                capacity=5,
            ),
        ).id
        booked = {}
        for key, (first, last, _status) in PEOPLE.items():
            details = PersonDetails(first, last, club=f"{last} AFC", consent_method="Booking form")
            person = create_person(session, details)
            booked[key] = bookings.book(session, workshop_id, person.id).booking_id
        for key, (first, last) in {"ayse": ("Ayşe", "Yılmaz"), "priya": ("Priya", "Patel")}.items():
            person = create_person(session, PersonDetails(first, last))
            booked[key] = bookings.book(session, workshop_id, person.id).booking_id
        bookings.cancel_booking(session, booked["priya"])
        for key, (_first, _last, status) in PEOPLE.items():
            if status is not Status.BOOKED:
                register.set_status(session, [booked[key]], status)
    return workspace, workshop_id, booked


def to_print(workspace, workshop_id):
    with workspace.db.write() as session:
        return issuing.certificates_to_print(session, workshop_id)


def printed(workspace, workshop_id, issued):
    with workspace.db.write() as session:
        return issuing.record_printing(session, workshop_id, issued)


# --- codes ------------------------------------------------------------------------------------


def test_a_code_is_nine_unambiguous_symbols_printed_in_threes():
    code = codes.new_code()
    assert len(code) == 9 and set(code) <= set(codes.ALPHABET)
    assert not set("ILOU") & set(codes.ALPHABET)
    assert codes.is_valid(code)
    assert codes.printed(code) == f"{code[:3]}-{code[3:6]}-{code[6:]}"


def test_every_single_mistyped_symbol_is_caught_by_the_check_symbol():
    for _ in range(50):
        code = codes.new_code()
        for position in range(len(code)):
            for symbol in codes.ALPHABET:
                if symbol != code[position]:
                    wrong = code[:position] + symbol + code[position + 1 :]
                    assert not codes.is_valid(wrong), (code, wrong)


def test_swapping_two_different_neighbours_is_caught_but_for_0_and_z():
    # Luhn's one blind spot, like 09/90 on a bank card: the lowest and highest symbols.
    for _ in range(200):
        code = codes.new_code()
        for i in range(len(code) - 1):
            if code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                blind_spot = {code[i], code[i + 1]} == {"0", "Z"}
                assert codes.is_valid(swapped) == blind_spot, (code, swapped)


def test_a_code_typed_back_loosely_reads_as_the_code():
    code = "0K4MQ21X9"
    code = code[:-1] + codes.check_symbol(code[:-1])
    typed = f" o{code[1:3].lower()} - {code[3:6].lower()}-{code[6:].replace('1', 'l')} "
    assert codes.canonical(typed) == code


# --- who gets one -----------------------------------------------------------------------------


def test_attended_and_late_earn_a_certificate_and_nobody_else(night):
    workspace, workshop_id, _booked = night
    issued = to_print(workspace, workshop_id)
    assert [one.text.name for one in issued] == ["Zoë Ó'Brien", "Łukasz Wiśniewski"]
    first = issued[0].text
    assert (first.course, first.date, first.venue, first.tutor) == (
        "Emergency First Aid",
        DAY,
        "Rugeley Leisure Centre",
        "Sam Hughes",
    )
    assert all(codes.is_valid(codes.canonical(one.text.code)) for one in issued)
    assert not any(one.printed_before for one in issued)


def test_the_officer_can_give_a_certificate_to_someone_who_left_early_and_withhold_one(night):
    workspace, workshop_id, booked = night
    with workspace.db.write() as session:
        assert register.set_certificate(session, booked["sian"], give=True) == (
            "Siân Llŵyd-Jones will get a certificate."
        )
        register.set_certificate(session, booked["lukasz"], give=False)
    names = [one.text.name for one in to_print(workspace, workshop_id)]
    assert names == ["Siân Llŵyd-Jones", "Zoë Ó'Brien"]

    # Back to what the night earned: no override is kept.
    with workspace.db.write() as session:
        register.set_certificate(session, booked["lukasz"], give=True)
    with workspace.db.read() as session:
        entries = {e.name: e for e in register.roster(session, workshop_id)}
    assert entries["Łukasz Wiśniewski"].earns_certificate


def test_a_cancelled_workshop_has_no_certificates(night):
    workspace, workshop_id, _booked = night
    with workspace.db.write() as session:
        catalogue.cancel_workshop(session, workshop_id)
    with pytest.raises(UserError, match="was cancelled"):
        to_print(workspace, workshop_id)


def test_a_missing_workshop_is_named(workspace):
    with pytest.raises(NotFound, match="There is no workshop with id 4242"):
        to_print(workspace, 4242)


# --- printings and reprints -------------------------------------------------------------------


def test_printing_again_reuses_each_code_and_notes_the_reprint(night):
    workspace, workshop_id, _booked = night
    first_time = to_print(workspace, workshop_id)
    first_printing = printed(workspace, workshop_id, first_time)
    assert first_printing == issuing.Printing(first_prints=2, reprints=0)

    again = to_print(workspace, workshop_id)
    assert [one.text.code for one in again] == [one.text.code for one in first_time]
    assert all(one.printed_before for one in again)
    assert printed(workspace, workshop_id, again) == issuing.Printing(first_prints=0, reprints=2)

    with workspace.db.read() as session:
        flags = session.scalars(
            select(CertificatePrinting.reprint).order_by(CertificatePrinting.id)
        ).all()
    assert flags == [False, False, True, True]


def test_a_certificate_prepared_but_never_printed_is_not_a_reprint(night):
    workspace, workshop_id, _booked = night
    prepared = to_print(workspace, workshop_id)  # preview closed without printing
    again = to_print(workspace, workshop_id)
    assert [one.text.code for one in again] == [one.text.code for one in prepared]
    assert not any(one.printed_before for one in again)


# --- verifying --------------------------------------------------------------------------------


def test_a_printed_code_says_whose_certificate_it_is(night):
    workspace, workshop_id, _booked = night
    issued = to_print(workspace, workshop_id)
    printed(workspace, workshop_id, issued)
    zoe = issued[0].text
    with workspace.db.read() as session:
        found = verify(session, zoe.code.lower().replace("-", " "))
    assert (found.code, found.name, found.course, found.course_date, found.venue) == (
        zoe.code,
        "Zoë Ó'Brien",
        "Emergency First Aid",
        DAY,
        "Rugeley Leisure Centre",
    )
    assert found.printings == 1


def test_verifying_answers_for_the_paper_even_after_the_person_was_renamed(night):
    workspace, workshop_id, _booked = night
    issued = to_print(workspace, workshop_id)
    printed(workspace, workshop_id, issued)
    with workspace.db.write() as session:
        zoe = session.scalars(select(Person).where(Person.first_name == "Zoë")).one()
        zoe.last_name = "Smith"
    with workspace.db.read() as session:
        assert verify(session, issued[0].text.code).name == "Zoë Ó'Brien"

    # A reprint prints the name on file now, and verifying follows the newest paper.
    reprint = to_print(workspace, workshop_id)
    printed(workspace, workshop_id, reprint)
    with workspace.db.read() as session:
        assert verify(session, issued[0].text.code).name == "Zoë Smith"


def test_a_mistyped_code_and_an_unknown_code_are_told_apart(night):
    workspace, workshop_id, _booked = night
    code = codes.canonical(to_print(workspace, workshop_id)[0].text.code)
    wrong_symbol = code[:4] + ("X" if code[4] != "X" else "Y") + code[5:]
    unknown = codes.new_code()
    with workspace.db.read() as session:
        with pytest.raises(NotFound, match="mistyped or missing"):
            verify(session, wrong_symbol)
        with pytest.raises(NotFound, match="mistyped or missing"):
            verify(session, "7K4-MQ2")
        with pytest.raises(NotFound, match="No certificate with the code"):
            verify(session, unknown)


# --- the sign-in sheet's list ------------------------------------------------------------------


def test_the_sign_in_sheet_lists_everyone_holding_a_place_by_last_name(night):
    workspace, workshop_id, _booked = night
    with workspace.db.read() as session:
        sheet = sign_in_sheet(session, workshop_id, printed_on=DAY, walk_in_rows=3)
    names = [person.name for person in sheet.people]
    # Not Ayşe (waiting) or Priya (cancelled); sorted by folded last name.
    assert names == [
        "Olga Кузнецова",
        "Siân Llŵyd-Jones",
        "Aoife Ní Bhriain",
        "Zoë Ó'Brien",
        "Łukasz Wiśniewski",
    ]
    assert sheet.people[0].organisation == "Кузнецова AFC"
    assert sheet.walk_in_rows == 3
    assert sheet.workshop.title == "Emergency First Aid"
    assert sheet.workshop.tutor == "Sam Hughes"
