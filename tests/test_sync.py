"""The sync to the shared drive, as a colleague opening the drive's files would see it.

The drive is a folder; a drive that vanishes is one moved away mid-sync (as an unmapped share
takes its files with it), and a full drive is a write of a chunk that fails with ENOSPC.
"""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sassot_desktop import cli, paths
from sassot_desktop.errors import UserError
from sassot_desktop.exchange import sync as sync_module
from sassot_desktop.exchange.sync import read_status, sync
from sassot_desktop.progress import Cancelled, Progress
from sassot_desktop.settings import Settings

EXPORTS = {
    "Workshop programme.xlsx": b"PK\x03\x04 programme " * 400,
    "People.xlsx": b"PK\x03\x04 people " * 3000,
    "Attendance/2026-11-23 Safeguarding and Protecting Children (#42).csv": (
        "\ufeffFirst name,Last name,Status\r\nZoë,Ó'Brien,attended\r\n".encode()
    ),
    "Attendance/2026-11-24 Emergency First Aid (#43).csv": b"First name\r\nSi\xc3\xa2n\r\n",
    "Sign-in sheets/2026-11-23 Safeguarding (#42).pdf": b"%PDF-1.4 sheet " * 2000,
    "Certificates/2026-11-23 Safeguarding (#42).pdf": b"%PDF-1.4 certificates " * 5000,
}
FROZEN = datetime(2026, 11, 23, 14, 2)


@pytest.fixture
def folders(data_dir) -> paths.DataPaths:
    return paths.resolve(data_dir).ensure()


@pytest.fixture
def drive(tmp_path) -> Path:
    folder = tmp_path / "fileserver" / "Workforce"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr(sync_module, "venue_now", lambda: FROZEN)


def export(folders: paths.DataPaths, files: dict[str, bytes]) -> None:
    """What the exports do: each file written whole into the outbox."""
    for name, data in files.items():
        path = folders.outbox / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def on_drive(drive: Path) -> dict[str, bytes]:
    return {
        path.relative_to(drive).as_posix(): path.read_bytes()
        for path in drive.rglob("*")
        if path.is_file()
    }


def changed(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data + b" (updated)" for name, data in files.items()}


def someone_else_writes(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    # A colleague's save an hour later, so the change shows even on a coarse clock.
    later = path.stat().st_mtime_ns + 3600 * 10**9
    os.utime(path, ns=(later, later))


def test_the_first_sync_copies_every_file_into_browsable_folders(folders, drive):
    export(folders, EXPORTS)

    report = sync(folders, str(drive))

    assert on_drive(drive) == EXPORTS
    assert sorted(report.copied) == sorted(EXPORTS)
    assert report.complete and not report.unchanged
    assert report.summary() == f"Synced 6 files to {drive}: 6 copied, 0 unchanged."


def test_a_sync_with_nothing_new_rewrites_nothing(folders, drive):
    export(folders, EXPORTS)
    sync(folders, str(drive))
    before = {path: path.stat() for path in drive.rglob("*") if path.is_file()}

    report = sync(folders, str(drive))

    after = {path: path.stat() for path in drive.rglob("*") if path.is_file()}
    assert {p: (s.st_ino, s.st_mtime_ns) for p, s in after.items()} == {
        p: (s.st_ino, s.st_mtime_ns) for p, s in before.items()
    }
    assert report.copied == [] and sorted(report.unchanged) == sorted(EXPORTS)
    assert report.lines() == ["unchanged  6 files"]


def test_an_export_made_again_with_the_same_bytes_is_not_copied(folders, drive):
    export(folders, EXPORTS)
    sync(folders, str(drive))
    export(folders, EXPORTS)  # written again: new times, same content

    report = sync(folders, str(drive))

    assert report.copied == []


def test_a_changed_file_is_swapped_in_whole(folders, drive):
    export(folders, EXPORTS)
    sync(folders, str(drive))
    people = drive / "People.xlsx"
    with open(people, "rb") as colleague:  # a colleague has the old file open
        export(folders, {"People.xlsx": b"PK\x03\x04 new people list"})

        report = sync(folders, str(drive))

        assert colleague.read() == EXPORTS["People.xlsx"]  # the old file, whole
    assert people.read_bytes() == b"PK\x03\x04 new people list"
    assert report.copied == ["People.xlsx"]
    assert not [p for p in drive.rglob(".*")]


def test_a_drive_that_vanishes_mid_sync_keeps_its_old_files_and_the_next_sync_completes(
    folders, drive, tmp_path
):
    export(folders, EXPORTS)
    sync(folders, str(drive))
    export(folders, changed(EXPORTS))
    unmapped = tmp_path / "the share, out of reach"

    def vanish_after_two_files(done: int, _total: int, _text: str) -> None:
        if done == 2:
            drive.rename(unmapped)

    report = sync(folders, str(drive), Progress(vanish_after_two_files))

    first_two = sorted(EXPORTS)[:2]
    assert sorted(report.copied) == first_two
    assert sorted(f.path for f in report.failed) == sorted(EXPORTS)[2:]
    assert not report.complete
    assert "did not go" in report.summary() and "sync again" in report.summary()
    assert not drive.exists(), "a vanished drive must not be recreated as a local folder"
    assert on_drive(unmapped) == {
        name: (changed(EXPORTS) if name in first_two else EXPORTS)[name] for name in EXPORTS
    }

    unmapped.rename(drive)
    again = sync(folders, str(drive))

    assert again.complete and sorted(again.copied) == sorted(EXPORTS)[2:]
    assert on_drive(drive) == changed(EXPORTS)


def fill_up_after_one_chunk(monkeypatch) -> None:
    """The drive has room for one more chunk: any file bigger than that fails half-written."""
    write_chunk = sync_module._write_chunk

    def full_after_one_chunk(out, chunk: bytes) -> None:
        if out.tell() >= sync_module.CHUNK_BYTES:
            raise OSError(errno.ENOSPC, "No space left on device")
        write_chunk(out, chunk)

    monkeypatch.setattr(sync_module, "_write_chunk", full_after_one_chunk)


def test_a_drive_that_fills_up_keeps_its_old_files_and_says_what_did_not_go(
    folders, drive, monkeypatch, capsys
):
    export(folders, EXPORTS)
    sync(folders, str(drive))
    Settings(folders.data_dir).set("sync_target", str(drive))
    big = "Certificates/2026-11-23 Safeguarding (#42).pdf"
    bigger = {big: EXPORTS[big] * 100, "People.xlsx": b"PK\x03\x04 new people"}
    export(folders, bigger)
    fill_up_after_one_chunk(monkeypatch)

    code = cli.main(["--data-dir", str(folders.data_dir), "sync"])

    out, err = capsys.readouterr()
    assert code == 1
    assert f"failed     {big}: the shared drive is full" in out.splitlines()
    assert "copied     People.xlsx" in out.splitlines()
    assert err.count("\n") == 1 and "did not go" in err and "Traceback" not in err
    assert (drive / big).read_bytes() == EXPORTS[big]  # the old file, intact
    assert not [p for p in drive.rglob(".*")], "no partial file left"

    monkeypatch.undo()
    monkeypatch.setattr(sync_module, "venue_now", lambda: FROZEN)
    assert cli.main(["--data-dir", str(folders.data_dir), "sync"]) == 0
    assert (drive / big).read_bytes() == bigger[big]


def test_temporary_files_a_crashed_sync_left_are_cleared_and_others_kept(folders, drive):
    export(folders, EXPORTS)
    (drive / "Attendance").mkdir()
    crashed = [drive / ".sassot-sync-k2j4x9.part", drive / "Attendance" / ".sassot-sync-a1.part"]
    for leftover in crashed:
        leftover.write_bytes(b"half a fi")
    colleagues = drive / ".~lock.People.xlsx#"
    colleagues.write_bytes(b"Excel's lock")

    sync(folders, str(drive))

    assert not any(leftover.exists() for leftover in crashed)
    assert colleagues.read_bytes() == b"Excel's lock"


def test_a_file_a_colleague_changed_is_kept_and_ours_goes_beside_it(folders, drive):
    export(folders, EXPORTS)
    sync(folders, str(drive))
    someone_else_writes(drive / "People.xlsx", b"finance's edited copy")
    export(folders, {"People.xlsx": b"PK\x03\x04 tonight's walk-ins added"})

    report = sync(folders, str(drive))

    copy = "People (SASSOT copy 2026-11-23 1402).xlsx"
    assert (drive / "People.xlsx").read_bytes() == b"finance's edited copy"
    assert (drive / copy).read_bytes() == b"PK\x03\x04 tonight's walk-ins added"
    assert [(c.path, c.copy) for c in report.conflicts] == [("People.xlsx", copy)]
    assert not report.complete
    assert report.lines()[-1] == (
        f"conflict   People.xlsx was changed on the drive by someone else; ours is beside it "
        f"as {copy}"
    )

    # Told once: the next sync says so again but writes no second copy.
    again = sync(folders, str(drive))
    assert [c.copy for c in again.conflicts] == [copy]
    assert len(list(drive.glob("People*"))) == 2

    # The officer settles it by removing the colleague's version: ours takes its place.
    (drive / "People.xlsx").unlink()
    settled = sync(folders, str(drive))
    assert settled.complete and settled.copied == ["People.xlsx"]
    assert (drive / "People.xlsx").read_bytes() == b"PK\x03\x04 tonight's walk-ins added"


def test_a_file_we_never_wrote_is_a_conflict_unless_it_is_already_ours(folders, drive):
    export(folders, EXPORTS)
    (drive / "Attendance").mkdir()
    someone_else_writes(drive / "Workshop programme.xlsx", b"the old programme, by hand")
    same = "Attendance/2026-11-24 Emergency First Aid (#43).csv"
    (drive / same).write_bytes(EXPORTS[same])

    report = sync(folders, str(drive))

    assert (drive / "Workshop programme.xlsx").read_bytes() == b"the old programme, by hand"
    assert [c.copy for c in report.conflicts] == [
        "Workshop programme (SASSOT copy 2026-11-23 1402).xlsx"
    ]
    assert same in report.unchanged


def test_two_conflicts_in_the_same_minute_get_numbered_copies(folders, drive):
    export(folders, {"People.xlsx": b"ours 1"})
    someone_else_writes(drive / "People.xlsx", b"theirs")
    sync(folders, str(drive))
    export(folders, {"People.xlsx": b"ours 2"})

    report = sync(folders, str(drive))

    assert report.conflicts[0].copy == "People (SASSOT copy 2026-11-23 1402 2).xlsx"
    assert (drive / "People (SASSOT copy 2026-11-23 1402).xlsx").read_bytes() == b"ours 1"
    assert (drive / report.conflicts[0].copy).read_bytes() == b"ours 2"


def test_files_gone_from_the_outbox_stay_on_the_drive(folders, drive):
    export(folders, EXPORTS)
    sync(folders, str(drive))
    (folders.outbox / "People.xlsx").unlink()

    sync(folders, str(drive))

    assert (drive / "People.xlsx").read_bytes() == EXPORTS["People.xlsx"]


def test_a_lost_manifest_costs_a_comparison_not_a_conflict(folders, drive):
    export(folders, EXPORTS)
    sync(folders, str(drive))
    (folders.data_dir / "sync-manifest.json").unlink()

    report = sync(folders, str(drive))

    assert report.complete and sorted(report.unchanged) == sorted(EXPORTS)


def test_an_unreachable_drive_is_one_sentence_and_nothing_is_written(folders, tmp_path):
    export(folders, EXPORTS)
    missing = tmp_path / "fileserver" / "Workforce"

    with pytest.raises(UserError) as refused:
        sync(folders, str(missing))

    sentence = str(refused.value)
    assert sentence.startswith(f"The shared-drive folder {missing} cannot be reached.")
    assert sentence.endswith("then sync again; nothing has been copied.")
    assert "\n" not in sentence
    assert not missing.exists()


def test_the_status_counts_what_is_waiting_without_the_drive(folders, drive):
    export(folders, EXPORTS)
    target = str(drive)
    assert read_status(folders, target).waiting == 6

    sync(folders, target)
    export(folders, {"People.xlsx": b"new"})
    drive.rename(drive.with_name("away"))

    status = read_status(folders, target)
    assert (status.waiting, status.reachable) == (1, False)
    assert status.last_synced == FROZEN


@pytest.mark.slow
def test_the_sync_command_as_the_team_runs_it(tmp_path, data_dir, drive):
    from test_cli import Runner, assert_no_traceback

    (tmp_path / "home").mkdir()
    run = Runner(home=tmp_path / "home", data_dir=data_dir)

    not_chosen = run("sync")
    assert not_chosen.returncode == 1 and not_chosen.stdout == ""
    assert not_chosen.stderr.splitlines() == [
        "No shared-drive folder is chosen yet. Choose one in File → Settings…, "
        "or give one with --target."
    ]
    export(paths.resolve(run.data_dir), {"Attendance/a.csv": b"a"})

    first = run("sync", "--target", str(drive))
    again = run("sync", "--target", str(drive))
    unreachable = run("sync", "--target", str(tmp_path / "unmapped"))

    assert first.returncode == 0, first.stderr
    # The programme and the people are exported from the database before each sync.
    assert first.stdout.splitlines() == [
        "copied     Attendance/a.csv",
        "copied     People.xlsx",
        "copied     Workshop programme.xlsx",
        f"Synced 3 files to {drive}: 3 copied, 0 unchanged.",
    ]
    headings = next(load_workbook(drive / "People.xlsx").active.iter_rows(values_only=True))
    assert headings[:2] == ("First name", "Last name")
    assert again.returncode == 0
    assert again.stdout.splitlines()[0] == "unchanged  3 files"
    assert unreachable.returncode == 1 and len(unreachable.stderr.splitlines()) == 1
    assert "cannot be reached" in unreachable.stderr
    for result in (not_chosen, first, again, unreachable):
        assert_no_traceback(result)


def test_a_cancelled_sync_keeps_what_went_and_the_next_one_sends_the_rest(folders, drive):
    export(folders, EXPORTS)
    # Cancel pressed as the third file starts: it finishes whole, nothing after it starts.
    progress = Progress(lambda done, _total, _text: progress.cancel() if done == 2 else None)

    with pytest.raises(Cancelled):
        sync(folders, str(drive), progress)

    assert sorted(on_drive(drive)) == sorted(EXPORTS)[:3]
    report = sync(folders, str(drive))
    assert sorted(report.copied) == sorted(EXPORTS)[3:] and len(report.unchanged) == 3
    assert on_drive(drive) == EXPORTS
