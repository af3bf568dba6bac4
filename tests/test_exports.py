"""Exports for Excel, read back as Excel and a CSV reader would: typed cells, UK formats,
formula-like text kept as text, the same bytes for the same data, and what each export holds."""

from __future__ import annotations

import csv
import io
import os
import stat
import time as clock_module
import zipfile
from datetime import date, datetime, time

import openpyxl
import pytest
from sqlalchemy import func, select

from sassot_desktop.attendance import register
from sassot_desktop.db.models import Person, Workshop
from sassot_desktop.errors import UserError
from sassot_desktop.exchange import exports
from sassot_desktop.exchange.cells import Money
from sassot_desktop.exchange.spreadsheets import Table, csv_bytes, format_of, xlsx_bytes
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.progress import Cancelled, Progress
from sassot_desktop.workshops.catalogue import cancel_workshop

HOSTILE = (
    '=HYPERLINK("http://example.com","click")',
    "+44 7700 900123",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
)
HEADINGS = ("Name", "Born", "Arrived", "Consented", "Fee", "Walk-in", "Places", "Note")


def sample_rows():
    return [
        ("Zoë Ó'Brien", date(1985, 4, 3), time(19, 4), datetime(2026, 11, 23, 18, 55),
         Money(1250), True, 25, None),
        ("Łukasz Wiśniewski", None, None, None, Money(-305), False, -3, "line one\nline two"),
        *[(text, None, None, None, Money(0), False, 0, text) for text in HOSTILE],
    ]  # fmt: skip


def sample_table(rows=None) -> Table:
    return Table("Sample", HEADINGS, iter(rows if rows is not None else sample_rows()))


def workbook_of(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# -- the writers -------------------------------------------------------------------------------
def test_xlsx_cells_are_typed_with_uk_formats_under_a_frozen_bold_heading():
    built = xlsx_bytes(sample_table())
    sheet = workbook_of(built.data).active

    assert built.rows == len(sample_rows())
    assert sheet.max_row == len(sample_rows()) + 1
    assert [cell.value for cell in sheet[1]] == list(HEADINGS)
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:H{sheet.max_row}"

    name, born, arrived, consented, fee, walk_in, places, note = sheet[2]
    assert name.value == "Zoë Ó'Brien"
    assert born.value == datetime(1985, 4, 3) and born.is_date
    assert born.number_format == "dd/mm/yyyy"
    assert arrived.value == time(19, 4) and arrived.number_format == "hh:mm"
    assert consented.value == datetime(2026, 11, 23, 18, 55)
    assert consented.number_format == "dd/mm/yyyy hh:mm"
    assert fee.value == 12.5 and fee.data_type == "n" and "£" in fee.number_format
    assert walk_in.value == "Yes"
    assert places.value == 25 and places.data_type == "n"
    assert note.value is None

    second = sheet[3]
    assert second[0].value == "Łukasz Wiśniewski"
    assert second[4].value == -3.05 and second[4].data_type == "n"
    assert second[6].value == -3 and second[6].data_type == "n"  # a negative number, not text
    assert second[7].value == "line one\nline two"


def test_xlsx_keeps_formula_like_text_as_text_and_writes_no_formula():
    built = xlsx_bytes(sample_table())
    sheet = workbook_of(built.data).active

    for row_number, text in enumerate(HOSTILE, start=4):
        for cell in (sheet.cell(row_number, 1), sheet.cell(row_number, 8)):
            # An XML reader turns a carriage return into a line feed; text it stays.
            assert cell.value == text.replace("\r", "\n")
            assert cell.data_type == "s"
            assert cell.quotePrefix  # as if typed after an apostrophe: editing keeps it text
    with zipfile.ZipFile(io.BytesIO(built.data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_xlsx_columns_are_as_wide_as_their_content():
    rows = [("A name much longer than its heading", date(2026, 1, 1), *[None] * 6)]
    sheet = workbook_of(xlsx_bytes(sample_table(rows)).data).active

    name_width = sheet.column_dimensions["A"].width
    assert len("A name much longer than its heading") <= name_width <= 60
    assert len("Consented") <= sheet.column_dimensions["D"].width < name_width


def test_csv_has_a_bom_excels_dialect_and_apostrophes_before_formula_like_text():
    data = csv_bytes(sample_table()).data

    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    header, zoe, lukasz, *hostile = csv_rows(data)
    assert header == list(HEADINGS)
    assert zoe == [
        "Zoë Ó'Brien",
        "03/04/1985",
        "19:04",
        "23/11/2026 18:55",
        "12.50",
        "Yes",
        "25",
        "",
    ]
    assert lukasz == ["Łukasz Wiśniewski", "", "", "", "-3.05", "No", "-3", "line one\nline two"]
    for row, text in zip(hostile, HOSTILE, strict=True):
        assert row[0] == row[7] == "'" + text
        assert row[4] == "0.00"


def test_the_same_data_gives_the_same_bytes_whenever_it_is_written(monkeypatch):
    real_time = clock_module.time
    monkeypatch.setattr(clock_module, "time", lambda: real_time() - 86_400 * 400)
    long_ago = xlsx_bytes(sample_table()).data, csv_bytes(sample_table()).data
    monkeypatch.setattr(clock_module, "time", real_time)
    now = xlsx_bytes(sample_table()).data, csv_bytes(sample_table()).data

    assert long_ago == now
    with zipfile.ZipFile(io.BytesIO(now[0])) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = workbook_of(now[0]).properties
    assert properties.created == properties.modified == datetime(1980, 1, 1)


@pytest.mark.parametrize("name", ["people.txt", "people", "people.xls"])
def test_a_file_name_without_xlsx_or_csv_is_refused_in_a_sentence(name):
    with pytest.raises(UserError, match=r"\.xlsx .* \.csv"):
        format_of(name)
    assert format_of("People.XLSX") == "xlsx"


# -- what each export holds --------------------------------------------------------------------
def test_people_export_holds_everyone_with_names_exact_and_is_private(demo_workspace, tmp_path):
    with demo_workspace.db.read() as session:
        count = session.scalar(select(func.count()).select_from(Person))

    exported = exports.write_export(demo_workspace.db, "people", tmp_path / "people.xlsx")

    assert exported.rows == count
    assert exported.message == f"Wrote {count:,} people to {tmp_path / 'people.xlsx'}."
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(exported.path).st_mode) == 0o600
    sheet = workbook_of(exported.path.read_bytes()).active
    assert [cell.value for cell in sheet[1]] == list(exports.PEOPLE_HEADINGS)
    people = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(people) == count
    assert ["Zoë", "Ó'Brien"] in [person[:2] for person in people]
    assert ["Łukasz", "Wiśniewski"] in [person[:2] for person in people]
    dated = [row for row in sheet.iter_rows(min_row=2) if row[8].value is not None]
    assert dated and all(row[8].is_date and row[8].number_format == "dd/mm/yyyy" for row in dated)
    consented = [row[9] for row in sheet.iter_rows(min_row=2) if row[9].value is not None]
    assert consented and all(cell.value.time() == time(0, 0) for cell in consented)


def test_a_hostile_name_typed_at_the_door_leaves_as_text(workspace, tmp_path):
    with workspace.db.write() as session:
        create_person(session, PersonDetails("=cmd|' /C calc'!A0", "-Smith"))

    csv_path = exports.write_export(workspace.db, "people", tmp_path / "people.csv").path
    xlsx_path = exports.write_export(workspace.db, "people", tmp_path / "people.xlsx").path

    assert csv_rows(csv_path.read_bytes())[1][:2] == ["'=cmd|' /C calc'!A0", "'-Smith"]
    first, last = workbook_of(xlsx_path.read_bytes()).active[2][:2]
    assert (first.value, first.data_type) == ("=cmd|' /C calc'!A0", "s")
    assert (last.value, last.data_type) == ("-Smith", "s")


def test_people_are_read_in_batches_with_progress_and_can_be_cancelled(
    demo_workspace, tmp_path, monkeypatch
):
    monkeypatch.setattr(exports, "PEOPLE_BATCH", 100)
    out = tmp_path / "out"
    out.mkdir()
    reports = []
    noted = Progress(lambda done, total, _text: reports.append((done, total)))
    exports.write_export(demo_workspace.db, "people", out / "people.csv", progress=noted)
    total = reports[0][1]
    assert [done for done, _total in reports] == [0, *range(100, total, 100), total]

    progress = Progress(lambda done, _total, _text: done >= 200 and progress.cancel())
    with pytest.raises(Cancelled):
        exports.write_export(demo_workspace.db, "people", out / "cancelled.xlsx", progress=progress)
    assert list(out.iterdir()) == [out / "people.csv"]  # nothing half-written left behind


def test_programme_is_in_date_order_with_fee_as_money_and_status(demo_workspace, tmp_path):
    with demo_workspace.db.write() as session:
        cancelled = session.scalar(select(Workshop).order_by(Workshop.date.desc()).limit(1))
        cancel_workshop(session, cancelled.id)
        cancelled.fee_pence = 1250
        count = session.scalar(select(func.count()).select_from(Workshop))

    exported = exports.write_export(demo_workspace.db, "workshops", tmp_path / "w.xlsx")

    assert exported.rows == count
    sheet = workbook_of(exported.path.read_bytes()).active
    assert [cell.value for cell in sheet[1]] == list(exports.PROGRAMME_HEADINGS)
    rows = list(sheet.iter_rows(min_row=2))
    days = [(row[0].value, row[1].value) for row in rows]
    assert days == sorted(days)
    last = rows[-1]
    assert last[3].value == cancelled.title
    assert last[9].value == 12.5 and "£" in last[9].number_format
    assert last[13].value == "Cancelled"
    assert {row[13].value for row in rows} <= {"Cancelled", "Register closed", "Scheduled"}
    assert all(row[1].number_format == "hh:mm" for row in rows)


def test_attendance_export_lists_each_booking_and_the_night(demo_workspace, tmp_path):
    with demo_workspace.db.read() as session:
        workshop_id = session.scalar(
            select(Workshop.id).where(Workshop.register_closed_at.is_not(None)).limit(1)
        )
        roster = register.roster(session, workshop_id)

    exported = exports.write_export(
        demo_workspace.db, "attendance", tmp_path / "night.csv", workshop_id
    )

    header, *rows = csv_rows(exported.path.read_bytes())
    assert header == list(exports.ATTENDANCE_HEADINGS)
    assert len(rows) == len(roster) == exported.rows
    for row, entry in zip(rows, roster, strict=True):
        assert row[:2] == [entry.first_name, entry.last_name]
        assert row[3] == entry.status.value.capitalize()
        assert row[4] == (f"{entry.arrived_local:%H:%M}" if entry.arrived_local else "")
        assert row[5] == ("Yes" if entry.walk_in else "No")
        assert row[6] == ("Yes" if entry.earns_certificate else "No")
    assert exported.message.startswith(f"Wrote {len(roster)} bookings on “")


def test_attendance_needs_a_workshop(workspace, tmp_path):
    with pytest.raises(UserError, match="which workshop"):
        exports.write_export(workspace.db, "attendance", tmp_path / "a.csv")


def test_a_control_character_in_imported_text_does_not_stop_the_workbook():
    rows = [("Zoë\x0b", None, None, None, None, None, None, "tab\tinside")]
    sheet = workbook_of(xlsx_bytes(sample_table(rows)).data).active

    assert sheet["A2"].value == "Zoë"
    assert sheet["H2"].value == "tab\tinside"
