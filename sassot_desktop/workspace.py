"""Opening a data folder: private folders, the log file, the database migrated and ready."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import func, select

from sassot_desktop import logs, paths
from sassot_desktop.db import migrate
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


def open_workspace(data_dir: str | os.PathLike[str] | None = None) -> Workspace:
    folders = paths.resolve(data_dir).ensure()
    logs.configure(folders.log_file)
    db = Database(sqlite_url(folders.database))
    migrate.upgrade(db, folders.backups)
    paths.make_private_file(folders.database)
    return Workspace(folders, db)
