"""Add walk-in: someone who came without booking. Shows who they might already be, so the
officer picks the existing record instead of creating a second one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sassot_desktop.attendance import register
from sassot_desktop.attendance.roster import TickResult
from sassot_desktop.db.engine import Database
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.person_form import PersonForm
from sassot_desktop.ui.person_search import PeopleList


class WalkInDialog(QDialog):
    recorded = Signal(object)  # roster.TickResult

    def __init__(self, db: Database, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._workshop_id = workshop_id
        self.setWindowTitle("Add walk-in")
        self.setAccessibleName("Add walk-in")
        self.form = PersonForm(full=False, consent_method="Walk-in form at the workshop")
        self.matches = PeopleList("People who may be the same person")
        self.matches_label = QLabel("Already on file? Pick them instead of adding a new record:")
        self.matches_label.setWordWrap(True)
        self.matches_label.setBuddy(self.matches)
        buttons = QDialogButtonBox()
        self.add_new = buttons.addButton(
            "Add as &new person", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.use_existing = buttons.addButton(
            "&Use selected person", QDialogButtonBox.ButtonRole.ActionRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.add_new.setDefault(True)
        self.add_new.clicked.connect(self._add_new)
        self.use_existing.clicked.connect(self._use_existing)
        buttons.rejected.connect(self.reject)
        self.matches.activated.connect(lambda _index: self._use_existing())

        side = QVBoxLayout()
        side.addWidget(self.matches_label)
        side.addWidget(self.matches, 1)
        row = QHBoxLayout()
        row.addWidget(self.form, 3)
        row.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.form.name_changed.connect(self._look_up)
        self._look_up("")
        self.resize(820, 360)

    def _look_up(self, name: str) -> None:
        with self._db.read() as session:
            people = register.possible_matches(
                session, self.form.first_name.text(), self.form.last_name.text()
            )
        self.matches.show_people(people)
        self.use_existing.setEnabled(bool(people))
        self.matches_label.setEnabled(bool(people))

    def _add_new(self) -> None:
        try:
            details = self.form.details()
            with self._db.write() as session:
                result = register.add_walk_in(session, self._workshop_id, details=details)
        except Exception as error:
            show_error(self, error)
            return
        self._finish(result)

    def _use_existing(self) -> None:
        person = self.matches.current_person()
        if person is None:
            return
        try:
            with self._db.write() as session:
                result = register.add_walk_in(session, self._workshop_id, person_id=person.id)
        except Exception as error:
            show_error(self, error)
            return
        self._finish(result)

    def _finish(self, result: TickResult) -> None:
        self.recorded.emit(result)
        self.accept()
