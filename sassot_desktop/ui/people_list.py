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

from sassot_desktop.db.engine import Database
from sassot_desktop.geography import DISTRICTS
from sassot_desktop.people import listing
from sassot_desktop.people.roles import ROLES
from sassot_desktop.ui.people_model import PeopleTableModel
from sassot_desktop.ui.plain_text_delegate import PlainTextDelegate
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

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._extra: list[ExtraFilter] = []

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
        current = self.current_person_id()
        self.model.show(self.query())
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
