"""The workshop list: upcoming first, filtered by text, provider, district and past/future."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.attendance import offline
from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.formatting import clock, short_date
from sassot_desktop.geography import DISTRICTS
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import heading, label_for, page_shortcut, record_table
from sassot_desktop.workshops.catalogue import PROVIDERS, WorkshopRow, list_workshops

ANY = "Any"
WHEN = {"Upcoming": "future", "Past": "past", "All": "all"}


class WorkshopTableModel(RowTableModel[WorkshopRow]):
    COLUMNS = ("Date", "Time", "Course", "Venue", "District", "Booked", "Came", "Waiting")
    DECORATION_ROLES = frozenset(
        (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
            Qt.ItemDataRole.ToolTipRole,
        )
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.offline: dict = {}  # workshop id → who has its register offline

    def text(self, row: WorkshopRow, column: int) -> str:
        if column == 0:
            return short_date(row.date)
        if column == 1:
            return f"{clock(row.start_time)}–{clock(row.end_time)}"
        if column == 2:
            if row.cancelled:
                return f"{row.title} (cancelled)"
            return f"{row.title} (offline)" if row.id in self.offline else row.title
        if column == 3:
            return row.venue
        if column == 4:
            return row.district or ""
        if column == 5:
            return f"{row.booked} / {row.capacity}"
        if column == 6:
            return str(row.attended) if row.register_closed or row.attended else ""
        return str(row.waiting or "")

    def decoration(self, row: WorkshopRow, column: int, role: Qt.ItemDataRole):
        if role == Qt.ItemDataRole.ForegroundRole and row.cancelled:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and row.id in self.offline:
            return offline.held_by(self.offline[row.id])
        return None


class WorkshopListPage(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()
    export_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        title = heading("Workshops")

        self.text = QLineEdit()
        self.text.setPlaceholderText("Course, venue or tutor")
        self.text.setClearButtonEnabled(True)
        self.provider = QComboBox()
        self.provider.addItems([ANY, *PROVIDERS])
        self.district = QComboBox()
        self.district.addItems([ANY, *DISTRICTS])
        self.when = QComboBox()
        self.when.addItems(list(WHEN))
        filters = QHBoxLayout()
        for label, widget in (
            ("&Search:", self.text),
            ("&Provider:", self.provider),
            ("&District:", self.district),
            ("Sho&w:", self.when),
        ):
            filters.addWidget(label_for(label, widget))
            filters.addWidget(widget, 2 if widget is self.text else 0)

        self.model = WorkshopTableModel(self)
        self.table = record_table(self.model, "Workshops", stretch=(2, 3))
        self.table.activated.connect(self._open_current)

        self.empty = QLabel(
            "No workshops yet. Press Ctrl+Shift+N (New workshop) to add the first one."
        )
        self.empty.setWordWrap(True)
        new = QPushButton("&New workshop…")
        new.setAccessibleName("New workshop")
        new.clicked.connect(self.new_requested)
        open_button = QPushButton("&Open")
        open_button.setAccessibleName("Open workshop")
        open_button.clicked.connect(self._open_current)
        self.export_button = QPushButton("E&xport…")
        self.export_button.setAccessibleName("Export the workshops listed")
        self.export_button.setToolTip("Export the workshops listed, for Excel (Ctrl+Shift+E)")
        self.export_button.clicked.connect(self.export_requested)
        page_shortcut(self, "Export", "Ctrl+Shift+E", self.export_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(new)
        buttons.addWidget(open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

        self.text.textChanged.connect(self.reload)
        for combo in (self.provider, self.district, self.when):
            combo.currentIndexChanged.connect(self.reload)
        self.text.returnPressed.connect(self.table.setFocus)

    def filters(self) -> dict[str, str | None]:
        """The filters as ``list_workshops`` takes them: what the list shows, and exports."""
        provider = self.provider.currentText()
        district = self.district.currentText()
        return {
            "text": self.text.text(),
            "provider": None if provider == ANY else provider,
            "district": None if district == ANY else district,
            "when": WHEN[self.when.currentText()],
        }

    def reload(self) -> None:
        filters = self.filters()
        with self._db.read() as session:
            rows = list_workshops(session, **filters, today=venue_today())
            self.model.offline = offline.taken_offline(session)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        filtered = filters["text"] or filters["provider"] or filters["district"]
        self.empty.setText(
            "No workshops match these filters."
            if filtered
            else "No workshops yet. Press Ctrl+Shift+N (New workshop) to add the first one."
        )
        if rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def select_workshop(self, workshop_id: int) -> None:
        for number in range(self.model.rowCount()):
            if self.model.row(number).id == workshop_id:
                self.table.selectRow(number)
                return

    def _open_current(self) -> None:
        row = self.model.row(self.table.currentIndex().row())
        if row is not None:
            self.open_requested.emit(row.id)
