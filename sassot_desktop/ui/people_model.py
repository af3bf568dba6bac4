"""The people table: a model over row ids that reads only what is in sight.

With everyone listed (100,000 people) the model knows how many there are and reads their ids
a block at a time, in the list's order, as the view scrolls to them; the names, emails and
clubs of the rows shown are read a page at a time and kept for a while, so scrolling back does
not read them again. A search lists at most a few hundred, whose ids are read at once. Sorting
asks the database for the new order; nothing is sorted here.

A filtered list (by role, district or activity over everyone, or by another area's filter such
as a coach's standing) can take longer to read than a key press may, so everything it reads
(the list itself, a new order, the ids further down) is read on the background runner:
meanwhile ``working`` says the rows shown are not yet the answer, and rows whose ids are still
being read show "…". Only the newest answer is shown.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.people import listing
from sassot_desktop.people.listing import PeopleQuery, PersonRow
from sassot_desktop.progress import Progress
from sassot_desktop.ui.runner import Runner

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
# Blocks of ids read in the background at once: those in sight, which span two at most.
# Asking for another cancels the oldest, so a fast scroll does not queue every block passed.
BLOCKS_ASKED = 2
NOT_READ = "…"  # a row whose id is still being read
Shown = tuple[str, ...]  # a row's texts, one a column
_TEXT_ROLES_LIST = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole]
_TEXT_ROLES = frozenset(_TEXT_ROLES_LIST)


@dataclass(frozen=True)
class Listed:
    """What a query lists, read ahead of showing it (in the background, for a slow filter):
    a search's ids and first rows, or everyone's count and first block of ids."""

    found: listing.FoundRows | None
    total: int = 0
    first_ids: tuple[int, ...] = ()


def needs_background(query: PeopleQuery) -> bool:
    """Whether reading ``query``'s list may take longer than a key press may.

    Measured with 100,000 people on a busy two-core machine: another area's filter took
    120-165 ms; a role or an activity over everyone 100-190 ms (each match tested, then
    counted and ordered); a district 35-60 ms, too near the limit on a slower laptop. A
    search lists a few hundred at most and stays at 20-40 ms with any filter but another
    area's, whose condition weighs everyone's records whatever the search.
    """
    if query.conditions:
        return True
    if query.text.strip():
        return False
    return query.role is not None or query.district is not None or query.activity is not None


def read_listed(db: Database, query: PeopleQuery, today: date) -> Listed:
    with db.read() as session:
        if query.text.strip():
            return Listed(listing.search_rows(session, query, today, PAGE))
        total = listing.count(session, query, today)
        return Listed(None, total, tuple(listing.ids(session, query, today, 0, IDS_AT_A_TIME).ids))


class PeopleTableModel(QAbstractTableModel):
    about_to_list = Signal()  # the rows are about to change: the highlighted one is still there
    listed = Signal()  # the rows are the answer to the newest query
    working = Signal(bool)  # whether a query's list is being read in the background
    failed = Signal(object)  # a background read failed: the error, for the officer

    def __init__(self, db: Database, runner: Runner, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._total = 0
        self._ids: dict[int, list[int]] = {}  # block number -> ids, in list order
        # What each row of a page read shows, column by column (None: removed meanwhile).
        self._pages: OrderedDict[int, list[Shown | None]] = OrderedDict()
        self.query = PeopleQuery()  # what the rows shown answer
        self.asked = PeopleQuery()  # the newest query: ``query`` or one being read
        self.capped = False
        # Each query asked has a number; a background answer counts only if none came after.
        self._asks = 0
        self._reading: Progress | None = None
        self._working = False
        # Each list held has a number; a block of ids read for an older one is dropped.
        self._held = 0
        self._blocks_asked: OrderedDict[int, Progress] = OrderedDict()
        self._blocks_failed: set[int] = set()

    @property
    def busy(self) -> bool:
        """Whether anything shown is still being read in the background."""
        return self._reading is not None or bool(self._blocks_asked)

    # -- what the list holds ------------------------------------------------------------------
    def show(self, query: PeopleQuery) -> None:
        """List the people ``query`` asks for: how many, and the first of their ids."""
        self._ask(query)
        if needs_background(query):
            self._read_in_background(query, reordered=False)
            return
        self.about_to_list.emit()
        if not (query.text.strip() and self.query.text.strip()):
            self.beginResetModel()
            self._load(query)
            self.endResetModel()
        else:
            self._show_next_search(query)
        self.listed.emit()

    def _show_next_search(self, query: PeopleQuery) -> None:
        # From one search to the next (each key typed): only the rows whose person changed are
        # told so, and those added or gone beyond them, so the view keeps its header, column
        # widths and scroll position instead of being rebuilt, and repaints nothing when more
        # letters find the same people ("smit", "smith"), as most keys do.
        before, listed_before, first_page = self._total, self._listed_ids(), self._pages.get(0)
        with self._db.read() as session:
            found = listing.search_rows(session, query, venue_today(), PAGE)
        shown = _shown_rows(found.rows)
        changed = _rows_changed(listed_before, first_page, found.ids, shown)
        after = len(found.ids)
        if after < before:  # the rows beyond the new end go first, then the rest change
            self.beginRemoveRows(QModelIndex(), after, before - 1)
            self._total = after
            self.endRemoveRows()
            self._take(query, found, shown)
            self._changed(changed)
        else:  # the rows there change first, then the new ones are added after them
            self._take(query, found, shown)
            self._total = before
            self._changed(changed)
            if after > before:
                self.beginInsertRows(QModelIndex(), before, after - 1)
                self._total = after
                self.endInsertRows()

    def _listed_ids(self) -> list[int]:
        """Every id of a search's list (a few hundred at most), in order."""
        return [person_id for number in sorted(self._ids) for person_id in self._ids[number]]

    def _changed(self, rows: range) -> None:
        if rows:
            last = self.index(rows[-1], len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(rows[0], 0), last, _TEXT_ROLES_LIST)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        sort = COLUMNS[column][1]
        if sort is None:
            return
        query = replace(self.asked, sort=sort, descending=order == Qt.SortOrder.DescendingOrder)
        self._ask(query)
        if needs_background(query):
            self._read_in_background(query, reordered=True)
            return
        self.about_to_list.emit()
        self.layoutAboutToBeChanged.emit()
        self._load(query)
        self.layoutChanged.emit()
        self.listed.emit()

    def _ask(self, query: PeopleQuery) -> None:
        self._asks += 1
        self.asked = query
        if self._reading is not None:
            self._reading.cancel()  # a read not yet started need not run at all
            self._reading = None
            self._set_working(needs_background(query))

    def _read_in_background(self, query: PeopleQuery, reordered: bool) -> None:
        """Read ``query``'s list on the runner and show it if no newer query was asked
        meanwhile; ``reordered``: the same people in another order (a heading clicked)."""
        ask, db, today = self._asks, self._db, venue_today()

        def work(progress: Progress) -> Listed:
            progress.report(0, 1)  # stops here if a newer query cancelled this one
            return read_listed(db, query, today)

        self._reading = self._runner.run(
            work,
            on_done=lambda listed: self._show_read(ask, query, listed, reordered),
            on_error=lambda error: self._read_failed(ask, error),
            title="Finding who matches",
            quiet=True,
        )
        self._set_working(True)

    def _set_working(self, working: bool) -> None:
        if working != self._working:
            self._working = working
            self.working.emit(working)

    def _show_read(self, ask: int, query: PeopleQuery, listed: Listed, reordered: bool) -> None:
        if ask != self._asks:
            return
        self._reading = None
        self.about_to_list.emit()
        self._set_working(False)
        if reordered and _count(listed) == self._total:
            self.layoutAboutToBeChanged.emit()
            self._hold(query, listed)
            self.layoutChanged.emit()
        else:
            self.beginResetModel()
            self._hold(query, listed)
            self.endResetModel()
        self.listed.emit()

    def _read_failed(self, ask: int, error: Exception) -> None:
        if ask != self._asks:
            return
        self._reading = None
        self.asked = self.query
        self._set_working(False)
        self.failed.emit(error)

    def _load(self, query: PeopleQuery) -> None:
        self._hold(query, read_listed(self._db, query, venue_today()))

    def _hold(self, query: PeopleQuery, listed: Listed) -> None:
        if listed.found is not None:
            self._take(query, listed.found, _shown_rows(listed.found.rows))
            return
        self._forget_blocks()
        self._total, self._ids = listed.total, {0: list(listed.first_ids)}
        self.capped = False
        self.query = query
        self._pages.clear()

    def _take(self, query: PeopleQuery, found: listing.FoundRows, first_page: list[Shown]) -> None:
        """Hold a search's result: its ids, and its first page already read."""
        self._forget_blocks()
        self._total, self._ids = len(found.ids), _blocks(found.ids)
        self.capped = found.capped
        self.query = query
        self._pages.clear()
        if first_page:
            self._pages[0] = first_page

    def _forget_blocks(self) -> None:
        """A new list is held: the blocks being read for the old one are not wanted."""
        self._held += 1
        for reading in self._blocks_asked.values():
            reading.cancel()
        self._blocks_asked.clear()
        self._blocks_failed.clear()

    def refresh(self) -> None:
        self.show(self.asked)

    def person_id(self, row: int) -> int | None:
        """The id at ``row``; None if not listed, or still being read in the background."""
        if not 0 <= row < self._total:
            return None
        block = self._block(row // IDS_AT_A_TIME)
        offset = row % IDS_AT_A_TIME
        return block[offset] if block is not None and offset < len(block) else None

    def row_of(self, person_id: int) -> int | None:
        """The row of a person among the ids read so far (None if not read, or not listed)."""
        for number, block in self._ids.items():
            if person_id in block:
                return number * IDS_AT_A_TIME + block.index(person_id)
        return None

    def _block(self, number: int) -> list[int] | None:
        block = self._ids.get(number)
        if block is not None:
            return block
        if needs_background(self.query):
            self._read_block_in_background(number)
            return None
        with self._db.read() as session:
            found = listing.ids(
                session, self.query, venue_today(), number * IDS_AT_A_TIME, IDS_AT_A_TIME
            )
        block = self._ids[number] = found.ids
        return block

    def _read_block_in_background(self, number: int) -> None:
        if self._reading is not None:
            return  # the rows shown are about to make way for a new list: not worth reading
        if number in self._blocks_asked or number in self._blocks_failed:
            return
        while len(self._blocks_asked) >= BLOCKS_ASKED:
            _passed, reading = self._blocks_asked.popitem(last=False)
            reading.cancel()
        held, db, query, today = self._held, self._db, self.query, venue_today()

        def work(progress: Progress) -> list[int]:
            progress.report(0, 1)  # stops here if scrolled past, or the list changed
            with db.read() as session:
                start = number * IDS_AT_A_TIME
                return listing.ids(session, query, today, start, IDS_AT_A_TIME).ids

        self._blocks_asked[number] = self._runner.run(
            work,
            on_done=lambda ids: self._block_read(held, number, ids),
            on_error=lambda error: self._block_failed(held, number, error),
            title="Reading the list",
            quiet=True,
        )

    def _block_read(self, held: int, number: int, ids: list[int]) -> None:
        if held != self._held:
            return
        self._blocks_asked.pop(number, None)
        self._ids[number] = ids
        first = number * IDS_AT_A_TIME
        last = min(first + IDS_AT_A_TIME, self._total) - 1
        if last >= first:
            self.dataChanged.emit(
                self.index(first, 0), self.index(last, len(COLUMNS) - 1), _TEXT_ROLES_LIST
            )

    def _block_failed(self, held: int, number: int, error: Exception) -> None:
        if held != self._held:
            return
        self._blocks_asked.pop(number, None)
        self._blocks_failed.add(number)  # asked again with the next list, not on every paint
        self.failed.emit(error)

    def _shown(self, row: int) -> Shown | None:
        """What the row shows; None if removed meanwhile, or their id is still being read."""
        if not 0 <= row < self._total:
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            if self._block(row // IDS_AT_A_TIME) is None:
                return None
            page = self._read_page(number)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE
        return page[offset] if offset < len(page) else None

    def _read_page(self, number: int) -> list[Shown | None]:
        ids = [self.person_id(row) for row in range(number * PAGE, (number + 1) * PAGE)]
        ids = [person_id for person_id in ids if person_id is not None]
        try:
            with self._db.read() as session:
                found = {row.id: row for row in listing.rows(session, ids)}
        except Exception as error:  # noqa: BLE001 (said once; a paint must not raise)
            # Kept as unread until the next list, not asked again on every paint.
            found = {}
            self.failed.emit(error)
        page = [_shown_row(found.get(person_id)) for person_id in ids]
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
        shown = self._shown(row)
        if shown is None:
            if column != 0:
                return ""
            return "(merged or removed)" if row // IDS_AT_A_TIME in self._ids else NOT_READ
        return shown[column]


def _count(listed: Listed) -> int:
    return len(listed.found.ids) if listed.found is not None else listed.total


def _rows_changed(
    ids_before: list[int],
    first_page: list[Shown | None] | None,
    ids: list[int],
    first_page_now: list[Shown],
) -> range:
    """The rows, among those both lists have, that now show someone else, or the same person
    shown differently (the first page is read again on every key; the rest when in sight)."""
    shown_before = first_page or []

    def same(row: int) -> bool:
        if ids_before[row] != ids[row]:
            return False
        if row >= len(first_page_now):
            return True
        return row < len(shown_before) and shown_before[row] == first_page_now[row]

    changed = [row for row in range(min(len(ids_before), len(ids))) if not same(row)]
    return range(changed[0], changed[-1] + 1) if changed else range(0)


def _blocks(ids: list[int]) -> dict[int, list[int]]:
    return {
        number: ids[start : start + IDS_AT_A_TIME]
        for number, start in enumerate(range(0, len(ids), IDS_AT_A_TIME))
    }


def _shown_rows(people: list[PersonRow]) -> list[Shown]:
    return [_shown_row(person) for person in people]


def _shown_row(person: PersonRow | None) -> Shown | None:
    """The texts of a person's row, worked out once when read: a paint asks for each cell."""
    if person is None:
        return None
    return (
        f"{person.last_name}, {person.first_name}",
        person.email or "",
        person.postcode or "",
        person.district or "",
        person.club or "",
        ", ".join(person.roles),
    )
