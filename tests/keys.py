"""Typing into widgets as a person would, including letters QTest.keyClicks cannot send.

``qtbot.keyClicks`` aborts the whole test process on most non-ASCII letters (a Qt assertion),
so each character goes as its own key event carrying the text.
"""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def type_text(widget, text: str) -> None:
    for character in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            widget,
            Qt.Key.Key_unknown,
            character,
            Qt.KeyboardModifier.NoModifier,
        )


def press(widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifiers)
