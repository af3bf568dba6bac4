"""Finding people as the officer types: prefix search over ``person_token``.

This is the one module that decides how people are searched. It uses plain indexed range
queries that run alike on SQLite and PostgreSQL: each typed word becomes the range
[word, word-with-last-letter-bumped) on the token column, which the primary key index answers
without scanning. The most selective (longest) word drives the query; the others are checked
per candidate through the (person_id, token) index.
"""

from __future__ import annotations

from sqlalchemy import and_, delete, exists, func, insert, select
from sqlalchemy.orm import Session, aliased

from sassot_desktop.db.models import Person, PersonToken
from sassot_desktop.people import folding


def tokens_of(person: Person) -> set[str]:
    return tokens_for(
        person.first_name, person.last_name, person.email, person.postcode, person.club
    )


def tokens_for(
    first_name: str,
    last_name: str,
    email: str | None = None,
    postcode: str | None = None,
    club: str | None = None,
) -> set[str]:
    """The words a person is found by: names, the whole name, email, postcode and club."""
    full_name = f"{first_name} {last_name}"
    return folding.tokens(first_name, last_name, full_name, email, postcode, club)


def reindex(session: Session, person: Person) -> None:
    """Rewrite a person's search words after their details changed (person must have an id)."""
    session.execute(delete(PersonToken).where(PersonToken.person_id == person.id))
    rows = [{"token": token, "person_id": person.id} for token in tokens_of(person)]
    if rows:
        session.execute(insert(PersonToken), rows)


def matching_ids(session: Session, query: str, limit: int = 20) -> list[int]:
    """Ids of up to ``limit`` people every word of ``query`` finds, in no particular order."""
    words = set(folding.words(query))
    if not words:
        return []
    counts = {word: _capped_count(session, word) for word in words}
    if not all(counts.values()):
        return []
    # The rarest word drives: "st5 1hw" walks the few "1hw" tokens, not every "st5" one; among
    # words too common to count, the longest ("nicola", not "a") is the rarest.
    driver, *others = sorted(words, key=lambda word: (counts[word], -len(word), word))
    token = PersonToken.__table__.c
    statement = select(token.person_id).where(_prefix(token.token, driver)).distinct()
    for word in others:
        other = aliased(PersonToken.__table__)
        statement = statement.where(
            exists().where(and_(other.c.person_id == token.person_id, _prefix(other.c.token, word)))
        )
    return list(session.scalars(statement.limit(limit)))


def _capped_count(session: Session, word: str, cap: int = 2000) -> int:
    """How many tokens a word begins, counted no further than ``cap`` (an index range walk)."""
    token = PersonToken.__table__.c
    matches = select(token.person_id).where(_prefix(token.token, word)).limit(cap).subquery()
    return session.scalar(select(func.count()).select_from(matches))


def search(session: Session, query: str, limit: int = 20) -> list[Person]:
    """People matching ``query``, in list order (last name, first name)."""
    ids = matching_ids(session, query, limit)
    if not ids:
        return []
    statement = select(Person).where(Person.id.in_(ids)).order_by(Person.sort_name, Person.id)
    return list(session.scalars(statement))


def _prefix(column, word: str):
    word = word[: folding.TOKEN_LENGTH]
    upper = word[:-1] + chr(ord(word[-1]) + 1)
    return and_(column >= word, column < upper)
