"""Taking the day's backup, and which backups are kept.

The rule, as the officer would explain it to a colleague:

- **Daily** copies (taken at the first start of each day): the newest 14 are kept, and of the
  older ones the newest of each calendar month, for ever. So the last fortnight can be gone
  back to day by day, and every month before that has its end-of-month state.
- **Before upgrade** copies (taken before a new version changes the database), **manual**
  ones (Back up now, ``sassot-desktop backup``), **before a restore** copies and damaged
  files set aside by a restore are never deleted by the program: they are few, each was made
  for a reason, and only a person knows when that reason is over.
- Whatever the rule says, the newest good backup (the newest that passes SQLite's
  ``quick_check``) is never deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sassot_desktop.db import health, location
from sassot_desktop.db.backup import DAILY, MANUAL, Backup, backup_sqlite, list_backups
from sassot_desktop.errors import UserError
from sassot_desktop.paths import DataPaths

log = logging.getLogger(__name__)

DAILY_KEPT = 14


def back_up_now(paths: DataPaths, reason: str = MANUAL, now: datetime | None = None) -> Path:
    """A checked copy of the database in the backups folder; a damaged database is refused,
    so that a bad copy never becomes the newest backup."""
    location.refuse_on_server(paths, "backed up")
    if not paths.database.is_file():
        raise UserError(f"There is no database in {paths.data_dir} to back up yet.")
    health.check(paths.database, paths.backups)
    copy = backup_sqlite(paths.database, paths.backups, reason, now)
    log.info("Backed up the database to %s (%s)", copy, reason)
    return copy


def back_up_daily(paths: DataPaths, now: datetime | None = None) -> Path | None:
    """The day's copy, if none was taken today, then the old ones pruned; the new copy or None.

    The database is checked either way: ``DamagedDatabase`` when it fails, since the start of
    the day is when the officer should hear of it, and a bad copy must never push out a good one.
    """
    if location.chosen_url(paths) is not None:
        return None  # the server's backups are the job of whoever runs it
    now = now or datetime.now()
    taken_today = any(
        backup.is_daily and backup.taken_at.date() == now.date()
        for backup in list_backups(paths.backups)
    )
    if taken_today:
        health.check(paths.database, paths.backups)
        return None
    copy = back_up_now(paths, DAILY, now)
    prune(paths.backups)
    return copy


def prune(backups_dir: Path, is_good: Callable[[Path], bool] = health.is_good) -> list[Path]:
    """Delete the backups the rule above does not keep; return what was deleted."""
    backups = list_backups(backups_dir)
    keep = kept(backups)
    doomed = [backup for backup in backups if backup not in keep]
    if not doomed:
        return []
    newest_good = next((b for b in backups if b.can_be_restored and is_good(b.path)), None)
    deleted = []
    for backup in doomed:
        if backup == newest_good:
            continue
        try:
            backup.path.unlink()
        except OSError:
            log.warning("Could not delete the old backup %s", backup.path, exc_info=True)
            continue
        deleted.append(backup.path)
    if deleted:
        log.info("Deleted %d old daily backups", len(deleted))
    return deleted


def kept(backups: list[Backup]) -> set[Backup]:
    """The backups the rule keeps, out of ``backups`` (newest first)."""
    keep = {backup for backup in backups if not backup.is_daily}
    dailies = [backup for backup in backups if backup.is_daily]
    keep.update(dailies[:DAILY_KEPT])
    months_seen = set()
    for backup in dailies:
        month = (backup.taken_at.year, backup.taken_at.month)
        if month not in months_seen:
            months_seen.add(month)
            keep.add(backup)
    return keep
