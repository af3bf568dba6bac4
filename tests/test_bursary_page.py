"""The round's page by keyboard and through its file dialogs: an application corrected, the
applications searched and filtered, every mnemonic unique, and the letters, the finance
workbook and the reminders written where the officer chose, read back."""

from __future__ import annotations

import email
import email.policy
import io
import re
from datetime import date

import pytest
from bursary_data import TODAY, add_coach, add_round, apply
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QGroupBox, QLabel

from keys import press, type_text
from sassot_desktop.bursaries import steps
from sassot_desktop.bursaries.workflow import BursaryStatus
from sassot_desktop.db.models import BursaryApplication
from sassot_desktop.ui.bursary_dialogs import ApplicationDialog
from screens import column_texts, message_box, open_dialog, shown_window


@pytest.fixture
def window(qtbot, workspace):
    main = shown_window(qtbot, workspace)
    main.show_bursaries()
    return main


@pytest.fixture
def page(window):
    return window.bursaries


def mnemonics(widget) -> list[str]:
    """The Alt+letter of every label, button and group box in ``widget``."""
    texts = [label.text() for label in widget.findChildren(QLabel)]
    texts += [button.text() for button in widget.findChildren(QAbstractButton)]
    texts += [box.title() for box in widget.findChildren(QGroupBox)]
    return [m.group(1).lower() for text in texts for m in re.finditer(r"&([^&\s])", text)]


def choose(owner, path, qtbot) -> QFileDialog:
    """Pick ``path`` in the file dialog ``owner`` opened, as the officer would, and press OK."""
    chooser = open_dialog(owner, QFileDialog)
    assert chooser is not None, "no file dialog opened"
    chooser.selectFile(str(path))
    chooser.accept()
    qtbot.waitUntil(lambda: not chooser.isVisible())
    return chooser


# -- editing -----------------------------------------------------------------------------------
def test_a_submitted_application_is_corrected_from_the_page(window, page, qtbot, workspace):
    round_id = add_round(workspace)
    first = apply(workspace, round_id, add_coach(workspace))
    second = apply(workspace, round_id, add_coach(workspace, "Kwame", "Mensah"))
    with workspace.db.write() as session:
        steps.approve(session, first, 20_000, today=TODAY)
    page.reload(round_id)
    page.select_applications([first])
    assert not page.edit_application.isEnabled(), "an approved application is fixed"
    press(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "is approved, so its details are fixed: reverse its steps" in (
        message_box(window).text()
    )
    message_box(window).done(0)

    page.select_applications([second])
    press(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(window, ApplicationDialog)
    assert dialog.windowTitle() == f"Edit application {second}"
    assert (dialog.asked.text(), dialog.course_ends.text()) == ("250.00", "04/07/2026")
    dialog.asked.clear()
    type_text(dialog.asked, "£400")
    dialog.save.click()
    assert "come to more than the course cost" in message_box(window).text()
    message_box(window).done(0)
    dialog.asked.clear()
    type_text(dialog.asked, "£180.50")
    dialog.save.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page.model, 4) == ["£250.00", "£180.50"]
    assert window.statusBar().currentMessage() == (
        f"Application {second} changed: amount asked £250.00 → £180.50."
    )
    assert "edited: amount asked £250.00 → £180.50" in page.history.text()
    with workspace.db.read() as session:
        assert session.get(BursaryApplication, second).asked_pence == 18_050


def test_the_edit_dialog_refuses_when_another_window_approved_first(window, page, qtbot, workspace):
    round_id = add_round(workspace)
    application_id = apply(workspace, round_id, add_coach(workspace))
    page.reload(round_id)
    page.select_applications([application_id])
    page.edit_application.click()
    dialog = open_dialog(window, ApplicationDialog)
    with workspace.db.write() as session:
        steps.approve(session, application_id, 20_000, today=TODAY)
    dialog.save.click()
    assert "is approved, so its details are fixed" in message_box(window).text()


# -- search and filter -----------------------------------------------------------------------
def test_the_applications_are_searched_and_filtered_by_keyboard(window, page, qtbot, workspace):
    round_id = add_round(workspace)
    zoe = apply(workspace, round_id, add_coach(workspace))
    kwame = apply(
        workspace,
        round_id,
        add_coach(workspace, "Kwame", "Mensah"),
        governing_body="The FA",
        qualification="Level 1 in Coaching Football",
        level="Level 1",
    )
    apply(workspace, round_id, add_coach(workspace, "Siân", "ap Rhys"))
    with workspace.db.write() as session:
        steps.put_on_waiting_list(session, zoe)
    page.reload(round_id)
    assert len(column_texts(page.model)) == 3

    press(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    type_text(page.search, "zoe netball")  # accents and case aside, every word
    assert column_texts(page.model, 1) == ["Zoë Ó'Brien"]
    page.search.clear()
    type_text(page.search, "football")
    assert column_texts(page.model) == [str(kwame)]
    assert page.selected_ids() == [kwame], "the one left is selected for its steps"
    press(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == "" and len(column_texts(page.model)) == 3

    assert page.status_filter.accessibleName() == "Show applications of status"
    page.status_filter.setCurrentText("Waiting list")
    assert column_texts(page.model, 1) == ["Zoë Ó'Brien"]
    type_text(page.search, "mensah")
    assert column_texts(page.model) == []
    assert page.empty.isVisible()
    assert page.empty.text().startswith("None of the round's 3 applications match")
    page.status_filter.setCurrentText("Any status")
    assert column_texts(page.model, 1) == ["Kwame Mensah"]

    # A step taken while filtered keeps the filter: the row leaves a list it no longer fits.
    page.search.clear()
    page.status_filter.setCurrentText("Submitted")
    page.select_applications([kwame])
    page.wait()
    assert column_texts(page.model, 1) == ["Siân ap Rhys"]


# -- mnemonics ----------------------------------------------------------------------------------
def test_every_mnemonic_in_the_application_dialog_is_its_own(window, page, qtbot, workspace):
    round_id = add_round(workspace)
    page.reload(round_id)
    page.open_application()
    dialog = open_dialog(window, ApplicationDialog)
    letters = mnemonics(dialog)
    assert len(letters) >= 20, letters  # the person form's and the application's
    assert sorted(letters) == sorted(set(letters)), f"used twice: {letters}"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.governing_body.setFocus()
    press(dialog.governing_body, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert dialog.picker.field.hasFocus()


def test_every_mnemonic_on_the_page_is_its_own_and_leaves_the_menus_theirs(window, page):
    menus = [
        m.group(1).lower()
        for a in window.menuBar().actions()
        for m in [re.search(r"&(\w)", a.text())]
        if m
    ]
    letters = mnemonics(page) + menus
    assert len(letters) >= 20, letters
    assert sorted(letters) == sorted(set(letters)), f"used twice: {letters}"


# -- the file dialogs ----------------------------------------------------------------------------
def test_letters_go_to_the_folder_chosen(window, page, qtbot, workspace, tmp_path):
    round_id = add_round(workspace)
    offered = apply(workspace, round_id, add_coach(workspace))
    declined = apply(workspace, round_id, add_coach(workspace, "Kwame", "Mensah"))
    with workspace.db.write() as session:
        steps.approve(session, offered, 20_000, date(2026, 9, 1), today=TODAY)
        steps.decline(session, declined, "The course is not a coaching qualification.")
    page.reload(round_id)
    page.table.selectAll()
    folder = tmp_path / "letters"
    folder.mkdir()
    page.letters.click()
    chooser = choose(page, folder, qtbot)
    assert chooser.fileMode() == QFileDialog.FileMode.Directory
    qtbot.waitUntil(lambda: "Wrote 2 letters" in window.statusBar().currentMessage())

    offer = PdfReader(io.BytesIO(next(folder.glob("Offer*.pdf")).read_bytes()))
    text = offer.pages[0].extract_text()
    assert "Zoë Ó'Brien" in text and "£200.00" in text and "1 September 2026" in text
    decline = next(folder.glob("Decline*.pdf"))
    assert "not a coaching qualification" in PdfReader(decline).pages[0].extract_text()
    draft = email.message_from_bytes(
        next(folder.glob("Offer*.eml")).read_bytes(), policy=email.policy.default
    )
    assert draft["To"].addresses[0].display_name == "Zoë Ó'Brien"
    [attachment] = list(draft.iter_attachments())
    assert attachment.get_content() == next(folder.glob("Offer*.pdf")).read_bytes()
    assert (folder / next(folder.glob("Offer*.pdf")).name).stat().st_mode & 0o077 == 0


def test_the_finance_export_is_saved_where_chosen(window, page, qtbot, workspace, tmp_path):
    round_id = add_round(workspace)
    due = apply(workspace, round_id, add_coach(workspace, "Kwame", "Mensah"))
    with workspace.db.write() as session:
        steps.approve(session, due, 15_000, date(2026, 9, 1), today=TODAY)
        steps.send_offer(session, due)
        steps.accept(session, due)
        steps.receive_evidence(session, due, date(2026, 7, 10))
    page.reload(round_id)
    page.report.click()
    chooser = open_dialog(page, QFileDialog)
    assert chooser.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert chooser.selectedFiles()[0].endswith("Bursary payments 2026-27 round 1.xlsx")
    out = tmp_path / "payments.xlsx"
    choose(page, out, qtbot)
    qtbot.waitUntil(lambda: "payment due" in window.statusBar().currentMessage())
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][1] == "Kwame Mensah" and float(rows[1][3]) == 150.0
    assert "CSP-WF-4410" in rows[1]


def test_reminders_go_to_the_folder_chosen(window, page, qtbot, workspace, tmp_path):
    round_id = add_round(workspace)
    late = apply(workspace, round_id, add_coach(workspace))
    with workspace.db.write() as session:
        steps.approve(session, late, 20_000, date(2026, 8, 1), today=TODAY)
        session.get(BursaryApplication, late).evidence_due = date(2020, 1, 1)
    page.reload(round_id)
    folder = tmp_path / "reminders"
    folder.mkdir()
    page.remind.click()
    choose(page, folder, qtbot)
    assert window.statusBar().currentMessage() == f"Wrote 1 reminder to {folder}."
    [eml] = folder.glob("*.eml")
    draft = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    body = draft.get_body().get_content()
    assert "was due by Wednesday 1 January 2020" in body
    assert draft["Subject"].startswith("Coach bursary: evidence for")
    assert BursaryStatus(page.model.row(0).status) is BursaryStatus.APPROVED


# -- the letters' wording from Settings -----------------------------------------------------------
def test_the_letters_wording_is_set_in_settings_and_used(window, page, qtbot, workspace, tmp_path):
    from sassot_desktop.ui.settings_dialog import SettingsDialog

    window.open_settings()
    dialog = open_dialog(window, SettingsDialog)
    fields = dialog.letters
    assert fields.send_evidence_to.toPlainText().startswith("the Workforce Development Officer")
    assert fields.signed_by.text() == "Workforce Development Officer"
    fields.send_evidence_to.clear()
    type_text(fields.send_evidence_to, "Siân Jones at Blackheath Lane, Stafford ST18 0YG")
    for line in ("Sport Across Staffordshire and Stoke-on-Trent", "Blackheath Lane"):
        type_text(fields.office_address, line)
        press(fields.office_address, Qt.Key.Key_Return)
    type_text(fields.office_address, "Stafford ST18 0YG")
    fields.signed_by.clear()
    type_text(fields.signed_by, "Siân Jones, Workforce Development Officer")
    next(b for b in dialog.findChildren(QAbstractButton) if b.text() == "Save").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    round_id = add_round(workspace)
    offered = apply(workspace, round_id, add_coach(workspace))
    with workspace.db.write() as session:
        steps.approve(session, offered, 20_000, date(2026, 9, 1), today=TODAY)
        session.get(BursaryApplication, offered).evidence_due = date(2020, 1, 1)
    page.reload(round_id)
    page.letters_requested.emit([offered], str(tmp_path))
    qtbot.waitUntil(lambda: "Wrote 1 letter" in window.statusBar().currentMessage())
    text = PdfReader(next(tmp_path.glob("*.pdf"))).pages[0].extract_text()
    assert "to Siân Jones at Blackheath Lane, Stafford ST18 0YG." in " ".join(text.split())
    assert "Blackheath Lane\nStafford ST18 0YG" in text
    assert "Siân Jones, Workforce Development Officer" in text
    assert "the Workforce Development Officer at" not in text
    draft = email.message_from_bytes(
        next(tmp_path.glob("*.eml")).read_bytes(), policy=email.policy.default
    )
    assert "Siân Jones, Workforce Development Officer" in draft.get_body().get_content()

    reminders = tmp_path / "reminders"
    reminders.mkdir()
    page.write_reminders(page._awaited, str(reminders))
    [eml] = reminders.glob("*.eml")
    body = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    body = body.get_body().get_content()
    assert "send them to Siân Jones at Blackheath Lane" in body
    assert body.rstrip().endswith(
        "Siân Jones, Workforce Development Officer\r\nSport Across Staffordshire and Stoke-on-Trent"
    )
