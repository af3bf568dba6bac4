"""The people screen with another area's filter on (a coach's standing): sorting and scrolling
are read off the screen's thread, and rows that are not yet the answer look it."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from sqlalchemy import insert, select

from sassot_desktop import demo
from sassot_desktop.clock import venue_today
from sassot_desktop.db.models import Person, PersonRole
from sassot_desktop.people import listing
from sassot_desktop.standards.due import coach_standings
from sassot_desktop.standards.status import Standing
from sassot_desktop.ui import people_list, people_model
from screens import shown_window

MISSING = "Coaches: missing something"


@pytest.fixture
def window(qtbot, workspace):
    return shown_window(qtbot, workspace)


def standards_box(people) -> QComboBox:
    [box] = [box for box in people.findChildren(QComboBox) if box.accessibleName() == "Standards"]
    return box


def missing_in_name_order(workspace) -> list[int]:
    with workspace.db.read() as session:
        missing = {
            coach.person_id
            for coach in coach_standings(session, venue_today())
            if coach.standing is Standing.MISSING
        }
        in_order = session.scalars(select(Person.id).order_by(Person.sort_name, Person.id))
        return [person_id for person_id in in_order if person_id in missing]


def click_heading(table, column: int) -> None:
    header = table.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(column) + 5, 5)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)


class ReadsOffScreen:
    """Records the thread each read of the list's ids runs on."""

    def __init__(self, monkeypatch) -> None:
        self.threads: list[threading.Thread] = []
        read = listing.ids

        def ids(*args, **kwargs):
            self.threads.append(threading.current_thread())
            return read(*args, **kwargs)

        monkeypatch.setattr(listing, "ids", ids)

    @property
    def on_screen_thread(self) -> bool:
        return threading.main_thread() in self.threads


class EnabledChanges(QObject):
    """Counts the times a widget was disabled (greyed), as the officer would see it."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.disabled = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.EnabledChange and not watched.isEnabled():
            self.disabled += 1
        return False


def test_scrolling_a_slow_filters_list_reads_the_ids_further_down_in_the_background(
    window, qtbot, workspace, monkeypatch
):
    demo.add_people_up_to(workspace.db, 2 * people_model.IDS_AT_A_TIME + 500)
    with workspace.db.write() as session:
        coaches = set(
            session.scalars(select(PersonRole.person_id).where(PersonRole.role == "coach"))
        )
        everyone = session.scalars(select(Person.id)).all()
        others = [{"person_id": each, "role": "coach"} for each in everyone if each not in coaches]
        session.execute(insert(PersonRole), others)
    wanted = missing_in_name_order(workspace)
    assert len(wanted) > 2 * people_model.IDS_AT_A_TIME
    window.show_people()
    people = window.people
    standards_box(people).setCurrentText(MISSING)
    qtbot.waitUntil(lambda: not people.busy)
    assert people.model.rowCount() == len(wanted)
    assert people.count.text() == f"{len(wanted):,} people"

    reads = ReadsOffScreen(monkeypatch)
    people.table.scrollToBottom()
    last = people.model.rowCount() - 1
    at = people.table.verticalScrollBar().value()
    # What the view asks for as it paints the rows now in sight:
    assert people.model.index(last, 0).data() == people_model.NOT_READ
    assert people.busy, "the last block of ids is being read"
    qtbot.waitUntil(lambda: people.model.person_id(last) == wanted[-1])
    qtbot.waitUntil(lambda: not people.busy)
    assert reads.threads and not reads.on_screen_thread
    with workspace.db.read() as session:
        last_coach = session.get(Person, wanted[-1])
    assert people.model.index(last, 0).data() == f"{last_coach.last_name}, {last_coach.first_name}"
    assert people.table.verticalScrollBar().value() == at, "the view stays where it was"

    # The middle of the list, then straight past it: only what is in sight is read.
    middle = people_model.IDS_AT_A_TIME + 10
    people.table.scrollTo(people.model.index(middle, 0))
    qtbot.waitUntil(lambda: people.model.person_id(middle) == wanted[middle])
    assert not reads.on_screen_thread


def test_sorting_a_slow_filters_list_keeps_the_highlighted_coach(
    window, qtbot, demo_workspace, monkeypatch
):
    wanted = missing_in_name_order(demo_workspace)
    assert len(wanted) > 10
    window.show_people()
    people = window.people
    standards_box(people).setCurrentText(MISSING)
    qtbot.waitUntil(lambda: not people.busy)
    people.table.selectRow(3)
    assert people.current_person_id() == wanted[3]

    screen_thread = threading.main_thread()
    read_on: list[threading.Thread] = []
    read = people_model.read_listed

    def slow_read(db, query, today):
        read_on.append(threading.current_thread())
        time.sleep(0.3)  # as long as at 100,000 people
        return read(db, query, today)

    monkeypatch.setattr(people_model, "read_listed", slow_read)
    click_heading(people.table, 0)  # Name: now descending
    assert people.busy
    assert people.model.person_id(0) == wanted[0], "the old order stays until the new is read"
    qtbot.waitUntil(lambda: not people.busy)
    assert read_on and screen_thread not in read_on
    assert [people.model.person_id(row) for row in range(len(wanted))] == wanted[::-1]
    assert people.current_person_id() == wanted[3], "the same coach stays highlighted"
    assert people.table.currentIndex().row() == len(wanted) - 4


def test_a_list_not_yet_worked_out_is_greyed_only_when_it_takes_a_while(
    window, qtbot, demo_workspace, monkeypatch
):
    window.show_people()
    people = window.people
    disabled = EnabledChanges(people.table)
    asked = time.perf_counter()
    standards_box(people).setCurrentText("Coaches: lapsed")
    qtbot.waitUntil(lambda: not people.busy)
    if time.perf_counter() - asked < 0.1:  # as it is, unless the machine is very busy
        assert disabled.disabled == 0, "a quick answer does not flash the rows grey"
    assert not people.finding.isVisible()
    before = people.count.text()

    read = people_model.read_listed
    started = threading.Event()

    def slow_read(db, query, today):
        started.set()
        time.sleep(0.6)
        return read(db, query, today)

    monkeypatch.setattr(people_model, "read_listed", slow_read)
    standards_box(people).setCurrentText(MISSING)
    assert people.table.isEnabled() and not people.finding.isVisible()
    assert people.count.text() == before
    qtbot.waitUntil(lambda: people.finding.isVisible())
    assert people.busy, "greyed while, and only while, the answer is still to come"
    assert not people.table.isEnabled()
    assert people.finding.text() == people_list.FINDING
    assert people.count.text() == people_list.FINDING
    assert people.table.geometry().contains(people.finding.geometry())
    qtbot.waitUntil(lambda: not people.busy)
    assert people.table.isEnabled() and not people.finding.isVisible()
    wanted = missing_in_name_order(demo_workspace)
    assert people.count.text() == f"{len(wanted)} people"
