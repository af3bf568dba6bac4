"""Opening a data folder: private folders, the log file, the database migrated and ready."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import func, select

from sassot_desktop import logs, paths
from sassot_desktop.db import health, migrate
from sassot_desktop.db.engine import Database, sqlite_url
from sassot_desktop.db.models import Person, Workshop


@dataclass
class Workspace:
    paths: paths.DataPaths
    db: Database

    def is_empty(self) -> bool:
        """No workshops and no people yet: the first start, which offers demo data."""
        with self.db.read() as session:
            return not (
                session.scalar(select(func.count()).select_from(Workshop))
                or session.scalar(select(func.count()).select_from(Person))
            )

    def close(self) -> None:
        self.db.close()


def open_workspace(data_dir: str | os.PathLike[str] | None = None, check: bool = True) -> Workspace:
    """The data folder, its database checked (``check``), migrated and ready.

    A damaged database raises ``DamagedDatabase``, naming the backup to restore. The window
    passes ``check=False`` and runs the check in the background once it is usable; the check
    reads every page, 0.4 s on a 100,000-person database (see ``db.health``).
    """
    folders = paths.resolve(data_dir).ensure()
    logs.configure(folders.log_file)
    if check and folders.database.exists():
        health.check(folders.database, folders.backups)
    db = Database(sqlite_url(folders.database))
    try:
        migrate.upgrade(db, folders.backups)
    except Exception as error:
        db.close()
        if health.is_damage(error):
            problem = health.describe(error)
            raise health.damaged(folders.database, folders.backups, problem) from error
        raise
    paths.make_private_file(folders.database)
    return Workspace(folders, db)
