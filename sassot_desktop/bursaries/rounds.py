"""Creating, editing and listing bursary rounds."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.bursaries.budget import Figures, figures, lock_round
from sassot_desktop.bursaries.money import pounds_text
from sassot_desktop.clock import utc_now, venue_today
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import BursaryRound
from sassot_desktop.errors import UserError
from sassot_desktop.financial_year import FinancialYear, financial_year_of


@dataclass(frozen=True)
class RoundDetails:
    """Everything the officer sets on a round; money in whole pence."""

    name: str
    opens_on: date
    closes_on: date
    budget_pence: int
    most_per_award_pence: int
    ring_fence_pence: int = 0
    ring_fence_until: date | None = None
    cost_code: str | None = None
    financial_year: int | None = None  # the year ``opens_on`` falls in, unless given

    @classmethod
    def of(cls, bursary_round: BursaryRound) -> RoundDetails:
        return cls(**{f.name: getattr(bursary_round, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class RoundRow:
    """A round as the rounds list and ``bursaries rounds`` show it."""

    id: int
    name: str
    year: FinancialYear
    opens_on: date
    closes_on: date
    figures: Figures
    most_per_award: int
    cost_code: str | None


def _checked(details: RoundDetails) -> dict:
    values = asdict(details)
    values["name"] = " ".join((details.name or "").split())
    if not values["name"]:
        raise UserError("Give the round a name, such as “2026/27 round 1”.")
    if details.closes_on < details.opens_on:
        raise UserError("The round must close on or after the day it opens; check the dates.")
    if details.budget_pence <= 0:
        raise UserError("The round's budget must be more than £0.")
    if details.most_per_award_pence <= 0:
        raise UserError("The most per award must be more than £0.")
    if details.most_per_award_pence > details.budget_pence:
        raise UserError(
            f"The most per award ({pounds_text(details.most_per_award_pence)}) cannot be more "
            f"than the budget ({pounds_text(details.budget_pence)}); lower it."
        )
    if details.ring_fence_pence < 0:
        raise UserError("The ring-fenced share cannot be negative; use £0 for none.")
    if details.ring_fence_pence > details.budget_pence:
        raise UserError(
            f"The ring-fenced share ({pounds_text(details.ring_fence_pence)}) cannot be more "
            f"than the budget ({pounds_text(details.budget_pence)}); lower it."
        )
    if details.ring_fence_pence and details.ring_fence_until is None:
        raise UserError("Say until when the ring-fenced share is held for its groups.")
    if not details.ring_fence_pence:
        values["ring_fence_until"] = None
    values["cost_code"] = (details.cost_code or "").strip() or None
    if details.financial_year is None:
        values["financial_year"] = financial_year_of(details.opens_on).start_year
    return values


def create_round(session: Session, details: RoundDetails) -> BursaryRound:
    now = utc_now()
    bursary_round = BursaryRound(**_checked(details), created_at=now, updated_at=now)
    session.add(bursary_round)
    session.flush()
    audit.record(session, "create bursary round", "bursary round", bursary_round.id)
    return bursary_round


def update_round(
    session: Session, round_id: int, details: RoundDetails, today: date | None = None
) -> BursaryRound:
    """Save the officer's changes; a budget cut below what is already promised is refused."""
    bursary_round = lock_round(session, round_id)
    values = _checked(details)
    spent = figures(session, bursary_round, today or venue_today())
    if values["budget_pence"] < spent.committed + spent.paid:
        raise UserError(
            f"{pounds_text(spent.committed + spent.paid)} of this round is already promised or "
            f"paid; the budget cannot go below that."
        )
    changed = {k: v for k, v in values.items() if getattr(bursary_round, k) != v}
    for key, value in changed.items():
        setattr(bursary_round, key, value)
    if changed:
        bursary_round.updated_at = utc_now()
        audit.record(
            session, "edit bursary round", "bursary round", round_id, changed=sorted(changed)
        )
    return bursary_round


def get_round(session: Session, round_id: int) -> BursaryRound:
    return require(session, BursaryRound, round_id, "bursary round")


def round_row(session: Session, bursary_round: BursaryRound, today: date) -> RoundRow:
    return RoundRow(
        id=bursary_round.id,
        name=bursary_round.name,
        year=FinancialYear(bursary_round.financial_year),
        opens_on=bursary_round.opens_on,
        closes_on=bursary_round.closes_on,
        figures=figures(session, bursary_round, today),
        most_per_award=bursary_round.most_per_award_pence,
        cost_code=bursary_round.cost_code,
    )


def list_rounds(session: Session, today: date | None = None) -> list[RoundRow]:
    """Every round, the latest first (a handful a year: figures are read per round)."""
    today = today or venue_today()
    rounds = session.scalars(
        select(BursaryRound).order_by(BursaryRound.opens_on.desc(), BursaryRound.id.desc())
    )
    return [round_row(session, bursary_round, today) for bursary_round in rounds]
