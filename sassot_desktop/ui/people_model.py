"""The people table: a model over row ids that reads only what is in sight.

With everyone listed (100,000 people) the model knows how many there are and reads their ids
a block at a time, in the list's order, as the view scrolls to them; the names, emails and
clubs of the rows shown are read a page at a time and kept for a while, so scrolling back does
not read them again. A search lists at most a few hundred, whose ids are read at once. Sorting
asks the database for the new order; nothing is sorted here.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date

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
IDS_AT_A_TIME = 1000
PAGE = 50  # a screenful and a half: read on every key while searching
PAGES_KEPT = 80
_TEXT_ROLES_LIST = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole]
_TEXT_ROLES = frozenset(_TEXT_ROLES_LIST)


@dataclass(frozen=True)
class Listed:
    """What a query lists, read ahead of showing it (in the background, for a slow filter):
    a search's ids and first rows, or everyone's count and first block of ids."""

    found: listing.FoundRows | None
    total: int = 0
    first_ids: tuple[int, ...] = ()


def read_listed(db: Database, query: PeopleQuery, today: date) -> Listed:
    with db.read() as session:
        if query.text.strip():
            return Listed(listing.search_rows(session, query, today, PAGE))
        total = listing.count(session, query, today)
        return Listed(None, total, tuple(listing.ids(session, query, today, 0, IDS_AT_A_TIME).ids))


class PeopleTableModel(QAbstractTableModel):
    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._total = 0
        self._ids: dict[int, list[int]] = {}  # block number -> ids, in list order
        self._pages: OrderedDict[int, list[PersonRow | None]] = OrderedDict()
        self.query = PeopleQuery()
        self.capped = False

    # -- what the list holds ------------------------------------------------------------------
    def show(self, query: PeopleQuery) -> None:
        """List the people ``query`` asks for: how many, and the first of their ids."""
        if not (query.text.strip() and self.query.text.strip()):
            self.beginResetModel()
            self._load(query)
            self.endResetModel()
            return
        # From one search to the next (each key typed): the rows in sight are told they
        # changed, and only those added or gone beyond them, so the view keeps its header,
        # column widths and scroll position instead of being rebuilt.
        before = self._total
        with self._db.read() as session:
            found = listing.search_rows(session, query, venue_today(), PAGE)
        after = len(found.ids)
        if after < before:  # the rows beyond the new end go first, then the rest change
            self.beginRemoveRows(QModelIndex(), after, before - 1)
            self._total = after
            self.endRemoveRows()
            self._take(query, found)
            self._changed(after)
        else:  # the rows there change first, then the new ones are added after them
            self._take(query, found)
            self._total = before
            self._changed(before)
            if after > before:
                self.beginInsertRows(QModelIndex(), before, after - 1)
                self._total = after
                self.endInsertRows()

    def _changed(self, rows: int) -> None:
        if rows:
            last = self.index(rows - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, _TEXT_ROLES_LIST)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        sort = COLUMNS[column][1]
        if sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        self._load(replace(self.query, sort=sort, descending=descending))
        self.layoutChanged.emit()

    def show_listed(self, query: PeopleQuery, listed: Listed) -> None:
        """List what ``read_listed`` read for ``query``."""
        self.beginResetModel()
        self._hold(query, listed)
        self.endResetModel()

    def _load(self, query: PeopleQuery) -> None:
        self._hold(query, read_listed(self._db, query, venue_today()))

    def _hold(self, query: PeopleQuery, listed: Listed) -> None:
        if listed.found is not None:
            self._take(query, listed.found)
            return
        self._total, self._ids = listed.total, {0: list(listed.first_ids)}
        self.capped = False
        self.query = query
        self._pages.clear()

    def _take(self, query: PeopleQuery, found: listing.FoundRows) -> None:
        """Hold a search's result: its ids, and its first page already read."""
        self._total, self._ids = len(found.ids), _blocks(found.ids)
        self.capped = found.capped
        self.query = query
        self._pages.clear()
        if found.rows:
            self._pages[0] = list(found.rows)

    def refresh(self) -> None:
        self.show(self.query)

    def person_id(self, row: int) -> int | None:
        if not 0 <= row < self._total:
            return None
        block = self._block(row // IDS_AT_A_TIME)
        offset = row % IDS_AT_A_TIME
        return block[offset] if offset < len(block) else None

    def row_of(self, person_id: int) -> int | None:
        """The row of a person among the ids read so far (None if not read, or not listed)."""
        for number, block in self._ids.items():
            if person_id in block:
                return number * IDS_AT_A_TIME + block.index(person_id)
        return None

    def _block(self, number: int) -> list[int]:
        block = self._ids.get(number)
        if block is None:
            with self._db.read() as session:
                found = listing.ids(
                    session, self.query, venue_today(), number * IDS_AT_A_TIME, IDS_AT_A_TIME
                )
            block = self._ids[number] = found.ids
        return block

    def person(self, row: int) -> PersonRow | None:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE
        return page[offset] if offset < len(page) else None

    def _read_page(self, number: int) -> list[PersonRow | None]:
        ids = [self.person_id(row) for row in range(number * PAGE, (number + 1) * PAGE)]
        ids = [person_id for person_id in ids if person_id is not None]
        with self._db.read() as session:
            found = {row.id: row for row in listing.rows(session, ids)}
        page = [found.get(person_id) for person_id in ids]  # None: removed meanwhile
        self._pages[number] = page
        if len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)
        return page

    # -- Qt's side ----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role not in _TEXT_ROLES:
            return None
        return self.text(index.row(), index.column())

    def text(self, row: int, column: int) -> str:
        """What a cell shows (the delegate asks here directly, not through Qt)."""
        person = self.person(row)
        if person is None:
            return "(merged or removed)" if column == 0 else ""
        return _text(person, column)


def _blocks(ids: list[int]) -> dict[int, list[int]]:
    return {
        number: ids[start : start + IDS_AT_A_TIME]
        for number, start in enumerate(range(0, len(ids), IDS_AT_A_TIME))
    }


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
