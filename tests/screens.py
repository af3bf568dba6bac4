"""Finding what a screen shows: dialogs that opened, rows a table lists."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def open_dialog(kind: type[QWidget]) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


def message_box() -> QMessageBox | None:
    return open_dialog(QMessageBox)


def click_button(box: QMessageBox, text: str) -> None:
    for button in box.buttons():
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"No button {text!r} in {[b.text() for b in box.buttons()]}")


def column_texts(model, column: int = 0) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]
