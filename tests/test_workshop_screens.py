"""Workshops, bookings and the paper register, driven through the real screens."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from keys import press, type_text
from sassot_desktop.db.models import Booking, Person, Workshop
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.ui.booking_dialog import BookingDialog
from sassot_desktop.ui.main_window import first_start_choice
from sassot_desktop.ui.workshop_editor import WorkshopEditor
from sassot_desktop.workshops.bookings import book
from sassot_desktop.workshops.catalogue import WorkshopDetails, create_workshop
from screens import click_button, column_texts, message_box, open_dialog, shown_window


@pytest.fixture
def window(qtbot, workspace):
    return shown_window(qtbot, workspace)


def a_workshop(session, **changes) -> int:
    details = dict(
        title="Equity in Your Coaching",
        provider="UK Coaching",
        date=date.today() + timedelta(days=10),
        start_time=time(18, 30),
        end_time=time(21, 0),
        venue_name="Stafford Leisure Centre",
        capacity=2,
        district="Stafford",
    )
    details.update(changes)
    return create_workshop(session, WorkshopDetails(**details)).id


def a_person(session, first: str, last: str) -> int:
    return create_person(session, PersonDetails(first, last, consent_method="Booking form")).id


def test_empty_database_offers_demo_data_and_loads_it_in_the_background(window, qtbot):
    window.show_workshops()
    assert window.workshops.empty.isVisible()
    first_start_choice(window)
    box = message_box(window)
    assert {b.text() for b in box.buttons()} == {"Load demo data", "Start empty"}
    click_button(box, "Load demo data")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.check_in, timeout=20_000)
    assert "in ·" in window.check_in.banner.text()


def test_start_empty_leaves_the_list_empty(window):
    window.show_workshops()
    first_start_choice(window)
    click_button(message_box(window), "Start empty")
    assert window.workshops.model.rowCount() == 0


def test_new_workshop_through_the_editor(window, qtbot, workspace):
    window.new_workshop()
    editor = open_dialog(window, WorkshopEditor)
    editor.course.setCurrentText("")
    type_text(editor.course.lineEdit(), "Club Treasurer")
    assert editor.provider.currentText() == "Running Sport"
    editor.day.setDate(QDate(2027, 2, 3))
    type_text(editor.venue, "Leek Leisure Centre")
    editor.district.setCurrentText("Staffordshire Moorlands")
    type_text(editor.fee, "12.50")
    editor.capacity.setValue(18)
    editor._save()
    qtbot.waitUntil(lambda: not editor.isVisible())
    with workspace.db.read() as session:
        saved = session.scalar(select(Workshop))
    assert (saved.title, saved.provider, saved.date, saved.fee_pence, saved.capacity) == (
        "Club Treasurer",
        "Running Sport",
        date(2027, 2, 3),
        1250,
        18,
    )
    assert window.pages.currentWidget() is window.workshop
    assert window.workshop.title.text() == "Club Treasurer"


def test_editor_refuses_an_end_before_the_start_with_a_sentence(window, qtbot, workspace):
    window.new_workshop()
    editor = open_dialog(window, WorkshopEditor)
    type_text(editor.venue, "Jubilee2")
    editor.course.setCurrentText("Emergency First Aid")
    editor.end.setTime(editor.start.time().addSecs(-3600))
    editor._save()
    box = message_box(window)
    assert box.text() == "The workshop must end after it starts; check the times."
    assert editor.isVisible()
    with workspace.db.read() as session:
        assert session.scalar(select(Workshop)) is None


def test_copy_opens_a_filled_editor_a_week_later(window, qtbot, workspace):
    with workspace.db.write() as session:
        original = a_workshop(session)
    window.show_workshop(original)
    window.workshop.copy()
    editor = open_dialog(window, WorkshopEditor)
    assert editor.windowTitle() == "Copy workshop"
    assert editor.venue.text() == "Stafford Leisure Centre"
    editor._save()
    qtbot.waitUntil(lambda: not editor.isVisible())
    with workspace.db.read() as session:
        days = sorted(session.scalars(select(Workshop.date)))
    assert days[1] - days[0] == timedelta(days=7)


def test_list_filters_by_text_district_and_past_or_future(window, workspace):
    with workspace.db.write() as session:
        a_workshop(session, title="Club Treasurer", district="Tamworth")
        a_workshop(session, title="Emergency First Aid", district="Stafford")
        a_workshop(
            session,
            title="Emergency First Aid",
            district=None,
            date=date.today() - timedelta(days=30),
        )
    window.show_workshops()
    page = window.workshops
    assert column_texts(page.model, 2) == ["Club Treasurer", "Emergency First Aid"]
    page.when.setCurrentText("All")
    assert len(column_texts(page.model, 2)) == 3
    type_text(page.text, "first aid")
    assert column_texts(page.model, 2) == ["Emergency First Aid", "Emergency First Aid"]
    page.district.setCurrentText("Stafford")
    assert page.model.rowCount() == 1
    page.text.clear()
    page.district.setCurrentText("Any")
    page.when.setCurrentText("Past")
    assert page.model.rowCount() == 1
    page.district.setCurrentText("Lichfield")
    assert page.empty.isVisible()
    assert page.empty.text() == "No workshops match these filters."


def test_booking_dialog_finds_as_you_type_and_books_with_enter(window, qtbot, workspace):
    with workspace.db.write() as session:
        workshop_id = a_workshop(session)
        a_person(session, "Łukasz", "Wiśniewski")
    window.show_workshop(workshop_id)
    window.workshop.book_person()
    dialog = open_dialog(window, BookingDialog)
    type_text(dialog.picker.field, "wisn")
    assert column_texts(dialog.picker.results.people)[0].startswith("Łukasz Wiśniewski")
    press(dialog.picker.field, Qt.Key.Key_Return)
    assert dialog.outcome.text() == "Łukasz Wiśniewski is booked."
    assert column_texts(window.workshop.model) == ["Łukasz Wiśniewski"]

    type_text(dialog.picker.field, "lukasz")
    press(dialog.picker.field, Qt.Key.Key_Return)
    assert message_box(window).text() == "Łukasz Wiśniewski is already on this workshop (booked)."


def test_booking_a_new_person_from_the_dialog(window, qtbot, workspace):
    with workspace.db.write() as session:
        workshop_id = a_workshop(session)
    window.show_workshop(workshop_id)
    window.workshop.book_person()
    dialog = open_dialog(window, BookingDialog)
    type_text(dialog.form.first_name, "Siân")
    type_text(dialog.form.last_name, "Llŵyd-Jones")
    dialog.form.consent.setChecked(True)
    type_text(dialog.form.email, "sian@example.org")
    type_text(dialog.form.date_of_birth, "03/04/1985")
    dialog.form.district.setCurrentText("Stafford")
    dialog._book_new()
    assert dialog.outcome.text() == "Siân Llŵyd-Jones is booked."
    assert dialog.form.first_name.text() == "" and not dialog.form.consent.isChecked()
    with workspace.db.read() as session:
        person = session.scalar(select(Person))
    assert (person.date_of_birth, person.district, person.consent_method) == (
        date(1985, 4, 3),
        "Stafford",
        "Booking form",
    )


def test_full_workshop_waiting_list_and_promotion_on_cancel(window, qtbot, workspace):
    with workspace.db.write() as session:
        workshop_id = a_workshop(session, capacity=1)
        first = a_person(session, "Gareth", "Hughes")
        second = a_person(session, "Priya", "Patel")
        book(session, workshop_id, first)
        outcome = book(session, workshop_id, second)
    assert outcome.message == "The workshop is full: Priya Patel is number 1 on the waiting list."
    window.show_workshop(workshop_id)
    page = window.workshop
    assert page.counts.text() == "1 of 1 places booked · 1 waiting"
    page.table.selectRow(column_texts(page.model).index("Gareth Hughes"))
    page.cancel_booking()
    click_button(message_box(window), "Cancel booking")
    qtbot.waitUntil(lambda: "moved" in page.feedback.text())
    assert page.feedback.text() == (
        "Gareth Hughes's booking is cancelled. Priya Patel moved from the waiting list."
    )
    with workspace.db.read() as session:
        assert session.scalar(select(Booking.status).where(Booking.person_id == second)) == "booked"


def test_cancel_workshop_after_confirming(window, qtbot, workspace):
    with workspace.db.write() as session:
        workshop_id = a_workshop(session)
    window.show_workshop(workshop_id)
    window.workshop.cancel_workshop()
    click_button(message_box(window), "Cancel workshop")
    qtbot.waitUntil(lambda: window.workshop.title.text().endswith("(cancelled)"))
    assert not window.workshop.book_button.isEnabled()


def test_paper_register_arrows_space_and_bulk_status(window, qtbot, workspace):
    with workspace.db.write() as session:
        workshop_id = a_workshop(session, capacity=5, date=date.today() - timedelta(days=2))
        ids = [a_person(session, f"Person{n}", "Example") for n in range(4)]
        for person_id in ids:
            book(session, workshop_id, person_id)
    window.show_workshop(workshop_id)
    window.workshop.paper_button.click()
    page = window.paper_register
    assert window.pages.currentWidget() is page

    press(page.table, Qt.Key.Key_Space)  # first row ticked
    press(page.table, Qt.Key.Key_Down)
    press(page.table, Qt.Key.Key_Down)
    press(page.table, Qt.Key.Key_Space)  # third row ticked
    assert [page.model.index(r, 2).data() for r in range(4)] == [
        "attended",
        "booked",
        "attended",
        "booked",
    ]
    press(page.table, Qt.Key.Key_Space)  # and unticked again
    assert page.model.index(2, 2).data() == "no-show"

    page.table.selectRow(1)
    press(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    press(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    page.status.setCurrentText("left early")
    page.apply_status()
    assert [page.model.index(r, 2).data() for r in range(4)] == [
        "attended",
        "left early",
        "left early",
        "left early",
    ]
    press(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [page.model.index(r, 2).data() for r in range(4)] == [
        "attended",
        "booked",
        "no-show",
        "booked",
    ]
