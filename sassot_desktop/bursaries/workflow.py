"""The words an application's status holds, the steps allowed between them, and the groups the
ring-fence is held for.

Plain Python on purpose: the screens and the command line name these before the database
layer has loaded.
"""

from __future__ import annotations

import enum


class BursaryStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    DECLINED = "declined"
    WAITING_LIST = "waiting list"
    OFFER_SENT = "offer sent"
    ACCEPTED = "accepted"
    EVIDENCE_RECEIVED = "evidence received"
    PAID = "paid"
    LAPSED = "lapsed"
    WITHDRAWN = "withdrawn"

    @property
    def commits_money(self) -> bool:
        """Money promised and not yet paid: it counts against the round's budget."""
        return self in COMMITTED

    @property
    def holds_award(self) -> bool:
        """Committed or paid: the award is the round's money, spent or promised."""
        return self in COMMITTED or self is BursaryStatus.PAID

    @property
    def is_final(self) -> bool:
        return not NEXT_STEPS[self]


COMMITTED = frozenset(
    {
        BursaryStatus.APPROVED,
        BursaryStatus.OFFER_SENT,
        BursaryStatus.ACCEPTED,
        BursaryStatus.EVIDENCE_RECEIVED,
    }
)

# Forward only: a wrong step is put right by reversing it (with a reason), never by stepping
# back through this table.
NEXT_STEPS: dict[BursaryStatus, tuple[BursaryStatus, ...]] = {
    BursaryStatus.SUBMITTED: (
        BursaryStatus.APPROVED,
        BursaryStatus.DECLINED,
        BursaryStatus.WAITING_LIST,
        BursaryStatus.WITHDRAWN,
    ),
    BursaryStatus.WAITING_LIST: (
        BursaryStatus.APPROVED,
        BursaryStatus.DECLINED,
        BursaryStatus.WITHDRAWN,
    ),
    BursaryStatus.APPROVED: (
        BursaryStatus.OFFER_SENT,
        BursaryStatus.LAPSED,
        BursaryStatus.WITHDRAWN,
    ),
    BursaryStatus.OFFER_SENT: (
        BursaryStatus.ACCEPTED,
        BursaryStatus.LAPSED,
        BursaryStatus.WITHDRAWN,
    ),
    BursaryStatus.ACCEPTED: (
        BursaryStatus.EVIDENCE_RECEIVED,
        BursaryStatus.LAPSED,
        BursaryStatus.WITHDRAWN,
    ),
    BursaryStatus.EVIDENCE_RECEIVED: (BursaryStatus.PAID, BursaryStatus.WITHDRAWN),
    BursaryStatus.PAID: (),
    BursaryStatus.DECLINED: (),
    BursaryStatus.LAPSED: (),
    BursaryStatus.WITHDRAWN: (),
}

# Still waiting for the certificate and the invoice: these lapse once the deadline passes.
AWAITING_EVIDENCE = (BursaryStatus.APPROVED, BursaryStatus.OFFER_SENT, BursaryStatus.ACCEPTED)

# The under-represented groups a round's ring-fenced share is held for (DOMAIN.md).
RING_FENCE_GROUPS: tuple[str, ...] = (
    "women and girls",
    "disabled people",
    "Black and minority-ethnic coaches",
)


def checked_group(group: str | None) -> str | None:
    """A ring-fence group as stored: one of the three, or None for none (or not said)."""
    if group is None or not group.strip() or group.strip().casefold() == "none":
        return None
    for known in RING_FENCE_GROUPS:
        if known.casefold() == group.strip().casefold():
            return known
    from sassot_desktop.errors import UserError

    raise UserError(
        f"“{group}” is not one of the ring-fenced groups; choose "
        f"{', '.join(RING_FENCE_GROUPS)}, or none."
    )
