"""The countywide volunteer and coach recognition awards: a round each year, its categories,
the nominations (who, by whom, why), the shortlist and the winners, and their certificates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import AwardCategory, AwardNomination, AwardRound, Person
from sassot_desktop.documents.certificates import Certificate
from sassot_desktop.errors import UserError
from sassot_desktop.people.records import clean_name

NOMINATED, SHORTLISTED, WINNER = "nominated", "shortlisted", "winner"
STAGES = (NOMINATED, SHORTLISTED, WINNER)
DEFAULT_CATEGORIES = (
    "Volunteer of the Year",
    "Young Volunteer of the Year",
    "Coach of the Year",
    "Unsung Hero",
)
# What each stage's certificate calls the person, after the category and year.
CERTIFICATE_WORDS = {WINNER: "Winner", SHORTLISTED: "Finalist"}
CERTIFICATE_TITLE = "Certificate of Recognition"
CERTIFICATE_ACHIEVEMENT = "is recognised as"


@dataclass(frozen=True)
class Round:
    id: int
    name: str
    year: int
    ceremony_on: date | None


@dataclass(frozen=True)
class Category:
    id: int
    round_id: int
    name: str


@dataclass(frozen=True)
class Nomination:
    id: int
    category_id: int
    category: str
    person_id: int
    name: str
    nominated_by: str
    reason: str
    stage: str


def create_round(
    session: Session,
    name: str,
    year: int,
    ceremony_on: date | None = None,
    categories: Sequence[str] = DEFAULT_CATEGORIES,
) -> AwardRound:
    """A new year's awards with its categories (the usual ones unless told otherwise)."""
    name = clean_name(name)
    if not name:
        raise UserError("Give the awards a name, like “Staffordshire Sport Awards 2026”.")
    if session.scalar(select(AwardRound.id).where(AwardRound.name == name)) is not None:
        raise UserError(f"There are already awards called “{name}”; choose another name.")
    if not 2000 <= year <= 2100:
        raise UserError(f"{year} is not a year of the awards; enter it like 2026.")
    award_round = AwardRound(name=name[:200], year=year, ceremony_on=ceremony_on)
    award_round.created_at = utc_now()
    session.add(award_round)
    session.flush()
    for category in categories:
        add_category(session, award_round.id, category)
    audit.record(session, "create award round", "award_round", award_round.id, name=name)
    return award_round


def add_category(session: Session, round_id: int, name: str) -> AwardCategory:
    require(session, AwardRound, round_id, "award round")
    name = clean_name(name)
    if not name:
        raise UserError("Name the category, like “Coach of the Year”.")
    taken = session.scalar(
        select(AwardCategory.id).where(
            AwardCategory.round_id == round_id, AwardCategory.name == name
        )
    )
    if taken is not None:
        raise UserError(f"These awards already have a category “{name}”.")
    category = AwardCategory(round_id=round_id, name=name[:100])
    session.add(category)
    session.flush()
    return category


def rename_category(session: Session, category_id: int, name: str) -> AwardCategory:
    """Give a category a new name (its nominations stay with it)."""
    category = require(session, AwardCategory, category_id, "award category")
    name = clean_name(name)[:100]
    if not name:
        raise UserError("Name the category, like “Coach of the Year”.")
    taken = session.scalar(
        select(AwardCategory.id).where(
            AwardCategory.round_id == category.round_id,
            AwardCategory.name == name,
            AwardCategory.id != category_id,
        )
    )
    if taken is not None:
        raise UserError(f"These awards already have a category “{name}”; choose another name.")
    audit.record(
        session,
        "rename award category",
        "award_round",
        category.round_id,
        category_id=category_id,
        before=category.name,
        after=name,
    )
    category.name = name
    session.flush()
    return category


def rounds(session: Session) -> list[Round]:
    """Every round, the latest year first."""
    return [
        Round(r.id, r.name, r.year, r.ceremony_on)
        for r in session.scalars(
            select(AwardRound).order_by(AwardRound.year.desc(), AwardRound.id.desc())
        )
    ]


def categories(session: Session, round_id: int) -> list[Category]:
    return [
        Category(c.id, c.round_id, c.name)
        for c in session.scalars(
            select(AwardCategory)
            .where(AwardCategory.round_id == round_id)
            .order_by(AwardCategory.id)
        )
    ]


def nominate(
    session: Session, category_id: int, person_id: int, nominated_by: str, reason: str
) -> AwardNomination:
    """Enter a nomination: who, in which category, by whom and why."""
    category = require(session, AwardCategory, category_id, "award category")
    person = require(session, Person, person_id, "person")
    nominated_by, reason = clean_name(nominated_by), reason.strip()
    if not nominated_by:
        raise UserError("Say who made the nomination (a person, a club or “self”).")
    if not reason:
        raise UserError("Say why they were nominated: the nomination's own words will do.")
    taken = session.scalar(
        select(AwardNomination.id).where(
            AwardNomination.category_id == category_id, AwardNomination.person_id == person_id
        )
    )
    if taken is not None:
        raise UserError(
            f"{person.first_name} {person.last_name} is already nominated for {category.name}; "
            "add this nomination's words to that one."
        )
    nomination = AwardNomination(
        category_id=category_id,
        person_id=person_id,
        nominated_by=nominated_by[:200],
        reason=reason,
        stage=NOMINATED,
        created_at=utc_now(),
    )
    session.add(nomination)
    session.flush()
    audit.record(session, "nominate", "person", person_id, category_id=category_id)
    return nomination


def set_stage(session: Session, nomination_ids: Iterable[int], stage: str) -> int:
    """Shortlist nominations, name a winner, or put them back; returns how many changed.

    A category has one winner: naming a second is refused until the first is put back.
    """
    if stage not in STAGES:
        raise ValueError(stage)
    ids = list(nomination_ids)
    if not ids:
        raise UserError("Choose the nominations first.")
    chosen = list(session.scalars(select(AwardNomination).where(AwardNomination.id.in_(ids))))
    if stage == WINNER:
        _check_one_winner(session, chosen)
    changed = 0
    for nomination in chosen:
        if nomination.stage != stage:
            nomination.stage = stage
            audit.record(
                session,
                f"award {stage}",
                "person",
                nomination.person_id,
                nomination_id=nomination.id,
            )
            changed += 1
    session.flush()
    return changed


def withdraw(session: Session, nomination_ids: Iterable[int]) -> int:
    """Take nominations out of the awards (entered by mistake, or the nominee declined)."""
    ids = list(nomination_ids)
    if not ids:
        raise UserError("Choose the nominations to withdraw first.")
    chosen = list(session.scalars(select(AwardNomination).where(AwardNomination.id.in_(ids))))
    for nomination in chosen:
        audit.record(
            session,
            "withdraw nomination",
            "person",
            nomination.person_id,
            category_id=nomination.category_id,
            nominated_by=nomination.nominated_by,
        )
        session.delete(nomination)
    session.flush()
    return len(chosen)


def _check_one_winner(session: Session, chosen: list[AwardNomination]) -> None:
    by_category: dict[int, list[AwardNomination]] = {}
    for nomination in chosen:
        by_category.setdefault(nomination.category_id, []).append(nomination)
    for category_id, wanted in by_category.items():
        category = session.get(AwardCategory, category_id)
        if len(wanted) > 1:
            raise UserError(f"{category.name} has one winner: choose just one nomination.")
        holder = session.execute(
            select(Person.first_name, Person.last_name)
            .join(AwardNomination, AwardNomination.person_id == Person.id)
            .where(
                AwardNomination.category_id == category_id,
                AwardNomination.stage == WINNER,
                AwardNomination.id != wanted[0].id,
            )
        ).first()
        if holder is not None:
            raise UserError(
                f"{holder[0]} {holder[1]} already won {category.name}; put them back on the "
                "shortlist first."
            )


def nominations(session: Session, round_id: int) -> list[Nomination]:
    """A round's nominations by category, winners then the shortlist first, then by name."""
    order = {WINNER: 0, SHORTLISTED: 1, NOMINATED: 2}
    rows = session.execute(
        select(AwardNomination, AwardCategory.name, Person.first_name, Person.last_name)
        .join(AwardCategory, AwardCategory.id == AwardNomination.category_id)
        .join(Person, Person.id == AwardNomination.person_id)
        .where(AwardCategory.round_id == round_id)
        .order_by(AwardCategory.id, Person.sort_name)
    )
    found = [
        Nomination(
            n.id,
            n.category_id,
            category,
            n.person_id,
            f"{first} {last}",
            n.nominated_by,
            n.reason,
            n.stage,
        )
        for n, category, first, last in rows
    ]
    return sorted(found, key=lambda n: (n.category_id, order[n.stage]))


def certificates(session: Session, round_id: int, today: date) -> list[Certificate]:
    """One certificate for each winner and finalist, winners first within each category."""
    award_round = require(session, AwardRound, round_id, "award round")
    day = award_round.ceremony_on or today
    return [
        Certificate(
            name=nomination.name,
            course=f"{nomination.category} {award_round.year} — "
            f"{CERTIFICATE_WORDS[nomination.stage]}",
            date=day,
            venue="",
            tutor=None,
            code="",
            achievement=CERTIFICATE_ACHIEVEMENT,
        )
        for nomination in nominations(session, round_id)
        if nomination.stage in CERTIFICATE_WORDS
    ]
