"""One person's page: everything we know about them, as a column of sections.

A section is a widget class taking the workspace and the person's id (``PersonSection``);
``SECTIONS`` lists them in the order shown. An area that keeps records about people (bursaries,
checks and qualifications, volunteering) adds its section class to that list with one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from sassot_desktop.ui.person_section import PersonSection
from sassot_desktop.ui.person_sections import DetailsSection, EqualitySection, WorkshopsSection
from sassot_desktop.ui.widgets import back_button, heading

if TYPE_CHECKING:
    from sassot_desktop.workspace import Workspace


# The sections every person's page shows, in order.
SECTIONS: list[type[PersonSection]] = [DetailsSection, EqualitySection, WorkshopsSection]


class PersonPage(QWidget):
    back_requested = Signal()
    workshop_requested = Signal(int)
    changed = Signal(int)  # a person's details were saved (the list shows them)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.person_id: int | None = None
        self.sections: list[PersonSection] = []
        self.title = heading()
        self.feedback = QLabel(" ")
        self.feedback.setAccessibleName("Last action")
        self.feedback.setWordWrap(True)
        self.feedback.setStyleSheet("color: #1d6b2a; font-weight: bold;")
        back = back_button(self, "Back to people", self.back_requested.emit)
        self._column = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self._column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setAccessibleName("What we know about this person")
        top = QVBoxLayout(self)
        back_row = QHBoxLayout()
        back_row.addWidget(back)
        back_row.addStretch(1)
        top.addLayout(back_row)
        top.addWidget(self.title)
        top.addWidget(self.feedback)
        top.addWidget(scroll, 1)

    def show_person(self, person_id: int) -> None:
        from sassot_desktop.people.records import get_person

        with self.workspace.db.read() as session:
            person = get_person(session, person_id)
            name = f"{person.first_name} {person.last_name}"
        self.person_id = person_id
        self.title.setText(name)
        self.setAccessibleName(f"Person: {name}")
        while self._column.count():
            item = self._column.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.sections = [section(self.workspace, person_id) for section in SECTIONS]
        for section in self.sections:
            self._column.addWidget(section)
            section.changed.connect(self._section_changed)
        self._column.addStretch(1)
        self.feedback.setText(" ")

    def _section_changed(self, message: str) -> None:
        person_id = self.person_id
        self.show_person(person_id)
        self.feedback.setText(message)
        self.changed.emit(person_id)
