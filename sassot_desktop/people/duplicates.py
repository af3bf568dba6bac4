"""Finding people entered twice: likely pairs, best first.

Comparing every pair of 100,000 people (5 billion pairs) is out of reach, so people are put in
blocks that a real duplicate almost always shares: the same email, phone, date of birth or
postcode, or a name alike at its start (same last name and first initial; same first name and
the first letters of the last). Only people in one block are compared, with rapidfuzz's
similarity of their folded names, and the pair is scored on the name and what else they share.
What they hold differently (another date of birth, another email) counts against them, so two
different John Smiths are not offered, while a walk-in recorded with only a name is.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import NotDuplicate, Person
from sassot_desktop.people import folding
from sassot_desktop.progress import Progress

# Names at least this alike (rapidfuzz ratio, 0-100) are compared further; less alike where
# something else is shared ("Bob Smith" and "Robert Smith" with one email).
NAME_CUTOFF = 80
NAME_CUTOFF_WITH_EVIDENCE = 60
# A pair scoring below this is not shown.
SCORE_CUTOFF = 60
# Blocks larger than this (a shared placeholder email, a common name key) are compared only
# with their neighbours in name order, not every pair.
LARGEST_BLOCK = 400
NEIGHBOURS = 40
MOST_PAIRS = 5000
REPORT_EVERY_S = 0.2
_READ_BATCH = 5_000
_NOT_DIGITS = re.compile(r"\D")

# What each shared field adds to a pair's score, and its words in the list.
_SHARED = {
    "email": (30, "same email"),
    "phone": (25, "same phone"),
    "born": (20, "same date of birth"),
    "postcode": (10, "same postcode"),
}
_DIFFERING_COSTS = {"email": 5, "phone": 5, "born": 40, "postcode": 5}


@dataclass(frozen=True)
class Someone:
    """A person as the duplicate search and its list see them (no special-category data)."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    postcode: str | None
    date_of_birth: date | None
    club: str | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class LikelyPair:
    first: Someone
    second: Someone
    score: int  # 0-100
    reasons: tuple[str, ...]  # "similar name", "same email", ...


@dataclass
class _Keys:
    folded: str
    email: str | None
    phone: str | None
    born: date | None
    postcode: str | None


def find_duplicates(session: Session, progress: Progress | None = None) -> list[LikelyPair]:
    """Likely pairs among everyone on file, best first (at most ``MOST_PAIRS``)."""
    progress = progress or Progress()
    people = _everyone(session, progress)
    keys = []
    for number, someone in enumerate(people):
        keys.append(_keys_of(someone))
        if number % 5000 == 0:
            progress.report(number, len(people), "Reading names, emails and phone numbers")
    grouped = _blocks(keys, progress)
    blocks = [(key[0], block) for key, block in grouped.items() if len(block) > 1]
    found: dict[tuple[int, int], LikelyPair] = {}
    reported = time.monotonic()
    for number, (kind, block) in enumerate(blocks):
        cutoff = NAME_CUTOFF_WITH_EVIDENCE if kind in _SHARED else NAME_CUTOFF
        for i, j in _candidate_pairs(block, keys, cutoff):
            pair = (i, j) if i < j else (j, i)
            if pair not in found:
                likely = _judge(people[pair[0]], people[pair[1]], keys[pair[0]], keys[pair[1]])
                found[pair] = likely
        # Blocks differ a thousandfold in size: report by the clock, not by the count.
        if time.monotonic() - reported > REPORT_EVERY_S:
            progress.report(number, len(blocks), "Comparing people who share a name, email…")
            reported = time.monotonic()
    progress.report(len(blocks), len(blocks), "Sorting the likely pairs")
    told_apart = _told_apart(session)
    pairs = [
        pair
        for pair in found.values()
        if pair is not None and (pair.first.id, pair.second.id) not in told_apart
    ]
    pairs.sort(key=lambda pair: (-pair.score, pair.first.last_name, pair.first.id, pair.second.id))
    return pairs[:MOST_PAIRS]


def not_the_same(session: Session, one_id: int, other_id: int) -> None:
    """The officer's word that two records are two people: they are not offered again."""
    first, second = sorted((one_id, other_id))
    if session.get(NotDuplicate, (first, second)) is None:
        session.add(
            NotDuplicate(
                person_id=first,
                other_id=second,
                decided_at=utc_now(),
                decided_by=audit.current_actor(session),
            )
        )
    audit.record(session, "not a duplicate", "person", first, other=second)


def _told_apart(session: Session) -> set[tuple[int, int]]:
    pairs = session.execute(select(NotDuplicate.person_id, NotDuplicate.other_id))
    # A merge may have turned a pair around (its rows moved to the kept record's id).
    return {(min(one, other), max(one, other)) for one, other in pairs}


_SOMEONE = select(
    Person.id,
    Person.first_name,
    Person.last_name,
    Person.email,
    Person.phone,
    Person.postcode,
    Person.date_of_birth,
    Person.club,
)


def _everyone(session: Session, progress: Progress) -> list[Someone]:
    statement = _SOMEONE.order_by(Person.id)
    people: list[Someone] = []
    result = session.execute(statement.execution_options(yield_per=_READ_BATCH))
    for batch in result.partitions():
        people.extend(Someone(*row) for row in batch)
        progress.report(0, 0, f"Reading people: {len(people):,}")
    return people


def _keys_of(someone: Someone) -> _Keys:
    email = someone.email.strip().lower() if someone.email else None
    digits = _NOT_DIGITS.sub("", someone.phone or "")
    # +44 7700 900123 and 07700 900123 are one number: compare the last ten digits.
    phone = digits[-10:] if len(digits) >= 10 else None
    postcode = "".join(someone.postcode.split()).upper() if someone.postcode else None
    folded = folding.fold(f"{someone.first_name} {someone.last_name}")
    return _Keys(folded, email or None, phone, someone.date_of_birth, postcode or None)


def _blocks(keys: list[_Keys], progress: Progress) -> dict[tuple, list[int]]:
    blocks: dict[tuple, list[int]] = {}
    for index, key in enumerate(keys):
        if index % 5000 == 0:
            progress.report(index, len(keys), "Grouping people who share a name, email…")
        words = key.folded.split()
        first, last = (words[0], words[-1]) if words else ("", "")
        wanted = [("last name, first initial", last, first[:1]), ("first name", first, last[:2])]
        wanted += [(field, value) for field, value in _shared_fields(key) if value is not None]
        for block in wanted:
            blocks.setdefault(block, []).append(index)
    return blocks


def _shared_fields(key: _Keys) -> Iterator[tuple[str, object]]:
    yield "email", key.email
    yield "phone", key.phone
    yield "born", key.born
    yield "postcode", key.postcode


def _candidate_pairs(block: list[int], keys: list[_Keys], cutoff: int) -> Iterator[tuple[int, int]]:
    """Pairs of the block whose names are alike enough to judge."""
    if len(block) > LARGEST_BLOCK:
        block = sorted(block, key=lambda index: keys[index].folded)
    names = [keys[index].folded for index in block]
    for position, index in enumerate(block):
        end = position + 1 + NEIGHBOURS if len(block) > LARGEST_BLOCK else len(block)
        others = names[position + 1 : end]
        for _name, _score, offset in process.extract(
            names[position], others, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff, limit=None
        ):
            yield index, block[position + 1 + offset]


def _judge(one: Someone, other: Someone, a: _Keys, b: _Keys) -> LikelyPair | None:
    name = max(fuzz.ratio(a.folded, b.folded), fuzz.token_sort_ratio(a.folded, b.folded))
    reasons = ["same name" if name == 100 else "similar name"]
    score = name * 0.6
    differing = 0
    for field, value in _shared_fields(a):
        theirs = getattr(b, field)
        if value is None or theirs is None:
            continue
        if value == theirs:
            points, words = _SHARED[field]
            score += points
            reasons.append(words)
        else:
            differing += _DIFFERING_COSTS[field]
    if len(reasons) == 1 and differing:
        return None  # alike only in name, and known to differ: two people of one name
    score = round(min(100, score - differing + (10 if len(reasons) == 1 else 0)))
    if score < SCORE_CUTOFF:
        return None
    return LikelyPair(one, other, score, tuple(reasons))


def likely_same_as(session: Session, person_id: int, limit: int = 5) -> list[LikelyPair]:
    """Others on file who may be this person: the same email, or a name alike with the same
    date of birth or postcode; best first. For a record just made, where a search of everyone
    would be too much."""
    someone = _someone(session, person_id)
    if someone is None:
        return []
    told_apart = _told_apart(session)
    return [
        pair
        for pair in on_file_like(session, someone, limit=LARGEST_BLOCK, besides=person_id)
        if (min(person_id, pair.first.id), max(person_id, pair.first.id)) not in told_apart
    ][:limit]


def on_file_like(
    session: Session, someone: Someone, limit: int = 5, besides: int | None = None
) -> list[LikelyPair]:
    """People on file who may be ``someone``, a person not necessarily on file (a walk-in
    come back from an evening offline), by the rule of ``likely_same_as``; each pair's
    ``first`` is the one on file."""
    keys = _keys_of(someone)
    shared = []
    if keys.email:
        shared.append(func.lower(Person.email) == keys.email)
    if someone.date_of_birth:
        shared.append(Person.date_of_birth == someone.date_of_birth)
    if someone.postcode:
        shared.append(Person.postcode == someone.postcode)
    if not shared:
        return []
    statement = _SOMEONE.where(or_(*shared))
    if besides is not None:
        statement = statement.where(Person.id != besides)
    pairs = []
    for row in session.execute(statement.limit(LARGEST_BLOCK)).all():
        other = Someone(*row)
        pair = _judge(other, someone, _keys_of(other), keys)
        if pair is None:
            continue
        if "same email" in pair.reasons or (
            len(pair.reasons) > 1 and {"same date of birth", "same postcode"} & set(pair.reasons)
        ):
            pairs.append(pair)
    pairs.sort(key=lambda pair: (-pair.score, pair.first.id))
    return pairs[:limit]


def _someone(session: Session, person_id: int) -> Someone | None:
    row = session.execute(_SOMEONE.where(Person.id == person_id)).one_or_none()
    return None if row is None else Someone(*row)
