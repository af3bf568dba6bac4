"""Small widgets every screen uses: the type-to-find field and accessible labelled inputs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Signal
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

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

# What a district box shows for "no district": outside the county, or not known yet.
NO_DISTRICT = "— none / outside the county —"

WIDGET_WITH_CHILDREN_SHORTCUT = 3  # Qt.ShortcutContext's number for it


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
        from PySide6.QtCore import Qt  # not at the top: see ``table_model``

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
        from PySide6.QtCore import Qt

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
    action = plain_action(text, page, keys)
    # Qt.ShortcutContext.WidgetWithChildrenShortcut, set by its number through Qt's property
    # system: naming it through ``Qt`` costs the first paint the whole Qt namespace's Python
    # enums (see ``table_model``), and the check-in page's shortcuts are made before it.
    action.setProperty("shortcutContext", WIDGET_WITH_CHILDREN_SHORTCUT)
    action.triggered.connect(slot)
    page.addAction(action)
    return action


def plain_action(text: str, parent: QObject, keys=None) -> QAction:
    """An action with a text, no icon and, if given, ``keys`` (a ``QKeySequence`` or what
    makes one) as its shortcut.

    Made from its parent, the text set after: ``QAction(text, parent)`` makes PySide6 check
    whether the text could be an icon's file name, which builds the Python class of QIcon and
    its 151 theme names: 18 million instructions (about 6 ms) before the first paint.
    The keys are given as a list of one: ``setShortcut``'s argument check looks at whether
    it is one of Qt's keys, which builds the whole ``Qt`` namespace's Python enums (see
    ``table_model``); ``setShortcuts`` with a list does not.
    """
    action = QAction(parent)
    action.setText(text)
    if keys is not None:
        action.setShortcuts([QKeySequence(keys)])
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
    headings: Sequence[str] | None = None,
) -> QTableView:
    """A read-only table of records, one per row; ``stretch`` columns share the spare width.

    ``many`` lets Shift and Ctrl highlight several rows for actions on all of them.
    ``headings``, for a table whose columns never change, are shown from a list Qt keeps
    itself rather than asked of the model (see ``_set_model_under_headings``).
    """
    table = QTableView()
    if headings is None:
        table.setModel(model)
    else:
        _set_model_under_headings(table, model, headings)
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


def _set_model_under_headings(
    table: QTableView, model: QAbstractItemModel, headings: Sequence[str]
) -> None:
    """Give ``table`` its ``model``, the header showing ``headings`` from a list Qt keeps.

    For the table the window paints first: a model written in Python is asked for its
    headings through ``headerData``, whose orientation argument makes PySide6 build the whole
    Qt namespace's Python enums, 120 million instructions (40 ms) sooner than anything needs
    them (see ``table_model``). The header is hidden while the table takes its model, as a
    shown header measures the model's headings at once. Screen readers still get the headings
    from the model's ``headerData``; the header no longer shows the highlighted row's columns
    in bold.
    """
    from PySide6.QtGui import QStandardItemModel

    labels = QStandardItemModel(0, len(headings), table)
    labels.setHorizontalHeaderLabels(list(headings))
    header = table.horizontalHeader()
    header.hide()
    table.setModel(model)
    header.setModel(labels)
    header.show()


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
