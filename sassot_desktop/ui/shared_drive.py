"""The window's side of the shared drive: Sync now, the status-bar note, the automatic syncs.

Everything that touches the drive runs in the background, even the look at whether it is
there: on Windows, a network path that does not answer can hold a call for seconds. The drive
has a runner of its own. The window's runner does one job at a time so that database writers
never overlap; a sync writes nothing to the database, and one waiting on a slow drive must not
hold up a check-in or a print run behind it.

An automatic sync (at start, after a register is closed) never opens a box: an unreachable
drive, a conflict or a failed file only changes the note. Sync now says what happened.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from sassot_desktop.paths import DataPaths
from sassot_desktop.progress import Progress
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.runner import Runner

if TYPE_CHECKING:  # the window opens before the database layer is loaded
    from sassot_desktop.db.engine import Database

log = logging.getLogger(__name__)

NOT_CHOSEN = "Shared drive not chosen"


class SharedDrive(QObject):
    def __init__(self, window: QMainWindow, paths: DataPaths) -> None:
        super().__init__(window)
        self._window = window
        self._paths = paths
        # Set once the database is open; until then a sync sends the outbox as it stands.
        self.db: Database | None = None
        self.runner = Runner(self)
        self._running: Progress | None = None
        # Asked for while a sync ran: one more when it ends (False: by the officer, so told).
        self._queued_automatic: bool | None = None
        self.note = QLabel("")
        self.note.setAccessibleName("Shared drive")
        window.statusBar().addPermanentWidget(self.note)

    def target(self) -> str | None:
        from sassot_desktop.exchange.sync import TARGET_SETTING
        from sassot_desktop.settings import Settings

        return (Settings(self._paths.data_dir).get(TARGET_SETTING) or "").strip() or None

    @property
    def busy(self) -> bool:
        return self._running is not None

    def sync_now(self) -> None:
        self._start(automatic=False)

    def sync_automatically(self) -> None:
        self._start(automatic=True)

    def target_changed(self, target: str) -> None:
        if target:
            self.sync_automatically()
        else:
            self._say(NOT_CHOSEN, "Choose a shared drive folder in File → Settings….")

    def stop(self, msecs: int = 10_000) -> None:
        """The window is closing: stop after the file being copied, and wait for that."""
        if self._running is not None:
            self._running.cancel()
        self.runner.wait(msecs)

    def _start(self, automatic: bool) -> None:
        target = self.target()
        if target is None:
            self._say(NOT_CHOSEN, "Choose a shared drive folder in File → Settings….")
            if not automatic:
                from sassot_desktop.exchange.sync import chosen_target
                from sassot_desktop.settings import Settings

                try:
                    chosen_target(Settings(self._paths.data_dir))
                except Exception as error:
                    show_error(self._window, error)
            return
        if self._running is not None:
            self._queued_automatic = automatic and self._queued_automatic is not False
            if not automatic:
                self._window.statusBar().showMessage(
                    "A sync is under way; another follows as soon as it ends.", 5000
                )
            return
        self._say("Syncing to the shared drive…", f"Copying the exports to {target}.")
        paths, db = self._paths, self.db

        def work(progress: Progress):
            from sassot_desktop.exchange import outbox
            from sassot_desktop.exchange import sync as engine

            try:
                if db is not None:
                    outbox.refresh(db, paths, progress)
                report = engine.sync(paths, target, progress)
                problem = None
            except engine.DriveUnreachable as unreachable:
                report, problem = None, unreachable
            return report, problem, engine.read_status(paths, target, look_at_drive=False)

        self._running = self.runner.run(
            work,
            on_done=lambda outcome: self._synced(*outcome, automatic=automatic),
            on_error=lambda error: self._failed(error, automatic),
            on_cancelled=self._cancelled,
            title="Syncing to the shared drive",
            parent=self._window,
            quiet=automatic,
        )

    def _synced(self, report, problem, status, automatic: bool) -> None:
        self._running = None
        if report is None:
            self._say(f"Shared drive not reachable · {_waiting(status.waiting)}", str(problem))
            if not automatic:
                show_error(self._window, problem)
        else:
            self._say(note_for(status), report.summary())
            if not automatic:
                self._tell(report)
        self._next()

    def _failed(self, error: Exception, automatic: bool) -> None:
        self._running = None
        self._say("Sync failed · see the log", "The last sync stopped on an unexpected error.")
        if not automatic:
            show_error(self._window, error, str(self._paths.log_file))
        self._next()

    def _cancelled(self) -> None:
        self._running = None
        self._say("Sync cancelled", "Files not yet copied go with the next sync.")
        self._next()

    def _next(self) -> None:
        if self._queued_automatic is not None:
            automatic, self._queued_automatic = self._queued_automatic, None
            self._start(automatic)

    def _tell(self, report) -> None:
        if report.complete:
            self._window.statusBar().showMessage(report.summary(), 8000)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Sync to the shared drive",
            report.summary(),
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setAccessibleName("Sync to the shared drive")
        box.setDetailedText("\n".join(report.lines()))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    def _say(self, text: str, details: str) -> None:
        self.note.setText(text)
        self.note.setToolTip(details)


def note_for(status, now: datetime | None = None) -> str:
    """``Synced 14:02 · 3 files waiting``, with conflicts when a colleague's file is in the way."""
    if status.last_synced is None:
        text = f"Not synced yet · {_waiting(status.waiting)}"
    else:
        text = f"Synced {_when(status.last_synced, now)} · {_waiting(status.waiting)}"
    if status.conflicts:
        text += f" · {status.conflicts} {'conflict' if status.conflicts == 1 else 'conflicts'}"
    return text


def _waiting(count: int) -> str:
    if count == 0:
        return "nothing waiting"
    return f"{count:,} {'file' if count == 1 else 'files'} waiting"


def _when(moment: datetime, now: datetime | None) -> str:
    from sassot_desktop.clock import venue_now

    today = (now or venue_now()).date()
    return f"{moment:%H:%M}" if moment.date() == today else f"{moment:%d/%m} {moment:%H:%M}"
