"""Typing in a returned paper sign-in sheet: a tick grid for a past (or today's) workshop.

Arrows move, Space ticks or unticks the highlighted people, and a status can be set for many
highlighted rows at once. Ctrl+Z undoes the last change.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.attendance import register
from sassot_desktop.attendance.roster import BookingSnapshot, Headcount
from sassot_desktop.db.engine import Database
from sassot_desktop.db.status import SETTABLE, Status
from sassot_desktop.formatting import long_date
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.roster_model import RosterModel
from sassot_desktop.ui.widgets import back_button, heading, label_for, page_shortcut, record_table
from sassot_desktop.workshops.catalogue import get_workshop


class TickGridModel(RosterModel):
    """The roster with a tick box on each name: ticked means they came."""

    toggled = Signal(int)  # row

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        entry = self.row(index.row())
        if index.column() == 0 and entry is not None and entry.status in SETTABLE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            entry = self.row(index.row())
            if entry is None or entry.status not in SETTABLE:
                return None
            return Qt.CheckState.Checked if entry.status.is_present else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            self.toggled.emit(index.row())
            return True
        return False


class PaperRegisterPage(QWidget):
    back_requested = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.workshop_id: int | None = None
        self._undo: list[tuple[BookingSnapshot, ...]] = []

        self.title = heading()
        hint = QLabel(
            "Arrows move · Space ticks or unticks · Shift+arrows highlight several rows · "
            "Ctrl+Z undoes"
        )
        self.counts = QLabel()
        self.counts.setAccessibleName("Headcount")
        back = back_button(
            self, "Back to workshop", lambda: self.back_requested.emit(self.workshop_id or 0)
        )

        self.model = TickGridModel(self)
        self.model.toggled.connect(lambda row: self._toggle([row]))
        self.table = record_table(self.model, "Paper register", many=True)
        self.table.installEventFilter(self)

        self.status = QComboBox()
        for status in SETTABLE:
            self.status.addItem("not arrived" if status is Status.BOOKED else status.value, status)
        apply = QPushButton("&Set for highlighted rows")
        apply.setAccessibleName("Set status for highlighted rows")
        apply.clicked.connect(self.apply_status)
        bulk = QHBoxLayout()
        bulk.addWidget(label_for("S&tatus:", self.status, "Status for highlighted rows"))
        bulk.addWidget(self.status)
        bulk.addWidget(apply)
        bulk.addStretch(1)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.counts)
        titles.addWidget(hint)
        top.addLayout(titles, 1)
        top.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bulk)

        page_shortcut(self, "Undo", QKeySequence.StandardKey.Undo, self.undo)

    def eventFilter(self, watched, event) -> bool:
        space = event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Space
        if watched is self.table and space:
            self._toggle(self._highlighted_rows())
            return True
        return super().eventFilter(watched, event)

    def show_workshop(self, workshop_id: int) -> None:
        if workshop_id != self.workshop_id:
            self._undo.clear()
        self.workshop_id = workshop_id
        with self._db.read() as session:
            workshop = get_workshop(session, workshop_id)
            self.title.setText(f"Paper register: {workshop.title}, {long_date(workshop.date)}")
        self.reload()
        self.table.setFocus()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def reload(self) -> None:
        current = self.table.currentIndex()
        with self._db.read() as session:
            entries = register.roster(session, self.workshop_id)
        shown = [e for e in entries if e.status not in (Status.CANCELLED, Status.WAITING)]
        self.model.set_rows(shown)
        self.counts.setText(Headcount.of(shown).text)
        if current.isValid() and current.row() < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current.row(), 0))

    def _highlighted_rows(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        return sorted(rows)

    def _toggle(self, rows: list[int]) -> None:
        entries = [self.model.row(row) for row in rows]
        entries = [e for e in entries if e is not None]
        if not entries:
            return
        # All ticked already: untick them; otherwise tick them all.
        status = Status.NO_SHOW if all(e.status.is_present for e in entries) else Status.ATTENDED
        self._set([e.booking_id for e in entries], status)

    def apply_status(self) -> None:
        rows = self._highlighted_rows()
        ids = [self.model.row(row).booking_id for row in rows]
        self._set(ids, Status(self.status.currentData()))

    def _set(self, booking_ids: list[int], status: Status) -> None:
        selected = self._highlighted_rows()
        try:
            with self._db.write() as session:
                snapshots = register.set_status(session, booking_ids, status)
        except Exception as error:
            show_error(self, error)
            return
        if snapshots:
            self._undo.append(snapshots)
        self.reload()
        self._reselect(selected)

    def _reselect(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        for row in rows:
            selection.select(
                self.model.index(row, 0),
                selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
            )

    def undo(self) -> None:
        if not self._undo:
            return
        snapshots = self._undo.pop()
        try:
            with self._db.write() as session:
                register.restore(session, snapshots)
        except Exception as error:
            show_error(self, error)
            return
        self.reload()
