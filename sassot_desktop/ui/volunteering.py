"""The volunteering page: hours waiting for approval (many at once, with undo), the hour
milestones people reached, the Step into Sport share placed, and a volunteer's own record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
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

from sassot_desktop.clock import venue_date_of, venue_today
from sassot_desktop.formatting import short_date
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.person_search import PersonPicker
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.volunteer_section import VolunteeringSection, date_field, day_of
from sassot_desktop.ui.widgets import heading, label_for, page_shortcut, record_table
from sassot_desktop.volunteering.durations import hours_text
from sassot_desktop.volunteering.hours import HoursEntry
from sassot_desktop.volunteering.milestones import Milestone
from sassot_desktop.volunteering.step_into_sport import TARGET_PERCENT, Conference

if TYPE_CHECKING:
    from sassot_desktop.ui.runner import Runner
    from sassot_desktop.workspace import Workspace

_BELOW_TARGET = QColor("#a33b00")


class WaitingHoursModel(RowTableModel[HoursEntry]):
    COLUMNS = ("Date", "Volunteer", "Hours", "Activity", "Placement")

    def text(self, row: HoursEntry, column: int) -> str:
        return (
            short_date(row.worked_on),
            row.name,
            hours_text(row.minutes),
            row.activity,
            row.organisation,
        )[column]


class MilestoneModel(RowTableModel[Milestone]):
    COLUMNS = ("Volunteer", "Hours", "Reached", "Acknowledged")

    def text(self, row: Milestone, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return str(row.hours)
        if column == 2:
            return short_date(venue_date_of(row.reached_at))
        return short_date(venue_date_of(row.acknowledged_at)) if row.acknowledged_at else "waiting"


class ConferenceModel(RowTableModel[Conference]):
    COLUMNS = ("Conference", "Came", "Placed", "Share placed", "Target")
    DECORATION_ROLES = frozenset((Qt.ItemDataRole.ForegroundRole,))

    def text(self, row: Conference, column: int) -> str:
        return (
            short_date(row.conference_on),
            str(row.attended),
            str(row.placed),
            f"{row.percent_placed}%",
            "met" if row.meets_target else f"below {TARGET_PERCENT}%",
        )[column]

    def decoration(self, row: Conference, column: int, role: Qt.ItemDataRole):
        if column == 4 and not row.meets_target:
            return QBrush(_BELOW_TARGET)
        return None


class VolunteeringPage(QWidget):
    awards_requested = Signal()

    def __init__(self, workspace: Workspace, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._db = workspace.db
        self._log_file = str(workspace.paths.log_file)
        # The last approval or rejection, so that a slip is one Undo away.
        self._last_decision: tuple[list[int], str] | None = None
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("What was done")
        awards = QPushButton("A&ward rounds…")
        awards.setAccessibleName("Award rounds")
        awards.clicked.connect(self.awards_requested)
        self.export_button = export = QPushButton("E&xport hours…")
        export.setAccessibleName("Export volunteers' hours to Excel")
        export.setToolTip("Each volunteer's approved and waiting hours, and last milestone")
        export.clicked.connect(self.export_hours)
        top = QHBoxLayout()
        top.addWidget(heading("Volunteering"), 1)
        top.addWidget(export)
        top.addWidget(awards)

        right = QVBoxLayout()
        # Milestones pile up through the year; there is one conference a year.
        right.addWidget(self._milestones_box(), 3)
        right.addWidget(self._step_into_sport_box())
        right.addWidget(self._find_box(), 2)
        columns = QHBoxLayout()
        columns.addWidget(self._waiting_box(), 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        layout.addWidget(self.feedback)

    def export_hours(self) -> None:
        from sassot_desktop.clock import venue_today
        from sassot_desktop.exchange.exports import suggested_name
        from sassot_desktop.exchange.volunteering_exports import HOURS, write_volunteering_export
        from sassot_desktop.ui.exporting import write_with_dialog

        db = self._db
        write_with_dialog(
            self,
            self._runner,
            self._workspace,
            title="Export volunteers' hours",
            file_name=suggested_name("volunteer hours", venue_today()),
            write=lambda path, progress: write_volunteering_export(
                db, HOURS, path, progress=progress
            ),
            on_exported=self.feedback.setText,
        )

    # -- building ----------------------------------------------------------------------------
    def _waiting_box(self) -> QGroupBox:
        box = QGroupBox("Hours waiting for approval")
        self.waiting = WaitingHoursModel(self)
        self.waiting_table = record_table(
            self.waiting, "Hours waiting for approval", stretch=(3,), many=True
        )
        self.waiting_count = QLabel()
        self.approve_button = QPushButton("&Approve")
        self.approve_button.setAccessibleName("Approve the selected hours")
        self.approve_button.setToolTip(
            "Approve the selected hours (Ctrl+Enter); Ctrl+A selects all"
        )
        self.approve_button.clicked.connect(self.approve_selected)
        page_shortcut(self, "Approve", "Ctrl+Return", self.approve_selected)
        self.reject_button = QPushButton("&Reject")
        self.reject_button.setAccessibleName("Reject the selected hours")
        self.reject_button.setToolTip("Rejected hours are kept but never count")
        self.reject_button.clicked.connect(self.reject_selected)
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setAccessibleName("Undo the last approval or rejection")
        self.undo_button.setToolTip("Put the hours just decided back in the list (Ctrl+Z)")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_last_decision)
        page_shortcut(self, "Undo", "Ctrl+Z", self.undo_last_decision)
        buttons = QHBoxLayout()
        buttons.addWidget(self.waiting_count, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.approve_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.waiting_table, 1)
        layout.addLayout(buttons)
        return box

    def _milestones_box(self) -> QGroupBox:
        box = QGroupBox("Milestones reached (50, 100, 250, 500 hours)")
        self.milestones = MilestoneModel(self)
        self.milestone_table = record_table(
            self.milestones, "Milestones reached", stretch=(0,), many=True
        )
        acknowledge = QPushButton("Mar&k acknowledged")
        acknowledge.setAccessibleName("Mark the selected milestones acknowledged")
        acknowledge.setToolTip("Once you have thanked them: a letter, a badge, a mention")
        acknowledge.clicked.connect(self.acknowledge_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(acknowledge)
        layout = QVBoxLayout(box)
        layout.addWidget(self.milestone_table, 1)
        layout.addLayout(buttons)
        return box

    def _step_into_sport_box(self) -> QGroupBox:
        box = QGroupBox(f"Step into Sport: share placed in clubs (target {TARGET_PERCENT}%)")
        self.share = QLabel()
        self.share.setWordWrap(True)
        self.share.setAccessibleName("Step into Sport share placed")
        self.conferences = ConferenceModel(self)
        self.conference_table = record_table(self.conferences, "Step into Sport conferences")
        rows = self.conference_table.verticalHeader().defaultSectionSize()
        header = self.conference_table.horizontalHeader().sizeHint().height()
        self.conference_table.setMaximumHeight(header + 4 * rows + 4)  # a conference a year
        record = QPushButton("Record &conference attendance…")
        record.setAccessibleName("Record Step into Sport conference attendance")
        record.clicked.connect(self.record_conference_attendance)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(record)
        layout = QVBoxLayout(box)
        layout.addWidget(self.share)
        layout.addWidget(self.conference_table, 1)
        layout.addLayout(buttons)
        return box

    def _find_box(self) -> QGroupBox:
        box = QGroupBox("A volunteer's placements and hours")
        self.finder = PersonPicker(self._db, "F&ind a volunteer (Enter opens):")
        self.finder.chosen.connect(lambda person: self.open_volunteer(person.id, person.name))
        layout = QVBoxLayout(box)
        layout.addWidget(self.finder)
        return box

    # -- showing -----------------------------------------------------------------------------
    def reload(self) -> None:
        from sassot_desktop.volunteering import milestones, step_into_sport
        from sassot_desktop.volunteering.hours import PENDING, hours_entries

        with self._db.read() as session:
            waiting = hours_entries(session, status=PENDING)
            reached = milestones.milestones(session)
            conferences = step_into_sport.conferences(session)
        self.waiting.set_rows(waiting)
        self.milestones.set_rows(reached)
        self.conferences.set_rows(conferences)
        total = sum(entry.minutes for entry in waiting)
        self.waiting_count.setText(
            f"{len(waiting)} waiting, {hours_text(total)} hours" if waiting else "Nothing waiting."
        )
        if conferences:
            latest = conferences[0]
            self.share.setText(f"{short_date(latest.conference_on)}: {latest.described}.")
        else:
            self.share.setText(
                "No conference recorded yet: use Record conference attendance after the next one."
            )
        if waiting and not self.waiting_table.selectionModel().hasSelection():
            # Current and selected, so Space, Shift+Down and Enter start from the first line.
            self.waiting_table.setCurrentIndex(self.waiting.index(0, 0))

    # -- actions -----------------------------------------------------------------------------
    def selected_waiting(self) -> list[HoursEntry]:
        rows = sorted({index.row() for index in self.waiting_table.selectionModel().selectedRows()})
        return [entry for entry in (self.waiting.row(r) for r in rows) if entry is not None]

    def approve_selected(self) -> None:
        self._decide("approve")

    def reject_selected(self) -> None:
        self._decide("reject")

    def _decide(self, how: str) -> None:
        from sassot_desktop.volunteering import hours

        ids = [entry.id for entry in self.selected_waiting()]
        try:
            with self._db.write() as session:
                decision = getattr(hours, how)(session, ids)
        except Exception as error:
            show_error(self, error, self._log_file)
            return
        done = "Approved" if how == "approve" else "Rejected"
        entries = "entry" if decision.decided == 1 else "entries"
        message = f"{done} {decision.decided} {entries} ({hours_text(decision.minutes)} hours)."
        if decision.reached:
            message += " Milestones reached: " + "; ".join(m.described for m in decision.reached)
            message += "."
        self._last_decision = (ids, f"{done.lower()} {decision.decided} {entries}")
        self.undo_button.setEnabled(True)
        self.feedback.setText(message + " Ctrl+Z undoes this.")
        self.reload()

    def undo_last_decision(self) -> None:
        from sassot_desktop.volunteering import hours

        if self._last_decision is None:
            self.feedback.setText("Nothing to undo.")
            return
        ids, what = self._last_decision
        try:
            with self._db.write() as session:
                undone = hours.reopen(session, ids)
        except Exception as error:
            show_error(self, error, self._log_file)
            return
        self._last_decision = None
        self.undo_button.setEnabled(False)
        withdrawn = f" {undone.withdrawn} milestone(s) taken back." if undone.withdrawn else ""
        self.feedback.setText(f"Undone: {what} are waiting for approval again.{withdrawn}")
        self.reload()

    def acknowledge_selected(self) -> None:
        from sassot_desktop.volunteering import milestones

        rows = {index.row() for index in self.milestone_table.selectionModel().selectedRows()}
        ids = [self.milestones.row(r).id for r in sorted(rows)]
        try:
            with self._db.write() as session:
                marked = milestones.acknowledge(session, ids)
        except Exception as error:
            show_error(self, error, self._log_file)
            return
        self.feedback.setText(f"Marked {marked} milestone(s) acknowledged.")
        self.reload()

    def record_conference_attendance(self) -> None:
        dialog = ConferenceAttendanceDialog(self._db, self._log_file, self)
        dialog.finished.connect(lambda _result: self.reload())
        dialog.open()

    def open_volunteer(self, person_id: int, name: str) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(f"Volunteering: {name}")
        dialog.setAccessibleName(f"Volunteering of {name}")
        section = VolunteeringSection(self._workspace, person_id, dialog)
        section.changed.connect(lambda _message: self.reload())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(dialog)
        layout.addWidget(heading(name, 1.2))
        layout.addWidget(section, 1)
        layout.addWidget(buttons)
        dialog.section = section
        dialog.resize(820, 680)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog


class ConferenceAttendanceDialog(QDialog):
    """Tick off the volunteers who came to a Step into Sport conference, one after another."""

    def __init__(self, db, log_file: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._log_file = db, log_file
        self.setWindowTitle("Step into Sport conference")
        self.setAccessibleName("Step into Sport conference")
        self.day = date_field(venue_today())
        self.picker = PersonPicker(db, "&Volunteer who came (Enter adds them):")
        self.picker.chosen.connect(lambda person: self.add(person.id, person.name))
        self.feedback = QLabel(
            "Choose the day, then find each volunteer and press Enter. Anyone already placed "
            "in a club since that day counts as placed at once."
        )
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("What was recorded")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        day_row = QHBoxLayout()
        day_row.addWidget(label_for("Conference &day:", self.day))
        day_row.addWidget(self.day)
        day_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(day_row)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.resize(520, 520)

    def add(self, person_id: int, name: str) -> None:
        from sassot_desktop.volunteering.step_into_sport import record_attendance

        day = day_of(self.day)
        try:
            with self._db.write() as session:
                added = record_attendance(session, person_id, day)
        except Exception as error:
            show_error(self, error, self._log_file)
            return
        if added:
            self.feedback.setText(f"{name} came to the conference on {short_date(day)}.")
        else:
            self.feedback.setText(f"{name} was already recorded for {short_date(day)}.")
        self.picker.field.selectAll()
        self.picker.field.setFocus()
