"""Finding people as the officer types: prefix search over ``person_token``.

This is the one module that decides how people are searched. It uses plain indexed range
queries that run alike on SQLite and PostgreSQL: each typed word becomes the range
[word, word-with-last-letter-bumped) on the token column, which the primary key index answers
without scanning. The rarest word drives the query; the others are checked once per person
it finds, by one probe of the (person_id, token) index each, written so that PostgreSQL
cannot turn them into joins planned from its estimate of a range (far off after a bulk load).
A walk stops at the limit without DISTINCT, which PostgreSQL answers by reading the whole
range first. The statements are built once and reused, since they run on every key the
officer presses.
"""

from __future__ import annotations

import re
from functools import cache
from weakref import WeakKeyDictionary

from sqlalchemy import (
    bindparam,
    delete,
    exists,
    func,
    insert,
    intersect,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from sassot_desktop.db.models import Person, PersonToken
from sassot_desktop.people import folding

# Counting a word's tokens stops here: beyond it, every word is simply "common".
COUNT_CAP = 5000
# The rarest words of a query go into one statement, the rest are checked against each person
# found: SQLite takes at most 500 terms in a compound SELECT, and a pasted paragraph has more.
WORDS_IN_ONE_STATEMENT = 16
_EVERYONE = 2**62
# A postcode as typed with its space, whole or begun: "st16 2", "de13 8h", "b7 5dg".
_POSTCODE_TYPED = re.compile(r"[a-z]{1,2}[0-9][0-9a-z]? [0-9][a-z]{0,2}")
# The words found common (their tokens reach the cap), by database. A word that common stays so
# while the officer types on ("sarah" of "sarah j", "sarah jo"…), and counting it again walks
# thousands of index entries on every key. Only the plan depends on it, never who is found, so a
# word that has since become rarer costs speed at worst.
_COMMON: WeakKeyDictionary[object, set[str]] = WeakKeyDictionary()
_IDS_AT_A_TIME = 500


def tokens_of(person: Person) -> set[str]:
    return folding.person_tokens(
        person.first_name, person.last_name, person.email, person.postcode, person.club
    )


def reindex(session: Session, person: Person) -> None:
    """Rewrite a person's search words after their details changed (person must have an id)."""
    session.execute(delete(PersonToken).where(PersonToken.person_id == person.id))
    rows = [{"token": token, "person_id": person.id} for token in tokens_of(person)]
    if rows:
        session.execute(insert(PersonToken), rows)


def matching_ids(session: Session, query: str, limit: int = 20) -> list[int]:
    """Ids of up to ``limit`` people every word of ``query`` finds, in no particular order."""
    typed = [word[: folding.TOKEN_LENGTH] for word in folding.words(query)]
    words = set(typed)
    if not words:
        return []
    if len(words) == 1:
        # Nothing to rank: counting the word's tokens (up to the cap) would only repeat the
        # walk the query itself makes, on every first letter typed.
        return _people_with_words(session, list(words), {}, limit)
    counts = _counts(session, words)
    if not all(counts.values()):
        return []
    # The rarest word comes first: "st5 1hw" walks the few "1hw" tokens, not every "st5" one;
    # among words too common to count, the longest ("nicola", not "a") is the rarest.
    ordered = sorted(words, key=lambda word: (counts[word], -len(word), word))
    in_sql, in_python = ordered[:WORDS_IN_ONE_STATEMENT], ordered[WORDS_IN_ONE_STATEMENT:]
    postcode = "".join(typed) if _POSTCODE_TYPED.fullmatch(" ".join(typed)) else None
    found = _people_with_words(session, in_sql, counts, _EVERYONE if in_python else limit, postcode)
    if in_python:
        found = _people_also_with(session, found, in_python)[:limit]
    return found


def _counts(session: Session, words: set[str]) -> dict[str, int]:
    """Each word's tokens, counted up to the cap; the words of a query in one statement, since
    a server is a round trip away. A word once found common is not counted again."""
    common = _COMMON.setdefault(session.get_bind(), set())
    counts = {word: COUNT_CAP for word in words & common}
    remaining = sorted(words - common)
    while remaining:
        some, remaining = remaining[:WORDS_IN_ONE_STATEMENT], remaining[WORDS_IN_ONE_STATEMENT:]
        parameters: dict[str, str] = {}
        for number, word in enumerate(some):
            parameters |= _range(word, number)
        # Through Core, not the ORM: these run on every key, and the ORM's path costs more
        # than the index walk itself.
        row = session.connection().execute(_counting(len(some)), parameters).one()
        counts |= dict(zip(some, row, strict=True))
    common.update(word for word in words if counts[word] >= COUNT_CAP)
    return counts


def _people_with_words(
    session: Session,
    words: list[str],
    counts: dict[str, int],
    limit: int,
    postcode: str | None = None,
) -> list[int]:
    parameters = {"limit": limit}
    for number, word in enumerate(words):
        parameters |= _range(word, number)
    if len(words) > 1 and counts[words[0]] < COUNT_CAP:
        walk = _each_person_of_first_word(len(words))
    else:
        walk = _driven_by_first_word(len(words))
    if postcode is not None:
        statement = _postcode_first(walk, len(words))
        return _ids(session, statement, parameters | _range(postcode, "pc"))
    if len(words) > 1 and max(counts[word] for word in words) < COUNT_CAP:
        # Two names of a few thousand each ("laura lewi"): intersecting the two index ranges
        # is several times faster than checking each Laura for a Lewis.
        return _ids(session, _intersecting(len(words)), parameters)
    return _ids(session, _limited(walk), parameters)


def _ids(session: Session, statement, parameters: dict) -> list[int]:
    return session.connection().execute(statement, parameters).scalars().all()


def _people_also_with(session: Session, candidates: list[int], words: list[str]) -> list[int]:
    """Those of ``candidates`` who have a token for each of ``words`` as well, in order."""
    tokens: dict[int, set[str]] = {}
    for start in range(0, len(candidates), _IDS_AT_A_TIME):
        chunk = candidates[start : start + _IDS_AT_A_TIME]
        rows = session.execute(
            select(_TOKEN.person_id, _TOKEN.token).where(_TOKEN.person_id.in_(chunk))
        )
        for person_id, token in rows:
            tokens.setdefault(person_id, set()).add(token)
    return [
        person_id
        for person_id in candidates
        if folding.matches(words, tokens.get(person_id, set()))
    ]


def _range(word: str, number: int | str = 0) -> dict[str, str]:
    """The tokens a typed word begins: [word, word with its last letter bumped)."""
    return {f"low{number}": word, f"high{number}": word[:-1] + chr(ord(word[-1]) + 1)}


_TOKEN = PersonToken.__table__.c


@cache
def _counting(words: int):
    """How many tokens each word begins, counted no further than the cap (bounded walks)."""
    return select(
        *(
            select(func.count())
            .select_from(_people_with_word(number).limit(COUNT_CAP).subquery())
            .scalar_subquery()
            for number in range(words)
        )
    )


def _people_with_word(number: int | str, token=_TOKEN):
    return select(token.person_id).where(
        token.token >= bindparam(f"low{number}"), token.token < bindparam(f"high{number}")
    )


@cache
def _driven_by_first_word(words: int):
    """Walk the first word's tokens in index order, keeping each person at their first token
    there who has a token for every other word as well.

    Keeping a person only at their first token makes each one come once without DISTINCT,
    so the walk stops as soon as ``limit`` people are found: PostgreSQL's DISTINCT (a hash or
    a sort) reads the whole range first, every person of "s" for a first letter typed.
    """
    earlier = aliased(PersonToken.__table__).c
    first_there = ~_person_has(earlier, _TOKEN, bindparam("low0"), earlier.token < _TOKEN.token)
    # The other words are checked first: most tokens walked fail them ("sk17 3" walks every
    # "sk17" postcode for the few that go on "3"), and those need no second probe.
    return _people_with_word(0).where(*_other_words(_TOKEN, words), first_there)


@cache
def _each_person_of_first_word(words: int):
    """The first word's people, each once, who have a token for every other word as well.

    For a first word under the count cap ("war" of "william war"): its few thousand tokens
    are read whole and each person is checked once, not once per token of theirs (Jacob Ward
    is found by "ward" and by "ward21" of his email): a third to a half off the worst
    keys on SQLite and on PostgreSQL."""
    driving = _people_with_word(0).distinct().subquery()
    return select(driving.c.person_id).where(*_other_words(driving.c, words))


@cache
def _limited(walk):
    return walk.limit(bindparam("limit"))


@cache
def _postcode_first(walk, words: int):
    """``walk``, after the people of the postcode the words spell when run together.

    A postcode typed with its space ("de13 8") is one token on file ("de138hq"), and the
    walk of "de13" meets its people only after those of DE13 1 to DE13 7: ten times the
    probes for a list that stops at the limit. Those with a token of the joined words come
    first (each checked for every word, as any other); the walk then leaves them out.
    """
    earlier = aliased(PersonToken.__table__).c
    first_there = ~_person_has(earlier, _TOKEN, bindparam("lowpc"), earlier.token < _TOKEN.token)
    postcodes_people = _people_with_word("pc").where(
        *_other_words(_TOKEN, words, first=0), first_there
    )
    walked = walk.subquery()
    joined = aliased(PersonToken.__table__).c
    in_postcode = _person_has(
        joined, walked.c, bindparam("lowpc"), joined.token < bindparam("highpc")
    )
    rest = select(walked.c.person_id).where(~in_postcode)
    return union_all(postcodes_people, rest).limit(bindparam("limit"))


def _other_words(person, words: int, first: int = 1) -> list:
    checks = []
    for number in range(first, words):
        other = aliased(PersonToken.__table__).c
        high = other.token < bindparam(f"high{number}")
        checks.append(_person_has(other, person, bindparam(f"low{number}"), high))
    return checks


def _person_has(other, token, low, below_high):
    """Whether the person of ``token`` has a token in [low, ...) as ``below_high`` bounds it:
    one probe of the (person_id, token) index per person walked.

    OFFSET 0 keeps PostgreSQL from turning the check into a join, which it plans from its
    estimate of the ranges' sizes: after a bulk load that estimate was 1 token for "louise",
    and the join it chose walked every "wa" token once per Louise (5 s for "louise wa")."""
    return exists(
        select(other.person_id)
        .where(other.person_id == token.person_id, other.token >= low, below_high)
        .offset(literal_column("0"))
    )


@cache
def _intersecting(words: int):
    """The people every word's token range holds, as one INTERSECT of the ranges."""
    ranges = [_people_with_word(number) for number in range(words)]
    return intersect(*ranges).limit(bindparam("limit"))


def search(session: Session, query: str, limit: int = 20) -> list[Person]:
    """People matching ``query``, in list order (last name, first name)."""
    ids = matching_ids(session, query, limit)
    if not ids:
        return []
    statement = select(Person).where(Person.id.in_(ids)).order_by(Person.sort_name, Person.id)
    return list(session.scalars(statement))
