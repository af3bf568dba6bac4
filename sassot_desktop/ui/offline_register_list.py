"""File › Offline registers…: the registers taken offline on this computer, and what is left
to do with each: open its check-in at the venue, upload it, or move an uploaded copy away.

Reads only the laptop's own files, so it works at a venue with no network; uploading is the
one button that needs the server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.clock import venue_moment_of
from sassot_desktop.formatting import clock, short_date
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import record_table

if TYPE_CHECKING:
    from datetime import datetime

    from sassot_desktop.attendance.offline import OfflineCopy
    from sassot_desktop.ui.offline_registers import OfflineRegisters


def _moment(instant: datetime) -> str:
    local = venue_moment_of(instant)
    return f"{short_date(local.date())} {clock(local.time())}"


class OfflineCopyModel(RowTableModel["OfflineCopy"]):
    COLUMNS = ("Workshop", "Date", "Waiting to upload", "Taken", "Uploaded")
    DECORATION_ROLES = frozenset((Qt.ItemDataRole.TextAlignmentRole,))

    def text(self, row: OfflineCopy, column: int) -> str:
        if column == 0:
            return row.title
        if column == 1:
            return f"{short_date(row.date)} {clock(row.start_time)}"
        if column == 2:
            return str(row.waiting) if row.waiting else "nothing"
        if column == 3:
            return f"{_moment(row.taken_at)} by {row.taken_by}"
        if row.uploaded_at is None:
            return "not yet"
        if row.waiting:
            return f"{_moment(row.uploaded_at)}, changed since"
        return _moment(row.uploaded_at)

    def decoration(self, row: OfflineCopy, column: int, role: Qt.ItemDataRole):
        if column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OfflineRegisterList(QDialog):
    """The laptop's register files, soonest workshop first, with what to do next."""

    def __init__(self, registers: OfflineRegisters, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Offline registers on this computer")
        self._registers = registers
        self.model = OfflineCopyModel(self)
        self.table = record_table(self.model, "Offline registers", stretch=(0,))
        self.table.activated.connect(self._open)
        explained = QLabel(
            "At the venue, open a register's check-in; back on the network, upload it; once "
            "everything is on the server, remove the laptop's copy (it is kept in the backups "
            "folder)."
        )
        explained.setWordWrap(True)
        self.listed = QLabel("Registers &taken offline on this computer:")
        self.listed.setBuddy(self.table)
        self.empty = QLabel(
            "No register has been taken offline on this computer. While on the network, "
            "open a workshop and press Take offline."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.open_button = self._button("&Open check-in", "Open the check-in on this register")
        self.open_button.clicked.connect(self._open)
        self.upload_button = self._button("&Upload", "Upload this register to the server")
        self.upload_button.clicked.connect(self._upload)
        self.remove_button = self._button(
            "&Remove copy", "Move this uploaded register to the backups folder"
        )
        self.remove_button.clicked.connect(self._remove)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (self.open_button, self.upload_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(explained)
        layout.addWidget(self.listed)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)

        registers.changed.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.reload()
        self.resize(820, 320)

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    def reload(self) -> None:
        from sassot_desktop.attendance.offline import copies_in

        chosen = self.selected()
        copies = copies_in(self._registers.folder)
        self.model.set_rows(copies)
        self.empty.setVisible(not copies)
        self.table.setVisible(bool(copies))
        self.listed.setVisible(bool(copies))
        row = next(
            (number for number, copy in enumerate(copies) if chosen and copy.path == chosen.path),
            0,
        )
        if copies:
            self.table.selectRow(row)
        self._enable()

    def selected(self) -> OfflineCopy | None:
        return self.model.row(self.table.currentIndex().row())

    def _enable(self) -> None:
        copy = self.selected()
        self.open_button.setEnabled(copy is not None)
        self.upload_button.setEnabled(copy is not None and not copy.is_uploaded)
        self.remove_button.setEnabled(copy is not None and copy.is_uploaded)

    def _open(self) -> None:
        copy = self.selected()
        if copy is not None:
            self._registers.open_check_in(copy)

    def _upload(self) -> None:
        copy = self.selected()
        if copy is not None:
            self._registers.upload(copy.workshop_id)

    def _remove(self) -> None:
        copy = self.selected()
        if copy is not None:
            self._registers.remove([copy.path])
