"""Bring a database to the schema this version of the program expects, safely.

The revision a database is at is read with one plain query, so an up-to-date database (every
start but the first after an upgrade) never pays for importing Alembic. When a migration is due,
the SQLite file is checked and a copy taken first (a damaged file is neither copied nor
migrated); a database written by a newer program is refused untouched.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from sqlalchemy import inspect, text

from sassot_desktop.db import health
from sassot_desktop.db.backup import backup_sqlite
from sassot_desktop.db.engine import Database
from sassot_desktop.db.revision import HEAD_REVISION
from sassot_desktop.errors import UserError

log = logging.getLogger(__name__)


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(db: Database, backups_dir: Path | None = None) -> bool:
    """Migrate ``db`` to ``HEAD_REVISION``; return whether anything had to run."""
    revision = current_revision(db)
    if revision == HEAD_REVISION:
        return False
    config = _alembic_config()
    if revision is not None and not _is_known(config, revision):
        raise UserError(
            "This database was saved by a newer version of SASSOT Workforce. "
            "Install the newer version to open it; the database has not been changed."
        )
    path = db.sqlite_path
    if revision is not None and path is not None and backups_dir is not None:
        health.check(path, backups_dir)
        copy = backup_sqlite(path, backups_dir, reason=f"before-upgrade-from-{revision}")
        log.info("Copied the database to %s before migrating from %s", copy, revision)

    from alembic import command

    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("Database migrated from %s to %s", revision or "empty", HEAD_REVISION)
    return True


def _alembic_config():
    from alembic.config import Config

    config = Config()
    location = resources.files("sassot_desktop.db") / "migrations"
    config.set_main_option("script_location", str(location))
    return config


def _is_known(config, revision: str) -> bool:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(config)
    return any(script.revision == revision for script in scripts.walk_revisions())
