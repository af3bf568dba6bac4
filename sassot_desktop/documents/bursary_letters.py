"""Bursary letters: an offer (the amount, its conditions, the evidence deadline, what to send
and where) or a decline, one A4 letter each, flowed with Platypus so a long name or
qualification wraps rather than running off the page."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from sassot_desktop.documents.fonts import SANS, SANS_BOLD, register_fonts
from sassot_desktop.documents.partnership import PARTNERSHIP
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import long_date
from sassot_desktop.progress import Progress

OFFER = "offer"
DECLINE = "decline"
ACCENT = Color(0.08, 0.25, 0.40)


@dataclass(frozen=True)
class BursaryLetter:
    kind: str  # OFFER or DECLINE
    dated: datetime.date
    name: str
    application_id: int
    qualification: str
    round_name: str
    asked_pence: int
    awarded_pence: int | None = None  # offers only
    evidence_due: datetime.date | None = None  # offers only
    send_evidence_to: str = ""
    reason: str | None = None  # declines: why, when the officer gave a reason
    office_address: tuple[str, ...] = ()  # lines under the partnership's name
    signed_by: str = "Workforce Development Officer"

    @property
    def title(self) -> str:
        return "Coach bursary offer" if self.kind == OFFER else "Your coach bursary application"


def build_letters(letters: Sequence[BursaryLetter], progress: Progress | None = None) -> bytes:
    """One letter after another, each starting on a new page; ``progress`` hears of each."""
    if not letters:
        raise UserError("There are no letters to write.")
    register_fonts(SANS, SANS_BOLD)
    # <b> in a paragraph looks up the family's bold face; without this it stays regular.
    registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=letters[0].title if len(letters) == 1 else "Coach bursary letters",
        author=PARTNERSHIP,
        initialFontName=SANS,
        invariant=1,  # the same letters give the same bytes
    )
    story = []
    total = len(letters)
    for done, letter in enumerate(letters):
        if progress is not None:
            progress.report(done, total, f"Letter {done + 1} of {total}")
        if done:
            story.append(PageBreak())
        story.extend(_letter(letter))
    if progress is not None:
        progress.report(total, total, "Saving the letters")
    document.build(story, canvasmaker=partial(Canvas, initialFontName=SANS))
    return buffer.getvalue()


_BODY = ParagraphStyle("body", fontName=SANS, fontSize=11, leading=15, spaceAfter=7)
_HEAD = ParagraphStyle(
    "head", fontName=SANS_BOLD, fontSize=13, leading=17, textColor=ACCENT, spaceAfter=2
)
_ADDRESS = ParagraphStyle("address", parent=_BODY, fontSize=10, leading=13, spaceAfter=0)
_TITLE = ParagraphStyle("title", fontName=SANS_BOLD, fontSize=15, leading=20, spaceAfter=10)
_POINT = ParagraphStyle(
    "point", parent=_BODY, leftIndent=12, bulletIndent=2, bulletFontName=SANS, spaceAfter=4
)


def _letter(letter: BursaryLetter) -> list:
    money = _pounds
    parts = [
        Paragraph(escape(PARTNERSHIP), _HEAD),
        Paragraph("Workforce development: coach bursary scheme", _BODY),
        *[Paragraph(escape(line), _ADDRESS) for line in letter.office_address],
        Spacer(0, 8 * mm),
        Paragraph(escape(long_date(letter.dated)), _BODY),
        Paragraph(f"Our reference: bursary application {letter.application_id}", _BODY),
        Spacer(0, 4 * mm),
        Paragraph(f"Dear {escape(letter.name)},", _BODY),
        Paragraph(escape(letter.title), _TITLE),
    ]
    course = f"<b>{escape(letter.qualification)}</b>"
    if letter.kind == OFFER:
        parts += [
            Paragraph(
                f"Thank you for applying to {escape(letter.round_name)}. We are pleased to "
                f"offer you a bursary of <b>{money(letter.awarded_pence or 0)}</b> towards "
                f"{course} (you asked for {money(letter.asked_pence)}).",
                _BODY,
            ),
            Paragraph("<b>Conditions</b>", _BODY),
            *[
                Paragraph(text, _POINT, bulletText="•")
                for text in (
                    "The bursary is paid to you after you qualify, against the evidence below.",
                    "It pays only towards the course named above, and cannot be transferred.",
                    "Tell us at once if you cannot take the course, so that the money can go "
                    "to another coach.",
                )
            ],
            KeepTogether(
                [
                    Paragraph("<b>What to send, and by when</b>", _BODY),
                    Paragraph(
                        f"By <b>{escape(long_date(letter.evidence_due))}</b> please send "
                        "a copy of your qualification certificate and the invoice or receipt "
                        f"for the course to {escape(letter.send_evidence_to)}.",
                        _BODY,
                    )
                    if letter.evidence_due
                    else Spacer(0, 0),
                    Paragraph(
                        "If the evidence has not reached us by then, the offer lapses and the "
                        "money returns to the scheme for other coaches.",
                        _BODY,
                    ),
                ]
            ),
        ]
    else:
        parts += [
            Paragraph(
                f"Thank you for applying to {escape(letter.round_name)} for help with "
                f"{course}. We are sorry that we cannot offer you a bursary this time.",
                _BODY,
            ),
        ]
        if letter.reason:
            parts.append(Paragraph(f"The reason: {escape(letter.reason)}", _BODY))
        parts.append(
            Paragraph(
                "You are welcome to apply again in a later round; we will be glad to talk "
                "through your application first.",
                _BODY,
            )
        )
    parts += [
        Spacer(0, 6 * mm),
        Paragraph("Yours sincerely,", _BODY),
        Spacer(0, 10 * mm),
        Paragraph(escape(letter.signed_by), _BODY),
        Paragraph(escape(PARTNERSHIP), _BODY),
    ]
    return parts


def _pounds(pence: int) -> str:
    whole, part = divmod(pence, 100)
    return f"£{whole:,}.{part:02d}"
