"""The evening offline through the window: take the register from the workshop's page, tick
at the venue in a window on the laptop's file, upload, and read the report with its merges."""

from __future__ import annotations

import os
from datetime import time

from PySide6.QtCore import Qt
from sqlalchemy import select

from sassot_desktop.attendance import offline, register
from sassot_desktop.clock import venue_today
from sassot_desktop.db.models import Booking, Person
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.ui import app
from sassot_desktop.ui.merge_dialog import MergeDialog
from sassot_desktop.ui.offline_registers import UploadReportDialog
from sassot_desktop.workshops import bookings, catalogue
from sassot_desktop.workshops.catalogue import WorkshopDetails
from screens import open_dialog, shown_window

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
    venue = app._show_offline(workspace.paths, copy)
    qtbot.addWidget(venue)
    qtbot.waitExposed(venue)
    assert "offline register" in venue.windowTitle()
    assert venue.pages.currentWidget() is venue.check_in
    qtbot.keyClicks(venue.check_in.search, "priya")
    qtbot.keyClick(venue.check_in.search, Qt.Key.Key_Return)
    with venue.workspace.db.write() as session:
        register.add_walk_in(
            session,
            workshop_id,
            PersonDetails("Olga", "Kuznetsova", email="OLGA.K@example.org", consent_method=CONSENT),
        )
    venue.grab().save(str(tmp_path / "check-in-offline.png"))
    assert offline.read_copy(copy.path).waiting == 2
    venue.close()
    venue.workspace.close()

    qtbot.mouseClick(page.upload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: open_dialog(window, UploadReportDialog) is not None)
    report = open_dialog(window, UploadReportDialog)
    assert page.offline_note.isHidden()
    assert report.duplicates.count() == 1
    assert (
        report.duplicates.item(0)
        .text()
        .startswith("Olga Kuznetsova walked in and may be Olga Kuznetsova (")
    )
    report.grab().save(str(tmp_path / "upload-report.png"))
    with workspace.db.read() as session:
        priya = session.scalar(
            select(Booking.status)
            .join(Person, Person.id == Booking.person_id)
            .where(Person.first_name == "Priya")
        )
    assert priya == "attended"

    qtbot.mouseClick(report.merge_button, Qt.MouseButton.LeftButton)
    merge = open_dialog(window, MergeDialog)
    assert merge is not None
    if os.environ.get("SASSOT_KEEP_SCREENSHOTS"):
        for png in tmp_path.glob("*.png"):
            png.replace(os.path.join(os.environ["SASSOT_KEEP_SCREENSHOTS"], png.name))
