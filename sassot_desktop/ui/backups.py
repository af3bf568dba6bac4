"""Backups in the window: Back up now, Restore from backup…, the day's backup at start, and
the offer to restore when the database turns out to be damaged.

Every copy and restore runs through the window's background runner: on a large database each
takes a second or more, and a restore checks every page of the backup first.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop import APP_NAME
from sassot_desktop.db.backup import Backup, list_backups
from sassot_desktop.db.health import DamagedDatabase
from sassot_desktop.formatting import day_and_time, file_size
from sassot_desktop.ui.messages import confirm, show_error

DAMAGED = "Damaged database"  # the offer's name, so that it is made once at a time

if TYPE_CHECKING:
    from sassot_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

COLUMNS = ("Taken", "Why", "Size")


class RestoreDialog(QDialog):
    """The backups, newest first; the officer picks one and asks for it back."""

    restore_requested = Signal(object)  # the Backup chosen

    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        self.backups = [backup for backup in backups if backup.can_be_restored]
        layout = QVBoxLayout(self)
        heading = QLabel(
            "&Backups, newest first. Restoring puts the chosen one back in place of the "
            "database; the current database is kept in the backups folder first."
            if self.backups
            else "There are no backups yet. Use File › Back up now to take one."
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)

        self.table = QTableWidget(len(self.backups), len(COLUMNS))
        self.table.setAccessibleName("Backups")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, backup in enumerate(self.backups):
            texts = (day_and_time(backup.taken_at), backup.kind, file_size(backup.size))
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        heading.setBuddy(self.table)
        self.table.doubleClicked.connect(lambda _index: self._restore_chosen())
        layout.addWidget(self.table)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setAccessibleName("Restore the chosen backup")
        self.restore_button.setEnabled(bool(self.backups))
        self.restore_button.clicked.connect(self._restore_chosen)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("&Close")
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.backups:
            self.table.selectRow(0)
        self.table.setFocus()
        self.resize(560, 420)

    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _restore_chosen(self) -> None:
        backup = self.chosen()
        if backup is None:
            return
        confirm(
            self,
            "Restore this backup?",
            f"Restore the {backup.kind} backup of {day_and_time(backup.taken_at)}? Everything "
            "recorded since then is replaced; the current database is kept in the backups "
            "folder first.",
            "&Restore",
            lambda: self._confirmed(backup),
        )

    def _confirmed(self, backup: Backup) -> None:
        self.accept()
        self.restore_requested.emit(backup)


def open_restore_dialog(window: MainWindow) -> RestoreDialog:
    dialog = RestoreDialog(list_backups(window.paths.backups), window)
    dialog.restore_requested.connect(lambda backup: restore_backup(window, backup))
    dialog.open()
    return dialog


def restore_backup(window: MainWindow, backup: Backup) -> None:
    """Put ``backup`` back in the background, then show the restored database."""
    from sassot_desktop.db import restore

    if window.workspace is not None:
        # Nothing may hold the old file open while it is replaced; the engine reconnects to
        # the restored file on the next read.
        window.workspace.db.close()
    paths = window.paths
    window.runner.run(
        lambda progress: restore.restore(paths, backup.path, progress),
        on_done=lambda _restored: window.database_replaced(
            f"Restored the backup of {day_and_time(backup.taken_at)}."
        ),
        on_error=lambda error: show_error(window, error, str(paths.log_file)),
        title="Restoring the backup",
        parent=window,
    )


def back_up_now(window: MainWindow) -> None:
    from sassot_desktop.db.retention import back_up_now as take

    paths = window.paths
    window.runner.run(
        lambda _progress: take(paths),
        on_done=lambda copy: window.statusBar().showMessage(f"Backed up to {copy}.", 10_000),
        on_error=lambda error: _failed(window, error),
        title="Backing up",
        parent=window,
    )


def back_up_daily(window: MainWindow) -> None:
    """The start-of-day check and backup, quietly in the background once the window is usable.

    The check is also how a database damaged in ways the first reads did not touch is noticed.
    """
    from sassot_desktop.db.retention import back_up_daily as take

    paths = window.paths
    window.runner.run(
        lambda _progress: take(paths),
        on_done=lambda copy: log.info("Today's backup: %s", copy or "already taken"),
        on_error=lambda error: _failed(window, error),
        title="Today's backup",
        parent=window,
        quiet=True,
    )


def offer_restore_if_damaged(window, error: BaseException) -> bool:
    """Damage met by an ordinary read (a page of people, say) rather than by the checks: the
    same offer of the latest good backup, made once however many reads meet it."""
    from sassot_desktop.db import health

    workspace = getattr(window, "workspace", None)
    if workspace is None or not workspace.db.is_sqlite or not health.is_damage(error):
        return False
    offered = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    if not any(box.accessibleName() == DAMAGED for box in offered):
        paths = window.paths
        offer_restore(window, health.damaged(paths.database, paths.backups, health.describe(error)))
    return True


def offer_restore(window: MainWindow, damage: DamagedDatabase) -> QMessageBox:
    """Say the database is damaged, with one button that restores the latest good backup."""
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, damage.message, parent=window)
    box.setAccessibleName(DAMAGED)
    box.setTextFormat(Qt.TextFormat.PlainText)
    latest = damage.latest
    if latest is None:
        box.addButton(QMessageBox.StandardButton.Ok)
    else:
        restore = box.addButton(
            f"&Restore the backup of {day_and_time(latest.taken_at)}",
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton("&Not now", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)

        def chosen(_result: int) -> None:
            if box.clickedButton() is restore:
                restore_backup(window, latest)

        box.finished.connect(chosen)
    box.open()
    return box


def _failed(window: MainWindow, error: BaseException) -> None:
    if isinstance(error, DamagedDatabase):
        offer_restore(window, error)
    else:
        show_error(window, error, str(window.paths.log_file))
