"""The words a booking's status column holds, and what each means.

Plain Python on purpose: the check-in screen paints tonight's register with these before the
database layer has loaded.
"""

from __future__ import annotations

import enum


class Status(enum.StrEnum):
    """Where one booking stands: the words the officer, the CLI and the team's scripts use."""

    BOOKED = "booked"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    LATE = "late"
    LEFT_EARLY = "left early"
    NO_SHOW = "no-show"

    @property
    def is_present(self) -> bool:
        """Came on the night, whatever happened after."""
        return self in (Status.ATTENDED, Status.LATE, Status.LEFT_EARLY)

    @property
    def holds_place(self) -> bool:
        """Counts against the workshop's capacity."""
        return self not in (Status.WAITING, Status.CANCELLED)

    @property
    def earns_certificate(self) -> bool:
        return self in (Status.ATTENDED, Status.LATE)


# The statuses the officer sets by hand on the night or from a returned paper sheet.
SETTABLE = (Status.BOOKED, Status.ATTENDED, Status.LATE, Status.LEFT_EARLY, Status.NO_SHOW)


def certificate_earned(status: Status, officer_override: bool | None) -> bool:
    """Whether a booking earns a certificate: attended or late, unless the officer said not."""
    return status.earns_certificate if officer_override is None else officer_override
