"""Taking a workshop's register offline, uploading it, and the upload's report with its merges.

The window owns one ``OfflineRegisters``; the workshop page, the File menu and the list of the
laptop's registers ask it. Taking and uploading talk to the server, so both run on the
background runner; a copy that is all uploaded may be moved to the backups folder.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.officer import chosen_name
from sassot_desktop.paths import DataPaths
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.runner import Runner

if TYPE_CHECKING:  # the window is built before the database layer loads (``ui.app``)
    from sassot_desktop.attendance.offline import OfflineCopy
    from sassot_desktop.db.engine import Database


class OfflineRegisters(QObject):
    said = Signal(str)  # one sentence for the status bar
    changed = Signal()  # a register was taken or uploaded: pages showing it should reload

    def __init__(self, parent: QWidget, paths: DataPaths, runner: Runner) -> None:
        super().__init__(parent)
        self._window = parent
        self._paths = paths
        self._runner = runner
        self.db: Database | None = None  # the server's records, once open
        self.on_copy = False  # the window works on a register taken offline, not the server
        self.last_report = None
        self.walk_ins_dialog = None
        self.list_dialog = None
        self.venue_windows: list = []  # windows opened on a register's check-in from the list

    @property
    def folder(self):
        from sassot_desktop.attendance import offline

        return offline.folder_of(self._paths.data_dir)

    def take(self, workshop_id: int) -> None:
        from sassot_desktop.attendance import offline

        db, folder = self.db, self.folder

        def done(copy: OfflineCopy) -> None:
            self.said.emit(
                f"The register of {copy.described} is on this computer: at the venue, open it "
                "from File › Open offline register."
            )
            self.changed.emit()

        self._runner.run(
            lambda _progress: offline.take_offline(db, workshop_id, folder),
            on_done=done,
            on_error=self._failed,
            title="Taking the register offline",
            parent=self._window,
        )

    def upload(self, workshop_id: int | None = None) -> None:
        """Upload this computer's registers waiting (only ``workshop_id``'s, if given), once
        the officer has said who each walk-in who may be on file is."""
        from sassot_desktop.attendance import offline
        from sassot_desktop.attendance.upload import walk_ins_on_file

        copies = [
            copy
            for copy in offline.copies_in(self.folder)
            if (copy.waiting or copy.uploaded_at is None)
            and workshop_id in (None, copy.workshop_id)
        ]
        if not copies:
            self.said.emit("No register taken offline on this computer is waiting to upload.")
            return

        def work(progress) -> tuple[list, list]:
            with self._server() as server:
                matches = []
                for number, copy in enumerate(copies):
                    progress.report(number, len(copies), f"Checking walk-ins: {copy.described}")
                    matches.extend(walk_ins_on_file(server, copy.path))
                if matches:
                    return matches, []  # asked first: nothing is uploaded yet
                return [], _upload_each(server, copies, {}, progress)

        def checked(result: tuple[list, list]) -> None:
            matches, reports = result
            if matches:
                self._ask_about(matches, copies)
            else:
                self._uploaded(reports)

        self._runner.run(
            work, on_done=checked, on_error=self._failed, title="Uploading", parent=self._window
        )

    def _ask_about(self, matches: list, copies: list) -> None:
        from sassot_desktop.ui.walk_ins_on_file import WalkInsOnFileDialog

        self.walk_ins_dialog = dialog = WalkInsOnFileDialog(matches, self._window)
        dialog.accepted.connect(lambda: self._upload_answered(copies, dict(dialog.answers)))
        dialog.rejected.connect(lambda: self.said.emit("Nothing was uploaded."))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _upload_answered(self, copies: list, answers: dict) -> None:
        def work(progress) -> list:
            with self._server() as server:
                return _upload_each(server, copies, answers, progress)

        self._runner.run(
            work,
            on_done=self._uploaded,
            on_error=self._failed,
            title="Uploading",
            parent=self._window,
        )

    def _uploaded(self, reports: list) -> None:
        self.changed.emit()
        self.show_reports(reports)

    @contextmanager
    def _server(self):
        """The server's database; opened with the window on a register file, it is reached
        only now, and closed after."""
        server = _server_of(self._paths) if self.on_copy else self.db
        try:
            yield server
        finally:
            if server is not self.db:
                server.close()

    def show_list(self) -> None:
        """File › Offline registers…: the laptop's registers, one window however often asked."""
        from sassot_desktop.ui.offline_register_list import OfflineRegisterList

        if self.list_dialog is None:
            self.list_dialog = OfflineRegisterList(self, self._window)
            self.list_dialog.destroyed.connect(lambda: setattr(self, "list_dialog", None))
            self.list_dialog.finished.connect(self.list_dialog.deleteLater)
        self.list_dialog.open()
        self.list_dialog.raise_()
        self.list_dialog.activateWindow()

    def open_check_in(self, copy: OfflineCopy) -> None:
        """A window on the register file, open on its check-in, as at the venue."""
        from sassot_desktop.ui.app import show_offline_register

        window = show_offline_register(self._paths, copy)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        workspace = window.workspace
        window.destroyed.connect(workspace.close)
        window.destroyed.connect(lambda: self.venue_windows.remove(window))
        self.venue_windows.append(window)

    def remove(self, register_files: list) -> None:
        """Move uploaded register files to the backups folder: off the list, nothing lost."""
        from sassot_desktop.attendance import offline

        moved = []
        try:
            for path in register_files:
                described = offline.read_copy(path).described
                offline.remove_copy(path, self._paths.backups)
                moved.append(described)
        except Exception as error:  # still waiting to upload, or the file is in use
            self._failed(error)
        self.changed.emit()
        if moved:
            self.said.emit(
                f"Moved the laptop's copy of the register of {' and '.join(moved)} to the "
                "backups folder."
            )
            if self.db is not None and not self.on_copy:
                self._tell_removals()

    def _tell_removals(self) -> None:
        """The server stops showing the register as held; out of reach, it is told at the
        next upload or take (``offline.tell_removals``), so a failure here says nothing."""
        from sassot_desktop.attendance import offline

        db, folder = self.db, self.folder
        self._runner.run(
            lambda _progress: offline.tell_removals(db, folder),
            on_done=lambda _told: self.changed.emit(),
            on_error=lambda _error: None,
            title="Telling the server",
            parent=self._window,
        )

    def show_reports(self, reports: list) -> None:
        remove = None if self.on_copy else self.remove  # never the file the window has open
        self.last_report = UploadReportDialog(reports, self._merge, self._window, remove)
        self.last_report.finished.connect(self.last_report.deleteLater)
        self.last_report.open()
        self.said.emit(reports[-1].summary if reports else "")

    def _merge(self, duplicate) -> None:
        from sassot_desktop.ui.merge_dialog import MergeDialog

        workspace = self._window.workspace
        try:
            dialog = MergeDialog(
                workspace, duplicate.existing_id, duplicate.walk_in_id, self._window
            )
        except Exception as error:  # merged or erased since the upload
            self._failed(error)
            return
        dialog.merge_chosen.connect(self._merge_chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _merge_chosen(self, kept_id: int, removed_id: int, from_removed: set[str]) -> None:
        from sassot_desktop.people.merging import merge_people

        db = self.db

        def work(_progress):
            with db.write() as session:
                return merge_people(session, kept_id, removed_id, from_removed)

        def done(result) -> None:
            if self.last_report is not None:
                self.last_report.merged(removed_id)
            self.said.emit(result.message)
            self.changed.emit()

        self._runner.run(
            work, on_done=done, on_error=self._failed, title="Merging", parent=self._window
        )

    def _failed(self, error: BaseException) -> None:
        show_error(self._window, error, str(self._paths.log_file))


def _upload_each(server: Database, copies: list, answers: dict, progress) -> list:
    from sassot_desktop.attendance.upload import upload

    reports = []
    for number, copy in enumerate(copies):
        progress.report(number, len(copies), f"Uploading {copy.described}")
        reports.append(upload(server, copy.path, answers))
    return reports


def _server_of(paths: DataPaths) -> Database:
    from sassot_desktop.db import location
    from sassot_desktop.db.engine import Database, sqlite_url

    url = location.chosen_url(paths) or sqlite_url(paths.database)
    return Database(url, chosen_name(paths.data_dir))


def open_copy_workspace(paths: DataPaths, copy: OfflineCopy):
    """A workspace on a register taken offline: the evening's check-in with no network."""
    from sassot_desktop.attendance import offline
    from sassot_desktop.workspace import Workspace

    db = offline.open_copy(copy.path)
    db.officer = chosen_name(paths.data_dir)
    return Workspace(paths, db)


class UploadReportDialog(QDialog):
    """What the upload did and what changed where; walk-ins who may be on file already, each
    with a button that opens the merge dialog on the pair."""

    def __init__(
        self,
        reports: list,
        merge: Callable[[object], None],
        parent: QWidget | None = None,
        remove: Callable[[list], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Upload of the offline register")
        self._merge = merge
        self._remove = remove
        self._uploaded_files = [report.path for report in reports if report.path]
        self._duplicates = [d for report in reports for d in report.possible_duplicates]
        summary = QLabel("\n".join(report.summary for report in reports))
        summary.setWordWrap(True)
        summary.setAccessibleName("Upload summary")
        self.changes = QListWidget()
        self.changes.setAccessibleName("What changed where")
        for report in reports:
            self.changes.addItems(report.on_file + report.reconciled)
        if not self.changes.count():
            self.changes.addItem("Nothing on the server had changed meanwhile.")
        changes_label = QLabel("&What changed where:")
        changes_label.setBuddy(self.changes)
        self.duplicates = QListWidget()
        self.duplicates.setAccessibleName("Walk-ins who may already be on file")
        for duplicate in self._duplicates:
            item = QListWidgetItem(duplicate.text)
            item.setData(Qt.ItemDataRole.UserRole, duplicate.walk_in_id)
            self.duplicates.addItem(item)
        duplicates_label = QLabel("Walk-ins who may already be &on file:")
        duplicates_label.setBuddy(self.duplicates)
        self.merge_button = QPushButton("&Compare and merge…")
        self.merge_button.setAccessibleName("Compare and merge")
        self.merge_button.clicked.connect(self._merge_selected)
        complete = bool(reports) and all(report.complete for report in reports)
        self.remove_button = QPushButton("&Remove the laptop's copy")
        self.remove_button.setAccessibleName("Remove the laptop's copy")
        self.remove_button.setToolTip(
            "Everything is on the server: move the register file on this computer to the "
            "backups folder"
        )
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self._remove_copies)
        self.remove_button.setVisible(complete and remove is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(changes_label)
        layout.addWidget(self.changes, 2)
        layout.addWidget(duplicates_label)
        layout.addWidget(self.duplicates, 1)
        layout.addWidget(buttons)
        for widget in (duplicates_label, self.duplicates):
            widget.setVisible(bool(self._duplicates))
        self.merge_button.setVisible(bool(self._duplicates))
        if self._duplicates:
            self.duplicates.setCurrentRow(0)
        self.resize(760, 420)

    def merged(self, removed_id: int) -> None:
        """The walk-in's record was merged away: take it off the list."""
        for row in reversed(range(self.duplicates.count())):
            if self.duplicates.item(row).data(Qt.ItemDataRole.UserRole) == removed_id:
                self.duplicates.takeItem(row)
        self._duplicates = [d for d in self._duplicates if d.walk_in_id != removed_id]
        self.merge_button.setEnabled(bool(self._duplicates))

    def _remove_copies(self) -> None:
        self._remove(self._uploaded_files)
        self.remove_button.setEnabled(False)
        self.remove_button.setText("Moved to the backups folder")

    def _merge_selected(self) -> None:
        row = self.duplicates.currentRow()
        if 0 <= row < len(self._duplicates):
            self._merge(self._duplicates[row])
