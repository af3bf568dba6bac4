"""The bursary letters' wording in File → Settings: where the evidence goes, the office's
address and who signs, each empty for the scheme's own default text."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from sassot_desktop.bursaries.wording import (
    SEND_EVIDENCE_TO,
    SIGNED_BY,
    LetterWording,
    letter_wording,
    save_letter_wording,
)
from sassot_desktop.settings import Settings
from sassot_desktop.ui.widgets import label_for


class LetterWordingFields(QGroupBox):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__("Bursary letters and reminders", parent)
        wording = letter_wording(settings)
        self.send_evidence_to = QPlainTextEdit(wording.send_evidence_to)
        self.send_evidence_to.setTabChangesFocus(True)
        self.send_evidence_to.setPlaceholderText(SEND_EVIDENCE_TO)
        self.send_evidence_to.setFixedHeight(64)
        self.office_address = QPlainTextEdit(wording.office_address)
        self.office_address.setTabChangesFocus(True)
        self.office_address.setPlaceholderText("One line each, printed under the heading")
        self.office_address.setFixedHeight(84)
        self.signed_by = QLineEdit(wording.signed_by)
        self.signed_by.setPlaceholderText(SIGNED_BY)
        hint = QLabel(
            "The offer letters say “please send … to” the first; the address is printed under "
            "the partnership's name; the letters and e-mails are signed by the last. Leave a "
            "field empty for the wording the program started with."
        )
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(
            label_for("E&vidence is sent to:", self.send_evidence_to), self.send_evidence_to
        )
        form.addRow(label_for("Office &address:", self.office_address), self.office_address)
        form.addRow(label_for("Si&gned by:", self.signed_by), self.signed_by)
        form.addRow(hint)

    def wording(self) -> LetterWording:
        return LetterWording(
            send_evidence_to=self.send_evidence_to.toPlainText(),
            office_address=self.office_address.toPlainText(),
            signed_by=self.signed_by.text(),
        )

    def save(self, settings: Settings) -> None:
        save_letter_wording(settings, self.wording())
