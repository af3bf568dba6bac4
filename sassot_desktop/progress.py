"""How long work reports how far it has got, and learns that the officer pressed Cancel.

Qt-free on purpose: the CLI passes nothing (or a printer), the window's background runner
passes one wired to a progress dialog.
"""

from __future__ import annotations

from collections.abc import Callable


class Cancelled(Exception):
    """The officer cancelled; the work stops and its transaction is rolled back."""


class Progress:
    def __init__(self, on_report: Callable[[int, int, str], None] | None = None) -> None:
        self._on_report = on_report
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def report(self, done: int, total: int, text: str = "") -> None:
        """Say how far the work is; raises ``Cancelled`` once the officer has asked to stop."""
        if self._cancelled:
            raise Cancelled()
        if self._on_report is not None:
            self._on_report(done, total, text)
