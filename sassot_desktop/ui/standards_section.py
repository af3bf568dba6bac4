"""One person's checks and qualifications: where they stand, and adding, editing and removing
records. A self-contained section, for a person's page and for the standards page's dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sassot_desktop.clock import venue_today
from sassot_desktop.formatting import short_date
from sassot_desktop.standards import records
from sassot_desktop.standards.due import standing_of
from sassot_desktop.standards.records import RecordDetails, RecordRow
from sassot_desktop.standards.status import Assessment, Standing
from sassot_desktop.ui.messages import confirm, show_error
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import heading, page_shortcut, record_table

if TYPE_CHECKING:
    from sassot_desktop.workspace import Workspace

# The colours of a standing, as the standards page uses them too.
STANDING_COLOURS = {
    Standing.LAPSED: "#b3261e",
    Standing.MISSING: "#b3261e",
    Standing.EXPIRING: "#8a5300",
    Standing.MEETS: "#1e6b35",
}


class RecordTableModel(RowTableModel[RecordRow]):
    COLUMNS = ("Record", "Details", "Taken", "Expires", "From")
    DECORATION_ROLES = frozenset((Qt.ItemDataRole.ForegroundRole,))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = venue_today()

    def text(self, row: RecordRow, column: int) -> str:
        if column == 0:
            return row.kind.heading
        if column == 1:
            return row.description
        if column == 2:
            return short_date(row.taken_on)
        if column == 3:
            return short_date(row.expires_on) if row.expires_on else "No expiry"
        return "Workshop attended" if row.from_workshop else "Entered"

    def decoration(self, row: RecordRow, column: int, role: Qt.ItemDataRole):
        if column == 3 and row.expires_on is not None and row.expires_on < self.today:
            return QBrush(QColor(STANDING_COLOURS[Standing.LAPSED]))
        return None


class StandardsSection(QWidget):
    """Shows and edits the records of ``person_id``; ``changed`` after every change."""

    changed = Signal()

    def __init__(self, workspace: Workspace, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = workspace.db
        self.person_id = person_id
        self._removed: RecordDetails | None = None

        self.standing = heading(scale=1.15)
        self.standing.setAccessibleName("Standing against the minimum operating standards")
        self.standing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.needs = QLabel()
        self.needs.setWordWrap(True)
        self.needs.setAccessibleName("What is needed")
        self.model = RecordTableModel(self)
        self.table = record_table(self.model, "Checks and qualifications", stretch=(1,))
        self.table.activated.connect(self.edit_current)
        self.feedback = QLabel()
        self.feedback.setAccessibleName("What happened")

        self.add_button = _button("&Add…", "Add a check or qualification", self.add)
        self.edit_button = _button("&Edit…", "Edit the selected record", self.edit_current)
        self.remove_button = _button("Re&move…", "Remove the selected record", self.remove_current)
        self.undo_button = _button("&Undo remove", "Put back the record just removed", self.undo)
        self.undo_button.hide()
        page_shortcut(self, "Remove", "Del", self.remove_current)
        page_shortcut(self, "Undo remove", "Ctrl+Z", self.undo)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.standing)
        layout.addWidget(self.needs)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        self.reload()

    def reload(self) -> None:
        today = venue_today()
        with self._db.read() as session:
            rows = records.records_of(session, self.person_id)
            assessment = standing_of(session, self.person_id, today)
        self.model.today = today
        self.model.set_rows(rows)
        self._show_standing(assessment)
        has_rows = bool(rows)
        self.edit_button.setEnabled(has_rows)
        self.remove_button.setEnabled(has_rows)
        if has_rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _show_standing(self, assessment: Assessment) -> None:
        colour = STANDING_COLOURS[assessment.standing]
        self.standing.setText(assessment.standing.label)
        self.standing.setStyleSheet(f"color: {colour}")
        self.needs.setText(
            assessment.needs_text + "." if assessment.needs else "Every check is in date."
        )

    def current_record(self) -> RecordRow | None:
        return self.model.row(self.table.currentIndex().row())

    # -- actions ---------------------------------------------------------------------------
    def add(self) -> None:
        self._open_dialog(None)

    def edit_current(self) -> None:
        row = self.current_record()
        if row is not None:
            self._open_dialog(row.id)

    def _open_dialog(self, record_id: int | None) -> None:
        from sassot_desktop.ui.standards_record_dialog import RecordDialog

        dialog = RecordDialog(self._db, self.person_id, record_id, self)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self, message: str) -> None:
        self._removed = None
        self.undo_button.hide()
        self._tell(message)

    def remove_current(self) -> None:
        row = self.current_record()
        if row is None:
            return
        what = f"{row.kind.label} taken on {short_date(row.taken_on)}"
        confirm(
            self,
            "Remove record",
            f"Remove the {what}? You can undo this straight after.",
            "Remove",
            lambda: self._remove(row),
        )

    def _remove(self, row: RecordRow) -> None:
        try:
            with self._db.write() as session:
                self._removed = records.remove_record(session, row.id)
        except Exception as error:
            show_error(self, error)
            return
        self.undo_button.show()
        self._tell(f"{row.kind.heading} removed. Press Undo remove (Ctrl+Z) to put it back.")

    def undo(self) -> None:
        if self._removed is None:
            return
        try:
            with self._db.write() as session:
                records.add_record(session, self.person_id, self._removed)
        except Exception as error:
            show_error(self, error)
            return
        self._saved(f"{self._removed.kind.heading} put back.")

    def _tell(self, message: str) -> None:
        self.feedback.setText(message)
        self.reload()
        self.changed.emit()


def _button(text: str, accessible_name: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name)
    button.clicked.connect(slot)
    return button
