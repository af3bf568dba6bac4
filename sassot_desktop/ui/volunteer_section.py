"""One person's volunteering, shown and edited in place: placements and the hours they gave.

Self-contained (it needs only the workspace and the person's id) so that a person's page can
hold it; the volunteering page opens it for the volunteer the officer looks up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.clock import venue_today
from sassot_desktop.formatting import parse_day, short_date
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import label_for, page_shortcut, record_table
from sassot_desktop.volunteering.durations import hours_text, parse_hours
from sassot_desktop.volunteering.hours import HoursEntry
from sassot_desktop.volunteering.placements import PlacementRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sassot_desktop.workspace import Workspace

STATUS_WORDS = {"pending": "Waiting for approval", "approved": "Approved", "rejected": "Rejected"}


def date_field(day: date) -> QDateEdit:
    """A day-first date box with a calendar, set to ``day``."""
    field = QDateEdit(QDate(day.year, day.month, day.day))
    field.setCalendarPopup(True)
    field.setDisplayFormat("dd/MM/yyyy")
    return field


def table_shortcut(table: QWidget, text: str, slot) -> None:
    """The Delete key on ``table`` (and only there, so it never deletes from a field)."""
    action = QAction(text, table)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    table.addAction(action)


def day_of(field: QDateEdit) -> date:
    chosen = field.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class PlacementModel(RowTableModel[PlacementRow]):
    COLUMNS = ("Club or organisation", "Role", "From", "To")

    def text(self, row: PlacementRow, column: int) -> str:
        if column == 0:
            return row.organisation
        if column == 1:
            return row.role
        if column == 2:
            return short_date(row.started_on)
        return short_date(row.ended_on) if row.ended_on else "current"


class PersonHoursModel(RowTableModel[HoursEntry]):
    COLUMNS = ("Date", "Hours", "Activity", "Placement", "Status")

    def text(self, row: HoursEntry, column: int) -> str:
        if column == 0:
            return short_date(row.worked_on)
        if column == 1:
            return hours_text(row.minutes)
        if column == 2:
            return row.activity
        if column == 3:
            return row.organisation
        return STATUS_WORDS[row.status]


class VolunteeringSection(QWidget):
    """A person's placements and hours, with forms to add to both."""

    changed = Signal(str)  # what was just saved, in a sentence

    def __init__(self, workspace: Workspace, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = workspace.db
        self._log_file = str(workspace.paths.log_file)
        self.person_id = person_id
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Hours summary")
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("What was saved")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self._placements_box(), 1)
        layout.addWidget(self._hours_box(), 2)
        # The last deletion, and how to take it back, while the officer may still want to.
        self._undo: Callable[[Session], str] | None = None
        self.undo_button = QPushButton("&Undo delete")
        self.undo_button.setAccessibleName("Undo the deletion")
        self.undo_button.setToolTip("Put back what was just deleted (Ctrl+Z)")
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        page_shortcut(self, "Undo delete", "Ctrl+Z", self.undo)
        feedback_row = QHBoxLayout()
        feedback_row.addWidget(self.feedback, 1)
        feedback_row.addWidget(self.undo_button)
        layout.addLayout(feedback_row)
        self.reload()

    # -- building ----------------------------------------------------------------------------
    def _placements_box(self) -> QGroupBox:
        box = QGroupBox("Placements")
        self.placements = PlacementModel(self)
        self.placement_table = record_table(self.placements, "Placements", stretch=(0, 1))
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText("Club or organisation")
        self.role = QLineEdit()
        self.role.setPlaceholderText("e.g. team manager, treasurer, young leader")
        self.started = date_field(venue_today())
        self.ended = QLineEdit()
        self.ended.setPlaceholderText("empty while current, or dd/mm/yyyy")
        add = QPushButton("Add &placement")
        add.setAccessibleName("Add placement")
        add.clicked.connect(self.add_placement)
        self.role.returnPressed.connect(self.add_placement)
        end = QPushButton("Set &end of selected")
        end.setAccessibleName("Set the end date of the selected placement")
        end.setToolTip("Give the selected placement the date in “To” (empty: current again)")
        end.clicked.connect(self.end_selected_placement)
        self.delete_placement_button = remove = QPushButton("Delete place&ment")
        remove.setAccessibleName("Delete the selected placement")
        remove.setToolTip("Delete the selected placement (Delete); Undo puts it back")
        remove.clicked.connect(self.remove_selected_placement)
        table_shortcut(self.placement_table, "Delete placement", self.remove_selected_placement)
        for button in (add, end, remove):
            button.setAutoDefault(False)  # in a dialog, Enter in a field would press it
        form = QFormLayout()
        form.addRow(label_for("Club or &organisation:", self.organisation), self.organisation)
        form.addRow(label_for("&Role:", self.role), self.role)
        dates = QHBoxLayout()
        dates.addWidget(self.started)
        dates.addWidget(label_for("&To:", self.ended, "Placement ends"))
        dates.addWidget(self.ended, 1)
        form.addRow(label_for("&From:", self.started, "Placement starts"), dates)
        buttons = QHBoxLayout()
        buttons.addWidget(remove)
        buttons.addStretch(1)
        buttons.addWidget(end)
        buttons.addWidget(add)
        layout = QVBoxLayout(box)
        layout.addWidget(self.placement_table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return box

    def _hours_box(self) -> QGroupBox:
        box = QGroupBox("Hours given")
        self.hours = PersonHoursModel(self)
        self.hours_table = record_table(self.hours, "Hours given", stretch=(2,))
        self.worked_on = date_field(venue_today())
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("e.g. 2.5 or 2:30")
        self.activity = QLineEdit()
        self.activity.setPlaceholderText("e.g. coaching the under-11s")
        self.placement = QComboBox()
        log = QPushButton("&Log hours")
        log.setAccessibleName("Log hours")
        log.setToolTip("Logged hours count once approved on the volunteering page")
        log.clicked.connect(self.log_hours)
        self.activity.returnPressed.connect(self.log_hours)
        self.delete_hours_button = remove = QPushButton("Delete hour&s")
        remove.setAccessibleName("Delete the selected hours")
        remove.setToolTip("Delete the selected hours (Delete); Undo puts them back")
        remove.clicked.connect(self.remove_selected_hours)
        table_shortcut(self.hours_table, "Delete hours", self.remove_selected_hours)
        for button in (log, remove):
            button.setAutoDefault(False)  # in a dialog, Enter in a field would press it
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.worked_on)
        row.addWidget(label_for("&Hours:", self.amount, "Hours given"))
        row.addWidget(self.amount, 1)
        form.addRow(label_for("&Date:", self.worked_on, "Date the hours were given"), row)
        form.addRow(label_for("&Activity:", self.activity), self.activity)
        form.addRow(
            label_for("Pla&ced with:", self.placement, "Placement for the hours"), self.placement
        )
        buttons = QHBoxLayout()
        buttons.addWidget(remove)
        buttons.addStretch(1)
        buttons.addWidget(log)
        layout = QVBoxLayout(box)
        layout.addWidget(self.hours_table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return box

    # -- showing -----------------------------------------------------------------------------
    def reload(self) -> None:
        from sassot_desktop.volunteering import milestones
        from sassot_desktop.volunteering.hours import hours_entries
        from sassot_desktop.volunteering.placements import placements_of

        with self._db.read() as session:
            placements = placements_of(session, self.person_id)
            entries = hours_entries(session, person_id=self.person_id)
            reached = milestones.last_milestones(session).get(self.person_id)
        self.placements.set_rows(placements)
        self.hours.set_rows(entries)
        today = venue_today()
        current = [p.id for p in placements if p.is_current(today)]
        chosen = self.placement.currentData() or (current[0] if current else None)
        self.placement.clear()
        self.placement.addItem("— no placement —", None)
        for placement in placements:
            self.placement.addItem(placement.described, placement.id)
        self.placement.setCurrentIndex(max(0, self.placement.findData(chosen)))
        self.summary.setText(_summary(entries, reached))

    # -- actions -----------------------------------------------------------------------------
    def add_placement(self) -> None:
        from sassot_desktop.volunteering.placements import add_placement

        def save(session):
            add_placement(
                session,
                self.person_id,
                self.organisation.text(),
                self.role.text(),
                day_of(self.started),
                parse_day(self.ended.text()),
            )
            return f"Placed with {self.organisation.text().strip()}."

        if self._save(save):
            self.organisation.clear()
            self.role.clear()
            self.ended.clear()
            self.organisation.setFocus()

    def end_selected_placement(self) -> None:
        from sassot_desktop.errors import UserError
        from sassot_desktop.volunteering.placements import end_placement

        chosen = self.placements.row(self.placement_table.currentIndex().row())

        def save(session):
            if chosen is None:
                raise UserError("Choose the placement in the list first, then its end date.")
            ended_on = parse_day(self.ended.text())
            end_placement(session, chosen.id, ended_on)
            if ended_on is None:
                return f"{chosen.described} is current again."
            return f"{chosen.described} ended on {short_date(ended_on)}."

        self._save(save)

    def remove_selected_placement(self) -> None:
        from sassot_desktop.volunteering.placements import remove_placement, restore_placement

        chosen = self.placements.row(self.placement_table.currentIndex().row())
        if chosen is None:
            self.feedback.setText("Choose the placement to delete in the list first.")
            return

        def remove(session):
            removed = remove_placement(session, chosen.id)
            self._undo = lambda session: _restored(restore_placement(session, removed))
            kept = len(removed.hours_ids)
            entries = f"{kept} entr{'y' if kept == 1 else 'ies'}"
            hours = f" Its hours ({entries}) are kept, with no placement." if kept else ""
            return f"Deleted the placement {chosen.described}.{hours}"

        def _restored(placement) -> str:
            return f"Put back the placement {placement.role}, {placement.organisation}."

        self._delete(remove)

    def remove_selected_hours(self) -> None:
        from sassot_desktop.volunteering.hours import remove_hours, restore_hours

        chosen = self.hours.row(self.hours_table.currentIndex().row())
        if chosen is None:
            self.feedback.setText("Choose the hours to delete in the list first.")
            return

        def remove(session):
            removed = remove_hours(session, chosen.id)

            def restore(session) -> str:
                restore_hours(session, removed)
                return f"Put back {removed.described}."

            self._undo = restore
            return f"Deleted {removed.described}.{_milestones_said(removed)}"

        self._delete(remove)

    def undo(self) -> None:
        undo = self._undo
        if undo is not None and not self._save(undo):
            self._undo = undo
            self.undo_button.show()

    def _delete(self, work) -> None:
        if self._save(lambda session: work(session) + " Undo delete (Ctrl+Z) puts it back."):
            self.undo_button.show()

    def log_hours(self) -> None:
        from sassot_desktop.volunteering.hours import log_hours

        def save(session):
            minutes = parse_hours(self.amount.text())
            log_hours(
                session,
                self.person_id,
                day_of(self.worked_on),
                minutes,
                self.activity.text(),
                self.placement.currentData(),
                today=venue_today(),
            )
            return f"Logged {hours_text(minutes)} hours; they count once approved."

        if self._save(save):
            self.amount.clear()
            self.activity.clear()
            self.amount.setFocus()

    def _save(self, work) -> bool:
        # Any change ends the chance to undo the last deletion (a delete offers its own).
        self._undo = None
        self.undo_button.hide()
        try:
            with self._db.write() as session:
                message = work(session)
        except Exception as error:
            show_error(self, error, self._log_file)
            return False
        self.feedback.setText(message)
        self.reload()
        self.changed.emit(message)
        return True


def _milestones_said(removed) -> str:
    """What deleting approved hours did to the milestones they had helped reach."""
    text = ""
    if removed.withdrawn:
        hours = " and ".join(str(m["hours"]) for m in removed.withdrawn)
        text += f" The {hours}-hour milestone is taken back: the rest no longer reach it."
    if removed.kept:
        hours = " and ".join(str(h) for h in removed.kept)
        text += (
            f" The {hours}-hour milestone stays: it was already acknowledged, though the rest "
            "no longer reach it."
        )
    return text


def _summary(entries: list[HoursEntry], milestone: int | None) -> str:
    approved = sum(e.minutes for e in entries if e.status == "approved")
    waiting = sum(e.minutes for e in entries if e.status == "pending")
    text = f"{hours_text(approved)} hours approved"
    if waiting:
        text += f"; {hours_text(waiting)} waiting for approval"
    text += f". Last milestone: {milestone} hours." if milestone else ". No milestone yet."
    return text
