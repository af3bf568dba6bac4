"""The people screen: everyone on file, found as the officer types, filtered and sorted."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.db.engine import Database
from sassot_desktop.geography import DISTRICTS
from sassot_desktop.people import listing
from sassot_desktop.people.roles import ROLES
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.people_model import PeopleTableModel
from sassot_desktop.ui.plain_text_delegate import PlainTextDelegate
from sassot_desktop.ui.runner import Runner
from sassot_desktop.ui.widgets import SearchField, heading, label_for, page_shortcut, record_table

ANY = "Any"
NO_DISTRICT = "None / outside the county"
FINDING = "Finding who matches…"
# A list read in the background is marked as not yet the answer only once it has taken this
# long: a quick answer replaces the rows without them greying and coming back in a blink.
SHOW_WORKING_AFTER_MS = 150
FLAT_SCROLL_BAR = """
QScrollBar:vertical { background: palette(base); width: 14px; margin: 0;
                      border-left: 1px solid palette(midlight); }
QScrollBar::handle:vertical { background: palette(mid); min-height: 32px; border-radius: 4px;
                              margin: 2px 3px; }
QScrollBar::handle:vertical:hover,
QScrollBar::handle:vertical:pressed { background: palette(dark); }
QScrollBar::handle:vertical:disabled { background: none; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }
"""


class SteadyLine(QWidget):
    """A line of text whose changes never lay the window out again.

    A label in a layout asks the page, the pages and the window to lay themselves out again
    whenever its text changes (about a millisecond), as the count under the list does on
    most keys that change the list; held here, sized by hand, it is only painted again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.setFixedHeight(self.label.fontMetrics().height())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.label.resize(self.size())
        super().resizeEvent(event)


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
        self._kept: int | None = None  # the person highlighted before the rows changed
        self._table_had_focus = False

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

        self.model = PeopleTableModel(db, runner, self)
        self.table = record_table(self.model, "People", stretch=(0, 4))
        self.table.setSortingEnabled(True)
        # Each row is one line: laying out wrapped text cost a third of each key's repaint.
        self.table.setWordWrap(False)
        self.table.setItemDelegate(PlainTextDelegate(self.model.text, self.table))
        # Rows told apart by their alternating colour, columns by the headings: the grid's
        # lines cost as much to draw on every key as all the text in the cells.
        self.table.setShowGrid(False)
        # Always there, so that a search narrowing to a screenful neither hides it nor widens
        # the columns under the officer's eyes (and paints every row twice to do so); drawn
        # flat, since the style's shaded one took a millisecond or more to paint again on every
        # key that changes the list's length.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.table.verticalScrollBar().setStyleSheet(FLAT_SCROLL_BAR)
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
        count_line = SteadyLine()
        self.count = count_line.label
        self.count.setAccessibleName("How many people are listed")
        # Over the table (not in it: a disabled table's children are greyed too) while the
        # rows it shows are the previous answer.
        self.finding = QLabel(FINDING, self)
        self.finding.setAccessibleName("The list is being worked out")
        self.finding.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.finding.setAutoFillBackground(True)
        self.finding.setFrameShape(QLabel.Shape.StyledPanel)
        self.finding.setMargin(12)
        self.finding.hide()
        self.table.installEventFilter(self)
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SHOW_WORKING_AFTER_MS)
        self._slow.timeout.connect(self._show_working)
        self.model.about_to_list.connect(self._remember_current)
        self.model.listed.connect(self._shown)
        self.model.working.connect(self._working)
        self.model.failed.connect(self._read_failed)

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
        buttons.addWidget(count_line, 1)
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
        self.model.show(self.query())

    @property
    def busy(self) -> bool:
        """Whether the list is still being worked out in the background."""
        return self.model.busy

    def _remember_current(self) -> None:
        self._kept = self.current_person_id()

    def _shown(self) -> None:
        self._say_count()
        row = self.model.row_of(self._kept) if self._kept is not None else None
        self.table.selectRow(row if row is not None else 0)

    def _working(self, working: bool) -> None:
        """A slow filter's list (or a new order of it) is being read in the background."""
        if working:
            self.table.viewport().setCursor(Qt.CursorShape.BusyCursor)
            self._slow.start()
            return
        self._slow.stop()
        self.table.viewport().unsetCursor()
        self.finding.hide()
        if not self.table.isEnabled():
            self.table.setEnabled(True)
            if self._table_had_focus:
                self.table.setFocus()
        self._say_count()

    def _show_working(self) -> None:
        """Grey the rows, which are still the previous answer, and say so over them."""
        self._table_had_focus = self.table.hasFocus()
        self.table.setEnabled(False)
        self.count.setText(FINDING)
        self._place_finding()
        self.finding.show()
        self.finding.raise_()

    def _place_finding(self) -> None:
        size = self.finding.sizeHint()
        area = self.table.geometry()
        self.finding.setGeometry(
            area.x() + (area.width() - size.width()) // 2,
            area.y() + (area.height() - size.height()) // 3,
            size.width(),
            size.height(),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place_finding()
        return super().eventFilter(watched, event)

    def _read_failed(self, error: Exception) -> None:
        from sassot_desktop.ui.backups import offer_restore_if_damaged

        if not offer_restore_if_damaged(self.window(), error):
            show_error(self, error)

    def _say_count(self) -> None:
        shown = self.model.rowCount()
        query = self.model.query
        if self.model.capped and shown == 0:
            self.count.setText(
                f"None of the first {listing.SEARCH_LIMIT} found pass the filters; "
                "type more of the name, or clear a filter."
            )
        elif self.model.capped:
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
