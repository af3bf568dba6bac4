"""Equality monitoring in aggregate: counts by answer, small numbers held back, never a name;
the workbook read back."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from people_records import workshop
from sassot_desktop.attendance import register
from sassot_desktop.db.models import Status
from sassot_desktop.exchange.equality_export import write_equality_report
from sassot_desktop.financial_year import FinancialYear
from sassot_desktop.people import profile
from sassot_desktop.people.equality_counts import FEWER_THAN_5, NOT_ASKED, Group, report
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.workshops import bookings

TODAY = date(2026, 11, 23)
YEAR = FinancialYear(2025)  # 2025/26


def add_people(session, count: int, first: str, born: date | None = None, **answers) -> list[int]:
    ids = []
    for number in range(count):
        person = create_person(
            session,
            PersonDetails(
                f"{first}{number}",
                "Example",
                date_of_birth=born,
                consent_method="Booking form" if born or answers else None,
            ),
        )
        if answers:
            profile.set_equality(session, person.id, profile.Equality(**answers))
        ids.append(person.id)
    return ids


@pytest.fixture
def counted_people(workspace):
    """12 women (born 1990), 7 men (born 2008), 2 non-binary people, 3 never asked; 2025/26's
    one workshop came to by 6 of the women and one man."""
    with workspace.db.write() as session:
        women = add_people(
            session,
            12,
            "Ann",
            date(1990, 6, 1),
            gender="Female",
            ethnicity="White: Irish",
            disability="No",
        )
        men = add_people(
            session,
            7,
            "Bob",
            date(2008, 1, 1),
            gender="Male",
            ethnicity="Asian or Asian British: Indian",
            disability="Yes",
        )
        add_people(session, 2, "Cas", gender="Non-binary", disability="Prefer not to say")
        add_people(session, 3, "Dee")
        held = workshop(session, "Emergency First Aid", date(2025, 10, 9))
        later = workshop(session, "Equity in Your Coaching", date(2026, 5, 7))
        for person_id in (*women[:6], men[0], *women[6:8]):
            booking = bookings.book(session, held, person_id).booking_id
            if person_id not in women[6:8]:  # two booked but never came
                register.set_status(session, [booking], Status.ATTENDED)
        for person_id in women:
            booking = bookings.book(session, later, person_id).booking_id
            register.set_status(session, [booking], Status.ATTENDED)
    return workspace


def lines(counted, title: str) -> dict[str, str]:
    question = next(q for q in counted.questions if q.title == title)
    return {line.answer: line.shown for line in question.lines}


def test_everyone_on_file_is_counted_with_small_numbers_held_back(counted_people):
    with counted_people.db.read() as session:
        counted = report(session, Group(), TODAY)
    assert counted.people == 24
    gender = lines(counted, "Gender")
    # 2 non-binary and 3 not asked are both small; each hidden, the rest shown.
    assert gender["Female"] == "12" and gender["Male"] == "7"
    assert gender["Non-binary"] == FEWER_THAN_5 and gender[NOT_ASKED] == FEWER_THAN_5
    assert gender["Another gender"] == "0"
    ethnic = lines(counted, "Ethnic group")
    assert ethnic["White"] == "12" and ethnic["Asian or Asian British"] == "7"
    assert ethnic[NOT_ASKED] == "5"
    ages = lines(counted, "Age band")
    assert ages["35–44"] == "12" and ages["16–18"] == "7" and ages["Not known"] == "5"
    disability = lines(counted, "Disability")
    # A single small cell (2 "prefer not to say") would be the total less the others: the
    # next smallest (3 not asked) is held back with it.
    assert disability["Yes"] == "7" and disability["No"] == "12"
    assert disability["Prefer not to say"] == FEWER_THAN_5
    assert disability[NOT_ASKED] == FEWER_THAN_5


def test_a_lone_small_count_takes_the_next_smallest_with_it(workspace):
    with workspace.db.write() as session:
        add_people(session, 9, "Ann", gender="Female")
        add_people(session, 6, "Bob", gender="Male")
        add_people(session, 1, "Cas", gender="Non-binary")
        add_people(session, 20, "Dee", gender="Prefer not to say")
    with workspace.db.read() as session:
        gender = lines(report(session, Group(), TODAY), "Gender")
    assert gender["Non-binary"] == FEWER_THAN_5
    assert gender["Male"] == FEWER_THAN_5  # 6, the next smallest
    assert gender["Female"] == "9" and gender["Prefer not to say"] == "20"


def test_a_financial_year_counts_those_who_came_that_year(counted_people):
    with counted_people.db.read() as session:
        counted = report(session, Group(YEAR), TODAY)
    assert counted.people == 7  # six women and one man came; two booked but stayed away
    assert counted.on == YEAR.end
    gender = lines(counted, "Gender")
    # The one man is held back, and the six women with him: 7 less 6 would name him.
    assert gender["Male"] == FEWER_THAN_5 and gender["Female"] == FEWER_THAN_5
    assert lines(counted, "Ethnic group")["White"] == FEWER_THAN_5
    # Ages on 31 March 2026: the man born in 2008 is 18.
    assert lines(counted, "Age band")["16–18"] == FEWER_THAN_5


def test_fewer_than_five_people_show_no_breakdown(counted_people, tmp_path):
    with counted_people.db.read() as session:
        counted = report(session, Group(FinancialYear(2024)), TODAY)
    assert counted.people == 0 and not counted.too_few
    with counted_people.db.write() as session:
        held = workshop(session, "Club Treasurer", date(2024, 6, 1))
        booking = bookings.book(session, held, 1).booking_id
        register.set_status(session, [booking], Status.ATTENDED)
    path = tmp_path / "equality.xlsx"
    write_equality_report(counted_people.db, Group(FinancialYear(2024)), path, TODAY)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[1] == ("People counted", "Came to a workshop in 2024/25", 1)
    assert rows[3] == ("All questions", "Not shown: fewer than 5 people counted", None)
    assert len(rows) == 4


def test_the_workbook_holds_counts_and_never_a_name(counted_people, tmp_path):
    path = tmp_path / "equality.xlsx"
    written = write_equality_report(counted_people.db, Group(), path, TODAY)
    assert written.people == 24 and "24 people" in written.message
    assert path.stat().st_mode & 0o777 == 0o600

    book = openpyxl.load_workbook(path)
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Question", "Answer", "People")
    assert rows[1] == ("People counted", "Everyone on file", 24)
    assert rows[2][0] == "Ages taken on" and rows[2][2].date() == TODAY
    by_answer = {(q, a): n for q, a, n in rows[3:]}
    assert by_answer["Gender", "Female"] == 12  # a real number Excel can add up
    assert by_answer["Gender", "Non-binary"] == FEWER_THAN_5
    assert by_answer["Ethnic group", "White"] == 12
    assert by_answer["Disability", "Prefer not to say"] == FEWER_THAN_5
    assert {q for q, _ in by_answer} == {"Gender", "Age band", "Ethnic group", "Disability"}
    text = " ".join(str(cell) for row in rows for cell in row)
    assert "Ann" not in text and "Example" not in text
    # No count from 1 to 4 anywhere: each is written as words.
    assert not [n for _, _, n in rows[3:] if isinstance(n, int) and 0 < n < 5]


def test_the_same_data_writes_the_same_bytes(counted_people, tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_equality_report(counted_people.db, Group(YEAR), first, TODAY)
    write_equality_report(counted_people.db, Group(YEAR), second, TODAY)
    assert first.read_bytes() == second.read_bytes()
