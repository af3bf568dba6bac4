"""The shared drive in the window: Settings…, Sync now, the status-bar note, automatic syncs."""

from __future__ import annotations

import os
import re
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from keys import press, type_text
from sassot_desktop.exchange.outbox import refresh
from sassot_desktop.settings import Settings
from sassot_desktop.ui import main_window
from sassot_desktop.ui.main_window import MainWindow
from sassot_desktop.ui.settings_dialog import SettingsDialog
from screens import click_button, message_box, open_dialog

SYNCED = re.compile(r"^Synced \d\d:\d\d · nothing waiting$")
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def drive(tmp_path):
    folder = tmp_path / "fileserver" / "Workforce"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def exported(workspace):
    """Three exports in the outbox: the programme and people as the database gives them, and
    an attendance list."""
    refresh(workspace.db, workspace.paths)
    outbox = workspace.paths.outbox
    (outbox / "Attendance").mkdir()
    (outbox / "Attendance" / "2026-11-23 Safeguarding (#42).csv").write_bytes(b"Zo\xc3\xab")
    return outbox


def open_window(qtbot, workspace) -> MainWindow:
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    return main


@pytest.fixture
def window(qtbot, workspace, monkeypatch):
    """The window, its start-up sync (nothing to do: no folder chosen yet) already over."""
    monkeypatch.setattr(main_window, "START_SYNC_DELAY_MS", 0)
    main = open_window(qtbot, workspace)
    qtbot.waitUntil(lambda: main.shared_drive.note.text() == "Shared drive not chosen")
    return main


def choose_target(workspace, drive) -> None:
    Settings(workspace.paths.data_dir).set("sync_target", str(drive))


def files_on(drive) -> list[str]:
    return sorted(p.relative_to(drive).as_posix() for p in drive.rglob("*") if p.is_file())


def test_the_officer_chooses_the_folder_in_settings_and_the_exports_go_there(
    window, qtbot, workspace, exported, drive
):
    assert window.shared_drive.note.accessibleName() == "Shared drive"
    press(window, Qt.Key.Key_Comma, CTRL)
    dialog = open_dialog(window, SettingsDialog)
    assert dialog is not None
    labels = {label.buddy(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels[dialog.folder] == "&Shared drive folder:"
    assert dialog.folder.accessibleName() == "Shared drive folder"

    type_text(dialog.folder, str(drive))
    click_button_in(dialog, "Save")

    assert Settings(workspace.paths.data_dir).get("sync_target") == str(drive)
    qtbot.waitUntil(lambda: SYNCED.match(window.shared_drive.note.text()) is not None)
    assert files_on(drive) == [
        "Attendance/2026-11-23 Safeguarding (#42).csv",
        "People.xlsx",
        "Workshop programme.xlsx",
    ]
    summary = f"Synced 3 files to {drive}: 3 copied, 0 unchanged."
    assert window.shared_drive.note.toolTip() == summary


def click_button_in(dialog, text: str) -> None:
    from PySide6.QtWidgets import QPushButton

    [button] = [b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == text]
    button.click()


def test_browse_puts_the_chosen_folder_in_the_field(window, qtbot, drive):
    window.open_settings()
    dialog = open_dialog(window, SettingsDialog)
    click_button_in(dialog, "Browse…")
    chooser = open_dialog(dialog, QFileDialog)
    assert chooser is not None and chooser.fileMode() == QFileDialog.FileMode.Directory

    chooser.fileSelected.emit(str(drive))

    assert dialog.folder.text() == str(drive)


def test_sync_now_copies_and_a_second_one_has_nothing_to_do(
    window, qtbot, workspace, exported, drive
):
    choose_target(workspace, drive)

    press(window, Qt.Key.Key_S, CTRL_SHIFT)

    qtbot.waitUntil(lambda: SYNCED.match(window.shared_drive.note.text()) is not None)
    assert len(files_on(drive)) == 3
    assert window.statusBar().currentMessage() == (
        f"Synced 3 files to {drive}: 3 copied, 0 unchanged."
    )
    (exported / "People.xlsx").write_bytes(b"PK people, walk-ins added")
    window.shared_drive.sync_now()
    qtbot.waitUntil(lambda: "1 copied" in window.statusBar().currentMessage())
    assert (drive / "People.xlsx").read_bytes() == b"PK people, walk-ins added"


def test_sync_now_with_the_drive_out_of_reach_says_so_once(
    window, qtbot, workspace, exported, tmp_path
):
    missing = tmp_path / "unmapped"
    choose_target(workspace, missing)

    window.shared_drive.sync_now()

    qtbot.waitUntil(lambda: message_box(window) is not None)
    box = message_box(window)
    assert box.text().startswith(f"The shared-drive folder {missing} cannot be reached.")
    assert window.shared_drive.note.text() == "Shared drive not reachable · 3 files waiting"
    click_button(box, "OK")


def test_an_automatic_sync_to_a_slow_missing_drive_never_holds_the_window(
    window, qtbot, workspace, exported, tmp_path, monkeypatch
):
    missing = str(tmp_path / "unmapped")
    choose_target(workspace, missing)
    answer = threading.Event()
    isdir = os.path.isdir

    def slow_network_path(path):
        if str(path) == missing:
            answer.wait(10)  # Windows looking for a server that is not there
            return False
        return isdir(path)

    monkeypatch.setattr(os.path, "isdir", slow_network_path)

    window.shared_drive.sync_automatically()

    assert window.shared_drive.note.text() == "Syncing to the shared drive…"
    window.show_workshops()  # the window answers while the drive does not
    assert window.pages.currentWidget() is window.workshops
    answer.set()
    qtbot.waitUntil(lambda: "not reachable" in window.shared_drive.note.text())
    assert window.shared_drive.note.text() == "Shared drive not reachable · 3 files waiting"
    assert message_box(window) is None


def test_a_colleagues_change_is_kept_and_the_officer_is_told(
    window, qtbot, workspace, exported, drive
):
    choose_target(workspace, drive)
    window.shared_drive.sync_now()
    qtbot.waitUntil(lambda: SYNCED.match(window.shared_drive.note.text()) is not None)
    (drive / "People.xlsx").write_bytes(b"finance's version")
    os.utime(drive / "People.xlsx", ns=(1, 1))
    (exported / "People.xlsx").write_bytes(b"PK ours, newer")

    window.shared_drive.sync_now()

    qtbot.waitUntil(lambda: message_box(window) is not None)
    box = message_box(window)
    assert "changed there by someone else" in box.text()
    assert "People (SASSOT copy " in box.detailedText()
    assert window.shared_drive.note.text().endswith("· nothing waiting · 1 conflict")
    assert (drive / "People.xlsx").read_bytes() == b"finance's version"
    click_button(box, "OK")


def test_sync_now_without_a_folder_says_where_to_choose_one(window, qtbot):
    window.shared_drive.sync_now()

    box = message_box(window)
    assert isinstance(box, QMessageBox)
    assert "File → Settings…" in box.text()
    assert window.shared_drive.note.text() == "Shared drive not chosen"
    click_button(box, "OK")


def test_the_window_syncs_by_itself_once_it_is_up(qtbot, workspace, exported, drive):
    choose_target(workspace, drive)

    window = open_window(qtbot, workspace)

    qtbot.waitUntil(lambda: len(files_on(drive)) == 3, timeout=10_000)
    qtbot.waitUntil(lambda: SYNCED.match(window.shared_drive.note.text()) is not None)
    assert message_box(window) is None


def test_closing_the_register_syncs_by_itself(qtbot, demo_workspace, drive):
    choose_target(demo_workspace, drive)
    window = open_window(qtbot, demo_workspace)
    window.show_start_page()
    qtbot.waitUntil(lambda: SYNCED.match(window.shared_drive.note.text()) is not None)
    register = demo_workspace.paths.outbox / "Attendance.csv"
    register.write_bytes(b"tonight's register")

    window.check_in.close_register()
    click_button(message_box(window.check_in), "Close register")

    qtbot.waitUntil(lambda: (drive / "Attendance.csv").exists())
    assert (drive / "Attendance.csv").read_bytes() == b"tonight's register"


def test_sync_now_during_an_automatic_sync_follows_it_and_is_answered(
    window, qtbot, workspace, exported, tmp_path, monkeypatch
):
    missing = str(tmp_path / "unmapped")
    choose_target(workspace, missing)
    answer = threading.Event()
    isdir = os.path.isdir
    monkeypatch.setattr(
        os.path, "isdir", lambda path: answer.wait(10) and False if path == missing else isdir(path)
    )
    window.shared_drive.sync_automatically()

    press(window, Qt.Key.Key_S, CTRL_SHIFT)

    assert window.statusBar().currentMessage() == (
        "A sync is under way; another follows as soon as it ends."
    )
    answer.set()
    qtbot.waitUntil(lambda: message_box(window) is not None)
    assert "cannot be reached" in message_box(window).text()
    click_button(message_box(window), "OK")
