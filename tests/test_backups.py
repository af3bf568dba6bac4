"""Backups: consistent copies taken while the program writes, once a day, kept by a clear rule."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import threading
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from databases import sqlite_only
from sassot_desktop.db import health, retention
from sassot_desktop.db.backup import backup_sqlite, list_backups
from sassot_desktop.errors import UserError
from test_cli import Runner, console_script

pytestmark = sqlite_only("backups copy the SQLite file; on a server they are the server's job")


def people_in(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute("SELECT count(*) FROM person").fetchone()[0]


def add_pair(connection: sqlite3.Connection, number: int) -> None:
    """Two people in one transaction: a consistent copy never holds an odd number of them."""
    with connection:
        for half in ("a", "b"):
            connection.execute(
                "INSERT INTO person (first_name, last_name, sort_name, created_at, updated_at)"
                " VALUES (?, ?, ?, '2026-11-23', '2026-11-23')",
                (f"Pair{number}{half}", "Writer", f"writer pair{number}{half}"),
            )


def test_a_backup_taken_while_writes_go_on_holds_whole_transactions_only(workspace):
    database = workspace.paths.database
    stop = threading.Event()
    written = []

    def keep_writing() -> None:
        with closing(sqlite3.connect(database, timeout=10)) as connection:
            while not stop.is_set():
                add_pair(connection, len(written))
                written.append(1)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copies = []
        while len(copies) < 8:
            if written:  # the writer is under way
                copies.append(backup_sqlite(database, workspace.paths.backups))
    finally:
        stop.set()
        writer.join()

    counts = []
    for copy in copies:
        assert health.problem_with(copy, thorough=True) is None
        counts.append(people_in(copy))
        assert not copy.with_name(copy.name + "-wal").exists()
    assert all(count % 2 == 0 for count in counts), counts
    assert counts == sorted(counts)
    assert counts[-1] > 0


def test_a_transaction_not_yet_committed_is_not_in_the_copy(workspace):
    database = workspace.paths.database
    with closing(sqlite3.connect(database, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO person (first_name, last_name, sort_name, created_at, updated_at)"
            " VALUES ('Zoë', 'Ó''Brien', 'obrien zoe', '2026-11-23', '2026-11-23')"
        )
        during = backup_sqlite(database, workspace.paths.backups)
        writer.execute("COMMIT")
    after = backup_sqlite(database, workspace.paths.backups)
    assert people_in(during) == 0
    assert people_in(after) == 1
    assert during != after


def test_the_backup_command_prints_a_private_copy_of_the_database(demo_workspace, tmp_path):
    data_dir = demo_workspace.paths.data_dir
    demo_workspace.close()
    (tmp_path / "home").mkdir()
    done = subprocess.run(
        [*console_script(), "--data-dir", str(data_dir), "backup"],
        env=Runner(tmp_path / "home", data_dir).env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    copy = Path(done.stdout.strip())
    assert copy.parent == data_dir / "backups"
    assert copy.name.endswith("-manual.db")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert people_in(copy) == people_in(data_dir / "sassot.db") > 0
    [listed] = list_backups(data_dir / "backups")
    assert (listed.path, listed.kind) == (copy, "manual")


def test_the_day_s_backup_is_taken_once_a_day(workspace):
    first_start = datetime(2026, 11, 23, 8, 55)
    assert retention.back_up_daily(workspace.paths, first_start) is not None
    assert retention.back_up_daily(workspace.paths, first_start + timedelta(hours=11)) is None
    assert retention.back_up_daily(workspace.paths, first_start + timedelta(days=1)) is not None
    taken = [(b.taken_at.date().isoformat(), b.kind) for b in list_backups(workspace.paths.backups)]
    assert taken == [("2026-11-24", "daily"), ("2026-11-23", "daily")]


def test_fourteen_daily_backups_are_kept_and_one_a_month_before_them(workspace):
    paths = workspace.paths
    backup_sqlite(paths.database, paths.backups, "before-upgrade-from-0001", datetime(2026, 3, 2))
    backup_sqlite(paths.database, paths.backups, "manual", datetime(2026, 4, 18, 12))
    day = datetime(2026, 5, 10, 9, 0)
    for _ in range(200):  # daily from 10 May to 25 November
        retention.back_up_daily(paths, day)
        day += timedelta(days=1)

    left = list_backups(paths.backups)
    dailies = [b.taken_at.date().isoformat() for b in left if b.kind == "daily"]
    newest_fourteen = [f"2026-11-{day:02d}" for day in range(25, 11, -1)]
    month_ends = ["2026-10-31", "2026-09-30", "2026-08-31", "2026-07-31", "2026-06-30"]
    assert dailies == [*newest_fourteen, *month_ends, "2026-05-31"]
    others = {(b.kind, b.taken_at.date().isoformat()) for b in left if b.kind != "daily"}
    assert others == {("before upgrade", "2026-03-02"), ("manual", "2026-04-18")}


def test_pruning_never_deletes_the_newest_good_backup(workspace):
    paths = workspace.paths
    good = backup_sqlite(paths.database, paths.backups, "daily", datetime(2026, 2, 1, 9))
    # Twenty later daily "backups" that are not databases at all: the rule keeps the newest
    # fourteen of them (February's monthly copy among them) and would delete the good one.
    for number in range(20):
        taken = datetime(2026, 2, 2, 9) + timedelta(days=number)
        (paths.backups / f"sassot-{taken:%Y-%m-%d-%H%M%S}-daily.db").write_bytes(b"x" * 4096)

    deleted = retention.prune(paths.backups)

    assert good.exists()
    assert good not in deleted
    assert len(deleted) == 6  # the bad ones of 2 to 7 February


def test_a_damaged_database_is_not_backed_up(workspace):
    paths = workspace.paths
    backup_sqlite(paths.database, paths.backups, "daily", datetime(2026, 11, 22, 9))
    workspace.close()
    paths.database.write_bytes(b"not a database " * 1000)

    with pytest.raises(health.DamagedDatabase, match="Sun 22 Nov 2026 09:00"):
        retention.back_up_daily(paths, datetime(2026, 11, 23, 9))
    assert [b.taken_at.day for b in list_backups(paths.backups)] == [22]


def test_a_backup_that_cannot_be_written_says_so(workspace, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the backups folder should be")
    with pytest.raises(UserError, match="Could not write a backup"):
        backup_sqlite(workspace.paths.database, blocked / "backups")
