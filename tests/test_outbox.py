"""The export set the sync sends: built from the database, rewritten only where it changed, with
what was printed beside it."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import select

from databases import query
from sassot_desktop.attendance import register
from sassot_desktop.db.models import Booking, Workshop
from sassot_desktop.exchange import outbox
from sassot_desktop.people.records import PersonDetails, create_person
from test_cli import Runner


def files_in(folder) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*")
            if p.is_file()}  # fmt: skip


def test_the_outbox_holds_the_programme_people_and_an_attendance_list_per_workshop(
    demo_workspace,
):
    paths = demo_workspace.paths

    refreshed = outbox.refresh(demo_workspace.db, paths)

    with demo_workspace.db.read() as session:
        booked = session.scalar(
            select(Workshop.id).join(Booking).where(Workshop.date == date.today()).limit(1)
        )
        today = session.get(Workshop, booked)
        title, workshops_with_bookings = (
            today.title,
            len(set(session.scalars(select(Booking.workshop_id)))),
        )
    names = set(files_in(paths.outbox))
    assert {"Workshop programme.xlsx", "People.xlsx"} <= names
    attendance = {name for name in names if name.startswith("Attendance/")}
    assert len(attendance) == workshops_with_bookings
    tonight = outbox.attendance_name(booked, date.today(), title)
    assert tonight in attendance
    assert set(refreshed.written) == names
    people = load_workbook(paths.outbox / "People.xlsx").active
    assert people.max_row == 401  # the demo's 400 people under one heading row
    rows = list(csv.reader(io.StringIO((paths.outbox / tonight).read_text("utf-8-sig"))))
    assert rows[0][:3] == ["First name", "Last name", "Club"]


def test_a_second_refresh_rewrites_only_what_changed(demo_workspace):
    paths, db = demo_workspace.paths, demo_workspace.db
    outbox.refresh(db, paths)
    before = files_in(paths.outbox)

    assert outbox.refresh(db, paths).written == []
    assert files_in(paths.outbox) == before

    with db.write() as session:
        booking = session.scalars(
            select(Booking)
            .join(Workshop)
            .where(Workshop.date == date.today(), Booking.status == "booked")
        ).first()
        register.check_in(session, booking.id)
        workshop = session.get(Workshop, booking.workshop_id)
        changed = outbox.attendance_name(workshop.id, workshop.date, workshop.title)
    written = outbox.refresh(db, paths).written

    # Tonight's list changed, and the programme counts the arrival; the people did not change.
    assert sorted(written) == sorted([changed, "Workshop programme.xlsx"])

    with db.write() as session:
        create_person(session, PersonDetails("Zoë", "Ó'Brien"))
    assert outbox.refresh(db, paths).written == ["People.xlsx"]


def test_printing_from_the_command_line_keeps_a_copy_for_the_shared_drive(tmp_path, data_dir):
    (tmp_path / "home").mkdir()
    run = Runner(home=tmp_path / "home", data_dir=data_dir)
    assert run("demo").returncode == 0
    [(workshop_id,)] = query(
        data_dir,
        "SELECT id FROM workshop WHERE date = :today AND CAST(start_time AS VARCHAR) LIKE '18:30%'",
        today=date.today().isoformat(),
    )
    sheet = tmp_path / "tonight.pdf"

    assert run("print", "sign-in-sheet", str(workshop_id), "--out", str(sheet)).returncode == 0

    kept = run.data_dir / "shared-drive" / outbox.SIGN_IN_SHEETS / "tonight.pdf"
    assert kept.read_bytes() == sheet.read_bytes()
