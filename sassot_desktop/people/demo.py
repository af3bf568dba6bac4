"""The demo's people as the officer's records would have them: roles, and a few people typed in
twice (for "Find duplicates" to find).

Roles follow what the demo recorded: whoever holds a check or qualification or applied for a
bursary coaches, whoever is placed in a club or came to Step into Sport volunteers; a share of
everyone else is given a role at random, most people having none (they came to a workshop).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sassot_desktop.db.models import (
    BursaryApplication,
    NotDuplicate,
    Person,
    PersonMerge,
    PersonRole,
    Placement,
    StandardRecord,
    StepIntoSportAttendance,
)
from sassot_desktop.people.profile import details_of
from sassot_desktop.people.records import PersonDetails, update_person
from sassot_desktop.people.roles import COACH, TUTOR, VOLUNTEER, YOUNG_LEADER

# Deleted before the people they refer to (``demo --force``).
TABLES = (PersonRole, NotDuplicate, PersonMerge)

# The share of people given each role at random, beside those their records make.
ROLE_SHARES = {COACH: 0.05, VOLUNTEER: 0.25, YOUNG_LEADER: 0.04, TUTOR: 0.01}

# People entered a second time, as happens: (first, last) of the demo's named person, and
# what changed in the second record. The same date of birth, phone or email lets "Find
# duplicates" offer them beside the similar name.
RETYPED = (
    (
        ("Zoë", "Ó'Brien"),
        {"first_name": "Zoe", "last_name": "O'Brien", "email": "zoe.ob@gmail.com"},
    ),
    (("Łukasz", "Wiśniewski"), {"first_name": "Lukasz", "last_name": "Wisniewski", "email": None}),
    (("Siân", "Llŵyd-Jones"), {"first_name": "Sian", "last_name": "Llwyd Jones", "phone": None}),
    (("Priya", "Patel"), {"postcode": None, "district": None, "club": None}),
)


def clear(session: Session) -> None:
    for model in TABLES:
        session.execute(delete(model))


def give_roles(session: Session, person_ids: Iterable[int], seed: int = 11) -> None:
    """Give ``person_ids`` their roles: those their records make, and the random share."""
    wanted = list(person_ids)
    chosen = set(wanted)
    rows = set()
    for role, made_by in (
        (COACH, (StandardRecord.person_id, BursaryApplication.person_id)),
        (VOLUNTEER, (Placement.person_id, StepIntoSportAttendance.person_id)),
    ):
        for column in made_by:
            rows.update(
                (p, role) for p in session.scalars(select(column).distinct()) if p in chosen
            )
    rng = random.Random(seed)
    for person_id in wanted:
        rows.update(
            (person_id, role) for role, share in ROLE_SHARES.items() if rng.random() < share
        )
    if rows:
        session.connection().execute(
            insert(PersonRole.__table__),
            [{"person_id": person_id, "role": role} for person_id, role in sorted(rows)],
        )


def retype_some(session: Session) -> list[int]:
    """Make the last few people on file second records of the named people (their bookings
    then sit on the second record, as a walk-in form would leave them); returns their ids.
    Rewriting people already made, rather than adding more, keeps the demo's size and every
    draw of its random generator as they were."""
    last = session.scalars(select(Person.id).order_by(Person.id.desc()).limit(len(RETYPED)))
    retyped = []
    for person_id, ((first, last_name), changes) in zip(last.all(), RETYPED, strict=False):
        original = session.scalar(
            select(Person).where(Person.first_name == first, Person.last_name == last_name)
        )
        if original is None or original.id == person_id:
            continue
        if original.date_of_birth is None:
            # Only the same day of birth tells a retyped name from a namesake.
            original.date_of_birth = _birthday(original.id)
        again: PersonDetails = replace(
            details_of(original),
            **changes,
            consent_method="Walk-in form at the workshop",
            consent_at=None,
        )
        update_person(session, person_id, again)
        retyped.append(person_id)
    return retyped


def _birthday(person_id: int) -> date:
    return date(1970, 1, 1) + timedelta(days=person_id * 97 % 12_000)
