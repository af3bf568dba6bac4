"""Printing from the workshop page: the sign-in sheet and certificates previewed, printed and
saved through the real screens; the certificate given or withheld by hand."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import func, select

from sassot_desktop.db.models import Booking, CertificatePrinting, Workshop
from sassot_desktop.ui.pdf_preview import PdfPreview
from screens import column_texts, message_box, open_dialog, shown_window


@pytest.fixture
def window(qtbot, demo_workspace):
    return shown_window(qtbot, demo_workspace)


def past_workshop_with_attendance(workspace) -> tuple[int, int]:
    """The latest past demo workshop, and how many on it earned a certificate."""
    with workspace.db.read() as session:
        return session.execute(
            select(Booking.workshop_id, func.count())
            .join(Workshop, Workshop.id == Booking.workshop_id)
            .where(Booking.status.in_(("attended", "late")), Workshop.date < date.today())
            .group_by(Booking.workshop_id, Workshop.date)
            .order_by(Workshop.date.desc())
            .limit(1)
        ).one()


def todays_workshop(workspace) -> int:
    with workspace.db.read() as session:
        return session.scalar(
            select(Workshop.id).where(Workshop.date == date.today()).order_by(Workshop.start_time)
        )


def wait_for_preview(qtbot, window) -> PdfPreview:
    qtbot.waitUntil(lambda: open_dialog(window, PdfPreview) is not None, timeout=20_000)
    return open_dialog(window, PdfPreview)


def test_certificates_are_previewed_and_saving_them_counts_as_printing(
    window, qtbot, demo_workspace, tmp_path
):
    workshop_id, earned = past_workshop_with_attendance(demo_workspace)
    window.show_workshop(workshop_id)
    window.workshop.certificates_button.click()

    preview = wait_for_preview(qtbot, window)
    assert preview.document.pageCount() == earned
    assert preview.pages.text() == f"{earned} pages"
    with demo_workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(CertificatePrinting)) == 0

    preview.save_to(tmp_path / "certificates")  # the officer typed no extension

    saved = tmp_path / "certificates.pdf"
    assert len(PdfReader(saved).pages) == earned
    with demo_workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(CertificatePrinting)) == earned
    assert window.workshop.feedback.text() == f"Saved to {saved}: {earned} certificates."
    # What was saved also waits in the outbox for the shared drive, under the dialog's name.
    [kept] = (demo_workspace.paths.outbox / "Certificates").iterdir()
    assert kept.read_bytes() == saved.read_bytes() and kept.name.startswith("Certificates ")


def test_printing_renders_every_page_and_a_second_delivery_is_a_reprint(
    window, qtbot, demo_workspace, tmp_path
):
    workshop_id, earned = past_workshop_with_attendance(demo_workspace)
    window.show_workshop(workshop_id)
    window.workshop.certificates_button.click()
    preview = wait_for_preview(qtbot, window)
    preview.save_to(tmp_path / "first.pdf")

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.print_to(printer)

    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == earned
    first = printed.pages[0].mediabox
    assert first.width > first.height  # certificates come out landscape
    assert window.workshop.feedback.text() == f"Printed {earned} certificates ({earned} reprints)."


def test_the_sign_in_sheet_preview_changes_with_the_walk_in_rows(window, qtbot, demo_workspace):
    workshop_id = todays_workshop(demo_workspace)
    window.show_workshop(workshop_id)
    window.workshop.sheet_button.click()
    preview = wait_for_preview(qtbot, window)
    assert preview.document.pageCount() >= 1
    five_rows = preview.pdf

    options = preview.findChild(type(window.printing.walk_in_rows))
    options.setValue(12)
    qtbot.waitUntil(lambda: preview.pdf != five_rows, timeout=10_000)

    from io import BytesIO

    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(preview.pdf)).pages)
    people = window.workshop.model.rowCount()
    assert str(people + 12) in text.split()
    sheets = demo_workspace.paths.outbox / "Sign-in sheets"
    assert not sheets.exists()  # only a sheet printed or saved goes to the shared drive
    preview.save_to(demo_workspace.paths.exports / "sheet.pdf")
    [kept] = sheets.iterdir()
    assert kept.read_bytes() == preview.pdf


def test_a_workshop_with_nobody_in_yet_says_why_there_are_no_certificates(
    window, qtbot, demo_workspace
):
    with demo_workspace.db.read() as session:
        workshop_id = session.scalar(
            select(Workshop.id).where(Workshop.date > date.today()).order_by(Workshop.date)
        )
    window.show_workshop(workshop_id)
    window.workshop.certificates_button.click()
    qtbot.waitUntil(lambda: message_box(window) is not None, timeout=20_000)
    assert "Record the night's attendance first" in message_box(window).text()
    assert open_dialog(window, PdfPreview) is None


def test_the_officer_gives_a_certificate_to_someone_who_left_early(window, qtbot, demo_workspace):
    workshop_id, _earned = past_workshop_with_attendance(demo_workspace)
    with demo_workspace.db.write() as session:
        booking = session.scalars(
            select(Booking).where(Booking.workshop_id == workshop_id, Booking.status == "attended")
        ).first()
        booking.status = "left early"
        name = f"{booking.person.first_name} {booking.person.last_name}"
    window.show_workshop(workshop_id)
    page = window.workshop
    row = column_texts(page.model).index(name)
    certificate_column = page.model.COLUMNS.index("Certificate")
    assert page.model.index(row, certificate_column).data() == ""

    page.table.selectRow(row)
    page.give_certificate_button.click()

    assert page.model.index(row, certificate_column).data() == "yes"
    assert page.feedback.text().endswith("will get a certificate.")
    page.give_certificate_button.click()
    assert page.model.index(row, certificate_column).data() == ""


def test_the_print_button_goes_through_the_print_dialog(
    window, qtbot, demo_workspace, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QDialog

    from sassot_desktop.ui import pdf_preview

    class PrintToFile(pdf_preview.QPrintDialog):
        """The officer picks a printer (here, a PDF file) and presses Print."""

        def exec(self) -> int:
            self.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer().setOutputFileName(str(tmp_path / "from-dialog.pdf"))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(pdf_preview, "QPrintDialog", PrintToFile)
    workshop_id = todays_workshop(demo_workspace)
    window.show_workshop(workshop_id)
    window.workshop.sheet_button.click()
    preview = wait_for_preview(qtbot, window)

    preview.print_button.click()

    printed = PdfReader(tmp_path / "from-dialog.pdf")
    assert len(printed.pages) == preview.document.pageCount()
    first = printed.pages[0].mediabox
    assert first.height > first.width  # the sheet comes out portrait
