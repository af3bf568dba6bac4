"""Painting a long list's cells as one line of plain text each, fast enough to repaint on
every key the officer types.

Qt's own delegate lays out every cell's text afresh on every paint (asking the model for seven
roles first); with a screenful of six columns that was most of a key's repaint. Here a text
drawn a second time is laid out once (``QStaticText``) and kept for the column width it was
cut to, so the districts, clubs and roles that repeat down a list are drawn from the cache;
a text met for the first time (most names and emails of a new search) is simply drawn, which
costs a third of laying it out to keep. The colours are read from the palette at the first
paint; a change of desktop theme shows in a newly opened window.
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
_LOOKS_BITS = _ENABLED | _ACTIVE
TEXTS_KEPT = 5000  # several screenfuls of every column
DRAWN_ONCE_KEPT = 20_000  # texts drawn once, remembered to lay them out if drawn again
MARGIN = 4  # pixels of room either side of a cell's text, as Qt's own delegate leaves


@dataclass(frozen=True)
class _Looks:
    highlight: QBrush
    alternate: QBrush
    highlighted_text: QColor
    text: QColor
    line_height: int
    ascent: int  # from a line's top to its text's baseline

    @classmethod
    def of(cls, option: QStyleOptionViewItem, group: QPalette.ColorGroup) -> _Looks:
        palette = option.palette
        return cls(
            palette.brush(group, QPalette.ColorRole.Highlight),
            palette.brush(group, QPalette.ColorRole.AlternateBase),
            palette.color(group, QPalette.ColorRole.HighlightedText),
            palette.color(group, QPalette.ColorRole.Text),
            option.fontMetrics.height(),
            option.fontMetrics.ascent(),
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
        self._drawn_once: set[tuple[str, int]] = set()
        # By the state's enabled and active flags: naming the palette's colour group on
        # every cell cost more than drawing its text.
        self._looks_of: dict[int, _Looks] = {}

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # Every call into Qt from here costs (the option's palette and font are copied on each
        # read), so the colours and the line height are read once per palette.
        state = option.state.value
        looks = self._looks_of.get(state & _LOOKS_BITS) or self._looks(option, state)
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
        if not text or width <= 0:
            return
        x, top = rect.x() + MARGIN, rect.y() + (rect.height() - looks.line_height) // 2
        key = (text, width)
        laid_out = self._laid_out.get(key)
        if laid_out is not None:
            self._laid_out.move_to_end(key)
            painter.drawStaticText(x, top, laid_out)
        elif key in self._drawn_once:
            painter.drawStaticText(x, top, self._lay_out(key, option))
        else:
            if len(self._drawn_once) > DRAWN_ONCE_KEPT:
                self._drawn_once.clear()
            self._drawn_once.add(key)
            painter.drawText(x, top + looks.ascent, _fitted(text, width, option))

    def _looks(self, option: QStyleOptionViewItem, state: int) -> _Looks:
        # A disabled view (a list still being worked out) is drawn greyed, as Qt's own would.
        if not state & _ENABLED:
            group = QPalette.ColorGroup.Disabled
        elif state & _ACTIVE:
            group = QPalette.ColorGroup.Active
        else:
            group = QPalette.ColorGroup.Inactive
        looks = self._looks_of[state & _LOOKS_BITS] = _Looks.of(option, group)
        return looks

    def _lay_out(self, key: tuple[str, int], option: QStyleOptionViewItem) -> QStaticText:
        text, width = key
        laid_out = QStaticText(_fitted(text, width, option))
        laid_out.setTextFormat(Qt.TextFormat.PlainText)
        laid_out.prepare(font=option.font)
        self._laid_out[key] = laid_out
        if len(self._laid_out) > TEXTS_KEPT:
            self._laid_out.popitem(last=False)
        return laid_out


def _fitted(text: str, width: int, option: QStyleOptionViewItem) -> str:
    """``text`` on one line, cut with "…" where it is wider than ``width``."""
    one_line = " ".join(text.splitlines())
    metrics = option.fontMetrics
    if metrics.horizontalAdvance(one_line) <= width:
        return one_line
    return metrics.elidedText(one_line, Qt.TextElideMode.ElideRight, width)
