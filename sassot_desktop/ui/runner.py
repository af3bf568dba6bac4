"""The one background runner: long work off the UI thread, with progress, cancel and results
delivered back on the GUI thread.

Usage: ``runner.run(work, on_done=..., title="Loading demo data")`` where ``work`` takes a
``Progress`` and returns a value. The work must open its own database session; Qt objects stay
on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from sassot_desktop.errors import UserError
from sassot_desktop.progress import Cancelled, Progress

log = logging.getLogger(__name__)


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        # The runner lets go of the job on the GUI thread once it has reported; deleting it
        # from the pool's thread (Qt's default) frees Python objects there, mid-emit.
        self.setAutoDelete(False)
        self.signals = signals
        self.progress = Progress(self.signals.progressed.emit)
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except UserError as error:
            self.signals.failed.emit(error)
        except Exception as error:  # reported to the officer as a sentence, logged in full
            log.exception("Background work failed")
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class Runner(QObject):
    """Runs jobs one at a time on a private pool, so database writers never overlap."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running: set[_Job] = set()

    def run(
        self,
        work: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        title: str,
        parent: QWidget | None = None,
        on_cancelled: Callable[[], None] | None = None,
        quiet: bool = False,
    ) -> Progress:
        """Run ``work`` in the background; ``quiet`` work shows no progress dialog."""
        signals = _Signals(self)
        job = _Job(work, signals)
        self._running.add(job)
        dialog = None if quiet else self._progress_dialog(title, parent, job.progress)

        def finish(callback: Callable[..., None] | None, *value: Any) -> None:
            self._running.discard(job)
            signals.deleteLater()
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()
            if callback is not None:
                callback(*value)

        if dialog is not None:
            signals.progressed.connect(lambda done, total, text: _show(dialog, done, total, text))
        signals.finished.connect(lambda result: finish(on_done, result))
        signals.failed.connect(lambda error: finish(on_error, error))
        signals.cancelled.connect(lambda: finish(on_cancelled))
        self._pool.start(job)
        return job.progress

    @staticmethod
    def _progress_dialog(title: str, parent: QWidget | None, progress: Progress) -> QProgressDialog:
        dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Short jobs finish before the dialog would flash up.
        dialog.setMinimumDuration(400)
        dialog.setAccessibleName(title)
        dialog.canceled.connect(progress.cancel)
        return dialog

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)


def _show(dialog: QProgressDialog, done: int, total: int, text: str) -> None:
    dialog.setMaximum(total)
    dialog.setValue(done)
    if text:
        dialog.setLabelText(text)
