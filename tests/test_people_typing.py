"""The people list as the officer types: each key narrows or widens the rows in place, and
what the table holds is always what the database answers for the text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from keys import press, type_text
from sassot_desktop.clock import venue_today
from sassot_desktop.people import listing
from sassot_desktop.people.records import PersonDetails, create_person, update_person
from screens import column_texts, shown_window


def expected_names(workspace, text: str) -> list[str]:
    with workspace.db.read() as session:
        found = listing.ids(session, listing.PeopleQuery(text=text), venue_today())
        return [f"{row.last_name}, {row.first_name}" for row in listing.rows(session, found.ids)]


def test_each_key_leaves_the_table_as_the_search_answers(qtbot, qtmodeltester, demo_workspace):
    window = shown_window(qtbot, demo_workspace)
    window.show_people()
    page = window.people
    qtmodeltester.check(page.model, force_py=True)  # checks every change signal from here on
    typed = ""
    for key in "allen":
        type_text(page.text, key)
        typed += key
        assert column_texts(page.model) == expected_names(demo_workspace, typed), typed
        assert page.table.currentIndex().row() == 0
    for _ in range(4):  # back to "a": the list widens again, rows added after those shown
        press(page.text, Qt.Key.Key_Backspace)
        typed = typed[:-1]
        assert column_texts(page.model) == expected_names(demo_workspace, typed), typed
    type_text(page.text, "zzzz")  # nobody: every row goes
    assert page.model.rowCount() == 0
    assert page.count.text() == "Nobody matches; check the spelling or clear a filter."
    page.text.clear()  # everyone again
    assert page.model.rowCount() == 400 and page.count.text() == "400 people"


def test_a_row_in_sight_is_painted_again_when_another_person_takes_its_place(qtbot, workspace):
    with workspace.db.write() as session:
        for first, last in (("Ann", "Smith"), ("Bob", "Jones")):
            create_person(session, PersonDetails(first, last))
    window = shown_window(qtbot, workspace)
    window.show_people()
    page = window.people
    page.text.setText("ann")  # pasted, say: one row for another, the count unchanged
    painted = PaintCount(page.table.viewport())
    QApplication.processEvents()  # the paints "ann" asked for
    painted.since_reset = 0
    page.text.setText("bob")
    assert column_texts(page.model) == ["Jones, Bob"]
    qtbot.waitUntil(lambda: painted.since_reset > 0)  # the view was told to paint it again


class PaintCount(QObject):
    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.since_reset = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.since_reset += 1
        return False


def test_a_key_that_finds_the_same_people_paints_no_row_again(qtbot, workspace):
    with workspace.db.write() as session:
        ann = create_person(session, PersonDetails("Ann", "Smith")).id
        create_person(session, PersonDetails("Bob", "Jones"))
    window = shown_window(qtbot, workspace)
    window.show_people()
    page = window.people
    page.text.setText("smi")
    painted = PaintCount(page.table.viewport())
    QApplication.processEvents()
    painted.since_reset = 0
    page.text.setText("smit")  # the same one person
    QApplication.processEvents()
    assert column_texts(page.model) == ["Smith, Ann"]
    assert painted.since_reset == 0

    with workspace.db.write() as session:  # a colleague corrects her name meanwhile
        update_person(session, ann, PersonDetails("Ann", "Smithson"))
    page.text.setText("smith")
    assert column_texts(page.model) == ["Smithson, Ann"]
    qtbot.waitUntil(lambda: painted.since_reset > 0)  # same person, new name: painted again


def test_narrowing_to_fewer_rows_than_fit_paints_the_rows_once(qtbot, workspace):
    with workspace.db.write() as session:
        for number in range(60):
            create_person(session, PersonDetails(f"Sam{number}", "Smith"))
        create_person(session, PersonDetails("Jo", "Smith"))
    window = shown_window(qtbot, workspace)
    window.show_people()
    page = window.people
    page.text.setText("smith")  # more than the table has room for: it scrolls
    QApplication.processEvents()
    painted = PaintCount(page.table.viewport())
    page.text.setText("smith jo")  # one row: nothing left to scroll
    for _ in range(5):
        QApplication.processEvents()
    assert column_texts(page.model) == ["Smith, Jo"]
    assert painted.since_reset == 1  # not once more for a scroll bar gone and columns widened
