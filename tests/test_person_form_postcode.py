"""The person form: a postcode typed fills the district, a straddling one asks the officer,
one outside the county leaves it empty."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from test_workshop_screens import a_workshop

from keys import press, type_text
from sassot_desktop.db.models import Person
from sassot_desktop.people.records import PersonDetails
from sassot_desktop.ui.booking_dialog import BookingDialog
from sassot_desktop.ui.person_form import PersonForm
from sassot_desktop.ui.widgets import NO_DISTRICT
from screens import open_dialog, shown_window


@pytest.fixture
def form(qtbot):
    shown = PersonForm(full=True, consent_method="Booking form")
    qtbot.addWidget(shown)
    shown.show()
    shown.consent.setChecked(True)
    return shown


def type_postcode(form: PersonForm, text: str) -> None:
    form.postcode.selectAll()
    press(form.postcode, Qt.Key.Key_Delete)
    type_text(form.postcode, text)


def test_a_postcode_wholly_in_one_district_fills_it(form):
    type_postcode(form, "st16 2")
    assert form.district.currentText() == NO_DISTRICT  # half typed: nothing guessed yet
    type_text(form.postcode, "dn")
    assert form.district.currentText() == "Stafford"
    assert form.district_hint.isHidden()
    assert form.details().district == "Stafford"

    press(form.postcode, Qt.Key.Key_Backspace)  # no longer a postcode: the fill is taken back
    assert form.district.currentText() == NO_DISTRICT


def test_a_straddling_postcode_district_is_left_for_the_officer(form):
    type_postcode(form, "ST17 4AB")
    assert form.district.currentText() == NO_DISTRICT
    hint = form.district_hint.text()
    assert not form.district_hint.isHidden()
    assert "ST17" in hint and "split between Stafford and Cannock Chase" in hint and "Alt+D" in hint
    assert form.details().district is None  # never guessed

    form.district.setCurrentText("Cannock Chase")  # the officer chooses
    type_postcode(form, "ST17 9XY")  # a corrected postcode in the same district keeps it
    assert form.district.currentText() == "Cannock Chase"
    assert form.details().district == "Cannock Chase"


def test_a_postcode_partly_outside_the_county_says_so(form):
    type_postcode(form, "B78 3AA")
    assert form.district.currentText() == NO_DISTRICT
    assert "Tamworth and Lichfield" in form.district_hint.text()
    type_postcode(form, "ST7 1AA")
    assert "partly in Newcastle-under-Lyme and partly outside" in form.district_hint.text()
    assert form.district.currentText() == NO_DISTRICT


def test_a_postcode_outside_the_county_leaves_the_district_empty(form):
    type_postcode(form, "ST16 2DN")
    assert form.district.currentText() == "Stafford"
    type_postcode(form, "M1 1AE")
    assert form.district.currentText() == NO_DISTRICT
    assert form.district_hint.text() == "M1 is outside the county: no district."
    assert form.details().district is None


def test_a_stored_district_is_not_changed_by_loading_the_postcode(form):
    form.load(
        PersonDetails(
            "Zoë",
            "Ó'Brien",
            postcode="ST17 4AB",
            district="Stafford",
            consent_method="Booking form",
        )
    )
    assert form.district.currentText() == "Stafford"
    assert form.district_hint.isHidden()
    form.clear()
    assert form.district.currentText() == NO_DISTRICT and form.district_hint.isHidden()


def test_booking_a_new_person_keeps_the_district_the_postcode_gave(qtbot, workspace):
    window = shown_window(qtbot, workspace)
    with workspace.db.write() as session:
        workshop_id = a_workshop(session)
    window.show_workshop(workshop_id)
    window.workshop.book_person()
    dialog = open_dialog(window, BookingDialog)
    type_text(dialog.form.first_name, "Łukasz")
    type_text(dialog.form.last_name, "Nowak")
    dialog.form.consent.setChecked(True)
    type_text(dialog.form.postcode, "ws11 1dB")
    assert dialog.form.district.currentText() == "Cannock Chase"
    dialog._book_new()
    assert dialog.outcome.text() == "Łukasz Nowak is booked."
    with workspace.db.read() as session:
        person = session.scalar(select(Person))
    assert (person.postcode, person.district) == ("WS11 1DB", "Cannock Chase")
