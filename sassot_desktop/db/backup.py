"""Consistent copies of the SQLite database, through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sassot_desktop.paths import make_private_dir, make_private_file


def backup_sqlite(source: Path, backups_dir: Path, reason: str = "manual") -> Path:
    """Copy a (possibly open, possibly busy) database file into ``backups_dir``; return the copy."""
    make_private_dir(backups_dir)
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    target = backups_dir / f"sassot-{stamp}-{reason}.db"
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    make_private_file(target)
    return target
