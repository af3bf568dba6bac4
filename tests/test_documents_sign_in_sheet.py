"""The sign-in sheet, read back from its PDF: every booked name, page numbers, headings on each
page, the walk-in rows, long names fitted whole, fonts embedded."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from pdfs import assert_fonts_embedded
from sassot_desktop.documents.fitting import fit_text, wrap
from sassot_desktop.documents.fonts import SANS, register_fonts
from sassot_desktop.documents.sign_in_sheet import (
    COLUMN_WIDTHS,
    HEADINGS,
    NAME_COLUMN,
    NAME_LARGEST,
    NAME_SMALLEST,
    ROW_HEIGHT,
    SheetPerson,
    SheetWorkshop,
    SignInSheet,
    build_sign_in_sheet,
    name_cell,
    organisation_cell,
    row_height,
)

ACCENTED = (
    "Zoë Ó'Brien",
    "Łukasz Wiśniewski",
    "Siân Llŵyd-Jones",
    "Ayşe Yılmaz",
    "Olga Кузнецова",
    "Aoife Ní Bhriain",
)
LONG_NAME = "Maximilian Alexander Fitzgerald-Montgomery Wiśniewski-Ó'Brie"
FIRST_NAMES = ("James", "Priya", "Mohammed", "Chloe", "Daniel", "Grace", "Tomasz", "Emily")
LAST_NAMES = ("Smith", "Patel", "Hussain", "Taylor", "Evans", "Kowalczyk", "Brown")
NOT_BOOKED = ("Harriet Nobody", "Kevin Elsewhere")
WORKSHOP = SheetWorkshop(
    title="Safeguarding and Protecting Children",
    date=datetime.date(2026, 11, 23),
    start_time=datetime.time(18, 30),
    end_time=datetime.time(21, 30),
    venue="Stafford Leisure Centre",
    district="Stafford",
    tutor="Jane Smith",
)


def sixty_people() -> tuple[SheetPerson, ...]:
    names = [*ACCENTED, LONG_NAME]
    names += [f"{FIRST_NAMES[n % 8]} {LAST_NAMES[n % 7]}{n}" for n in range(60 - len(names))]
    clubs = ("Stafford Rangers FC", "", "Leek Harriers", "Tamworth RFC", "Burton Hockey Club")
    clubs += ("Newcastle-under-Lyme Amateur Swimming and Water Polo Club",)
    return tuple(SheetPerson(name, clubs[n % len(clubs)]) for n, name in enumerate(names))


@pytest.fixture(scope="module")
def sheet() -> SignInSheet:
    return SignInSheet(WORKSHOP, sixty_people(), printed_on=datetime.date(2026, 11, 20))


@pytest.fixture(scope="module")
def pages(sheet) -> list[str]:
    reader = PdfReader(io.BytesIO(build_sign_in_sheet(sheet)))
    return [page.extract_text() for page in reader.pages]


def test_every_booked_name_is_printed_once_and_nobody_else(sheet, pages):
    lines = [line for page in pages for line in page.splitlines()]
    for person in sheet.people:
        if person is not sheet.people[len(ACCENTED)]:  # the long one wraps; tested below
            assert lines.count(person.name) == 1, person.name
    for stranger in NOT_BOOKED:
        assert stranger not in "\n".join(pages)
    # The rows are numbered 1..60 in the order given.
    numbers = [int(line) for line in lines if re.fullmatch(r"\d+", line)]
    assert numbers == list(range(1, 66))


def test_names_in_other_scripts_come_back_exactly(pages):
    text = "\n".join(pages)
    for name in ACCENTED:
        assert name in text


def test_sixty_people_fill_three_pages_each_saying_which_of_three(pages):
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of 3" in page
        assert "Printed Friday 20 November 2026" in page


def test_column_headings_repeat_on_every_page(pages):
    for page in pages:
        for heading in HEADINGS:
            for line in heading.split("\n"):
                assert line in page.splitlines()


def test_first_page_says_which_workshop_when_where_and_who(pages):
    first = pages[0]
    assert WORKSHOP.title in first
    assert "Monday 23 November 2026, 18:30–21:30" in first
    assert "Venue: Stafford Leisure Centre (Stafford)" in first
    assert "Tutor: Jane Smith" in first
    for later in pages[1:]:
        assert f"Sign-in sheet: {WORKSHOP.title}, Monday 23 November 2026" in later


def test_walk_in_rows_are_numbered_after_the_people(pages):
    lines = [line for page in pages for line in page.splitlines()]
    after_last_person = lines[lines.index("60") :]
    numbers = [line for line in after_last_person if re.fullmatch(r"\d+", line)]
    assert numbers == ["60", "61", "62", "63", "64", "65"]


def test_a_sixty_character_name_is_printed_whole_in_its_cell(pages):
    assert len(LONG_NAME) == 60
    cell = name_cell(LONG_NAME)
    width = COLUMN_WIDTHS[NAME_COLUMN] - 8
    assert cell.size == NAME_SMALLEST
    assert " ".join(cell.lines) == LONG_NAME
    assert all(stringWidth(line, SANS, cell.size) <= width for line in cell.lines)
    assert row_height(cell) >= cell.height + 8
    first_page = pages[0].splitlines()
    start = first_page.index(cell.lines[0])
    assert first_page[start : start + len(cell.lines)] == list(cell.lines)


def test_a_name_that_nearly_fits_shrinks_rather_than_wraps():
    name = "Anna-Katharina Przybyszewska-Jones"
    cell = name_cell(name)
    assert cell.lines == (name,)
    assert NAME_SMALLEST <= cell.size < NAME_LARGEST
    assert name_cell("Zoë Ó'Brien").size == NAME_LARGEST


def test_rows_leave_room_to_sign():
    assert row_height(name_cell("Ayşe Yılmaz"), organisation_cell("")) == ROW_HEIGHT
    assert ROW_HEIGHT >= 28  # about 10 mm


def test_fitting_never_cuts_a_word_too_long_for_any_line():
    register_fonts(SANS)
    word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    fitted = fit_text(f"Siân {word}", SANS, 60, 11, 8)
    assert fitted.size == 8
    assert "".join(fitted.lines[1:]) == word
    assert all(stringWidth(line, SANS, 8) <= 60 for line in fitted.lines)


def test_wrapping_keeps_the_spaces_inside_a_line_as_written():
    register_fonts(SANS)
    assert wrap("Jean  Paul  Sartre", SANS, 10, 1000) == ("Jean  Paul  Sartre",)
    assert fit_text("   ", SANS, 100, 11, 8).lines == ()


def test_an_empty_sheet_still_has_its_walk_in_rows():
    empty = SignInSheet(WORKSHOP, (), printed_on=datetime.date(2026, 11, 20), walk_in_rows=3)
    text = PdfReader(io.BytesIO(build_sign_in_sheet(empty))).pages[0].extract_text()
    assert [line for line in text.splitlines() if re.fullmatch(r"\d+", line)] == ["1", "2", "3"]
    assert "Page 1 of 1" in text


def test_every_font_is_embedded_and_the_same_sheet_gives_the_same_bytes(sheet):
    pdf = build_sign_in_sheet(sheet)
    assert pdf == build_sign_in_sheet(sheet)
    assert_fonts_embedded(PdfReader(io.BytesIO(pdf)))
