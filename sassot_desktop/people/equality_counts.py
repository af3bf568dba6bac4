"""Equality monitoring in aggregate: how many people gave each answer, never who.

The answers are special-category data, so a report only ever holds counts, and a count of 1 to
4 is shown as "fewer than 5": in a small group (the eight people on one evening's workshop) a
count of one names someone. When a question has a single such cell, the next smallest is held
back too, since the total would otherwise give the hidden one away.

The people counted are everyone on file, or those who came to a workshop (attended, late or
left early) in one financial year. Ages are taken on the last day of the year counted (today
for everyone on file), so a report of a past year does not change as people grow older.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from sassot_desktop.db.models import Booking, Person, Workshop
from sassot_desktop.financial_year import FinancialYear
from sassot_desktop.people.equality import (
    AGE_BANDS,
    DISABILITY_ANSWERS,
    ETHNIC_GROUPS,
    GENDERS,
    PREFER_NOT_TO_SAY,
    UNKNOWN_AGE,
    age_band,
)

SMALLEST_SHOWN = 5
FEWER_THAN_5 = "fewer than 5"
NOT_ASKED = "Not asked"
PRESENT = ("attended", "late", "left early")


@dataclass(frozen=True)
class Group:
    """Whom a report counts: everyone on file (``year`` None), or the people who came to a
    workshop in ``year``."""

    year: FinancialYear | None = None

    @property
    def label(self) -> str:
        if self.year is None:
            return "Everyone on file"
        return f"Came to a workshop in {self.year.label}"


@dataclass(frozen=True)
class Line:
    answer: str
    count: int | None  # None: held back ("fewer than 5")

    @property
    def shown(self) -> str:
        return FEWER_THAN_5 if self.count is None else f"{self.count:,}"


@dataclass(frozen=True)
class Question:
    title: str  # "Gender", "Age band", "Ethnic group", "Disability"
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class EqualityReport:
    group: Group
    people: int  # how many were counted
    questions: tuple[Question, ...]
    on: date  # the day ages were taken on

    @property
    def too_few(self) -> bool:
        """So few people that any breakdown would name them: the report shows none."""
        return 0 < self.people < SMALLEST_SHOWN


def report(session: Session, group: Group, today: date) -> EqualityReport:
    """Count the answers of ``group``'s people, small numbers held back."""
    whom = _whom(group)
    on = today if group.year is None else min(today, group.year.end)
    people = session.scalar(select(func.count()).select_from(Person).where(*whom))
    raw = {
        "Gender": _answers(session, Person.gender, whom),
        "Age band": _age_bands(session, whom, on),
        "Ethnic group": _ethnic_groups(_answers(session, Person.ethnicity, whom)),
        "Disability": _answers(session, Person.disability, whom),
    }
    order = {
        "Gender": (*GENDERS, NOT_ASKED),
        "Age band": (*(label for _, label in AGE_BANDS), UNKNOWN_AGE),
        "Ethnic group": (*ETHNIC_GROUPS, PREFER_NOT_TO_SAY, NOT_ASKED),
        "Disability": (*DISABILITY_ANSWERS, NOT_ASKED),
    }
    questions = tuple(
        Question(title, _suppressed(_in_order(counts, order[title])))
        for title, counts in raw.items()
    )
    return EqualityReport(group, people, questions, on)


def _whom(group: Group) -> tuple[ColumnElement[bool], ...]:
    if group.year is None:
        return ()
    came = (
        select(Booking.person_id)
        .join(Workshop, Workshop.id == Booking.workshop_id)
        .where(
            Booking.status.in_(PRESENT),
            Workshop.date >= group.year.start,
            Workshop.date <= group.year.end,
        )
    )
    return (Person.id.in_(came),)


def _answers(session: Session, column, whom) -> Counter[str]:
    statement = select(column, func.count()).where(*whom).group_by(column)
    return Counter({answer or NOT_ASKED: count for answer, count in session.execute(statement)})


def _age_bands(session: Session, whom, on: date) -> Counter[str]:
    statement = (
        select(Person.date_of_birth, func.count()).where(*whom).group_by(Person.date_of_birth)
    )
    bands: Counter[str] = Counter()
    for born, count in session.execute(statement):
        bands[age_band(born, on)] += count
    return bands


def _ethnic_groups(answers: Counter[str]) -> Counter[str]:
    """Census categories counted by their group ("White: Irish" counts under "White")."""
    groups: Counter[str] = Counter()
    for answer, count in answers.items():
        groups[answer.split(": ")[0]] += count
    return groups


def _in_order(counts: Counter[str], answers: tuple[str, ...]) -> list[tuple[str, int]]:
    """Every answer of the question (zeros too, so two reports line up), then anything stored
    that the list no longer offers."""
    others = sorted(answer for answer in counts if answer not in answers)
    return [(answer, counts.get(answer, 0)) for answer in (*answers, *others)]


def _suppressed(counts: list[tuple[str, int]]) -> tuple[Line, ...]:
    hidden = {answer for answer, count in counts if 0 < count < SMALLEST_SHOWN}
    if len(hidden) == 1:
        # One hidden cell is the total less the others: hide the next smallest as well.
        shown = [(count, answer) for answer, count in counts if count and answer not in hidden]
        if shown:
            hidden.add(min(shown)[1])
    return tuple(Line(answer, None if answer in hidden else count) for answer, count in counts)
