"""A colleague saved the record while the officer was editing it: both versions side by side,
and the officer chooses. Nothing is saved until they do; Escape goes back to editing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.record_versions import Difference, EditConflict
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import label_for, record_table


class DifferencesModel(RowTableModel[Difference]):
    COLUMNS = ("Field", "Theirs", "Yours")

    def __init__(self, changed_by: str | None, parent=None) -> None:
        super().__init__(parent)
        if changed_by:
            self.COLUMNS = ("Field", f"Theirs ({changed_by})", "Yours")

    def text(self, row: Difference, column: int) -> str:
        return (row.field, row.theirs, row.mine)[column]


class EditConflictDialog(QDialog):
    """``keep_mine`` saves the officer's version over theirs; ``keep_theirs`` shows theirs."""

    def __init__(
        self,
        conflict: EditConflict,
        keep_mine: Callable[[], None],
        keep_theirs: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        title = f"This {conflict.noun} was changed"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.headline = QLabel(f"<b>{_escaped(conflict.headline)}</b>")
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("What happened")
        advice = QLabel(
            "Keep your changes to save them over theirs, or keep theirs to drop yours and see "
            "their version. Nothing is saved until you choose; Cancel takes you back to your "
            "editing."
        )
        advice.setWordWrap(True)
        self.model = DifferencesModel(conflict.changed_by, self)
        self.model.set_rows(list(conflict.differences))
        self.table = record_table(self.model, "Fields that differ", stretch=(1, 2))
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        self.keep_mine = QPushButton("Keep &my changes")
        self.keep_mine.setAccessibleName("Keep my changes")
        self.keep_theirs = QPushButton("Keep &theirs")
        self.keep_theirs.setAccessibleName("Keep theirs")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.keep_mine, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_theirs, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.keep_mine.clicked.connect(lambda: self._chosen(keep_mine))
        self.keep_theirs.clicked.connect(lambda: self._chosen(keep_theirs))
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(advice)
        layout.addWidget(label_for("&Fields that differ:", self.table))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        # Cancel first: Enter alone must not throw either version away.
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.table.setFocus()
        rows = len(conflict.differences)
        self.resize(640, min(560, 230 + 30 * rows))

    def _chosen(self, then: Callable[[], None]) -> None:
        self.accept()
        then()


def offer_choice(
    parent: QWidget,
    conflict: EditConflict,
    keep_mine: Callable[[], None],
    keep_theirs: Callable[[], None],
) -> EditConflictDialog:
    dialog = EditConflictDialog(conflict, keep_mine, keep_theirs, parent)
    dialog.open()
    return dialog


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
