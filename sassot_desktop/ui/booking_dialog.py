"""Book a person on a workshop: find them among everyone on file, or add them here."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.db.engine import Database
from sassot_desktop.people.records import PersonSummary, create_person
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.person_form import PersonForm
from sassot_desktop.ui.person_search import PersonPicker
from sassot_desktop.workshops.bookings import book


class BookingDialog(QDialog):
    booked = Signal(object)  # bookings.BookingOutcome

    def __init__(self, db: Database, workshop_id: int, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._workshop_id = workshop_id
        self.setWindowTitle(f"Book a person on {title}")
        self.setAccessibleName("Book a person")

        self.picker = PersonPicker(db, "&Find a person on file:")
        self.picker.chosen.connect(self._book_existing)
        book_found = QPushButton("&Book selected person")
        book_found.setAccessibleName("Book selected person")
        book_found.clicked.connect(
            lambda: self._book_existing(self.picker.results.current_person())
        )
        find_side = QVBoxLayout()
        find_side.addWidget(self.picker, 1)
        find_side.addWidget(book_found)

        self.form = PersonForm(full=True, consent_method="Booking form")
        add_and_book = QPushButton("&Add new person and book")
        add_and_book.setAccessibleName("Add new person and book")
        add_and_book.clicked.connect(self._book_new)
        new_box = QGroupBox("Not on file? Add them")
        new_layout = QVBoxLayout(new_box)
        new_layout.addWidget(self.form)
        new_layout.addWidget(add_and_book)

        self.outcome = QLabel(" ")
        self.outcome.setAccessibleName("Last booking")
        self.outcome.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addLayout(find_side, 1)
        row.addWidget(new_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self.resize(980, 560)
        self.picker.field.setFocus()

    def _book_existing(self, person: PersonSummary | None) -> None:
        if person is None:
            self._say("Find the person first: type part of their name, then press Enter.")
            return
        self._book(lambda session: person.id)

    def _book_new(self) -> None:
        try:
            details = self.form.details()
        except Exception as error:
            show_error(self, error)
            return
        if self._book(lambda session: create_person(session, details).id):
            self.form.clear()

    def _book(self, person_id_in) -> bool:
        try:
            with self._db.write() as session:
                outcome = book(session, self._workshop_id, person_id_in(session))
        except Exception as error:
            show_error(self, error)
            return False
        self._say(outcome.message)
        self.booked.emit(outcome)
        # Several people are often booked in one go: clear for the next.
        self.picker.field.clear()
        self.picker.field.setFocus()
        return True

    def _say(self, text: str) -> None:
        self.outcome.setText(text)
