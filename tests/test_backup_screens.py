"""File › Back up now and File › Restore from backup…, driven as the officer drives them."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from databases import sqlite_only
from sassot_desktop.db.backup import backup_sqlite, list_backups
from sassot_desktop.ui.backups import RestoreDialog
from sassot_desktop.ui.main_window import MainWindow
from screens import click_button, column_texts, message_box, open_dialog

pytestmark = sqlite_only(
    "backups and restores copy the SQLite file; on a server they are the server's job"
)


def file_menu_item(window: MainWindow, text: str):
    [menu] = [m for m in window.menuBar().findChildren(QMenu) if m.title() == "&File"]
    [action] = [a for a in menu.actions() if a.text() == text]
    return action


def people(database) -> list[str]:
    with closing(sqlite3.connect(database)) as connection:
        return [name for (name,) in connection.execute("SELECT first_name FROM person")]


def test_restore_from_backup_lists_the_backups_and_puts_the_chosen_one_back(qtbot, demo_workspace):
    paths = demo_workspace.paths
    backup_sqlite(
        paths.database, paths.backups, "before-upgrade-from-0001", datetime(2026, 10, 1, 8, 2)
    )
    backup_sqlite(paths.database, paths.backups, "daily", datetime(2026, 11, 22, 20, 31))
    with closing(sqlite3.connect(paths.database)) as connection, connection:
        connection.execute(
            "INSERT INTO person (first_name, last_name, sort_name, created_at, updated_at)"
            " VALUES ('Perpetua', 'Afterdaily', 'afterdaily perpetua', '2026-11-23', '2026-11-23')"
        )
    backup_sqlite(paths.database, paths.backups, "manual", datetime(2026, 11, 23, 9, 15))
    with closing(sqlite3.connect(paths.database)) as connection, connection:
        connection.execute(
            "INSERT INTO person (first_name, last_name, sort_name, created_at, updated_at) VALUES"
            " ('Wilhelmina', 'Aftermanual', 'aftermanual wilhelmina', '2026-11-23', '2026-11-23')"
        )
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    window.show_start_page()

    file_menu_item(window, "&Restore from backup…").trigger()
    dialog = open_dialog(window, RestoreDialog)
    assert dialog is not None
    table = dialog.table
    assert column_texts(table.model(), 0) == [
        "Mon 23 Nov 2026 09:15",
        "Sun 22 Nov 2026 20:31",
        "Thu 1 Oct 2026 08:02",
    ]
    assert column_texts(table.model(), 1) == ["manual", "daily", "before upgrade"]
    assert all(re.fullmatch(r"\d+ KB|\d+\.\d MB", size) for size in column_texts(table.model(), 2))
    assert table.accessibleName() == "Backups"

    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(table.model().index(1, 0)).center(),
    )
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    confirmation = message_box(dialog)
    assert "daily backup of Sun 22 Nov 2026 20:31" in confirmation.text()
    click_button(confirmation, "Restore")

    qtbot.waitUntil(
        lambda: (
            window.statusBar().currentMessage() == "Restored the backup of Sun 22 Nov 2026 20:31."
        ),
        timeout=30_000,
    )
    assert not dialog.isVisible()
    assert "Perpetua" not in people(paths.database)
    assert "Wilhelmina" not in people(paths.database)
    [kept] = [b for b in list_backups(paths.backups) if b.kind == "before a restore"]
    assert "Wilhelmina" in people(kept.path)
    # The window reads the restored database: tonight's register is back on screen.
    assert window.pages.currentWidget() is window.check_in
    assert window.check_in.model.rowCount() >= 25


def test_cancelling_the_confirmation_restores_nothing(qtbot, demo_workspace):
    paths = demo_workspace.paths
    backup_sqlite(paths.database, paths.backups, "daily", datetime(2026, 11, 22, 20, 31))
    before = paths.database.read_bytes()
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()

    file_menu_item(window, "&Restore from backup…").trigger()
    dialog = open_dialog(window, RestoreDialog)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    click_button(message_box(dialog), "Cancel")

    assert dialog.isVisible()
    assert paths.database.read_bytes() == before
    assert [b.kind for b in list_backups(paths.backups)] == ["daily"]


def test_back_up_now_takes_a_copy_and_says_where(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()

    item = file_menu_item(window, "&Back up now")
    assert item.shortcut().toString() == "Ctrl+Shift+B"
    item.trigger()

    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Backed up to "))
    [backup] = list_backups(demo_workspace.paths.backups)
    assert window.statusBar().currentMessage() == f"Backed up to {backup.path}."
    assert backup.kind == "manual"
    assert people(backup.path) == people(demo_workspace.paths.database)
