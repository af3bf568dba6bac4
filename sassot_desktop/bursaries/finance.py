"""The finance office's export: a round's payments due (evidence in) and made, for Excel."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from sassot_desktop import files
from sassot_desktop.bursaries.applications import qualification_name
from sassot_desktop.bursaries.rounds import get_round
from sassot_desktop.bursaries.workflow import BursaryStatus
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import BursaryApplication, Person
from sassot_desktop.errors import UserError
from sassot_desktop.exchange.cells import Cell, Money
from sassot_desktop.exchange.spreadsheets import XLSX, Table, format_of, xlsx_bytes

HEADINGS = (
    "Application",
    "Payee",
    "Qualification",
    "Amount",
    "Status",
    "Reference",
    "Cost code",
    "Date",
)
DUE, MADE = "Due", "Paid"


@dataclass(frozen=True)
class FinanceReport:
    path: Path
    due: int
    made: int

    @property
    def message(self) -> str:
        return (
            f"Wrote {self.due} payment{'s' if self.due != 1 else ''} due and {self.made} made "
            f"to {self.path}."
        )


def payments(session, round_id: int) -> Table:
    """Payments due (dated when the evidence came) first, then those made (dated when paid);
    each in date order. The payee is the coach; no equality data is part of it."""
    bursary_round = get_round(session, round_id)
    rows = session.execute(
        select(BursaryApplication, Person.first_name, Person.last_name)
        .join(Person, Person.id == BursaryApplication.person_id)
        .where(
            BursaryApplication.round_id == round_id,
            BursaryApplication.status.in_(
                [BursaryStatus.EVIDENCE_RECEIVED.value, BursaryStatus.PAID.value]
            ),
        )
        .order_by(BursaryApplication.id)
    ).all()
    due = [row for row in rows if row[0].status == BursaryStatus.EVIDENCE_RECEIVED]
    made = [row for row in rows if row[0].status == BursaryStatus.PAID]
    due.sort(key=lambda row: (row[0].evidence_received_on, row[0].id))
    made.sort(key=lambda row: (row[0].paid_on, row[0].id))
    cost_code = bursary_round.cost_code
    table_rows: list[tuple[Cell, ...]] = [
        _row(application, f"{first} {last}", DUE, cost_code) for application, first, last in due
    ] + [_row(application, f"{first} {last}", MADE, cost_code) for application, first, last in made]
    return Table(f"Bursaries {bursary_round.name}", HEADINGS, table_rows)


def _row(application: BursaryApplication, payee: str, status: str, cost_code) -> tuple[Cell, ...]:
    paid = status == MADE
    return (
        application.id,
        payee,
        qualification_name(application),
        Money(application.awarded_pence or 0),
        status,
        application.payment_reference if paid else None,
        cost_code,
        application.paid_on if paid else application.evidence_received_on,
    )


def write_finance_report(
    db: Database, round_id: int, path: str | os.PathLike[str]
) -> FinanceReport:
    """The round's payments as an XLSX workbook at ``path``, whole or not at all."""
    if format_of(path) != XLSX:
        raise UserError(
            f"The finance export is an Excel workbook: give a file name ending in .xlsx, "
            f"not “{Path(path).name}”."
        )
    with db.read() as session:
        table = payments(session, round_id)
        statuses = [row[4] for row in table.rows]
        sheet = xlsx_bytes(table)
    written = files.write_atomically(path, sheet.data)
    return FinanceReport(written, statuses.count(DUE), statuses.count(MADE))
