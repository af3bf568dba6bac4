"""The equality monitoring report as a workbook for the board and Sport England: counts only.

One row per answer of each question; a count of 1 to 4 is written as the words "fewer than 5",
as the screen shows it, so the file can go to the shared drive without naming anyone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sassot_desktop import files
from sassot_desktop.db.engine import Database
from sassot_desktop.exchange.cells import Cell
from sassot_desktop.exchange.spreadsheets import Table, format_of, spreadsheet
from sassot_desktop.people.equality_counts import EqualityReport, Group, report

HEADINGS = ("Question", "Answer", "People")


def equality_table(counted: EqualityReport) -> Table:
    year = counted.group.year
    title = "Equality everyone" if year is None else f"Equality {year.label.replace('/', '-')}"
    return Table(title, HEADINGS, _rows(counted))


def _rows(counted: EqualityReport) -> Iterator[Sequence[Cell]]:
    yield ("People counted", counted.group.label, counted.people)
    yield ("Ages taken on", None, counted.on)
    if counted.too_few:
        yield ("All questions", "Not shown: fewer than 5 people counted", None)
        return
    for question in counted.questions:
        for line in question.lines:
            yield (question.title, line.answer, line.shown if line.count is None else line.count)


@dataclass(frozen=True)
class Written:
    path: Path
    people: int

    @property
    def message(self) -> str:
        return f"Wrote the equality monitoring counts of {self.people:,} people to {self.path}."


def write_equality_report(
    db: Database, group: Group, path: str | os.PathLike[str], today: date
) -> Written:
    """Count ``group``'s answers and write them to ``path`` (.xlsx or .csv by its suffix),
    whole or not at all."""
    file_format = format_of(path)
    with db.read() as session:
        counted = report(session, group, today)
    written = files.write_atomically(path, spreadsheet(equality_table(counted), file_format).data)
    return Written(written, counted.people)
