"""Finding a person among everyone on file, as the officer types (booking and walk-ins)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from sassot_desktop.db.engine import Database
from sassot_desktop.people.records import PersonSummary, find_people
from sassot_desktop.ui.widgets import SearchField, label_for

# As many matches as fit the list without scrolling; more would only cost time to draw.
SHOWN = 20


def describe(person: PersonSummary) -> str:
    extras = [part for part in (person.email, person.postcode, person.club) if part]
    return " · ".join([person.name, *extras])


class PeopleModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._people: list[PersonSummary] = []

    def set_people(self, people: list[PersonSummary]) -> None:
        self.beginResetModel()
        self._people = people
        self.endResetModel()

    def person(self, row: int) -> PersonSummary | None:
        return self._people[row] if 0 <= row < len(self._people) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._people)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        person = self.person(index.row())
        if person is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe(person)
        return None


class PeopleList(QListView):
    """Results shown as they are found; the first is highlighted, ready for Enter."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = PeopleModel(self)
        self.setModel(self.people)
        self.setAccessibleName(accessible_name)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)

    def show_people(self, people: list[PersonSummary]) -> None:
        self.people.set_people(people)
        if people:
            self.setCurrentIndex(self.people.index(0))

    def current_person(self) -> PersonSummary | None:
        return self.people.person(self.currentIndex().row())


class PersonPicker(QWidget):
    """A search field over all people and the list of matches under it."""

    chosen = Signal(object)  # PersonSummary

    def __init__(self, db: Database, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.field = SearchField()
        self.field.setPlaceholderText("Name, email, postcode or club")
        self.results = PeopleList("Matching people")
        self.field.drive(self.results)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label_for(label, self.field))
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        self.field.textChanged.connect(self.search)
        self.field.activated.connect(self._choose_current)
        self.results.activated.connect(lambda _index: self._choose_current())

    def search(self, text: str) -> None:
        with self._db.read() as session:
            people = find_people(session, text, SHOWN) if text.strip() else []
        self.results.show_people(people)
        if not text.strip():
            self.count.setText("")
        elif len(people) == SHOWN:
            self.count.setText(f"The first {SHOWN} matches; type more of the name to narrow.")
        elif people:
            self.count.setText(f"{len(people)} found")
        else:
            self.count.setText("Nobody on file matches; add them as a new person.")

    def _choose_current(self) -> None:
        person = self.results.current_person()
        if person is not None:
            self.chosen.emit(person)
