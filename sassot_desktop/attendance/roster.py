"""A workshop's register as plain data: who is booked, who came, the night's headcount.

Plain Python with no database layer, so that the check-in screen can paint tonight's register
(read by ``attendance.tonight``) before the rest of the program has loaded; the operations in
``attendance.register`` return the same types. They are named tuples, not dataclasses: a
dataclass compiles its methods when its module loads, which the first paint would wait for.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from functools import lru_cache
from typing import NamedTuple

from sassot_desktop.db.status import Status
from sassot_desktop.people import folding


class RosterEntry(NamedTuple):
    booking_id: int
    person_id: int
    first_name: str
    last_name: str
    club: str | None
    status: Status
    arrived_local: time | None
    walk_in: bool
    earns_certificate: bool

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def search_tokens(self) -> frozenset[str]:
        return _search_tokens(self.first_name, self.last_name)

    def matches(self, query_words: list[str]) -> bool:
        # Nothing typed matches everyone, without folding anyone's name.
        return not query_words or folding.matches(query_words, self.search_tokens)


@lru_cache(maxsize=4096)
def _search_tokens(first_name: str, last_name: str) -> frozenset[str]:
    # Worked out on the first search, not when the register is read: the window's first paint
    # does not wait for the names to be folded.
    return frozenset(folding.person_tokens(first_name, last_name))


class Headcount(NamedTuple):
    booked: int  # booked places, walk-ins aside
    arrived: int  # of those, how many came
    walk_ins: int
    not_arrived: int

    @property
    def text(self) -> str:
        walk_ins = "1 walk-in" if self.walk_ins == 1 else f"{self.walk_ins} walk-ins"
        return (
            f"{self.arrived} of {self.booked} in · {walk_ins} · {self.not_arrived} not yet arrived"
        )

    @classmethod
    def of(cls, roster: Iterable[RosterEntry]) -> Headcount:
        booked = arrived = walk_ins = not_arrived = 0
        for entry in roster:
            if entry.walk_in:
                walk_ins += entry.status.is_present
                continue
            if not entry.status.holds_place:
                continue
            booked += 1
            arrived += entry.status.is_present
            not_arrived += entry.status is Status.BOOKED
        return cls(booked, arrived, walk_ins, not_arrived)


class BookingSnapshot(NamedTuple):
    """A booking as it was before an operation; ``existed`` is False for one it created."""

    booking_id: int
    status: str
    arrived_at: datetime | None
    arrived_local: time | None
    existed: bool = True


class TickResult(NamedTuple):
    name: str
    arrived_local: time | None
    already_in: bool
    undo: tuple[BookingSnapshot, ...] = ()
    walk_in: bool = False  # a new booking was made for someone who came unbooked

    @property
    def message(self) -> str:
        at = f" at {self.arrived_local:%H:%M}" if self.arrived_local else ""
        if self.already_in:
            return f"{self.name} is already in{at}."
        return f"{self.name} in{at}."
