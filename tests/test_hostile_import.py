"""The importer against generated hostile files: whatever a row holds, it is imported with its
names exactly as written, or rejected with the row number Excel shows, and the file is never
half-imported. A file that cannot be read at all is one ``Unreadable`` sentence."""

from __future__ import annotations

import csv
import io
import time
import unicodedata
from contextlib import contextmanager
from datetime import date, datetime
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select

from hostile import fewer_examples, hostile_text, without_nul
from sassot_desktop.db.models import Base
from sassot_desktop.db.plain_sql import PlainTransaction, plain_transaction
from sassot_desktop.errors import Unreadable
from sassot_desktop.exchange import columns
from sassot_desktop.exchange.cells import looks_like_formula
from sassot_desktop.exchange.people_import import import_file, import_people
from sassot_desktop.exchange.reading import read_table
from sassot_desktop.progress import Cancelled, Progress

TODAY = date(2026, 11, 23)
HEADERS = (
    "Forename",
    "Surname",
    "E-mail Address",
    "Date of Birth",
    "Post Code",
    "Club / Organisation",
    "Sport",
    "Mobile No.",
)
_plausible = st.sampled_from(
    ("", "ann@example.com", "bad@", "03/04/1985", "31/02/1980", "1985-04-03", "31000",
     "01/01/2030", "st16 2dn", "XX1 1XX", "07700 900123", "Stone Dominoes", "Netball")
)  # fmt: skip
_cell = st.one_of(_plausible, hostile_text().map(without_nul))
_name = hostile_text(max_pieces=4).map(without_nul)


@st.composite
def rows(draw, name=_name, cell=_cell) -> list[list[str]]:
    """Rows of a legacy sheet: names and details of any kind, rows too short and too long."""
    count = draw(st.integers(min_value=1, max_value=12))
    made = []
    for _ in range(count):
        cells = [draw(name), draw(name), *(draw(cell) for _ in HEADERS[2:])]
        length = draw(st.sampled_from((len(HEADERS),) * 4 + (0, 1, 2, 5, len(HEADERS) + 3)))
        made.append((cells + [draw(cell) for _ in range(3)])[:length])
    return made


def as_csv(records: list[list[str]], delimiter: str) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(records)
    return out.getvalue()


def name_as_kept(cell: object) -> str | None:
    """The importer's promise for a name: one Unicode form, outer spaces trimmed, capitals
    kept; the apostrophe our own exports put before a formula taken off again. A number in a
    workbook's name cell is its digits as Excel shows them."""
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    kept = unicodedata.normalize("NFC", str(cell)).strip()
    if kept.startswith("'") and looks_like_formula(kept[1:]):
        kept = kept[1:]
    return kept or None


def is_blank(cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def assert_each_row_imported_or_rejected(workspace, path, records_by_line) -> None:
    """Import the file in a rehearsal and check every non-blank row's fate against the file."""
    table = read_table(path)
    mapping = columns.guess(table.headers)
    with plain_transaction(workspace.db, keep=False) as transaction:
        before = transaction.scalar("SELECT max(id) FROM person") or 0
        report = import_people(transaction, table, mapping, today=TODAY)
        added = transaction.execute(
            "SELECT first_name, last_name FROM person WHERE id > ? ORDER BY id", (before,)
        )
    rejected = {rejection.line: rejection for rejection in report.rejections}
    merged = {merge.line for merge in report.merges}
    assert not set(rejected) & merged
    lines_with_people = [line for line, cells in records_by_line.items() if not is_blank(cells)]
    assert set(rejected) | merged <= set(lines_with_people)
    added_lines = [line for line in lines_with_people if line not in set(rejected) | merged]
    assert report.added == len(added) == len(added_lines)
    for line, (first, last) in zip(added_lines, added, strict=True):
        cells = [*records_by_line[line], None, None]
        assert (first, last) == (name_as_kept(cells[0]), name_as_kept(cells[1])), line
    for line, rejection in rejected.items():
        assert tuple(rejection.cells) == tuple(records_by_line[line])


@fewer_examples(2)
@given(records=rows(), delimiter=st.sampled_from(",;\t|"), bom=st.booleans())
def test_every_generated_row_is_imported_exactly_or_rejected_with_its_line(
    workspace, tmp_path, records, delimiter, bom
):
    path = tmp_path / "generated.csv"
    path.write_bytes(
        as_csv([list(HEADERS), *records], delimiter).encode("utf-8-sig" if bom else "utf-8")
    )
    assert_each_row_imported_or_rejected(
        workspace, path, {line: cells for line, cells in enumerate(records, start=2)}
    )


# Windows-1252 letters as names are written in it. Its punctuation from 0x80 to 0xBF (’, £, é's
# neighbours š and œ…) can follow an accented capital to make bytes that are also UTF-8: such a
# pair is ambiguous in any reader, and is not what a name holds.
_CP1252_LETTERS = "".join(chr(code) for code in range(0xC0, 0x100) if code not in (0xD7, 0xF7))
_cp1252_name = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '-." + _CP1252_LETTERS),
    max_size=20,
)


@given(
    records=rows(name=st.one_of(_name, _cp1252_name), cell=st.one_of(_plausible, _cp1252_name)),
    in_cp1252=st.lists(st.booleans(), min_size=12, max_size=12),
)
def test_a_file_partly_utf_8_and_partly_windows_1252_keeps_every_name(
    workspace, tmp_path, records, in_cp1252
):
    """Each row is written in one of the two encodings, as two tools appending to one file do;
    a row goes out in Windows-1252 only where every character of it exists there."""
    data = as_csv([list(HEADERS)], ",").encode("ascii")
    for record, cp1252 in zip(records, in_cp1252, strict=False):
        line = as_csv([record], ",")
        data += line.encode("cp1252") if cp1252 and _encodable(line) else line.encode("utf-8")
    path = tmp_path / "appended.csv"
    path.write_bytes(data)
    assert_each_row_imported_or_rejected(
        workspace, path, {line: cells for line, cells in enumerate(records, start=2)}
    )


def _encodable(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


_typed_cell = st.one_of(
    _cell.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.booleans(),
    st.none(),
)
_workbook_name = st.one_of(
    _name.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)[:32_767]), st.integers(), st.none()
)


@fewer_examples(2)
@given(records=rows(name=_workbook_name, cell=_typed_cell))
def test_every_generated_workbook_row_is_imported_exactly_or_rejected_with_its_line(
    workspace, tmp_path, records
):
    """Workbooks hold typed cells (numbers, dates, booleans) as well as text; the names are
    checked against what openpyxl reads back from the saved file, the file as Excel has it."""
    book = Workbook()
    book.active.append(HEADERS)
    for record in records:
        book.active.append(record)
    path = tmp_path / "generated.xlsx"
    book.save(path)
    saved = load_workbook(path, read_only=True)
    rows_saved = list(saved.worksheets[0].iter_rows(min_row=2, values_only=True))
    saved.close()
    by_line = {line: tuple(cells) for line, cells in enumerate(rows_saved, start=2)}
    assert_each_row_imported_or_rejected(workspace, path, by_line)


# -- cancelled or crashed part-way: the database is as it was ----------------------------------
def table_contents(workspace) -> dict[str, list[tuple]]:
    """Every row of every table, in a fixed order: what "the database as it was" means."""
    with workspace.db.read() as session:
        return {
            table.name: sorted(session.execute(select(table)).all(), key=repr)
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def earlier_people(workspace, tmp_path):
    path = tmp_path / "earlier.csv"
    path.write_text("Forename,Surname,Email\r\nAnn,Before,ann@example.com\r\nZoë,Ó'Brien,\r\n")
    import_file(workspace.db, read_table(path), {0: "first_name", 1: "last_name", 2: "email"},
                today=TODAY)  # fmt: skip
    return workspace


_short_rows = rows(
    name=hostile_text(max_pieces=4, very_long=False).map(without_nul),
    cell=st.one_of(_plausible, hostile_text(very_long=False).map(without_nul)),
)


def many_rows(records: list[list[str]], at_least: int = 600) -> list[list[str]]:
    """Enough rows for the import to report progress (and hear Cancel) twice before saving."""
    return (records * (at_least // len(records) + 1))[:at_least]


@fewer_examples(2)
@given(records=_short_rows, reports_before_cancel=st.integers(min_value=0, max_value=1))
def test_a_cancelled_import_leaves_every_table_as_it_was(
    earlier_people, tmp_path, records, reports_before_cancel
):
    path = tmp_path / "big.csv"
    path.write_text(as_csv([list(HEADERS), *many_rows(records)], ","), encoding="utf-8")
    before = table_contents(earlier_people)
    heard = []

    # Cancel is pressed while one report is on screen and heard at the next: after checking
    # 250 rows, after 500, or at "Saving".
    def cancel_after_some(done, total, text):
        heard.append(done)
        if len(heard) > reports_before_cancel:
            progress.cancel()

    progress = Progress(cancel_after_some)
    table = read_table(path)

    with pytest.raises(Cancelled):
        import_file(earlier_people.db, table, columns.guess(table.headers), today=TODAY,
                    progress=progress)  # fmt: skip

    assert table_contents(earlier_people) == before


class InjectedCrash(Exception):
    """Stands for anything that goes wrong part-way: a full disk, a bug, a pulled plug."""


@fewer_examples(2)
@given(records=_short_rows, crash_at=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_an_import_that_crashes_part_way_leaves_every_table_as_it_was(
    earlier_people, tmp_path, records, crash_at
):
    """The crash comes at any statement the import sends, from reading who is known to the
    audit record: ``crash_at`` is how far through them, found by a dry run first."""
    path = tmp_path / "big.csv"
    path.write_text(as_csv([list(HEADERS), *many_rows(records)], ","), encoding="utf-8")
    table = read_table(path)
    mapping = columns.guess(table.headers)
    with statements_counted() as statements:
        import_file(earlier_people.db, table, mapping, today=TODAY, dry_run=True)
    before = table_contents(earlier_people)

    crash_after = int(crash_at * len(statements))
    with statements_counted(crash_after=crash_after), pytest.raises(InjectedCrash):
        import_file(earlier_people.db, table, mapping, today=TODAY)

    assert table_contents(earlier_people) == before


@contextmanager
def statements_counted(crash_after: int | None = None):
    """The statements the import sends while the block runs; with ``crash_after``, the next
    one fails."""
    sent: list[str] = []

    def counted(send):
        def send_counted(transaction, statement, *values):
            if crash_after is not None and len(sent) >= crash_after:
                raise InjectedCrash()
            sent.append(statement)
            return send(transaction, statement, *values)

        return send_counted

    with (
        patch.object(PlainTransaction, "_send", counted(PlainTransaction._send)),
        patch.object(PlainTransaction, "_send_many", counted(PlainTransaction._send_many)),
    ):
        yield sent


# -- what the properties found, each kept by an example of its own -----------------------------
def test_a_cell_longer_than_the_csv_modules_own_limit_is_read_whole(tmp_path):
    club = "Stone Dominoes " * 10_000  # 150,000 characters; csv stops at 131,072 by default
    path = tmp_path / "long.csv"
    path.write_text(f"Forename,Surname,Club\r\nAnn,Smith,{club}\r\n", encoding="utf-8")

    [row] = read_table(path).rows

    assert row.cells == ("Ann", "Smith", club)


def test_rows_full_of_semicolons_and_tabs_do_not_outvote_the_headers_commas(tmp_path):
    notes = "\r\n".join(["; ;\t;"] * 500)
    path = tmp_path / "notes.csv"
    path.write_text(
        as_csv([["Forename", "Surname", "Club"], ["Ann", "Smith", notes], ["Bob", "Ray", ""]], ","),
        encoding="utf-8",
    )

    table = read_table(path)

    assert table.delimiter == ","
    assert [row.cells for row in table.rows] == [("Ann", "Smith", notes), ("Bob", "Ray", "")]


def test_cells_led_by_an_apostrophe_do_not_slow_the_reading_of_a_file(tmp_path):
    # Our own rejects files look like this; the sniffer's patterns took 5 s over 64 KiB of it.
    path = tmp_path / "rejects.csv"
    path.write_text("Forename,Surname,Club\r\n" + "Ann,Smith,'=1+2\r\n" * 4000, "utf-8")
    started = time.perf_counter()

    table = read_table(path)

    assert time.perf_counter() - started < 1.0
    assert table.rows[-1].cells == ("Ann", "Smith", "'=1+2")


def test_a_file_partly_utf_8_and_partly_windows_1252_reads_each_line_as_written(tmp_path):
    path = tmp_path / "appended.csv"
    path.write_bytes(
        "Forename,Surname\r\nZoë,Łukasz\r\n".encode()
        + "Siân,Núñez\r\n".encode("cp1252")
        + "Olga,Кузнецова 🏃\r\n".encode()
    )

    table = read_table(path)

    assert table.described == "CSV, UTF-8 and Windows-1252 mixed, commas"
    assert [row.cells for row in table.rows] == [
        ("Zoë", "Łukasz"),
        ("Siân", "Núñez"),
        ("Olga", "Кузнецова 🏃"),
    ]


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (True, "Date of birth TRUE is not a date"),
        (10**12, "Date of birth 1000000000000 is not a date"),
        (3_000_000.5, "Date of birth 3000000.5 is not a date"),
        (2_958_466, "Date of birth 2958466 is not a date"),
    ],
)
def test_a_workbook_date_column_holding_a_boolean_or_a_huge_number_rejects_the_row(
    workspace, tmp_path, cell, reason
):
    book = Workbook()
    book.active.append(["First Name", "Last Name", "Date of Birth"])
    book.active.append(["Ann", "Smith", cell])
    book.active.append(["Bob", "Ray", 31000])
    path = tmp_path / "typed.xlsx"
    book.save(path)
    table = read_table(path)

    report = import_file(workspace.db, table, columns.guess(table.headers), today=TODAY)

    assert [(r.line, r.reason) for r in report.rejections] == [(2, reason)]
    assert report.added == 1


def test_a_file_with_a_nul_byte_is_refused_whole_in_one_sentence(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Forename,Surname\r\nAnn,Sm\x00ith\r\n")

    with pytest.raises(Unreadable, match="not a text file this program can read"):
        read_table(path)
