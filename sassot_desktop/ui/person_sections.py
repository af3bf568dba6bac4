"""The person's page's own sections: details and consent, equality monitoring, workshops."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.clock import venue_date_of, venue_today
from sassot_desktop.formatting import long_date, short_date
from sassot_desktop.people import equality, profile, roles
from sassot_desktop.people.records import update_person
from sassot_desktop.record_versions import EditConflict, Loaded
from sassot_desktop.ui.edit_conflict_dialog import offer_choice
from sassot_desktop.ui.messages import confirm, show_error
from sassot_desktop.ui.person_form import CONSENT_METHODS, PersonForm
from sassot_desktop.ui.person_section import PersonSection
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import label_for, page_shortcut, record_table

NOT_ASKED = "Not asked"
_ROLE_LABELS = {
    roles.COACH: "Coac&h",
    roles.VOLUNTEER: "&Volunteer",
    roles.YOUNG_LEADER: "&Young leader",
    roles.TUTOR: "T&utor",
}


def _record(section: PersonSection) -> profile.PersonRecord:
    with section.workspace.db.read() as session:
        return profile.person_record(session, section.person_id, venue_today())


class DetailsSection(PersonSection):
    title = "Details and consent"

    def __init__(self, workspace, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(workspace, person_id, parent)
        record = _record(self)
        self._consented = record.consented
        self._loaded = Loaded.of(record.details, record.version)
        self.form = PersonForm(full=True, consent_method=CONSENT_METHODS[0])
        self.form.load(record.details)
        self.consent_note = QLabel(_consent_words(record))
        self.consent_note.setWordWrap(True)
        self.consent_note.setAccessibleName("Consent")
        self.roles = {role: QCheckBox(text) for role, text in _ROLE_LABELS.items()}
        role_row = QHBoxLayout()
        for role, box in self.roles.items():
            box.setChecked(role in record.roles)
            box.setAccessibleName(f"Role: {role}")
            role_row.addWidget(box)
        role_row.addStretch(1)
        self.save_button = QPushButton("S&ave details")
        self.save_button.setAccessibleName("Save details")
        self.save_button.setToolTip("Save the details, consent and roles (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        page_shortcut(self, "Save details", "Ctrl+S", self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.consent_note)
        layout.addWidget(self.form)
        layout.addWidget(QLabel("Roles:"))
        layout.addLayout(role_row)
        layout.addWidget(self.save_button)

    def save(self) -> None:
        if self._consented and not self.form.consent.isChecked():
            confirm(
                self,
                "Withdraw consent",
                "Without consent only the name and the attendance are kept: the contact "
                "details, date of birth and equality answers will be deleted. Save anyway?",
                "Delete their details",
                self._save,
            )
            return
        self._save()

    def _save(self) -> None:
        self._save_over(self._loaded)

    def _save_over(self, loaded: Loaded) -> None:
        try:
            details = self.form.details()
            chosen = [role for role, box in self.roles.items() if box.isChecked()]
            with self.workspace.db.write() as session:
                update = update_person(session, self.person_id, details, loaded)
                roles.set_roles(session, self.person_id, chosen)
        except EditConflict as conflict:
            offer_choice(self, conflict, self._save_over)
            return
        except Exception as error:
            show_error(self, error, str(self.workspace.paths.log_file))
            return
        # The page builds its sections afresh on ``changed``: the form then shows what was saved.
        self.changed.emit(update.message)


def _consent_words(record: profile.PersonRecord) -> str:
    details = record.details
    if details.consent_method is None:
        return "No consent recorded: only the name and the workshops attended are kept."
    when = venue_date_of(details.consent_at) if details.consent_at else None
    on = f" on {long_date(when)}" if when else ""
    return f"Agreed to us keeping their details{on} ({details.consent_method})."


class EqualitySection(PersonSection):
    title = "Equality monitoring"

    def __init__(self, workspace, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(workspace, person_id, parent)
        record = _record(self)
        answers = record.equality
        note = QLabel(
            "Optional, and “Prefer not to say” is an answer. Special-category data: shown only "
            "on this page and counted in reports without names, never listed or exported."
        )
        note.setWordWrap(True)
        self.gender = self._choices(equality.GENDERS, answers.gender)
        self.ethnicity = self._choices(equality.ETHNICITIES, answers.ethnicity)
        self.disability = self._choices(equality.DISABILITY_ANSWERS, answers.disability)
        self.age_band = QLabel(
            f"{record.age_band} (from the date of birth)"
            if record.details.date_of_birth
            else "Not known: no date of birth on file"
        )
        self.age_band.setAccessibleName("Age band")
        self.save_button = QPushButton("Save e&quality answers")
        self.save_button.setAccessibleName("Save equality answers")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(label_for("Ge&nder:", self.gender), self.gender)
        form.addRow(label_for("E&thnicity:", self.ethnicity), self.ethnicity)
        form.addRow(label_for("Disab&ility:", self.disability), self.disability)
        form.addRow("Age band:", self.age_band)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        if not record.consented:
            for widget in (self.gender, self.ethnicity, self.disability, self.save_button):
                widget.setEnabled(False)
            note.setText(
                "Record their consent under Details first: equality answers are kept only with it."
            )

    @staticmethod
    def _choices(answers: tuple[str, ...], current: str | None) -> QComboBox:
        combo = QComboBox()
        combo.addItems([NOT_ASKED, *answers])
        combo.setCurrentText(current or NOT_ASKED)
        return combo

    def save(self) -> None:
        def answer(combo: QComboBox) -> str | None:
            return None if combo.currentText() == NOT_ASKED else combo.currentText()

        answers = profile.Equality(
            answer(self.gender), answer(self.ethnicity), answer(self.disability)
        )
        try:
            with self.workspace.db.write() as session:
                profile.set_equality(session, self.person_id, answers)
        except Exception as error:
            show_error(self, error, str(self.workspace.paths.log_file))
            return
        self.changed.emit("Saved the equality monitoring answers.")


class WorkshopModel(RowTableModel[profile.WorkshopTaken]):
    COLUMNS = ("Date", "Workshop", "Outcome", "Certificate")

    def text(self, row: profile.WorkshopTaken, column: int) -> str:
        if column == 0:
            return short_date(row.date)
        if column == 1:
            return row.title
        if column == 2:
            status = row.status.value.capitalize()
            return f"{status} (walk-in)" if row.walk_in else status
        return row.certificate or ""


class WorkshopsSection(PersonSection):
    title = "Workshops booked and attended"
    workshop_requested = Signal(int)  # a row was double-clicked or had Enter pressed on it

    def __init__(self, workspace, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(workspace, person_id, parent)
        with workspace.db.read() as session:
            taken = profile.workshops_of(session, person_id)
        self.model = WorkshopModel(self)
        self.model.set_rows(taken)
        self.table = record_table(self.model, "Workshops booked and attended", stretch=(1,))
        self.table.setMinimumHeight(160)
        self.table.setToolTip("Double-click a workshop, or press Enter on it, to open its page")
        self.table.activated.connect(self._open_workshop)
        attended = sum(1 for row in taken if row.status.is_present)
        certificates = sum(1 for row in taken if row.certificate)
        self.summary = QLabel(
            f"Booked {len(taken)}, came to {attended}, {certificates} certificate"
            f"{'' if certificates == 1 else 's'} issued."
            if taken
            else "No workshops booked yet."
        )
        self.summary.setAccessibleName("Workshops summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(label_for("Wor&kshops:", self.table, "Workshops booked and attended"))
        layout.addWidget(self.table)

    def _open_workshop(self, index) -> None:
        row = self.model.row(index.row())
        if row is not None:
            self.workshop_requested.emit(row.workshop_id)
