"""The equality monitoring page, reached from the people screen: counts only, small numbers
held back, saved as a workbook read back."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from test_equality_counts import counted_people  # noqa: F401 (a fixture)

from keys import press
from sassot_desktop.ui import exporting
from screens import shown_window


@pytest.fixture
def window(qtbot, counted_people):  # noqa: F811 (the fixture imported above)
    return shown_window(qtbot, counted_people)


def cells(page) -> dict[str, dict[str, str]]:
    return {
        title: {
            model.index(row, 0).data(): model.index(row, 1).data()
            for row in range(model.rowCount())
        }
        for title, model in page.models.items()
    }


def test_the_counts_open_from_the_people_screen_and_follow_the_group_chosen(window, qtbot):
    QTest.keySequence(window, "Ctrl+2")
    button = next(
        b
        for b in window.people.findChildren(QPushButton)
        if b.accessibleName() == "Equality monitoring"
    )
    assert button.text() == "E&quality monitoring…"  # Alt+Q
    button.click()
    page = window.equality
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: "24 people" in page.status.text(), timeout=10_000)
    shown = cells(page)
    assert shown["Gender"]["Female"] == "12"
    assert shown["Gender"]["Non-binary"] == "fewer than 5"
    assert shown["Ethnic group"]["White"] == "12"
    assert shown["Disability"]["Prefer not to say"] == "fewer than 5"
    every = " ".join(f"{a} {n}" for answers in shown.values() for a, n in answers.items())
    assert "Ann" not in every and "Example" not in every

    # The officer picks 2025/26 from the box by keyboard: those who came that year.
    assert page.group.hasFocus()
    for _ in range(2):
        press(page.group, Qt.Key.Key_Down)
    assert page.group.currentText() == "Came to a workshop in 2025/26"
    qtbot.waitUntil(lambda: "7 people" in page.status.text(), timeout=10_000)
    assert cells(page)["Gender"]["Male"] == "fewer than 5"

    press(page.group, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.people


def test_a_group_too_small_shows_no_answers(window, qtbot):
    window.show_equality_report()
    page = window.equality
    page.group.setCurrentText("Came to a workshop in 2024/25")
    qtbot.waitUntil(lambda: "nobody to count" in page.status.text(), timeout=10_000)
    assert not page.save_button.isEnabled()


def test_save_as_excel_writes_the_counts_in_the_background(window, qtbot, monkeypatch, tmp_path):
    offered = []
    chosen = tmp_path / "equality.xlsx"

    def ask(_parent, title, suggested):
        offered.append(suggested.name)
        return chosen

    monkeypatch.setattr(exporting, "ask_export_path", ask)
    window.show_equality_report()
    page = window.equality
    qtbot.waitUntil(lambda: page.save_button.isEnabled(), timeout=10_000)
    QTest.keySequence(page, "Ctrl+S")
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("Wrote the equality"), timeout=10_000)
    assert offered[0].startswith("equality monitoring ") and offered[0].endswith(".xlsx")
    rows = list(openpyxl.load_workbook(chosen).active.iter_rows(values_only=True))
    assert rows[1] == ("People counted", "Everyone on file", 24)
    assert ("Gender", "Female", 12) in rows
    assert ("Gender", "Non-binary", "fewer than 5") in rows
