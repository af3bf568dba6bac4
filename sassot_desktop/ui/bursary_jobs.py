"""The bursary page's long work, run on the window's background runner: a batch of letters
and the finance workbook, each with progress and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.ui.bursaries import BursariesPage
from sassot_desktop.ui.messages import show_error


class BursaryJobs:
    def __init__(self, window: QMainWindow, page: BursariesPage, db: Database) -> None:
        self._window = window
        self._page = page
        self._db = db
        page.letters_requested.connect(self.write_letters)
        page.report_requested.connect(self.write_report)

    def write_letters(self, application_ids: list[int], folder: str) -> None:
        from sassot_desktop.bursaries.letters import write_letters

        today = venue_today()
        wording = self._page.wording()  # read here: the worker thread leaves settings alone
        self._window.runner.run(
            lambda progress: write_letters(
                self._db, application_ids, folder, today, progress, wording
            ),
            on_done=lambda written: self._page.said.emit(written.message),
            on_error=self._failed,
            title="Writing the letters",
            parent=self._page,
        )

    def write_report(self, round_id: int, path: str) -> None:
        from sassot_desktop.bursaries.finance import write_finance_report

        self._window.runner.run(
            lambda _progress: write_finance_report(self._db, round_id, path),
            on_done=lambda report: self._page.said.emit(report.message),
            on_error=self._failed,
            title="Writing the finance export",
            parent=self._page,
        )

    def _failed(self, error: Exception) -> None:
        show_error(self._page, error, str(self._window.paths.log_file))
