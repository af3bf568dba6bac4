"""The people table: a model over the ids of everyone the list holds, rows read as they show.

With 100,000 people the model keeps 100,000 integers; the names, emails and clubs of a page
of rows are read from the database the first time the view paints one of them, and kept for
a while so scrolling back does not read them again. Sorting asks the database for the ids in
the new order.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.people import listing
from sassot_desktop.people.listing import PeopleQuery, PersonRow

# (heading, the sort the column asks the database for; None: not sortable)
COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("Name", "name"),
    ("Email", "email"),
    ("Postcode", "postcode"),
    ("District", "district"),
    ("Club / organisation", "club"),
    ("Roles", None),
)
PAGE = 100
PAGES_KEPT = 40
_TEXT_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole))


class PeopleTableModel(QAbstractTableModel):
    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[PersonRow | None]] = OrderedDict()
        self.query = PeopleQuery()
        self.capped = False

    # -- what the list holds ------------------------------------------------------------------
    def show(self, query: PeopleQuery) -> None:
        """List the people ``query`` asks for (the ids only; rows are read as they show)."""
        with self._db.read() as session:
            found = listing.ids(session, query, venue_today())
        self.beginResetModel()
        self.query = query
        self._ids = found.ids
        self.capped = found.capped
        self._pages.clear()
        self.endResetModel()

    def refresh(self) -> None:
        self.show(self.query)

    def person_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, person_id: int) -> int | None:
        try:
            return self._ids.index(person_id)
        except ValueError:
            return None

    def person(self, row: int) -> PersonRow | None:
        if not 0 <= row < len(self._ids):
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE]

    def _read_page(self, number: int) -> list[PersonRow | None]:
        ids = self._ids[number * PAGE : (number + 1) * PAGE]
        with self._db.read() as session:
            found = {row.id: row for row in listing.rows(session, ids)}
        page = [found.get(person_id) for person_id in ids]  # None: removed meanwhile
        self._pages[number] = page
        if len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)
        return page

    # -- Qt's side ----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role not in _TEXT_ROLES:
            return None
        person = self.person(index.row())
        if person is None:
            return "(merged or removed)" if index.column() == 0 else ""
        return _text(person, index.column())

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        sort = COLUMNS[column][1]
        if sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        with self._db.read() as session:
            query = replace(self.query, sort=sort, descending=descending)
            found = listing.ids(session, query, venue_today())
        self.query, self._ids, self.capped = query, found.ids, found.capped
        self._pages.clear()
        self.layoutChanged.emit()


def _text(person: PersonRow, column: int) -> str:
    if column == 0:
        return f"{person.last_name}, {person.first_name}"
    if column == 1:
        return person.email or ""
    if column == 2:
        return person.postcode or ""
    if column == 3:
        return person.district or ""
    if column == 4:
        return person.club or ""
    return ", ".join(person.roles)
