"""Is the database file sound? And when it is not, which backup to go back to.

Two depths of check, chosen by what they cost on a 100,000-person database (128 MB) on the
kind of laptop the officer has (measured: ``quick_check`` 0.4 s, ``integrity_check`` 3.5 s):

- ``quick_check`` (every page readable, every record well formed; indexes not cross-checked)
  when a data folder is opened and before each backup is taken: cheap enough to run every
  time, and it catches what a crash, a failing disk or a stray write leaves behind.
- ``integrity_check`` (everything, indexes included) on a file about to be restored, where
  the officer is waiting anyway and a bad file would replace a good one.

Plain ``sqlite3``: the start-up fast path and the CLI's restore use it without SQLAlchemy.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

from sassot_desktop.db.backup import Backup, list_backups
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import day_and_time

log = logging.getLogger(__name__)


class DamagedDatabase(UserError):
    """The database cannot be trusted; the message names the backup to restore, if any."""

    def __init__(self, database: Path, problem: str, latest: Backup | None) -> None:
        self.database = database
        self.problem = problem
        self.latest = latest
        if latest is None:
            advice = (
                f"and there is no good backup in {database.parent / 'backups'}; copy the "
                "data folder somewhere safe and ask the team for help before doing anything else"
            )
        else:
            advice = (
                f"restore the latest good backup, from {day_and_time(latest.taken_at)}, with: "
                f'sassot-desktop restore "{latest.path}"'
            )
        super().__init__(f"The database {database} is damaged ({problem}); {advice}.")


def problem_with(database: Path, thorough: bool = False) -> str | None:
    """What is wrong with the SQLite file ``database`` in a few words, or None when it is sound.

    ``thorough`` runs the full ``integrity_check`` instead of ``quick_check``.
    """
    pragma = "integrity_check(1)" if thorough else "quick_check(1)"
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as connection:
            [(verdict,)] = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.OperationalError:
        raise  # locked, missing, unreadable folder: a problem of access, not of the file
    except sqlite3.DatabaseError as error:
        return describe(error)
    if verdict != "ok":
        log.warning("%s failed %s: %s", database, pragma, verdict)
        return "it fails SQLite's integrity check"
    return None


def check(database: Path, backups_dir: Path) -> None:
    """Raise ``DamagedDatabase`` (naming the latest good backup) unless ``database`` is sound."""
    problem = problem_with(database)
    if problem is not None:
        raise damaged(database, backups_dir, problem)


def damaged(database: Path, backups_dir: Path, problem: str) -> DamagedDatabase:
    log.error("The database %s is damaged: %s", database, problem)
    return DamagedDatabase(database, problem, latest_good_backup(backups_dir))


def latest_good_backup(backups_dir: Path) -> Backup | None:
    """The newest backup that passes ``quick_check``: usually the first one tried."""
    for backup in list_backups(backups_dir):
        if backup.can_be_restored and is_good(backup.path):
            return backup
    return None


def is_good(path: Path) -> bool:
    try:
        return problem_with(path) is None
    except sqlite3.Error:
        return False


def is_damage(error: BaseException) -> bool:
    """Whether an error raised while reading says the file itself is damaged.

    SQLite reports "file is not a database" and "database disk image is malformed" as a plain
    ``DatabaseError``; its subclasses (locked, cannot open, constraint failed) are not damage.
    """
    original = getattr(error, "orig", error)  # SQLAlchemy wraps the driver's error
    return type(original) is sqlite3.DatabaseError


def describe(error: BaseException) -> str:
    """SQLite's complaint about a damaged file, in a few plain words."""
    message = str(getattr(error, "orig", error))
    if "not a database" in message:
        return "it is not a database file"
    if "malformed" in message:
        return "parts of it cannot be read"
    return message
