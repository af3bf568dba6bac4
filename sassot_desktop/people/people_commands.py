"""The rows ``people search`` and ``people duplicates`` print, one tuple per line.

No special-category answers: these go to terminals, scripts and files.
"""

from __future__ import annotations

import sys

from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.errors import UserError
from sassot_desktop.people import duplicates, listing
from sassot_desktop.progress import Progress


def search_rows(db: Database, text: str) -> list[tuple]:
    if not text.strip():
        raise UserError(
            "Give some text to search for: part of a name, an email, a postcode or a club."
        )
    with db.read() as session:
        found = listing.ids(session, listing.PeopleQuery(text=text), venue_today())
        people = listing.rows(session, found.ids)
    if found.capped:
        print(
            f"More than {listing.SEARCH_LIMIT:,} people match; the first {listing.SEARCH_LIMIT:,} "
            "are listed. Type more of the name to narrow the search.",
            file=sys.stderr,
        )
    return [
        (
            person.id,
            person.first_name,
            person.last_name,
            person.email,
            person.postcode,
            person.district,
            person.club,
            ", ".join(person.roles),
        )
        for person in people
    ]


def duplicate_rows(db: Database) -> list[tuple]:
    with db.read() as session:
        pairs = duplicates.find_duplicates(session, Progress())
    return [
        (
            pair.score,
            pair.first.id,
            pair.first.name,
            pair.second.id,
            pair.second.name,
            ", ".join(pair.reasons),
        )
        for pair in pairs
    ]
