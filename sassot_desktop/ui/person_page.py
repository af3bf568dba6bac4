"""One person's page: everything we know about them, as a column of sections.

A section is a widget class taking the workspace and the person's id (``PersonSection``);
``SECTIONS`` lists them in the order shown. An area that keeps records about people (bursaries,
checks and qualifications, volunteering) adds its section class to that list with one line.
The page is long: Alt and a section's number (shown in its title) go straight to it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.ui.mnemonics import keep_each_letter_once, menu_letters
from sassot_desktop.ui.person_record_sections import (
    BursariesSection,
    ChecksSection,
    VolunteeringPart,
)
from sassot_desktop.ui.person_section import PersonSection
from sassot_desktop.ui.person_sections import DetailsSection, EqualitySection, WorkshopsSection
from sassot_desktop.ui.widgets import back_button, heading, page_shortcut

if TYPE_CHECKING:
    from sassot_desktop.workspace import Workspace


# The sections every person's page shows, in order.
SECTIONS: list[type[PersonSection]] = [
    DetailsSection,
    EqualitySection,
    WorkshopsSection,
    ChecksSection,
    BursariesSection,
    VolunteeringPart,
]


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
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setAccessibleName("What we know about this person")
        for number, section in enumerate(SECTIONS, 1):
            page_shortcut(
                self, f"Go to {section.title}", f"Alt+{number}", partial(self.go_to, number)
            )
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
        for number, section in enumerate(self.sections, 1):
            section.setTitle(f"{number}  {section.title}")
            section.setToolTip(f"Alt+{number} comes here")
            self._column.addWidget(section)
            section.changed.connect(self._section_changed)
            section.said.connect(self._section_said)
            if isinstance(section, WorkshopsSection):
                section.workshop_requested.connect(self.workshop_requested)
        self._column.addStretch(1)
        keep_each_letter_once(self.sections, menu_letters(self))
        self.feedback.setText(" ")
        # Where the keys work from: arrows and Page Down scroll, Alt+number goes to a section.
        if not self.isAncestorOf(QApplication.focusWidget()):
            self.scroll.setFocus()

    def go_to(self, number: int) -> None:
        """Show section ``number`` (counted from 1) and put the cursor in its first control."""
        if not 0 < number <= len(self.sections):
            return
        section = self.sections[number - 1]
        for child in section.findChildren(QWidget):
            tab_focus = child.focusPolicy() & Qt.FocusPolicy.TabFocus
            if child.isEnabled() and child.isVisible() and tab_focus:
                child.setFocus(Qt.FocusReason.ShortcutFocusReason)
                break
        # The section's title at the top, not just its first field somewhere in sight.
        self.scroll.verticalScrollBar().setValue(section.y())

    def _section_said(self, message: str) -> None:
        self.feedback.setText(message)
        self.changed.emit(self.person_id)

    def _section_changed(self, message: str) -> None:
        person_id = self.person_id
        self.show_person(person_id)
        self.feedback.setText(message)
        self.changed.emit(person_id)
