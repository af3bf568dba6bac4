"""The long lists' cells: one line of text each, cut with "…" where it does not fit, drawn the
same whether a text is met for the first time or drawn from what was laid out before."""

from __future__ import annotations

from PySide6.QtGui import QPalette, QStandardItemModel
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

from sassot_desktop.ui.plain_text_delegate import PlainTextDelegate, _fitted

TEXTS = [
    ["Ó'Brien, Zoë", "zoe.obrien@example.org.uk"],
    ["Wiśniewski, Łukasz", "a very long club name that cannot fit in a narrow column at all"],
    ["Smith, Ann", "line one\nline two"],
]


def shown_table(qtbot) -> QTableView:
    model = QStandardItemModel(len(TEXTS), 2)
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setItemDelegate(PlainTextDelegate(lambda row, column: TEXTS[row][column], view))
    view.setColumnWidth(0, 160)
    view.setColumnWidth(1, 120)
    view.resize(340, 160)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_text_drawn_again_looks_as_it_did_the_first_time(qtbot):
    view = shown_table(qtbot)
    view.selectRow(1)
    first = view.viewport().grab().toImage()  # every text met for the first time
    view.viewport().repaint()  # now laid out to keep
    again = view.viewport().grab().toImage()  # and drawn from what was kept
    assert first == again


def test_the_highlighted_row_is_drawn_in_the_highlight_colour(qtbot):
    view = shown_table(qtbot)
    view.selectRow(2)
    view.setFocus()
    image = view.viewport().grab().toImage()
    row = view.visualRect(view.model().index(2, 1))
    highlight = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    corner = image.pixelColor(row.right() - 2, row.bottom() - 2)
    assert corner == highlight


def test_a_text_too_wide_is_cut_with_an_ellipsis_and_kept_on_one_line(qtbot):
    view = shown_table(qtbot)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    cut = _fitted(TEXTS[1][1], 120, option)
    assert cut.endswith("…") and TEXTS[1][1].startswith(cut[:-1])
    assert option.fontMetrics.horizontalAdvance(cut) <= 120
    assert _fitted("line one\nline two", 400, option) == "line one line two"
    assert _fitted("Smith, Ann", 400, option) == "Smith, Ann"
