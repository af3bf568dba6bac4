"""Opening a data folder: private folders, the log file, the database migrated and ready."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sassot_desktop import logs, paths
from sassot_desktop.db import health, location, migrate
from sassot_desktop.db.engine import Database, sqlite_url
from sassot_desktop.errors import UserError
from sassot_desktop.officer import chosen_name


@dataclass
class Workspace:
    paths: paths.DataPaths
    db: Database

    def is_empty(self) -> bool:
        """No workshops and no people yet: the first start, which offers demo data."""
        from sqlalchemy import func, select

        from sassot_desktop.db.models import Person, Workshop

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

    On a PostgreSQL server (see ``db.location``) the data folder still keeps the logs, backups
    folder, settings and outbox; checking the database's pages is the server's job.
    """
    folders = paths.resolve(data_dir).ensure()
    logs.configure(folders.log_file)
    server = location.chosen_url(folders)
    officer = chosen_name(folders.data_dir)
    if server is not None:
        return Workspace(folders, _open_server(server, officer))
    if check and folders.database.exists():
        health.check(folders.database, folders.backups)
    db = Database(sqlite_url(folders.database), officer)
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


def _open_server(url: str, officer: str) -> Database:
    db = Database(url, officer)
    try:
        migrate.upgrade(db)
    except Exception as error:
        db.close()
        from sqlalchemy.exc import OperationalError

        if isinstance(error, OperationalError):
            raise UserError(
                f"SASSOT Workforce cannot reach the {location.describe(url)} "
                f"({_first_line(error.orig)}). Check the network and the address in "
                "Settings, or work on this computer's own file until the server is back."
            ) from error
        raise
    return db


def _first_line(error: BaseException | None) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
