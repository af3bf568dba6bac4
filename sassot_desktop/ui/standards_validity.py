"""How long each kind of record stays valid: the expiry a new record is given."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.db.engine import Database
from sassot_desktop.standards import records
from sassot_desktop.standards.kinds import Kind
from sassot_desktop.standards.records import LONGEST_VALIDITY_MONTHS
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.widgets import label_for

NO_EXPIRY = "No expiry"
MNEMONICS = {
    Kind.DBS: "&DBS check:",
    Kind.SAFEGUARDING: "&Safeguarding training:",
    Kind.FIRST_AID: "&First aid certificate:",
    Kind.QUALIFICATION: "&Coaching qualification:",
}


class ValidityDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle("Validity periods")
        self.setAccessibleName("Validity periods")
        with db.read() as session:
            self._chosen = chosen = records.validity_months(session)
        explanation = QLabel(
            "How long each kind of record stays valid after the date it was taken. A new "
            "record gets its expiry from this; records already held keep theirs."
        )
        explanation.setWordWrap(True)
        form = QFormLayout()
        self.months: dict[Kind, QSpinBox] = {}
        for kind in Kind:
            box = QSpinBox()
            box.setRange(0, LONGEST_VALIDITY_MONTHS)
            box.setSpecialValueText(NO_EXPIRY)  # shown for 0
            box.setSuffix(" months")
            box.setValue(chosen[kind] or 0)
            self.months[kind] = box
            form.addRow(label_for(MNEMONICS[kind], box, f"{kind.heading}: months valid"), box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def _save(self) -> None:
        try:
            with self._db.write() as session:
                for kind, box in self.months.items():
                    if (box.value() or None) != self._chosen[kind]:
                        records.set_validity(session, kind, box.value() or None)
        except Exception as error:
            show_error(self, error)
            return
        self.accept()
