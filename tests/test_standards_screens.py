"""The standards page, a coach's records and the workshop's grant, driven through the screens."""

from __future__ import annotations

import email
from datetime import date, timedelta
from email.policy import default

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog

from keys import press, type_text
from sassot_desktop.attendance import register
from sassot_desktop.clock import venue_today
from sassot_desktop.db.status import Status
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.standards import records
from sassot_desktop.standards.kinds import Kind
from sassot_desktop.standards.records import RecordDetails
from sassot_desktop.ui.standards_page import CoachDialog
from sassot_desktop.ui.standards_record_dialog import RecordDialog
from sassot_desktop.ui.standards_validity import ValidityDialog
from sassot_desktop.ui.workshop_editor import WorkshopEditor
from sassot_desktop.workshops.bookings import book
from sassot_desktop.workshops.catalogue import WorkshopDetails, get_workshop
from screens import click_button, column_texts, message_box, open_dialog, shown_window


@pytest.fixture
def coaches(workspace):
    """Zoë (Tamworth) meets every standard but her first aid lapsed yesterday; Łukasz
    (Stafford) meets them all; Siân has only a DBS check."""
    today = venue_today()
    later = today + timedelta(days=700)
    people = {}
    with workspace.db.write() as session:
        for first, last, district in (
            ("Zoë", "Ó'Brien", "Tamworth"),
            ("Łukasz", "Kowalski", "Stafford"),
            ("Siân", "Roberts", None),
        ):
            details = PersonDetails(
                first,
                last,
                email=f"{first.lower()}@example.org",
                district=district,
                consent_method="Paper form",
            )
            people[first] = person = create_person(session, details).id
            kinds = [Kind.DBS] if first == "Siân" else list(Kind)
            for kind in kinds:
                expiry = (
                    today - timedelta(days=1) if (first, kind) == ("Zoë", Kind.FIRST_AID) else later
                )
                records.add_record(
                    session,
                    person,
                    RecordDetails(
                        kind,
                        today - timedelta(days=300),
                        None if kind is Kind.QUALIFICATION else expiry,
                        governing_body="England Netball" if kind is Kind.QUALIFICATION else None,
                        title="Level 2 Coach" if kind is Kind.QUALIFICATION else None,
                        dbs_level="Enhanced" if kind is Kind.DBS else None,
                        certificate_number="001234567890" if kind is Kind.DBS else None,
                    ),
                )
    return people


@pytest.fixture
def window(qtbot, workspace, coaches):
    return shown_window(qtbot, workspace)


def wait_for_rows(qtbot, page, names):
    qtbot.waitUntil(lambda: column_texts(page.model) == names, timeout=5000)


def test_the_page_lists_who_needs_what_and_filters_by_status_and_district(window, qtbot):
    window.show_standards()
    page = window.standards
    wait_for_rows(qtbot, page, ["Zoë Ó'Brien", "Siân Roberts"])
    assert column_texts(page.model, 2) == ["Lapsed", "Missing something"]
    assert column_texts(page.model, 3)[1] == (
        "No safeguarding training; no first aid certificate; no coaching qualification"
    )
    assert "1234" not in " ".join(column_texts(page.model, 3))

    page.show_filter.setCurrentText("All coaches")
    wait_for_rows(qtbot, page, ["Łukasz Kowalski", "Zoë Ó'Brien", "Siân Roberts"])
    page.district.setCurrentText("Stafford")
    wait_for_rows(qtbot, page, ["Łukasz Kowalski"])
    assert page.summary.text() == "1 coach listed."
    page.district.setCurrentText("— none / outside the county —")
    wait_for_rows(qtbot, page, ["Siân Roberts"])
    page.show_filter.setCurrentText("Meets the standards")
    wait_for_rows(qtbot, page, [])
    assert page.summary.text() == "No coaches match these filters."


def test_the_menu_shortcut_opens_the_page(window, qtbot):
    go_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    [standards] = [a for a in go_menu.actions() if a.text() == "Coaches' &standards"]
    assert standards.shortcut() == QKeySequence("Ctrl+3")
    standards.trigger()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.standards)


def test_a_coach_renews_first_aid_through_the_dialogs(window, qtbot, workspace, coaches):
    window.show_standards()
    page = window.standards
    wait_for_rows(qtbot, page, ["Zoë Ó'Brien", "Siân Roberts"])
    page.table.selectRow(0)
    page.open_button.click()
    coach = open_dialog(window, CoachDialog)
    section = coach.section
    assert section.standing.text() == "Lapsed"
    assert "••••••••7890" in column_texts(section.model, 1)[0]

    section.add_button.click()
    dialog = open_dialog(window, RecordDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(Kind.FIRST_AID.value))
    assert not dialog.form.isRowVisible(dialog.certificate_number)
    taken = venue_today() - timedelta(days=2)
    dialog.taken_on.setDate(QDate(taken.year, taken.month, taken.day))
    expected = date(taken.year + 3, taken.month, taken.day)  # the default validity
    assert dialog.expires_on.date() == QDate(expected.year, expected.month, expected.day)
    type_text(dialog.title, "Emergency First Aid at Work")
    press(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert section.standing.text() == "Meets the standards"
    assert section.feedback.text() == "First aid certificate added."

    coach.reject()
    wait_for_rows(qtbot, page, ["Siân Roberts"])


def test_removing_a_record_asks_first_and_can_be_undone(window, qtbot, workspace, coaches):
    dialog = CoachDialog(workspace, coaches["Łukasz"], "Łukasz Kowalski", window)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    section = dialog.section
    assert section.model.rowCount() == 4
    section.table.setFocus()
    section.table.selectRow(0)
    press(section.table, Qt.Key.Key_Delete)
    box = message_box(window)
    assert "Remove the DBS check" in box.text()
    click_button(box, "Cancel")
    assert section.model.rowCount() == 4

    section.remove_button.click()
    click_button(message_box(window), "Remove")
    qtbot.waitUntil(lambda: section.model.rowCount() == 3)
    assert section.standing.text() == "Missing something"
    assert section.undo_button.isVisible()
    press(section.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: section.model.rowCount() == 4)
    assert section.standing.text() == "Meets the standards"
    with workspace.db.read() as session:
        [dbs] = [r for r in records.records_of(session, coaches["Łukasz"]) if r.kind is Kind.DBS]
    assert dbs.masked_number == "••••••••7890" and dbs.dbs_level == "Enhanced"


def test_editing_keeps_the_expiry_the_officer_typed(window, qtbot, workspace, coaches):
    dialog = CoachDialog(workspace, coaches["Siân"], "Siân Roberts", window)
    dialog.open()
    section = dialog.section
    section.table.selectRow(0)
    section.edit_button.click()
    editor = open_dialog(window, RecordDialog)
    assert editor.certificate_number.text() == "001234567890"
    editor.expires_on.setDate(QDate(2031, 1, 31))
    editor.taken_on.setDate(QDate(2028, 2, 1))  # a later date no longer moves the typed expiry
    editor.dbs_level.setCurrentText("Enhanced with barred list")
    editor._save()
    qtbot.waitUntil(lambda: not editor.isVisible())
    with workspace.db.read() as session:
        [row] = records.records_of(session, coaches["Siân"])
    assert (row.taken_on, row.expires_on, row.dbs_level) == (
        date(2028, 2, 1),
        date(2031, 1, 31),
        "Enhanced with barred list",
    )


def test_validity_periods_set_the_expiry_of_new_records(window, qtbot, workspace, coaches):
    window.show_standards()
    window.standards.validity_button.click()
    dialog = open_dialog(window, ValidityDialog)
    assert dialog.months[Kind.QUALIFICATION].text() == "No expiry"
    dialog.months[Kind.FIRST_AID].setValue(24)
    dialog._save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    editor = RecordDialog(workspace.db, coaches["Siân"], parent=window)
    editor.kind.setCurrentIndex(editor.kind.findData(Kind.FIRST_AID.value))
    editor.taken_on.setDate(QDate(2026, 5, 2))
    assert editor.expires_on.date() == QDate(2028, 5, 2)
    assert "is usually valid for 2 years" in editor.hint.text()


def test_reminders_are_written_in_the_background_to_the_folder_chosen(
    window, qtbot, workspace, coaches, tmp_path, monkeypatch
):
    window.show_standards()
    page = window.standards
    wait_for_rows(qtbot, page, ["Zoë Ó'Brien", "Siân Roberts"])
    folder = tmp_path / "reminders"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(folder))
    press(
        page.table,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: page.summary.text().startswith("Wrote 2 e-mail drafts"), timeout=10_000)
    drafts = sorted(folder.glob("*.eml"))
    assert len(drafts) == 2 and len(list(folder.glob("*.csv"))) == 1
    zoe = email.message_from_bytes(drafts[1].read_bytes(), policy=default)
    yesterday = venue_today() - timedelta(days=1)
    assert (
        f"first aid certificate expired on {yesterday.day} {yesterday:%B %Y}" in zoe.get_content()
    )
    assert window.statusBar().currentMessage() == page.summary.text()


def test_a_workshop_set_to_grant_first_aid_records_it_when_attendance_is_confirmed(
    window, qtbot, workspace, coaches
):
    window.new_workshop()
    editor = open_dialog(window, WorkshopEditor)
    editor.course.setCurrentText("")
    type_text(editor.course.lineEdit(), "Emergency First Aid")
    assert editor.grants.currentText() == "First aid certificate"
    editor.day.setDate(QDate(2026, 3, 12))
    type_text(editor.venue, "Leek Leisure Centre")
    editor._save()
    qtbot.waitUntil(lambda: not editor.isVisible())
    workshop_id = window.workshop.workshop_id
    assert "Attending grants: first aid certificate" in window.workshop.details.text()
    sian = coaches["Siân"]
    with workspace.db.write() as session:
        booking = book(session, workshop_id, sian).booking_id
        register.set_status(session, [booking], Status.ATTENDED)

    dialog = CoachDialog(workspace, sian, "Siân Roberts", window)
    texts = column_texts(dialog.section.model, 0)
    assert texts == ["DBS check", "First aid certificate"]
    assert column_texts(dialog.section.model, 4) == ["Entered", "Workshop attended"]
    assert column_texts(dialog.section.model, 3)[1] == "12/03/2029"
    dialog.section.table.selectRow(1)
    dialog.section.edit_button.click()
    made = open_dialog(window, RecordDialog)
    assert made.hint.text().startswith("Attending a workshop made this record.")
    made.reject()

    with workspace.db.read() as session:
        saved = WorkshopDetails.of(get_workshop(session, workshop_id))
    edit = WorkshopEditor(workspace.db, saved, workshop_id=workshop_id, parent=window)
    assert edit.grants.currentText() == "First aid certificate"
    edit.grants.setCurrentText("Nothing")
    edit._save()
    dialog.section.reload()
    assert column_texts(dialog.section.model, 0) == ["DBS check"]
