"""The whole evening with the keyboard alone: every key goes to whatever has the focus."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from keys import press, type_text
from sassot_desktop.ui.main_window import MainWindow
from sassot_desktop.ui.walk_in_dialog import WalkInDialog
from screens import message_box, open_dialog


def focused():
    return QApplication.focusWidget()


def key(name: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    press(focused(), name, modifiers)


def test_tick_walk_in_undo_and_close_without_a_mouse(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    window.show_start_page()
    qtbot.waitExposed(window)
    window.activateWindow()
    screen = window.check_in
    qtbot.waitUntil(lambda: focused() is screen.search)

    for name in ("zoe", "lukasz w", "priya"):
        type_text(focused(), name)
        key(Qt.Key.Key_Return)
    assert screen.banner.text().startswith("3 of ")

    key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Priya was a slip
    assert screen.banner.text().startswith("2 of ")

    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(window, WalkInDialog)
    qtbot.waitUntil(lambda: focused() is dialog.form.first_name)
    type_text(focused(), "Bronwen")
    key(Qt.Key.Key_Tab)
    type_text(focused(), "Pugh")
    key(Qt.Key.Key_Return)  # the default button: add as a new person
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "· 1 walk-in ·" in screen.banner.text()
    qtbot.waitUntil(lambda: focused() is screen.search)

    expected = int(re.search(r"(\d+) not yet arrived", screen.banner.text()).group(1))
    key(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    box = message_box(window)
    assert box is not None
    qtbot.waitUntil(lambda: focused() in box.buttons())
    key(Qt.Key.Key_Tab)  # from Cancel, the safe default, to "Close register"
    key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.feedback.text().startswith("Register closed"))
    assert screen.feedback.text() == f"Register closed: {expected} marked as no-show."


def test_no_two_controls_on_a_page_share_an_alt_letter(qtbot, workspace):
    """Alt+letter must reach one control: the menus' letters and each page's are distinct."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    pages = (window.check_in, window.workshops, window.workshop, window.paper_register)
    for page in pages:
        texts = menus + [w.text() for w in page.findChildren(QAbstractButton)]
        texts += [w.text() for w in page.findChildren(QLabel) if w.buddy() is not None]
        letters = [m.group(1).lower() for t in texts if (m := re.search(r"&(\w)", t))]
        repeated = {letter for letter in letters if letters.count(letter) > 1}
        assert not repeated, f"{type(page).__name__} repeats Alt+{sorted(repeated)}"
