"""``sassot-desktop import people`` as the team's scripts run it: exit 0 when every row went in,
1 when some were rejected (listed in the rejects file), 2 when the file could not be read."""

from __future__ import annotations

import csv

import pytest

from databases import query
from test_cli import Runner, assert_no_traceback


@pytest.fixture
def run(tmp_path, data_dir) -> Runner:
    (tmp_path / "home").mkdir()
    return Runner(home=tmp_path / "home", data_dir=data_dir)


def names(run: Runner) -> set[str]:
    return {f"{a} {b}" for a, b in query(run.data_dir, "SELECT first_name, last_name FROM person")}


def test_rejected_rows_go_to_the_rejects_file_and_the_exit_code_says_so(run, tmp_path):
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(
        "Forename,Surname,Date of Birth,Post Code\r\n"
        "Zoë,Ó'Brien,03/04/1985,st16 2dn\r\n"
        "Ann,Smith,31/02/1980,ST5 1AA\r\n".encode("cp1252")
    )
    rejects = tmp_path / "rejects.csv"

    first = run("import", "people", str(legacy), "--rejects", str(rejects))

    assert_no_traceback(first)
    assert first.returncode == 1, first.stderr
    assert "Line 3: Date of birth 31/02/1980 is not a real date." in first.stderr
    assert "1 person added" in first.stdout
    with rejects.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows == [
        ["Line", "Field", "Reason", "Forename", "Surname", "Date of Birth", "Post Code"],
        ["3", "Date of birth", "Date of birth 31/02/1980 is not a real date", "Ann", "Smith",
         "31/02/1980", "ST5 1AA"],
    ]  # fmt: skip
    assert names(run) == {"Zoë Ó'Brien"}

    # The officer corrects the date in the rejects file and imports that file.
    rows[1][5] = "28/02/1980"
    with rejects.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows(rows)
    again = run("import", "people", str(rejects))

    assert again.returncode == 0, again.stderr
    assert names(run) == {"Zoë Ó'Brien", "Ann Smith"}


def test_a_file_that_cannot_be_read_exits_2_with_one_line(run, tmp_path):
    result = run("import", "people", str(tmp_path / "nowhere.xlsx"))

    assert_no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "There is no file" in result.stderr


def test_a_large_import_leaves_every_line_printed_and_every_person_saved(
    run, tmp_path, monkeypatch
):
    # The process exits without tearing the interpreter down: nothing may be lost by that, not
    # even output that waits in a buffer as it does when a script reads it through a pipe.
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)
    legacy = tmp_path / "legacy.csv"
    rows = [f"Person{number},Smith,person{number}@example.org,B77 {number % 9}AB"
            for number in range(1, 401)]  # fmt: skip
    legacy.write_text("Forename,Surname,E-mail Address,Post Code\n" + "\n".join(rows) + "\n")

    result = run("import", "people", str(legacy))

    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "400 people added, 0 rows merged with people already known, 0 rows rejected."
    # B77 may be Tamworth or outside the county: every person's line, the last one too.
    assert len(lines) == 2 + 400
    assert lines[-1].startswith("Line 401: Person400 Smith's postcode B77 4AB may be in Tamworth")
    assert len(names(run)) == 400
    [(found,)] = query(run.data_dir, "SELECT count(DISTINCT person_id) FROM person_token")
    assert found == 400
