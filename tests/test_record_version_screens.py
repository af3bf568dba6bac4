"""Two officers, one record, through the screens: a colleague's change to another field is kept
and named in one line; a field both changed shows who and when, was, theirs and yours, and
each button of the person form, the workshop editor and the application edit does what it says."""

from __future__ import annotations

import dataclasses

import pytest
from bursary_data import add_coach, add_round, apply
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton
from test_workshops_and_bookings import add_workshop

from keys import press, type_text
from sassot_desktop.bursaries.applications import ApplicationDetails
from sassot_desktop.bursaries.editing import edit_application
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import BursaryApplication, Person, Workshop
from sassot_desktop.people import profile
from sassot_desktop.people.records import PersonDetails, create_person, update_person
from sassot_desktop.record_versions import Loaded
from sassot_desktop.ui.bursary_dialogs import ApplicationDialog
from sassot_desktop.ui.edit_conflict_dialog import EditConflictDialog
from sassot_desktop.ui.person_sections import DetailsSection
from sassot_desktop.ui.workshop_editor import WorkshopEditor
from sassot_desktop.workshops.catalogue import WorkshopDetails, update_workshop
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
        details = profile.details_of(person)
        now = dataclasses.replace(details, **changes)
        update_person(session, person_id, now, Loaded.of(details, person.version))


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


def the_conflict(qtbot, window) -> EditConflictDialog:
    qtbot.waitUntil(lambda: open_dialog(window, EditConflictDialog) is not None)
    return open_dialog(window, EditConflictDialog)


def save_and_see_the_conflict(qtbot, window) -> EditConflictDialog:
    details_section(window).save_button.click()
    return the_conflict(qtbot, window)


def both_change_the_club(window, sam, zoe) -> None:
    """Sam changes the club and the phone; the officer, on the form loaded before, the club
    and the sport."""
    form = details_section(window).form
    retype(form.club, "Stone Master Marathoners")
    retype(form.sport, "Athletics")
    colleague_changes(sam, zoe, club="Stone AC", phone="01785 000000")


# -- the person form ---------------------------------------------------------------------------
def test_a_colleagues_change_to_another_field_is_kept_and_said_in_one_line(
    qtbot, window, workspace, sam, zoe
):
    retype(details_section(window).form.club, "Stone Master Marathoners")
    colleague_changes(sam, zoe, phone="01785 000000")

    details_section(window).save_button.click()

    qtbot.waitUntil(lambda: stored(workspace, zoe).club == "Stone Master Marathoners")
    assert open_dialog(window, EditConflictDialog) is None
    assert stored(workspace, zoe).phone == "01785 000000"
    assert window.person.feedback.text() == (
        "Saved Zoë Ó'Brien's details. Also kept: Sam Jones's change to Phone."
    )
    qtbot.waitUntil(lambda: details_section(window).form.phone.text() == "01785 000000")


def test_a_field_both_changed_shows_was_theirs_and_yours_and_cancel_keeps_editing(
    qtbot, window, workspace, sam, zoe, tmp_path
):
    both_change_the_club(window, sam, zoe)

    dialog = save_and_see_the_conflict(qtbot, window)
    assert dialog.windowTitle() == "This person was changed"
    assert "Sam Jones changed this person at " in dialog.headline.text()
    assert dialog.headline.text().endswith(" while you were editing.</b>")
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Field",
        "Was",
        "Theirs (Sam Jones)",
        "Yours",
    ]
    assert [column_texts(dialog.model, column) for column in range(4)] == [
        ["Club / organisation"],
        ["Stafford Harriers"],
        ["Stone AC"],
        ["Stone Master Marathoners"],
    ]
    assert dialog.advice.text().startswith(
        "Choose whose value to keep in the field you both changed. Sam Jones's change to Phone "
        "and your other changes are saved either way."
    )
    mnemonics = [text.split("&")[1][0].lower() for text in mnemonics_of(dialog)]
    assert sorted(mnemonics) == sorted(set(mnemonics)) == ["f", "m", "t"]
    dialog.grab().save(str(tmp_path / "edit-conflict.png"))

    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    form = details_section(window).form
    assert (form.club.text(), form.sport.text()) == ("Stone Master Marathoners", "Athletics")
    person = stored(workspace, zoe)
    assert (person.club, person.sport, person.changed_by) == ("Stone AC", None, "Sam Jones")


def test_keep_theirs_keeps_their_club_and_saves_my_other_changes(
    qtbot, window, workspace, sam, zoe
):
    both_change_the_club(window, sam, zoe)

    save_and_see_the_conflict(qtbot, window).keep_theirs.click()

    qtbot.waitUntil(lambda: stored(workspace, zoe).sport == "Athletics")
    person = stored(workspace, zoe)
    assert (person.club, person.phone, person.changed_by) == (
        "Stone AC",
        "01785 000000",
        workspace.db.officer,
    )
    assert window.person.feedback.text() == (
        "Saved Zoë Ó'Brien's details. "
        "Also kept: Sam Jones's changes to Phone and Club / organisation."
    )
    qtbot.waitUntil(lambda: details_section(window).form.club.text() == "Stone AC")
    # The form now stands at the saved version: the next save goes straight through.
    retype(details_section(window).form.club, "Stone Harriers")
    details_section(window).save_button.click()
    qtbot.waitUntil(lambda: stored(workspace, zoe).club == "Stone Harriers")
    assert open_dialog(window, EditConflictDialog) is None


def test_keep_my_changes_saves_my_club_and_keeps_their_phone(qtbot, window, workspace, sam, zoe):
    both_change_the_club(window, sam, zoe)

    save_and_see_the_conflict(qtbot, window).keep_mine.click()

    qtbot.waitUntil(lambda: stored(workspace, zoe).club == "Stone Master Marathoners")
    person = stored(workspace, zoe)
    assert (person.sport, person.phone, person.changed_by) == (
        "Athletics",
        "01785 000000",
        workspace.db.officer,
    )
    assert window.person.feedback.text() == (
        "Saved Zoë Ó'Brien's details. Also kept: Sam Jones's change to Phone."
    )


# -- the workshop editor ------------------------------------------------------------------------
@pytest.fixture
def editor(qtbot, workspace, sam, window):
    """The workshop's editor open on the page; meanwhile Sam changes the tutor and capacity."""
    workshop_id = add_workshop(workspace)
    window.show_workshop(workshop_id)
    window.workshop.edit_button.click()
    opened = open_dialog(window, WorkshopEditor)
    with sam.write() as session:
        workshop = session.get(Workshop, workshop_id)
        details = WorkshopDetails.of(workshop)
        loaded = Loaded.of(details, workshop.version)
        theirs = dataclasses.replace(details, tutor="Priya Shah", capacity=30)
        update_workshop(session, workshop_id, theirs, loaded)
    retype(opened.tutor, "Marcus Reid")
    retype(opened.venue, "Stafford Gatehouse")
    opened.workshop_id = workshop_id
    return opened


def stored_workshop(workspace, workshop_id) -> Workshop:
    with workspace.db.read() as session:
        return session.get(Workshop, workshop_id)


def save_the_workshop(qtbot, window, editor) -> EditConflictDialog:
    buttons = editor.findChild(QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return the_conflict(qtbot, window)


def test_the_workshop_editor_asks_about_the_tutor_and_cancel_keeps_editing(
    qtbot, window, workspace, editor
):
    dialog = save_the_workshop(qtbot, window, editor)
    assert dialog.windowTitle() == "This workshop was changed"
    assert [column_texts(dialog.model, column) for column in range(4)] == [
        ["Tutor"],
        ["Janet Holloway"],
        ["Priya Shah"],
        ["Marcus Reid"],
    ]
    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert editor.isVisible() and editor.tutor.text() == "Marcus Reid"
    assert stored_workshop(workspace, editor.workshop_id).tutor == "Priya Shah"


def test_the_workshop_editors_keep_mine_saves_my_tutor_and_keeps_their_capacity(
    qtbot, window, workspace, editor
):
    save_the_workshop(qtbot, window, editor).keep_mine.click()

    qtbot.waitUntil(lambda: not editor.isVisible())
    workshop = stored_workshop(workspace, editor.workshop_id)
    assert (workshop.tutor, workshop.venue_name, workshop.capacity) == (
        "Marcus Reid",
        "Stafford Gatehouse",
        30,
    )
    assert window.workshop.feedback.text() == (
        "Workshop saved. Also kept: Sam Jones's change to Capacity."
    )


def test_the_workshop_editors_keep_theirs_keeps_their_tutor_and_saves_my_venue(
    qtbot, window, workspace, editor
):
    save_the_workshop(qtbot, window, editor).keep_theirs.click()

    qtbot.waitUntil(lambda: not editor.isVisible())
    workshop = stored_workshop(workspace, editor.workshop_id)
    assert (workshop.tutor, workshop.venue_name, workshop.capacity) == (
        "Priya Shah",
        "Stafford Gatehouse",
        30,
    )
    assert window.workshop.feedback.text() == (
        "Workshop saved. Also kept: Sam Jones's changes to Tutor and Capacity."
    )


# -- the application edit ----------------------------------------------------------------------
@pytest.fixture
def application(qtbot, workspace, sam, window):
    """The application's edit dialog open; meanwhile Sam changes the level and the amount."""
    round_id = add_round(workspace)
    application_id = apply(workspace, round_id, add_coach(workspace))
    window.show_bursaries()
    window.bursaries.reload(round_id)
    window.bursaries.select_applications([application_id])
    window.bursaries.edit_application.click()
    dialog = open_dialog(window, ApplicationDialog)
    with sam.write() as session:
        stored_now = session.get(BursaryApplication, application_id)
        details = ApplicationDetails.of(stored_now)
        loaded = Loaded.of(details, stored_now.version)
        theirs = dataclasses.replace(details, level="Level 3", asked_pence=20_000)
        edit_application(session, application_id, theirs, loaded)
    dialog.level.setCurrentText("Level 1")
    retype(dialog.course_provider, "Staffordshire FA")
    dialog.application_id = application_id
    return dialog


def stored_application(workspace, application_id) -> BursaryApplication:
    with workspace.db.read() as session:
        return session.get(BursaryApplication, application_id)


def test_the_application_edit_asks_about_the_level_and_cancel_keeps_editing(
    qtbot, window, workspace, application
):
    application.save.click()
    dialog = the_conflict(qtbot, window)
    assert dialog.windowTitle() == "This bursary application was changed"
    assert [column_texts(dialog.model, column) for column in range(4)] == [
        ["Level"],
        ["Level 2"],
        ["Level 3"],
        ["Level 1"],
    ]
    assert "Sam Jones's change to Amount asked and your other changes" in dialog.advice.text()
    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert application.isVisible() and application.level.currentText() == "Level 1"
    assert stored_application(workspace, application.application_id).level == "Level 3"


def test_the_application_edits_keep_mine_saves_my_level_and_keeps_their_amount(
    qtbot, window, workspace, application
):
    application.save.click()
    the_conflict(qtbot, window).keep_mine.click()

    qtbot.waitUntil(lambda: not application.isVisible())
    stored_now = stored_application(workspace, application.application_id)
    assert (stored_now.level, stored_now.course_provider, stored_now.asked_pence) == (
        "Level 1",
        "Staffordshire FA",
        20_000,
    )
    assert (
        window.statusBar()
        .currentMessage()
        .endswith("Also kept: Sam Jones's change to Amount asked.")
    )


def test_the_application_edits_keep_theirs_keeps_their_level_and_saves_my_provider(
    qtbot, window, workspace, application
):
    application.save.click()
    the_conflict(qtbot, window).keep_theirs.click()

    qtbot.waitUntil(lambda: not application.isVisible())
    stored_now = stored_application(workspace, application.application_id)
    assert (stored_now.level, stored_now.course_provider, stored_now.asked_pence) == (
        "Level 3",
        "Staffordshire FA",
        20_000,
    )
    assert (
        window.statusBar()
        .currentMessage()
        .endswith("Also kept: Sam Jones's changes to Level and Amount asked.")
    )
