"""One window per data folder: a second copy of the program is told the first is open, and a
first copy killed outright leaves no lock behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sassot_desktop import instance
from test_cli import Runner, console_script


def start_window(data_dir: Path, home: Path) -> subprocess.Popen:
    """The program as the officer starts it, with no command: its window opens (off screen)."""
    env = {**Runner(home, data_dir).env(), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [*console_script(), "--data-dir", str(data_dir)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def start_second_window(data_dir: Path, home: Path) -> subprocess.CompletedProcess:
    """The program started again; its message box prints what it says instead of waiting."""
    script = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtWidgets import QMessageBox

        def said(box):
            print(box.accessibleName() + ": " + box.text(), flush=True)
            return 0

        QMessageBox.exec = said
        from sassot_desktop import cli
        sys.exit(cli.main(["--data-dir", {str(data_dir)!r}]))
        """
    )
    env = {**Runner(home, data_dir).env(), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def has_started(data_dir: Path) -> bool:
    """The first window says in its log that it holds the data folder.

    Read from the log rather than by trying the lock, which would itself hold the lock for an
    instant and could turn the first window away."""
    log_file = data_dir / "logs" / "sassot.log"
    return log_file.exists() and "SASSOT Workforce started on" in log_file.read_text("utf-8")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_second_copy_is_told_the_first_is_open_and_a_killed_one_leaves_no_lock(
    qtbot, demo_workspace, tmp_path
):
    data_dir = demo_workspace.paths.data_dir
    demo_workspace.close()
    home = tmp_path / "home"
    home.mkdir()
    first = start_window(data_dir, home)
    try:
        qtbot.waitUntil(lambda: has_started(data_dir) or first.poll() is not None, timeout=60_000)
        assert first.poll() is None, first.stderr.read().decode()

        second = start_second_window(data_dir, home)

        assert second.returncode == 1, second.stderr
        [said] = second.stdout.splitlines()
        assert said.startswith("Already open: SASSOT Workforce is already open on the data folder")
        assert "Traceback" not in second.stderr
        assert instance.is_open(data_dir)
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait(30)

    assert not instance.is_open(data_dir)  # the OS let go of the lock with the process
    instance.claim(data_dir).release()


def test_the_lock_is_held_until_released(tmp_path):
    lock = instance.claim(tmp_path)
    with pytest.raises(instance.AlreadyOpen, match="SASSOT Workforce is already open"):
        instance.claim(tmp_path)
    lock.release()
    again = instance.claim(tmp_path)
    again.release()
