"""Two officers, one record: a save made on a form loaded before a colleague's change is refused,
with both versions, instead of silently putting the older details back.

A form remembers the ``version`` of the record it was loaded at and hands it to the save. If
the record has moved on and what the form would write differs from what is stored now, the save
raises ``EditConflict``: who changed it and when, and each field that differs (theirs, mine).
The officer then keeps theirs (the form loads them) or keeps their own changes (the form
saves again, at the version it has now been shown).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sassot_desktop.clock import venue_moment_of, venue_today
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import short_date


@dataclass(frozen=True)
class Difference:
    """One field the two versions disagree on, as the form labels and shows it."""

    field: str
    theirs: str
    mine: str


class EditConflict(UserError):
    """The record changed since the form was loaded; ``version`` is the one now stored."""

    def __init__(
        self,
        noun: str,
        changed_by: str | None,
        changed_at: datetime,
        version: int,
        differences: tuple[Difference, ...],
    ) -> None:
        self.noun = noun
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.version = version
        self.differences = differences
        super().__init__(f"{self.headline} Open it again to see their changes, then make yours.")

    @property
    def headline(self) -> str:
        """ "Sam Jones changed this person at 14:05 while you were editing."."""
        who = self.changed_by or "Someone"
        return f"{who} changed this {self.noun} {when(self.changed_at)} while you were editing."


class SavedAtTheSameMoment(UserError):
    """Another save of the record was written between this one's check and its write."""


def when(instant_utc: datetime) -> str:
    """ "at 14:05" today, "on 03/04/2027 at 14:05" another day (the venue's clock)."""
    moment = venue_moment_of(instant_utc)
    at = f"at {moment:%H:%M}"
    return at if moment.date() == venue_today() else f"on {short_date(moment.date())} {at}"


# Who saved the record last and when, kept with every snapshot for the refusal to name.
_STAMP = ("version", "changed_by", "updated_at")


def snapshot(record, labels: Mapping[str, str]) -> dict[str, object]:
    """The record as stored, before a form is applied to it: the form's fields, and its stamp."""
    return {key: getattr(record, key) for key in (*labels, *_STAMP)}


def refuse_if_changed(
    stored: Mapping[str, object],
    loaded_at: int | None,
    noun: str,
    differences: Callable[[], Iterable[Difference]],
) -> None:
    """Raise ``EditConflict`` if the record ``stored`` snapshots moved on since ``loaded_at`` and
    the save would undo some of that. Nothing to refuse when no version was given (a new record,
    the command line) or when every field the form holds already reads as the form has it."""
    if loaded_at is None or stored["version"] == loaded_at:
        return
    found = tuple(differences())
    if found:
        raise EditConflict(
            noun, stored["changed_by"], stored["updated_at"], stored["version"], found
        )


def compare(
    labels: Mapping[str, str], theirs: Mapping[str, object], mine: Mapping[str, object]
) -> list[Difference]:
    """The fields (in ``labels``' order) whose stored value is not the one the form would save."""
    return [
        Difference(label, shown(theirs[key], key), shown(mine[key], key))
        for key, label in labels.items()
        if theirs[key] != mine[key]
    ]


def shown(value: object, key: str = "") -> str:
    """A value as the form shows it; an empty field as a dash, so that it reads as empty."""
    if value is None or value == "":
        return "—"
    if key.endswith("_pence") and isinstance(value, int):
        return f"£{value // 100:,}.{value % 100:02d}"
    if isinstance(value, datetime):
        return short_date(venue_moment_of(value).date())
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


def write_now(session: Session, noun: str) -> None:
    """Write the change at once, so that a colleague's save that slipped in after our check
    (on a server, at the same moment) is refused in a sentence rather than as a fault."""
    try:
        session.flush()
    except StaleDataError as error:
        raise SavedAtTheSameMoment(
            f"Someone else saved this {noun} at the same moment. Open it again to see their "
            "changes, then make yours."
        ) from error
