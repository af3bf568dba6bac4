"""`sassot-desktop volunteers hours`: approved and waiting hours per volunteer, as scripts read
them."""

from __future__ import annotations

from datetime import date

from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.volunteering import hours
from test_cli import Runner, assert_no_traceback, tsv


def test_volunteers_hours_as_tsv(workspace, tmp_path):
    with workspace.db.write() as session:
        zoe = create_person(session, PersonDetails("Zoë", "Ó'Brien")).id
        lukasz = create_person(session, PersonDetails("Łukasz", "Wiśniewski")).id
        counted = hours.log_hours(session, zoe, date(2026, 5, 1), 3000, "Summer gala").id
        hours.log_hours(session, zoe, date(2026, 5, 2), 45, "Committee meeting")
        hours.log_hours(session, lukasz, date(2026, 5, 3), 2985, "Club treasurer")
        hours.approve(session, [counted])
    workspace.close()
    (tmp_path / "home").mkdir()

    done = Runner(tmp_path / "home", workspace.paths.data_dir)(
        "volunteers", "hours", "--format", "tsv"
    )

    assert done.returncode == 0, done.stderr
    header, rows = tsv(done.stdout)
    assert header == ["person_id", "name", "approved_hours", "pending_hours", "last_milestone"]
    assert rows == [
        [str(zoe), "Zoë Ó'Brien", "50", "0.75", "50"],
        [str(lukasz), "Łukasz Wiśniewski", "0", "49.75", ""],
    ]
    assert_no_traceback(done)


def test_volunteers_without_an_action_shows_the_help(workspace, tmp_path):
    workspace.close()
    (tmp_path / "home").mkdir()
    done = Runner(tmp_path / "home", workspace.paths.data_dir)("volunteers")
    assert "hours" in done.stdout
    assert_no_traceback(done)


def test_volunteers_hours_to_an_excel_workbook(workspace, tmp_path):
    from openpyxl import load_workbook

    with workspace.db.write() as session:
        zoe = create_person(session, PersonDetails("Zoë", "Ó'Brien")).id
        counted = hours.log_hours(session, zoe, date(2026, 5, 1), 3000, "Summer gala").id
        hours.log_hours(session, zoe, date(2026, 5, 2), 45, "Committee meeting")
        hours.approve(session, [counted])
    workspace.close()
    (tmp_path / "home").mkdir()
    out = tmp_path / "hours.xlsx"

    done = Runner(tmp_path / "home", workspace.paths.data_dir)(
        "volunteers", "hours", "--out", str(out)
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote 1 volunteer's hours to {out}."
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows == [
        ("Person id", "Name", "Approved hours", "Waiting hours", "Last milestone"),
        (zoe, "Zoë Ó'Brien", 50, 0.75, 50),
    ]
    assert_no_traceback(done)
