"""The people screen, a person's page and the duplicates page, driven as the officer would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from keys import press, type_text
from people_records import enter_twice
from sassot_desktop.db.models import Booking, Person
from sassot_desktop.people import roles
from sassot_desktop.ui.merge_dialog import MergeDialog
from screens import click_button, column_texts, message_box, open_dialog, shown_window


@pytest.fixture
def window(qtbot, workspace):
    return shown_window(qtbot, workspace)


@pytest.fixture
def twice(workspace):
    return enter_twice(workspace)


def shortcut(window, keys: str) -> None:
    QTest.keySequence(window, keys)


def every_cell(model) -> list[str]:
    return [
        model.index(row, column).data() or ""
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def test_people_are_found_as_the_officer_types_and_open_with_enter(window, twice, qtbot):
    shortcut(window, "Ctrl+2")
    page = window.people
    assert window.pages.currentWidget() is page
    assert page.text.hasFocus()
    assert page.count.text() == "2 people"

    type_text(page.text, "zoë o")
    assert column_texts(page.model) == ["Ó'Brien, Zoë", "O'Brien, Zoe"]
    page.text.clear()
    type_text(page.text, "ZOE.OBRIEN@EXAMPLE.ORG st16")
    assert column_texts(page.model) == ["Ó'Brien, Zoë"]

    press(page.text, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.person
    assert window.person.title.text() == "Zoë Ó'Brien"


def test_the_list_filters_by_role_and_sorts_when_a_heading_is_clicked(
    window, twice, workspace, qtbot
):
    with workspace.db.write() as session:
        roles.set_roles(session, twice.zoe, ["tutor"])
    window.show_people()
    page = window.people
    page.role.setCurrentText("Volunteer")
    qtbot.waitUntil(lambda: not page.busy)
    assert column_texts(page.model, 1) == ["ZOE.OBRIEN@example.org"]
    page.role.setCurrentText("Tutor")
    qtbot.waitUntil(lambda: not page.busy)
    assert column_texts(page.model, 5) == ["tutor"]
    page.role.setCurrentText("Any")
    assert not page.busy, "everyone is listed at once"

    header = page.table.horizontalHeader()
    phone_free = header.sectionViewportPosition(1) + 5  # the Email heading
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(phone_free, 5))
    first = column_texts(page.model, 1)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(phone_free, 5))
    assert column_texts(page.model, 1) == list(reversed(first))


def test_a_persons_page_edits_details_roles_and_equality_answers(window, twice, workspace):
    window.show_person(twice.zoe)
    person_page = window.person
    details, answers, workshops = person_page.sections[:3]
    assert workshops.summary.text() == "Booked 2, came to 1, 1 certificate issued."
    assert workshops.model.index(1, 3).data()  # the Safeguarding certificate's code

    details.form.club.setFocus()
    details.form.club.clear()
    type_text(details.form.club, "Stafford Harriers AC")
    details.roles[roles.VOLUNTEER].setChecked(True)
    shortcut(window, "Ctrl+S")
    assert person_page.feedback.text() == "Saved Zoë Ó'Brien's details."

    person_page.sections[1].gender.setCurrentText("Prefer not to say")
    person_page.sections[1].ethnicity.setCurrentText("White: Irish")
    person_page.sections[1].save_button.click()
    assert person_page.feedback.text() == "Saved the equality monitoring answers."
    with workspace.db.read() as session:
        zoe = session.get(Person, twice.zoe)
        assert zoe.club == "Stafford Harriers AC"
        assert (zoe.gender, zoe.ethnicity) == ("Prefer not to say", "White: Irish")
        assert roles.roles_of(session, twice.zoe) == ["coach", "volunteer"]

    # Back on the list, none of it shows.
    shortcut(window, "Alt+Left")
    assert window.pages.currentWidget() is window.people
    cells = " ".join(every_cell(window.people.model))
    assert "Stafford Harriers AC" in cells
    assert "Irish" not in cells and "Prefer not" not in cells and "Female" not in cells


def test_withdrawing_consent_asks_first_then_keeps_only_the_name(window, twice, workspace):
    window.show_person(twice.zoe_again)
    details = window.person.sections[0]
    details.form.consent.setChecked(False)
    details.save_button.click()
    box = message_box(window)
    assert "will be deleted" in box.text()
    click_button(box, "Delete their details")
    with workspace.db.read() as session:
        again = session.get(Person, twice.zoe_again)
        assert (again.email, again.gender, again.consent_method) == (None, None, None)
    assert not window.person.sections[1].gender.isEnabled()


def test_duplicates_are_found_in_the_background_merged_and_the_merge_undone(
    window, twice, workspace, qtbot
):
    shortcut(window, "Ctrl+Shift+D")
    page = window.duplicates
    assert window.pages.currentWidget() is page
    assert not page.undo_button.isEnabled()
    page.find_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert "same email" in page.model.index(0, 3).data()

    press(page.table, Qt.Key.Key_Return)
    dialog = open_dialog(window, MergeDialog)
    assert dialog is not None
    # Zoe's record has the walk-in and the Equity booking too: 2 each, so Zoë's (older) stays.
    dialog.choices["phone"].button(1).setChecked(True)
    dialog.merge_button.click()
    click_button(message_box(dialog), "Merge")
    qtbot.waitUntil(lambda: "Merged" in page.status.text(), timeout=10_000)
    assert page.model.rowCount() == 0

    with workspace.db.read() as session:
        assert session.get(Person, twice.zoe_again) is None
        assert session.get(Person, twice.zoe).phone == "+44 7700 900999"
        owners = set(session.scalars(select(Booking.person_id)))
    assert owners == {twice.zoe}

    assert page.undo_button.isEnabled()
    # The dialogs have closed; the offscreen platform leaves activating the window to us.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    shortcut(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: "Merge undone" in page.status.text(), timeout=10_000)
    with workspace.db.read() as session:
        assert session.get(Person, twice.zoe).phone == "07700 900123"
        again = session.scalars(select(Booking.workshop_id).where(Booking.person_id == 2))
        assert set(again) == {twice.workshops["first aid"], twice.workshops["equity"]}
    assert not page.undo_button.isEnabled()


def test_a_pair_told_apart_is_not_offered_again(window, twice, qtbot):
    window.show_duplicates()
    page = window.duplicates
    page.find_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.setFocus()
    press(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == 0
    assert "will not be offered again" in page.status.text()

    page.find_button.click()
    qtbot.waitUntil(lambda: "No likely duplicates" in page.status.text(), timeout=10_000)


def test_a_long_list_reads_its_ids_a_block_at_a_time_in_the_databases_order(window, workspace):
    from sassot_desktop import demo
    from sassot_desktop.ui import people_model

    demo.add_people_up_to(workspace.db, 2 * people_model.IDS_AT_A_TIME + 500)
    with workspace.db.read() as session:
        in_order = list(session.scalars(select(Person.id).order_by(Person.sort_name, Person.id)))
    window.show_people()
    model = window.people.model
    assert model.rowCount() == len(in_order)
    assert window.people.count.text() == f"{len(in_order):,} people"

    window.people.table.scrollToBottom()
    last = model.rowCount() - 1
    assert model.person_id(last) == in_order[-1]
    assert model.person_id(1500) == in_order[1500]

    window.people.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert model.person_id(0) == in_order[-1]
    assert model.person_id(last) == in_order[0]
