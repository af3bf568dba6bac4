"""A person's page with everything on it (the demo's Zoë: workshops, checks, a bursary and
volunteering), driven through the window; and the people list's standards filter."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QGroupBox, QLabel
from sqlalchemy import delete, select

from keys import press, type_text
from sassot_desktop.bursaries.applications import applications_of
from sassot_desktop.bursaries.money import pounds_text
from sassot_desktop.clock import venue_today
from sassot_desktop.db.models import Person, PersonRole, StandardRecord
from sassot_desktop.people import profile, roles
from sassot_desktop.standards.due import coach_standings, standing_of
from sassot_desktop.standards.status import Standing
from sassot_desktop.ui.person_record_sections import (
    BursariesSection,
    ChecksSection,
    VolunteeringPart,
)
from sassot_desktop.ui.person_sections import DetailsSection, WorkshopsSection
from screens import click_button, column_texts, message_box, shown_window


@pytest.fixture
def window(qtbot, demo_workspace):
    return shown_window(qtbot, demo_workspace)


@pytest.fixture
def zoe(demo_workspace) -> int:
    with demo_workspace.db.read() as session:
        return session.scalar(select(Person.id).where(Person.first_name == "Zoë"))


def open_person(window, qtbot, text: str) -> None:
    QTest.keySequence(window, "Ctrl+2")
    type_text(window.people.text, text)
    press(window.people.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.person)


def section(window, kind):
    [found] = [each for each in window.person.sections if isinstance(each, kind)]
    return found


def test_the_page_answers_what_we_know_about_a_person(window, qtbot, zoe, demo_workspace):
    open_person(window, qtbot, "zoë ó'brien")
    page = window.person
    assert page.title.text() == "Zoë Ó'Brien"
    assert [each.accessibleName() for each in page.sections] == [
        "Details and consent",
        "Equality monitoring",
        "Workshops booked and attended",
        "Checks and qualifications",
        "Bursaries",
        "Volunteering",
    ]
    with demo_workspace.db.read() as session:
        standing = standing_of(session, zoe, venue_today())
        applications = applications_of(session, zoe)
    checks = section(window, ChecksSection).standards
    assert checks.standing.text() == standing.standing.label
    assert checks.model.rowCount() == 4

    bursaries = section(window, BursariesSection)
    [application] = applications
    assert column_texts(bursaries.model) == [application.round_name]
    assert bursaries.model.index(0, 2).data() == "Paid"
    assert bursaries.model.index(0, 5).data() == pounds_text(application.application.paid)
    assert f"{pounds_text(application.application.awarded)} awarded" in bursaries.summary.text()

    volunteering = section(window, VolunteeringPart).volunteering
    assert column_texts(volunteering.placements) == ["Tamworth Athletics Club"]
    assert "hours approved" in volunteering.summary.text()


def test_someone_who_is_not_a_coach_is_not_missing_anything(window, qtbot, demo_workspace):
    with demo_workspace.db.write() as session:
        olga = session.scalar(select(Person.id).where(Person.first_name == "Olga"))
        session.execute(delete(StandardRecord).where(StandardRecord.person_id == olga))
        roles.set_roles(session, olga, [roles.VOLUNTEER])
    open_person(window, qtbot, "olga")
    standards = section(window, ChecksSection).standards
    assert standards.standing.text() == "Not a coach"
    assert "tick Coach under Details" in standards.needs.text()
    bursaries = section(window, BursariesSection)
    assert bursaries.model.rowCount() == 0
    assert bursaries.summary.text().startswith("No bursary applications.")
    assert not bursaries.table.isVisibleTo(bursaries)

    # Made a coach, they are held to the standards, and missing them all.
    details = window.person.sections[0]
    details.roles[roles.COACH].setChecked(True)
    details.save_button.click()
    standards = section(window, ChecksSection).standards
    assert standards.standing.text() == Standing.MISSING.label
    assert standards.needs.text().startswith("No DBS check; no safeguarding training")


def test_a_record_removed_on_the_page_can_be_undone_there(window, qtbot, zoe, demo_workspace):
    open_person(window, qtbot, "zoë ó'brien")
    checks = section(window, ChecksSection)
    standards = checks.standards
    standards.table.setFocus()
    standards.table.selectRow(0)
    press(standards.table, Qt.Key.Key_Delete)
    box = message_box(window)
    assert box is not None and "undo" in box.text()
    click_button(box, "Remove")

    assert standards.model.rowCount() == 3
    assert window.person.feedback.text() == standards.feedback.text()
    assert "Ctrl+Z" in window.person.feedback.text()
    # The page kept its sections, so the undo is still there to press.
    assert section(window, ChecksSection) is checks
    QTest.keySequence(standards.table, "Ctrl+Z")
    assert standards.model.rowCount() == 4
    with demo_workspace.db.read() as session:
        kept = session.scalars(select(StandardRecord.id).where(StandardRecord.person_id == zoe))
        assert len(kept.all()) == 4


def test_hours_logged_on_the_page_are_kept_and_said(window, qtbot, zoe):
    open_person(window, qtbot, "zoë ó'brien")
    volunteering = section(window, VolunteeringPart).volunteering
    before = volunteering.hours.rowCount()
    type_text(volunteering.amount, "1:45")
    type_text(volunteering.activity, "Sports day — first aider")
    press(volunteering.activity, Qt.Key.Key_Return)

    assert volunteering.hours.rowCount() == before + 1
    assert window.person.feedback.text() == "Logged 1.75 hours; they count once approved."


def test_enter_on_a_workshop_row_opens_that_workshop(window, qtbot, zoe, demo_workspace):
    open_person(window, qtbot, "zoë ó'brien")
    workshops = section(window, WorkshopsSection)
    with demo_workspace.db.read() as session:
        taken = profile.workshops_of(session, zoe)
    workshops.table.setFocus()
    workshops.table.selectRow(1)
    press(workshops.table, Qt.Key.Key_Return)

    assert window.pages.currentWidget() is window.workshop
    assert window.workshop.workshop_id == taken[1].workshop_id


def test_alt_and_a_number_goes_to_that_section(window, qtbot):
    open_person(window, qtbot, "zoë ó'brien")
    page = window.person
    checks = section(window, ChecksSection)
    QTest.keySequence(page, "Alt+4")
    focused = QApplication.focusWidget()
    assert focused is not None and checks.isAncestorOf(focused)
    # The box's title as shown (``title`` is the section's own name).
    assert QGroupBox.title(checks) == "4  Checks and qualifications"
    assert page.scroll.verticalScrollBar().value() == checks.y()


def page_mnemonics(window) -> list[str]:
    """Every Alt+letter in use while the person's page is shown: its controls' and the menus'."""
    page = window.person
    texts = [label.text() for label in page.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in page.findChildren(QAbstractButton)]
    texts += [QGroupBox.title(box) for box in page.findChildren(QGroupBox)]
    texts += [action.text() for action in window.menuBar().actions()]
    return [m.group(1).lower() for text in texts for m in re.finditer(r"&([^&\s])", text)]


def test_every_mnemonic_on_the_page_is_its_own(window, qtbot, zoe):
    open_person(window, qtbot, "zoë ó'brien")
    letters = page_mnemonics(window)
    assert len(letters) >= 20, letters
    assert sorted(letters) == sorted(set(letters)), f"used twice: {letters}"
    # Still so once a section's save has rebuilt the page.
    section(window, DetailsSection).save_button.click()
    qtbot.waitUntil(lambda: "Saved" in window.person.feedback.text())
    # The old sections go once the event loop has run.
    qtbot.waitUntil(lambda: len(page_mnemonics(window)) == len(letters))
    assert sorted(page_mnemonics(window)) == sorted(letters)
    # The letter that is kept still does its job: Alt+R goes to the placement's role.
    volunteering = section(window, VolunteeringPart).volunteering
    QTest.keySequence(window.person, "Alt+R")
    assert volunteering.role.hasFocus()


@pytest.mark.parametrize("standing", list(Standing))
def test_the_people_list_filters_coaches_by_their_standing(window, qtbot, demo_workspace, standing):
    with demo_workspace.db.read() as session:
        wanted = {
            coach.person_id
            for coach in coach_standings(session, venue_today())
            if coach.standing is standing
        }
    assert wanted
    QTest.keySequence(window, "Ctrl+2")
    people = window.people
    [filter_box] = [
        box for box in people.findChildren(QComboBox) if box.accessibleName() == "Standards"
    ]
    filter_box.setCurrentText(f"Coaches: {standing.label.lower()}")

    assert people.busy
    qtbot.waitUntil(lambda: not people.busy)
    listed = {people.model.person_id(row) for row in range(people.model.rowCount())}
    assert listed == wanted
    assert people.count.text() == f"{len(wanted)} {'person' if len(wanted) == 1 else 'people'}"
    # With a role too: the coaches among the volunteers.
    people.role.setCurrentText("Volunteer")
    qtbot.waitUntil(lambda: not people.busy)
    with demo_workspace.db.read() as session:
        volunteers = set(
            session.scalars(select(PersonRole.person_id).where(PersonRole.role == "volunteer"))
        )
    listed = {people.model.person_id(row) for row in range(people.model.rowCount())}
    assert listed == wanted & volunteers


def test_a_slow_filter_is_worked_out_off_the_screen_and_only_the_newest_is_shown(
    window, qtbot, demo_workspace, monkeypatch
):
    from sassot_desktop.ui import people_model

    QTest.keySequence(window, "Ctrl+2")
    people = window.people
    [filter_box] = [
        box for box in people.findChildren(QComboBox) if box.accessibleName() == "Standards"
    ]
    everyone = people.model.rowCount()
    screen_thread = QApplication.instance().thread()
    read_on: list[object] = []
    read = people_model.read_listed

    def slow_read(db, query, today):
        from PySide6.QtCore import QThread

        read_on.append(QThread.currentThread())
        time.sleep(0.2)  # as long as at 100,000 people, so the later choices queue behind
        return read(db, query, today)

    monkeypatch.setattr(people_model, "read_listed", slow_read)
    # The officer runs through the choices with the arrow keys; only the last one counts.
    filter_box.setCurrentText("Coaches: missing something")
    filter_box.setCurrentText("Coaches: lapsed")
    filter_box.setCurrentText("Coaches: meets the standards")
    assert people.busy
    assert people.table.viewport().cursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: not people.busy)

    with demo_workspace.db.read() as session:
        wanted = {
            coach.person_id
            for coach in coach_standings(session, venue_today())
            if coach.standing is Standing.MEETS
        }
    listed = {people.model.person_id(row) for row in range(people.model.rowCount())}
    assert listed == wanted
    assert read_on and screen_thread not in read_on
    assert len(read_on) < 3, "a choice passed over while waiting is not worked out"
    assert people.table.viewport().cursor().shape() != Qt.CursorShape.BusyCursor

    filter_box.setCurrentText("Any")
    assert not people.busy, "without another area's filter the list is read at once"
    assert people.model.rowCount() == everyone
