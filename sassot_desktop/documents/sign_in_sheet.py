"""The sign-in sheet printed for a workshop: who is booked, with room to sign and write the
time they came, and blank numbered rows for walk-ins.

Built with Platypus so the register flows over as many pages as it needs, the column headings
repeating on each; a canvas that holds pages back until the last is drawn writes "Page x of y".
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from sassot_desktop.documents import WALK_IN_ROWS
from sassot_desktop.documents.fitting import FittedText, fit_text
from sassot_desktop.documents.fonts import SANS, SANS_BOLD, register_fonts
from sassot_desktop.documents.partnership import PARTNERSHIP
from sassot_desktop.formatting import clock, long_date

PAGE_WIDTH, PAGE_HEIGHT = A4
SIDE_MARGIN = 15 * mm
TOP_MARGIN = BOTTOM_MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN

HEADINGS = ("No.", "Name", "Club / organisation", "Signature", "Arrival\ntime")
COLUMN_WIDTHS = tuple(width * mm for width in (10, 58, 44, 49, 19))  # 180 mm, the frame
NAME_COLUMN, ORGANISATION_COLUMN = 1, 2
CELL_PADDING = 4  # points, each side of a cell's text
ROW_HEIGHT = 10 * mm  # the least a row may be: room for a signature
NAME_LARGEST, NAME_SMALLEST = 11, 8
ORGANISATION_LARGEST, ORGANISATION_SMALLEST = 9.5, 8
HEADING_SIZE = 8.5

INK = Color(0.1, 0.1, 0.1)
MUTED = Color(0.35, 0.35, 0.35)
RULE = Color(0.55, 0.55, 0.55)
SHADE = Color(0.95, 0.95, 0.95)
HEADING_SHADE = Color(0.86, 0.89, 0.93)


@dataclass(frozen=True)
class SheetWorkshop:
    title: str
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    venue: str  # "" when not known
    district: str | None
    tutor: str | None


@dataclass(frozen=True)
class SheetPerson:
    name: str  # exactly as stored, any length, any script
    organisation: str  # club / organisation, "" when none


@dataclass(frozen=True)
class SignInSheet:
    workshop: SheetWorkshop
    people: tuple[SheetPerson, ...]  # already in print order
    printed_on: datetime.date
    walk_in_rows: int = WALK_IN_ROWS


def build_sign_in_sheet(sheet: SignInSheet) -> bytes:
    """The sheet as PDF bytes: A4 portrait, the same bytes for the same sheet."""
    register_fonts(SANS, SANS_BOLD)
    workshop = sheet.workshop
    buffer = io.BytesIO()
    # No padding inside the frame, so the register spans exactly the margins the footer marks.
    frame = Frame(
        SIDE_MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[
            PageTemplate("first", [frame], autoNextPageTemplate="later"),
            PageTemplate("later", [frame], onPage=partial(_draw_running_header, workshop=workshop)),
        ],
        title=f"Sign-in sheet: {workshop.title}, {long_date(workshop.date)}",
        author=PARTNERSHIP,
        initialFontName=SANS,
        invariant=1,  # the same sheet gives the same bytes
    )
    document.build(
        [*_header(workshop), _register(sheet)],
        canvasmaker=partial(_PageCountingCanvas, printed_on=sheet.printed_on),
    )
    return buffer.getvalue()


# -- what each cell can hold ------------------------------------------------------------------


def name_cell(name: str) -> FittedText:
    """A name as it fits the name column: shrunk as far as 8 pt, then wrapped."""
    return fit_text(name, SANS, _text_width(NAME_COLUMN), NAME_LARGEST, NAME_SMALLEST)


def organisation_cell(organisation: str) -> FittedText:
    return fit_text(
        organisation,
        SANS,
        _text_width(ORGANISATION_COLUMN),
        ORGANISATION_LARGEST,
        ORGANISATION_SMALLEST,
    )


def row_height(*cells: FittedText) -> float:
    """Tall enough to sign in, and for the longest of the row's wrapped texts."""
    return max(ROW_HEIGHT, *(cell.height + 2 * CELL_PADDING for cell in cells))


def _text_width(column: int) -> float:
    return COLUMN_WIDTHS[column] - 2 * CELL_PADDING


# -- the page -----------------------------------------------------------------------------------


def _header(workshop: SheetWorkshop) -> list:
    """Title, when, where and who teaches, above the register on the first page."""
    label = ParagraphStyle("label", fontName=SANS_BOLD, fontSize=9, leading=12, textColor=MUTED)
    title = ParagraphStyle("title", fontName=SANS_BOLD, fontSize=17, leading=21, textColor=INK)
    detail = ParagraphStyle("detail", fontName=SANS, fontSize=10.5, leading=14, textColor=INK)
    note = ParagraphStyle("note", fontName=SANS, fontSize=8.5, leading=11, textColor=MUTED)
    flowables = [
        Paragraph(escape(f"Sign-in sheet · {PARTNERSHIP}"), label),
        Spacer(0, 2),
        Paragraph(escape(workshop.title), title),
        Spacer(0, 4),
        Paragraph(escape(_when(workshop)), detail),
    ]
    place = _place(workshop)
    if place:
        flowables.append(Paragraph(escape(f"Venue: {place}"), detail))
    if workshop.tutor and workshop.tutor.strip():
        flowables.append(Paragraph(escape(f"Tutor: {workshop.tutor}"), detail))
    flowables += [
        Spacer(0, 5),
        Paragraph(
            "Please sign and write the time you arrived. Not on the list? Write your name and "
            "club in a blank row at the end.",
            note,
        ),
        Spacer(0, 5),
    ]
    return flowables


def _when(workshop: SheetWorkshop) -> str:
    return f"{long_date(workshop.date)}, {clock(workshop.start_time)}–{clock(workshop.end_time)}"


def _place(workshop: SheetWorkshop) -> str:
    venue = (workshop.venue or "").strip()
    district = (workshop.district or "").strip()
    if venue and district:
        return f"{venue} ({district})"
    return venue or district


def _register(sheet: SignInSheet) -> Table:
    """One row per person, then the numbered blank rows for walk-ins; headings on every page."""
    rows: list[list[str]] = [list(HEADINGS)]
    heights: list[float] = [2 * HEADING_SIZE * 1.2 + 2 * CELL_PADDING]
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("FONTNAME", (0, 0), (-1, 0), SANS_BOLD),
        ("FONTSIZE", (0, 0), (-1, 0), HEADING_SIZE),
        ("LEADING", (0, 0), (-1, 0), HEADING_SIZE * 1.2),
        ("BACKGROUND", (0, 0), (-1, 0), HEADING_SHADE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), (None, SHADE)),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("TEXTCOLOR", (0, 1), (0, -1), MUTED),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    for number, person in enumerate(sheet.people, start=1):
        name, organisation = name_cell(person.name), organisation_cell(person.organisation)
        rows.append([str(number), "\n".join(name.lines), "\n".join(organisation.lines), "", ""])
        heights.append(row_height(name, organisation))
        for column, fitted in ((NAME_COLUMN, name), (ORGANISATION_COLUMN, organisation)):
            cell = (column, number)
            commands += [
                ("FONTSIZE", cell, cell, fitted.size),
                ("LEADING", cell, cell, fitted.leading),
            ]
    first_walk_in = len(rows)
    for number in range(first_walk_in, first_walk_in + sheet.walk_in_rows):
        rows.append([str(number), "", "", "", ""])
        heights.append(ROW_HEIGHT)
    if sheet.people and sheet.walk_in_rows:
        # A heavier rule where the booked list ends and the blank rows begin.
        commands.append(("LINEABOVE", (0, first_walk_in), (-1, first_walk_in), 1.2, INK))
    return Table(
        rows,
        colWidths=COLUMN_WIDTHS,
        rowHeights=heights,
        repeatRows=1,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def _draw_running_header(canvas: Canvas, _document, workshop: SheetWorkshop) -> None:
    """On pages after the first, which workshop this page belongs to, should pages part."""
    text = f"Sign-in sheet: {workshop.title}, {long_date(workshop.date)}"
    fitted = fit_text(text, SANS, FRAME_WIDTH, 9, 6)
    canvas.saveState()
    canvas.setFont(SANS, fitted.size)
    canvas.setFillColor(MUTED)
    y = PAGE_HEIGHT - 11 * mm
    for line in fitted.lines:
        canvas.drawString(SIDE_MARGIN, y, line)
        y -= fitted.leading
    canvas.restoreState()


class _PageCountingCanvas(Canvas):
    """Holds every page back until the last is drawn, so each footer can say "Page x of y"."""

    def __init__(self, *args, printed_on: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._printed_on = printed_on
        self._held_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, page in enumerate(self._held_pages, start=1):
            self.__dict__.update(page)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(SIDE_MARGIN, 13 * mm, PAGE_WIDTH - SIDE_MARGIN, 13 * mm)
        self.setFont(SANS, 8.5)
        self.setFillColor(MUTED)
        self.drawString(SIDE_MARGIN, 9 * mm, f"Printed {long_date(self._printed_on)}")
        self.drawRightString(PAGE_WIDTH - SIDE_MARGIN, 9 * mm, f"Page {number} of {total}")
        self.restoreState()
