"""Two officers, one record: a save made on a form loaded before a colleague's change keeps
both people's work, and asks only about a field both of them changed.

A form remembers what it was loaded with (``Loaded``: the record's version and its fields'
values, the base) and hands it to the save. If the record has moved on since, each field is
settled three ways: changed only by the colleague, it stays as they left it; changed only by
the officer, it is saved; changed by both to different values, it is a clash, and the save
raises ``EditConflict`` (who, when, and each clash: was, theirs, yours). The officer keeps
their own values or the colleague's for those fields (``keeping_mine``, ``keeping_theirs``:
what the form saves again with); every other change is kept either way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sassot_desktop.clock import venue_moment_of, venue_today
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import short_date


@dataclass(frozen=True)
class Loaded:
    """What a form showed: the record's ``version`` and its fields' ``values`` then."""

    version: int
    values: Mapping[str, object]

    @classmethod
    def of(cls, details: object, version: int) -> Loaded:
        """From the details (a dataclass named like the record's columns) a form was filled with."""
        return cls(version, dataclasses.asdict(details))


@dataclass(frozen=True)
class Difference:
    """One field both officers changed, as the form labels and shows it."""

    field: str
    was: str
    theirs: str
    mine: str


class EditConflict(UserError):
    """Both officers changed some fields; ``version`` is the one now stored. The form saves
    again with ``keeping_mine`` or ``keeping_theirs`` as what it was loaded with to settle
    those fields one way or the other; ``kept`` names the colleague's other changes, which
    stay either way."""

    def __init__(
        self,
        noun: str,
        changed_by: str | None,
        changed_at: datetime,
        version: int,
        differences: tuple[Difference, ...],
        kept: tuple[str, ...],
        keeping_mine: Loaded,
        keeping_theirs: Loaded,
    ) -> None:
        self.noun = noun
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.version = version
        self.differences = differences
        self.kept = kept
        self.keeping_mine = keeping_mine
        self.keeping_theirs = keeping_theirs
        super().__init__(f"{self.headline} Open it again to see their changes, then make yours.")

    @property
    def headline(self) -> str:
        """ "Sam Jones changed this person at 14:05 while you were editing."."""
        at = when(self.changed_at)
        return f"{self.who} changed this {self.noun} {at} while you were editing."

    @property
    def who(self) -> str:
        return self.changed_by or "Someone"


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


@dataclass(frozen=True)
class Merged:
    """What to save: ``values`` of the form's fields, and a line naming the colleague's
    changes that were kept ("" when there were none)."""

    values: dict[str, object]
    also_kept: str = ""


def merge(
    noun: str,
    labels: Mapping[str, str],
    loaded: Loaded | None,
    stored: Mapping[str, object],
    mine: Mapping[str, object],
) -> Merged:
    """The form's fields (``labels``) settled three ways: the base ``loaded``, ``stored`` now
    (theirs, a ``snapshot``) and ``mine``. Raises ``EditConflict`` if both changed a field to
    different values. With nothing loaded (a new record, the command line) ``mine`` is saved
    as it is. Settled three ways even when nobody saved since: a choice made in the dialog
    comes back at the version it was shown, with the base moved to settle the clashes."""
    if loaded is None:
        return Merged({key: mine[key] for key in labels})
    base = loaded.values
    values: dict[str, object] = {}
    kept: list[str] = []
    clashes: list[str] = []
    for key, label in labels.items():
        was, theirs, wanted = base[key], stored[key], mine[key]
        if wanted == was and theirs != was:
            values[key] = theirs
            kept.append(label)
        elif theirs in (was, wanted):
            values[key] = wanted
        else:
            clashes.append(key)
    changed_by = stored["changed_by"]
    if clashes:
        raise EditConflict(
            noun,
            changed_by,
            stored["updated_at"],
            stored["version"],
            tuple(
                Difference(labels[key], *(shown(side[key], key) for side in (base, stored, mine)))
                for key in clashes
            ),
            tuple(kept),
            # Saved again with the clashing fields' base set to one side's value, the other
            # side's value is the only change there, and it wins; the rest merge as before.
            keeping_mine=Loaded(stored["version"], {**base, **{k: stored[k] for k in clashes}}),
            keeping_theirs=Loaded(stored["version"], {**base, **{k: mine[k] for k in clashes}}),
        )
    return Merged(values, also_kept(changed_by, kept))


def also_kept(changed_by: str | None, labels: list[str]) -> str:
    """ "Also kept: Sam Jones's changes to Phone and Club." ("" for none)."""
    if not labels:
        return ""
    whose = f"{changed_by}'s" if changed_by else "a colleague's"
    fields = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"
    change = "change" if len(labels) == 1 else "changes"
    return f"Also kept: {whose} {change} to {fields}."


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
