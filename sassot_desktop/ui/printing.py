"""Printing a workshop's sign-in sheet and certificates from the window.

The PDF is built in the background (the first one of a session also loads ReportLab and the
fonts), then shown in a preview to print or save. Certificates count as printed only when
they were printed or saved from that preview.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QWidget

from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.documents import WALK_IN_ROWS
from sassot_desktop.errors import UserError
from sassot_desktop.exchange import outbox
from sassot_desktop.paths import DataPaths
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.pdf_preview import PdfPreview, pdf_file_name
from sassot_desktop.ui.runner import Runner

MOST_WALK_IN_ROWS = 60


class SignInSheetPrinting:
    """The preview of one workshop's sign-in sheet, with the number of blank walk-in rows."""

    def __init__(
        self, db: Database, paths: DataPaths, runner: Runner, workshop_id: int, parent: QWidget
    ) -> None:
        self._db, self._paths, self._runner = db, paths, runner
        self._workshop_id, self._parent = workshop_id, parent
        self.preview: PdfPreview | None = None
        self.walk_in_rows = QSpinBox()
        self.walk_in_rows.setRange(0, MOST_WALK_IN_ROWS)
        self.walk_in_rows.setValue(WALK_IN_ROWS)
        self.walk_in_rows.setAccessibleName("Blank rows for walk-ins")
        self.walk_in_rows.valueChanged.connect(lambda _rows: self._build())
        self._build()

    def _build(self) -> None:
        db, workshop_id, rows = self._db, self._workshop_id, self.walk_in_rows.value()

        def work(progress):
            from sassot_desktop.attendance.sign_in import sign_in_sheet
            from sassot_desktop.documents.sign_in_sheet import build_sign_in_sheet

            with db.read() as session:
                sheet = sign_in_sheet(session, workshop_id, venue_today(), rows)
            return sheet, build_sign_in_sheet(sheet)

        self._runner.run(
            work,
            on_done=self._show,
            on_error=lambda error: show_error(self._parent, error, str(self._paths.log_file)),
            title="Preparing the sign-in sheet",
            parent=self._parent,
            quiet=self.preview is not None,
        )

    def _show(self, built) -> None:
        sheet, pdf = built
        if self.preview is not None:
            self.preview.show_pdf(pdf)
            return
        options = QWidget()
        row = QHBoxLayout(options)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Blank rows for &walk-ins:")
        label.setBuddy(self.walk_in_rows)
        row.addWidget(label)
        row.addWidget(self.walk_in_rows)
        name = pdf_file_name("Sign-in sheet", sheet.workshop.date.isoformat(), sheet.workshop.title)
        self.preview = PdfPreview(
            f"Sign-in sheet: {sheet.workshop.title}",
            pdf,
            name,
            self._paths.exports,
            self._parent,
            options=options,
        )
        self.preview.delivered.connect(
            lambda _how: keep_for_shared_drive(
                self._paths, outbox.SIGN_IN_SHEETS, name, self.preview
            )
        )
        self.preview.open()


class CertificatePrinting:
    """Issue a workshop's certificates, preview them, and note each printing or saving."""

    def __init__(
        self,
        db: Database,
        paths: DataPaths,
        runner: Runner,
        workshop_id: int,
        parent: QWidget,
        on_delivered=None,
    ) -> None:
        self._db, self._paths, self._parent = db, paths, parent
        self._workshop_id = workshop_id
        self._on_delivered = on_delivered
        self.preview: PdfPreview | None = None
        self._issued = []

        def work(progress):
            from sassot_desktop.certificates import issuing
            from sassot_desktop.documents.certificates import build_certificates

            with db.write() as session:
                issued = issuing.certificates_to_print(session, workshop_id)
            if not issued:
                return issued, b""
            pdf = build_certificates([one.text for one in issued], progress=progress)
            return issued, pdf

        runner.run(
            work,
            on_done=self._show,
            on_error=lambda error: show_error(parent, error, str(paths.log_file)),
            title="Preparing certificates",
            parent=parent,
        )

    def _show(self, built) -> None:
        self._issued, pdf = built
        if not self._issued:
            show_error(
                self._parent,
                UserError(
                    "No one on this workshop has earned a certificate yet: those marked attended "
                    "or late earn one, and you can give one to anyone else from the workshop "
                    "page. Record the night's attendance first."
                ),
            )
            return
        first = self._issued[0].text
        reprints = sum(one.printed_before for one in self._issued)
        title = f"Certificates: {first.course} ({len(self._issued)}"
        title += f", {reprints} printed before)" if reprints else ")"
        name = pdf_file_name("Certificates", first.date.isoformat(), first.course)
        self.preview = PdfPreview(title, pdf, name, self._paths.exports, self._parent)
        self.preview.delivered.connect(self._delivered)
        self.preview.delivered.connect(
            lambda _how: keep_for_shared_drive(self._paths, outbox.CERTIFICATES, name, self.preview)
        )
        self.preview.open()

    def _delivered(self, how: str) -> None:
        from sassot_desktop.certificates import issuing

        try:
            with self._db.write() as session:
                printing = issuing.record_printing(session, self._workshop_id, self._issued)
        except Exception as error:
            show_error(self._parent, error, str(self._paths.log_file))
            return
        done = "Printed" if how == "printed" else f"Saved to {how}:"
        reprints = f" ({printing.reprints} reprints)" if printing.reprints else ""
        count = printing.total
        message = f"{done} {count} certificate{'s' if count != 1 else ''}{reprints}."
        if self._on_delivered is not None:
            self._on_delivered(message)


def keep_for_shared_drive(paths: DataPaths, folder: str, name: str, preview: PdfPreview) -> None:
    """What was printed or saved also goes to the outbox, for the next sync to the drive."""
    try:
        outbox.keep_printed(paths, folder, name, preview.pdf)
    except Exception as error:  # printing succeeded; only the copy for the drive is missing
        show_error(preview, error, str(paths.log_file))
