"""The person's page's sections from the other areas: checks and qualifications, volunteering
and bursaries.

The first two hold the areas' own self-contained widgets, which keep and reload their records
in place (the standards widget keeps its Undo remove, too); a change there touches nothing else
on the page, so they tell the page with ``said`` rather than ``changed``, and the page keeps
every section as it is.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from sassot_desktop.bursaries.applications import PersonsApplication, applications_of
from sassot_desktop.bursaries.money import pounds_text
from sassot_desktop.standards.due import is_coach
from sassot_desktop.ui.person_section import PersonSection
from sassot_desktop.ui.standards_section import StandardsSection
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.volunteer_section import VolunteeringSection
from sassot_desktop.ui.widgets import label_for, record_table

# A table on the page is as tall as its rows, from two to this many, so a short list leaves
# no empty box and a long one scrolls in its own table.
MOST_ROWS_SHOWN = 8


def fit_to_rows(table: QTableView) -> None:
    """Keep ``table`` as tall as its rows (see ``MOST_ROWS_SHOWN``) as they change."""

    def fit() -> None:
        rows = min(max(table.model().rowCount(), 2), MOST_ROWS_SHOWN)
        height = (
            table.horizontalHeader().sizeHint().height()
            + rows * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
            # A little spare: a style's grid line or focus frame must not clip the last row.
            + table.horizontalScrollBar().sizeHint().height() // 2
        )
        table.setFixedHeight(height)

    model = table.model()
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
        signal.connect(fit)
    fit()


class ChecksSection(PersonSection):
    title = "Checks and qualifications"

    def __init__(self, workspace, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(workspace, person_id, parent)
        self.standards = StandardsSection(workspace, person_id, self)
        fit_to_rows(self.standards.table)
        self.standards.changed.connect(lambda: self.said.emit(self.standards.feedback.text()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.standards)
        with workspace.db.read() as session:
            coach = is_coach(session, person_id)
        if not coach:
            # Someone who does not coach is not "missing" anything; the first record or the
            # coach role makes them a coach, and the section then shows where they stand.
            self.standards.standing.setText("Not a coach")
            self.standards.standing.setStyleSheet("")
            self.standards.needs.setText(
                "The minimum operating standards apply to coaches: tick Coach under Details "
                "and save, or add a check or qualification here."
            )


class VolunteeringPart(PersonSection):
    title = "Volunteering"

    def __init__(self, workspace, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(workspace, person_id, parent)
        self.volunteering = VolunteeringSection(workspace, person_id, self)
        for table in (self.volunteering.placement_table, self.volunteering.hours_table):
            fit_to_rows(table)
        self.volunteering.changed.connect(self.said)
        layout = QVBoxLayout(self)
        layout.addWidget(self.volunteering)


class BursaryModel(RowTableModel[PersonsApplication]):
    COLUMNS = ("Round", "Qualification", "Status", "Asked", "Awarded", "Paid")

    def text(self, row: PersonsApplication, column: int) -> str:
        application = row.application
        if column == 0:
            return row.round_name
        if column == 1:
            return application.qualification
        if column == 2:
            return application.status.value.capitalize()
        amount = (application.asked, application.awarded, application.paid)[column - 3]
        return "" if amount is None else pounds_text(amount)


class BursariesSection(PersonSection):
    """What the person applied for from the coach bursary scheme; the workflow itself is on
    the bursaries page (Go › Coach bursaries)."""

    title = "Bursaries"

    def __init__(self, workspace, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(workspace, person_id, parent)
        with workspace.db.read() as session:
            applications = applications_of(session, person_id)
        self.model = BursaryModel(self)
        self.model.set_rows(applications)
        self.table = record_table(self.model, "Bursary applications", stretch=(1,))
        fit_to_rows(self.table)
        self.summary = QLabel(_summary(applications))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Bursaries summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if applications:
            layout.addWidget(label_for("Bursary a&pplications:", self.table))
            layout.addWidget(self.table)
        else:
            self.table.hide()


def _summary(applications: list[PersonsApplication]) -> str:
    if not applications:
        return (
            "No bursary applications. Applications are added on the bursaries page "
            "(Go › Coach bursaries, Ctrl+4)."
        )
    paid = sum(row.application.paid or 0 for row in applications)
    awarded = sum(row.application.awarded or 0 for row in applications)
    count = len(applications)
    text = f"{count} application{'' if count == 1 else 's'}"
    if awarded:
        text += f"; {pounds_text(awarded)} awarded"
        text += f", of which {pounds_text(paid)} paid" if paid else ", none paid yet"
    return text + ". Change them on the bursaries page (Go › Coach bursaries, Ctrl+4)."
