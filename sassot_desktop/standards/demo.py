"""The demo year's coaches: checks and qualifications in every state the standards page shows,
and the year's safeguarding and first aid workshops granting what they grant."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import Person, StandardRecord, Workshop
from sassot_desktop.standards.granted import KNOWN_GRANTS, follow_workshop
from sassot_desktop.standards.kinds import DBS_LEVELS, DEFAULT_VALIDITY_MONTHS, Kind, expiry_after

COACHES = 45
QUALIFICATIONS = (
    ("England Netball", "Level 1 Award in Coaching Netball", "Level 1"),
    ("England Netball", "Level 2 Certificate in Coaching Netball", "Level 2"),
    ("The FA", "Introduction to Coaching Football", "Level 1"),
    ("The FA", "UEFA C Licence", "Level 2"),
    ("England Athletics", "Leader in Running Fitness", "Level 1"),
    ("Swim England", "Level 2 Swimming Teacher", "Level 2"),
    ("British Gymnastics", "Level 1 Coach", "Level 1"),
)


def add_coaches(session: Session, today: date, seed: int = 2026) -> None:
    """Give a few dozen of the demo's people a coach's records, a few of them lapsed, expiring
    or missing; then let the year's granting workshops record what their attendance earned."""
    rng = random.Random(seed)
    people = list(session.scalars(select(Person.id).order_by(Person.id).limit(COACHES * 3)))
    now = utc_now()
    for person_id in rng.sample(people, min(COACHES, len(people))):
        for kind in Kind:
            if rng.random() < 0.06:
                continue  # missing: the standards page lists what exactly
            taken_on = today - timedelta(days=rng.randint(20, 3 * 365 + 40))
            body, title, level = rng.choice(QUALIFICATIONS)
            is_qualification = kind is Kind.QUALIFICATION
            session.add(
                StandardRecord(
                    person_id=person_id,
                    kind=kind.value,
                    taken_on=taken_on,
                    expires_on=expiry_after(taken_on, DEFAULT_VALIDITY_MONTHS[kind]),
                    governing_body=body if is_qualification else None,
                    title=title if is_qualification else None,
                    level=level if is_qualification else None,
                    dbs_level=rng.choice(DBS_LEVELS[:2]) if kind is Kind.DBS else None,
                    certificate_number=(
                        f"{rng.randint(0, 10**12 - 1):012d}" if kind is Kind.DBS else None
                    ),
                    created_at=now,
                    updated_at=now,
                )
            )
    granting = session.scalars(select(Workshop).where(Workshop.title.in_(list(KNOWN_GRANTS))))
    for workshop in granting:
        workshop.grants = KNOWN_GRANTS[workshop.title].value
        session.flush()
        follow_workshop(session, workshop.id)
