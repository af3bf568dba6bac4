"""The kinds of record the standards ask of a coach, and how long each stays valid.

Plain Python with no database layer: the status rules, the screens' labels and the reminders'
wording all read these words, and the CLI's TSV shows them as they are here.
"""

from __future__ import annotations

import enum
from datetime import date

from sassot_desktop.errors import UserError


class Kind(enum.StrEnum):
    """What a record is: the words stored, shown in TSV and used by the team's scripts."""

    DBS = "dbs"
    SAFEGUARDING = "safeguarding"
    FIRST_AID = "first aid"
    QUALIFICATION = "qualification"

    @property
    def label(self) -> str:
        """The record's name in a sentence: "Your DBS check expires…"."""
        return _LABELS[self]

    @property
    def heading(self) -> str:
        """The record's name at the start of a line or a list entry."""
        text = self.label
        return text[0].upper() + text[1:]


_LABELS = {
    Kind.DBS: "DBS check",
    Kind.SAFEGUARDING: "safeguarding training",
    Kind.FIRST_AID: "first aid certificate",
    Kind.QUALIFICATION: "coaching qualification",
}
# Every kind a coach must hold, in the order lists and letters name them.
REQUIRED: tuple[Kind, ...] = (Kind.DBS, Kind.SAFEGUARDING, Kind.FIRST_AID, Kind.QUALIFICATION)

# What a workshop can grant: a DBS check comes only from the DBS, never from a course.
GRANTABLE: tuple[Kind, ...] = (Kind.SAFEGUARDING, Kind.FIRST_AID, Kind.QUALIFICATION)


def checked_grant(kind: str | None) -> str | None:
    """What a workshop grants, as stored: one of ``GRANTABLE``, or None for nothing."""
    if not kind:
        return None
    if kind not in GRANTABLE:
        raise UserError(
            "A workshop can grant safeguarding training, first aid or a coaching "
            "qualification; choose one of those or nothing."
        )
    return Kind(kind).value


# How long a record stays valid unless the officer sets otherwise, in months (None: no
# expiry). DBS checks are renewed every three years in common practice; UK Coaching's
# safeguarding course and emergency first aid certificates are also good for three.
DEFAULT_VALIDITY_MONTHS: dict[Kind, int | None] = {
    Kind.DBS: 36,
    Kind.SAFEGUARDING: 36,
    Kind.FIRST_AID: 36,
    Kind.QUALIFICATION: None,
}

# The disclosure levels the DBS issues; the standards ask for an enhanced check to work
# with children, but a record keeps whichever level the certificate shows.
DBS_LEVELS: tuple[str, ...] = (
    "Enhanced with barred list",
    "Enhanced",
    "Standard",
    "Basic",
)

# How soon before an expiry a coach is told, and listed as expiring.
WARNING_DAYS = 60


def expiry_after(taken_on: date, months: int | None) -> date | None:
    """The day a record taken on ``taken_on`` lapses after ``months``; a 29 February or a 31st
    moves to the last day of a shorter month (a check dated 31 August 2026 for 36 months
    expires on 31 August 2029; one dated 29 February 2028 on 28 February 2031)."""
    if months is None:
        return None
    month_index = taken_on.month - 1 + months
    year, month = taken_on.year + month_index // 12, month_index % 12 + 1
    for day in (taken_on.day, 30, 29, 28):
        try:
            return date(year, month, min(taken_on.day, day))
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def masked_certificate_number(number: str | None) -> str:
    """A DBS certificate number as lists and letters show it: "••••••••1234". The whole
    number is kept for the officer to read out when a club asks; it is never listed."""
    if not number:
        return ""
    visible = number[-4:]
    return "•" * max(4, len(number) - 4) + visible
