"""Finding what a screen shows: the dialogs a window opened, the rows a table lists."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from sassot_desktop.ui.main_window import MainWindow


def open_dialog(owner: QWidget, kind: type[QWidget]) -> QWidget | None:
    """The newest visible dialog of ``kind`` that ``owner`` (or one of its dialogs) opened."""
    shown = [w for w in owner.window().findChildren(kind) if w.isVisible()]
    return shown[-1] if shown else None


def message_box(owner: QWidget) -> QMessageBox | None:
    return open_dialog(owner, QMessageBox)


def click_button(box: QMessageBox, text: str) -> None:
    for button in box.buttons():
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"No button {text!r} in {[b.text() for b in box.buttons()]}")


def column_texts(model, column: int = 0) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def shown_window(qtbot, workspace) -> MainWindow:
    """The main window on ``workspace``, shown and exposed, closed after the test."""
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main
