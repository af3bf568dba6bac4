"""Create, edit or copy a workshop."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.db.engine import Database
from sassot_desktop.formatting import parse_pounds, pounds
from sassot_desktop.geography import DISTRICTS
from sassot_desktop.record_versions import EditConflict, Loaded
from sassot_desktop.standards.granted import KNOWN_GRANTS, grant_choices
from sassot_desktop.ui.edit_conflict_dialog import offer_choice
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.widgets import NO_DISTRICT, label_for
from sassot_desktop.workshops.catalogue import (
    KNOWN_COURSES,
    PROVIDERS,
    WorkshopDetails,
    create_workshop,
    update_workshop,
)


class WorkshopEditor(QDialog):
    """Saving creates a workshop (new or copy) or updates the one being edited.

    ``loaded_at`` is the version of the workshop ``details`` were read at, so that a colleague's
    change since is kept, and a field both changed is shown before it is saved over.
    """

    saved = Signal(int, str)  # the workshop's id, and what to tell the officer

    def __init__(
        self,
        db: Database,
        details: WorkshopDetails | None = None,
        workshop_id: int | None = None,
        parent: QWidget | None = None,
        loaded_at: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._workshop_id = workshop_id
        self._loaded = (
            Loaded.of(details, loaded_at) if details is not None and loaded_at is not None else None
        )
        if workshop_id is not None:
            title = "Edit workshop"
        else:
            title = "Copy workshop" if details else "New workshop"
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        self.course = QComboBox()
        self.course.setEditable(True)
        self.course.addItems([title for title, _provider in KNOWN_COURSES])
        self.provider = QComboBox()
        self.provider.setEditable(True)
        self.provider.addItems(PROVIDERS)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.start = QTimeEdit()
        self.start.setDisplayFormat("HH:mm")
        self.end = QTimeEdit()
        self.end.setDisplayFormat("HH:mm")
        self.venue = QLineEdit()
        self.address = QLineEdit()
        self.postcode = QLineEdit()
        self.postcode.setMaxLength(8)
        self.district = QComboBox()
        self.district.addItems([NO_DISTRICT, *DISTRICTS])
        self.tutor = QLineEdit()
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 500)
        self.fee = QLineEdit()
        self.fee.setPlaceholderText("0.00 for a free workshop")
        self.grants = QComboBox()
        for text, kind in grant_choices():
            self.grants.addItem(text, kind.value if kind else None)
        self.grants.setToolTip(
            "What attending records on each person's standards, once their attendance is confirmed"
        )
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)

        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(label_for("&to", self.end, "End time"))
        times.addWidget(self.end)
        times.addStretch(1)
        form = QFormLayout()
        form.addRow(label_for("&Course title:", self.course), self.course)
        form.addRow(label_for("&Provider:", self.provider), self.provider)
        form.addRow(label_for("&Date:", self.day), self.day)
        form.addRow(label_for("&Time:", self.start, "Start time"), times)
        form.addRow(label_for("&Venue:", self.venue), self.venue)
        form.addRow(label_for("&Address:", self.address, "Venue address"), self.address)
        form.addRow(label_for("Post&code:", self.postcode, "Venue postcode"), self.postcode)
        form.addRow(label_for("D&istrict:", self.district), self.district)
        form.addRow(label_for("T&utor:", self.tutor), self.tutor)
        form.addRow(label_for("Ca&pacity:", self.capacity), self.capacity)
        form.addRow(label_for("&Fee (£):", self.fee, "Fee in pounds"), self.fee)
        form.addRow(
            label_for("Attending &grants:", self.grants, "What attending grants"), self.grants
        )
        form.addRow(label_for("&Notes:", self.notes), self.notes)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._fill(details or _fresh())
        self.course.currentTextChanged.connect(self._suggest_provider)
        self.resize(560, self.sizeHint().height())

    def _suggest_provider(self, title: str) -> None:
        """A known course comes from a known provider; fill it in, the officer may change it."""
        provider = dict(KNOWN_COURSES).get(title.strip())
        if provider:
            self.provider.setCurrentText(provider)
        grant = KNOWN_GRANTS.get(title.strip())
        if grant is not None:
            self.grants.setCurrentIndex(self.grants.findData(grant.value))

    def _fill(self, details: WorkshopDetails) -> None:
        self.course.setCurrentText(details.title)
        self.provider.setCurrentText(details.provider)
        self.day.setDate(QDate(details.date.year, details.date.month, details.date.day))
        self.start.setTime(QTime(details.start_time.hour, details.start_time.minute))
        self.end.setTime(QTime(details.end_time.hour, details.end_time.minute))
        self.venue.setText(details.venue_name)
        self.address.setText(details.venue_address or "")
        self.postcode.setText(details.venue_postcode or "")
        self.district.setCurrentText(details.district or NO_DISTRICT)
        self.tutor.setText(details.tutor or "")
        self.capacity.setValue(details.capacity)
        self.fee.setText("" if details.fee_pence == 0 else pounds(details.fee_pence).lstrip("£"))
        self.notes.setPlainText(details.notes or "")
        self.grants.setCurrentIndex(max(0, self.grants.findData(details.grants)))

    def details(self) -> WorkshopDetails:
        day = self.day.date()
        district = self.district.currentText()
        return WorkshopDetails(
            title=self.course.currentText(),
            provider=self.provider.currentText(),
            date=date(day.year(), day.month(), day.day()),
            start_time=time(self.start.time().hour(), self.start.time().minute()),
            end_time=time(self.end.time().hour(), self.end.time().minute()),
            venue_name=self.venue.text(),
            venue_address=self.address.text(),
            venue_postcode=self.postcode.text(),
            district=None if district == NO_DISTRICT else district,
            tutor=self.tutor.text(),
            capacity=self.capacity.value(),
            fee_pence=parse_pounds(self.fee.text()),
            notes=self.notes.toPlainText(),
            grants=self.grants.currentData(),
        )

    def _save(self) -> None:
        try:
            details = self.details()
            with self._db.write() as session:
                if self._workshop_id is None:
                    workshop_id, message = create_workshop(session, details).id, "Workshop saved."
                else:
                    update = update_workshop(session, self._workshop_id, details, self._loaded)
                    workshop_id, message = update.id, update.message
        except EditConflict as conflict:
            offer_choice(self, conflict, self._save_over)
            return
        except Exception as error:
            show_error(self, error)
            return
        self.saved.emit(workshop_id, message)
        self.accept()

    def _save_over(self, loaded: Loaded) -> None:
        self._loaded = loaded
        self._save()


def _fresh() -> WorkshopDetails:
    return WorkshopDetails(
        title="",
        provider=PROVIDERS[0],
        date=date.today() + timedelta(days=14),
        start_time=time(18, 30),
        end_time=time(21, 30),
        venue_name="",
        capacity=25,
    )


def copy_of(details: WorkshopDetails) -> WorkshopDetails:
    """A copy dated a week after the original, ready to be adjusted and saved."""
    return replace(details, date=details.date + timedelta(days=7))
