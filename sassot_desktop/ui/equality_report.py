"""Equality monitoring in aggregate: the counts of a chosen group's answers, never a name.

Reached from the people screen. The counting (a few grouped queries over up to 100,000 people)
and the saving of the workbook run through the background runner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.clock import venue_today
from sassot_desktop.financial_year import FinancialYear, financial_year_of
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import back_button, heading, label_for, page_shortcut, record_table

if TYPE_CHECKING:
    from sassot_desktop.people.equality_counts import EqualityReport, Group, Line
    from sassot_desktop.ui.runner import Runner
    from sassot_desktop.workspace import Workspace

# Each question's table, with the Alt+letter that reaches it (G and F are the menus').
QUESTIONS = ("Gender", "Age band", "Ethnic group", "Disability")
_LABELS = ("Ge&nder:", "&Age band:", "&Ethnic group:", "D&isability:")
YEARS_OFFERED = 6  # this financial year and the five before it


class LineModel(RowTableModel["Line"]):
    COLUMNS = ("Answer", "People")
    DECORATION_ROLES = frozenset((Qt.ItemDataRole.TextAlignmentRole,))

    def text(self, row: Line, column: int) -> str:
        return row.answer if column == 0 else row.shown

    def decoration(self, row: Line, column: int, role: Qt.ItemDataRole):
        if column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class EqualityReportPage(QWidget):
    back_requested = Signal()
    said = Signal(str)  # what was done, for the status bar

    def __init__(self, workspace: Workspace, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.report: EqualityReport | None = None

        self.group = QComboBox()
        self.years: list[FinancialYear | None] = [None]
        self.group.addItem("Everyone on file")
        this_year = financial_year_of(venue_today())
        for back in range(YEARS_OFFERED):
            year = FinancialYear(this_year.start_year - back)
            self.years.append(year)
            self.group.addItem(f"Came to a workshop in {year.label}")
        self.group.currentIndexChanged.connect(self.count)
        self.save_button = QPushButton("&Save as Excel…")
        self.save_button.setAccessibleName("Save the counts as an Excel workbook")
        self.save_button.setToolTip("Save these counts as an Excel workbook (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        page_shortcut(self, "Save as Excel", "Ctrl+S", self.save)
        choose = QHBoxLayout()
        choose.addWidget(label_for("&Count:", self.group, "Whom to count"))
        choose.addWidget(self.group, 1)
        choose.addWidget(self.save_button)

        self.status = QLabel()
        self.status.setAccessibleName("What was counted")
        self.status.setWordWrap(True)
        self.models = {title: LineModel(self) for title in QUESTIONS}
        self.tables = {}
        grid = QGridLayout()
        for number, title in enumerate(QUESTIONS):
            table = record_table(self.models[title], f"{title} counts", stretch=(0,))
            table.setWordWrap(False)
            # One line a row, so the longest question (nine age bands) fits without scrolling.
            rows = table.verticalHeader()
            rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
            self.tables[title] = table
            row, column = divmod(number, 2)
            label = label_for(_LABELS[number], table, f"{title} counts")
            grid.addWidget(label, row * 2, column)
            grid.addWidget(table, row * 2 + 1, column)

        layout = QVBoxLayout(self)
        back_row = QHBoxLayout()
        back_row.addWidget(back_button(self, "Back to people", self.back_requested.emit))
        back_row.addStretch(1)
        layout.addLayout(back_row)
        layout.addWidget(heading("Equality monitoring"))
        explanation = QLabel(
            "Counts only, never names: 1 to 4 people are shown as “fewer than 5”, and where one "
            "answer is that small the next smallest is held back too, so no one can be worked out."
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        layout.addLayout(choose)
        layout.addWidget(self.status)
        layout.addLayout(grid, 1)

    def chosen(self) -> Group:
        from sassot_desktop.people.equality_counts import Group

        return Group(self.years[self.group.currentIndex()])

    # -- counting -----------------------------------------------------------------------------
    def count(self) -> None:
        """Count the chosen group's answers in the background and show them."""
        from sassot_desktop.people.equality_counts import report

        db, group, today = self.workspace.db, self.chosen(), venue_today()

        def work(_progress):
            with db.read() as session:
                return report(session, group, today)

        self.status.setText(f"Counting: {group.label.lower()}…")
        self.save_button.setEnabled(False)
        self.runner.run(
            work,
            on_done=self._counted,
            on_error=self._failed,
            title="Counting equality answers",
            parent=self,
        )

    def _counted(self, counted: EqualityReport) -> None:
        if counted.group != self.chosen():
            return  # another group was chosen meanwhile; its count follows
        self.report = counted
        self.save_button.setEnabled(counted.people > 0)
        for question in counted.questions:
            lines = [] if counted.too_few else list(question.lines)
            self.models[question.title].set_rows(lines)
        self.status.setText(_summary(counted))

    def _failed(self, error: Exception) -> None:
        self.status.setText("The counting did not finish; choose the group again to retry.")
        show_error(self, error, str(self.workspace.paths.log_file))

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        if self.report is None or self.report.people == 0:
            return
        from sassot_desktop.exchange.equality_export import write_equality_report
        from sassot_desktop.exchange.exports import suggested_name
        from sassot_desktop.ui.exporting import ask_export_path

        group = self.report.group
        words = "equality monitoring" + (f" {group.year.label}" if group.year else "")
        suggested = self.workspace.paths.exports / suggested_name(
            words.replace("/", "-"), venue_today()
        )
        path = ask_export_path(self, "Save the equality monitoring counts", suggested)
        if path is None:
            return
        db, today = self.workspace.db, venue_today()
        self.runner.run(
            lambda _progress: write_equality_report(db, group, path, today),
            on_done=lambda written: self.said.emit(written.message),
            on_error=lambda error: show_error(self, error, str(self.workspace.paths.log_file)),
            title="Saving the equality monitoring counts…",
            parent=self,
        )


def _summary(counted: EqualityReport) -> str:
    who = counted.group.label
    if counted.people == 0:
        return f"{who}: nobody to count."
    if counted.too_few:
        return (
            f"{who}: only {counted.people} people, too few to show any answers without "
            "naming someone."
        )
    return f"{who}: {counted.people:,} people; ages on {counted.on:%d/%m/%Y}."
