"""Where a coach stands against the minimum operating standards, from their records alone.

Pure functions over plain data, so the boundary days are tested without a database: a record
is current up to and including its expiry day, "expiring" from ``WARNING_DAYS`` before it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sassot_desktop.standards.kinds import REQUIRED, WARNING_DAYS, Kind


class Standing(enum.StrEnum):
    """A coach's overall status; the words of the ``standards due`` TSV."""

    MEETS = "meets"
    EXPIRING = "expiring"
    LAPSED = "lapsed"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return _STANDING_LABELS[self]


_STANDING_LABELS = {
    Standing.MEETS: "Meets the standards",
    Standing.EXPIRING: "Expiring soon",
    Standing.LAPSED: "Lapsed",
    Standing.MISSING: "Missing something",
}
# A coach with several needs is listed under the most urgent: a lapsed check stops them
# coaching today, as does a missing one; an expiring one leaves time to renew.
_URGENCY = (Standing.LAPSED, Standing.MISSING, Standing.EXPIRING, Standing.MEETS)


@dataclass(frozen=True)
class Held:
    """One record as the rules need it: its kind and the day it expires (None: never)."""

    kind: Kind
    expires_on: date | None


@dataclass(frozen=True)
class Need:
    """One thing a coach must renew or provide."""

    kind: Kind
    standing: Standing  # EXPIRING, LAPSED or MISSING
    expires_on: date | None = None  # None when missing

    @property
    def short_text(self) -> str:
        """A list's wording: "DBS check expires 12/03/2027"."""
        if self.standing is Standing.MISSING:
            return f"no {self.kind.label}"
        verb = "expired" if self.standing is Standing.LAPSED else "expires"
        return f"{self.kind.label} {verb} {self.expires_on:%d/%m/%Y}"

    @property
    def sentence(self) -> str:
        """A reminder's wording, to the coach: "Your DBS check expires on 12 March 2027."."""
        if self.standing is Standing.MISSING:
            return f"We have no record of your {self.kind.label}."
        day = f"{self.expires_on.day} {self.expires_on:%B %Y}"  # %-d does not exist on Windows
        verb = "expired" if self.standing is Standing.LAPSED else "expires"
        return f"Your {self.kind.label} {verb} on {day}."


@dataclass(frozen=True)
class Assessment:
    standing: Standing
    needs: tuple[Need, ...]

    @property
    def needs_text(self) -> str:
        """Everything needed on one line, or "" for a coach who meets the standards."""
        text = "; ".join(need.short_text for need in self.needs)
        return text[:1].upper() + text[1:]

    @property
    def first_due(self) -> date | None:
        """The earliest expiry among the needs: the order of a list of who needs what."""
        days = [need.expires_on for need in self.needs if need.expires_on is not None]
        return min(days) if days else None


def assess(held: Iterable[Held], today: date, within_days: int = WARNING_DAYS) -> Assessment:
    """A coach's standing from every record they hold; for each kind the record that lasts
    longest counts (a renewed DBS check makes the old one irrelevant)."""
    best: dict[Kind, Held] = {}
    for record in held:
        kept = best.get(record.kind)
        if kept is None or _lasts_longer(record, kept):
            best[record.kind] = record
    warn_from = today + timedelta(days=within_days)
    needs = []
    for kind in REQUIRED:
        record = best.get(kind)
        if record is None:
            needs.append(Need(kind, Standing.MISSING))
        elif record.expires_on is None:
            continue
        elif record.expires_on < today:
            needs.append(Need(kind, Standing.LAPSED, record.expires_on))
        elif record.expires_on <= warn_from:
            needs.append(Need(kind, Standing.EXPIRING, record.expires_on))
    return Assessment(_overall(needs), tuple(needs))


def _lasts_longer(record: Held, than: Held) -> bool:
    if than.expires_on is None:
        return False
    return record.expires_on is None or record.expires_on > than.expires_on


def _overall(needs: Sequence[Need]) -> Standing:
    found = {need.standing for need in needs}
    return next(
        standing for standing in _URGENCY if standing in found or standing is Standing.MEETS
    )
