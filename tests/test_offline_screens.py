"""The evening offline through the window: take the register from the workshop's page, tick
at the venue in a window on the laptop's file, upload, and read the report with its merges."""

from __future__ import annotations

import os
import re
from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu
from sqlalchemy import func, select

from sassot_desktop.attendance import offline, register
from sassot_desktop.clock import venue_today
from sassot_desktop.db.models import Booking, Person
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.ui import app
from sassot_desktop.ui.offline_register_list import OfflineRegisterList
from sassot_desktop.ui.offline_registers import UploadReportDialog
from sassot_desktop.ui.walk_ins_on_file import WalkInsOnFileDialog
from sassot_desktop.workshops import bookings, catalogue
from sassot_desktop.workshops.catalogue import WorkshopDetails
from screens import column_texts, message_box, open_dialog, shown_window

CONSENT = "Paper form signed at the venue"


def tonight(workspace) -> tuple[int, int]:
    with workspace.db.write() as session:
        workshop_id = catalogue.create_workshop(
            session,
            WorkshopDetails(
                title="Safeguarding and Protecting Children",
                provider="UK Coaching",
                date=venue_today(),
                start_time=time(18, 30),
                end_time=time(21, 30),
                venue_name="Fenton Manor Sports Complex",
                capacity=30,
            ),
        ).id
        for first, last in (("Zoë", "Ó'Brien"), ("Priya", "Patel"), ("Tom", "Baker")):
            person = create_person(session, PersonDetails(first, last))
            bookings.book(session, workshop_id, person.id)
        olga = create_person(
            session,
            PersonDetails("Olga", "Kuznetsova", email="olga.k@example.org", consent_method=CONSENT),
        ).id
    return workshop_id, olga


def test_take_offline_tick_at_the_venue_and_upload_from_the_window(qtbot, workspace, tmp_path):
    workshop_id, olga = tonight(workspace)
    window = shown_window(qtbot, workspace)
    window.show_workshop(workshop_id)
    page = window.workshop
    assert page.offline_note.isHidden()

    qtbot.mouseClick(page.offline_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.offline_note.isVisible())
    assert page.offline_note.text().startswith(f"Taken offline by {workspace.db.officer}")
    assert f"on {offline.this_computer()} at " in page.offline_note.text()
    page.grab().save(str(tmp_path / "workshop-page-offline.png"))
    (copy,) = offline.copies_in(offline.folder_of(workspace.paths.data_dir))

    # At the venue: a window on the laptop's file, opened on the evening's check-in.
    venue = app.show_offline_register(workspace.paths, copy)
    qtbot.addWidget(venue)
    qtbot.waitExposed(venue)
    assert "offline register" in venue.windowTitle()
    assert venue.pages.currentWidget() is venue.check_in
    qtbot.keyClicks(venue.check_in.search, "priya")
    qtbot.keyClick(venue.check_in.search, Qt.Key.Key_Return)
    with venue.workspace.db.write() as session:
        for first, phone in (("Olga", "07700 900123"), ("Olena", None)):
            details = PersonDetails(
                first, "Kuznetsova", email="olga.k@example.org", phone=phone, consent_method=CONSENT
            )
            register.add_walk_in(session, workshop_id, details)
    venue.grab().save(str(tmp_path / "check-in-offline.png"))
    assert offline.read_copy(copy.path).waiting == 3
    venue.close()
    venue.workspace.close()
    people_before = people_count(workspace)

    # Before anything is uploaded, the walk-ins who may be on file are asked about.
    qtbot.mouseClick(page.upload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: open_dialog(window, WalkInsOnFileDialog) is not None)
    asked = open_dialog(window, WalkInsOnFileDialog)
    qtbot.waitExposed(asked)
    assert [asked.walk_ins.item(row).text() for row in range(2)] == [
        "Olga Kuznetsova: to answer",
        "Olena Kuznetsova: to answer",
    ]
    assert not asked.upload_button.isEnabled()
    assert sorted(mnemonics(asked)) == sorted(set(mnemonics(asked))) == ["c", "e", "s", "u", "w"]
    given, held, note, replace = asked.cells["phone"]
    assert (given.text(), held.text(), note.text()) == ("07700 900123", "—", "added")
    assert asked.cells["email"][2].text() == "kept" and replace.isHidden()
    asked.grab().save(str(tmp_path / "walk-ins-on-file.png"))
    qtbot.keyClick(asked, Qt.Key.Key_Escape)  # Cancel uploads nothing
    qtbot.waitUntil(lambda: not asked.isVisible())
    assert offline.read_copy(copy.path).waiting == 3
    assert people_count(workspace) == people_before

    qtbot.mouseClick(page.upload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: open_dialog(window, WalkInsOnFileDialog) is not None)
    asked = open_dialog(window, WalkInsOnFileDialog)
    qtbot.waitExposed(asked)
    press_alt(qtbot, asked, Qt.Key.Key_S)  # Olga is Olga
    qtbot.waitUntil(lambda: asked.walk_ins.currentRow() == 1)  # on to the next to answer
    name_given, name_held, _, use_theirs = asked.cells["name"]
    assert (name_given.text(), name_held.text()) == ("Olena Kuznetsova", "Olga Kuznetsova")
    assert not use_theirs.isHidden() and not use_theirs.isChecked()
    press_alt(qtbot, asked, Qt.Key.Key_E)  # Olena is her daughter, sharing the family email
    qtbot.waitUntil(asked.upload_button.isEnabled)
    asked.grab().save(str(tmp_path / "walk-ins-answered.png"))
    press_alt(qtbot, asked, Qt.Key.Key_U)

    qtbot.waitUntil(lambda: open_dialog(window, UploadReportDialog) is not None)
    report = open_dialog(window, UploadReportDialog)
    changes = [report.changes.item(row).text() for row in range(report.changes.count())]
    assert changes[0] == (
        f"Olga Kuznetsova walked in: booked as Olga Kuznetsova (#{olga}), already on file; "
        "added their phone."
    )
    assert report.duplicates.count() == 0 and report.merge_button.isHidden()
    report.grab().save(str(tmp_path / "upload-report.png"))
    assert people_count(workspace) == people_before + 1  # Olena; Olga was not duplicated
    with workspace.db.read() as session:
        statuses = dict(
            session.execute(
                select(Person.first_name, Booking.status).join(
                    Person, Person.id == Booking.person_id
                )
            ).all()
        )
        assert session.get(Person, olga).phone == "07700 900123"
    assert (statuses["Priya"], statuses["Olga"], statuses["Olena"]) == ("attended",) * 3
    keep_screenshots(tmp_path)


def people_count(workspace) -> int:
    with workspace.db.read() as session:
        return session.scalar(select(func.count()).select_from(Person))


def file_menu_item(window, text: str):
    [menu] = [m for m in window.menuBar().findChildren(QMenu) if m.title() == "&File"]
    [action] = [a for a in menu.actions() if a.text() == text]
    return action


def mnemonics(widget) -> list[str]:
    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    texts += [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisible()]
    return [m.group(1).lower() for text in texts for m in re.finditer(r"&([^&\s])", text)]


def press_alt(qtbot, dialog, key: Qt.Key) -> None:
    """Alt and a letter with the focus in ``dialog``, as the officer would press them."""
    dialog.activateWindow()
    qtbot.waitUntil(
        lambda: (
            QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog
        )
    )
    qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)


def test_the_list_of_offline_registers_uploads_one_and_moves_its_copy_to_the_backups(
    qtbot, workspace, tmp_path
):
    workshop_id, _ = tonight(workspace)
    folder = offline.folder_of(workspace.paths.data_dir)
    copy = offline.take_offline(workspace.db, workshop_id, folder)
    with offline.open_copy(copy.path).write() as session:
        priya = session.scalar(select(Booking.id).join(Person).where(Person.first_name == "Priya"))
        register.check_in(session, priya)
    window = shown_window(qtbot, workspace)
    window.show_workshops()
    (course,) = [row for row in column_texts(window.workshops.model, 2) if "Safeguarding" in row]
    assert course == "Safeguarding and Protecting Children (offline)"

    file_menu_item(window, "&Offline registers…").trigger()
    listing = open_dialog(window, OfflineRegisterList)
    qtbot.waitExposed(listing)
    assert column_texts(listing.model) == ["Safeguarding and Protecting Children"]
    window.workshops.grab().save(str(tmp_path / "workshop-list-offline.png"))
    assert [listing.model.index(0, column).data() for column in (2, 4)] == ["1", "not yet"]
    assert listing.model.index(0, 3).data().endswith(f" by {workspace.db.officer}")
    assert sorted(mnemonics(listing)) == sorted(set(mnemonics(listing))) == ["o", "r", "t", "u"]
    assert (listing.upload_button.isEnabled(), listing.remove_button.isEnabled()) == (True, False)
    listing.grab().save(str(tmp_path / "offline-registers.png"))

    press_alt(qtbot, listing, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: open_dialog(window, UploadReportDialog) is not None)
    report = open_dialog(window, UploadReportDialog)
    assert report.remove_button.isVisible()
    assert listing.model.index(0, 2).data() == "nothing"
    assert listing.model.index(0, 4).data() != "not yet"
    assert (listing.upload_button.isEnabled(), listing.remove_button.isEnabled()) == (False, True)
    # Uploaded, the register is still the laptop's until its copy is removed.
    window.show_workshops()
    assert course in column_texts(window.workshops.model, 2)
    window.show_workshop(workshop_id)
    assert window.workshop.offline_note.isVisible()
    assert "; last uploaded at " in window.workshop.offline_note.text()
    window.workshop.grab().save(str(tmp_path / "workshop-page-uploaded.png"))
    report.grab().save(str(tmp_path / "upload-report-complete.png"))

    qtbot.mouseClick(report.remove_button, Qt.MouseButton.LeftButton)

    assert not copy.path.exists()
    (moved,) = workspace.paths.backups.glob("offline-workshop-*.db")
    assert offline.read_copy(moved).is_uploaded
    assert listing.model.rowCount() == 0 and listing.empty.isVisible()
    assert "to the backups folder" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.workshop.offline_note.isVisible())  # the server told
    window.show_workshops()
    assert "Safeguarding and Protecting Children" in column_texts(window.workshops.model, 2)
    assert not list(folder.glob("removed-*"))
    listing.grab().save(str(tmp_path / "offline-registers-empty.png"))
    qtbot.keyClick(listing, Qt.Key.Key_Escape)
    assert not listing.isVisible()
    keep_screenshots(tmp_path)


def test_the_list_opens_a_registers_check_in_and_refuses_to_remove_one_not_uploaded(
    qtbot, workspace, tmp_path
):
    workshop_id, _ = tonight(workspace)
    folder = offline.folder_of(workspace.paths.data_dir)
    copy = offline.take_offline(workspace.db, workshop_id, folder)
    window = shown_window(qtbot, workspace)
    file_menu_item(window, "&Offline registers…").trigger()
    listing = open_dialog(window, OfflineRegisterList)
    qtbot.waitExposed(listing)

    press_alt(qtbot, listing, Qt.Key.Key_O)
    qtbot.waitUntil(lambda: window.offline_registers.venue_windows != [])

    (venue,) = window.offline_registers.venue_windows
    qtbot.waitExposed(venue)
    assert venue.pages.currentWidget() is venue.check_in
    assert venue.workspace.db.url.endswith(copy.path.name)
    venue.close()
    qtbot.waitUntil(lambda: window.offline_registers.venue_windows == [])

    window.offline_registers.remove([copy.path])  # as the report's button would, too soon
    box = message_box(window)
    assert box is not None and "upload it first, then remove the copy" in box.text()
    box.close()
    assert copy.path.exists() and listing.model.rowCount() == 1


def keep_screenshots(tmp_path) -> None:
    if os.environ.get("SASSOT_KEEP_SCREENSHOTS"):
        for png in tmp_path.glob("*.png"):
            png.replace(os.path.join(os.environ["SASSOT_KEEP_SCREENSHOTS"], png.name))
