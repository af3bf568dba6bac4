"""Export… in the window: from the workshop list, a workshop's page and the File menu, through
the save dialog (stood in for), the background runner and the confirmation, with the files read
back as Excel and a CSV reader would."""

from __future__ import annotations

import csv
import threading
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton
from sqlalchemy import func, select

from keys import press
from sassot_desktop.attendance import register
from sassot_desktop.db.models import Person, Workshop
from sassot_desktop.ui import exporting
from screens import message_box, open_dialog, shown_window


@pytest.fixture
def window(qtbot, demo_workspace):
    return shown_window(qtbot, demo_workspace)


@pytest.fixture
def save_dialog(monkeypatch, tmp_path):
    """Stands in for the save dialog: notes what it was offered, answers with a chosen file."""

    class SaveDialog:
        answer: Path | None = tmp_path / "export.xlsx"
        offered: list[tuple[str, Path]] = []

        @classmethod
        def ask(cls, _parent, title, suggested):
            cls.offered.append((title, suggested))
            return cls.answer

    monkeypatch.setattr(exporting, "ask_export_path", SaveDialog.ask)
    return SaveDialog


def wait_for_message(qtbot, window, start: str) -> str:
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage().startswith(start), timeout=20_000)
    return bar.currentMessage()


def test_export_from_the_workshop_list_writes_the_workshops_listed(
    window, qtbot, demo_workspace, save_dialog, tmp_path
):
    window.show_workshops()
    window.workshops.when.setCurrentText("Past")
    with demo_workspace.db.read() as session:
        past = session.scalar(
            select(func.count()).select_from(Workshop).where(Workshop.date < date.today())
        )

    window.workshops.export_button.click()

    message = wait_for_message(qtbot, window, "Wrote ")
    assert message == f"Wrote {past} workshops to {tmp_path / 'export.xlsx'}."
    [(title, suggested)] = save_dialog.offered
    assert title == "Export workshops"
    assert suggested == demo_workspace.paths.exports / f"workshops {date.today():%Y-%m-%d}.xlsx"
    sheet = openpyxl.load_workbook(tmp_path / "export.xlsx").active
    assert sheet["A1"].value == "Date" and sheet["J1"].value == "Fee"
    assert sheet.max_row == past + 1
    assert all(row[0].value.date() < date.today() for row in sheet.iter_rows(min_row=2))


def test_ctrl_shift_e_exports_from_the_list_without_the_mouse(window, qtbot, save_dialog):
    window.show_workshops()

    press(window.workshops.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip

    wait_for_message(qtbot, window, "Wrote ")
    assert save_dialog.answer.is_file()


def test_export_on_a_workshop_page_writes_its_attendance_as_csv(
    window, qtbot, demo_workspace, save_dialog, tmp_path
):
    with demo_workspace.db.read() as session:
        workshop = session.scalar(
            select(Workshop).where(Workshop.register_closed_at.is_not(None)).limit(1)
        )
        roster = register.roster(session, workshop.id)
    save_dialog.answer = tmp_path / "night.csv"
    window.show_workshop(workshop.id)

    window.workshop.export_button.click()

    message = wait_for_message(qtbot, window, "Wrote ")
    assert window.workshop.feedback.text() == message
    assert message.endswith(f" to {tmp_path / 'night.csv'}.")
    [(title, suggested)] = save_dialog.offered
    assert title == "Export attendance"
    assert suggested.name == f"Attendance {workshop.title} {workshop.date:%Y-%m-%d}.xlsx"
    with open(tmp_path / "night.csv", encoding="utf-8-sig", newline="") as file:
        header, *rows = list(csv.reader(file))
    assert header[:2] == ["First name", "Last name"]
    assert [row[:2] for row in rows] == [[e.first_name, e.last_name] for e in roster]


def test_file_menu_exports_people(window, qtbot, demo_workspace, save_dialog, tmp_path):
    with demo_workspace.db.read() as session:
        count = session.scalar(select(func.count()).select_from(Person))
    [action] = [a for a in window.findChildren(QAction) if a.text() == "&Export people…"]
    assert action.shortcut().toString() == "Ctrl+Shift+X"

    action.trigger()

    assert wait_for_message(qtbot, window, "Wrote ") == (
        f"Wrote {count:,} people to {tmp_path / 'export.xlsx'}."
    )
    names = [
        (row[0].value, row[1].value)
        for row in openpyxl.load_workbook(tmp_path / "export.xlsx").active.iter_rows(min_row=2)
    ]
    assert ("Zoë", "Ó'Brien") in names and ("Łukasz", "Wiśniewski") in names


def test_a_cancelled_save_dialog_writes_nothing(window, qtbot, save_dialog, tmp_path):
    save_dialog.answer = None
    window.show_workshops()

    window.workshops.export_button.click()

    assert save_dialog.offered
    assert window.statusBar().currentMessage() == ""
    assert not list(tmp_path.glob("*.xlsx"))


def test_cancel_in_the_progress_dialog_stops_the_export(
    window, qtbot, save_dialog, monkeypatch, tmp_path
):
    started = threading.Event()

    def endless_export(_db, _kind, _path, _workshop_id, progress, **_filters):
        started.set()
        # Until the officer presses Cancel, which makes report raise; bounded so that a broken
        # Cancel fails the test rather than hanging it.
        for done in range(3_000):
            progress.report(done, 3_000, "Exporting people…")
            threading.Event().wait(0.01)  # the worker thread paces itself, not the test
        raise AssertionError("Cancel did not stop the export")

    monkeypatch.setattr("sassot_desktop.exchange.exports.write_export", endless_export)
    window.export_people()
    qtbot.waitUntil(lambda: open_dialog(window, QProgressDialog) is not None, timeout=10_000)
    assert started.is_set()

    dialog = open_dialog(window, QProgressDialog)
    [cancel] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel"]
    cancel.click()

    assert wait_for_message(qtbot, window, "Export people cancelled") == (
        "Export people cancelled; no file was written."
    )
    assert not save_dialog.answer.exists()


def test_a_refused_export_is_one_sentence_in_a_message_box(window, qtbot, save_dialog, tmp_path):
    save_dialog.answer = tmp_path / "missing folder" / "people.xlsx"

    window.export_people()

    qtbot.waitUntil(lambda: message_box(window) is not None, timeout=10_000)
    text = message_box(window).text()
    assert text.startswith(f"Could not write {save_dialog.answer}")
    assert "Traceback" not in text


@pytest.mark.parametrize(
    ("typed", "chosen", "expected"),
    [
        ("people", exporting.CSV_FILTER, "people.csv"),
        ("people", exporting.XLSX_FILTER, "people.xlsx"),
        ("people.csv", exporting.XLSX_FILTER, "people.csv"),
        ("people 2026.11", exporting.XLSX_FILTER, "people 2026.11.xlsx"),
    ],
)
def test_the_save_dialog_answer_gets_the_chosen_type(
    qtbot, monkeypatch, tmp_path, typed, chosen, expected
):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_args: (str(tmp_path / typed), chosen)
    )
    assert exporting.ask_export_path(None, "Export", tmp_path / "x.xlsx") == tmp_path / expected
