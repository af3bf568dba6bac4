"""A damaged database: named as damaged, with the latest good backup and the way to restore it,
on the command line and in the window; then restored, with the data back."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from databases import sqlite_only
from sassot_desktop.attendance.tonight import read_tonight
from sassot_desktop.clock import venue_now
from sassot_desktop.db.backup import backup_sqlite, list_backups
from sassot_desktop.db.health import DamagedDatabase
from sassot_desktop.formatting import day_and_time
from sassot_desktop.ui import app
from sassot_desktop.ui.main_window import MainWindow
from sassot_desktop.workspace import open_workspace
from screens import click_button
from test_cli import Runner, console_script

pytestmark = sqlite_only("damage to the SQLite file's pages and the backup that repairs it")

PAGE = 4096


def damage_pages(database: Path, start: float = 0.5, end: float = 0.6) -> None:
    """Overwrite whole pages between two fractions of the file, as a failing disk might."""
    size = database.stat().st_size
    first, last = int(size * start) // PAGE * PAGE, int(size * end) // PAGE * PAGE
    with database.open("r+b") as file:
        file.seek(first)
        file.write(b"\xa5" * (last - first))


def damage_pages_of(database: Path, table: str) -> None:
    """Overwrite every page that holds ``table``, wherever the file keeps it."""
    with closing(sqlite3.connect(database)) as connection:
        pages = [page for (page,) in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = ?", (table,)
        )]  # fmt: skip
    with database.open("r+b") as file:
        for page in pages:
            file.seek((page - 1) * PAGE)
            file.write(b"\xa5" * PAGE)


def counts(database: Path) -> tuple[int, int, int]:
    with closing(sqlite3.connect(database)) as connection:
        return tuple(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("person", "workshop", "booking")
        )


def sassot(data_dir: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [*console_script(), "--data-dir", str(data_dir), *args],
        env=Runner(home, data_dir).env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.mark.slow
def test_backup_damage_then_restore_on_the_command_line(demo_workspace, tmp_path):
    data_dir = demo_workspace.paths.data_dir
    database = demo_workspace.paths.database
    demo_workspace.close()
    home = tmp_path / "home"
    before = counts(database)
    backed_up = sassot(data_dir, home, "backup")
    assert backed_up.returncode == 0, backed_up.stderr
    copy = Path(backed_up.stdout.strip())
    [backup] = list_backups(data_dir / "backups")

    damage_pages(database)
    refused = sassot(data_dir, home, "workshops", "list")

    assert refused.returncode == 1
    assert refused.stdout == ""
    [message] = refused.stderr.splitlines()
    assert "is damaged" in message
    assert day_and_time(backup.taken_at) in message
    assert f'sassot-desktop restore "{copy}"' in message
    assert "Traceback" not in refused.stderr

    restored = sassot(data_dir, home, "restore", str(copy), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert counts(database) == before
    listing = sassot(data_dir, home, "workshops", "list", "--format", "tsv")
    assert listing.returncode == 0, listing.stderr
    assert len(listing.stdout.splitlines()) == 1 + before[1]
    [kept] = [b for b in list_backups(data_dir / "backups") if b.reason == "damaged"]
    assert kept.path.read_bytes()[:16] == b"SQLite format 3\x00"  # the damaged file, as it was


def test_a_file_that_is_not_a_database_is_named_as_damaged(workspace):
    paths = workspace.paths
    backup_sqlite(paths.database, paths.backups, "daily", datetime(2026, 11, 20, 21, 5))
    workspace.close()
    paths.database.write_bytes(b"PK\x03\x04 a zip file saved over the database " * 200)

    with pytest.raises(DamagedDatabase) as raised:
        open_workspace(paths.data_dir)

    message = str(raised.value)
    assert "it is not a database file" in message
    assert "Fri 20 Nov 2026 21:05" in message
    assert "sassot-desktop restore" in message


def test_with_no_good_backup_the_message_says_what_to_do(workspace):
    paths = workspace.paths
    workspace.close()
    damage_pages(paths.database, 0.3, 0.9)
    with pytest.raises(DamagedDatabase, match="there is no good backup in .*ask the team"):
        open_workspace(paths.data_dir)


@pytest.mark.parametrize(
    "garbage", [b"", b"not a database", b"SQLite format 3\x00" + b"\xff" * 9000]
)
def test_tonight_s_quick_read_of_a_damaged_file_gives_up_quietly(tmp_path, garbage):
    database = tmp_path / "sassot.db"
    database.write_bytes(garbage)
    assert read_tonight(database, venue_now()) is None


def run_app_until(qtbot, monkeypatch, data_dir: Path, until) -> None:
    """Start the program on ``data_dir`` as the officer does; ``until(window)`` drives it."""

    def drive(_app) -> int:
        [window] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        try:
            until(window)
        finally:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", drive)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert app.run(str(data_dir)) == 0


def damage_box(qtbot, window) -> QMessageBox:
    def shown() -> QMessageBox | None:
        boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        return next((b for b in boxes if b.accessibleName() == "Damaged database"), None)

    qtbot.waitUntil(lambda: shown() is not None, timeout=30_000)
    return shown()


@pytest.mark.parametrize(
    "damage",
    [
        # The search words' pages: the window opens without reading them, so it is the check
        # it runs once open that has to find the damage.
        pytest.param(
            lambda database: damage_pages_of(database, "person_token"), id="pages overwritten"
        ),
        # The people's own pages: the people list, built as the window opens, meets them.
        pytest.param(lambda database: damage_pages_of(database, "person"), id="people's pages"),
        pytest.param(lambda database: database.write_bytes(b"\x00" * 50_000), id="not a database"),
    ],
)
def test_the_window_names_the_backup_and_restores_it_with_one_button(
    qtbot, monkeypatch, demo_workspace, damage
):
    paths = demo_workspace.paths
    before = counts(paths.database)
    backup_sqlite(paths.database, paths.backups, "daily", datetime(2026, 11, 22, 20, 31))
    demo_workspace.close()
    damage(paths.database)
    seen = {}

    def restore_from_the_message(window) -> None:
        box = damage_box(qtbot, window)
        seen["message"] = box.text()
        click_button(box, "Restore the backup of Sun 22 Nov 2026 20:31")
        qtbot.waitUntil(
            lambda: (
                window.workspace is not None
                and window.statusBar().currentMessage().startswith("Restored the backup of")
            ),
            timeout=30_000,
        )
        seen["page"] = window.pages.currentWidget()
        seen["register rows"] = window.check_in.model.rowCount()
        seen["check-in"] = window.check_in

    run_app_until(qtbot, monkeypatch, paths.data_dir, restore_from_the_message)

    assert "is damaged" in seen["message"]
    assert "Sun 22 Nov 2026 20:31" in seen["message"]
    assert "sassot-desktop restore" in seen["message"]
    assert counts(paths.database) == before
    # The demo has a workshop tonight: the window is back on its register, read afresh.
    assert seen["page"] is seen["check-in"]
    assert seen["register rows"] >= 25
