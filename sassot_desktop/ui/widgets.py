"""Small widgets every screen uses: the type-to-find field and accessible labelled inputs."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

# What a district box shows for "no district": outside the county, or not known yet.
NO_DISTRICT = "— none / outside the county —"


class SearchField(QLineEdit):
    """A search box that leaves Ctrl+Z to the window (undo the last action, not the typing) and
    moves the selection of its results view with the arrow keys, so the hands stay on the keys.
    """

    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._results: QAbstractItemView | None = None
        self.setClearButtonEnabled(True)

    def drive(self, view: QAbstractItemView) -> None:
        self._results = view

    def event(self, event: QEvent) -> bool:
        # A QLineEdit claims Ctrl+Z through ShortcutOverride before any window shortcut sees it.
        if event.type() == QEvent.Type.ShortcutOverride and event.matches(
            QKeySequence.StandardKey.Undo
        ):
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit()
            return
        if self._results is not None and key in (
            Qt.Key.Key_Down,
            Qt.Key.Key_Up,
            Qt.Key.Key_PageDown,
            Qt.Key.Key_PageUp,
        ):
            self._move_selection(key)
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)

    def _move_selection(self, key: Qt.Key) -> None:
        view = self._results
        model = view.model()
        if model is None or model.rowCount() == 0:
            return
        current = view.currentIndex().row()
        step = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_PageDown: 10,
            Qt.Key.Key_PageUp: -10,
        }[key]
        row = min(max(0, current + step), model.rowCount() - 1)
        view.setCurrentIndex(model.index(row, 0))


def label_for(text: str, widget: QWidget, accessible_name: str | None = None) -> QLabel:
    """A visible label bound to its input (Alt+letter focuses it), and the input's accessible
    name."""
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(accessible_name or text.replace("&", "").rstrip(":"))
    return label


def back_button(page: QWidget, text: str, go_back) -> QPushButton:
    """The page's way back, also on Alt+Left (the platform's Back key) anywhere on the page."""
    button = QPushButton(text)
    button.setAccessibleName(text)
    button.clicked.connect(go_back)
    action = page_shortcut(page, text, QKeySequence.StandardKey.Back, go_back)
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"{text} ({keys})")
    return button


def page_shortcut(page: QWidget, text: str, keys, slot) -> QAction:
    """A shortcut that works anywhere on ``page`` while it is the page shown, and only then."""
    action = plain_action(text, page)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    page.addAction(action)
    return action


def plain_action(text: str, parent: QObject) -> QAction:
    """An action with a text and no icon.

    Made from its parent, the text set after: ``QAction(text, parent)`` makes PySide6 check
    whether the text could be an icon's file name, which builds the Python class of QIcon and
    its 151 theme names: 18 million instructions (about 6 ms) before the first paint.
    """
    action = QAction(parent)
    action.setText(text)
    return action


def heading(text: str = "", scale: float = 1.5) -> QLabel:
    """A page's title (or another line that must stand out): bold, larger, wrapping."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


ROWS_MEASURED = 100


def record_table(
    model: QAbstractItemModel,
    accessible_name: str,
    stretch: tuple[int, ...] = (0, 1),
    many: bool = False,
) -> QTableView:
    """A read-only table of records, one per row; ``stretch`` columns share the spare width.

    ``many`` lets Shift and Ctrl highlight several rows for actions on all of them.
    """
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    mode = QAbstractItemView.SelectionMode
    table.setSelectionMode(mode.ExtendedSelection if many else mode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Qt measures 1,000 rows for every column each time the list changes, which with five
    # years of workshops took the best part of a second; the rows shown and those just
    # below them are enough to fit the columns.
    header.setResizeContentsPrecision(ROWS_MEASURED)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


def fit_columns(table: QTableView, words: dict[int, Iterable[str]]) -> None:
    """Give each column in ``words`` the width of the widest text it can ever hold, once.

    For columns whose every possible text is known (a status, a time, yes or no) this takes
    the place of measuring the rows: a table sized to its contents asks the model for every
    cell of every column, in Python, each time it is shown or its rows change.
    """
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    # Room for the margins a style puts either side of a cell's text (3 px in Qt's own styles
    # at 96 dpi), taken from the font rather than asked of the style: the style's Python class
    # and its enums cost the first paint 41 million instructions (about 14 ms), for one number.
    padding = 2 * metrics.averageCharWidth() + (1 if table.showGrid() else 0)
    for column, texts in words.items():
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, max(widest + padding, header.sectionSizeHint(column)))
