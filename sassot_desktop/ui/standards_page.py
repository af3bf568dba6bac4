"""The coaches against the minimum operating standards: who needs what, filtered by status
and district; a coach's records opened in a dialog; reminders written in the background."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.clock import venue_today
from sassot_desktop.formatting import short_date
from sassot_desktop.geography import DISTRICTS
from sassot_desktop.standards.due import CoachStanding, coach_standings
from sassot_desktop.standards.status import Standing
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.runner import Runner
from sassot_desktop.ui.standards_section import STANDING_COLOURS, StandardsSection
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import NO_DISTRICT, heading, label_for, page_shortcut, record_table

if TYPE_CHECKING:
    from sassot_desktop.workspace import Workspace

ANY = "Any"
NEEDING = (Standing.LAPSED, Standing.MISSING, Standing.EXPIRING)
SHOW = {
    "Needs something": NEEDING,
    "Lapsed": (Standing.LAPSED,),
    "Missing something": (Standing.MISSING,),
    "Expiring within 60 days": (Standing.EXPIRING,),
    "Meets the standards": (Standing.MEETS,),
    "All coaches": None,
}


class CoachTableModel(RowTableModel[CoachStanding]):
    COLUMNS = ("Name", "District", "Status", "What is needed", "First due")
    DECORATION_ROLES = frozenset((Qt.ItemDataRole.ForegroundRole,))

    def text(self, row: CoachStanding, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return row.district or ""
        if column == 2:
            return row.standing.label
        if column == 3:
            return row.assessment.needs_text
        due = row.assessment.first_due
        return short_date(due) if due else ""

    def decoration(self, row: CoachStanding, column: int, role: Qt.ItemDataRole):
        if column == 2:
            return QBrush(QColor(STANDING_COLOURS[row.standing]))
        return None


class StandardsPage(QWidget):
    reminders_written = Signal(str)  # what to tell the officer

    def __init__(self, workspace: Workspace, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._loads = 0  # a reload answered after a newer one started is dropped
        title = heading("Coaches: minimum operating standards")
        explanation = QLabel(
            "Every coach needs an in-date DBS check, safeguarding training and first aid, and a "
            "coaching qualification. Double-click a coach to see and edit their records."
        )
        explanation.setWordWrap(True)

        self.show_filter = QComboBox()
        self.show_filter.addItems(list(SHOW))
        self.district = QComboBox()
        self.district.addItems([ANY, *DISTRICTS, NO_DISTRICT])
        filters = QHBoxLayout()
        filters.addWidget(label_for("Sho&w:", self.show_filter, "Show coaches who"))
        filters.addWidget(self.show_filter)
        filters.addWidget(label_for("&District:", self.district))
        filters.addWidget(self.district)
        filters.addStretch(1)

        self.model = CoachTableModel(self)
        self.table = record_table(self.model, "Coaches", stretch=(3,))
        self.table.activated.connect(self.open_current)
        self.summary = QLabel()
        self.summary.setAccessibleName("How many coaches are listed")
        self.summary.setWordWrap(True)

        self.open_button = _button("&Open coach…", "Open the selected coach", self.open_current)
        self.reminders_button = _button(
            "&Reminders…", "Write reminder e-mails and a mail-merge file", self.write_reminders
        )
        self.reminders_button.setToolTip(
            "An e-mail draft for each coach who needs something, and a mail-merge CSV "
            "(Ctrl+Shift+R)"
        )
        page_shortcut(self, "Reminders", "Ctrl+Shift+R", self.write_reminders)
        self.validity_button = _button(
            "&Validity periods…", "How long each kind of record stays valid", self.edit_validity
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.validity_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reminders_button)
        buttons.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

        self.show_filter.currentIndexChanged.connect(self.reload)
        self.district.currentIndexChanged.connect(self.reload)

    # -- the list --------------------------------------------------------------------------
    def filters(self) -> dict:
        district = self.district.currentText()
        return {
            "standings": SHOW[self.show_filter.currentText()],
            "district": None if district == ANY else ("" if district == NO_DISTRICT else district),
        }

    def reload(self) -> None:
        """Read the coaches in the background: with thousands of coaches, every record is
        weighed against today."""
        self._loads += 1
        load, db, filters, today = self._loads, self._workspace.db, self.filters(), venue_today()

        def work(_progress):
            with db.read() as session:
                return coach_standings(session, today, **filters)

        self.summary.setText("Reading the coaches’ records…")
        self._runner.run(
            work,
            on_done=lambda rows: self._show(load, rows),
            on_error=lambda error: show_error(self, error, str(self._workspace.paths.log_file)),
            title="Reading the coaches’ records",
            parent=self,
            quiet=True,
        )

    def _show(self, load: int, rows: list[CoachStanding]) -> None:
        if load != self._loads:
            return
        chosen = self.current_coach()
        self.model.set_rows(rows)
        self.summary.setText(self._summary(rows))
        self.open_button.setEnabled(bool(rows))
        if chosen is not None:
            self.select_person(chosen.person_id)
        if rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _summary(self, rows: list[CoachStanding]) -> str:
        if rows:
            return "1 coach listed." if len(rows) == 1 else f"{len(rows)} coaches listed."
        if self.show_filter.currentText() == "All coaches":
            return (
                "No coaches yet: a coach is anyone with the coach role or a check or "
                "qualification recorded. Give the role or record one on a person's page, or mark "
                "attendance at a workshop that grants one."
            )
        return "No coaches match these filters."

    def current_coach(self) -> CoachStanding | None:
        return self.model.row(self.table.currentIndex().row())

    def select_person(self, person_id: int) -> None:
        for number, row in enumerate(self.model.rows()):
            if row.person_id == person_id:
                self.table.selectRow(number)
                return

    # -- actions ---------------------------------------------------------------------------
    def open_current(self) -> None:
        coach = self.current_coach()
        if coach is None:
            return
        dialog = CoachDialog(self._workspace, coach.person_id, coach.name, self)
        dialog.finished.connect(lambda _result: self.reload())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def edit_validity(self) -> None:
        from sassot_desktop.ui.standards_validity import ValidityDialog

        dialog = ValidityDialog(self._workspace.db, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def write_reminders(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Folder for the reminders", str(self._reminders_folder())
        )
        if folder:
            self.write_reminders_to(Path(folder))

    def _reminders_folder(self) -> Path:
        exports = self._workspace.paths.exports
        return exports if exports.exists() else self._workspace.paths.data_dir

    def write_reminders_to(self, folder: Path) -> None:
        from sassot_desktop.standards.reminders import write_reminders

        db, today = self._workspace.db, venue_today()

        def done(report) -> None:
            self.summary.setText(report.message)
            self.reminders_written.emit(report.message)

        self._runner.run(
            lambda progress: write_reminders(db, folder, today, progress),
            on_done=done,
            on_error=lambda error: show_error(self, error, str(self._workspace.paths.log_file)),
            on_cancelled=lambda: self.summary.setText(
                "Reminders cancelled; the drafts written so far are in the folder."
            ),
            title="Writing reminders",
            parent=self,
        )


class CoachDialog(QDialog):
    """A coach's records, edited where they are listed, until the officer closes it."""

    def __init__(
        self, workspace: Workspace, person_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        title = f"{name}: checks and qualifications"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.section = StandardsSection(workspace, person_id, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.section, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)


def _button(text: str, accessible_name: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name)
    button.clicked.connect(slot)
    return button
