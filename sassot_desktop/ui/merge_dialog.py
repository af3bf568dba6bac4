"""Two records of one person side by side: the officer picks each field, then merges."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.clock import venue_date_of, venue_today
from sassot_desktop.people import profile
from sassot_desktop.people.merging import FIELDS
from sassot_desktop.ui.messages import confirm
from sassot_desktop.ui.widgets import heading

if TYPE_CHECKING:
    from sassot_desktop.workspace import Workspace

LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "phone": "Phone",
    "postcode": "Postcode",
    "district": "District",
    "club": "Club / organisation",
    "sport": "Sport",
    "date_of_birth": "Date of birth",
    "consent": "Consent",
    "gender": "Gender",
    "ethnicity": "Ethnicity",
    "disability": "Disability",
}
EMPTY = "—"


def field_value(record: profile.PersonRecord, field: str) -> str:
    details, answers = record.details, record.equality
    if field == "consent":
        if details.consent_method is None:
            return EMPTY
        when = f" ({venue_date_of(details.consent_at):%d/%m/%Y})" if details.consent_at else ""
        return f"{details.consent_method}{when}"
    if field == "date_of_birth":
        return f"{details.date_of_birth:%d/%m/%Y}" if details.date_of_birth else EMPTY
    value = getattr(answers if field in ("gender", "ethnicity", "disability") else details, field)
    return value or EMPTY


class MergeDialog(QDialog):
    merge_chosen = Signal(int, int, object)  # kept id, removed id, fields from the removed

    def __init__(
        self, workspace: Workspace, first_id: int, second_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge two records")
        self.setAccessibleName("Merge two records")
        today = venue_today()
        with workspace.db.read() as session:
            self.records = [
                profile.person_record(session, person_id, today)
                for person_id in (first_id, second_id)
            ]
        # The record with more history stays by default; on a tie, the older one.
        left, right = self.records
        default_kept = 1 if len(right.workshops) > len(left.workshops) else 0

        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Keep the record</b>"), 0, 0)
        self.kept = QButtonGroup(self)
        for side, record in enumerate(self.records):
            button = QRadioButton(f"&{side + 1}: #{record.id}, {record.name}")
            button.setAccessibleName(f"Keep record {record.id}")
            button.setChecked(side == default_kept)
            self.kept.addButton(button, side)
            grid.addWidget(button, 0, side + 1)
        self.choices: dict[str, QButtonGroup] = {}
        for row, field in enumerate(FIELDS, start=1):
            grid.addWidget(QLabel(LABELS[field]), row, 0)
            values = [field_value(record, field) for record in self.records]
            group = QButtonGroup(self)
            other = 1 - default_kept
            only_other = values[default_kept] == EMPTY and values[other] != EMPTY
            preferred = other if only_other else default_kept
            for side, value in enumerate(values):
                button = QRadioButton(value)
                button.setAccessibleName(f"{LABELS[field]} from record {self.records[side].id}")
                button.setChecked(side == preferred)
                group.addButton(button, side)
                grid.addWidget(button, row, side + 1)
            self.choices[field] = group
        history = len(FIELDS) + 1
        grid.addWidget(QLabel("Workshops"), history, 0)
        for side, record in enumerate(self.records):
            grid.addWidget(QLabel(f"{len(record.workshops)} booked (all kept)"), history, side + 1)

        note = QLabel(
            "Pick the value to keep in each row. Everything attached to either record "
            "(bookings, attendance, certificates and the rest) ends up on the one kept. "
            "A merge can be undone afterwards (Ctrl+Z on the duplicates page)."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setAccessibleName("Merge")
        buttons.accepted.connect(self._ask)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Are these the same person?", 1.2))
        layout.addWidget(note)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def choice(self) -> tuple[int, int, set[str]]:
        """(kept id, removed id, the fields to take from the removed record)."""
        kept_side = self.kept.checkedId()
        removed_side = 1 - kept_side
        from_removed = {
            field for field, group in self.choices.items() if group.checkedId() == removed_side
        }
        return self.records[kept_side].id, self.records[removed_side].id, from_removed

    def _ask(self) -> None:
        kept, removed, _fields = self.choice()
        names = {record.id: record.name for record in self.records}
        confirm(
            self,
            "Merge two records",
            f"Merge {names[removed]} (#{removed}) into {names[kept]} (#{kept})? Record #{removed} "
            "is removed; everything attached to it moves to the one kept.",
            "Merge",
            self._merge,
        )

    def _merge(self) -> None:
        self.merge_chosen.emit(*self.choice())
        self.accept()
