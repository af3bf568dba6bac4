"""One workshop: its details and bookings, and everything the officer does to them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.attendance import offline, register
from sassot_desktop.attendance.roster import Headcount
from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.db.status import Status
from sassot_desktop.formatting import clock, long_date, pounds
from sassot_desktop.standards.kinds import Kind
from sassot_desktop.ui.booking_dialog import BookingDialog
from sassot_desktop.ui.messages import confirm, show_error
from sassot_desktop.ui.roster_model import RosterModel
from sassot_desktop.ui.widgets import back_button, heading, page_shortcut, record_table
from sassot_desktop.ui.workshop_editor import WorkshopEditor, copy_of
from sassot_desktop.workshops import bookings
from sassot_desktop.workshops.catalogue import WorkshopDetails, cancel_workshop, get_workshop


class WorkshopPage(QWidget):
    back_requested = Signal()
    check_in_requested = Signal(int)
    paper_register_requested = Signal(int)
    sign_in_sheet_requested = Signal(int)
    certificates_requested = Signal(int)
    export_requested = Signal(int)
    take_offline_requested = Signal(int)
    upload_requested = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.workshop_id: int | None = None
        self._details: WorkshopDetails | None = None
        self._version: int | None = None  # of the workshop as shown, for the editor's save
        self._cancelled = False

        self.title = heading()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = QLabel()
        self.counts.setAccessibleName("Bookings summary")
        self.offline_note = QLabel()
        self.offline_note.setAccessibleName("Taken offline")
        self.offline_note.setWordWrap(True)
        self.feedback = QLabel(" ")
        self.feedback.setAccessibleName("Last action")
        self.feedback.setWordWrap(True)
        self.feedback.setStyleSheet("color: #1d6b2a; font-weight: bold;")

        back = back_button(self, "Back to workshops", self.back_requested.emit)

        self.model = RosterModel(self)
        self.table = record_table(self.model, "Bookings")

        self.book_button = self._button("&Book a person…", "Ctrl+B", self.book_person)
        self.cancel_booking_button = self._button(
            "Cancel boo&king…", QKeySequence.StandardKey.Delete, self.cancel_booking
        )
        self.check_in_button = self._button("Check-&in", "Ctrl+K", self._check_in)
        self.paper_button = self._button("&Paper register", "Ctrl+R", self._paper_register)
        self.sheet_button = self._button(
            "&Sign-in sheet…", "Ctrl+P", lambda: self.sign_in_sheet_requested.emit(self.workshop_id)
        )
        self.certificates_button = self._button(
            "Cer&tificates…",
            "Ctrl+Shift+P",
            lambda: self.certificates_requested.emit(self.workshop_id),
        )
        self.give_certificate_button = self._button(
            "Gi&ve or withhold certificate", "Ctrl+G", self.give_or_withhold_certificate
        )
        self.export_button = self._button(
            "E&xport…", "Ctrl+Shift+E", lambda: self.export_requested.emit(self.workshop_id)
        )
        self.export_button.setAccessibleName("Export attendance")
        self.export_button.setToolTip(
            "Export the bookings and the night's attendance, for Excel (Ctrl+Shift+E)"
        )
        self.offline_button = self._button(
            "Take &offline",
            None,
            lambda: self.take_offline_requested.emit(self.workshop_id),
        )
        self.offline_button.setToolTip(
            "Copy the register to this computer for a venue with no network"
        )
        self.upload_button = self._button(
            "&Upload", None, lambda: self.upload_requested.emit(self.workshop_id)
        )
        self.upload_button.setAccessibleName("Upload offline register")
        self.upload_button.setToolTip("Send the ticks and walk-ins made offline to the server")
        # On this computer's own file the register is always at hand: nothing to take offline.
        for button in (self.offline_button, self.upload_button):
            button.setVisible(not db.is_sqlite)
        self.edit_button = self._button("&Edit…", "Ctrl+E", self.edit)
        self.copy_button = self._button("Cop&y…", "Ctrl+Shift+C", self.copy)
        self.cancel_button = self._button("Cancel &workshop…", None, self.cancel_workshop)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.details)
        titles.addWidget(self.counts)
        titles.addWidget(self.offline_note)
        top.addLayout(titles, 1)
        # The register's trips to a laptop and back sit apart from the evening's own buttons,
        # which already fill the width of a laptop's screen.
        trips = QHBoxLayout()
        trips.addWidget(self.offline_button)
        trips.addWidget(self.upload_button)
        side = QVBoxLayout()
        side.addWidget(back, 0, Qt.AlignmentFlag.AlignRight)
        side.addLayout(trips)
        side.addStretch(1)
        top.addLayout(side)
        actions = QHBoxLayout()
        for button in (
            self.book_button,
            self.cancel_booking_button,
            self.check_in_button,
            self.paper_button,
            self.sheet_button,
            self.certificates_button,
            self.give_certificate_button,
            self.export_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.edit_button, self.copy_button, self.cancel_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.feedback)
        layout.addWidget(self.table, 1)

    def _button(self, text: str, keys, slot) -> QPushButton:
        button = QPushButton(text)
        plain = text.replace("&", "").rstrip("…")
        button.setAccessibleName(plain)
        button.clicked.connect(slot)
        if keys is not None:
            action = page_shortcut(self, plain, keys, lambda: button.isEnabled() and slot())
            button.setToolTip(
                f"{plain} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        return button

    def show_workshop(self, workshop_id: int) -> None:
        if workshop_id != self.workshop_id:
            self.feedback.setText(" ")
        self.workshop_id = workshop_id
        self.reload()
        self.table.setFocus()

    def reload(self) -> None:
        if self.workshop_id is None:
            return
        with self._db.read() as session:
            workshop = get_workshop(session, self.workshop_id)
            self._details = details = WorkshopDetails.of(workshop)
            self._version = workshop.version
            self._cancelled = workshop.cancelled_at is not None
            closed = workshop.register_closed_at is not None
            entries = register.roster(session, self.workshop_id)
            holders = offline.holders(session, self.workshop_id)
        cancelled = " (cancelled)" if self._cancelled else ""
        self.title.setText(f"{details.title}{cancelled}")
        lines = [
            f"{long_date(details.date)}, {clock(details.start_time)}–{clock(details.end_time)}",
            ", ".join(
                p
                for p in (
                    details.venue_name,
                    details.venue_address,
                    details.venue_postcode,
                    details.district,
                )
                if p
            ),
            f"Provider: {details.provider} · Tutor: {details.tutor or 'not set'} · "
            f"Fee: {pounds(details.fee_pence)}",
        ]
        if details.grants:
            lines.append(
                f"Attending grants: {Kind(details.grants).label}, recorded for each person "
                "once their attendance is confirmed"
            )
        if details.notes:
            lines.append(f"Notes: {details.notes}")
        self.details.setText("\n".join(lines))
        waiting = sum(e.status is Status.WAITING for e in entries)
        headcount = Headcount.of(entries)
        summary = f"{headcount.booked} of {details.capacity} places booked · {waiting} waiting"
        if closed:
            summary += f" · register closed: {headcount.arrived + headcount.walk_ins} came"
        self.counts.setText(summary)
        self.offline_note.setText("\n".join(offline.held_by(held) for held in holders))
        self.offline_note.setVisible(bool(holders))
        self.model.set_rows(entries)
        past = details.date < venue_today()
        for button in (
            self.book_button,
            self.check_in_button,
            self.cancel_button,
            self.cancel_booking_button,
            self.sheet_button,
            self.certificates_button,
            self.give_certificate_button,
        ):
            button.setEnabled(not self._cancelled)
        self.paper_button.setEnabled(not self._cancelled and details.date <= venue_today())
        self.check_in_button.setEnabled(not self._cancelled and not past)
        self.offline_button.setEnabled(not self._cancelled and not past)

    # -- actions ---------------------------------------------------------------------------
    def book_person(self) -> None:
        dialog = BookingDialog(self._db, self.workshop_id, self._details.title, self)
        dialog.booked.connect(self._booked)
        dialog.open()

    def _booked(self, outcome: bookings.BookingOutcome) -> None:
        self.feedback.setText(outcome.message)
        self.reload()

    def cancel_booking(self) -> None:
        entry = self.model.row(self.table.currentIndex().row())
        if entry is None:
            self.feedback.setText("Choose the booking to cancel first.")
            return
        confirm(
            self,
            "Cancel booking",
            f"Cancel {entry.name}'s booking? If anyone is waiting, the first person on the "
            "waiting list gets the place.",
            "Cancel booking",
            lambda: self._cancel_booking_confirmed(entry.booking_id),
        )

    def _cancel_booking_confirmed(self, booking_id: int) -> None:
        try:
            with self._db.write() as session:
                outcome = bookings.cancel_booking(session, booking_id)
        except Exception as error:
            show_error(self, error)
            return
        self.feedback.setText(outcome.message)
        self.reload()

    def give_or_withhold_certificate(self) -> None:
        entry = self.model.row(self.table.currentIndex().row())
        if entry is None:
            self.feedback.setText("Choose the booking first.")
            return
        try:
            with self._db.write() as session:
                message = register.set_certificate(
                    session, entry.booking_id, give=not entry.earns_certificate
                )
        except Exception as error:
            show_error(self, error)
            return
        self.feedback.setText(message)
        row = self.table.currentIndex().row()
        self.reload()
        self.table.selectRow(row)

    def edit(self) -> None:
        editor = WorkshopEditor(self._db, self._details, self.workshop_id, self, self._version)
        editor.saved.connect(self._saved)
        editor.open()

    def copy(self) -> None:
        editor = WorkshopEditor(self._db, copy_of(self._details), None, self)
        editor.saved.connect(self._saved)
        editor.open()

    def _saved(self, workshop_id: int, message: str) -> None:
        self.show_workshop(workshop_id)
        self.feedback.setText(message)

    def cancel_workshop(self) -> None:
        confirm(
            self,
            "Cancel workshop",
            f"Cancel {self._details.title} on {long_date(self._details.date)}? Its bookings are "
            "kept so you can tell the people booked.",
            "Cancel workshop",
            self._cancel_workshop_confirmed,
        )

    def _cancel_workshop_confirmed(self) -> None:
        try:
            with self._db.write() as session:
                cancel_workshop(session, self.workshop_id)
        except Exception as error:
            show_error(self, error)
            return
        self.feedback.setText("The workshop is cancelled.")
        self.reload()

    def _check_in(self) -> None:
        self.check_in_requested.emit(self.workshop_id)

    def _paper_register(self) -> None:
        self.paper_register_requested.emit(self.workshop_id)
