"""Tables written for Excel: CSV in UTF-8 with a BOM, and typed XLSX workbooks.

Pure functions, a table in and bytes out, with no database and no Qt. The same table always
gives the same bytes, so a sync can tell an unchanged export by its content hash. Rows may be
a generator (100,000 people are never all in memory at once); they are read exactly once.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from sassot_desktop import APP_NAME
from sassot_desktop.errors import UserError
from sassot_desktop.exchange.cells import Cell, Money, defused, looks_like_formula

CSV = "csv"
XLSX = "xlsx"
FORMATS = (XLSX, CSV)

DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "hh:mm"
DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm"
MONEY_FORMAT = '"£"#,##0.00'
# The earliest moment a zip entry can carry; used for every timestamp in a workbook so that
# its bytes depend on its data alone, never on when it was written.
FIXED_MOMENT = datetime(1980, 1, 1)
# Column widths are measured on the first rows only: enough to size names and dates well
# without holding a 100,000-row export in memory to look at it twice.
ROWS_MEASURED = 500
NARROWEST, WIDEST = 6, 60
# The control characters XML 1.0 forbids (openpyxl refuses a cell holding one).
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Table:
    """What an export holds: a sheet name, plain-word headings and rows of typed cells."""

    title: str
    headings: tuple[str, ...]
    rows: Iterable[Sequence[Cell]]


@dataclass(frozen=True)
class Spreadsheet:
    data: bytes
    rows: int  # not counting the headings


def format_of(path: str | os.PathLike[str]) -> str:
    """The format a file name asks for: "xlsx" or "csv", from its suffix."""
    name = Path(path).name
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise UserError(
            f"Cannot tell what to write from “{name}”: give a file name ending in .xlsx "
            "(an Excel workbook) or .csv."
        )
    return suffix


def spreadsheet(table: Table, file_format: str) -> Spreadsheet:
    return xlsx_bytes(table) if file_format == XLSX else csv_bytes(table)


# -- CSV ---------------------------------------------------------------------------------------
def csv_bytes(table: Table) -> Spreadsheet:
    """Excel's CSV dialect in UTF-8 with a byte-order mark, so Excel shows Zoë as Zoë."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel")
    writer.writerow(table.headings)
    count = 0
    for row in table.rows:
        writer.writerow([_csv_text(value) for value in row])
        count += 1
    return Spreadsheet(out.getvalue().encode("utf-8-sig"), count)


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return defused(value)
    return display_text(value)


def display_text(value: Cell) -> str:
    """How a typed value reads: day-first dates, 24-hour times, pounds with pence, Yes/No."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int to Python
        return "Yes" if value else "No"
    if isinstance(value, Money):
        return value.pounds_text
    if isinstance(value, datetime):  # before date: a datetime is a date to Python
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


# -- XLSX --------------------------------------------------------------------------------------
def xlsx_bytes(table: Table) -> Spreadsheet:
    """One typed sheet: dates, times and money as Excel values with UK formats, the headings
    bold and frozen with a filter on them, columns as wide as their content."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    workbook.properties.creator = APP_NAME
    workbook.properties.lastModifiedBy = APP_NAME
    workbook.properties.created = workbook.properties.modified = FIXED_MOMENT
    sheet = workbook.create_sheet(sheet_title(table.title))

    unread = iter(table.rows)
    measured = list(islice(unread, ROWS_MEASURED))
    rows: Iterator[Sequence[Cell]] = chain(measured, unread)
    for number, width in enumerate(column_widths(table.headings, measured), start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"

    bold = Font(bold=True)
    headings = []
    for heading in table.headings:
        cell = WriteOnlyCell(sheet, value=_printable(heading))
        cell.font = bold
        headings.append(cell)
    sheet.append(headings)
    count = 0
    for row in rows:
        sheet.append([_xlsx_value(sheet, value, WriteOnlyCell) for value in row])
        count += 1
    last_column = get_column_letter(max(1, len(table.headings)))
    sheet.auto_filter.ref = f"A1:{last_column}{count + 1}"
    return Spreadsheet(_saved(workbook), count)


def _xlsx_value(sheet, value: Cell, make_cell):
    """A plain value openpyxl types by itself, or a cell with the format or type it needs."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    if isinstance(value, str):
        text = _printable(value)
        if not looks_like_formula(text) and not text.startswith("#"):
            return text
        # openpyxl makes "=…" a formula and "#N/A" an error: force text, and mark the cell the
        # way Excel marks text typed after an apostrophe, so editing it keeps it text.
        cell = make_cell(sheet, value=text)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    if isinstance(value, bool):
        return display_text(value)
    if isinstance(value, Money):
        cell = make_cell(sheet, value=Decimal(value.pence) / 100)
        cell.number_format = MONEY_FORMAT
        return cell
    if isinstance(value, datetime):
        number_format = DATE_TIME_FORMAT
    elif isinstance(value, date):
        number_format = DATE_FORMAT
    else:
        number_format = TIME_FORMAT
    cell = make_cell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _printable(text: str) -> str:
    """Text without the control characters an XLSX file cannot hold (a stray one in an
    imported name would otherwise stop the whole export)."""
    return _NOT_IN_XLSX.sub("", text)


def column_widths(headings: Sequence[str], rows: Iterable[Sequence[Cell]]) -> list[float]:
    """Each column as wide as its longest heading or value shown, within sensible bounds."""
    widest = [len(heading) for heading in headings]
    for row in rows:
        for number, value in enumerate(row):
            longest_line = max(map(len, display_text(value).splitlines() or [""]))
            widest[number] = max(widest[number], longest_line)
    # Two characters of room beside the filter button Excel draws in each heading.
    return [float(min(WIDEST, max(NARROWEST, width + 2))) for width in widest]


def sheet_title(text: str) -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of []:*?/\\, and no
    control character (one in a workshop's title made a workbook no program could open)."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in _printable(text))
    return " ".join(cleaned.split())[:31].strip(" '") or "Sheet"


class _TimelessZip(ZipFile):
    """A zip whose entries carry one fixed timestamp and mode, whatever the clock says."""

    def _entry(self, name: str) -> ZipInfo:
        info = ZipInfo(name, date_time=FIXED_MOMENT.timetuple()[:6])
        info.compress_type = ZIP_DEFLATED
        info.create_system = 0
        info.external_attr = 0
        return info

    def writestr(self, name, data, compress_type=None, compresslevel=None) -> None:
        entry = name if isinstance(name, ZipInfo) else self._entry(name)
        entry.date_time = FIXED_MOMENT.timetuple()[:6]
        super().writestr(entry, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None) -> None:
        # openpyxl streams a write-only sheet through a temporary file, whose time and mode
        # would otherwise end up in the workbook.
        with open(filename, "rb") as source, self.open(self._entry(arcname), "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)


def _saved(workbook) -> bytes:
    from openpyxl.writer.excel import ExcelWriter

    # Not ``workbook.save``: it stamps the time of saving into the document's properties.
    buffer = io.BytesIO()
    with _TimelessZip(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()
