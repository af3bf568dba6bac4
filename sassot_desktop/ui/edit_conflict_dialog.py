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

from sassot_desktop.record_versions import Difference, EditConflict, Loaded
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
        self.advice = QLabel(_advice(conflict))
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName("What you can do")
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
        layout.addWidget(self.advice)
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
    parent: QWidget, conflict: EditConflict, save_over: Callable[[Loaded], None]
) -> EditConflictDialog:
    """Ask whose values to keep; ``save_over`` then saves again over the colleague's version,
    with the clashing fields settled as chosen."""
    dialog = EditConflictDialog(
        conflict,
        keep_mine=lambda: save_over(conflict.keeping_mine),
        keep_theirs=lambda: save_over(conflict.keeping_theirs),
        parent=parent,
    )
    dialog.open()
    return dialog


def _advice(conflict: EditConflict) -> str:
    """What the choice is about, then what happens to everything else either way."""
    one = len(conflict.differences) == 1
    choose = (
        "Choose whose value to keep in the field you both changed."
        if one
        else f"Choose whose values to keep in the {len(conflict.differences)} fields you both "
        "changed."
    )
    if conflict.kept:
        whose = f"{conflict.changed_by}'s" if conflict.changed_by else "Their"
        change = "change" if len(conflict.kept) == 1 else "changes"
        others = f"{whose} {change} to {', '.join(conflict.kept)} and your other changes"
    else:
        others = "Your other changes"
    return (
        f"{choose} {others} are saved either way. Nothing is saved until you choose; Cancel "
        "takes you back to your editing."
    )


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
