"""The bursary scheme through the window: a round set up, a coach found and an application
made, approved, refused when the budget is short, reversed, paid; letters and the finance
workbook written in the background."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from bursary_data import TODAY, add_coach, add_round, apply
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox

from keys import type_text
from sassot_desktop.bursaries import steps
from sassot_desktop.clock import venue_today
from sassot_desktop.db.models import BursaryApplication, Person
from sassot_desktop.ui.bursary_dialogs import ApplicationDialog, RoundDialog, StepDialog
from screens import column_texts, message_box, open_dialog, shown_window


@pytest.fixture
def window(qtbot, workspace):
    main = shown_window(qtbot, workspace)
    main.show_bursaries()
    return main


def go_to_bursaries(window, qtbot):
    for action in window.menuBar().actions():
        for item in action.menu().actions():
            if item.text() == "Coach &bursaries":
                assert item.shortcut() == QKeySequence("Ctrl+4")
                item.trigger()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.bursaries)
    return window.bursaries


def fill(dialog, values: list[str]) -> None:
    for field, text in zip(dialog.fields, values, strict=True):
        field.clear()
        type_text(field, text)


def test_a_round_is_set_up_from_the_page(window, qtbot, workspace):
    page = go_to_bursaries(window, qtbot)
    assert "No bursary rounds yet" in page.empty.text()
    page.new_round()
    dialog = open_dialog(window, RoundDialog)
    for field, text in (
        (dialog.name, "2026/27 round 1"),
        (dialog.opens_on, "01/04/2026"),
        (dialog.closes_on, "30/06/2026"),
        (dialog.budget, "£10,000"),
        (dialog.most_per_award, "250"),
        (dialog.ring_fence, "3000"),
        (dialog.cost_code, "CSP-WF-4410"),
    ):
        type_text(field, text)
    dialog.save.click()
    assert (
        message_box(window).text() == "Say until when the ring-fenced share is held for its groups."
    )
    message_box(window).done(0)
    type_text(dialog.ring_fence_until, "30/09/2026")
    dialog.save.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.round.currentText() == "2026/27 round 1 (2026/27)"
    assert "Budget £10,000.00" in page.money.text()
    assert "most per award £250.00" in page.money.text()

    page.edit_round.click()
    editing = open_dialog(window, RoundDialog)
    assert (editing.budget.text(), editing.ring_fence_until.text()) == ("10000.00", "30/09/2026")
    editing.budget.clear()
    type_text(editing.budget, "12,500.50")
    editing.save.click()
    qtbot.waitUntil(lambda: not editing.isVisible())
    assert "Budget £12,500.50" in page.money.text()


def round_open_today(workspace) -> int:
    today = venue_today()
    return add_round(
        workspace, opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=30)
    )


def test_an_application_is_made_for_a_coach_found_on_file(window, qtbot, workspace):
    round_id = round_open_today(workspace)
    add_coach(workspace, "Łukasz", "Wiśniewski", district="Tamworth")
    page = go_to_bursaries(window, qtbot)
    page.reload(round_id)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(window, ApplicationDialog)
    assert dialog is not None
    type_text(dialog.picker.field, "wisn")
    assert column_texts(dialog.picker.results.people)[0].startswith("Łukasz Wiśniewski")
    for field, text in (
        (dialog.governing_body, "The FA"),
        (dialog.qualification, "Level 1 in Coaching Football"),
        (dialog.course_starts, "06/06/2026"),
        (dialog.course_ends, "07/06/2026"),
        (dialog.course_cost, "£150"),
        (dialog.asked, "150.5"),
    ):
        type_text(field, text)
    dialog.submit_found.click()
    assert "come to more than the course cost" in message_box(window).text()
    message_box(window).done(0)
    dialog.asked.clear()
    type_text(dialog.asked, "120")
    dialog.group.setCurrentText("disabled people")
    dialog.submit_found.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page.model, 1) == ["Łukasz Wiśniewski"]
    assert column_texts(page.model, 3) == ["Submitted"]
    assert "disabled" not in " ".join(
        column_texts(page.model, c)[0] for c in range(page.model.columnCount())
    )
    with workspace.db.read() as session:
        application = session.query(BursaryApplication).one()
        assert (application.asked_pence, application.ring_fence_group) == (
            12_000,
            "disabled people",
        )


def test_a_new_coach_is_added_with_their_application(window, qtbot, workspace):
    round_id = add_round(workspace)
    page = go_to_bursaries(window, qtbot)
    page.reload(round_id)
    page.open_application()
    dialog = open_dialog(window, ApplicationDialog)
    type_text(dialog.form.first_name, "Siân")
    type_text(dialog.form.last_name, "ap Rhys")
    for field, text in (
        (dialog.governing_body, "England Netball"),
        (dialog.qualification, "Certificate in Coaching Netball"),
        (dialog.course_starts, "31/02/2026"),
        (dialog.course_ends, "07/06/2026"),
        (dialog.course_cost, "400"),
        (dialog.asked, "250"),
    ):
        type_text(field, text)
    dialog.submit_new.click()
    assert "is not a real date" in message_box(window).text()
    message_box(window).done(0)
    with workspace.db.read() as session:
        assert session.query(Person).count() == 0, "a refused application added the coach"
    dialog.course_starts.clear()
    type_text(dialog.course_starts, "06/06/2026")
    dialog.submit_new.click()
    # The round (April to June 2026) is not open today: when did the form come in?
    when = open_dialog(dialog, StepDialog)
    assert when.windowTitle() == "Outside the round's dates"
    assert "2026/27 round 1 is open from 01/04/2026 to 30/06/2026" in when.findChild(QLabel).text()
    fill(when, ["02/07/2026", ""])
    when.ok.click()
    assert "take it as late and say why" in message_box(window).text()
    message_box(window).done(0)
    assert when.isVisible(), "the question stays open to give a reason"
    fill(when, ["02/07/2026", "Posted on 28/06; the post was slow"])
    when.ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page.model, 1) == ["Siân ap Rhys"]
    with workspace.db.read() as session:
        assert session.query(Person).count() == 1, "the coach is added once, not per try"
        assert session.query(BursaryApplication).one().submitted_on == date(2026, 7, 2)
    assert "taken outside the round's dates (Posted on 28/06; the post was slow)" in (
        page.history.text()
    )
    assert "Application" in window.statusBar().currentMessage()


def test_the_workflow_from_the_page_with_a_refusal_and_a_reversal(window, qtbot, workspace):
    round_id = add_round(workspace, budget_pence=43_000, ring_fence_pence=0)
    first = apply(workspace, round_id, add_coach(workspace))
    second = apply(workspace, round_id, add_coach(workspace, "Kwame", "Mensah"))
    with workspace.db.write() as session:
        steps.approve(session, first, 25_000, today=TODAY)
    page = go_to_bursaries(window, qtbot)
    page.reload(round_id)
    page.select_applications([second])
    assert page.step_buttons[steps.BursaryStatus.APPROVED].isEnabled()
    assert not page.step_buttons[steps.BursaryStatus.PAID].isEnabled()

    page.step_buttons[steps.BursaryStatus.APPROVED].click()
    approve = open_dialog(window, StepDialog)
    assert approve.fields[0].text() == "250.00"
    approve.ok.click()
    refusal = message_box(window)
    assert refusal.text() == (
        "£180.00 left in this round; £250.00 asked. "
        "Award less, or put the application on the waiting list."
    )
    refusal.done(0)
    assert approve.isVisible(), "the dialog stays open to lower the award"
    fill(approve, ["£180", "31/08/2026"])
    approve.ok.click()
    qtbot.waitUntil(lambda: not approve.isVisible())
    assert "remaining £0.00" in page.money.text()
    assert column_texts(page.model, 3) == ["Approved", "Approved"]
    assert window.statusBar().currentMessage() == (
        "Approved £180.00 for Kwame Mensah; evidence due by 31/08/2026."
    )

    page.select_applications([second])
    page.reverse.click()
    reverse = open_dialog(window, StepDialog)
    reverse.ok.click()
    assert "Say why" in message_box(window).text()
    message_box(window).done(0)
    fill(reverse, ["Approved the wrong coach"])
    reverse.ok.click()
    qtbot.waitUntil(lambda: not reverse.isVisible())
    assert column_texts(page.model, 3) == ["Approved", "Submitted"]
    assert "remaining £180.00" in page.money.text()
    assert "approved → submitted" not in page.history.text()
    assert "submitted → approved" in page.history.text()
    assert "reversed to submitted (Approved the wrong coach)" in page.history.text()

    page.select_applications([first])
    for status in (steps.BursaryStatus.OFFER_SENT, steps.BursaryStatus.ACCEPTED):
        page.step_buttons[status].click()
    page.step_buttons[steps.BursaryStatus.EVIDENCE_RECEIVED].click()
    assert "1 of 50 qualified" in page.targets.text()
    page.step_buttons[steps.BursaryStatus.PAID].click()
    pay = open_dialog(window, StepDialog)
    fill(pay, ["BACS 0048211", pay.fields[1].text()])
    pay.ok.click()
    qtbot.waitUntil(lambda: not pay.isVisible())
    assert column_texts(page.model, 6)[0] == "£250.00"
    assert "paid £250.00" in page.money.text()
    assert "1 of 50 coaches funded" in page.targets.text()
    assert "Stafford 1" in page.targets.text()


def test_letters_and_the_finance_export_run_in_the_background(window, qtbot, workspace, tmp_path):
    round_id = add_round(workspace)
    offered = apply(workspace, round_id, add_coach(workspace))
    due = apply(workspace, round_id, add_coach(workspace, "Kwame", "Mensah"))
    with workspace.db.write() as session:
        steps.approve(session, offered, 20_000, date(2026, 9, 1), today=TODAY)
        steps.approve(session, due, 15_000, date(2026, 9, 1), today=TODAY)
        steps.send_offer(session, due)
        steps.accept(session, due)
        steps.receive_evidence(session, due, date(2026, 7, 10))
    page = go_to_bursaries(window, qtbot)
    page.reload(round_id)

    page.letters_requested.emit([offered, due], str(tmp_path))
    qtbot.waitUntil(lambda: "Wrote 1 letter" in window.statusBar().currentMessage())
    [pdf] = tmp_path.glob("*.pdf")
    text = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "Zoë Ó'Brien" in text and "£200.00" in text
    assert list(tmp_path.glob("*.eml"))

    out = tmp_path / "finance.xlsx"
    page.report_requested.emit(round_id, str(out))
    qtbot.waitUntil(lambda: "payment due" in window.statusBar().currentMessage())
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert (rows[1][1], float(rows[1][3]), rows[1][4]) == ("Kwame Mensah", 150.0, "Due")


def test_overdue_evidence_is_shown_and_lapsed_after_asking(window, qtbot, workspace, tmp_path):
    round_id = add_round(workspace)
    late = apply(workspace, round_id, add_coach(workspace))
    with workspace.db.write() as session:
        steps.approve(session, late, 20_000, date(2026, 8, 1), today=TODAY)
        session.get(BursaryApplication, late).evidence_due = date(2020, 1, 1)
    page = go_to_bursaries(window, qtbot)
    page.reload(round_id)
    assert page.evidence.text() == "Evidence overdue: Zoë Ó'Brien (01/01/2020)."
    page.write_reminders(page._awaited, str(tmp_path))
    assert window.statusBar().currentMessage().startswith("Wrote 1 reminder")
    page.lapse.click()
    box = message_box(window)
    assert box.standardButtons() & QMessageBox.StandardButton.Cancel
    next(b for b in box.buttons() if b.text() == "&Lapse them").click()
    qtbot.waitUntil(lambda: column_texts(page.model, 3) == ["Lapsed"])
    assert "Lapsed 1; £200.00 returned" in window.statusBar().currentMessage()
