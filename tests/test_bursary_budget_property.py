"""The budget guard under random work from two windows: whatever sequence of approvals,
lapses, withdrawals, payments and reversals two sessions make, a round never promises more
than its budget, the ring-fenced share stays free for its groups until its date, and
committed + paid + remaining always equals the budget."""

from __future__ import annotations

from datetime import date, timedelta

from bursary_data import add_coach, add_round, apply
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from sassot_desktop.bursaries import rounds, steps
from sassot_desktop.bursaries.budget import figures
from sassot_desktop.bursaries.workflow import BursaryStatus
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import BursaryApplication
from sassot_desktop.errors import UserError

BUDGET = 40_000
RING_FENCE = 15_000
RING_FENCE_UNTIL = date(2026, 7, 31)
FIRST_DAY = date(2026, 5, 1)
APPLICANTS = 6  # the first two in a ring-fenced group

FORWARD = {
    BursaryStatus.APPROVED: steps.send_offer,
    BursaryStatus.OFFER_SENT: steps.accept,
}

_actions = st.lists(
    st.tuples(
        st.sampled_from(("approve", "approve", "lapse", "withdraw", "pay", "reverse")),
        st.integers(0, 1),  # which window
        st.integers(0, APPLICANTS - 1),  # which application
        # The award, when approving: mostly the large round sums that press on the budget.
        st.one_of(st.sampled_from((25_000, 20_000, 12_500)), st.integers(1, 25_000)),
        st.integers(0, 20),  # days passing before the action
    ),
    min_size=1,
    max_size=25,
)


def chosen(session, applications: list[int], which: int, action: str) -> int:
    """The application to act on: ``which``, or for an approval the first from there still
    waiting for a decision, so that sequences reach the end of the budget."""
    if action != "approve":
        return applications[which]
    undecided = (BursaryStatus.SUBMITTED, BursaryStatus.WAITING_LIST)
    for offset in range(len(applications)):
        candidate = applications[(which + offset) % len(applications)]
        if session.get(BursaryApplication, candidate).status in undecided:
            return candidate
    return applications[which]


def act(session, action, application_id, award, today):
    if action == "approve":
        steps.approve(session, application_id, award, today + timedelta(days=400), today=today)
    elif action == "lapse":
        steps.lapse(session, application_id, "Evidence did not come")
    elif action == "withdraw":
        steps.withdraw(session, application_id, "Changed their mind")
    elif action == "reverse":
        steps.reverse_last_step(session, application_id, "A slip", today=today)
    else:
        pay_as_far_as_possible(session, application_id, today)


def pay_as_far_as_possible(session, application_id, today):
    status = BursaryStatus(session.get(BursaryApplication, application_id).status)
    if status in FORWARD:
        FORWARD[status](session, application_id)
    elif status is BursaryStatus.ACCEPTED:
        steps.receive_evidence(session, application_id, max(today, date(2026, 6, 6)))
    else:
        steps.pay(session, application_id, "BACS 42", max(today, date(2026, 6, 6)))


def check_the_round(db: Database, round_id: int, today: date) -> None:
    with db.read() as session:
        now = figures(session, rounds.get_round(session, round_id), today)
        awards = session.execute(
            select(
                BursaryApplication.status,
                BursaryApplication.awarded_pence,
                BursaryApplication.ring_fence_group,
            ).where(BursaryApplication.round_id == round_id)
        ).all()
    holding = [
        (award, group) for status, award, group in awards if BursaryStatus(status).holds_award
    ]
    spent = sum(award for award, _ in holding)
    spent_in_groups = sum(award for award, group in holding if group)
    assert now.committed + now.paid + now.remaining == BUDGET
    assert now.committed + now.paid == spent <= BUDGET
    if today <= RING_FENCE_UNTIL:
        assert spent - spent_in_groups <= BUDGET - max(RING_FENCE, spent_in_groups)
        assert now.ring_fence_left == max(0, RING_FENCE - spent_in_groups)
        assert now.ring_fence_left <= now.remaining


@given(actions=_actions)
def test_two_windows_never_break_the_budget_or_the_ring_fence(workspace, actions):
    round_id = add_round(
        workspace,
        budget_pence=BUDGET,
        ring_fence_pence=RING_FENCE,
        ring_fence_until=RING_FENCE_UNTIL,
    )
    coaches = [add_coach(workspace, "Coach", f"Number {n}") for n in range(APPLICANTS)]
    groups = ["women and girls", "disabled people"] + [None] * (APPLICANTS - 2)
    applications = [
        apply(workspace, round_id, coach, ring_fence_group=group)
        for coach, group in zip(coaches, groups, strict=True)
    ]
    windows = (workspace.db, Database(workspace.db.url))
    today = FIRST_DAY
    try:
        for action, window, which, award, days in actions:
            today += timedelta(days=days)
            try:
                with windows[window].write() as session:
                    target = chosen(session, applications, which, action)
                    act(session, action, target, award, today)
            except UserError:
                pass  # a refusal is a right answer too; the figures are checked either way
            check_the_round(workspace.db, round_id, today)
    finally:
        windows[1].close()
