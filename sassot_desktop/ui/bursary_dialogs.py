"""The bursary scheme's dialogs: a new round, a coach's application, and the small forms that
some workflow steps need (the award, the payment, a reason)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
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

from sassot_desktop.bursaries.applications import (
    LEVELS,
    ApplicationDetails,
    OutsideRoundDates,
    get_application,
    submit_application,
)
from sassot_desktop.bursaries.editing import edit_application
from sassot_desktop.bursaries.money import parse_amount, parse_positive_amount, plain_pounds
from sassot_desktop.bursaries.rounds import RoundDetails, create_round, get_round, update_round
from sassot_desktop.bursaries.workflow import RING_FENCE_GROUPS
from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import parse_day, short_date
from sassot_desktop.people.records import PersonSummary, create_person
from sassot_desktop.record_versions import EditConflict, Loaded
from sassot_desktop.ui.edit_conflict_dialog import offer_choice
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.person_form import PersonForm
from sassot_desktop.ui.person_search import PersonPicker
from sassot_desktop.ui.widgets import label_for

NO_GROUP = "None of these, or not said"


def required_day(field: QLineEdit, what: str) -> date:
    return required_date(field.text(), what)


def required_date(text: str, what: str) -> date:
    day = parse_day(text)
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
    """A new application: find the coach on file (or add them), then the qualification, course
    and money. Given ``application_id``, the corrections to one not yet decided.

    Every mnemonic here is unique, the person form's included; the coach search is reached
    with Ctrl+F, as there are not letters enough for all.
    """

    submitted = Signal(int, str)  # the application's id, and what to tell the officer

    def __init__(
        self,
        db: Database,
        round_id: int,
        round_name: str,
        parent: QWidget | None = None,
        application_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._round_id = round_id
        self._application_id = application_id
        new = application_id is None
        self.setWindowTitle(
            f"New application to {round_name}" if new else f"Edit application {application_id}"
        )
        self.setAccessibleName("New bursary application" if new else "Edit bursary application")
        application_box = QGroupBox("The application")
        application_box.setLayout(self._application_form())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        if new:
            row.addLayout(self._coach_side(), 1)
            self._add_submit_buttons(buttons)
        else:
            self.coach = QLabel()
            self.coach.setWordWrap(True)
            self.coach.setMaximumWidth(300)
            row.addWidget(self.coach, 0, Qt.AlignmentFlag.AlignTop)
            self.save = buttons.addButton("&Save changes", QDialogButtonBox.ButtonRole.AcceptRole)
            self.save.setAccessibleName("Save changes")
            self.save.setDefault(True)
            self.save.clicked.connect(self._save_changes)
        row.addWidget(application_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        if new:
            self.resize(1040, 640)
            self.picker.field.setFocus()
        else:
            self._fill(application_id)
            self.resize(760, 520)
            self.governing_body.setFocus()

    def _coach_side(self) -> QVBoxLayout:
        self.picker = PersonPicker(db=self._db, label="Find the coach on file (Ctrl+F):")
        find = QAction("Find the coach on file", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.picker.field.setFocus)
        self.addAction(find)
        self.form = PersonForm(full=True, consent_method="Bursary application form")
        coach_box = QGroupBox("Not on file? Add them")
        QVBoxLayout(coach_box).addWidget(self.form)
        coach_side = QVBoxLayout()
        coach_side.addWidget(self.picker, 1)
        coach_side.addWidget(coach_box)
        return coach_side

    def _application_form(self) -> QFormLayout:
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
            ("Amount as&ked (£):", self.asked),
            ("Club &match funding (£):", self.match_funding),
            ("R&ing-fence group:", self.group),
            ("&Why:", self.reason),
        ):
            form.addRow(label_for(label, field), field)
        return form

    def _add_submit_buttons(self, buttons: QDialogButtonBox) -> None:
        self.submit_found = QPushButton("Submit for the selected co&ach")
        self.submit_found.setAccessibleName("Submit for the selected coach")
        self.submit_found.clicked.connect(self._submit_for_found)
        self.submit_new = QPushButton("Add the new coac&h and submit")
        self.submit_new.setAccessibleName("Add the new coach and submit")
        self.submit_new.clicked.connect(self._submit_for_new)
        buttons.addButton(self.submit_found, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.submit_new, QDialogButtonBox.ButtonRole.ActionRole)

    def _fill(self, application_id: int) -> None:
        with self._db.read() as session:
            application = get_application(session, application_id)
            details = ApplicationDetails.of(application)
            coach = f"{application.person.first_name} {application.person.last_name}"
            self._loaded = Loaded.of(details, application.version)
        self._person_id = details.person_id
        self.coach.setText(
            f"{coach}\nsubmitted {short_date(details.submitted_on)}\n\n"
            "The coach and the date it came in stay as they are; the change is kept in the "
            "application's history."
        )
        self.governing_body.setText(details.governing_body)
        self.qualification.setText(details.qualification)
        self.level.setCurrentText(details.level or "")
        self.course_provider.setText(details.course_provider or "")
        self.course_starts.setText(short_date(details.course_starts))
        self.course_ends.setText(short_date(details.course_ends))
        self.course_cost.setText(plain_pounds(details.course_cost_pence))
        self.asked.setText(plain_pounds(details.asked_pence))
        self.match_funding.setText(plain_pounds(details.match_funding_pence))
        self.group.setCurrentText(details.ring_fence_group or NO_GROUP)
        self.reason.setPlainText(details.reason or "")

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

    def _save_changes(self) -> None:
        try:
            details = self.details_for(self._person_id)
            with self._db.write() as session:
                edited = edit_application(session, self._application_id, details, self._loaded)
        except EditConflict as conflict:
            offer_choice(self, conflict, self._save_over)
            return
        except Exception as error:
            show_error(self, error)
            return
        self.submitted.emit(self._application_id, edited.message)
        self.accept()

    def _save_over(self, loaded: Loaded) -> None:
        self._loaded = loaded
        self._save_changes()

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
            application_id = self._submit_now(person_id_in)
        except OutsideRoundDates as refusal:
            self._ask_when_it_came_in(str(refusal), person_id_in, name)
            return
        except Exception as error:
            show_error(self, error)
            return
        self._done(application_id, name)

    def _submit_now(self, person_id_in, came_in_on=None, late_reason=None) -> int:
        self.details_for(0)  # every field checked before a new coach is added
        with self._db.write() as session:
            details = replace(self.details_for(person_id_in(session)), submitted_on=came_in_on)
            return submit_application(session, self._round_id, details, late_reason).id

    def _done(self, application_id: int, name: str) -> None:
        self.submitted.emit(application_id, f"Application {application_id} from {name} is in.")
        self.accept()

    def _ask_when_it_came_in(self, refusal: str, person_id_in, name: str) -> None:
        """Outside the round's dates: the form may have come in on time and be typed in
        late, or the officer may take a late one on purpose, saying why."""

        def act(texts: list[str]) -> None:
            came_in_on = required_date(texts[0], "The day the form came in")
            self._done(self._submit_now(person_id_in, came_in_on, texts[1]), name)

        StepDialog(
            "Outside the round's dates",
            f"{refusal} If the form came in while the round was open, give that day; to "
            "take it late on purpose, say why (the reason is kept in its history).",
            [
                Field("The form came &in on:", short_date(venue_today())),
                Field("&Why it is taken late:", placeholder="only if it came in outside the dates"),
            ],
            "&Submit",
            act,
            self,
        ).open()
