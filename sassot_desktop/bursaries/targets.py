"""How the scheme stands against the delivery plan: coaches funded and coaches qualified in a
financial year (50 of each is the target), counted by district and by ring-fence group, and
whose evidence is late. Counts only: no one's group is listed against their name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop.bursaries.workflow import AWAITING_EVIDENCE, BursaryStatus
from sassot_desktop.db.models import BursaryApplication, BursaryRound, Person
from sassot_desktop.financial_year import FinancialYear

TARGET_FUNDED = 50
TARGET_QUALIFIED = 50
NO_DISTRICT = "Outside the county or not known"
NO_GROUP = "None of the groups, or not said"
# Evidence falling due this soon is listed with the overdue, so a reminder can go in time.
DUE_SOON = timedelta(days=14)


@dataclass(frozen=True)
class YearProgress:
    year: FinancialYear
    funded: int  # coaches with an award standing (committed or paid) in the year's rounds
    qualified: int  # coaches whose certificate came in during the year
    funded_by_district: Counter = field(default_factory=Counter)
    funded_by_group: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class EvidenceAwaited:
    application_id: int
    person: str
    email: str | None
    qualification: str
    evidence_due: date
    overdue: bool


def year_progress(session: Session, year: FinancialYear) -> YearProgress:
    holding = [s.value for s in BursaryStatus if s.holds_award]
    funded_rows = session.execute(
        select(BursaryApplication.person_id, Person.district, BursaryApplication.ring_fence_group)
        .join(Person, Person.id == BursaryApplication.person_id)
        .join(BursaryRound, BursaryRound.id == BursaryApplication.round_id)
        .where(
            BursaryRound.financial_year == year.start_year,
            BursaryApplication.status.in_(holding),
        )
    ).all()
    coaches = {}
    for person_id, district, group in funded_rows:
        coaches.setdefault(person_id, (district or NO_DISTRICT, group or NO_GROUP))
    qualified = session.scalars(
        select(BursaryApplication.person_id)
        .where(BursaryApplication.evidence_received_on.between(year.start, year.end))
        .where(
            BursaryApplication.status.in_(
                [BursaryStatus.EVIDENCE_RECEIVED.value, BursaryStatus.PAID.value]
            )
        )
        .distinct()
    ).all()
    return YearProgress(
        year=year,
        funded=len(coaches),
        qualified=len(qualified),
        funded_by_district=Counter(district for district, _ in coaches.values()),
        funded_by_group=Counter(group for _, group in coaches.values()),
    )


def evidence_awaited(session: Session, round_id: int, today: date) -> list[EvidenceAwaited]:
    """Applications of the round still owing evidence that is overdue or due within a fortnight,
    the most overdue first."""
    from sassot_desktop.bursaries.applications import qualification_name

    rows = session.execute(
        select(BursaryApplication, Person.first_name, Person.last_name, Person.email)
        .join(Person, Person.id == BursaryApplication.person_id)
        .where(
            BursaryApplication.round_id == round_id,
            BursaryApplication.status.in_([s.value for s in AWAITING_EVIDENCE]),
            BursaryApplication.evidence_due <= today + DUE_SOON,
        )
        .order_by(BursaryApplication.evidence_due, BursaryApplication.id)
    ).all()
    return [
        EvidenceAwaited(
            application.id,
            f"{first} {last}",
            email,
            qualification_name(application),
            application.evidence_due,
            application.evidence_due < today,
        )
        for application, first, last, email in rows
    ]
