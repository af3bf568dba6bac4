"""Certificates, read back from their PDF: one page each in order, names exactly as stored, the
code as text and as a QR code of exactly that text, fonts embedded, progress and Cancel."""

from __future__ import annotations

import datetime
import io
import re

import pytest
import segno
from pypdf import PdfReader

from pdfs import assert_fonts_embedded
from sassot_desktop.documents import qr
from sassot_desktop.documents.certificates import (
    NAME_SMALLEST,
    PARTNERSHIP,
    TEXT_WIDTH,
    Certificate,
    build_certificates,
)
from sassot_desktop.documents.fitting import fit_text
from sassot_desktop.documents.fonts import SERIF_BOLD, register_fonts
from sassot_desktop.errors import UserError
from sassot_desktop.progress import Cancelled, Progress

NAMES = (
    "Zoë Ó'Brien",
    "Łukasz Wiśniewski",
    "Siân Llŵyd-Jones",
    "Ayşe Yılmaz",
    "Olga Кузнецова",
    "Aoife Ní Bhriain",
    "Maximilian Alexander Fitzgerald-Montgomery Wiśniewski-Ó'Brie",  # 60 characters
)
CODES = ("7K4-MQ2-X9R", "ABC-DEF-GH1", "000-000-000", "Z9Y-8XW-7VT", "M2N-P3Q-R4S", "1A2-B3C-4D5")
CODES += ("XXX-YYY-ZZZ",)
COURSES = ("Safeguarding and Protecting Children", "Emergency First Aid")
RUN = re.compile(rb"^(\d+) (\d+) (\d+) 1 re$", re.MULTILINE)


def certificates() -> list[Certificate]:
    return [
        Certificate(
            name=name,
            course=COURSES[number % 2],
            date=datetime.date(2026, 11, 23),
            venue="Stafford Leisure Centre" if number % 3 else "",
            tutor="Jane Smith" if number % 2 else None,
            code=code,
        )
        for number, (name, code) in enumerate(zip(NAMES, CODES, strict=True))
    ]


@pytest.fixture(scope="module")
def reader() -> PdfReader:
    return PdfReader(io.BytesIO(build_certificates(certificates())))


def test_one_page_per_certificate_in_order_with_name_course_and_code(reader):
    given = certificates()
    assert len(reader.pages) == len(given)
    for page, certificate in zip(reader.pages, given, strict=True):
        lines = [line.strip() for line in page.extract_text().splitlines()]
        assert certificate.name in lines  # whole, on one line, exactly as stored
        assert certificate.course in lines
        assert certificate.code in lines
        assert PARTNERSHIP.upper() in lines
        assert "Certificate of Attendance" in lines


def test_date_venue_and_tutor_are_printed_when_known(reader):
    with_venue = reader.pages[1].extract_text()
    assert "on Monday 23 November 2026 at Stafford Leisure Centre" in with_venue
    assert "Tutor: Jane Smith" in with_venue
    without = reader.pages[0].extract_text()
    assert "on Monday 23 November 2026\n" in without
    assert "Tutor" not in without


def test_a_sixty_character_name_fits_one_line_by_shrinking():
    register_fonts(SERIF_BOLD)
    for name in (NAMES[-1], "W" * 60):
        fitted = fit_text(name, SERIF_BOLD, TEXT_WIDTH, 40, NAME_SMALLEST)
        assert fitted.lines == (name,)
        assert fitted.size >= NAME_SMALLEST


def test_the_qr_code_holds_exactly_the_printed_code(reader):
    for page, certificate in zip(reader.pages, certificates(), strict=True):
        drawn = modules_drawn(page.get_contents().get_data())
        expected = segno.make(certificate.code, error="m", micro=False, mask=qr.FIXED_MASK)
        assert expected.mode == "alphanumeric"
        assert drawn == [list(row) for row in expected.matrix], certificate.code


def modules_drawn(content: bytes) -> list[list[int]]:
    """The dark modules the page's run rectangles cover, quiet zone removed; none may fall in
    the quiet zone."""
    runs = [tuple(map(int, match.groups())) for match in RUN.finditer(content)]
    size = max(x + width for x, _, width in runs) - qr.QUIET_ZONE
    rows = [[0] * size for _ in range(size)]
    for x, y, width in runs:
        row = size - 1 - (y - qr.QUIET_ZONE)
        assert 0 <= row < size and x >= qr.QUIET_ZONE
        for column in range(x - qr.QUIET_ZONE, x - qr.QUIET_ZONE + width):
            rows[row][column] = 1
    return rows


def test_every_font_is_embedded_and_no_helvetica(reader):
    assert_fonts_embedded(reader)


def test_the_same_certificates_give_the_same_bytes():
    assert build_certificates(certificates()) == build_certificates(certificates())


def test_progress_hears_of_every_page():
    heard: list[tuple[int, int]] = []
    build_certificates(certificates(), Progress(lambda done, total, _: heard.append((done, total))))
    total = len(NAMES)
    assert heard[0] == (0, total)
    assert heard[-1] == (total, total)
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    assert len(heard) >= total


def test_cancelling_stops_the_print():
    pages_started: list[int] = []

    def on_report(done: int, _total: int, _text: str) -> None:
        pages_started.append(done)
        if done == 2:
            progress.cancel()

    progress = Progress(on_report)
    with pytest.raises(Cancelled):
        build_certificates(certificates(), progress)
    assert pages_started == [0, 1, 2]


def test_nothing_to_print_is_said_plainly():
    with pytest.raises(UserError, match="no certificates"):
        build_certificates([])
