"""The one background runner: long work off the UI thread, with progress, cancel and results
delivered back on the GUI thread.

Usage: ``runner.run(work, on_done=..., title="Loading demo data")`` where ``work`` takes a
``Progress`` and returns a value. The work must open its own database session; Qt objects stay
on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from sassot_desktop.errors import UserError
from sassot_desktop.progress import Cancelled, Progress

log = logging.getLogger(__name__)


class _Signals(QObject):
    """How jobs report to the GUI thread, each signal carrying the job it is about.

    One per runner, living as long as it: a QObject per job, deleted once the job had
    reported, crashed the process now and then in its deferred delete.
    """

    progressed = Signal(object, int, int, str)
    finished = Signal(object, object)
    failed = Signal(object, object)
    cancelled = Signal(object)


class _Callbacks(NamedTuple):  # not a dataclass: making one costs the first paint ~1 ms
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception], None]
    on_cancelled: Callable[[], None] | None
    dialog: QProgressDialog | None


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        # The runner lets go of the job on the GUI thread once it has reported; deleting it
        # from the pool's thread (Qt's default) frees Python objects there, mid-emit.
        self.setAutoDelete(False)
        self.signals = signals
        self.progress = Progress(self._report)
        self._work = work

    def _report(self, done: int, total: int, text: str) -> None:
        self.signals.progressed.emit(self, done, total, text)

    def run(self) -> None:
        try:
            result = self._work(self.progress)
        except Cancelled:
            self.signals.cancelled.emit(self)
        except UserError as error:
            self.signals.failed.emit(self, error)
        except Exception as error:  # reported to the officer as a sentence, logged in full
            log.exception("Background work failed")
            self.signals.failed.emit(self, error)
        else:
            self.signals.finished.emit(self, result)


class Runner(QObject):
    """Runs jobs one at a time on a private pool, so database writers never overlap."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running: dict[_Job, _Callbacks] = {}
        self._spent: _Job | None = None
        self._signals = _Signals(self)
        self._signals.progressed.connect(self._progressed)
        self._signals.finished.connect(lambda job, result: self._finish(job, "on_done", result))
        self._signals.failed.connect(lambda job, error: self._finish(job, "on_error", error))
        self._signals.cancelled.connect(lambda job: self._finish(job, "on_cancelled"))

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
        job = _Job(work, self._signals)
        dialog = None if quiet else self._progress_dialog(title, parent, job.progress)
        self._running[job] = _Callbacks(on_done, on_error, on_cancelled, dialog)
        self._pool.start(job)
        return job.progress

    def _progressed(self, job: _Job, done: int, total: int, text: str) -> None:
        callbacks = self._running.get(job)
        if callbacks is not None and callbacks.dialog is not None:
            _show(callbacks.dialog, done, total, text)

    def _finish(self, job: _Job, which: str, *value: Any) -> None:
        callbacks = self._running.pop(job)
        # The pool's thread may still be returning from this job's ``run``; hold on to it
        # until the next job reports (one thread: that one started after this one returned),
        # so it is freed here, on the GUI thread.
        self._spent = job
        if callbacks.dialog is not None:
            callbacks.dialog.reset()
            callbacks.dialog.deleteLater()
        callback = getattr(callbacks, which)
        if callback is not None:
            callback(*value)

    @staticmethod
    def _progress_dialog(title: str, parent: QWidget | None, progress: Progress) -> QProgressDialog:
        from PySide6.QtCore import Qt  # not at the top: see ``table_model``

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
