"""The volunteering exports: each volunteer's hours, and one award round's nominations,
shortlist and winners, for the team's Excel.

The same operation serves the command line (``volunteers hours --out``) and the volunteering
and award rounds pages. Person-level, so they carry names and what the officer entered about
the volunteering only, never equality monitoring answers. Hours are numbers (a quarter hour is
0.25) so Excel can add them up.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from sqlalchemy.orm import Session

from sassot_desktop import files
from sassot_desktop.db.engine import Database
from sassot_desktop.errors import UserError
from sassot_desktop.exchange.cells import Cell
from sassot_desktop.exchange.exports import Exported
from sassot_desktop.exchange.spreadsheets import Table, format_of, spreadsheet
from sassot_desktop.progress import Progress

HOURS = "hours"
AWARDS = "awards"
HOURS_HEADINGS = ("Person id", "Name", "Approved hours", "Waiting hours", "Last milestone")
AWARDS_HEADINGS = ("Category", "Stage", "Nominee", "Nominated by", "Why")
# Winners first, then the shortlist, then everyone else nominated: the order of the ceremony.
_STAGE_ORDER = ("winner", "shortlisted", "nominated")
_STAGE_WORDS = {"winner": "Winner", "shortlisted": "Shortlisted", "nominated": "Nominated"}


def hours_table(session: Session) -> Table:
    """Everyone who has logged hours, as ``volunteers hours`` lists them."""
    from sassot_desktop.volunteering.hours import totals

    rows: list[Sequence[Cell]] = [
        (
            row.person_id,
            row.name,
            row.approved_minutes / 60,
            row.pending_minutes / 60,
            row.last_milestone,
        )
        for row in totals(session)
    ]
    return Table("Volunteer hours", HOURS_HEADINGS, rows)


def awards_table(session: Session, round_id: int) -> tuple[Table, str]:
    """One round's nominations by category, winners first; and the round's name."""
    from sassot_desktop.db.engine import require
    from sassot_desktop.db.models import AwardRound
    from sassot_desktop.volunteering.awards import categories, nominations

    name = require(session, AwardRound, round_id, "award round").name
    order = {category.id: place for place, category in enumerate(categories(session, round_id))}
    found = sorted(
        nominations(session, round_id),
        key=lambda n: (order[n.category_id], _STAGE_ORDER.index(n.stage), n.name.casefold()),
    )
    rows: list[Sequence[Cell]] = [
        (n.category, _STAGE_WORDS[n.stage], n.name, n.nominated_by, " ".join(n.reason.split()))
        for n in found
    ]
    return Table(name, AWARDS_HEADINGS, rows), name


def write_volunteering_export(
    db: Database,
    kind: str,
    path: str | os.PathLike[str],
    round_id: int | None = None,
    progress: Progress | None = None,
) -> Exported:
    """Write the hours, or round ``round_id``'s awards, to ``path`` (.xlsx or .csv by its
    suffix), whole or not at all."""
    file_format = format_of(path)
    progress = progress or Progress()
    progress.report(0, 2, "Reading the records…")
    with db.read() as session:
        if kind == HOURS:
            table = hours_table(session)
            what = ("volunteer's hours", "volunteers' hours")
        elif kind == AWARDS:
            if round_id is None:
                raise UserError("Choose the award round to export first.")
            table, name = awards_table(session, round_id)
            what = (f"nomination in {name}", f"nominations in {name}")
        else:
            raise UserError(f"There is no volunteering export of {kind}.")
        sheet = spreadsheet(table, file_format)
    progress.report(1, 2, "Writing the file…")
    written = files.write_atomically(path, sheet.data)
    return Exported(written, sheet.rows, what[sheet.rows != 1])
