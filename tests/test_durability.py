"""A tick reported to the officer survives the program being killed (kill -9) at any moment."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from databases import sqlite_only
from sassot_desktop import demo
from sassot_desktop.workspace import open_workspace

pytestmark = sqlite_only("a tick survives kill -9 in the SQLite file's write-ahead log")

HELPERS = Path(__file__).parent / "helpers"
TICKS_BEFORE_KILL = 10


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize(
    "helper_script",
    [
        "tick_forever.py",  # the check-in operation, as fast as it goes
        "check_in_screen_forever.py",  # the real screen: typed names, Enter, "… in at 19:04"
    ],
)
def test_ticks_reported_before_a_kill_are_on_disk(tmp_path, helper_script):
    data_dir = tmp_path / "data"
    workspace = open_workspace(data_dir)
    try:
        demo.fill(workspace.db, people=60)
    finally:
        workspace.close()

    env = {key: value for key, value in os.environ.items() if key != "SASSOT_DATA_DIR"}
    helper = subprocess.Popen(
        [sys.executable, str(HELPERS / helper_script), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    # A watchdog, so a helper that hangs before ticking fails the test instead of the suite.
    watchdog = threading.Timer(60, helper.kill)
    watchdog.start()
    ticked: list[int] = []
    try:
        booked_line = helper.stdout.readline()
        assert booked_line.startswith("BOOKED "), booked_line + helper.stderr.read()
        assert int(booked_line.split()[1]) >= TICKS_BEFORE_KILL
        while len(ticked) < TICKS_BEFORE_KILL:
            line = helper.stdout.readline()
            assert line.startswith("TICKED "), line + helper.stderr.read()
            ticked.append(int(line.split()[1]))
        os.kill(helper.pid, signal.SIGKILL)
        helper.wait(timeout=30)
    finally:
        watchdog.cancel()
        if helper.poll() is None:
            helper.kill()
            helper.wait()
    assert helper.returncode == -signal.SIGKILL
    # Ticks reported between our reading and the kill count too.
    rest = helper.stdout.read()
    helper.stdout.close()
    helper.stderr.close()
    ticked += [int(line.split()[1]) for line in rest.splitlines() if line.startswith("TICKED ")]

    # The kill leaves the write-ahead log behind; it holds personal data, so it is private too.
    journals = [data_dir / "sassot.db-wal", data_dir / "sassot.db-shm"]
    assert [path.name for path in journals if path.exists()] == ["sassot.db-wal", "sassot.db-shm"]
    assert {oct(stat.S_IMODE(path.stat().st_mode)) for path in journals} == {oct(0o600)}

    with sqlite3.connect(data_dir / "sassot.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        placeholders = ",".join("?" * len(ticked))
        rows = connection.execute(
            "SELECT id, status, arrived_at, arrived_local FROM booking "
            f"WHERE id IN ({placeholders})",
            ticked,
        ).fetchall()
    connection.close()
    assert len(rows) == len(set(ticked))
    for booking_id, status, arrived_at, arrived_local in rows:
        assert status == "attended", booking_id
        assert arrived_at is not None, booking_id
        assert arrived_local is not None, booking_id
