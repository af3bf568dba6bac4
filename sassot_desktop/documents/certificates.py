"""Certificates of attendance: one A4 landscape page per person, with a verification code that
can be read aloud or scanned.

Drawn on a bare canvas rather than with Platypus because 500 are printed at a time: what every
page shares is drawn once as a form and reused, and each person's text is fitted with plain
font metrics.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from sassot_desktop.documents.fitting import FittedText, fit_text
from sassot_desktop.documents.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, register_fonts
from sassot_desktop.documents.partnership import PARTNERSHIP
from sassot_desktop.documents.qr import draw_qr
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import long_date
from sassot_desktop.progress import Progress

TITLE = "Certificate of Attendance"

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
CENTRE = PAGE_WIDTH / 2
TEXT_WIDTH = PAGE_WIDTH - 2 * 30 * mm  # the widest any line may run, well inside the border
NAME_LARGEST, NAME_SMALLEST = 40, 9  # at 9 pt even sixty W's fit on one line
COURSE_LARGEST, COURSE_SMALLEST = 24, 14
QR_SIDE = 30 * mm  # quiet zone included
ACCENT = Color(0.08, 0.25, 0.40)  # a deep blue that prints well in grey too
MUTED = Color(0.33, 0.33, 0.33)
_FURNITURE = "certificate-furniture"


@dataclass(frozen=True)
class Certificate:
    name: str
    course: str
    date: datetime.date
    venue: str  # "" when not known
    tutor: str | None
    code: str  # verification code as printed, e.g. "7K4-MQ2-X9R"; "" prints none
    # What the person did, the line between name and ``course``: an award certificate says
    # "is recognised as" and "Volunteer of the Year 2026 — Winner" in place of a course.
    achievement: str = "attended"


def build_certificates(
    certificates: Sequence[Certificate], progress: Progress | None = None, title: str = TITLE
) -> bytes:
    """One page per certificate, in the order given, headed ``title``; ``progress`` hears of
    every page and raises ``Cancelled`` if the officer stops the print."""
    if not certificates:
        raise UserError("There are no certificates to print.")
    register_fonts(SANS, SANS_BOLD, SERIF, SERIF_BOLD)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        initialFontName=SANS,
        invariant=1,  # the same certificates give the same bytes
    )
    courses = {certificate.course for certificate in certificates}
    canvas.setTitle(f"{title}: {courses.pop()}" if len(courses) == 1 else f"{title}s")
    canvas.setAuthor(PARTNERSHIP)
    _draw_furniture_form(canvas, title)
    total = len(certificates)
    for done, certificate in enumerate(certificates):
        if progress is not None:
            progress.report(done, total, f"Certificate {done + 1} of {total}")
        canvas.doForm(_FURNITURE)
        _draw_person(canvas, certificate)
        canvas.showPage()
    if progress is not None:
        progress.report(total, total, "Saving the certificates")
    canvas.save()
    return buffer.getvalue()


def _draw_furniture_form(canvas: Canvas, title: str) -> None:
    """Border, partnership, title: identical on every page, so stored once and reused."""
    canvas.beginForm(_FURNITURE)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(2.5)
    canvas.rect(12 * mm, 12 * mm, PAGE_WIDTH - 24 * mm, PAGE_HEIGHT - 24 * mm)
    canvas.setLineWidth(0.6)
    canvas.rect(15 * mm, 15 * mm, PAGE_WIDTH - 30 * mm, PAGE_HEIGHT - 30 * mm)

    canvas.setFillColor(ACCENT)
    canvas.setFont(SANS_BOLD, 12)
    canvas.drawCentredString(CENTRE, _from_top(36), PARTNERSHIP.upper(), charSpace=1.2)
    canvas.setLineWidth(0.8)
    canvas.line(CENTRE - 30 * mm, _from_top(41), CENTRE + 30 * mm, _from_top(41))
    canvas.setFont(SERIF_BOLD, 34)
    canvas.drawCentredString(CENTRE, _from_top(60), title)

    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 13)
    canvas.drawCentredString(CENTRE, _from_top(80), "This is to certify that")
    canvas.endForm()


def _draw_person(canvas: Canvas, certificate: Certificate) -> None:
    """Name, course, when and where, and the code, stacked down from under the title."""
    name = fit_text(certificate.name, SERIF_BOLD, TEXT_WIDTH, NAME_LARGEST, NAME_SMALLEST)
    canvas.setFillColor(ACCENT)
    y = _draw_lines(canvas, name, SERIF_BOLD, _from_top(98))
    # A rule under the name, a little wider than it, so a short name still sits on a line.
    widest = max((stringWidth(line, SERIF_BOLD, name.size) for line in name.lines), default=0)
    half = min(max(widest, 110 * mm) / 2 + 6 * mm, TEXT_WIDTH / 2)
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.5)
    canvas.line(CENTRE - half, y - 6 * mm, CENTRE + half, y - 6 * mm)

    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 13)
    y -= 16 * mm
    canvas.drawCentredString(CENTRE, y, certificate.achievement)
    course = fit_text(certificate.course, SERIF_BOLD, TEXT_WIDTH, COURSE_LARGEST, COURSE_SMALLEST)
    canvas.setFillColor(ACCENT)
    y = _draw_lines(canvas, course, SERIF_BOLD, y - 12 * mm)

    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 13)
    for line in _occasion_lines(certificate):
        y -= 9 * mm
        canvas.drawCentredString(CENTRE, y, line)
    if certificate.code:
        _draw_code(canvas, certificate.code)


def _occasion_lines(certificate: Certificate) -> list[str]:
    when = f"on {long_date(certificate.date)}"
    venue = (certificate.venue or "").strip()
    lines = [f"{when} at {venue}" if venue else when]
    if certificate.tutor and certificate.tutor.strip():
        lines.append(f"Tutor: {certificate.tutor}")
    return lines


def _draw_lines(canvas: Canvas, fitted: FittedText, font: str, top_baseline: float) -> float:
    """Draw fitted lines centred, the first on ``top_baseline``; return the last baseline."""
    canvas.setFont(font, fitted.size)
    y = top_baseline
    for number, line in enumerate(fitted.lines):
        if number:
            y -= fitted.leading
        canvas.drawCentredString(CENTRE, y, line)
    return y


def _from_top(millimetres: float) -> float:
    return PAGE_HEIGHT - millimetres * mm


def _draw_code(canvas: Canvas, code: str) -> None:
    """The QR code in the lower right corner, its text beside it to read aloud or type."""
    left = PAGE_WIDTH - 22 * mm - QR_SIDE
    bottom = 22 * mm
    draw_qr(canvas, code, left, bottom, QR_SIDE)
    text_right = left - 1 * mm
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 9)
    canvas.drawRightString(text_right, bottom + 17 * mm, "Verification code")
    canvas.setFillColor(ACCENT)
    canvas.setFont(SANS_BOLD, 14)
    canvas.drawRightString(text_right, bottom + 10 * mm, code)
