"""Every page of the window: each Alt+letter on it means one thing, and none takes the letter
of a menu (File, Go, Help), where Qt would only cycle the focus between the two."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

from sassot_desktop.db.models import Workshop
from screens import shown_window

_MNEMONIC = re.compile(r"&(&|[^&\s])")

PAGES = {
    "workshops": lambda window, ids: window.show_workshops(),
    "people": lambda window, ids: window.show_people(),
    "standards": lambda window, ids: window.show_standards(),
    "bursaries": lambda window, ids: window.show_bursaries(),
    "volunteering": lambda window, ids: window.show_volunteering(),
    "award rounds": lambda window, ids: window.show_award_rounds(),
    "duplicates": lambda window, ids: window.show_duplicates(),
    "a workshop": lambda window, ids: window.show_workshop(ids[0]),
    "check-in": lambda window, ids: window.show_check_in(ids[0]),
}


def letters_in_use(window) -> list[str]:
    """The Alt+letters of the page on show (its visible labels with a buddy, buttons and box
    titles) and of the menu bar."""
    page = window.pages.currentWidget()
    texts = [
        label.text()
        for label in page.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(page)
    ]
    texts += [b.text() for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page)]
    texts += [QGroupBox.title(b) for b in page.findChildren(QGroupBox) if b.isVisibleTo(page)]
    texts += [action.text() for action in window.menuBar().actions()]
    return [
        m.group(1).lower() for text in texts for m in _MNEMONIC.finditer(text) if m.group(1) != "&"
    ]


@pytest.mark.parametrize("name", list(PAGES))
def test_every_alt_letter_on_the_page_is_its_own(qtbot, demo_workspace, name):
    window = shown_window(qtbot, demo_workspace)
    with demo_workspace.db.read() as session:
        ids = [session.query(Workshop.id).order_by(Workshop.id).first()[0]]
    PAGES[name](window, ids)
    qtbot.wait(50)
    letters = letters_in_use(window)
    assert len(letters) > 3, letters
    repeated = sorted({letter for letter in letters if letters.count(letter) > 1})
    assert not repeated, f"on the {name} page, Alt+{', Alt+'.join(repeated)} mean two things"


def test_every_page_fits_a_laptop_screen_of_1366_by_768(qtbot, demo_workspace):
    """The window is as wide as its widest page: one page's long row of buttons would push the
    whole window past the screen of the officer's laptop."""
    window = shown_window(qtbot, demo_workspace)
    with demo_workspace.db.read() as session:
        ids = [session.query(Workshop.id).order_by(Workshop.id).first()[0]]
    for name, show in PAGES.items():
        show(window, ids)
        qtbot.wait(10)
        needed = window.minimumSizeHint()
        assert needed.width() <= 1366 and needed.height() <= 740, (name, needed)
