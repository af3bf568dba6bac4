"""Two officers, one person, through the screens: the second save shows who changed the record
and when, the fields that differ, and does what the chosen button says."""

from __future__ import annotations

import dataclasses
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton

from keys import press, type_text
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import Person
from sassot_desktop.people import profile
from sassot_desktop.people.records import PersonDetails, create_person, update_person
from sassot_desktop.ui.edit_conflict_dialog import EditConflictDialog
from sassot_desktop.ui.person_sections import DetailsSection
from screens import column_texts, open_dialog, shown_window


@pytest.fixture
def sam(workspace):
    """A colleague's program on the same database."""
    db = Database(workspace.db.url, officer="Sam Jones")
    yield db
    db.close()


@pytest.fixture
def zoe(workspace) -> int:
    with workspace.db.write() as session:
        details = PersonDetails(
            "Zoë",
            "Ó'Brien",
            email="zoe@example.org",
            club="Stafford Harriers",
            consent_method="Email",
        )
        return create_person(session, details).id


@pytest.fixture
def window(qtbot, workspace, zoe):
    main = shown_window(qtbot, workspace)
    QTest.keySequence(main, "Ctrl+2")
    type_text(main.people.text, "zoë")
    press(main.people.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.pages.currentWidget() is main.person)
    return main


def details_section(window) -> DetailsSection:
    [found] = [each for each in window.person.sections if isinstance(each, DetailsSection)]
    return found


def colleague_changes(sam, person_id, **changes) -> None:
    with sam.write() as session:
        person = session.get(Person, person_id)
        now = dataclasses.replace(profile.details_of(person), **changes)
        update_person(session, person_id, now, loaded_at=person.version)


def stored(workspace, person_id) -> Person:
    with workspace.db.read() as session:
        return session.get(Person, person_id)


def retype(field, text: str) -> None:
    field.selectAll()
    type_text(field, text)


def mnemonics_of(dialog) -> list[str]:
    texts = [each.text() for each in dialog.findChildren(QPushButton)]
    texts += [each.text() for each in dialog.findChildren(QLabel) if each.buddy() is not None]
    return [text for text in texts if "&" in text]


def save_and_see_the_conflict(qtbot, window) -> EditConflictDialog:
    details_section(window).save_button.click()
    qtbot.waitUntil(lambda: open_dialog(window, EditConflictDialog) is not None)
    return open_dialog(window, EditConflictDialog)


def test_the_second_save_shows_both_versions_and_cancel_keeps_editing(
    qtbot, window, workspace, sam, zoe, tmp_path
):
    form = details_section(window).form
    retype(form.club, "Stone Master Marathoners")
    colleague_changes(sam, zoe, email="zoe.obrien@example.org")

    dialog = save_and_see_the_conflict(qtbot, window)
    assert dialog.windowTitle() == "This person was changed"
    assert "Sam Jones changed this person at " in dialog.headline.text()
    assert dialog.headline.text().endswith(" while you were editing.</b>")
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal) == "Theirs (Sam Jones)"
    assert column_texts(dialog.model) == ["Email", "Club / organisation"]
    assert column_texts(dialog.model, 1) == ["zoe.obrien@example.org", "Stafford Harriers"]
    assert column_texts(dialog.model, 2) == ["zoe@example.org", "Stone Master Marathoners"]
    mnemonics = [text.split("&")[1][0].lower() for text in mnemonics_of(dialog)]
    assert sorted(mnemonics) == sorted(set(mnemonics)) == ["f", "m", "t"]
    if os.environ.get("SASSOT_SCREENSHOTS"):
        dialog.grab().save(str(tmp_path / "edit-conflict.png"))
        print(tmp_path / "edit-conflict.png")

    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert form.club.text() == "Stone Master Marathoners", "back to editing, nothing lost"
    person = stored(workspace, zoe)
    assert (person.email, person.club) == ("zoe.obrien@example.org", "Stafford Harriers")


def test_keep_theirs_shows_their_version_and_saves_nothing(qtbot, window, workspace, sam, zoe):
    retype(details_section(window).form.club, "Stone Master Marathoners")
    colleague_changes(sam, zoe, email="zoe.obrien@example.org")

    save_and_see_the_conflict(qtbot, window).keep_theirs.click()

    qtbot.waitUntil(lambda: details_section(window).form.email.text() == "zoe.obrien@example.org")
    assert details_section(window).form.club.text() == "Stafford Harriers"
    assert window.person.feedback.text() == "Kept Sam Jones's changes; yours were not saved."
    person = stored(workspace, zoe)
    assert (person.email, person.club, person.changed_by) == (
        "zoe.obrien@example.org",
        "Stafford Harriers",
        "Sam Jones",
    )
    # The form now stands at their version: the next save goes straight through.
    retype(details_section(window).form.club, "Stone AC")
    details_section(window).save_button.click()
    qtbot.waitUntil(lambda: stored(workspace, zoe).club == "Stone AC")
    assert open_dialog(window, EditConflictDialog) is None


def test_keep_my_changes_saves_mine_over_theirs(qtbot, window, workspace, sam, zoe):
    retype(details_section(window).form.club, "Stone Master Marathoners")
    colleague_changes(sam, zoe, email="zoe.obrien@example.org")

    save_and_see_the_conflict(qtbot, window).keep_mine.click()

    qtbot.waitUntil(lambda: stored(workspace, zoe).club == "Stone Master Marathoners")
    person = stored(workspace, zoe)
    assert person.email == "zoe@example.org"
    assert person.changed_by == workspace.db.officer
    assert window.person.feedback.text() == "Saved Zoë Ó'Brien's details."
