"""Exporting from the command line as the team's scripts do: the file's format from its name,
what was written in one line, and one-line refusals with exit code 1."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from databases import query as read
from test_cli import Runner, assert_no_traceback


@pytest.fixture(scope="module")
def demo(tmp_path_factory, shared_database) -> tuple[Runner, object]:
    base = tmp_path_factory.mktemp("export")
    (base / "home").mkdir()
    run = Runner(home=base / "home", data_dir=base / "data")
    assert run("demo").returncode == 0
    # On the PostgreSQL run the records are on the server, not in the folder.
    assert (run.data_dir / "sassot.db").exists() == (shared_database is None)
    return run, base


def query(run: Runner, sql: str, **parameters):
    return read(run.data_dir, sql, **parameters)


def refused(result, words: str) -> None:
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0]
    assert_no_traceback(result)


def test_export_people_to_xlsx_says_how_many_and_where(demo):
    run, base = demo
    [(count,)] = query(run, "SELECT count(*) FROM person")
    out = base / "people.xlsx"

    result = run("export", "people", "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote {count:,} people to {out}.\n"
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "First name"
    assert sheet.max_row == count + 1
    assert not list(base.glob("*.part"))


def test_export_workshops_and_attendance_to_csv(demo):
    run, base = demo
    [(count,)] = query(run, "SELECT count(*) FROM workshop")
    [(workshop_id, title, bookings)] = query(
        run,
        "SELECT workshop.id, title, count(*) FROM workshop JOIN booking ON workshop_id = "
        "workshop.id GROUP BY workshop.id ORDER BY workshop.id LIMIT 1",
    )

    programme = run("export", "workshops", "--out", str(base / "programme.csv"))
    night = run("export", "attendance", str(workshop_id), "--out", str(base / "night.CSV"))

    assert programme.returncode == 0, programme.stderr
    assert programme.stdout.startswith(f"Wrote {count} workshops to ")
    with open(base / "programme.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:4] == ["Date", "Start", "End", "Title"]
    assert len(rows) == count + 1
    assert night.returncode == 0, night.stderr
    assert night.stdout.startswith(f"Wrote {bookings} bookings on “{title}” of ")
    assert night.stdout.endswith(f" to {base / 'night.CSV'}.\n")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("people", "--out", "people.txt"), "ending in .xlsx"),
        (("attendance", "--out", "night.csv"), "which workshop"),
        (("people", "3", "--out", "people.csv"), "only with `export attendance`"),
        (("attendance", "999999", "--out", "night.csv"), "no workshop with id 999999"),
    ],
)
def test_export_refuses_in_one_line(demo, args, words):
    run, base = demo
    *rest, out = args
    result = run("export", *rest, str(base / out))

    refused(result, words)
    assert not (base / out).exists()


def test_export_into_a_missing_folder_says_so(demo):
    run, base = demo
    result = run("export", "workshops", "--out", str(base / "not here" / "w.xlsx"))

    refused(result, "Could not write")
