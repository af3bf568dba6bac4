"""Telling the officer about a failure: one sentence on screen, the traceback in the log.

QMessageBox is imported where a box is opened: making its Python class costs the window's
first paint a few milliseconds, and most evenings no box is ever opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from sassot_desktop import APP_NAME
from sassot_desktop.errors import UserError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def sentence_for(error: BaseException, log_file: str | None = None) -> str:
    if isinstance(error, UserError):
        return error.message
    where = f" ({log_file})" if log_file else ""
    return (
        "Something went wrong and nothing more was saved. Try again; if it happens again, "
        f"send the log file{where} to the team."
    )


def show_error(parent: QWidget | None, error: BaseException, log_file: str | None = None) -> None:
    from PySide6.QtWidgets import QMessageBox

    if not isinstance(error, UserError):
        log.error("Shown to the officer", exc_info=error)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        APP_NAME,
        sentence_for(error, log_file),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAccessibleName("Problem")
    box.open()


def confirm(
    parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], None]
) -> QMessageBox:
    """Ask before something hard to take back; Cancel is the default, so Enter is safe."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAccessibleName(title)
    box.finished.connect(lambda _result: on_yes() if box.clickedButton() is yes else None)
    box.open()
    return box
