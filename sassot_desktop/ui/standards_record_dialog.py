"""Adding or editing one of a coach's checks or qualifications."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.standards import records
from sassot_desktop.standards.kinds import DBS_LEVELS, Kind, expiry_after
from sassot_desktop.standards.records import RecordDetails
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.widgets import label_for

NOT_SAID = "— not recorded —"


class RecordDialog(QDialog):
    """Saving adds the record to the person, or updates the one being edited."""

    saved = Signal(str)  # what to tell the officer

    def __init__(
        self,
        db: Database,
        person_id: int,
        record_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._person_id = person_id
        self._record_id = record_id
        title = "Add a check or qualification" if record_id is None else "Edit record"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        details, self._from_workshop = None, False
        with db.read() as session:
            self._validity = records.validity_months(session)
            if record_id is not None:
                record = records.get_record(session, record_id)
                details, self._from_workshop = records.details_of(record), bool(record.booking_id)
        self._expiry_typed = details is not None

        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(kind.heading, kind.value)
        self.taken_on = _date_edit()
        self.expires_on = _date_edit()
        self.no_expiry = QCheckBox("&No expiry")
        self.no_expiry.setAccessibleName("No expiry")
        self.dbs_level = QComboBox()
        self.dbs_level.addItems([NOT_SAID, *DBS_LEVELS])
        self.certificate_number = QLineEdit()
        self.certificate_number.setMaxLength(40)
        self.certificate_number.setPlaceholderText("12 digits, on the certificate")
        self.governing_body = QLineEdit()
        self.governing_body.setPlaceholderText("e.g. England Netball, The FA, UK Coaching")
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Level 2 Certificate in Coaching Netball")
        self.level = QLineEdit()
        self.level.setPlaceholderText("e.g. Level 2")
        self.hint = QLabel()
        self.hint.setWordWrap(True)

        expiry = QHBoxLayout()
        expiry.addWidget(self.expires_on)
        expiry.addWidget(self.no_expiry)
        expiry.addStretch(1)
        self.form = form = QFormLayout()
        form.addRow(label_for("&Record:", self.kind, "Kind of record"), self.kind)
        form.addRow(label_for("&Date taken:", self.taken_on), self.taken_on)
        form.addRow(label_for("E&xpires:", self.expires_on, "Expiry date"), expiry)
        form.addRow(label_for("DBS &level:", self.dbs_level), self.dbs_level)
        form.addRow(
            label_for("&Certificate number:", self.certificate_number), self.certificate_number
        )
        form.addRow(label_for("&Governing body:", self.governing_body), self.governing_body)
        form.addRow(label_for("&Title:", self.title, "Qualification title"), self.title)
        form.addRow(label_for("L&evel:", self.level, "Qualification level"), self.level)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)

        self._fill(details or RecordDetails(Kind.DBS, venue_today()))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.taken_on.dateChanged.connect(self._suggest_expiry)
        self.expires_on.dateChanged.connect(self._expiry_edited)
        self.no_expiry.toggled.connect(self._no_expiry_toggled)
        self.setMinimumWidth(520)
        self.adjustSize()

    def _fill(self, details: RecordDetails) -> None:
        self.kind.setCurrentIndex(self.kind.findData(details.kind.value))
        self.taken_on.setDate(_qdate(details.taken_on))
        self.dbs_level.setCurrentText(details.dbs_level or NOT_SAID)
        self.certificate_number.setText(details.certificate_number or "")
        self.governing_body.setText(details.governing_body or "")
        self.title.setText(details.title or "")
        self.level.setText(details.level or "")
        if self._expiry_typed:
            self._show_expiry(details.expires_on)
        else:
            self._suggest_expiry()
        self._show_fields_for(details.kind)

    # -- what the form shows for each kind -------------------------------------------------
    def _kind_changed(self) -> None:
        self._show_fields_for(self.current_kind())
        self._suggest_expiry()

    def _show_fields_for(self, kind: Kind) -> None:
        for widget in (self.dbs_level, self.certificate_number):
            self.form.setRowVisible(widget, kind is Kind.DBS)
        for widget in (self.governing_body, self.title, self.level):
            self.form.setRowVisible(widget, kind is not Kind.DBS)
        months = self._validity[kind]
        usual = (
            "usually has no expiry" if months is None else f"is usually valid for {_months(months)}"
        )
        hint = (
            f"A {kind.label} {usual}; the expiry follows the date taken until you change it. "
            "Set how long each kind lasts under Validity periods on the standards page."
        )
        if self._from_workshop:
            hint = (
                "Attending a workshop made this record. Once you save a change it is yours: "
                "undoing that attendance will no longer remove it."
            )
        self.hint.setText(hint)
        self.adjustSize()  # fit the rows shown, keeping the width

    def current_kind(self) -> Kind:
        return Kind(self.kind.currentData())

    # -- the expiry follows the date taken until the officer types their own ---------------
    def _suggest_expiry(self) -> None:
        if self._expiry_typed:
            return
        suggested = expiry_after(_day(self.taken_on), self._validity[self.current_kind()])
        self._show_expiry(suggested)

    def _show_expiry(self, expires_on: date | None) -> None:
        self.expires_on.blockSignals(True)
        self.no_expiry.blockSignals(True)
        self.no_expiry.setChecked(expires_on is None)
        self.expires_on.setEnabled(expires_on is not None)
        if expires_on is not None:
            self.expires_on.setDate(_qdate(expires_on))
        self.expires_on.blockSignals(False)
        self.no_expiry.blockSignals(False)

    def _expiry_edited(self) -> None:
        self._expiry_typed = True

    def _no_expiry_toggled(self, checked: bool) -> None:
        self._expiry_typed = True
        self.expires_on.setEnabled(not checked)

    def details(self) -> RecordDetails:
        kind = self.current_kind()
        dbs_level = self.dbs_level.currentText()
        return RecordDetails(
            kind=kind,
            taken_on=_day(self.taken_on),
            expires_on=None if self.no_expiry.isChecked() else _day(self.expires_on),
            governing_body=self.governing_body.text(),
            title=self.title.text(),
            level=self.level.text(),
            dbs_level=None if dbs_level == NOT_SAID else dbs_level,
            certificate_number=self.certificate_number.text(),
        )

    def _save(self) -> None:
        details = self.details()
        try:
            with self._db.write() as session:
                if self._record_id is None:
                    records.add_record(session, self._person_id, details)
                else:
                    records.update_record(session, self._record_id, details)
        except Exception as error:
            show_error(self, error)
            return
        verb = "added" if self._record_id is None else "saved"
        self.saved.emit(f"{details.kind.heading} {verb}.")
        self.accept()


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _months(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return "1 year" if years == 1 else f"{years} years"
    return "1 month" if months == 1 else f"{months} months"
