"""The fields of a person, shared by the walk-in and booking dialogs.

Consent comes first in the officer's mind at the door: until it is ticked, the contact fields
are greyed out, because without it only the name (and the attendance) may be kept.

A postcode typed in full fills the district from the table shipped with the program. Where the
postcode district straddles a boundary the district is left empty and the form names the
choices for the officer to pick from; outside the county it stays empty.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from sassot_desktop import postcodes
from sassot_desktop.formatting import parse_day
from sassot_desktop.geography import DISTRICTS
from sassot_desktop.people.records import PersonDetails
from sassot_desktop.ui.widgets import NO_DISTRICT, label_for

CONSENT_METHODS = (
    "Walk-in form at the workshop",
    "Booking form",
    "Told the officer in person",
    "Telephone",
    "Email",
)


class PersonForm(QWidget):
    name_changed = Signal(str)  # "first last" as typed so far

    def __init__(self, full: bool, consent_method: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = full
        layout = QFormLayout(self)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.consent = QCheckBox("They agree to us keeping their contact details")
        self.consent.setAccessibleName("Consent to keep details")
        self.consent_method = QComboBox()
        self.consent_method.setEditable(True)
        self.consent_method.addItems(CONSENT_METHODS)
        self.consent_method.setCurrentText(consent_method)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.postcode = QLineEdit()
        self.postcode.setMaxLength(8)
        layout.addRow(label_for("&First name:", self.first_name), self.first_name)
        layout.addRow(label_for("&Last name:", self.last_name), self.last_name)
        layout.addRow("", self.consent)
        layout.addRow(label_for("How they a&greed:", self.consent_method), self.consent_method)
        layout.addRow(label_for("&Email:", self.email), self.email)
        layout.addRow(label_for("&Phone:", self.phone), self.phone)
        layout.addRow(label_for("Post&code:", self.postcode), self.postcode)
        self._contact: list[QWidget] = [self.consent_method, self.email, self.phone, self.postcode]
        if full:
            self.district = QComboBox()
            self.district.addItems([NO_DISTRICT, *DISTRICTS])
            self.club = QLineEdit()
            self.sport = QLineEdit()
            self.date_of_birth = QLineEdit()
            self.date_of_birth.setPlaceholderText("dd/mm/yyyy (optional)")
            layout.addRow(label_for("&District:", self.district), self.district)
            self.district_hint = QLabel()
            self.district_hint.setAccessibleName("Where the postcode lies")
            self.district_hint.setWordWrap(True)
            self.district_hint.hide()
            layout.addRow("", self.district_hint)
            # Typed (not loaded): a stored person's district stays as the officer left it.
            self.postcode.textEdited.connect(self._place_postcode)
            self._placed: str | None = None  # the district the postcode filled in, if any
            layout.addRow(label_for("Club / &organisation:", self.club), self.club)
            layout.addRow(label_for("&Sport:", self.sport), self.sport)
            layout.addRow(label_for("Date of &birth:", self.date_of_birth), self.date_of_birth)
            self._contact += [self.district, self.club, self.sport, self.date_of_birth]
        self.note = QLabel("Without consent only the name and the attendance are kept.")
        self.note.setWordWrap(True)
        layout.addRow("", self.note)
        self.consent.toggled.connect(self._consent_toggled)
        self.first_name.textChanged.connect(self._name_edited)
        self.last_name.textChanged.connect(self._name_edited)
        self._consent_toggled(False)

    def _consent_toggled(self, agreed: bool) -> None:
        for widget in self._contact:
            widget.setEnabled(agreed)
        self.note.setVisible(not agreed)

    def _place_postcode(self, text: str) -> None:
        postcode = postcodes.normalised(text)
        if postcode is None:
            # Half typed or mistyped: take back a district this postcode filled in.
            if self._placed is not None and self.district.currentText() == self._placed:
                self.district.setCurrentText(NO_DISTRICT)
            self._placed = None
            self.district_hint.hide()
            return
        outward = postcode.split(" ")[0]
        placed = postcodes.placement(postcode)
        self._placed = placed.district
        if self.district.currentText() not in placed.choices:  # a choice made stays made
            self.district.setCurrentText(placed.district or NO_DISTRICT)
        if placed.district is not None:
            self.district_hint.hide()
            return
        if placed.needs_choice:
            self.district_hint.setText(_choice_hint(outward, placed.choices))
        else:
            self.district_hint.setText(f"{outward} is outside the county: no district.")
        self.district_hint.show()

    def _name_edited(self) -> None:
        self.name_changed.emit(f"{self.first_name.text()} {self.last_name.text()}".strip())

    def clear(self) -> None:
        """Ready for the next person: every field empty, consent not given."""
        fields = [self.first_name, self.last_name, self.email, self.phone, self.postcode]
        if self._full:
            fields += [self.club, self.sport, self.date_of_birth]
            self.district.setCurrentIndex(0)
            self.district_hint.hide()
            self._placed = None
        for field in fields:
            field.clear()
        self.consent.setChecked(False)

    def load(self, details: PersonDetails) -> None:
        """Show a person's details as stored, ready to edit (the person's page)."""
        self.clear()
        self.first_name.setText(details.first_name)
        self.last_name.setText(details.last_name)
        self.consent.setChecked(details.consent_method is not None)
        if details.consent_method is not None:
            self.consent_method.setCurrentText(details.consent_method)
        self.email.setText(details.email or "")
        self.phone.setText(details.phone or "")
        self.postcode.setText(details.postcode or "")
        if self._full:
            self.district.setCurrentText(details.district or NO_DISTRICT)
            self.club.setText(details.club or "")
            self.sport.setText(details.sport or "")
            born = details.date_of_birth
            self.date_of_birth.setText(f"{born:%d/%m/%Y}" if born else "")

    def details(self) -> PersonDetails:
        """What was typed; raises UserError for a date that is not real."""
        agreed = self.consent.isChecked()
        values = dict(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            consent_method=self.consent_method.currentText() if agreed else None,
        )
        if agreed:
            values.update(
                email=self.email.text(), phone=self.phone.text(), postcode=self.postcode.text()
            )
            if self._full:
                district = self.district.currentText()
                values.update(
                    district=None if district == NO_DISTRICT else district,
                    club=self.club.text(),
                    sport=self.sport.text(),
                    date_of_birth=parse_day(self.date_of_birth.text()),
                )
        return PersonDetails(**values)


def _choice_hint(outward: str, choices: tuple[str, ...]) -> str:
    """What the officer reads when the postcode cannot tell the district: its choices."""
    if len(choices) == 1:  # the rest of it lies outside the county
        return (
            f"{outward} lies partly in {choices[0]} and partly outside the county: choose "
            f"{choices[0]} in District (Alt+D) if they live inside it."
        )
    listed = ", ".join(choices[:-1]) + f" and {choices[-1]}"
    return f"{outward} is split between {listed}: choose which in District (Alt+D)."
