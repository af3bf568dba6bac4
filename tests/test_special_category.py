"""Ethnicity and disability (and gender) never leave the laptop per person by accident: every
list, export and command-line output that names people is read back and searched for them."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from people_records import enter_twice
from sassot_desktop.exchange import exports
from sassot_desktop.people import profile
from test_cli import Runner, assert_no_traceback

ANSWERS = {
    "gender": "Non-binary",
    "ethnicity": "White: Gypsy or Irish Traveller",
    "disability": "Prefer not to say",
}
WORDS = ("Non-binary", "Gypsy", "Traveller", "Prefer not", "Ethnicity", "Disability", "Gender")


@pytest.fixture
def answered(workspace):
    twice = enter_twice(workspace)
    with workspace.db.write() as session:
        for person_id in (twice.zoe, twice.zoe_again):
            profile.set_equality(session, person_id, profile.Equality(**ANSWERS))
    return twice


def assert_none_of_it(text: str, where: str) -> None:
    found = [word for word in WORDS if word.lower() in text.lower()]
    assert not found, f"{where} shows {found}"


def xlsx_text(path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    return " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


def test_exports_that_name_people_hold_no_equality_answers(workspace, answered, tmp_path):
    for name in ("people.csv", "people.xlsx"):
        exports.write_export(workspace.db, exports.PEOPLE, tmp_path / name)
    workshop_id = answered.workshops["first aid"]
    exports.write_export(workspace.db, exports.ATTENDANCE, tmp_path / "a.xlsx", workshop_id)

    people_csv = (tmp_path / "people.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(people_csv)))
    assert len(rows) == 3 and "Zoë" in people_csv  # the people are there, their answers not
    assert_none_of_it(people_csv, "the people CSV")
    assert_none_of_it(xlsx_text(tmp_path / "people.xlsx"), "the people workbook")
    assert_none_of_it(xlsx_text(tmp_path / "a.xlsx"), "the attendance workbook")


@pytest.mark.slow
def test_the_command_line_prints_no_equality_answers(workspace, answered, data_dir, tmp_path):
    (tmp_path / "home").mkdir()
    run = Runner(home=tmp_path / "home", data_dir=data_dir)
    outputs = {
        "people search": run("people", "search", "zoe"),
        "people search tsv": run("people", "search", "zoe", "--format", "tsv"),
        "people duplicates": run("people", "duplicates", "--format", "tsv"),
        "export people": run("export", "people", "--out", str(tmp_path / "people.csv")),
    }
    for where, result in outputs.items():
        assert result.returncode == 0, result.stderr
        assert_no_traceback(result)
        assert_none_of_it(result.stdout + result.stderr, where)
    assert "Zoë" in outputs["people search"].stdout
    header, *rows = outputs["people duplicates"].stdout.splitlines()
    assert header.split("\t") == ["score", "person_id", "name", "other_id", "other_name", "reasons"]
    assert len(rows) == 1 and "same email" in rows[0]
    search_header = outputs["people search tsv"].stdout.splitlines()[0].split("\t")
    assert search_header == [
        "id",
        "first_name",
        "last_name",
        "email",
        "postcode",
        "district",
        "club",
        "roles",
    ]
    assert_none_of_it((tmp_path / "people.csv").read_text(encoding="utf-8-sig"), "CLI export")
