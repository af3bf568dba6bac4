"""The Import wizard driven as the officer would: choose a file, correct a column the program
could not name, see the dry run, import, and find the corrected mapping remembered."""

from __future__ import annotations

import csv
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWizard
from sqlalchemy import select

from sassot_desktop.db.models import Person
from sassot_desktop.people import folding
from sassot_desktop.ui import import_wizard
from sassot_desktop.ui.import_wizard import ImportWizard
from screens import open_dialog, shown_window


@pytest.fixture
def window(qtbot, workspace):
    return shown_window(qtbot, workspace)


@pytest.fixture
def legacy(tmp_path):
    path = tmp_path / "club contacts.csv"
    path.write_bytes(
        "Forename;Surname;Contact;DOB\r\n"  # "Contact" is an email column the program cannot name
        "Zoë;Ó'Brien;zoe@example.com;03/04/1985\r\n"
        "Ann;Smith;ann@example.com;31/02/1980\r\n"
        "Łukasz;Wiśniewski;lukasz@example.com;\r\n".encode("utf-8-sig")
    )
    return path


def names(workspace) -> set[str]:
    with workspace.db.read() as session:
        return {f"{p.first_name} {p.last_name}" for p in session.scalars(select(Person))}


def emails(workspace) -> set[str | None]:
    with workspace.db.read() as session:
        return set(session.scalars(select(Person.email)))


def open_wizard(window, qtbot) -> ImportWizard:
    window.import_people()
    qtbot.waitUntil(lambda: open_dialog(window, ImportWizard) is not None)
    return open_dialog(window, ImportWizard)


def next_page(wizard: ImportWizard, qtbot) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled, timeout=20_000)
    button.click()


def test_a_file_is_checked_corrected_dry_run_and_imported(
    window, qtbot, workspace, legacy, tmp_path, monkeypatch
):
    monkeypatch.setattr(import_wizard, "choose_file_to_import", lambda *_: str(legacy))
    wizard = open_wizard(window, qtbot)

    browse = next(b for b in wizard.file_page.findChildren(QPushButton) if "Browse" in b.text())
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "UTF-8 with byte-order mark, semicolons" in wizard.file_page.status.text()
    )
    assert "3 rows" in wizard.file_page.status.text()
    next_page(wizard, qtbot)

    page = wizard.mapping_page
    assert [c.currentText() for c in page.choices] == [
        "First name", "Last name", import_wizard.NOT_IMPORTED, "Date of birth",
    ]  # fmt: skip
    page.choices[2].setCurrentText("Email")
    page.choices[3].setCurrentText("Email")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.problem.text() == "Only one column can be email."
    page.choices[3].setCurrentText("Date of birth")
    next_page(wizard, qtbot)

    dry_run = wizard.dry_run_page
    qtbot.waitUntil(lambda: dry_run.report is not None, timeout=20_000)
    assert dry_run.headline.text().startswith("If you import this file: 2 people would be added")
    assert "Line 3: Date of birth 31/02/1980 is not a real date." in dry_run.details.toPlainText()
    assert names(workspace) == set()  # the dry run kept nothing

    rejects = tmp_path / "rejects.csv"
    monkeypatch.setattr(import_wizard, "choose_rejects_file", lambda *_: str(rejects))
    dry_run.save_rejects.click()
    with rejects.open(encoding="utf-8-sig", newline="") as file:
        assert [row[0] for row in csv.reader(file)] == ["Line", "3"]

    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Import"
    next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.import_page.report is not None, timeout=20_000)
    assert names(workspace) == {"Zoë Ó'Brien", "Łukasz Wiśniewski"}
    assert emails(workspace) == {"zoe@example.com", "lukasz@example.com"}
    assert "2 people added" in window.statusBar().currentMessage()
    wizard.button(QWizard.WizardButton.FinishButton).click()

    # The next file with the same headers comes with the officer's mapping already chosen.
    again = open_wizard(window, qtbot)
    again.file_page.path.setText(str(legacy))
    qtbot.keyClick(again.file_page.path, Qt.Key.Key_Return)
    next_page(again, qtbot)
    assert again.mapping_page.choices[2].currentText() == "Email"


def test_a_file_that_cannot_be_read_is_explained_on_the_first_page(window, qtbot, tmp_path):
    wizard = open_wizard(window, qtbot)
    wizard.file_page.path.setText(str(tmp_path / "gone.csv"))
    qtbot.keyClick(wizard.file_page.path, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: "There is no file" in wizard.file_page.status.text())
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_cancel_while_saving_keeps_nothing_and_says_so(
    window, qtbot, workspace, tmp_path, monkeypatch
):
    big = tmp_path / "ten years.csv"
    lines = ["Forename,Surname,Email"] + [f"Ann,Number{n},a{n}@example.com" for n in range(300)]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wizard = open_wizard(window, qtbot)
    wizard.file_page.path.setText(str(big))
    qtbot.keyClick(wizard.file_page.path, Qt.Key.Key_Return)
    next_page(wizard, qtbot)
    next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.dry_run_page.report is not None, timeout=20_000)

    # The saving waits (as on a slow disk) until the officer has pressed Cancel.
    pressed = threading.Event()
    tokens_of = folding.person_tokens

    def slow_tokens(*fields):
        pressed.wait(20)
        return tokens_of(*fields)

    monkeypatch.setattr(folding, "person_tokens", slow_tokens)
    next_page(wizard, qtbot)
    progress = None

    def saving_shown() -> bool:
        nonlocal progress
        progress = open_dialog(window, QProgressDialog)
        return progress is not None and progress.labelText() == "Saving"

    qtbot.waitUntil(saving_shown, timeout=20_000)
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    pressed.set()

    headline = wizard.import_page.headline
    qtbot.waitUntil(lambda: headline.text() == "Cancelled: nothing was imported.", timeout=20_000)
    assert names(workspace) == set()
