"""A round and coaches to apply to it, shared by the bursary tests."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date

from sassot_desktop.bursaries import applications, rounds
from sassot_desktop.bursaries.applications import ApplicationDetails
from sassot_desktop.bursaries.rounds import RoundDetails
from sassot_desktop.people.records import PersonDetails, create_person

TODAY = date(2026, 5, 20)
_NUMBERS = itertools.count(1)


def round_details(**changes) -> RoundDetails:
    base = RoundDetails(
        name="2026/27 round 1",
        opens_on=date(2026, 4, 1),
        closes_on=date(2026, 6, 30),
        budget_pence=100_000,
        most_per_award_pence=25_000,
        ring_fence_pence=30_000,
        ring_fence_until=date(2026, 9, 30),
        cost_code="CSP-WF-4410",
    )
    return dataclasses.replace(base, **changes)


def add_round(workspace, **changes) -> int:
    with workspace.db.write() as session:
        return rounds.create_round(session, round_details(**changes)).id


def add_coach(workspace, first="Zoë", last="Ó'Brien", district="Stafford", **more) -> int:
    with workspace.db.write() as session:
        details = PersonDetails(
            first,
            last,
            email=f"coach{next(_NUMBERS)}@example.org",
            district=district,
            consent_method="Bursary application form",
            **more,
        )
        return create_person(session, details).id


def application_details(person_id: int, **changes) -> ApplicationDetails:
    base = ApplicationDetails(
        person_id=person_id,
        governing_body="England Netball",
        qualification="Certificate in Coaching Netball",
        level="Level 2",
        course_provider="England Netball West Midlands",
        course_starts=date(2026, 6, 6),
        course_ends=date(2026, 7, 4),
        course_cost_pence=40_000,
        asked_pence=25_000,
        match_funding_pence=10_000,
        reason="Our under-12s need a second qualified coach.",
        submitted_on=date(2026, 4, 20),
    )
    return dataclasses.replace(base, **changes)


def apply(workspace, round_id: int, person_id: int, **changes) -> int:
    with workspace.db.write() as session:
        details = application_details(person_id, **changes)
        return applications.submit_application(session, round_id, details).id
