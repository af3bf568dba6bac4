"""The table of one workshop's bookings, as check-in and the workshop page show it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from sassot_desktop.attendance.register import RosterEntry
from sassot_desktop.db.models import Status

_ARRIVED = QBrush(QColor("#e3f4e1"))
_AWAY = QBrush(QColor("#f4f4f4"))


class RosterModel(QAbstractTableModel):
    COLUMNS = ("Name", "Club / organisation", "Status", "Arrived", "Walk-in")

    def __init__(self, parent=None, at_the_door: bool = False) -> None:
        super().__init__(parent)
        self._entries: list[RosterEntry] = []
        # At the door a booked person is someone still expected.
        self._booked_text = "not yet arrived" if at_the_door else Status.BOOKED.value

    def set_entries(self, entries: list[RosterEntry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def entry(self, row: int) -> RosterEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def entries(self) -> list[RosterEntry]:
        return list(self._entries)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        entry = self.entry(index.row())
        if entry is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry.status.is_present:
                return _ARRIVED
            if entry.status in (Status.NO_SHOW, Status.CANCELLED, Status.WAITING):
                return _AWAY
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return entry.name
        return None

    def _text(self, entry: RosterEntry, column: int) -> str:
        if column == 0:
            return entry.name
        if column == 1:
            return entry.club or ""
        if column == 2:
            return self._booked_text if entry.status is Status.BOOKED else entry.status.value
        if column == 3:
            return f"{entry.arrived_local:%H:%M}" if entry.arrived_local else ""
        return "walk-in" if entry.walk_in else ""
