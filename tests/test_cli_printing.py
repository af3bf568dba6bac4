"""Printing from the command line, as the team's scripts do it, from an installed program run in
another folder: the sign-in sheet, certificates and their reprints, and verifying a code."""

from __future__ import annotations

import os
import re
import stat
from datetime import date

import pytest
from pypdf import PdfReader

from databases import query as read
from test_cli import Runner, assert_no_traceback

CODE = re.compile(r"\b[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}\b")


@pytest.fixture(scope="module")
def printing(tmp_path_factory, shared_database):
    base = tmp_path_factory.mktemp("printing")
    (base / "home").mkdir()
    (base / "elsewhere").mkdir()
    run = Runner(home=base / "home", data_dir=base / "data")
    assert run("demo").returncode == 0
    assert (run.data_dir / "sassot.db").exists() == (shared_database is None)
    return run, base


def in_folder(run: Runner, folder, *args: str):
    """Run the program with ``folder`` as the working directory, as a script would."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        return run(*args)
    finally:
        os.chdir(before)


def query(run: Runner, sql: str, **parameters):
    return read(run.data_dir, sql, **parameters)


def text_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_the_sign_in_sheet_lists_tonights_booked_people(printing):
    run, base = printing
    [(workshop_id,)] = query(
        run,
        "SELECT id FROM workshop WHERE date = :today AND CAST(start_time AS VARCHAR) LIKE '18:30%'",
        today=date.today().isoformat(),
    )
    booked = {
        f"{first} {last}"
        for first, last in query(
            run,
            "SELECT first_name, last_name FROM booking JOIN person ON person.id = person_id"
            " WHERE workshop_id = :workshop AND status NOT IN ('waiting', 'cancelled')",
            workshop=workshop_id,
        )
    }
    out = base / "elsewhere" / "sheet.pdf"

    result = in_folder(
        run,
        base / "elsewhere",
        "print",
        "sign-in-sheet",
        str(workshop_id),
        "--out",
        "sheet.pdf",
        "--walk-in-rows",
        "7",
    )

    assert result.returncode == 0, result.stderr
    assert f"{len(booked)} people and 7 rows for walk-ins" in result.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = " ".join(text_of(out))
    squeezed = " ".join(text.split())
    for name in booked:
        assert name in squeezed, name


def test_certificates_go_to_those_who_came_and_a_second_run_notes_reprints(printing):
    run, base = printing
    [(workshop_id, earned)] = query(
        run,
        "SELECT workshop_id, count(*) FROM booking JOIN workshop ON workshop.id = workshop_id"
        " WHERE status IN ('attended', 'late') AND certificate_override IS NULL"
        " AND date < :today GROUP BY workshop_id, date ORDER BY date DESC LIMIT 1",
        today=date.today().isoformat(),
    )
    out = base / "elsewhere" / "certificates.pdf"

    first = in_folder(
        run, base / "elsewhere", "print", "certificates", str(workshop_id), "--out", str(out)
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"Wrote {earned} certificates to {out}."
    pages = text_of(out)
    assert len(pages) == earned
    codes = [CODE.search(page).group() for page in pages]
    assert len(set(codes)) == earned

    again = in_folder(
        run, base / "elsewhere", "print", "certificates", str(workshop_id), "--out", str(out)
    )
    assert again.returncode == 0, again.stderr
    assert f"({earned} of them reprints)" in again.stdout
    assert [CODE.search(page).group() for page in text_of(out)] == codes

    verified = run("verify", codes[0].lower())
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith(f"{codes[0]} is a genuine certificate: ")
    assert "printed 2 times" in verified.stdout


def test_an_unknown_code_is_one_line_and_exit_1(printing):
    run, _base = printing
    result = run("verify", "7K4-MQ2-X9R")
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""
    assert_no_traceback(result)


def test_no_certificates_yet_writes_nothing_and_says_what_to_do(printing):
    run, base = printing
    [(workshop_id,)] = query(
        run,
        "SELECT id FROM workshop WHERE date > :today ORDER BY date LIMIT 1",
        today=date.today().isoformat(),
    )
    out = base / "elsewhere" / "none.pdf"
    result = run("print", "certificates", str(workshop_id), "--out", str(out))
    assert result.returncode == 1
    assert "Record the night's attendance first" in result.stderr
    assert not out.exists()
    assert_no_traceback(result)


def test_a_folder_that_does_not_exist_is_one_line_and_leaves_nothing(printing):
    run, base = printing
    [(workshop_id,)] = query(run, "SELECT min(id) FROM workshop")
    out = base / "no such folder" / "sheet.pdf"
    result = run("print", "sign-in-sheet", str(workshop_id), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Could not write {out}")
    assert len(result.stderr.splitlines()) == 1
    assert_no_traceback(result)
