"""Doing something the moment a window has first been painted, and not before.

At start-up the officer is waiting for tonight's register; parts of the window that the first
paint does not show (the shared drive's runner, the offline registers) are built right after
it, before any key typed at the window is handled.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Once the paint pass is over and the window is on screen.
            QTimer.singleShot(0, self._then)
            self.deleteLater()
        return False


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once ``window`` has painted for the first time."""
    window.installEventFilter(_FirstPaint(window, then))
