"""The evening at the venue, driven through the real check-in screen with the keyboard."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from keys import press, type_text
from sassot_desktop.db.models import Booking, Person, Status
from sassot_desktop.ui.main_window import MainWindow
from sassot_desktop.ui.walk_in_dialog import WalkInDialog
from screens import click_button, column_texts, message_box, open_dialog


@pytest.fixture
def window(qtbot, demo_workspace):
    main = MainWindow(demo_workspace)
    qtbot.addWidget(main)
    main.show()
    main.show_start_page()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def screen(window):
    return window.check_in


def status_of(workspace, first_name: str) -> Booking:
    with workspace.db.read() as session:
        return session.scalar(
            select(Booking)
            .join(Person)
            .where(Person.first_name == first_name, Booking.workshop_id == _tonight(session))
        )


def _tonight(session):
    from sassot_desktop.attendance.register import workshop_to_check_in
    from sassot_desktop.clock import venue_now

    return workshop_to_check_in(session, venue_now())


def test_opens_on_tonights_check_in_with_the_search_focused(window, screen, qtbot):
    assert "SASSOT Workforce" in window.windowTitle()
    assert window.pages.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.search.hasFocus())
    assert re.fullmatch(r"0 of 2\d in · 0 walk-ins · 2\d not yet arrived", screen.banner.text())


def test_enter_ticks_the_top_match_and_clears_for_the_next(screen, demo_workspace, qtbot):
    booked_before = screen.banner.text()
    type_text(screen.search, "zoe ob")
    assert column_texts(screen.model) == ["Zoë Ó'Brien"]
    press(screen.search, Qt.Key.Key_Return)

    booking = status_of(demo_workspace, "Zoë")
    assert booking.status == "attended"
    assert booking.arrived_at is not None and booking.arrived_local is not None
    assert screen.search.text() == ""
    assert screen.search.hasFocus()
    assert screen.feedback.text() == f"Zoë Ó'Brien in at {booking.arrived_local:%H:%M}."
    booked = int(re.search(r"of (\d+)", booked_before).group(1))
    assert screen.banner.text().startswith(f"1 of {booked} in · 0 walk-ins · {booked - 1} not")


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Zoë Ó'Brien", "Zoë Ó'Brien"),
        ("lukasz wisniewski", "Łukasz Wiśniewski"),
        ("sian", "Siân Llŵyd-Jones"),
        ("AYSE", "Ayşe Yılmaz"),
        ("kuznetsova", "Olga Кузнецова"),
        ("aoife ni", "Aoife Ní Bhriain"),
    ],
)
def test_plain_letters_find_accented_names(screen, typed, found):
    type_text(screen.search, typed)
    assert column_texts(screen.model)[0] == found


def test_enter_on_an_empty_search_ticks_nobody(screen, demo_workspace):
    banner = screen.banner.text()
    press(screen.search, Qt.Key.Key_Return)
    assert screen.banner.text() == banner
    assert screen.feedback.text() == "Type a few letters of a name, then press Enter."


def test_a_name_nobody_booked_points_to_walk_ins(screen):
    type_text(screen.search, "xavier quist")
    assert screen.model.rowCount() == 0
    press(screen.search, Qt.Key.Key_Return)
    assert screen.feedback.text() == (
        "Nobody booked matches “xavier quist”. Press Ctrl+N to add them as a walk-in."
    )


def test_ticking_someone_already_in_changes_nothing(screen, demo_workspace):
    type_text(screen.search, "priya patel")
    press(screen.search, Qt.Key.Key_Return)
    first = status_of(demo_workspace, "Priya")
    banner = screen.banner.text()

    type_text(screen.search, "priya patel")
    press(screen.search, Qt.Key.Key_Return)

    again = status_of(demo_workspace, "Priya")
    assert (again.arrived_at, again.status) == (first.arrived_at, first.status)
    assert screen.feedback.text() == f"Priya Patel is already in at {first.arrived_local:%H:%M}."
    assert screen.banner.text() == banner


def test_ctrl_z_in_the_search_field_undoes_the_last_tick(screen, demo_workspace):
    type_text(screen.search, "sian")
    press(screen.search, Qt.Key.Key_Return)
    type_text(screen.search, "lukasz")
    press(screen.search, Qt.Key.Key_Return)
    assert status_of(demo_workspace, "Łukasz").status == "attended"

    press(screen.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert status_of(demo_workspace, "Łukasz").status == "booked"
    assert status_of(demo_workspace, "Łukasz").arrived_at is None
    assert status_of(demo_workspace, "Siân").status == "attended"
    assert screen.feedback.text() == "Undone: tick for Łukasz Wiśniewski."
    assert screen.search.hasFocus()


def test_arrow_keys_choose_another_match_and_space_on_the_table_ticks(screen, demo_workspace):
    type_text(screen.search, "o")  # many matches
    names = column_texts(screen.model)
    assert len(names) > 2
    press(screen.search, Qt.Key.Key_Down)
    press(screen.search, Qt.Key.Key_Return)
    second = names[1]
    with demo_workspace.db.read() as session:
        came = session.scalars(
            select(Person.first_name)
            .join(Booking)
            .where(Booking.status == "attended", Booking.workshop_id == _tonight(session))
        ).all()
    assert [f"{n}" for n in came] == [second.split()[0]]

    screen.table.setFocus()
    screen.table.selectRow(0)
    first_row = column_texts(screen.model)[0]
    press(screen.table, Qt.Key.Key_Space)
    assert screen.feedback.text().startswith(f"{first_row} in at")


def test_double_click_ticks(screen, qtbot, demo_workspace):
    type_text(screen.search, "siân")
    rect = screen.table.visualRect(screen.model.index(0, 0))
    # A real double click starts with a press; QTest's double click alone does not send one.
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert status_of(demo_workspace, "Siân").status == "booked"
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert status_of(demo_workspace, "Siân").status == "attended"


def test_status_buttons_mark_the_highlighted_person(screen, demo_workspace):
    type_text(screen.search, "ayse")
    screen.table.selectRow(0)
    late = [
        b
        for b in screen.findChildren(type(screen.undo_button))
        if b.accessibleName() == "Mark as late"
    ][0]
    late.click()
    assert status_of(demo_workspace, "Ayşe").status == "late"
    assert screen.feedback.text() == "Ayşe Yılmaz marked as late."


def test_walk_in_without_consent_keeps_only_the_name(screen, qtbot, demo_workspace):
    press(screen.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(screen, WalkInDialog)
    assert dialog is not None
    type_text(dialog.form.first_name, "Nkechi")
    type_text(dialog.form.last_name, "Adébáyọ̀")
    assert not dialog.form.email.isEnabled()
    dialog.add_new.click()

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ", 1 walk-in ·" not in screen.banner.text()
    assert "· 1 walk-in ·" in screen.banner.text()
    with demo_workspace.db.read() as session:
        person = session.scalar(select(Person).where(Person.first_name == "Nkechi"))
        assert person.last_name == "Adébáyọ̀"
        assert (person.email, person.phone, person.postcode, person.consent_at) == (None,) * 4
        booking = session.scalar(select(Booking).where(Booking.person_id == person.id))
        assert booking.walk_in and booking.status == "attended"


def test_walk_in_with_consent_keeps_contact_details(screen, qtbot, demo_workspace):
    screen.add_walk_in()
    dialog = open_dialog(screen, WalkInDialog)
    type_text(dialog.form.first_name, "Gethin")
    type_text(dialog.form.last_name, "Pryce")
    dialog.form.consent.setChecked(True)
    type_text(dialog.form.email, "gethin@example.org")
    type_text(dialog.form.postcode, "st16 2dn")
    dialog.add_new.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with demo_workspace.db.read() as session:
        person = session.scalar(select(Person).where(Person.first_name == "Gethin"))
        assert person.email == "gethin@example.org"
        assert person.postcode == "ST16 2DN"
        assert person.consent_at is not None
        assert person.consent_method == "Walk-in form at the workshop"


def test_walk_in_offers_the_existing_person_instead_of_a_duplicate(screen, qtbot, demo_workspace):
    with demo_workspace.db.read() as session:
        people_before = session.query(Person).count()
    screen.add_walk_in()
    dialog = open_dialog(screen, WalkInDialog)
    type_text(dialog.form.first_name, "Zoe")
    type_text(dialog.form.last_name, "O'Brien")
    assert dialog.matches.current_person().name == "Zoë Ó'Brien"
    dialog.use_existing.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with demo_workspace.db.read() as session:
        assert session.query(Person).count() == people_before
    # She was booked, so she is ticked in on her booking rather than counted as a walk-in.
    booking = status_of(demo_workspace, "Zoë")
    assert booking.status == "attended" and not booking.walk_in


def test_closing_the_register_marks_everyone_still_booked_as_no_show(screen, qtbot, demo_workspace):
    type_text(screen.search, "zoe")
    press(screen.search, Qt.Key.Key_Return)
    expected = int(re.search(r"(\d+) not yet arrived", screen.banner.text()).group(1))

    screen.close_register()
    box = message_box(screen)
    assert f"{expected} people not yet arrived will be marked as no-show" in box.text()
    click_button(box, "Close register")

    qtbot.waitUntil(lambda: screen.feedback.text().startswith("Register closed"))
    assert screen.feedback.text() == f"Register closed: {expected} marked as no-show."
    with demo_workspace.db.read() as session:
        statuses = session.scalars(
            select(Booking.status).where(Booking.workshop_id == _tonight(session))
        ).all()
    assert statuses.count("no-show") == expected
    assert "booked" not in statuses
    assert status_of(demo_workspace, "Zoë").status == "attended"

    press(screen.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(demo_workspace, "Priya").status == Status.BOOKED.value


def test_alt_left_goes_back_to_the_workshop_and_on_to_the_list(window, screen):
    press(screen.search, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.workshop
    press(window.workshop.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.workshops


def test_the_window_reopens_where_it_was_left(qtbot, demo_workspace):
    first = MainWindow(demo_workspace)
    qtbot.addWidget(first)
    first.resize(700, 500)  # within the offscreen screen, which is 800×600
    first.close()
    second = MainWindow(demo_workspace)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def test_cancelling_the_close_changes_nothing(screen, demo_workspace):
    screen.close_register()
    click_button(message_box(screen), "Cancel")
    assert status_of(demo_workspace, "Priya").status == "booked"


def test_every_control_has_a_visible_label_and_an_accessible_name(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLabel, QLineEdit

    for page in (window.check_in, window.workshops, window.workshop, window.paper_register):
        labelled = {label.buddy() for label in page.findChildren(QLabel)}
        for kind in (QLineEdit, QAbstractButton, QComboBox, QAbstractItemView):
            for widget in page.findChildren(kind):
                # Parts Qt builds inside other widgets (a line edit's clear button, a combo
                # box's editor and popup, a table's header) are named by their owner.
                if _inside(widget, page, QLineEdit | QComboBox | QAbstractItemView):
                    continue
                if type(widget).__name__ == "QHeaderView":
                    continue
                where = f"{type(widget).__name__} on {type(page).__name__}"
                assert widget.accessibleName(), where
                if isinstance(widget, QLineEdit | QComboBox):
                    assert widget in labelled, f"{where} has no visible label"


def _inside(widget, page, kinds) -> bool:
    parent = widget.parent()
    while parent is not None and parent is not page:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent()
    return False


def test_every_status_a_row_can_take_fits_its_column_unclipped(screen, qtbot):
    """The status columns are sized from the words they can hold, not by measuring rows."""
    metrics = screen.table.fontMetrics()
    statuses = [*(status.value for status in Status), "not yet arrived"]
    for column, words in {2: statuses, 4: ["walk-in"]}.items():
        widest = max(metrics.horizontalAdvance(word) for word in words)
        assert screen.table.columnWidth(column) > widest, screen.model.COLUMNS[column]
    type_text(screen.search, "zoe")
    qtbot.mouseClick(_button(screen, "Left early"), Qt.MouseButton.LeftButton)
    row = column_texts(screen.model).index("Zoë Ó'Brien")
    assert screen.model.index(row, 2).data() == "left early"
    assert screen.table.columnWidth(2) > metrics.horizontalAdvance("left early")


def _button(screen, text: str):
    from PySide6.QtWidgets import QPushButton

    [button] = [b for b in screen.findChildren(QPushButton) if b.text().replace("&", "") == text]
    return button
