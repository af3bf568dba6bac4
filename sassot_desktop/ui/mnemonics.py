"""Alt+letter keys on a screen built from parts made elsewhere: each letter kept once.

A person's page holds the person form, the standards widget and the volunteering widget, each
of which has its own Alt+letters where it stands alone (a dialog, another page). Put together,
the same letter would mean two things, and Qt would then only cycle the focus between them.
``keep_each_letter_once`` keeps the first use of a letter, in the order of the page, and takes
the & off the later ones: those controls are still reached with Tab from their section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMainWindow, QWidget

# An & before a letter makes it the mnemonic; && is a plain ampersand.
_MNEMONIC = re.compile(r"&(&|[^&\s])")


def letter_of(text: str) -> str | None:
    """The Alt+letter ``text`` gives its control, in lower case, or None."""
    for match in _MNEMONIC.finditer(text):
        if match.group(1) != "&":
            return match.group(1).lower()
    return None


def menu_letters(widget: QWidget) -> set[str]:
    """The letters the window's menu bar uses (File, Go, Help), if ``widget`` is in one."""
    window = widget.window()
    if not isinstance(window, QMainWindow):
        return set()
    return {letter for action in window.menuBar().actions() if (letter := letter_of(action.text()))}


def keep_each_letter_once(parts: Iterable[QWidget], taken: set[str]) -> None:
    """Take the & off every label, button or box title whose letter is already ``taken``
    (by the menus, or by an earlier control in ``parts``, read in order)."""
    taken = set(taken)
    for part in parts:
        for control in [part, *part.findChildren(QWidget)]:
            text, set_text = _text_of(control)
            letter = None if text is None else letter_of(text)
            if letter is None:
                continue
            if letter in taken:
                set_text(_without_mnemonic(text))
            else:
                taken.add(letter)


def _text_of(control: QWidget):
    # A label's & is a mnemonic only when it has a buddy; otherwise it is shown as it is.
    if isinstance(control, QLabel) and control.buddy() is not None:
        return control.text(), control.setText
    if isinstance(control, QAbstractButton):
        return control.text(), control.setText
    if isinstance(control, QGroupBox):
        # QGroupBox.title: a person's page section keeps its own name in ``title``.
        return QGroupBox.title(control), control.setTitle
    return None, None


def _without_mnemonic(text: str) -> str:
    return _MNEMONIC.sub(lambda m: "&&" if m.group(1) == "&" else m.group(1), text)
