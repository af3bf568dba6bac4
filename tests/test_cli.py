"""The real console script, as the team's scripts run it: exit codes, TSV columns, one-line errors.

Each start of the program costs about a second, so the module shares one demo folder and keeps
the number of runs low.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from databases import query
from sassot_desktop import cli

WORKSHOP_HEADER = [
    "id",
    "date",
    "start",
    "title",
    "venue",
    "district",
    "capacity",
    "booked",
    "attended",
    "waiting",
]
ATTENDANCE_HEADER = ["person_id", "name", "status", "arrived", "walk_in", "certificate"]
STATUSES = {"booked", "attended", "late", "left early", "no-show", "cancelled", "waiting"}
HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MISSING_WORKSHOP = 999999


def console_script() -> list[str]:
    """The installed ``sassot-desktop`` beside this Python, else ``python -m sassot_desktop``.

    Only the folder of this Python is searched, so a copy elsewhere on PATH is never tested.
    """
    found = shutil.which("sassot-desktop", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "sassot_desktop"]


@dataclass
class Runner:
    home: Path
    data_dir: Path

    def env(self, data_dir_variable: Path | None = None) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key != "SASSOT_DATA_DIR" and not key.startswith("XDG_")
        }
        # Nothing may land in the user's real folders: point them at an empty one we can check.
        env.update(HOME=str(self.home), USERPROFILE=str(self.home), PYTHONIOENCODING="utf-8")
        env["APPDATA"] = env["LOCALAPPDATA"] = str(self.home)
        if data_dir_variable is not None:
            env["SASSOT_DATA_DIR"] = str(data_dir_variable)
        return env

    def __call__(self, *args: str, via_variable: bool = False) -> subprocess.CompletedProcess:
        if via_variable:
            command = [*console_script(), *args]
            env = self.env(self.data_dir)
        else:
            command = [*console_script(), "--data-dir", str(self.data_dir), *args]
            env = self.env()
        return subprocess.run(
            command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
        )


@dataclass
class DemoFolder:
    run: Runner
    first: subprocess.CompletedProcess
    again: subprocess.CompletedProcess
    forced: subprocess.CompletedProcess
    listing: subprocess.CompletedProcess
    on_server: bool  # the PostgreSQL run: the records are on the server, not in the folder


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory, shared_database) -> DemoFolder:
    base = tmp_path_factory.mktemp("cli")
    (base / "home").mkdir()
    run = Runner(home=base / "home", data_dir=base / "data")
    first = run("demo")
    # The second run finds the folder only through SASSOT_DATA_DIR: its refusal proves it looked.
    again = run("demo", via_variable=True)
    forced = run("demo", "--force")
    # Listed before any test ticks someone in, whatever order the tests run in.
    listing = run("workshops", "list", "--format", "tsv", via_variable=True)
    return DemoFolder(run, first, again, forced, listing, on_server=shared_database is not None)


def tsv(output: str) -> tuple[list[str], list[list[str]]]:
    lines = output.splitlines()
    assert lines, "no output"
    rows = [line.split("\t") for line in lines]
    return rows[0], rows[1:]


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


def tonight(demo_folder: DemoFolder) -> int:
    """Today's 18:30 demo workshop, read straight from the database."""
    [(workshop_id,)] = query(
        demo_folder.run.data_dir,
        "SELECT id FROM workshop WHERE date = :today AND CAST(start_time AS VARCHAR) LIKE '18:30%'",
        today=date.today().isoformat(),
    )
    return workshop_id


def test_demo_fills_an_empty_folder(demo_folder):
    first = demo_folder.first
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Demo data ready in ")
    assert first.stderr == ""
    assert (demo_folder.run.data_dir / "sassot.db").is_file() != demo_folder.on_server


def test_demo_refuses_a_folder_with_data_without_force(demo_folder):
    again = demo_folder.again
    assert again.returncode == 1
    assert again.stdout == ""
    lines = again.stderr.splitlines()
    assert len(lines) == 1, again.stderr
    assert "--force" in lines[0]
    assert_no_traceback(again)


def test_demo_with_force_replaces_the_data(demo_folder):
    forced = demo_folder.forced
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.startswith("Demo data ready in ")
    assert_no_traceback(forced)
    data_dir = demo_folder.run.data_dir
    # Replaced, not added to: one demo year, one "tonight".
    assert query(data_dir, "SELECT count(*) FROM workshop") == [(40,)]
    assert query(data_dir, "SELECT count(*) FROM person WHERE first_name = 'Zoë'") == [(1,)]


def test_workshops_list_tsv_through_the_environment_variable(demo_folder):
    result = demo_folder.listing
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    header, rows = tsv(result.stdout)
    assert header == WORKSHOP_HEADER
    assert len(rows) == 40
    today = date.today()
    for row in rows:
        assert len(row) == len(WORKSHOP_HEADER), row
        record = dict(zip(header, row, strict=True))
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"]), record
        date.fromisoformat(record["date"])
        assert HH_MM.match(record["start"]), record
        for number in ("id", "capacity", "booked", "attended", "waiting"):
            assert record[number].isdigit(), record
    records = [dict(zip(header, row, strict=True)) for row in rows]
    tonight_rows = [r for r in records if r["date"] == today.isoformat() and r["start"] == "18:30"]
    assert len(tonight_rows) == 1
    [tonight_row] = tonight_rows
    assert int(tonight_row["booked"]) >= 25
    assert tonight_row["attended"] == "0"
    # Upcoming first: tonight's is the first row.
    assert records[0] == tonight_row
    assert int(tonight_row["id"]) == tonight(demo_folder)


def test_check_in_then_attendance_shows_the_arrival(demo_folder):
    run = demo_folder.run
    workshop_id = tonight(demo_folder)
    [(person_id, first, last)] = query(
        run.data_dir,
        "SELECT person.id, first_name, last_name FROM booking JOIN person "
        "ON person.id = booking.person_id WHERE workshop_id = :workshop AND status = 'booked' "
        "AND NOT walk_in ORDER BY person.id LIMIT 1",
        workshop=workshop_id,
    )

    ticked = run("check-in", str(workshop_id), str(person_id))
    assert ticked.returncode == 0, ticked.stderr
    message = re.fullmatch(
        rf"{re.escape(first)} {re.escape(last)} in at (\d\d:\d\d)\.\n", ticked.stdout
    )
    assert message, ticked.stdout
    arrived = message.group(1)

    again = run("check-in", str(workshop_id), str(person_id))
    assert again.returncode == 0, again.stderr
    assert "already in" in again.stdout
    assert f"already in at {arrived}" in again.stdout

    listing = run("attendance", str(workshop_id), "--format", "tsv")
    assert listing.returncode == 0, listing.stderr
    header, rows = tsv(listing.stdout)
    assert header == ATTENDANCE_HEADER
    records = [dict(zip(header, row, strict=True)) for row in rows]
    assert len(records) >= 25
    for record in records:
        assert record["status"] in STATUSES, record
        assert record["walk_in"] in {"yes", "no"}, record
        assert record["certificate"] in {"yes", "no"}, record
        assert record["arrived"] == "" or HH_MM.match(record["arrived"]), record
    [mine] = [r for r in records if r["person_id"] == str(person_id)]
    assert mine == {
        "person_id": str(person_id),
        "name": f"{first} {last}",
        "status": "attended",
        "arrived": arrived,
        "walk_in": "no",
        "certificate": "yes",
    }
    others = [r for r in records if r["person_id"] != str(person_id)]
    assert {r["status"] for r in others} == {"booked"}

    # Someone on file but not booked tonight walks in: the same command records them.
    [(walker_id, walker_first, walker_last)] = query(
        run.data_dir,
        "SELECT id, first_name, last_name FROM person WHERE id NOT IN "
        "(SELECT person_id FROM booking WHERE workshop_id = :workshop) ORDER BY id LIMIT 1",
        workshop=workshop_id,
    )
    walked_in = run("check-in", str(workshop_id), str(walker_id))
    assert walked_in.returncode == 0, walked_in.stderr
    assert re.fullmatch(
        rf"{re.escape(walker_first)} {re.escape(walker_last)} in at \d\d:\d\d\. \(walk-in\)\n",
        walked_in.stdout,
    ), walked_in.stdout
    listing = run("attendance", str(workshop_id), "--format", "tsv")
    header, rows = tsv(listing.stdout)
    [walker] = [dict(zip(header, row, strict=True)) for row in rows if row[0] == str(walker_id)]
    assert (walker["status"], walker["walk_in"], walker["certificate"]) == (
        "attended",
        "yes",
        "yes",
    )


def test_unknown_workshop_is_one_line_on_stderr(demo_folder):
    result = demo_folder.run("attendance", str(MISSING_WORKSHOP), "--format", "tsv")
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"There is no workshop with id {MISSING_WORKSHOP}."]
    assert_no_traceback(result)


def test_nothing_lands_outside_the_data_folder(demo_folder):
    leaked = [str(p.relative_to(demo_folder.run.home)) for p in demo_folder.run.home.rglob("*")]
    assert leaked == []
    assert (demo_folder.run.data_dir / "logs" / "sassot.log").is_file()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_files_in_the_data_folder_are_private(demo_folder):
    data_dir = demo_folder.run.data_dir
    modes = {".": stat.S_IMODE(data_dir.stat().st_mode)}
    for path in data_dir.rglob("*"):
        modes[str(path.relative_to(data_dir))] = stat.S_IMODE(path.stat().st_mode)
    assert modes["."] == 0o700
    if not demo_folder.on_server:
        assert modes["sassot.db"] == 0o600
    assert modes["logs"] == 0o700
    assert modes[str(Path("logs", "sassot.log"))] == 0o600
    for name, mode in modes.items():
        expected = 0o700 if (data_dir / name).is_dir() else 0o600
        assert mode == expected, f"{name} is {mode:o}"


def test_a_data_folder_that_cannot_be_made_is_one_clear_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    (tmp_path / "home").mkdir()
    run = Runner(home=tmp_path / "home", data_dir=blocker / "data")
    result = run("workshops", "list")
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert "cannot use its data folder" in line and "--data-dir" in line
    assert "Traceback" not in result.stderr


def test_the_window_start_says_so_in_a_message_box_too(tmp_path, monkeypatch):
    from sassot_desktop import cli
    from sassot_desktop.ui import app

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    told = []
    monkeypatch.setattr(app, "tell", told.append)
    assert cli.main(["--data-dir", str(blocker / "data")]) == 1
    assert len(told) == 1 and "cannot use its data folder" in told[0]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "Officer's data"],
        ["--data-dir=D:\\SASSOT"],
        ["--data-dir", "-odd"],
        ["--data-dir="],
        ["--data-dir"],
        ["--version"],
        ["--data-dir", "x", "workshops", "list"],
        ["demo"],
    ],
)
def test_a_plain_start_reads_its_arguments_as_the_full_parser_does(argv):
    window = cli._window_arguments(argv)
    if window is None:
        return  # left to the full parser, which says what is wrong or runs the command
    full = cli.build_parser().parse_args(argv)
    assert (window.command, window.data_dir) == (full.command, full.data_dir)
