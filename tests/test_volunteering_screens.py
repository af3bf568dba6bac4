"""The volunteering screens, driven as the officer drives them: approving many hours at once
(and undoing a slip), milestones appearing on the boundary, a volunteer's own placements and
hours, Step into Sport, and an award round from nomination to printed certificates."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from keys import press, type_text
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.ui.award_dialogs import NewRoundDialog, NominationDialog
from sassot_desktop.ui.pdf_preview import PdfPreview
from sassot_desktop.ui.volunteer_section import VolunteeringSection
from sassot_desktop.ui.volunteering import ConferenceAttendanceDialog
from sassot_desktop.volunteering import hours, milestones, placements
from screens import click_button, column_texts, message_box, open_dialog, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def people(workspace, *names: tuple[str, str]) -> list[int]:
    with workspace.db.write() as session:
        return [create_person(session, PersonDetails(first, last)).id for first, last in names]


def one_quarter_short_of_fifty(workspace) -> tuple[int, int]:
    """Zoë with 49¾ approved hours and a last quarter waiting; Łukasz with 2½ waiting."""
    zoe, lukasz = people(workspace, ("Zoë", "Ó'Brien"), ("Łukasz", "Wiśniewski"))
    with workspace.db.write() as session:
        done = hours.log_hours(session, zoe, date(2026, 5, 30), 2985, "Parkrun marshal").id
        hours.approve(session, [done])
        hours.log_hours(session, zoe, date(2026, 6, 1), 15, "Committee meeting")
        hours.log_hours(session, lukasz, date(2026, 6, 2), 150, "Year-end accounts")
    return zoe, lukasz


def click_row(qtbot, table, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    where = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, where)


def press_in_window(qtbot, window, key: Qt.Key) -> None:
    """A window shortcut, pressed wherever the focus is, as the officer would."""
    window.activateWindow()

    def focus_in_window() -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and focus.window() is window

    qtbot.waitUntil(focus_in_window)
    press(QApplication.focusWidget(), key, CTRL)


def open_volunteering(qtbot, workspace):
    window = shown_window(qtbot, workspace)
    press_in_window(qtbot, window, Qt.Key.Key_5)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.volunteering)
    return window, window.volunteering


def test_approving_many_hours_at_once_reaches_the_fifty_hour_milestone_and_undo_takes_it_back(
    qtbot, workspace
):
    one_quarter_short_of_fifty(workspace)
    window, page = open_volunteering(qtbot, workspace)
    assert column_texts(page.waiting, 1) == ["Łukasz Wiśniewski", "Zoë Ó'Brien"]
    assert column_texts(page.milestones) == []  # 49¾ hours: no milestone yet

    page.waiting_table.setFocus()
    press(page.waiting_table, Qt.Key.Key_A, CTRL)
    press(page.waiting_table, Qt.Key.Key_Return, CTRL)

    assert column_texts(page.waiting) == []
    assert column_texts(page.milestones) == ["Zoë Ó'Brien"]
    assert column_texts(page.milestones, 1) == ["50"]
    assert column_texts(page.milestones, 3) == ["waiting"]
    assert "Approved 2 entries (2.75 hours)" in page.feedback.text()
    assert "Zoë Ó'Brien reached 50 hours" in page.feedback.text()

    press(page.waiting_table, Qt.Key.Key_Z, CTRL)  # a slip: both back, the milestone with them

    assert len(column_texts(page.waiting)) == 2
    assert column_texts(page.milestones) == []
    assert page.feedback.text().startswith("Undone: approved 2 entries")
    with workspace.db.read() as session:
        assert milestones.milestones(session) == []


def test_rejected_hours_leave_the_list_and_never_count(qtbot, workspace):
    zoe, lukasz = one_quarter_short_of_fifty(workspace)
    _window, page = open_volunteering(qtbot, workspace)
    click_row(qtbot, page.waiting_table, 0)  # Łukasz's

    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    assert column_texts(page.waiting, 1) == ["Zoë Ó'Brien"]
    with workspace.db.read() as session:
        totals = {t.person_id: t for t in hours.totals(session)}
    assert (totals[lukasz].approved_minutes, totals[lukasz].pending_minutes) == (0, 0)


def test_milestones_are_marked_acknowledged(qtbot, workspace):
    one_quarter_short_of_fifty(workspace)
    _window, page = open_volunteering(qtbot, workspace)
    page.waiting_table.selectAll()
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    click_row(qtbot, page.milestone_table, 0)

    page.acknowledge_selected()

    assert column_texts(page.milestones, 3) != ["waiting"]
    assert page.feedback.text() == "Marked 1 milestone(s) acknowledged."


def test_a_volunteers_placements_and_hours_are_added_in_their_section(qtbot, workspace):
    [zoe] = people(workspace, ("Zoë", "Ó'Brien"))
    section = VolunteeringSection(workspace, zoe)
    qtbot.addWidget(section)
    section.show()

    type_text(section.organisation, "Stafford Harriers 🏃")
    type_text(section.role, "Junior section helper")
    press(section.role, Qt.Key.Key_Return)
    assert column_texts(section.placements) == ["Stafford Harriers 🏃"]
    assert column_texts(section.placements, 3) == ["current"]
    assert section.placement.currentText() == "Junior section helper, Stafford Harriers 🏃"

    type_text(section.amount, "2:30")
    type_text(section.activity, "Gala day — timekeeper")
    press(section.activity, Qt.Key.Key_Return)

    assert column_texts(section.hours, 1) == ["2.5"]
    assert column_texts(section.hours, 3) == ["Stafford Harriers 🏃"]
    assert column_texts(section.hours, 4) == ["Waiting for approval"]
    assert section.summary.text() == (
        "0 hours approved; 2.5 waiting for approval. No milestone yet."
    )


def test_hours_that_are_not_quarter_hours_are_refused_in_one_sentence(qtbot, workspace):
    [zoe] = people(workspace, ("Zoë", "Ó'Brien"))
    section = VolunteeringSection(workspace, zoe)
    qtbot.addWidget(section)
    section.show()
    type_text(section.amount, "2.1")
    type_text(section.activity, "Coaching")

    section.log_hours()

    box = message_box(section)
    assert box is not None
    assert "quarter hours" in box.text()
    click_button(box, "OK")
    assert column_texts(section.hours) == []


def test_the_page_finds_a_volunteer_and_opens_their_record(qtbot, workspace):
    [zoe] = people(workspace, ("Zoë", "Ó'Brien"))
    with workspace.db.write() as session:
        placements.add_placement(session, zoe, "Leek RUFC", "Coach", date(2026, 4, 1))
    window, page = open_volunteering(qtbot, workspace)

    type_text(page.finder.field, "zoe")
    press(page.finder.field, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: open_dialog(window, QDialog) is not None)
    dialog = open_dialog(window, QDialog)
    assert dialog.windowTitle() == "Volunteering: Zoë Ó'Brien"
    assert column_texts(dialog.section.placements) == ["Leek RUFC"]
    dialog.reject()


def test_step_into_sport_attendance_is_recorded_and_the_share_shown(qtbot, workspace):
    zoe, lukasz = people(workspace, ("Zoë", "Ó'Brien"), ("Łukasz", "Wiśniewski"))
    window, page = open_volunteering(qtbot, workspace)
    assert page.share.text().startswith("No conference recorded yet")

    page.record_conference_attendance()
    dialog = open_dialog(window, ConferenceAttendanceDialog)
    dialog.day.setDate(date(2026, 3, 14))
    for name in ("zoe", "lukasz"):
        dialog.picker.field.clear()
        type_text(dialog.picker.field, name)
        press(dialog.picker.field, Qt.Key.Key_Return)
    assert dialog.feedback.text() == "Łukasz Wiśniewski came to the conference on 14/03/2026."
    with workspace.db.write() as session:
        placements.add_placement(session, zoe, "Leek RUFC", "Coach", date(2026, 4, 1))
    dialog.reject()

    qtbot.waitUntil(lambda: "1 of 2" in page.share.text())
    assert page.share.text() == ("14/03/2026: 1 of 2 placed in clubs (50%), below the 90% target.")
    assert column_texts(page.conferences, 4) == ["below 90%"]


def test_an_award_round_from_nomination_to_printed_certificates(qtbot, workspace):
    people(workspace, ("Zoë", "Ó'Brien"), ("Siân", "Llŵyd-Jones"))
    window = shown_window(qtbot, workspace)
    press_in_window(qtbot, window, Qt.Key.Key_6)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.award_rounds)
    page = window.award_rounds
    assert page.empty.text().startswith("No awards yet")

    page.new_round()
    new_round = open_dialog(window, NewRoundDialog)
    new_round.name.setText("Staffordshire Sport Awards 2026")
    new_round.year.setValue(2026)
    new_round.ceremony.setText("27/11/2026")
    new_round.save()
    assert page.round.currentText() == "Staffordshire Sport Awards 2026"
    page.add_category()
    adding = open_dialog(window, QInputDialog)
    adding.setTextValue("Club of the Year")
    adding.accept()
    assert page.feedback.text() == "Added the category “Club of the Year”."

    for name, by in (("zoe", "Stafford Harriers"), ("sian", "Self")):
        page.nominate()
        dialog = open_dialog(window, NominationDialog)
        assert dialog.category.currentText() == "Volunteer of the Year"
        assert dialog.category.findText("Club of the Year") >= 0
        type_text(dialog.picker.field, name)
        press(dialog.picker.field, Qt.Key.Key_Return)
        type_text(dialog.nominated_by, by)
        dialog.reason.setPlainText("Runs the juniors every Saturday, rain or shine.")
        dialog.save()
        qtbot.waitUntil(lambda dialog=dialog: not dialog.isVisible())
    assert column_texts(page.nominations, 1) == ["Siân Llŵyd-Jones", "Zoë Ó'Brien"]

    click_row(qtbot, page.table, 0)
    click_row(qtbot, page.table, 1, Qt.KeyboardModifier.ShiftModifier)
    page.move("shortlisted")
    click_row(qtbot, page.table, 1)  # Zoë
    page.move("winner")
    assert column_texts(page.nominations, 1) == ["Zoë Ó'Brien", "Siân Llŵyd-Jones"]
    assert column_texts(page.nominations, 2) == ["Winner", "Shortlisted"]

    press(page.table, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: open_dialog(window, PdfPreview) is not None, timeout=20_000)
    preview = open_dialog(window, PdfPreview)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(preview.pdf)).pages]
    assert len(pages) == 2
    assert "Zoë Ó'Brien" in pages[0]
    assert "Volunteer of the Year 2026 — Winner" in pages[0]
    assert "Certificate of Recognition" in pages[0]
    assert "on Friday 27 November 2026" in pages[0]
    assert "Siân Llŵyd-Jones" in pages[1]
    assert "Volunteer of the Year 2026 — Finalist" in pages[1]
    preview.reject()


def test_a_second_winner_in_a_category_is_refused_on_screen(qtbot, workspace):
    zoe, sian = people(workspace, ("Zoë", "Ó'Brien"), ("Siân", "Llŵyd-Jones"))
    from sassot_desktop.volunteering import awards

    with workspace.db.write() as session:
        award_round = awards.create_round(session, "Awards 2026", 2026)
        [category, *_] = awards.categories(session, award_round.id)
        first = awards.nominate(session, category.id, zoe, "Club", "Reason").id
        awards.nominate(session, category.id, sian, "Club", "Reason")
        awards.set_stage(session, [first], awards.WINNER)
    window = shown_window(qtbot, workspace)
    window.show_award_rounds()
    page = window.award_rounds
    click_row(qtbot, page.table, 1)

    page.move("winner")

    box = message_box(window)
    assert "Zoë Ó'Brien already won Volunteer of the Year" in box.text()
    click_button(box, "OK")
    assert QApplication.activeModalWidget() is None or not box.isVisible()


def test_withdrawing_a_nomination_asks_first_and_cancel_keeps_it(qtbot, workspace):
    zoe, sian = people(workspace, ("Zoë", "Ó'Brien"), ("Siân", "Llŵyd-Jones"))
    from sassot_desktop.volunteering import awards

    with workspace.db.write() as session:
        award_round = awards.create_round(session, "Awards 2026", 2026)
        [category, *_] = awards.categories(session, award_round.id)
        awards.nominate(session, category.id, zoe, "Club", "Reason")
        awards.nominate(session, category.id, sian, "Club", "Reason")
    window = shown_window(qtbot, workspace)
    window.show_award_rounds()
    page = window.award_rounds
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    click_row(qtbot, page.table, 0)  # Siân

    press(page.table, Qt.Key.Key_Delete)
    click_button(message_box(window), "Cancel")
    assert column_texts(page.nominations, 1) == ["Siân Llŵyd-Jones", "Zoë Ó'Brien"]

    press(page.table, Qt.Key.Key_Delete)
    box = message_box(window)
    assert "Withdraw Siân Llŵyd-Jones (Volunteer of the Year)?" in box.text()
    click_button(box, "Withdraw")
    assert column_texts(page.nominations, 1) == ["Zoë Ó'Brien"]
