"""File › Settings › Your name: the name colleagues see on the records the officer changes, in
the history and on merges, from the next change on and at every later start; left empty, the
login name."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from sqlalchemy import select

from keys import press, type_text
from sassot_desktop.db.models import AuditEntry, Person, PersonMerge
from sassot_desktop.officer import login_name
from sassot_desktop.people.merging import merge_people
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.ui.settings_dialog import SettingsDialog
from sassot_desktop.workspace import open_workspace
from screens import open_dialog, shown_window


def settings_saved_with_name(qtbot, window, typed: str) -> None:
    window.open_settings()
    dialog = open_dialog(window, SettingsDialog)
    dialog.officer.selectAll()
    press(dialog.officer, Qt.Key.Key_Delete)
    type_text(dialog.officer, typed)
    next(b for b in dialog.findChildren(QAbstractButton) if b.text() == "Save").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_name_given_in_settings_names_every_change_from_then_on(
    qtbot, workspace, data_dir, tmp_path
):
    window = shown_window(qtbot, workspace)
    window.open_settings()
    dialog = open_dialog(window, SettingsDialog)
    labels = {label.buddy(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels[dialog.officer] == "Your &name (shown to the team):"
    assert dialog.officer.accessibleName() == "Your name"
    assert dialog.officer.placeholderText() == login_name()
    assert dialog.focusWidget() is dialog.officer
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    keys = [m.group(1).lower() for text in texts for m in re.finditer(r"&([^&\s])", text)]
    assert len(keys) == len(set(keys)), keys
    dialog.grab().save(str(tmp_path / "settings.png"))
    dialog.reject()

    settings_saved_with_name(qtbot, window, "  Siân   Jones ")

    with workspace.db.write() as session:
        kept = create_person(session, PersonDetails("Zoë", "Ó'Brien")).id
        removed = create_person(session, PersonDetails("Zoe", "O'Brien")).id
    with workspace.db.write() as session:
        merge_people(session, kept, removed, set())
    with workspace.db.read() as session:
        assert session.get(Person, kept).changed_by == "Siân Jones"
        assert set(session.scalars(select(AuditEntry.actor))) == {"Siân Jones"}
        assert session.scalar(select(PersonMerge.merged_by)) == "Siân Jones"
    reopened = open_workspace(data_dir)
    try:
        assert reopened.db.officer == "Siân Jones", "kept for the next start"
    finally:
        reopened.close()

    settings_saved_with_name(qtbot, window, "")
    assert workspace.db.officer == login_name()


def test_the_settings_open_whole_so_no_field_is_drawn_over_another(qtbot, workspace):
    window = shown_window(qtbot, workspace)
    window.open_settings()
    dialog = open_dialog(window, SettingsDialog)
    qtbot.waitExposed(dialog)
    assert dialog.height() >= dialog.sizeHint().height()
    letters = dialog.letters
    assert letters.height() >= letters.minimumSizeHint().height()
    fields = [letters.send_evidence_to, letters.office_address, letters.signed_by]
    for upper, lower in zip(fields, fields[1:], strict=False):
        assert upper.geometry().bottom() < lower.geometry().top()
