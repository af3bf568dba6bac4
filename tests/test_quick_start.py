"""On the evening the window opens on tonight's register at once, before the database layer
has loaded; whatever the officer does meanwhile waits for it and is then done."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from databases import sqlite_only
from keys import press, type_text
from sassot_desktop.attendance.tonight import read_tonight
from sassot_desktop.clock import venue_now
from sassot_desktop.db.models import Booking, Person
from sassot_desktop.ui import app
from sassot_desktop.ui.main_window import MainWindow
from sassot_desktop.ui.table_model import (
    ACCESSIBLE_TEXT_ROLE,
    BACKGROUND_ROLE,
    DISPLAY_ROLE,
    TOOL_TIP_ROLE,
)

pytestmark = sqlite_only(
    "the quick start reads tonight's register from the SQLite file; on a server the window "
    "opens the database first"
)


def test_a_tick_typed_while_the_database_opens_is_made_once_it_is(qtbot, demo_workspace):
    window = MainWindow(paths=demo_workspace.paths)
    qtbot.addWidget(window)
    window.check_in.show_register(read_tonight(demo_workspace.paths.database, venue_now()))
    window.show()
    screen = window.check_in
    assert screen.banner.text().startswith("0 of ")

    type_text(screen.search, "zoe")
    press(screen.search, Qt.Key.Key_Return)
    assert screen.feedback.text() == "Opening the database…"
    assert _status(demo_workspace, screen.workshop_id, "Zoë") == "booked"

    window.attach(demo_workspace)
    assert _status(demo_workspace, screen.workshop_id, "Zoë") == "attended"
    assert screen.feedback.text().startswith("Zoë Ó'Brien in at ")
    assert screen.banner.text().startswith("1 of ")


def test_going_elsewhere_while_the_database_opens_happens_once_it_is(qtbot, demo_workspace):
    window = MainWindow(paths=demo_workspace.paths)
    qtbot.addWidget(window)
    window.check_in.show_register(read_tonight(demo_workspace.paths.database, venue_now()))
    window.show()
    window.show_workshops()
    assert window.pages.currentWidget() is window.check_in
    window.attach(demo_workspace)
    assert window.pages.currentWidget() is window.workshops
    assert window.workshops.model.rowCount() > 0


def test_the_program_opens_on_tonight_then_loads_the_database(qtbot, demo_workspace, monkeypatch):
    data_dir = demo_workspace.paths.data_dir
    demo_workspace.close()
    seen = {}

    def run_until_loaded(_app) -> int:
        [window] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        seen["rows before the database"] = window.check_in.model.rowCount()
        seen["open before"] = window.workspace is not None
        qtbot.waitUntil(lambda: window.workspace is not None, timeout=30_000)
        seen["title"] = window.windowTitle()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_until_loaded)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert app.run(str(data_dir)) == 0
    assert seen["rows before the database"] >= 25
    assert seen["open before"] is False
    assert "SASSOT Workforce" in seen["title"]


def test_the_quick_start_loads_no_database_layer(demo_workspace, tmp_path):
    """Run in a fresh interpreter where SQLAlchemy cannot be imported at all."""
    script = textwrap.dedent(
        f"""
        import importlib.abc, os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

        class NoDatabaseLayer(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("sqlalchemy", "alembic"):
                    raise ImportError("the quick start must not need " + name)

        sys.meta_path.insert(0, NoDatabaseLayer())
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from sassot_desktop.attendance.tonight import read_tonight
        from sassot_desktop.clock import venue_now
        from sassot_desktop.paths import resolve
        from sassot_desktop.ui.main_window import MainWindow
        import sassot_desktop.ui.app  # noqa: F401

        qt = QApplication([])
        folders = resolve({str(demo_workspace.paths.data_dir)!r})
        window = MainWindow(paths=folders)
        window.check_in.show_register(read_tonight(folders.database, venue_now()))
        window.show()
        qt.processEvents()
        print(window.check_in.model.rowCount())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) >= 25


def test_tonights_register_is_painted_before_the_qt_namespace_is_built(demo_workspace):
    """PySide6 builds the Python enums of the whole ``Qt`` namespace the first time anything
    uses it: about 40 ms that the first paint does without (bench/startup.py)."""
    script = textwrap.dedent(
        f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6 import QtCore
        from PySide6.QtWidgets import QApplication
        from sassot_desktop.attendance.tonight import read_tonight
        from sassot_desktop.clock import venue_now
        from sassot_desktop.paths import resolve
        from sassot_desktop.ui.main_window import MainWindow

        qt = QApplication([])
        folders = resolve({str(demo_workspace.paths.data_dir)!r})
        window = MainWindow(paths=folders)
        window.check_in.show_register(read_tonight(folders.database, venue_now()))
        window.show()
        window.grab()  # paints every widget, the register's rows and headings among them
        header = window.check_in.table.horizontalHeader()
        print("Qt" in vars(QtCore), header.model().headerData(0, header.orientation()))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    qt_built, heading = done.stdout.split()[-2:]
    assert qt_built == "False", "the first paint uses Qt's enums: see ui/table_model.py"
    assert heading == "Name"


def test_the_check_in_shortcuts_work_only_on_its_page_and_its_headings_for_screen_readers(
    qtbot, demo_workspace
):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    page = window.check_in
    assert page.actions()
    for action in page.actions():
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    # The header shows headings Qt keeps; screen readers read the model's.
    model = page.table.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == [
        "Name",
        "Club / organisation",
    ]
    # The roles, named by number in the model, are Qt's.
    assert (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.AccessibleTextRole,
    ) == (DISPLAY_ROLE, TOOL_TIP_ROLE, BACKGROUND_ROLE, ACCESSIBLE_TEXT_ROLE)


def _status(workspace, workshop_id: int, first_name: str) -> str:
    with workspace.db.read() as session:
        return session.scalar(
            select(Booking.status)
            .join(Person)
            .where(Person.first_name == first_name, Booking.workshop_id == workshop_id)
        )


def test_the_menus_answer_at_once_and_the_rest_comes_just_after_the_first_paint(
    qtbot, demo_workspace
):
    window = MainWindow(paths=demo_workspace.paths)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    shortcuts = {a.text(): a.shortcut().toString() for a in file_menu.actions() if a.text()}
    assert shortcuts["&Sync now"] == "Ctrl+Shift+S"
    assert window.shared_drive is None  # nothing the first paint shows is built before it

    window.check_in.show_register(read_tonight(demo_workspace.paths.database, venue_now()))
    window.show()
    qtbot.waitUntil(lambda: window.shared_drive is not None)
    notes = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert f"Data: {demo_workspace.paths.data_dir}" in notes
    assert window.offline_registers is not None
