"""A PDF the program made, shown before it goes anywhere: print it, save it, or close it.

The document builders return PDF bytes; this dialog is the only place they meet Qt. Printing
renders each page through QtPdf (at up to 300 dpi), so what comes out of the printer is what
the preview showed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop import files
from sassot_desktop.errors import UserError
from sassot_desktop.ui.messages import show_error

PRINT_DPI = 300


class PdfPreview(QDialog):
    """Shows ``pdf``; ``delivered`` is emitted each time it is printed or saved."""

    delivered = Signal(str)  # how: "printed" or the path saved to

    def __init__(
        self,
        title: str,
        pdf: bytes,
        file_name: str,
        save_folder: Path,
        parent: QWidget | None = None,
        options: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._file_name = file_name
        self._save_folder = save_folder
        self._pdf = b""
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Preview")
        self.pages = QLabel()
        self.pages.setAccessibleName("Pages")

        self.print_button = QPushButton("&Print…")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip("Print (Ctrl+P)")
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button = QPushButton("&Save PDF…")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip("Save as a PDF file (Ctrl+S)")
        self.save_button.clicked.connect(self.save_with_dialog)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.setDefault(True)

        bar = QHBoxLayout()
        if options is not None:
            bar.addWidget(options)
        bar.addStretch(1)
        bar.addWidget(self.pages)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(900, 760)
        self.show_pdf(pdf)

    @property
    def pdf(self) -> bytes:
        return self._pdf

    def show_pdf(self, pdf: bytes) -> None:
        """Show another version of the document (the options changed)."""
        self._pdf = pdf
        # QPdfDocument reads from the device for as long as it shows the document.
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        count = self.document.pageCount()
        self.pages.setText("1 page" if count == 1 else f"{count} pages")

    # -- printing --------------------------------------------------------------------------
    def print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._file_name)
        self._match_orientation(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"Print {self.windowTitle()}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Render every page onto ``printer``, each scaled to fit its printable area."""
        self._match_orientation(printer)
        pages = self.document.pageCount()
        progress = QProgressDialog("Sending the pages to the printer…", "Cancel", 0, pages, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, UserError("The printer could not be started. Check it is on."))
            return
        try:
            for page in range(pages):
                progress.setValue(page)
                if progress.wasCanceled():
                    printer.abort()
                    return
                if page:
                    printer.newPage()
                self._render_page(painter, printer, page)
        finally:
            painter.end()
            progress.close()
        self.delivered.emit("printed")

    def _render_page(self, painter: QPainter, printer: QPrinter, page: int) -> None:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        points = self.document.pagePointSize(page)
        scale = min(area.width() / points.width(), area.height() / points.height())
        target = QRect(0, 0, round(points.width() * scale), round(points.height() * scale))
        # A 1200 dpi printer would otherwise get a 130 MB image per page; 300 dpi is sharp.
        sharp_enough = min(1.0, PRINT_DPI / printer.resolution())
        size = QSize(round(target.width() * sharp_enough), round(target.height() * sharp_enough))
        painter.drawImage(target, self.document.render(page, size))

    def _match_orientation(self, printer: QPrinter) -> None:
        if self.document.pageCount() == 0:
            return
        first = self.document.pagePointSize(0)
        landscape = first.width() > first.height()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )

    # -- saving ----------------------------------------------------------------------------
    def save_with_dialog(self) -> None:
        suggested = str(self._save_folder / self._file_name)
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save PDF", suggested, "PDF documents (*.pdf)"
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            files.write_atomically(path, self._pdf)
        except Exception as error:
            show_error(self, error)
            return
        self._save_folder = path.parent
        self.delivered.emit(str(path))


def pdf_file_name(*parts: str) -> str:
    """A file name from words: "Sign-in sheet 2026-11-23 Emergency First Aid.pdf"."""
    return files.safe_file_name(" ".join(part for part in parts if part)) + ".pdf"
