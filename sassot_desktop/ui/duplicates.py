"""Likely duplicates: found in the background, merged side by side, a merge undone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sassot_desktop.people.duplicates import LikelyPair
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import back_button, heading, label_for, page_shortcut, record_table

if TYPE_CHECKING:
    from sassot_desktop.ui.runner import Runner
    from sassot_desktop.workspace import Workspace


class PairModel(RowTableModel[LikelyPair]):
    COLUMNS = ("Score", "Person", "Also on file as", "Why")

    def text(self, row: LikelyPair, column: int) -> str:
        if column == 0:
            return str(row.score)
        if column == 1:
            return _described(row.first)
        if column == 2:
            return _described(row.second)
        return ", ".join(row.reasons)


def _described(someone) -> str:
    extras = [part for part in (someone.email, someone.postcode) if part]
    return " · ".join([f"{someone.name} (#{someone.id})", *extras])


class DuplicatesPage(QWidget):
    back_requested = Signal()
    person_requested = Signal(int)
    merged = Signal(str)  # what was done, for the status bar

    def __init__(self, workspace: Workspace, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.model = PairModel(self)
        self.table = record_table(self.model, "Likely duplicates", stretch=(1, 2))
        self.table.activated.connect(lambda _index: self.merge_current())
        self.status = QLabel("Press Find to look for people entered twice.")
        self.status.setAccessibleName("Duplicates found")
        self.status.setWordWrap(True)
        self.find_button = self._button("Fin&d duplicates", "Ctrl+Shift+F", self.find)
        self.merge_button = self._button("&Merge…", "Ctrl+M", self.merge_current)
        self.skip_button = self._button("&Not the same person", "Delete", self.skip_current)
        self.undo_button = self._button(
            "&Undo last merge", QKeySequence.StandardKey.Undo, self.undo_last
        )
        buttons = QHBoxLayout()
        for button in (self.find_button, self.merge_button, self.skip_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        back_row = QHBoxLayout()
        back_row.addWidget(back_button(self, "Back to people", self.back_requested.emit))
        back_row.addStretch(1)
        layout.addLayout(back_row)
        layout.addWidget(heading("Likely duplicates"))
        layout.addWidget(self.status)
        layout.addWidget(label_for("&Pairs, best first:", self.table, "Likely duplicates"))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def _button(self, text: str, keys, slot) -> QPushButton:
        button = QPushButton(text)
        plain = text.replace("&", "").rstrip("…")
        button.setAccessibleName(plain)
        action = page_shortcut(self, plain, keys, slot)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{plain} ({shortcut})")
        button.clicked.connect(slot)
        return button

    def _update_buttons(self) -> None:
        has_pairs = self.model.rowCount() > 0
        self.merge_button.setEnabled(has_pairs)
        self.skip_button.setEnabled(has_pairs)
        from sassot_desktop.people.merging import last_merge

        with self.workspace.db.read() as session:
            last = last_merge(session)
        self.undo_button.setEnabled(last is not None)
        self.undo_button.setToolTip(
            f"Undo merging {last.removed_name} (#{last.removed_id}) (Ctrl+Z)"
            if last is not None
            else "No merge to undo"
        )

    def find(self) -> None:
        from sassot_desktop.people.duplicates import find_duplicates

        db = self.workspace.db

        def work(progress):
            with db.read() as session:
                return find_duplicates(session, progress)

        self.status.setText("Looking for people entered twice…")
        self.find_button.setEnabled(False)
        self.runner.run(
            work,
            on_done=self._found,
            on_error=self._failed,
            on_cancelled=lambda: self._stopped("Stopped: nothing was changed."),
            title="Finding duplicates",
            parent=self,
        )

    def _found(self, pairs: list[LikelyPair]) -> None:
        self.find_button.setEnabled(True)
        self.model.set_rows(pairs)
        self.status.setText(
            f"{len(pairs):,} likely pair{'' if len(pairs) == 1 else 's'}, best first. "
            "Press Enter or Merge to compare the two side by side."
            if pairs
            else "No likely duplicates found."
        )
        if pairs:
            self.table.selectRow(0)
            self.table.setFocus()
        self._update_buttons()

    def _failed(self, error: Exception) -> None:
        self._stopped("The search for duplicates did not finish.")
        show_error(self, error, str(self.workspace.paths.log_file))

    def _stopped(self, message: str) -> None:
        self.find_button.setEnabled(True)
        self.status.setText(message)

    def current_pair(self) -> LikelyPair | None:
        return self.model.row(self.table.currentIndex().row())

    def skip_current(self) -> None:
        row = self.table.currentIndex().row()
        pair = self.model.row(row)
        if pair is None:
            return
        from sassot_desktop.people.duplicates import not_the_same

        try:
            with self.workspace.db.write() as session:
                not_the_same(session, pair.first.id, pair.second.id)
        except Exception as error:
            show_error(self, error, str(self.workspace.paths.log_file))
            return
        self._drop(lambda other: other is pair, row)
        self.status.setText(
            f"{pair.first.name} (#{pair.first.id}) and {pair.second.name} (#{pair.second.id}) "
            "are two people: they will not be offered again."
        )

    def _drop(self, unwanted, row: int) -> None:
        self.model.set_rows([pair for pair in self.model.rows() if not unwanted(pair)])
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        self._update_buttons()

    def merge_current(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        from sassot_desktop.ui.merge_dialog import MergeDialog

        try:  # one of the two may have been merged into someone else since the list was made
            dialog = MergeDialog(self.workspace, pair.first.id, pair.second.id, self)
        except Exception as error:
            show_error(self, error, str(self.workspace.paths.log_file))
            return
        dialog.merge_chosen.connect(self._merge)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _merge(self, kept_id: int, removed_id: int, from_removed: set[str]) -> None:
        from sassot_desktop.people.merging import merge_people

        db = self.workspace.db
        row = self.table.currentIndex().row()

        def work(_progress):
            with db.write() as session:
                return merge_people(session, kept_id, removed_id, from_removed)

        def done(result) -> None:
            gone = {result.removed_id}
            self._drop(lambda pair: pair.first.id in gone or pair.second.id in gone, row)
            self.status.setText(f"{result.message} Ctrl+Z undoes it.")
            # Ready for the next pair, and for Ctrl+Z, whichever the officer wants.
            (self.table if self.model.rowCount() else self.undo_button).setFocus()
            self.merged.emit(result.message)

        self.runner.run(
            work,
            on_done=done,
            on_error=lambda error: show_error(self, error, str(self.workspace.paths.log_file)),
            title="Merging",
            parent=self,
        )

    def undo_last(self) -> None:
        from sassot_desktop.people.merging import last_merge, undo_merge

        db = self.workspace.db

        def work(_progress):
            with db.write() as session:
                last = last_merge(session)
                if last is None:
                    return "There is no merge to undo."
                return undo_merge(session, last.id)

        def done(message: str) -> None:
            self.status.setText(f"{message} Press Find to list the pairs again.")
            self._update_buttons()
            self.merged.emit(message)

        self.runner.run(
            work,
            on_done=done,
            on_error=lambda error: show_error(self, error, str(self.workspace.paths.log_file)),
            title="Undoing the merge",
            parent=self,
        )
