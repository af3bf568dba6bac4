"""Consistent copies of the SQLite database, through SQLite's online backup API, and the list
of copies in the backups folder.

A copy is taken in one step of the backup API, inside one read transaction, so it is the
database as it stood at one instant even while the window is writing a tick. It is written
under a temporary name and renamed when complete, so a copy cut off half way (a full disk, a
killed process) is never listed as a backup. Each copy is a single file (rollback journal,
not WAL) that can be carried elsewhere on its own.

A copy's name says when it was taken (the laptop's local time, as the officer reads it) and
why: ``sassot-2026-11-23-203107-daily.db``.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sassot_desktop.errors import UserError
from sassot_desktop.paths import make_private_dir, make_private_file

DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
BEFORE_UPGRADE = "before-upgrade"  # followed by "-from-<revision>" in the file name
# A damaged database set aside by a restore: kept for whoever looks into it, never offered.
DAMAGED = "damaged"

_NAME = re.compile(r"^sassot-(\d{4}-\d{2}-\d{2}-\d{6})(?:-\d+)?-([a-z0-9-]+)\.db$")
_STAMP = "%Y-%m-%d-%H%M%S"
_KINDS = {
    DAILY: "daily",
    MANUAL: "manual",
    BEFORE_RESTORE: "before a restore",
    BEFORE_UPGRADE: "before upgrade",
    DAMAGED: "damaged copy",
}


@dataclass(frozen=True)
class Backup:
    """One copy in the backups folder."""

    path: Path
    taken_at: datetime  # local wall-clock time, from the file name
    reason: str  # as in the file name: "daily", "manual", "before-upgrade-from-0001", …
    size: int  # bytes

    @property
    def kind(self) -> str:
        """The reason as the officer reads it: "daily", "before upgrade", "manual"."""
        if self.reason.startswith(BEFORE_UPGRADE):
            return _KINDS[BEFORE_UPGRADE]
        return _KINDS.get(self.reason, self.reason.replace("-", " "))

    @property
    def is_daily(self) -> bool:
        return self.reason == DAILY

    @property
    def can_be_restored(self) -> bool:
        return self.reason != DAMAGED


def backup_sqlite(
    source: Path, backups_dir: Path, reason: str = MANUAL, now: datetime | None = None
) -> Path:
    """Copy a (possibly open, possibly busy) database file into ``backups_dir``; return the copy."""
    try:
        make_private_dir(backups_dir)
    except OSError as error:
        raise UserError(
            f"Could not write a backup in {backups_dir} ({error.strerror}); check that the "
            "folder can be written, then try again."
        ) from error
    target = _free_name(backups_dir, now or datetime.now(), reason)
    partial = target.with_name(f".{target.name}.part")
    try:
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            # The copy stands alone: no -wal file beside it holds part of its data.
            dst.execute("PRAGMA journal_mode=DELETE")
        make_private_file(partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise UserError(
            f"Could not write a backup in {backups_dir} ({_why(error)}); "
            "check there is space on the disk, then try again."
        ) from error
    return target


def keep_file_copy(source: Path, backups_dir: Path, now: datetime | None = None) -> Path:
    """Copy a damaged database byte for byte (with its -wal file, if any): SQLite cannot read
    it to take a proper copy, and whoever looks into it later wants it exactly as it was."""
    import shutil

    target = _free_name(backups_dir, now or datetime.now(), DAMAGED)
    try:
        make_private_dir(backups_dir)
        shutil.copyfile(source, target)
        wal = source.with_name(source.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    except OSError as error:
        raise UserError(
            f"Could not keep a copy of the damaged database in {backups_dir} "
            f"({error.strerror}); nothing was restored. Free some disk space, then try again."
        ) from error
    make_private_file(target)
    return target


def list_backups(backups_dir: Path) -> list[Backup]:
    """Every copy in ``backups_dir``, newest first; files of other names are left alone."""
    found = []
    try:
        entries = list(os.scandir(backups_dir))
    except FileNotFoundError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or not entry.is_file():
            continue
        taken_at = datetime.strptime(match.group(1), _STAMP)
        found.append(Backup(Path(entry.path), taken_at, match.group(2), entry.stat().st_size))
    found.sort(key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)
    return found


def _free_name(backups_dir: Path, now: datetime, reason: str) -> Path:
    """A name no copy has yet: two copies in the same second get -2, -3 after the time."""
    stamp = now.strftime(_STAMP)
    target = backups_dir / f"sassot-{stamp}-{reason}.db"
    number = 2
    while target.exists():
        target = backups_dir / f"sassot-{stamp}-{number}-{reason}.db"
        number += 1
    return target


def _why(error: BaseException) -> str:
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)
