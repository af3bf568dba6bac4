"""A colleague saved the record while the officer was editing it and both changed the same
fields: what each field was, theirs and yours side by side, and the officer chooses whose to
keep. Every other change of either is kept; nothing is saved until they choose; Escape goes
back to editing."""

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
    COLUMNS = ("Field", "Was", "Theirs", "Yours")

    def __init__(self, changed_by: str | None, parent=None) -> None:
        super().__init__(parent)
        if changed_by:
            self.COLUMNS = ("Field", "Was", f"Theirs ({changed_by})", "Yours")

    def text(self, row: Difference, column: int) -> str:
        return (row.field, row.was, row.theirs, row.mine)[column]


class EditConflictDialog(QDialog):
    """``keep_mine`` saves with the officer's values in the fields both changed, ``keep_theirs``
    with the colleague's; the rest of both people's changes are saved either way."""

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
        advice = QLabel(_advice(conflict))
        advice.setWordWrap(True)
        self.model = DifferencesModel(conflict.changed_by, self)
        self.model.set_rows(list(conflict.differences))
        self.table = record_table(self.model, "Fields you both changed", stretch=(1, 2, 3))
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
        layout.addWidget(label_for("&Fields you both changed:", self.table))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        # Cancel first: Enter alone must not throw either version away.
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.table.setFocus()
        rows = len(conflict.differences)
        self.resize(720, min(560, 250 + 30 * rows))

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


def _advice(conflict: EditConflict) -> str:
    """What happens to everything else, then what each button does to the fields listed."""
    theirs = f"{conflict.who}'s" if conflict.changed_by else "their"
    if conflict.kept:
        fields = ", ".join(conflict.kept)
        others = f"{theirs} other changes ({fields}) and yours are saved whichever you choose."
    else:
        others = "Your other changes are saved whichever you choose."
    return (
        f"You both changed the fields below. {others} Keep your changes or keep theirs in "
        "these fields; nothing is saved until you choose, and Cancel takes you back to your "
        "editing."
    )


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
