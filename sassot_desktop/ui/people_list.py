"""The people screen: everyone on file, found as the officer types, filtered and sorted."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.geography import DISTRICTS
from sassot_desktop.people import listing
from sassot_desktop.people.roles import ROLES
from sassot_desktop.progress import Progress
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.people_model import Listed, PeopleTableModel, read_listed
from sassot_desktop.ui.plain_text_delegate import PlainTextDelegate
from sassot_desktop.ui.runner import Runner
from sassot_desktop.ui.widgets import SearchField, heading, label_for, page_shortcut, record_table

ANY = "Any"
NO_DISTRICT = "None / outside the county"


@dataclass
class ExtraFilter:
    """A filter another area adds to the list: each choice's condition on ``Person``."""

    combo: QComboBox
    # choice shown -> SQL condition (None: no condition), or a function making it at each
    # reload, for a condition that depends on the day (a list left open past midnight)
    conditions: dict[str, object]

    def condition(self) -> object:
        chosen = self.conditions[self.combo.currentText()]
        return chosen() if callable(chosen) else chosen


class PeopleListPage(QWidget):
    open_requested = Signal(int)
    duplicates_requested = Signal()
    equality_requested = Signal()

    def __init__(self, db: Database, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._extra: list[ExtraFilter] = []
        # Each reload's number: a background read answers only if no newer one was asked for.
        self._loads = 0
        self._reading: Progress | None = None

        self.text = SearchField()
        self.text.setPlaceholderText("Name, email, postcode or club")
        self.role = QComboBox()
        self.role.addItems([ANY, *(role.capitalize() for role in ROLES)])
        self.district = QComboBox()
        self.district.addItems([ANY, *DISTRICTS, NO_DISTRICT])
        self.activity = QComboBox()
        self.activity.addItems([ANY, *listing.ACTIVITIES.values()])
        self.filters = QHBoxLayout()
        for label, widget in (
            ("&Search:", self.text),
            ("&Role:", self.role),
            ("&District:", self.district),
            ("Acti&vity:", self.activity),
        ):
            self.filters.addWidget(label_for(label, widget))
            self.filters.addWidget(widget, 3 if widget is self.text else 0)

        self.model = PeopleTableModel(db, self)
        self.table = record_table(self.model, "People", stretch=(0, 4))
        self.table.setSortingEnabled(True)
        # Each row is one line: laying out wrapped text cost a third of each key's repaint.
        self.table.setWordWrap(False)
        self.table.setItemDelegate(PlainTextDelegate(self.model.text, self.table))
        # Every row one height, never measured: the view need not ask a row how tall it is.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Fitting columns to their contents reads and measures a hundred rows on every key.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((2, 90), (3, 170), (5, 150)):
            header.resizeSection(column, width)
        for column in (0, 1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._open_current)
        self.text.drive(self.table)
        self.text.activated.connect(self._open_current)
        self.count = QLabel()
        self.count.setAccessibleName("How many people are listed")

        open_button = QPushButton("&Open")
        open_button.setAccessibleName("Open the person")
        open_button.setToolTip("Open the highlighted person's page (Enter)")
        open_button.clicked.connect(self._open_current)
        duplicates = QPushButton("Find d&uplicates…")
        duplicates.setAccessibleName("Find duplicates")
        duplicates.setToolTip("People entered twice, best matches first (Ctrl+Shift+D)")
        duplicates.clicked.connect(self.duplicates_requested)
        equality = QPushButton("E&quality monitoring…")
        equality.setAccessibleName("Equality monitoring")
        equality.setToolTip("How many gave each equality answer, never who (Alt+Q)")
        equality.clicked.connect(self.equality_requested)
        page_shortcut(self, "Search", "Ctrl+F", self.text.setFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(equality)
        buttons.addWidget(duplicates)
        buttons.addWidget(open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("People"))
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.text.textChanged.connect(self.reload)
        for combo in (self.role, self.district, self.activity):
            combo.currentIndexChanged.connect(self.reload)

    def add_filter(self, label: str, conditions: dict[str, object]) -> QComboBox:
        """Add a filter of another area's (the minimum operating standards' status, say):
        ``conditions`` maps each choice to its SQL condition on ``Person``, the first choice
        meaning "any" (None)."""
        combo = QComboBox()
        combo.addItems(list(conditions))
        self._extra.append(ExtraFilter(combo, conditions))
        self.filters.addWidget(label_for(label, combo))
        self.filters.addWidget(combo)
        combo.currentIndexChanged.connect(self.reload)
        return combo

    def query(self) -> listing.PeopleQuery:
        role = self.role.currentIndex()
        district = self.district.currentText()
        activity = self.activity.currentIndex()
        extra = tuple(
            condition for each in self._extra if (condition := each.condition()) is not None
        )
        return replace(
            self.model.query,
            text=self.text.text(),
            role=ROLES[role - 1] if role else None,
            district=None
            if district == ANY
            else (listing.NO_DISTRICT if district == NO_DISTRICT else district),
            activity=list(listing.ACTIVITIES)[activity - 1] if activity else None,
            conditions=extra,
        )

    def reload(self) -> None:
        self._loads += 1
        if self._reading is not None:
            self._reading.cancel()  # a read not yet started need not run at all
            self._reading = None
        query = self.query()
        if query.conditions:
            self._reload_in_background(self._loads, query)
            return
        current = self.current_person_id()
        self.model.show(query)
        self._shown(current)

    def _reload_in_background(self, load: int, query: listing.PeopleQuery) -> None:
        """Another area's filter (a coach's standing weighs every record of theirs) can take
        longer than a key press may: read the list off the screen's thread, and show it only
        if no newer filter or search was asked for meanwhile."""
        db, today = self._db, venue_today()

        def work(progress: Progress) -> Listed:
            progress.report(0, 1)  # stops here if a newer reload cancelled this one
            return read_listed(db, query, today)

        current = self.current_person_id()
        self.count.setText("Finding who matches…")
        self.table.viewport().setCursor(Qt.CursorShape.BusyCursor)
        self._reading = self._runner.run(
            work,
            on_done=lambda listed: self._show_listed(load, query, listed, current),
            on_error=lambda error: self._read_failed(load, error),
            title="Finding who matches",
            parent=self,
            quiet=True,
        )

    def _show_listed(self, load: int, query, listed: Listed, current: int | None) -> None:
        if load != self._loads:
            return
        self._reading = None
        self.model.show_listed(query, listed)
        self._shown(current)

    def _read_failed(self, load: int, error: Exception) -> None:
        if load != self._loads:
            return
        self._reading = None
        self.table.viewport().unsetCursor()
        self._say_count()
        show_error(self, error)

    @property
    def busy(self) -> bool:
        """Whether the list is still being worked out (a slow filter's background read)."""
        return self._reading is not None

    def _shown(self, current: int | None) -> None:
        self.table.viewport().unsetCursor()
        self._say_count()
        row = self.model.row_of(current) if current is not None else None
        self.table.selectRow(row if row is not None else 0)

    def _say_count(self) -> None:
        shown = self.model.rowCount()
        query = self.model.query
        if self.model.capped:
            self.count.setText(
                f"The first {shown:,} matches; type more of the name, or filter, to narrow."
            )
        elif shown == 0:
            searching = query.text.strip() or query.role or query.district is not None
            self.count.setText(
                "Nobody matches; check the spelling or clear a filter."
                if searching or query.activity or query.conditions
                else "No people yet: import them (Ctrl+I) or add them when booking."
            )
        else:
            self.count.setText(f"{shown:,} {'person' if shown == 1 else 'people'}")

    def current_person_id(self) -> int | None:
        return self.model.person_id(self.table.currentIndex().row())

    def select_person(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row is not None:
            self.table.selectRow(row)

    def _open_current(self) -> None:
        person_id = self.current_person_id()
        if person_id is not None:
            self.open_requested.emit(person_id)
