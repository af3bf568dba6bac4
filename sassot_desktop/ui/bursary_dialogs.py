"""The bursary scheme's dialogs: a new round, a coach's application, and the small forms that
some workflow steps need (the award, the payment, a reason)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.bursaries.applications import LEVELS, ApplicationDetails, submit_application
from sassot_desktop.bursaries.money import parse_amount, parse_positive_amount, plain_pounds
from sassot_desktop.bursaries.rounds import RoundDetails, create_round, get_round, update_round
from sassot_desktop.bursaries.workflow import RING_FENCE_GROUPS
from sassot_desktop.db.engine import Database
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import parse_day, short_date
from sassot_desktop.people.records import PersonSummary, create_person
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.person_form import PersonForm
from sassot_desktop.ui.person_search import PersonPicker
from sassot_desktop.ui.widgets import label_for

NO_GROUP = "None of these, or not said"


def required_day(field: QLineEdit, what: str):
    day = parse_day(field.text())
    if day is None:
        raise UserError(f"{what} is missing; write it day first, like 03/04/2026.")
    return day


# -- a form of a few fields for one step -----------------------------------------------------
@dataclass(frozen=True)
class Field:
    label: str  # with its mnemonic: "&Amount awarded (£):"
    value: str = ""
    placeholder: str = ""


class StepDialog(QDialog):
    """A few labelled fields and an OK button named for the step; ``act`` gets the texts
    typed and may refuse with a ``UserError``, shown while the dialog stays open to correct."""

    def __init__(
        self,
        title: str,
        explanation: str,
        fields: Sequence[Field],
        ok_text: str,
        act: Callable[[list[str]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._act = act
        intro = QLabel(explanation)
        intro.setWordWrap(True)
        form = QFormLayout()
        self.fields: list[QLineEdit] = []
        for spec in fields:
            edit = QLineEdit(spec.value)
            edit.setPlaceholderText(spec.placeholder)
            form.addRow(label_for(spec.label, edit), edit)
            self.fields.append(edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setAccessibleName(ok_text.replace("&", ""))
        self.ok.setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)  # room for the hint in an empty date field
        if self.fields:
            self.fields[0].setFocus()
            self.fields[0].selectAll()

    def _accept(self) -> None:
        try:
            self._act([field.text() for field in self.fields])
        except Exception as error:
            show_error(self, error)
            return
        self.accept()


# -- a new round -----------------------------------------------------------------------------
class RoundDialog(QDialog):
    """A new round, or (given ``round_id``) the changes to one."""

    saved = Signal(int)  # the round's id

    def __init__(
        self, db: Database, parent: QWidget | None = None, round_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._round_id = round_id
        title = "New bursary round" if round_id is None else "Edit bursary round"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.name = QLineEdit()
        self.name.setPlaceholderText("2026/27 round 1")
        self.opens_on = QLineEdit()
        self.closes_on = QLineEdit()
        self.budget = QLineEdit()
        self.most_per_award = QLineEdit()
        self.ring_fence = QLineEdit("0")
        self.ring_fence_until = QLineEdit()
        self.cost_code = QLineEdit()
        for field in (self.opens_on, self.closes_on, self.ring_fence_until):
            field.setPlaceholderText("dd/mm/yyyy")
        form = QFormLayout()
        for label, field in (
            ("&Name:", self.name),
            ("&Opens on:", self.opens_on),
            ("&Closes on:", self.closes_on),
            ("&Budget (£):", self.budget),
            ("&Most per award (£):", self.most_per_award),
            ("&Ring-fenced share (£):", self.ring_fence),
            ("Ring-fence &held until:", self.ring_fence_until),
            ("Finance cost c&ode:", self.cost_code),
        ):
            form.addRow(label_for(label, field), field)
        note = QLabel(
            "The ring-fenced share is kept for women and girls, disabled people and Black and "
            "minority-ethnic coaches until its date; after that it is open to everyone."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton("&Save round", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setAccessibleName("Save round")
        self.save.setDefault(True)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        if round_id is not None:
            self._fill(round_id)

    def _fill(self, round_id: int) -> None:
        with self._db.read() as session:
            details = RoundDetails.of(get_round(session, round_id))
        self.name.setText(details.name)
        self.opens_on.setText(short_date(details.opens_on))
        self.closes_on.setText(short_date(details.closes_on))
        self.budget.setText(plain_pounds(details.budget_pence))
        self.most_per_award.setText(plain_pounds(details.most_per_award_pence))
        self.ring_fence.setText(plain_pounds(details.ring_fence_pence))
        if details.ring_fence_until:
            self.ring_fence_until.setText(short_date(details.ring_fence_until))
        self.cost_code.setText(details.cost_code or "")

    def details(self) -> RoundDetails:
        ring_fence = parse_amount(self.ring_fence.text() or "0", "The ring-fenced share")
        return RoundDetails(
            name=self.name.text(),
            opens_on=required_day(self.opens_on, "The opening date"),
            closes_on=required_day(self.closes_on, "The closing date"),
            budget_pence=parse_positive_amount(self.budget.text(), "The budget"),
            most_per_award_pence=parse_positive_amount(
                self.most_per_award.text(), "The most per award"
            ),
            ring_fence_pence=ring_fence,
            ring_fence_until=parse_day(self.ring_fence_until.text()),
            cost_code=self.cost_code.text(),
        )

    def _save(self) -> None:
        try:
            details = self.details()
            with self._db.write() as session:
                if self._round_id is None:
                    round_id = create_round(session, details).id
                else:
                    round_id = update_round(session, self._round_id, details).id
        except Exception as error:
            show_error(self, error)
            return
        self.saved.emit(round_id)
        self.accept()


# -- a coach's application -------------------------------------------------------------------
class ApplicationDialog(QDialog):
    """Find the coach on file (or add them), then the qualification, course and money."""

    submitted = Signal(int, str)  # the application's id, and what to tell the officer

    def __init__(
        self, db: Database, round_id: int, round_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._round_id = round_id
        self.setWindowTitle(f"New application to {round_name}")
        self.setAccessibleName("New bursary application")

        self.picker = PersonPicker(db, "&Find the coach on file:")
        self.form = PersonForm(full=True, consent_method="Bursary application form")
        coach_box = QGroupBox("Not on file? Add them")
        QVBoxLayout(coach_box).addWidget(self.form)
        coach_side = QVBoxLayout()
        coach_side.addWidget(self.picker, 1)
        coach_side.addWidget(coach_box)

        self.governing_body = QLineEdit()
        self.governing_body.setPlaceholderText("England Netball, The FA, …")
        self.qualification = QLineEdit()
        self.level = QComboBox()
        self.level.setEditable(True)
        self.level.addItems(["", *LEVELS])
        self.course_provider = QLineEdit()
        self.course_starts = QLineEdit()
        self.course_ends = QLineEdit()
        for field in (self.course_starts, self.course_ends):
            field.setPlaceholderText("dd/mm/yyyy")
        self.course_cost = QLineEdit()
        self.asked = QLineEdit()
        self.match_funding = QLineEdit("0")
        self.group = QComboBox()
        self.group.addItems([NO_GROUP, *RING_FENCE_GROUPS])
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        form = QFormLayout()
        for label, field in (
            ("Governing bod&y:", self.governing_body),
            ("&Qualification:", self.qualification),
            ("Le&vel:", self.level),
            ("Course provide&r:", self.course_provider),
            ("Course s&tarts:", self.course_starts),
            ("Course e&nds:", self.course_ends),
            ("Co&urse cost (£):", self.course_cost),
            ("&Amount asked (£):", self.asked),
            ("Club &match funding (£):", self.match_funding),
            ("R&ing-fence group:", self.group),
            ("&Why:", self.reason),
        ):
            form.addRow(label_for(label, field), field)
        application_box = QGroupBox("The application")
        application_box.setLayout(form)

        self.submit_found = QPushButton("Submit for the selected coac&h")
        self.submit_found.setAccessibleName("Submit for the selected coach")
        self.submit_found.clicked.connect(self._submit_for_found)
        self.submit_new = QPushButton("Add the new coach and su&bmit")
        self.submit_new.setAccessibleName("Add the new coach and submit")
        self.submit_new.clicked.connect(self._submit_for_new)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.submit_found, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.submit_new, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addLayout(coach_side, 1)
        row.addWidget(application_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.resize(1040, 640)
        self.picker.field.setFocus()

    def details_for(self, person_id: int) -> ApplicationDetails:
        group = self.group.currentText()
        return ApplicationDetails(
            person_id=person_id,
            governing_body=self.governing_body.text(),
            qualification=self.qualification.text(),
            level=self.level.currentText(),
            course_provider=self.course_provider.text(),
            course_starts=required_day(self.course_starts, "The course's first day"),
            course_ends=required_day(self.course_ends, "The course's last day"),
            course_cost_pence=parse_positive_amount(self.course_cost.text(), "The course cost"),
            asked_pence=parse_positive_amount(self.asked.text(), "The amount asked"),
            match_funding_pence=parse_amount(self.match_funding.text() or "0", "Match funding"),
            reason=self.reason.toPlainText(),
            ring_fence_group=None if group == NO_GROUP else group,
        )

    def _submit_for_found(self) -> None:
        person: PersonSummary | None = self.picker.results.current_person()
        if person is None:
            show_error(
                self,
                UserError("Find the coach first: type part of their name and pick them."),
            )
            return
        self._submit(lambda session: person.id, person.name)

    def _submit_for_new(self) -> None:
        try:
            coach = self.form.details()
        except Exception as error:
            show_error(self, error)
            return
        name = f"{coach.first_name} {coach.last_name}".strip()
        self._submit(lambda session: create_person(session, coach).id, name)

    def _submit(self, person_id_in, name: str) -> None:
        try:
            self.details_for(0)  # every field checked before a new coach is added
            with self._db.write() as session:
                details = self.details_for(person_id_in(session))
                application_id = submit_application(session, self._round_id, details).id
        except Exception as error:
            show_error(self, error)
            return
        self.submitted.emit(application_id, f"Application {application_id} from {name} is in.")
        self.accept()
