"""The budget guard: money committed plus money paid never exceeds a round's budget, and the
ring-fenced share stays free for its groups until its date.

Every operation that may commit money first takes the round's lock (``lock_round``) and only
then reads the figures, so two windows approving at once are served one after the other and
the second sees the first's award.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from sassot_desktop.bursaries.money import pounds_text
from sassot_desktop.bursaries.workflow import COMMITTED, BursaryStatus
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import BursaryApplication, BursaryRound
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import short_date


@dataclass(frozen=True)
class Figures:
    """Where a round's money stands on one day."""

    budget: int
    committed: int  # approved and not yet paid, lapsed or withdrawn
    paid: int
    ring_fence: int
    ring_fence_until: date | None
    ring_fence_spent: int  # committed or paid to applicants in the groups
    today: date

    @property
    def remaining(self) -> int:
        return self.budget - self.committed - self.paid

    @property
    def ring_fence_held(self) -> bool:
        return (
            self.ring_fence > 0
            and self.ring_fence_until is not None
            and self.today <= self.ring_fence_until
        )

    @property
    def ring_fence_left(self) -> int:
        """The part of the ring-fence not yet given to its groups; 0 once its date has passed."""
        if not self.ring_fence_held:
            return 0
        return max(0, self.ring_fence - self.ring_fence_spent)

    def available_to(self, in_group: bool) -> int:
        """What one more award may be, for an applicant in a group or not."""
        return self.remaining if in_group else self.remaining - self.ring_fence_left


def lock_round(session: Session, round_id: int) -> BursaryRound:
    """Take the round for this transaction before its figures are read.

    On SQLite the whole database's write lock is taken at once (``BEGIN IMMEDIATE``), so no
    other window can commit between our reading of the figures and our writing; a second
    window waits for it (the busy timeout) and then reads figures that include ours. On a
    server database the round's row is locked instead (``SELECT … FOR UPDATE``).
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        driver = connection.connection.driver_connection
        # Already in a transaction means this session has written, and so holds the lock.
        if not driver.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    locked = select(BursaryRound).where(BursaryRound.id == round_id).with_for_update()
    bursary_round = session.scalars(locked).one_or_none()
    if bursary_round is None:
        return require(session, BursaryRound, round_id, "bursary round")
    return bursary_round


def figures(session: Session, bursary_round: BursaryRound, today: date) -> Figures:
    committed = [status.value for status in COMMITTED]
    award = func.coalesce(BursaryApplication.awarded_pence, 0)
    in_group = BursaryApplication.ring_fence_group.is_not(None)
    holds = BursaryApplication.status.in_([*committed, BursaryStatus.PAID.value])
    row = session.execute(
        select(
            func.coalesce(
                func.sum(case((BursaryApplication.status.in_(committed), award), else_=0)), 0
            ),
            func.coalesce(
                func.sum(case((BursaryApplication.status == BursaryStatus.PAID, award), else_=0)),
                0,
            ),
            func.coalesce(func.sum(case(((holds & in_group), award), else_=0)), 0),
        ).where(BursaryApplication.round_id == bursary_round.id)
    ).one()
    return Figures(
        budget=bursary_round.budget_pence,
        committed=int(row[0]),
        paid=int(row[1]),
        ring_fence=bursary_round.ring_fence_pence,
        ring_fence_until=bursary_round.ring_fence_until,
        ring_fence_spent=int(row[2]),
        today=today,
    )


def check_award(figures: Figures, amount: int, in_group: bool) -> None:
    """Refuse, with the figures, an award the round cannot take."""
    if amount <= figures.available_to(in_group):
        return
    asked = f"{pounds_text(amount)} asked"
    if in_group or figures.ring_fence_left == 0 or figures.remaining < amount:
        raise UserError(
            f"{pounds_text(max(0, figures.remaining))} left in this round; {asked}. "
            "Award less, or put the application on the waiting list."
        )
    raise UserError(
        f"{pounds_text(max(0, figures.available_to(False)))} left in this round for coaches "
        f"outside the ring-fenced groups ({pounds_text(figures.ring_fence_left)} is held for "
        f"them until {short_date(figures.ring_fence_until)}); {asked}. Award less, or put the "
        "application on the waiting list."
    )
