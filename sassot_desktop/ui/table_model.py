"""A read-only table over a list of plain rows: the shape every list screen shares.

Subclasses name their ``COLUMNS`` and say how a row reads in a column (``text``); they may add
a background or alignment (``decoration``), naming the roles it answers in ``DECORATION_ROLES``.
The rows are whatever the core returned (dataclasses).

Item roles are named here by their numbers, not through ``Qt.ItemDataRole``: the check-in
table is painted before anything else of the window, and the first use of ``Qt`` makes PySide6
build the Python enums of the whole Qt namespace (93 of them, about 120 million instructions,
40 ms). Qt's role enums equal these numbers, so subclasses may name roles either way.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex

Row = TypeVar("Row")


# Qt.ItemDataRole's numbers, for the roles the first paint asks about.
DISPLAY_ROLE = 0
TOOL_TIP_ROLE = 3
BACKGROUND_ROLE = 8
ACCESSIBLE_TEXT_ROLE = 11

_TEXT_ROLES = frozenset((DISPLAY_ROLE, ACCESSIBLE_TEXT_ROLE))


class RowTableModel(QAbstractTableModel, Generic[Row]):
    COLUMNS: ClassVar[tuple[str, ...]] = ()
    # The view asks each cell for seven roles or more every time it paints it; the ones no
    # subclass answers are turned away here, before any Python of theirs runs.
    DECORATION_ROLES: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row(self, number: int) -> Row | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=DISPLAY_ROLE):
        from PySide6.QtCore import Qt  # built already: ``orientation`` is one of its enums

        if orientation == Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            return self.COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=DISPLAY_ROLE):
        shows_text = role in _TEXT_ROLES
        if not shows_text and role not in self.DECORATION_ROLES:
            return None
        row = self.row(index.row())
        if row is None:
            return None
        if shows_text:
            return self.text(row, index.column())
        return self.decoration(row, index.column(), role)

    def text(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def decoration(self, row: Row, column: int, role: int) -> Any:
        """Anything beyond the text (colours, alignment, tooltips) for the roles named in
        ``DECORATION_ROLES``; nothing by default."""
        return None
