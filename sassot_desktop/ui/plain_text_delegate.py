"""Painting a long list's cells as one line of plain text each, fast enough to repaint on
every key the officer types.

Qt's own delegate lays out every cell's text afresh on every paint (asking the model for seven
roles first); with a screenful of six columns that was most of a key's repaint. Here each
text is laid out once (``QStaticText``) and kept for the column width it was cut to, so the
districts, clubs and roles that repeat down a list, and the rows that stay as more letters are
typed, are drawn from the cache. The colours are read from the palette at the first paint; a
change of desktop theme shows in a newly opened window.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

# As plain numbers: combining Python's enum flags cost a sixth of the painting.
_ACTIVE = QStyle.StateFlag.State_Active.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_SELECTED = QStyle.StateFlag.State_Selected.value
TEXTS_KEPT = 5000  # several screenfuls of every column
MARGIN = 4  # pixels of room either side of a cell's text, as Qt's own delegate leaves


@dataclass(frozen=True)
class _Looks:
    highlight: QBrush
    alternate: QBrush
    highlighted_text: QColor
    text: QColor
    line_height: int

    @classmethod
    def of(cls, option: QStyleOptionViewItem, group: QPalette.ColorGroup) -> _Looks:
        palette = option.palette
        return cls(
            palette.brush(group, QPalette.ColorRole.Highlight),
            palette.brush(group, QPalette.ColorRole.AlternateBase),
            palette.color(group, QPalette.ColorRole.HighlightedText),
            palette.color(group, QPalette.ColorRole.Text),
            option.fontMetrics.height(),
        )


class PlainTextDelegate(QStyledItemDelegate):
    """One line of text per cell, cut with "…" where it does not fit; selection and
    alternating rows drawn from the view's palette."""

    def __init__(self, text_of: Callable[[int, int], str], view: QAbstractItemView) -> None:
        """``text_of(row, column)`` is the model's text for a cell: asked directly, since a
        round trip through Qt's ``data()`` costs more than the drawing. ``view`` shows the
        cells: its rows alternate in colour if it said so by now."""
        super().__init__(view)
        self._text_of = text_of
        self._alternate = view.alternatingRowColors()
        self._laid_out: OrderedDict[tuple[str, int], QStaticText] = OrderedDict()
        self._looks_of: dict[QPalette.ColorGroup, _Looks] = {}

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # Every call into Qt from here costs (the option's palette and font are copied on each
        # read), so the colours and the line height are read once per palette.
        state = option.state.value
        looks = self._looks(option, state)
        rect = option.rect
        row = index.row()
        if state & _SELECTED:
            painter.fillRect(rect, looks.highlight)
            painter.setPen(looks.highlighted_text)
        else:
            # Every other row, as the view marks them (odd rows), without reading the option's
            # features: each read of a flag makes a Python enum.
            if row & 1 and self._alternate:
                painter.fillRect(rect, looks.alternate)
            painter.setPen(looks.text)
        text = self._text_of(row, index.column())
        width = rect.width() - 2 * MARGIN
        if text and width > 0:
            top = rect.y() + (rect.height() - looks.line_height) // 2
            painter.drawStaticText(rect.x() + MARGIN, top, self._text(text, width, option))

    def _looks(self, option: QStyleOptionViewItem, state: int) -> _Looks:
        # A disabled view (a list still being worked out) is drawn greyed, as Qt's own would.
        if not state & _ENABLED:
            group = QPalette.ColorGroup.Disabled
        elif state & _ACTIVE:
            group = QPalette.ColorGroup.Active
        else:
            group = QPalette.ColorGroup.Inactive
        looks = self._looks_of.get(group)
        if looks is None:
            looks = self._looks_of[group] = _Looks.of(option, group)
        return looks

    def _text(self, text: str, width: int, option: QStyleOptionViewItem) -> QStaticText:
        key = (text, width)
        laid_out = self._laid_out.get(key)
        if laid_out is not None:
            self._laid_out.move_to_end(key)
            return laid_out
        one_line = " ".join(text.splitlines())
        shown = option.fontMetrics.elidedText(one_line, Qt.TextElideMode.ElideRight, width)
        laid_out = QStaticText(shown)
        laid_out.setTextFormat(Qt.TextFormat.PlainText)
        laid_out.prepare(font=option.font)
        self._laid_out[key] = laid_out
        if len(self._laid_out) > TEXTS_KEPT:
            self._laid_out.popitem(last=False)
        return laid_out
