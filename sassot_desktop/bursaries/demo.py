"""The demo year's coach bursary round: this financial year's round 1, with applications in
every status the round's page shows (one paid, one waiting for its evidence past the deadline,
one on the waiting list, one declined…).

Made through the same operations the screens call, so the budget guard and the ring-fence
hold and every application has its history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from sassot_desktop.bursaries import steps
from sassot_desktop.bursaries.applications import ApplicationDetails, submit_application
from sassot_desktop.bursaries.rounds import RoundDetails, create_round
from sassot_desktop.bursaries.workflow import RING_FENCE_GROUPS, BursaryStatus
from sassot_desktop.db.models import BursaryApplication, BursaryRound, BursaryStatusChange
from sassot_desktop.financial_year import financial_year_of

# Deleted in this order before the people they refer to (``demo --force``).
TABLES = (BursaryStatusChange, BursaryApplication, BursaryRound)

QUALIFICATIONS = (
    ("England Netball", "Certificate in Coaching Netball", "Level 2", "England Netball WM"),
    ("The FA", "Introduction to Coaching Football", "Level 1", "Staffordshire FA"),
    ("England Athletics", "Coach in Running Fitness", "Level 2", "England Athletics"),
    ("Swim England", "Swimming Teacher", "Level 2", "Swim England Learning"),
    ("England and Wales Cricket Board", "Foundation Coach", "Level 1", "Staffordshire CB"),
    ("England Hockey", "Level 1 Coaching Award", "Level 1", "England Hockey"),
)


@dataclass(frozen=True)
class Plan:
    """Where one application has got to, and when its course ran (days from today)."""

    status: BursaryStatus
    course_days_ago: int
    group: str | None = None


# Paid ones took their course months ago; the one overdue finished with no evidence sent.
PLANS = (
    Plan(BursaryStatus.PAID, 150, RING_FENCE_GROUPS[0]),
    Plan(BursaryStatus.PAID, 120),
    Plan(BursaryStatus.PAID, 110, RING_FENCE_GROUPS[2]),
    Plan(BursaryStatus.EVIDENCE_RECEIVED, 60),
    Plan(BursaryStatus.ACCEPTED, 90),  # evidence overdue
    Plan(BursaryStatus.ACCEPTED, 10, RING_FENCE_GROUPS[1]),
    Plan(BursaryStatus.OFFER_SENT, -20),
    Plan(BursaryStatus.APPROVED, -30, RING_FENCE_GROUPS[0]),
    Plan(BursaryStatus.SUBMITTED, -45),
    Plan(BursaryStatus.SUBMITTED, -60, RING_FENCE_GROUPS[0]),
    Plan(BursaryStatus.WAITING_LIST, -40),
    Plan(BursaryStatus.DECLINED, -50),
    Plan(BursaryStatus.WITHDRAWN, -25),
    Plan(BursaryStatus.LAPSED, 200),
)
BUDGET_PENCE = 1_000_000  # the plan's core budget, about £10,000
MOST_PER_AWARD_PENCE = 40_000


def clear(session: Session) -> None:
    for model in TABLES:
        session.execute(delete(model))


def fill(session: Session, today: date, applicants: list[int], seed: int = 7) -> int:
    """This financial year's round with one application per plan, from ``applicants`` (the
    demo's coaches) in turn; returns the round's id."""
    rng = random.Random(seed)
    year = financial_year_of(today)
    bursary_round = create_round(
        session,
        RoundDetails(
            name=f"{year.label} round 1",
            opens_on=year.start,
            closes_on=year.end,
            budget_pence=BUDGET_PENCE,
            most_per_award_pence=MOST_PER_AWARD_PENCE,
            ring_fence_pence=200_000,
            ring_fence_until=year.start + timedelta(days=182),
            cost_code="CSP-WF-4410",
        ),
    )
    for plan, person_id in zip(PLANS, applicants, strict=False):
        _apply(session, rng, bursary_round, person_id, plan, today)
    return bursary_round.id


def _apply(session: Session, rng, bursary_round, person_id: int, plan: Plan, today: date) -> None:
    body, title, level, provider = rng.choice(QUALIFICATIONS)
    starts = today - timedelta(days=plan.course_days_ago)
    ends = starts + timedelta(days=rng.choice((1, 2, 28, 42)))
    cost = rng.choice((18_000, 25_000, 32_000, 45_000, 60_000))
    asked = min(cost * 3 // 4 // 500 * 500, MOST_PER_AWARD_PENCE)
    details = ApplicationDetails(
        person_id=person_id,
        governing_body=body,
        qualification=title,
        level=level,
        course_provider=provider,
        course_starts=starts,
        course_ends=ends,
        course_cost_pence=cost,
        asked_pence=asked,
        match_funding_pence=min(cost - asked, rng.choice((0, 2_500, 5_000))),
        reason="The club's juniors need another qualified coach.",
        ring_fence_group=plan.group,
        # Within the round's dates whatever day the demo is made, early in the year too.
        submitted_on=max(bursary_round.opens_on, min(today, starts - timedelta(days=30))),
    )
    application_id = submit_application(session, bursary_round.id, details).id
    _move_along(session, application_id, plan, asked, ends, today)


def _move_along(session, application_id, plan: Plan, asked: int, ends: date, today: date):
    status = plan.status
    if status is BursaryStatus.SUBMITTED:
        return
    if status is BursaryStatus.WAITING_LIST:
        steps.put_on_waiting_list(session, application_id)
        return
    if status is BursaryStatus.DECLINED:
        steps.decline(session, application_id, "The course is not a recognised qualification.")
        return
    if status is BursaryStatus.WITHDRAWN:
        steps.withdraw(session, application_id, "The coach has moved out of the county.")
        return
    # An award a little under the ask now and then, as the officer shares the money out.
    awarded = asked if asked < 30_000 else asked - 5_000
    evidence_due = ends + timedelta(weeks=4) if plan.course_days_ago > 0 else None
    steps.approve(session, application_id, awarded, evidence_due=evidence_due, today=today)
    if status is BursaryStatus.LAPSED:
        steps.lapse(session, application_id, "No certificate or invoice by the deadline.")
        return
    for step, reached in (
        (steps.send_offer, BursaryStatus.OFFER_SENT),
        (steps.accept, BursaryStatus.ACCEPTED),
    ):
        if status is BursaryStatus.APPROVED:
            return
        step(session, application_id)
        if status is reached:
            return
    steps.receive_evidence(session, application_id, ends + timedelta(days=7))
    if status is BursaryStatus.PAID:
        paid_on = ends + timedelta(days=21)
        steps.pay(session, application_id, f"BACS-{application_id:05d}", paid_on)
