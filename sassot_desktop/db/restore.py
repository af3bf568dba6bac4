"""Putting a backup back in place of the database, without ever making things worse.

In order: the chosen file is checked (a SQLite database, whole by ``integrity_check``, a
SASSOT database at a revision this program knows); it is copied through the backup API to a
temporary file beside the database; the current database is kept in the backups folder (a
proper copy if it can be read, else the file as it is); the current database's ``-wal`` and
``-shm`` files are removed, since SQLite would otherwise replay the old database's journal
into the restored one; the temporary file is renamed over the database; and a backup from an
older version is migrated. A refusal at any step before the rename leaves the current
database untouched.

The caller makes sure nothing has the database open: the CLI holds the program's lock, the
window closes its connections first.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sassot_desktop.db import health, location
from sassot_desktop.db.backup import BEFORE_RESTORE, backup_sqlite, keep_file_copy
from sassot_desktop.db.revision import HEAD_REVISION
from sassot_desktop.errors import UserError
from sassot_desktop.paths import DataPaths, make_private_file
from sassot_desktop.progress import Progress

log = logging.getLogger(__name__)

# Tables only a SASSOT database has; a random SQLite file with an alembic_version is refused.
_OUR_TABLES = ("alembic_version", "person", "workshop", "booking")
_STEPS = 4


@dataclass(frozen=True)
class Restored:
    revision: str  # the revision the backup was at
    migrated: bool  # whether it was brought up to this program's revision
    kept_as: Path | None  # where the replaced database was kept (None if there was none)


def check_backup(file: Path) -> str:
    """The schema revision of the backup ``file``, or a ``UserError`` saying why it cannot be
    restored. Runs the full integrity check: seconds on a large file."""
    if not file.is_file():
        raise UserError(f"There is no file {file}; check the name and try again.")
    try:
        problem = health.problem_with(file, thorough=True)
    except sqlite3.Error as error:
        raise UserError(f"{file} cannot be read ({error}); nothing was restored.") from error
    if problem is not None:
        raise UserError(
            f"{file} cannot be restored: {problem}. Choose another backup; "
            "the current database has not been changed."
        )
    revision = _revision_of(file)
    if revision is None:
        raise UserError(
            f"{file} is not a SASSOT Workforce database; choose a file from the backups "
            "folder. The current database has not been changed."
        )
    if revision != HEAD_REVISION and not _is_known(revision):
        raise UserError(
            f"{file} was saved by a newer version of SASSOT Workforce; install that version "
            "to restore it. The current database has not been changed."
        )
    return revision


def restore(
    paths: DataPaths, file: Path, progress: Progress | None = None, revision: str | None = None
) -> Restored:
    """Replace the database in ``paths`` with the backup ``file`` (see the module's docstring).

    ``revision`` is what ``check_backup`` said of the file when the caller has just checked
    it (before asking the officer), so the check is not run twice.
    """
    location.refuse_on_server(paths, "restored")
    progress = progress or Progress()
    file = Path(file)
    progress.report(0, _STEPS, "Checking the backup…")
    revision = revision or check_backup(file)
    database = paths.database
    staged = database.with_name(f".{database.name}.restoring")
    progress.report(1, _STEPS, "Copying the backup…")
    _copy(file, staged)
    try:
        progress.report(2, _STEPS, "Keeping a copy of the current database…")
        kept_as = _keep_current(paths)
        # The last moment Cancel is heard: from the swap on, the restore runs to its end.
        progress.report(3, _STEPS, "Putting the backup in place…")
        for leftover in _journal_files(database):
            leftover.unlink(missing_ok=True)
        os.replace(staged, database)
    except BaseException:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise
    make_private_file(database)
    log.info("Restored %s over %s (kept the old one as %s)", file, database, kept_as)
    migrated = revision != HEAD_REVISION and _migrate(paths)
    return Restored(revision=revision, migrated=migrated, kept_as=kept_as)


def _revision_of(file: Path) -> str | None:
    with closing(sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True)) as connection:
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not set(_OUR_TABLES) <= tables:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _is_known(revision: str) -> bool:
    from sassot_desktop.db import migrate

    return migrate._is_known(migrate._alembic_config(), revision)


def _copy(file: Path, staged: Path) -> None:
    """The backup copied beside the database first, so the swap itself is one rename."""
    staged.unlink(missing_ok=True)
    try:
        with (
            closing(sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(staged)) as target,
        ):
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
    except (OSError, sqlite3.Error) as error:
        staged.unlink(missing_ok=True)
        raise UserError(
            f"Could not copy {file} into {staged.parent} ({error}); nothing was restored. "
            "Check there is space on the disk, then try again."
        ) from error


def _keep_current(paths: DataPaths) -> Path | None:
    """The database about to be replaced, kept in the backups folder in the best form it has."""
    database = paths.database
    if not database.exists():
        return None
    try:
        sound = health.problem_with(database) is None
    except sqlite3.Error:
        sound = False
    if sound:
        return backup_sqlite(database, paths.backups, BEFORE_RESTORE)
    return keep_file_copy(database, paths.backups)


def _journal_files(database: Path) -> list[Path]:
    return [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _migrate(paths: DataPaths) -> bool:
    from sassot_desktop.db import migrate
    from sassot_desktop.db.engine import Database, sqlite_url

    db = Database(sqlite_url(paths.database))
    try:
        return migrate.upgrade(db, paths.backups)
    finally:
        db.close()
