"""Before an offline register is uploaded: is each walk-in someone already on file?

Each walk-in who may be on the server is shown beside the person on file, field by field. The
officer answers "Same person" (the booking goes to the record on file; what it lacks is added,
and a value it holds is replaced only where ticked) or "Someone else" (a new record). Upload
stays off until every walk-in has an answer; Cancel uploads nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.formatting import short_date
from sassot_desktop.ui.widgets import heading

if TYPE_CHECKING:
    from sassot_desktop.attendance.upload import Answer, WalkInMatch
    from sassot_desktop.people.duplicates import Someone

# The rows side by side: the field as ``upload.FILLED_IN`` names it, and its label.
ROWS = (
    ("name", "Name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("postcode", "Postcode"),
    ("club", "Club"),
    ("date_of_birth", "Date of birth"),
)
NOT_GIVEN = "—"


def _value(someone: Someone, field: str) -> str | None:
    if field == "name":
        return someone.name
    value = getattr(someone, field)
    if field == "date_of_birth" and value is not None:
        return short_date(value)
    return value or None


class WalkInsOnFileDialog(QDialog):
    """Walk-ins who may already be on file, each answered before the upload runs."""

    def __init__(self, matches: list[WalkInMatch], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Walk-ins who may already be on file")
        self.matches = matches
        self.answers: dict[str, Answer] = {}

        explained = QLabel(
            "Nothing is uploaded until each walk-in below has an answer. <b>Same person</b> "
            "books them as the record on file and adds what it lacks; a value it holds is "
            "replaced only where you tick it. <b>Someone else</b> adds a new record."
        )
        explained.setWordWrap(True)
        self.walk_ins = QListWidget()
        self.walk_ins.setAccessibleName("Walk-ins who may be on file")
        for _match in matches:
            self.walk_ins.addItem("")
        walk_ins_label = QLabel("&Walk-ins:")
        walk_ins_label.setBuddy(self.walk_ins)

        self.on_file = QComboBox()
        self.on_file.setAccessibleName("Compare with the person on file")
        on_file_label = QLabel("&Compare with:")
        on_file_label.setBuddy(self.on_file)

        self.grid = QGridLayout()
        self.grid.addWidget(QLabel("<b>Walked in</b>"), 0, 1)
        self.grid.addWidget(QLabel("<b>On file</b>"), 0, 2)
        self.grid.addWidget(QLabel("<b>If the same person</b>"), 0, 3)
        self.cells: dict[str, tuple[QLabel, QLabel, QLabel, QCheckBox]] = {}
        for row, (field, label) in enumerate(ROWS, start=1):
            given, held, note = QLabel(), QLabel(), QLabel()
            replace = QCheckBox("Use the walk-in's")
            replace.setAccessibleName(f"Replace the {label.lower()} on file with the walk-in's")
            for part in (given, held):
                part.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(QLabel(label), row, 0)
            self.grid.addWidget(given, row, 1)
            self.grid.addWidget(held, row, 2)
            self.grid.addWidget(note, row, 3)
            self.grid.addWidget(replace, row, 3)
            self.cells[field] = (given, held, note, replace)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.reasons = QLabel()

        self.same_button = QPushButton("&Same person")
        self.same_button.setAccessibleName("Same person")
        self.same_button.setToolTip("Book this walk-in as the person on file")
        self.same_button.clicked.connect(self._same)
        self.else_button = QPushButton("Someone &else")
        self.else_button.setAccessibleName("Someone else")
        self.else_button.setToolTip("Add this walk-in as a new person")
        self.else_button.clicked.connect(self._someone_else)
        for button in (self.same_button, self.else_button):
            button.setAutoDefault(False)
        answer_buttons = QHBoxLayout()
        answer_buttons.addWidget(self.same_button)
        answer_buttons.addWidget(self.else_button)
        answer_buttons.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.upload_button = buttons.addButton("&Upload", QDialogButtonBox.ButtonRole.AcceptRole)
        self.upload_button.setAccessibleName("Upload")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        compared = QVBoxLayout()
        compared.addWidget(on_file_label)
        compared.addWidget(self.on_file)
        compared.addWidget(self.reasons)
        compared.addLayout(self.grid)
        compared.addLayout(answer_buttons)
        compared.addStretch(1)
        chosen = QVBoxLayout()
        chosen.addWidget(walk_ins_label)
        chosen.addWidget(self.walk_ins)
        sides = QHBoxLayout()
        sides.addLayout(chosen, 2)
        sides.addLayout(compared, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Is this walk-in already on file?", 1.2))
        layout.addWidget(explained)
        layout.addLayout(sides, 1)
        layout.addWidget(buttons)

        self.walk_ins.currentRowChanged.connect(self._show_walk_in)
        self.on_file.currentIndexChanged.connect(lambda _index: self._compare())
        self._label_walk_ins()
        self.walk_ins.setCurrentRow(0)
        self.resize(900, 460)

    def current(self) -> WalkInMatch | None:
        row = self.walk_ins.currentRow()
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def compared_with(self) -> Someone | None:
        match, index = self.current(), self.on_file.currentIndex()
        if match is None or not 0 <= index < len(match.on_file):
            return None
        return match.on_file[index].first

    def _show_walk_in(self, _row: int) -> None:
        match = self.current()
        self.on_file.blockSignals(True)
        self.on_file.clear()
        if match is not None:
            for pair in match.on_file:
                self.on_file.addItem(f"{pair.first.name} (#{pair.first.id})")
            answer = self.answers.get(match.walk_in_id)
            chosen = getattr(answer, "person_id", None)
            ids = [pair.first.id for pair in match.on_file]
            self.on_file.setCurrentIndex(ids.index(chosen) if chosen in ids else 0)
        self.on_file.blockSignals(False)
        self._compare()

    def _compare(self) -> None:
        from sassot_desktop.attendance.upload import SamePerson

        match, other = self.current(), self.compared_with()
        if match is None or other is None:
            return
        pair = match.on_file[self.on_file.currentIndex()]
        self.reasons.setText(f"Found by: {', '.join(pair.reasons)}.")
        answer = self.answers.get(match.walk_in_id)
        replaced = answer.replace if isinstance(answer, SamePerson) else frozenset()
        for field, (given, held, note, replace) in self.cells.items():
            walked_in, on_file = _value(match.walk_in, field), _value(other, field)
            given.setText(walked_in or NOT_GIVEN)
            held.setText(on_file or NOT_GIVEN)
            differs = walked_in is not None and on_file is not None and walked_in != on_file
            replace.setVisible(differs)
            replace.setChecked(differs and field in replaced)
            note.setVisible(not differs)
            if walked_in is not None and on_file is None:
                note.setText("added")
            elif on_file is None:
                note.setText("")  # neither has it
            else:
                note.setText("kept")
        self._enable()

    def _same(self) -> None:
        from sassot_desktop.attendance.upload import SamePerson

        match, other = self.current(), self.compared_with()
        if match is None or other is None:
            return
        replace = frozenset(
            field
            for field, (*_shown, replace) in self.cells.items()
            if not replace.isHidden() and replace.isChecked()
        )
        self.answers[match.walk_in_id] = SamePerson(other.id, replace)
        self._answered()

    def _someone_else(self) -> None:
        from sassot_desktop.attendance.upload import SomeoneElse

        match = self.current()
        if match is None:
            return
        # Told apart only from the records compared on this screen; others may be offered later.
        self.answers[match.walk_in_id] = SomeoneElse((self.compared_with().id,))
        self._answered()

    def _answered(self) -> None:
        self._label_walk_ins()
        waiting = [n for n, m in enumerate(self.matches) if m.walk_in_id not in self.answers]
        following = [n for n in waiting if n > self.walk_ins.currentRow()] or waiting
        if following:
            self.walk_ins.setCurrentRow(following[0])
        self._enable()

    def _label_walk_ins(self) -> None:
        from sassot_desktop.attendance.upload import SamePerson

        for row, match in enumerate(self.matches):
            answer = self.answers.get(match.walk_in_id)
            if answer is None:
                said = "to answer"
            elif isinstance(answer, SamePerson):
                chosen = next(p.first for p in match.on_file if p.first.id == answer.person_id)
                said = f"same person as {chosen.name} (#{chosen.id})"
            else:
                said = "someone else"
            self.walk_ins.item(row).setText(f"{match.walk_in.name}: {said}")
        self._enable()

    def _enable(self) -> None:
        self.upload_button.setEnabled(len(self.answers) == len(self.matches))
        self.upload_button.setDefault(self.upload_button.isEnabled())
