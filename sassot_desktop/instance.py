"""One window per data folder: a lock the operating system holds for the open program.

Two windows on one database would each believe their register is the truth, and a restore
under an open window would pull the file from beneath it. The lock is an OS lock on a file in
the data folder (``flock`` on POSIX, ``msvcrt.locking`` on Windows), which the OS releases
when the process ends, however it ends: a crash or a kill never leaves a stale lock behind.
The lock file itself stays; it is its lock that counts, not its presence.

Qt-free, so that the CLI's ``restore`` can ask the same question. Other CLI commands do not
ask: the team's scripts run alongside the open window, and SQLite keeps their writes apart.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from sassot_desktop import APP_NAME
from sassot_desktop.errors import UserError

LOCK_FILE = "sassot.lock"


class AlreadyOpen(UserError):
    """Another copy of the program has this data folder open."""


class AppLock:
    """Held while the program has ``data_dir`` open; freed by ``release`` or the process ending."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_FILE
        self._handle: int | None = None

    def acquire(self) -> AppLock:
        """Take the lock, or raise ``AlreadyOpen`` at once (never waits)."""
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(handle)
        except OSError:
            os.close(handle)
            raise AlreadyOpen(
                f"{APP_NAME} is already open on the data folder {self.path.parent}; "
                "switch to that window (look on the taskbar)."
            ) from None
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)  # closing the file frees its lock
            self._handle = None


def claim(data_dir: Path) -> AppLock:
    """The lock on ``data_dir``, held until released or until this process ends."""
    return AppLock(data_dir).acquire()


def is_open(data_dir: Path) -> bool:
    """Whether a program holds ``data_dir`` open right now."""
    try:
        claim(data_dir).release()
    except AlreadyOpen:
        return True
    return False


@contextlib.contextmanager
def held(data_dir: Path, refusal: str) -> Iterator[AppLock]:
    """Hold the lock for a ``with`` block; ``refusal`` is what to say if the window is open."""
    try:
        lock = claim(data_dir)
    except AlreadyOpen:
        raise AlreadyOpen(refusal) from None
    try:
        yield lock
    finally:
        lock.release()


if os.name == "nt":
    import msvcrt

    def _lock(handle: int) -> None:
        os.lseek(handle, 0, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
