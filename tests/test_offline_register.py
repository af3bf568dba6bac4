"""The evening offline: a register taken to a laptop's own file, ticked there, and uploaded.

The "server" is whatever database the suite runs on (the data folder's file, or PostgreSQL);
the laptop's register is always a SQLite file of its own.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, time

import pytest
from sqlalchemy import event, func, select

from sassot_desktop.attendance import offline, offline_command_line, register, upload
from sassot_desktop.attendance.offline import copies_in, take_offline
from sassot_desktop.attendance.upload import UploadReport
from sassot_desktop.clock import venue_instant, venue_time_of
from sassot_desktop.db.models import Booking, OfflineRegister, Person, UploadedTick
from sassot_desktop.db.revision import HEAD_REVISION
from sassot_desktop.db.status import Status
from sassot_desktop.errors import UserError
from sassot_desktop.people.merging import merge_people
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.workshops import bookings, catalogue
from sassot_desktop.workshops.catalogue import WorkshopDetails

EVENING = date(2026, 7, 15)  # summer time: the venue clock is UTC + 1
PEOPLE = {
    "zoe": ("Zoë", "Ó'Brien"),
    "lukasz": ("Łukasz", "Wiśniewski"),
    "sian": ("Siân", "Llŵyd-Jones"),
    "priya": ("Priya", "Patel"),
    "tom": ("Tom", "Baker"),
    "ayse": ("Ayşe", "Yılmaz"),
}
CONSENT = "Paper form signed at the venue"


def at(hour: int, minute: int):
    """The UTC instant of a wall-clock time at the venue that evening."""
    return venue_instant(EVENING, time(hour, minute))


@pytest.fixture
def evening(workspace):
    """The server: a workshop with six people booked, and Olga, on file but not booked."""
    with workspace.db.write() as session:
        workshop_id = catalogue.create_workshop(
            session,
            WorkshopDetails(
                title="Emergency First Aid",
                provider="UK Coaching",
                date=EVENING,
                start_time=time(18, 30),
                end_time=time(21, 30),
                venue_name="Fenton Manor Sports Complex",
                capacity=30,
                district="Stoke-on-Trent",
            ),
        ).id
        booked = {}
        for key, (first, last) in PEOPLE.items():
            person = create_person(session, PersonDetails(first, last))
            booked[key] = bookings.book(session, workshop_id, person.id).booking_id
        olga = create_person(
            session,
            PersonDetails(
                "Olga",
                "Kuznetsova",
                email="olga.k@example.org",
                postcode="ST4 4EE",
                consent_method=CONSENT,
            ),
        ).id
    return workspace, workshop_id, booked, olga


def laptop(tmp_path, name: str = "laptop"):
    return tmp_path / name / "offline"


def tick(copy, booking_id: int, hour: int, minute: int) -> None:
    """A tick at the venue, through the operation the check-in screen uses."""
    db = offline.open_copy(copy.path)
    try:
        with db.write() as session:
            register.check_in(session, booking_id, at=at(hour, minute))
    finally:
        db.close()


def walk_in(copy, details: PersonDetails, hour: int, minute: int) -> None:
    db = offline.open_copy(copy.path)
    try:
        with db.write() as session:
            register.add_walk_in(session, copy.workshop_id, details, at=at(hour, minute))
    finally:
        db.close()


def server_bookings(workspace, workshop_id: int) -> dict[str, Booking]:
    with workspace.db.read() as session:
        rows = session.execute(
            select(Booking, Person.first_name, Person.last_name)
            .join(Person, Person.id == Booking.person_id)
            .where(Booking.workshop_id == workshop_id)
        ).all()
    return {f"{first} {last}": booking for booking, first, last in rows}


def people_count(workspace) -> int:
    with workspace.db.read() as session:
        return session.scalar(select(func.count()).select_from(Person))


def test_a_register_taken_offline_is_ticked_there_and_uploaded(evening, tmp_path):
    workspace, workshop_id, booked, _ = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path), computer="LAPTOP-7")

    # The file has the newest schema and only what check-in needs of each person.
    with closing(sqlite3.connect(copy.path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
        assert connection.execute("SELECT count(*) FROM booking").fetchone() == (6,)
        assert connection.execute(
            "SELECT count(*) FROM person WHERE email IS NOT NULL OR postcode IS NOT NULL"
        ).fetchone() == (0,)
    with workspace.db.read() as session:
        (held,) = offline.holders(session, workshop_id)
        assert (held.computer, held.uploaded_at) == ("LAPTOP-7", None)

    tick(copy, booked["zoe"], 18, 24)
    tick(copy, booked["lukasz"], 18, 31)
    walk_in(
        copy,
        PersonDetails("Sam", "Okafor", email="sam@example.org", consent_method=CONSENT),
        18,
        40,
    )
    # Each change at the venue has its own id and the instant it was made.
    with closing(sqlite3.connect(copy.path)) as connection:
        ids = [row[0] for row in connection.execute("SELECT id, made_at FROM offline_tick")]
    assert len(ids) == len(set(ids)) == 3 and all(len(tick_id) == 36 for tick_id in ids)
    assert copies_in(laptop(tmp_path))[0].waiting == 3

    report = upload.upload(workspace.db, copy.path)

    assert (report.ticks, report.walk_ins, report.already_uploaded) == (2, 1, 0)
    assert report.reconciled == [] and report.possible_duplicates == []
    on_server = server_bookings(workspace, workshop_id)
    assert on_server["Zoë Ó'Brien"].status == "attended"
    assert on_server["Zoë Ó'Brien"].arrived_at == at(18, 24)
    assert on_server["Zoë Ó'Brien"].arrived_local == time(18, 24)
    assert on_server["Łukasz Wiśniewski"].arrived_local == time(18, 31)
    assert on_server["Sam Okafor"].walk_in and on_server["Sam Okafor"].status == "attended"
    assert on_server["Priya Patel"].status == "booked"
    with workspace.db.read() as session:
        # Still held: the laptop may go on ticking until its copy is removed.
        (held,) = offline.holders(session, workshop_id)
        assert held.uploaded_at is not None and held.removed_at is None
        assert session.scalar(select(func.count()).select_from(UploadedTick)) == 3
    assert copies_in(laptop(tmp_path))[0].waiting == 0


def test_an_upload_cut_off_half_way_and_repeated_doubles_nothing_and_loses_nothing(
    evening, tmp_path, monkeypatch
):
    workspace, workshop_id, booked, _ = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    for number, key in enumerate(("zoe", "lukasz", "sian", "priya")):
        tick(copy, booked[key], 18, 20 + number)
    walk_in(copy, PersonDetails("Sam", "Okafor"), 18, 45)
    people_before = people_count(workspace)

    real = upload._apply_change
    calls = []

    def drops_on_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise ConnectionError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    monkeypatch.setattr(upload, "_apply_change", drops_on_the_third)
    with pytest.raises(ConnectionError):
        upload.upload(workspace.db, copy.path)
    # Nothing of the cut-off upload reached the server.
    assert all(b.status == "booked" for b in server_bookings(workspace, workshop_id).values())
    assert people_count(workspace) == people_before
    monkeypatch.setattr(upload, "_apply_change", real)

    # This time the server commits, but the answer never reaches the laptop.
    def answer_lost(*_args):
        raise ConnectionError("connection lost before the answer came")

    monkeypatch.setattr(upload, "_mark_uploaded", answer_lost)
    with pytest.raises(ConnectionError):
        upload.upload(workspace.db, copy.path)
    monkeypatch.undo()
    assert copies_in(laptop(tmp_path))[0].waiting == 5

    again = upload.upload(workspace.db, copy.path)

    assert (again.ticks, again.walk_ins, again.already_uploaded) == (0, 0, 5)
    on_server = server_bookings(workspace, workshop_id)
    assert people_count(workspace) == people_before + 1
    assert len(on_server) == 7
    assert [on_server[name].arrived_local for name in ("Zoë Ó'Brien", "Priya Patel")] == [
        time(18, 20),
        time(18, 23),
    ]
    assert on_server["Sam Okafor"].arrived_local == time(18, 45)
    assert copies_in(laptop(tmp_path))[0].waiting == 0
    assert upload.upload(workspace.db, copy.path).lines() == [
        "Uploaded the register of “Emergency First Aid”: 0 changes and 0 walk-ins."
    ]


def test_the_same_evening_on_two_laptops_keeps_each_persons_earliest_arrival(evening, tmp_path):
    workspace, workshop_id, booked, _ = evening
    door = take_offline(workspace.db, workshop_id, laptop(tmp_path, "door"), computer="DOOR")
    hall = take_offline(workspace.db, workshop_id, laptop(tmp_path, "hall"), computer="HALL")
    with workspace.db.read() as session:
        assert {held.computer for held in offline.holders(session, workshop_id)} == {
            "DOOR",
            "HALL",
        }
    tick(door, booked["zoe"], 18, 32)
    tick(door, booked["priya"], 18, 35)
    tick(hall, booked["zoe"], 18, 30)
    tick(hall, booked["priya"], 18, 40)
    tick(hall, booked["tom"], 18, 31)
    hall_db = offline.open_copy(hall.path)
    with hall_db.write() as session:  # the hall closed the register: Łukasz and co. no-shows
        register.close_register(session, workshop_id)
    hall_db.close()
    tick(door, booked["lukasz"], 18, 50)  # ...but Łukasz came in by the door

    first = upload.upload(workspace.db, door.path)
    second = upload.upload(workspace.db, hall.path)

    on_server = server_bookings(workspace, workshop_id)
    assert on_server["Zoë Ó'Brien"].arrived_local == time(18, 30)
    assert on_server["Priya Patel"].arrived_local == time(18, 35)
    assert on_server["Tom Baker"].arrived_local == time(18, 31)
    assert on_server["Łukasz Wiśniewski"].status == "attended"
    assert on_server["Siân Llŵyd-Jones"].status == "no-show"
    assert first.reconciled == []
    assert (
        "Zoë Ó'Brien: in at 18:32 on the server, at 18:30 at the venue — kept the earlier "
        "arrival, 18:30."
    ) in second.reconciled
    assert any(
        line.startswith("Łukasz Wiśniewski: marked attended on the server at ")
        and line.endswith("a no-show at the venue — kept as attended.")
        for line in second.reconciled
    ), second.reconciled
    assert not any("Priya" in line for line in second.reconciled)


def test_a_walk_in_already_on_the_server_is_offered_for_merging(evening, tmp_path):
    workspace, workshop_id, _, olga = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    walk_in(
        copy,
        PersonDetails("Olga", "Kuznetsova", email="OLGA.K@example.org", consent_method=CONSENT),
        18,
        33,
    )
    walk_in(
        copy, PersonDetails("Ola", "Kuznetsova", postcode="ST4 4EE", consent_method=CONSENT), 18, 34
    )
    walk_in(
        copy, PersonDetails("Dev", "Sharma", postcode="ST4 4EE", consent_method=CONSENT), 18, 35
    )

    report = upload.upload(workspace.db, copy.path)

    offered = {(d.walk_in_name, d.existing_id) for d in report.possible_duplicates}
    assert offered == {("Olga Kuznetsova", olga), ("Ola Kuznetsova", olga)}
    first = report.possible_duplicates[0]
    assert first.text.startswith("Olga Kuznetsova walked in and may be Olga Kuznetsova (#")
    assert "same email" in first.reasons
    assert first.text in report.lines()
    # Merged as the upload offers, Olga is one person who attended.
    with workspace.db.write() as session:
        merge_people(session, olga, first.walk_in_id)
    with workspace.db.read() as session:
        kept = session.scalars(select(Booking).where(Booking.person_id == olga)).all()
        assert [(b.workshop_id, b.status, b.walk_in) for b in kept] == [
            (workshop_id, "attended", True)
        ]
        assert (
            session.scalar(
                select(func.count()).select_from(Person).where(Person.last_name == "Kuznetsova")
            )
            == 2
        )


def test_edits_on_the_server_meanwhile_are_reconciled_and_listed(evening, tmp_path):
    workspace, workshop_id, booked, olga = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    with workspace.db.write() as session:
        bookings.cancel_booking(session, booked["priya"])
        bookings.cancel_booking(session, booked["ayse"])
        bookings.book(session, workshop_id, olga)
    with workspace.db.read() as session:
        changed = {
            key: f"{venue_time_of(session.get(Booking, booked[key]).updated_at):%H:%M}"
            for key in ("priya", "ayse")
        }
        olga_booked = session.scalar(select(Booking.updated_at).where(Booking.person_id == olga))
    tick(copy, booked["priya"], 18, 32)
    tick(copy, booked["tom"], 18, 33)

    report = upload.upload(workspace.db, copy.path)

    assert report.reconciled == [
        f"Priya Patel: cancelled on the server at {changed['priya']}, ticked in at the venue "
        "at 18:32 — kept as attended.",
        f"On the server at {changed['ayse']}: Ayşe Yılmaz cancelled — left as it is.",
        f"On the server at {venue_time_of(olga_booked):%H:%M}: Olga Kuznetsova booked — "
        "left as it is.",
    ]
    on_server = server_bookings(workspace, workshop_id)
    assert on_server["Priya Patel"].status == "attended"
    assert on_server["Ayşe Yılmaz"].status == "cancelled"
    assert on_server["Tom Baker"].status == "attended"
    assert report.ticks == 2


def test_a_booking_edited_on_the_server_after_an_upload_is_listed_at_the_next(evening, tmp_path):
    workspace, workshop_id, booked, _ = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path), computer="DOOR")
    hall = take_offline(workspace.db, workshop_id, laptop(tmp_path, "hall"), computer="HALL")
    tick(copy, booked["priya"], 18, 31)
    tick(copy, booked["zoe"], 18, 32)
    assert upload.upload(workspace.db, copy.path).reconciled == []

    # After that upload a colleague marks Priya a no-show on the server (she had left before
    # it started), and the hall's laptop uploads Tom; this laptop touches neither again.
    with workspace.db.write() as session:
        register.set_status(session, [booked["priya"]], Status.NO_SHOW)
        cancelled = session.get(Booking, booked["priya"]).updated_at
    tick(hall, booked["tom"], 18, 40)
    upload.upload(workspace.db, hall.path)
    with workspace.db.read() as session:
        tom_uploaded = session.get(Booking, booked["tom"]).updated_at
    tick(copy, booked["sian"], 18, 50)

    second = upload.upload(workspace.db, copy.path)

    assert second.reconciled == [
        f"On the server at {venue_time_of(cancelled):%H:%M}: Priya Patel marked a no-show — "
        "left as it is.",
        f"On the server at {venue_time_of(tom_uploaded):%H:%M}: Tom Baker marked attended "
        "(uploaded from HALL) — left as it is.",
    ]
    assert second.ticks == 1
    # Told once: the upload after that lists only what moved since.
    tick(copy, booked["lukasz"], 18, 55)
    assert upload.upload(workspace.db, copy.path).reconciled == []


def test_a_copy_with_changes_waiting_is_not_taken_again(evening, tmp_path):
    workspace, workshop_id, booked, _ = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    tick(copy, booked["zoe"], 18, 24)
    with pytest.raises(UserError, match="1 changes not yet uploaded; upload them first"):
        take_offline(workspace.db, workshop_id, laptop(tmp_path))
    assert isinstance(upload.upload(workspace.db, copy.path), UploadReport)
    again = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    assert again.waiting == 0
    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(OfflineRegister)) == 2


def test_the_command_line_takes_lists_and_uploads_a_register(evening, capsys):
    from sassot_desktop.cli import main

    workspace, workshop_id, booked, _ = evening
    data_dir = str(workspace.paths.data_dir)
    assert main(["--data-dir", data_dir, "offline", "take", str(workshop_id)]) == 0
    assert "Took the register of “Emergency First Aid” on 15/07/2026 at 18:30 offline" in (
        capsys.readouterr().out
    )
    (copy,) = copies_in(offline.folder_of(workspace.paths.data_dir))
    tick(copy, booked["zoe"], 18, 24)

    assert main(["--data-dir", data_dir, "offline", "list", "--format", "tsv"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split("\t") == list(
        ("workshop_id", "date", "start", "title", "taken", "waiting", "uploaded", "state", "file")
    )
    assert row.split("\t")[:4] + row.split("\t")[5:8] == [
        str(workshop_id),
        "2026-07-15",
        "18:30",
        "Emergency First Aid",
        "1",
        "",
        "not uploaded",
    ]
    assert main(["--data-dir", data_dir, "offline", "remove", str(workshop_id)]) == 1
    assert "has 1 changes not yet on the server; upload it first" in capsys.readouterr().err

    assert main(["--data-dir", data_dir, "offline", "upload"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Uploaded the register of “Emergency First Aid”: 1 change and 0 walk-ins."
    ]
    assert server_bookings(workspace, workshop_id)["Zoë Ó'Brien"].arrived_local == time(18, 24)
    assert main(["--data-dir", data_dir, "offline", "upload", "999"]) == 1
    assert "Workshop 999's register is not offline on this computer" in capsys.readouterr().err

    assert main(["--data-dir", data_dir, "offline", "list", "--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split("\t")[5:8][::2] == ["0", "uploaded"]
    assert main(["--data-dir", data_dir, "offline", "remove", str(workshop_id)]) == 0
    assert "Moved the laptop's copy of the register of “Emergency First Aid”" in (
        capsys.readouterr().out
    )
    assert copies_in(offline.folder_of(workspace.paths.data_dir)) == []
    assert len(list(workspace.paths.backups.glob("offline-workshop-*.db"))) == 1


def undo_able_tick(copy, booking_id: int, hour: int, minute: int):
    """A tick at the venue, returning what the check-in screen's Undo restores."""
    db = offline.open_copy(copy.path)
    try:
        with db.write() as session:
            return register.check_in(session, booking_id, at=at(hour, minute)).undo
    finally:
        db.close()


def at_the_venue(copy, change) -> None:
    db = offline.open_copy(copy.path)
    try:
        with db.write() as session:
            change(session)
    finally:
        db.close()


def test_a_change_at_the_venue_after_an_upload_wins_over_what_that_upload_put_there(
    evening, tmp_path
):
    workspace, workshop_id, booked, _ = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    undo_zoe = undo_able_tick(copy, booked["zoe"], 18, 24)
    tick(copy, booked["priya"], 18, 25)
    walk_in(copy, PersonDetails("Sam", "Okafor"), 18, 40)
    first = upload.upload(workspace.db, copy.path)
    assert (first.ticks, first.walk_ins, first.reconciled) == (2, 1, [])

    # The evening goes on offline: Zoë's tick was a mistake, Priya left early, Sam did not
    # stay after all, and Tom came in late.
    at_the_venue(copy, lambda session: register.restore(session, undo_zoe))
    at_the_venue(
        copy, lambda session: register.set_status(session, [booked["priya"]], Status.LEFT_EARLY)
    )
    sam = server_bookings(workspace, workshop_id)["Sam Okafor"].id
    at_the_venue(copy, lambda session: register.set_status(session, [sam], Status.NO_SHOW))
    tick(copy, booked["tom"], 19, 5)
    second = upload.upload(workspace.db, copy.path)

    assert second.reconciled == []
    assert (second.ticks, second.walk_ins, second.already_uploaded) == (4, 0, 0)
    on_server = server_bookings(workspace, workshop_id)
    assert (on_server["Zoë Ó'Brien"].status, on_server["Zoë Ó'Brien"].arrived_at) == (
        "booked",
        None,
    )
    assert on_server["Priya Patel"].status == "left early"
    assert on_server["Sam Okafor"].status == "no-show"
    assert on_server["Tom Baker"].arrived_local == time(19, 5)

    # A real edit on the server after that upload still counts as the server's.
    with workspace.db.write() as session:
        bookings.cancel_booking(session, booked["zoe"])
    at_the_venue(
        copy, lambda session: register.set_status(session, [booked["zoe"]], Status.NO_SHOW)
    )
    at_the_venue(copy, lambda session: register.set_status(session, [booked["tom"]], Status.LATE))
    third = upload.upload(workspace.db, copy.path)

    on_server = server_bookings(workspace, workshop_id)
    assert on_server["Zoë Ó'Brien"].status == "cancelled"
    assert on_server["Tom Baker"].status == "late"
    assert len(third.reconciled) == 1
    assert third.reconciled[0].startswith("Zoë Ó'Brien: cancelled on the server at ")
    assert third.reconciled[0].endswith("a no-show at the venue — kept as cancelled.")


def test_a_change_after_an_upload_whose_answer_was_lost_still_wins(evening, tmp_path, monkeypatch):
    workspace, workshop_id, booked, _ = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    undo_zoe = undo_able_tick(copy, booked["zoe"], 18, 24)

    def answer_lost(*_args):
        raise ConnectionError("connection lost before the answer came")

    monkeypatch.setattr(upload, "_mark_uploaded", answer_lost)
    with pytest.raises(ConnectionError):
        upload.upload(workspace.db, copy.path)
    monkeypatch.undo()
    at_the_venue(copy, lambda session: register.restore(session, undo_zoe))

    report = upload.upload(workspace.db, copy.path)

    assert (report.ticks, report.reconciled) == (1, [])
    assert server_bookings(workspace, workshop_id)["Zoë Ó'Brien"].status == "booked"
    assert copies_in(laptop(tmp_path))[0].is_uploaded


def commits_fail(db):
    """Every commit on ``db`` fails at the moment it is made, as a dropped connection would."""

    def dropped(_connection):
        raise ConnectionError("server closed the connection unexpectedly")

    event.listen(db.engine, "commit", dropped)
    return lambda: event.remove(db.engine, "commit", dropped)


def test_an_upload_whose_commit_fails_leaves_the_laptop_as_it_was_and_is_repeated(
    evening, tmp_path
):
    workspace, workshop_id, booked, _ = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    tick(copy, booked["zoe"], 18, 24)
    walk_in(copy, PersonDetails("Sam", "Okafor"), 18, 40)
    people_before = people_count(workspace)

    mended = commits_fail(workspace.db)
    with pytest.raises(ConnectionError):
        upload.upload(workspace.db, copy.path)
    mended()

    (after_failure,) = copies_in(laptop(tmp_path))
    assert (after_failure.waiting, after_failure.uploaded_at) == (2, None)
    assert people_count(workspace) == people_before
    report = upload.upload(workspace.db, copy.path)
    assert (report.ticks, report.walk_ins, report.already_uploaded) == (1, 1, 0)
    assert server_bookings(workspace, workshop_id)["Sam Okafor"].status == "attended"
    assert copies_in(laptop(tmp_path))[0].is_uploaded


def test_taking_a_register_whose_commit_fails_keeps_the_laptops_copy_as_it_was(evening, tmp_path):
    workspace, workshop_id, booked, _ = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    tick(copy, booked["zoe"], 18, 24)
    upload.upload(workspace.db, copy.path)

    mended = commits_fail(workspace.db)
    with pytest.raises(ConnectionError):
        take_offline(workspace.db, workshop_id, laptop(tmp_path))
    mended()

    # The laptop's copy still belongs to the register the server knows, and it uploads.
    (kept,) = copies_in(laptop(tmp_path))
    assert kept.register_id == copy.register_id
    assert not list(laptop(tmp_path).glob("*.partial"))
    tick(kept, booked["tom"], 18, 50)
    assert upload.upload(workspace.db, kept.path).ticks == 1
    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(OfflineRegister)) == 1


def test_an_uploaded_copy_is_marked_so_and_removed_to_the_backups(evening, tmp_path):
    workspace, workshop_id, booked, _ = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    backups = workspace.paths.backups
    assert (copy.state, copy.is_uploaded) == ("not uploaded", False)
    tick(copy, booked["zoe"], 18, 24)
    with pytest.raises(UserError, match="has 1 changes not yet on the server; upload it first"):
        offline.remove_copy(copy.path, backups)

    report = upload.upload(workspace.db, copy.path)
    assert (report.complete, report.path) == (True, copy.path)
    assert copies_in(laptop(tmp_path))[0].state == "uploaded"
    tick(copy, booked["tom"], 18, 50)
    assert copies_in(laptop(tmp_path))[0].state == "changes since upload"
    assert upload.upload(workspace.db, copy.path).complete

    moved = offline.remove_copy(copy.path, backups)

    assert copies_in(laptop(tmp_path)) == [] and not copy.path.exists()
    assert moved.parent == backups
    assert offline.read_copy(moved).workshop_id == workshop_id  # nothing lost


def test_a_register_is_held_until_the_laptops_copy_is_removed_and_the_server_told(
    evening, tmp_path
):
    workspace, workshop_id, booked, _ = evening
    door = take_offline(workspace.db, workshop_id, laptop(tmp_path, "door"), computer="DOOR")
    hall = take_offline(workspace.db, workshop_id, laptop(tmp_path, "hall"), computer="HALL")
    tick(door, booked["zoe"], 18, 24)
    upload.upload(workspace.db, door.path)

    def held_by() -> list[str]:
        with workspace.db.read() as session:
            return sorted(held.computer for held in offline.holders(session, workshop_id))

    assert held_by() == ["DOOR", "HALL"]
    # Removed at home with no server: the next contact from this laptop tells it.
    offline.remove_copy(door.path, workspace.paths.backups)
    assert held_by() == ["DOOR", "HALL"]
    again = take_offline(workspace.db, workshop_id, laptop(tmp_path, "door"), computer="DOOR")
    assert held_by() == ["DOOR", "HALL"]  # the new copy; the removed one is given back
    with workspace.db.read() as session:
        registers = {r.id: r for r in session.scalars(select(OfflineRegister))}
    assert registers[door.register_id].removed_at is not None
    assert registers[again.register_id].removed_at is None
    assert list(laptop(tmp_path, "door").glob("removed-*")) == []

    # A copy taken again over one uploaded gives the old register back at once.
    upload.upload(workspace.db, hall.path)
    hall_again = take_offline(workspace.db, workshop_id, laptop(tmp_path, "hall"), computer="HALL")
    assert held_by() == ["DOOR", "HALL"]
    with workspace.db.read() as session:
        assert session.get(OfflineRegister, hall.register_id).removed_at is not None
    # Told at an upload, too, and the workshop is no longer marked once both are gone.
    upload.upload(workspace.db, hall_again.path)
    offline.remove_copy(hall_again.path, workspace.paths.backups)
    tick(again, booked["tom"], 18, 40)
    upload.upload(workspace.db, again.path)
    offline.remove_copy(again.path, workspace.paths.backups)
    assert offline.tell_removals(workspace.db, laptop(tmp_path, "door")) == 1
    assert held_by() == ["HALL"]  # each laptop tells of its own
    assert offline.tell_removals(workspace.db, laptop(tmp_path, "hall")) == 1
    assert held_by() == []
    with workspace.db.read() as session:
        assert workshop_id not in offline.taken_offline(session)


def test_a_walk_in_answered_as_someone_on_file_is_booked_as_them_not_duplicated(
    evening, tmp_path, monkeypatch
):
    workspace, workshop_id, booked, olga = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    given = PersonDetails(
        "Olga",
        "Kuznetsova",
        email="OLGA.K@example.org",
        phone="07700 900123",
        postcode="ST4 9ZZ",
        consent_method=CONSENT,
    )
    walk_in(copy, given, 18, 33)
    walk_in(
        copy, PersonDetails("Dev", "Sharma", postcode="ST4 4EE", consent_method=CONSENT), 18, 35
    )
    walk_in(
        copy, PersonDetails("Ola", "Kuznetsova", postcode="ST4 4EE", consent_method=CONSENT), 18, 36
    )
    people_before = people_count(workspace)

    matches = upload.walk_ins_on_file(workspace.db, copy.path)

    assert [(m.walk_in.name, [p.first.id for p in m.on_file]) for m in matches] == [
        ("Olga Kuznetsova", [olga]),
        ("Ola Kuznetsova", [olga]),
    ]
    assert people_count(workspace) == people_before  # finding them changed nothing
    olga_walk_in, ola_walk_in = matches
    answers = {
        olga_walk_in.walk_in_id: upload.SamePerson(olga),  # her postcode on file is kept
        ola_walk_in.walk_in_id: upload.SomeoneElse((olga,)),
    }

    # The first try is cut off after the commit: the repeat counts nothing twice.
    monkeypatch.setattr(upload, "_mark_uploaded", lambda *_: (_ for _ in ()).throw(OSError()))
    with pytest.raises(OSError):
        upload.upload(workspace.db, copy.path, answers)
    monkeypatch.undo()
    assert upload.walk_ins_on_file(workspace.db, copy.path) == []
    again = upload.upload(workspace.db, copy.path)
    assert (again.walk_ins, again.already_uploaded) == (0, 3)

    assert people_count(workspace) == people_before + 2  # Dev and Ola; Olga is Olga
    with workspace.db.read() as session:
        on_file = session.get(Person, olga)
        assert (on_file.email, on_file.phone, on_file.postcode) == (
            "olga.k@example.org",
            "07700 900123",
            "ST4 4EE",
        )
        (booking,) = session.scalars(select(Booking).where(Booking.person_id == olga)).all()
        assert (booking.workshop_id, booking.status, booking.walk_in) == (
            workshop_id,
            "attended",
            True,
        )
        assert booking.arrived_local == time(18, 33)
        ola = session.scalar(select(Person.id).where(Person.first_name == "Ola"))
        # Told apart, Ola is not offered again as Olga's duplicate.
        from sassot_desktop.people.duplicates import likely_same_as

        assert likely_same_as(session, ola) == []


def test_a_walk_in_on_file_may_replace_what_the_record_holds_only_when_asked(evening, tmp_path):
    workspace, workshop_id, _, olga = evening
    copy = take_offline(workspace.db, workshop_id, laptop(tmp_path))
    walk_in(
        copy,
        PersonDetails(
            "Olga",
            "Kuznetsova",
            email="olga.k@example.org",
            postcode="ST5 1AA",
            club="Stone Dominoes",
            consent_method=CONSENT,
        ),
        18,
        33,
    )
    (match,) = upload.walk_ins_on_file(workspace.db, copy.path)
    answer = upload.SamePerson(olga, frozenset({"postcode"}))

    report = upload.upload(workspace.db, copy.path, {match.walk_in_id: answer})

    assert report.possible_duplicates == [] and report.walk_ins == 1
    assert report.lines()[1] == (
        f"Olga Kuznetsova walked in: booked as Olga Kuznetsova (#{olga}), already on file; "
        "added their postcode and club."
    )
    with workspace.db.read() as session:
        on_file = session.get(Person, olga)
        assert (on_file.postcode, on_file.club) == ("ST5 1AA", "Stone Dominoes")


def test_the_command_line_lists_walk_ins_on_file_and_books_one_as_told(evening, capsys):
    from sassot_desktop.cli import main

    workspace, workshop_id, _, olga = evening
    data_dir = str(workspace.paths.data_dir)
    copy = take_offline(workspace.db, workshop_id, offline.folder_of(workspace.paths.data_dir))
    walk_in(
        copy,
        PersonDetails("Olga", "Kuznetsova", email="olga.k@example.org", consent_method=CONSENT),
        18,
        33,
    )
    walk_in(
        copy, PersonDetails("Ola", "Kuznetsova", postcode="ST4 4EE", consent_method=CONSENT), 18, 34
    )
    people_before = people_count(workspace)

    assert main(["--data-dir", data_dir, "offline", "walk-ins", "--format", "tsv"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split("\t") == list(offline_command_line.WALK_IN_COLUMNS)
    listed = [dict(zip(header.split("\t"), row.split("\t"), strict=True)) for row in rows]
    assert [(row["name"], row["person_id"], row["on_file"]) for row in listed] == [
        ("Olga Kuznetsova", str(olga), "Olga Kuznetsova"),
        ("Ola Kuznetsova", str(olga), "Olga Kuznetsova"),
    ]
    olga_walk_in = listed[0]["walk_in"]
    assert listed[0]["run"] == (
        f"sassot-desktop offline upload {workshop_id} --same-person {olga_walk_in}={olga}"
    )
    assert people_count(workspace) == people_before  # listing uploads nothing

    assert main(["--data-dir", data_dir, "offline", "upload", "--same-person", "zz=1"]) == 1
    assert "give a walk-in's id as `sassot-desktop offline walk-ins` lists it" in (
        capsys.readouterr().err
    )
    command = ["--data-dir", data_dir, "offline", "upload", str(workshop_id)]
    assert main([*command, "--same-person", f"{olga_walk_in}={olga}"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "Uploaded the register of “Emergency First Aid”: 0 changes and 2 walk-ins.",
        f"Olga Kuznetsova walked in: booked as Olga Kuznetsova (#{olga}), already on file.",
    ]
    # Ola had no answer: added, and listed for merging as before, with what to do next.
    assert out[2].startswith("Ola Kuznetsova walked in and may be Olga Kuznetsova (#")
    assert "sassot-desktop offline walk-ins" in out[3]
    assert people_count(workspace) == people_before + 1
    assert server_bookings(workspace, workshop_id)["Olga Kuznetsova"].person_id == olga
