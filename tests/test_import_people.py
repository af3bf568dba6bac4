"""Importing people from the messy files the officer really has: every bad row named by its
line and reason, every good row kept exactly as written, duplicates merged, all or nothing."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from sassot_desktop.db.models import Person
from sassot_desktop.errors import Unreadable
from sassot_desktop.exchange import columns
from sassot_desktop.exchange.people_import import import_file
from sassot_desktop.exchange.reading import read_table
from sassot_desktop.exchange.rejects import rejects_csv
from sassot_desktop.people.records import find_people
from sassot_desktop.progress import Cancelled, Progress
from sassot_desktop.settings import Settings

TODAY = date(2026, 11, 23)
LEGACY_HEADER = (
    "Forename;Surname;E-mail Address;DOB;Post Code;Mobile No.;Club / Organisation;Sport\r\n"
)


def legacy_csv(tmp_path, rows: list[str], encoding="cp1252", name="legacy.csv"):
    path = tmp_path / name
    path.write_bytes((LEGACY_HEADER + "".join(row + "\r\n" for row in rows)).encode(encoding))
    return path


def run_import(workspace, path, dry_run=False, progress=None):
    table = read_table(path)
    mapping = columns.mapping_for(table.headers, Settings(workspace.paths.data_dir))
    return table, import_file(
        workspace.db, table, mapping, dry_run=dry_run, today=TODAY, progress=progress
    )


def people(workspace) -> dict[str, Person]:
    with workspace.db.read() as session:
        return {f"{p.first_name} {p.last_name}": p for p in session.scalars(select(Person))}


def count_people(workspace) -> int:
    with workspace.db.read() as session:
        return session.scalar(select(func.count()).select_from(Person))


def test_a_windows_1252_file_keeps_names_exactly_and_normalises_details(workspace, tmp_path):
    path = legacy_csv(
        tmp_path,
        [
            "  Zoë ;Ó'Brien;Zoe.OBrien@Example.COM;03/04/1985;st16 2dn;07700900123;"
            "Stone Dominoes;Netball",
            "SIÂN;llŵyd-jones;;1990-12-01;ws11 1aa;+44 1782 123456;;",
        ],
        encoding="utf-8",  # without a byte-order mark; Windows-1252 has no ŵ
    )
    table, report = run_import(workspace, path)

    assert table.described == "CSV, UTF-8, semicolons"
    assert report.added == 2 and report.all_went_in
    found = people(workspace)
    zoe = found["Zoë Ó'Brien"]
    assert (zoe.email, zoe.postcode, zoe.district) == (
        "Zoe.OBrien@example.com",
        "ST16 2DN",
        "Stafford",
    )
    assert (zoe.phone, zoe.date_of_birth, zoe.club) == (
        "07700 900123",
        date(1985, 4, 3),
        "Stone Dominoes",
    )
    sian = found["SIÂN llŵyd-jones"]  # capitals kept as written, not "corrected"
    assert (sian.postcode, sian.district, sian.phone) == (
        "WS11 1AA",
        "Cannock Chase",
        "01782 123456",
    )
    with workspace.db.read() as session:
        assert [p.name for p in find_people(session, "sian llwyd")] == ["SIÂN llŵyd-jones"]


def test_windows_1252_and_a_byte_order_mark_are_both_read(workspace, tmp_path):
    cp1252 = legacy_csv(tmp_path, ["Zoë;Ó'Brien;;;;;Café Olé FC;"], name="old.csv")
    bom = tmp_path / "new.csv"
    bom.write_bytes("\ufeffFirst Name,Last Name,Email\r\nŁukasz,Wiśniewski,l@x.pl\r\n".encode())

    assert read_table(cp1252).described == "CSV, Windows-1252, semicolons"
    assert read_table(bom).described == "CSV, UTF-8 with byte-order mark, commas"
    run_import(workspace, cp1252)
    run_import(workspace, bom)

    found = people(workspace)
    assert found["Zoë Ó'Brien"].club == "Café Olé FC"
    assert found["Łukasz Wiśniewski"].email == "l@x.pl"


def test_excels_unicode_text_and_a_latin_1_file_are_read(workspace, tmp_path):
    unicode_text = tmp_path / "unicode.txt"  # Excel's "Unicode Text": UTF-16, tab-separated
    unicode_text.write_bytes("First Name\tSurname\r\nAyşe\tYılmaz\r\n".encode("utf-16"))
    latin_1 = tmp_path / "latin.csv"
    latin_1.write_bytes("Forename,Surname,Club\r\nJosé,Núñez,Café FC\r\n".encode("latin-1"))

    assert read_table(unicode_text).described == "CSV, UTF-16 (Unicode text), tabs"
    run_import(workspace, unicode_text)
    run_import(workspace, latin_1)

    found = people(workspace)
    assert "Ayşe Yılmaz" in found
    assert found["José Núñez"].club == "Café FC"


def test_bad_rows_are_rejected_whole_with_their_line_and_reason(workspace, tmp_path):
    path = legacy_csv(
        tmp_path,
        [
            "Ann;Good;ann@example.com;01/02/1980;ST5 1AA;;;",  # line 2
            "Bea;Baddate;;31/02/1980;;;;",  # line 3
            ";;;;;;;",  # line 4: empty, skipped, still counted as a line
            "Cal;Bademail;cal@;;;;;",  # line 5
            "Dot;Badpost;;;XX1 1XX;;;",  # line 6
            "Eve;Future;;01/01/2030;;;;",  # line 7
            '"Fay\nMulti";Line;;;;;;',  # line 8 holds an embedded line break
            "Gus;Good;;;;;;",  # line 9
            ";Nofirst;;;;;;",  # line 10
        ],
    )

    table, report = run_import(workspace, path)

    reasons = {(r.line, r.field, r.reason) for r in report.rejections}
    assert reasons == {
        (3, "Date of birth", "Date of birth 31/02/1980 is not a real date"),
        (5, "Email", "Email cal@ is not an email address"),
        (6, "Postcode", "Postcode XX1 1XX is not a UK postcode"),
        (7, "Date of birth", "Date of birth 01/01/2030 is in the future"),
        (10, "First name", "First name is empty"),
    }
    assert report.empty_rows == 1
    assert set(people(workspace)) == {"Ann Good", "Fay\nMulti Line", "Gus Good"}
    assert not any(name.startswith(("Bea", "Cal", "Dot", "Eve")) for name in people(workspace))

    rejects = list(
        csv.reader(io.StringIO(rejects_csv(table.headers, report.rejections).decode("utf-8-sig")))
    )
    assert rejects[0] == ["Line", "Field", "Reason", *table.headers]
    assert [row[0] for row in rejects[1:]] == ["3", "5", "6", "7", "10"]
    assert rejects[1][3:] == ["Bea", "Baddate", "", "31/02/1980", "", "", "", ""]


def test_every_fault_of_a_row_is_named_at_once(workspace, tmp_path):
    path = legacy_csv(tmp_path, ["Ann;Smith;bad@;31/02/1980;XX;;;"])

    _, report = run_import(workspace, path)

    [rejection] = report.rejections
    assert rejection.field == "Email, Date of birth, Postcode"
    assert rejection.reason == (
        "Email bad@ is not an email address; Date of birth 31/02/1980 is not a real date; "
        "Postcode XX is not a UK postcode"
    )


def test_a_formula_is_stored_as_plain_text_never_evaluated(workspace, tmp_path):
    path = legacy_csv(tmp_path, ['Hal;Formula;;;;;"=HYPERLINK(""http://x"";""Club"")";'])

    run_import(workspace, path)

    assert people(workspace)["Hal Formula"].club == '=HYPERLINK("http://x";"Club")'


def test_duplicates_in_the_file_and_in_the_database_are_merged_and_reported(workspace, tmp_path):
    run_import(workspace, legacy_csv(tmp_path, ["Zoë;Ó'Brien;zoe@example.com;;;;;"], name="a.csv"))
    path = legacy_csv(
        tmp_path,
        [
            "Zoe;O'Brien;ZOE@EXAMPLE.COM;;ST16 2DN;07700 900123;;",  # line 2: same email, known
            "Ian;Twice;;05/06/1970;;;;",  # line 3: new
            "IAN;twice;ian@example.com;1970-06-05;;;;",  # line 4: same name and birth as line 3
        ],
        name="b.csv",
    )

    _, report = run_import(workspace, path)

    assert report.added == 1
    merges = {(m.line, m.because, m.earlier_line, m.filled) for m in report.merges}
    assert merges == {
        (2, "same email", None, ("Phone", "Postcode", "District")),
        (4, "same name and date of birth", 3, ("Email",)),
    }
    found = people(workspace)
    assert set(found) == {"Zoë Ó'Brien", "Ian Twice"}
    # What the person had is kept as it was; only what they lacked is filled in.
    assert (found["Zoë Ó'Brien"].email, found["Zoë Ó'Brien"].postcode) == (
        "zoe@example.com",
        "ST16 2DN",
    )
    assert found["Ian Twice"].email == "ian@example.com"


def test_a_postcode_straddling_two_districts_is_left_for_the_officer(workspace, tmp_path):
    path = legacy_csv(tmp_path, ["Jo;Border;;;de13 7ab;;;", "Ken;Away;;;M1 1AE;;;"])

    _, report = run_import(workspace, path)

    [choice] = report.districts_to_choose
    assert (choice.line, choice.postcode, choice.choices) == (
        2,
        "DE13 7AB",
        ("East Staffordshire", "Lichfield"),
    )
    found = people(workspace)
    assert found["Jo Border"].district is None and found["Ken Away"].district is None


def test_a_workbook_gives_dates_serial_numbers_and_excels_row_numbers(workspace, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["First Name", "Last Name", "Date of Birth", "Mobile Number"])
    sheet.append(["Olga", "Кузнецова", datetime(1979, 5, 17), 7700900456])
    sheet.append(["Ayşe", "Yılmaz", 31000, None])  # a date cell that lost its date format
    sheet.append([None, None, None, None])
    sheet.append(["Lee", "Broken", "29/02/2001", None])
    path = tmp_path / "coaches.xlsx"
    book.save(path)

    table, report = run_import(workspace, path)

    assert table.described == "Excel workbook"
    assert [(r.line, r.reason) for r in report.rejections] == [
        (5, "Date of birth 29/02/2001 is not a real date")
    ]
    found = people(workspace)
    assert found["Olga Кузнецова"].date_of_birth == date(1979, 5, 17)
    assert found["Olga Кузнецова"].phone == "07700 900456"
    assert found["Ayşe Yılmaz"].date_of_birth == date(1984, 11, 14)


def test_a_dry_run_reports_the_same_and_saves_nothing(workspace, tmp_path):
    path = legacy_csv(tmp_path, ["Ann;Good;;;;;;", "Bea;Bad;;31/02/1980;;;;"])

    _, report = run_import(workspace, path, dry_run=True)

    assert (report.added, len(report.rejections)) == (1, 1)
    assert count_people(workspace) == 0


def test_a_cancelled_import_leaves_the_database_as_it_was(workspace, tmp_path):
    run_import(workspace, legacy_csv(tmp_path, ["Ann;Before;;;;;;"], name="a.csv"))
    rows = [f"Person;Number{n};p{n}@example.com;;;;;" for n in range(1000)]
    progress = Progress(lambda done, total, text: progress.cancel() if done >= 500 else None)

    with pytest.raises(Cancelled):
        run_import(workspace, legacy_csv(tmp_path, rows, name="big.csv"), progress=progress)

    assert set(people(workspace)) == {"Ann Before"}


def test_a_file_without_name_columns_or_that_is_not_a_table_cannot_be_read(workspace, tmp_path):
    no_names = tmp_path / "emails.csv"
    no_names.write_text("Email,Phone\r\na@b.com,1\r\n", encoding="utf-8")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 4)

    with pytest.raises(Unreadable, match="no column for first name or last name"):
        run_import(workspace, no_names)
    with pytest.raises(Unreadable, match="not a text file"):
        read_table(binary)
    with pytest.raises(Unreadable, match="There is no file"):
        read_table(tmp_path / "missing.csv")


def test_a_corrected_mapping_is_remembered_for_the_next_file_of_that_shape(workspace, tmp_path):
    headers = ("Name 1", "Name 2", "Contact")
    settings = Settings(workspace.paths.data_dir)
    assert columns.mapping_for(headers, settings) == {}

    columns.remember(headers, {0: "first_name", 1: "last_name", 2: "email"}, settings)

    again = Settings(workspace.paths.data_dir)
    assert columns.mapping_for(headers, again) == {0: "first_name", 1: "last_name", 2: "email"}
    assert columns.mapping_for(("Forename", "Surname"), again) == {0: "first_name", 1: "last_name"}


def test_a_formula_in_a_rejected_row_is_defused_and_comes_back_in_as_written(workspace, tmp_path):
    path = legacy_csv(tmp_path, ['=Ann;Smith;;31/02/1980;;+44 7700 900123;"=1+2";'])
    table, report = run_import(workspace, path)
    rejects = tmp_path / "rejects.csv"
    rejects.write_bytes(rejects_csv(table.headers, report.rejections))

    rows = list(csv.reader(io.StringIO(rejects.read_text("utf-8-sig"))))
    assert rows[1][3:10] == ["'=Ann", "Smith", "", "31/02/1980", "", "'+44 7700 900123", "'=1+2"]

    rows[1][6] = "28/02/1980"  # the officer corrects the date and imports the file again
    rejects.write_text(
        "".join(",".join(f'"{cell}"' for cell in row) + "\r\n" for row in rows), "utf-8-sig"
    )
    _, again = run_import(workspace, rejects)

    assert again.all_went_in
    person = people(workspace)["=Ann Smith"]
    assert (person.phone, person.club) == ("07700 900123", "=1+2")
