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
        self._live: set[_Signals] = set()

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
        signals = _Signals()
        self._live.add(signals)
        job = _Job(work, signals)
        if quiet:
            signals.finished.connect(lambda result: self._finish(signals, on_done, result))
            signals.failed.connect(lambda error: self._finish(signals, on_error, error))
            self._pool.start(job)
            return job.progress
        dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Short jobs finish before the dialog would flash up.
        dialog.setMinimumDuration(400)
        dialog.setAccessibleName(title)
        dialog.canceled.connect(job.progress.cancel)

        def progressed(done: int, total: int, text: str) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            if text:
                dialog.setLabelText(text)

        def finish(callback: Callable[..., None] | None, *value: Any) -> None:
            self._live.discard(signals)
            dialog.reset()
            dialog.deleteLater()
            if callback is not None:
                callback(*value)

        signals.progressed.connect(progressed)
        signals.finished.connect(lambda result: finish(on_done, result))
        signals.failed.connect(lambda error: finish(on_error, error))
        signals.cancelled.connect(lambda: finish(on_cancelled))
        self._pool.start(job)
        return job.progress

    def _finish(self, signals: _Signals, callback: Callable[..., None], *value: Any) -> None:
        self._live.discard(signals)
        callback(*value)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
