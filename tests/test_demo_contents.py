"""What the demo year holds beside its workshops: people with roles, a few typed in twice, and
this financial year's bursary round with applications in many statuses, inside its budget."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from sassot_desktop import demo
from sassot_desktop.bursaries.applications import list_applications
from sassot_desktop.bursaries.budget import figures
from sassot_desktop.bursaries.rounds import list_rounds
from sassot_desktop.bursaries.workflow import BursaryStatus
from sassot_desktop.clock import venue_today
from sassot_desktop.db.models import (
    BursaryApplication,
    BursaryRound,
    Person,
    PersonRole,
    Placement,
    StandardRecord,
)
from sassot_desktop.financial_year import financial_year_of
from sassot_desktop.people import roles
from sassot_desktop.people.duplicates import find_duplicates


def roles_by_person(session) -> dict[int, set[str]]:
    held: dict[int, set[str]] = {}
    for person_id, role in session.execute(select(PersonRole.person_id, PersonRole.role)):
        held.setdefault(person_id, set()).add(role)
    return held


def test_people_have_roles_that_follow_their_records(demo_workspace):
    with demo_workspace.db.read() as session:
        everyone = session.scalar(select(func.count()).select_from(Person))
        held = roles_by_person(session)
        recorded = set(session.scalars(select(StandardRecord.person_id)))
        applied = set(session.scalars(select(BursaryApplication.person_id)))
        placed = set(session.scalars(select(Placement.person_id)))
    assert everyone == 400
    counts = Counter(role for person_roles in held.values() for role in person_roles)
    assert set(counts) == set(roles.ROLES)
    # Most people only came to a workshop; volunteers outnumber coaches, tutors are few.
    assert len(held) < everyone * 0.6
    assert counts[roles.VOLUNTEER] > counts[roles.COACH] > counts[roles.YOUNG_LEADER]
    assert 1 <= counts[roles.TUTOR] < counts[roles.YOUNG_LEADER]
    assert all(roles.COACH in held[p] for p in recorded | applied)
    assert all(roles.VOLUNTEER in held[p] for p in placed)


def test_a_few_people_were_typed_in_twice_and_are_found(demo_workspace):
    with demo_workspace.db.read() as session:
        pairs = find_duplicates(session)
    names = {frozenset((pair.first.name, pair.second.name)): pair for pair in pairs}
    zoe = names[frozenset(("Zoë Ó'Brien", "Zoe O'Brien"))]
    assert zoe.first.email != zoe.second.email
    assert "same date of birth" in zoe.reasons
    assert frozenset(("Łukasz Wiśniewski", "Lukasz Wisniewski")) in names
    assert frozenset(("Siân Llŵyd-Jones", "Sian Llwyd Jones")) in names


def test_this_years_bursary_round_has_applications_in_many_statuses(demo_workspace):
    today = venue_today()
    with demo_workspace.db.read() as session:
        [bursary_round] = list_rounds(session, today)
        applications = list_applications(session, bursary_round.id)
        money = figures(session, session.get(BursaryRound, bursary_round.id), today)
    assert bursary_round.year == financial_year_of(today)
    statuses = Counter(application.status for application in applications)
    assert set(statuses) == set(BursaryStatus)
    assert statuses[BursaryStatus.PAID] >= 2
    assert money.committed + money.paid <= money.budget
    assert money.paid == sum(a.paid or 0 for a in applications)


def test_demo_force_replaces_everything_without_doubling_it(demo_workspace):
    demo.fill(demo_workspace.db, people=400, force=True)
    with demo_workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 400
        assert session.scalar(select(func.count()).select_from(BursaryRound)) == 1
        held = roles_by_person(session)
    assert set().union(*held.values()) == set(roles.ROLES)


@pytest.mark.parametrize("today", [date(2027, 4, 1), date(2027, 5, 2), date(2028, 3, 31)])
def test_the_demo_can_be_made_on_any_day_of_the_financial_year(workspace, today):
    # Its bursary applications must fall within the year's round, the first days included.
    demo.fill(workspace.db, people=60, today=today)

    with workspace.db.read() as session:
        [bursary_round] = list_rounds(session, today)
        assert len(list_applications(session, bursary_round.id)) > 0
