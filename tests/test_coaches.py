"""Who is a coach (the coach role, or a check or qualification on file) and the people list's
standards filter, which must agree person for person with the standards page's rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from sassot_desktop.db.models import Person
from sassot_desktop.people import roles
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.standards import records
from sassot_desktop.standards.due import coach_standings
from sassot_desktop.standards.kinds import Kind
from sassot_desktop.standards.records import RecordDetails
from sassot_desktop.standards.standing_sql import standing_condition
from sassot_desktop.standards.status import Standing

TODAY = date(2026, 11, 23)
LATER = TODAY + timedelta(days=900)


def add_person(workspace, first: str, last: str, *person_roles: str) -> int:
    with workspace.db.write() as session:
        person_id = create_person(session, PersonDetails(first, last)).id
        roles.set_roles(session, person_id, person_roles)
        return person_id


def hold(workspace, person_id: int, kind: Kind, expires_on: date | None) -> None:
    taken_on = min(TODAY, expires_on or TODAY) - timedelta(days=400)
    with workspace.db.write() as session:
        records.add_record(
            session, person_id, RecordDetails(kind, taken_on, expires_on, title="Level 1")
        )


def standings(workspace) -> dict[int, Standing]:
    with workspace.db.read() as session:
        return {coach.person_id: coach.standing for coach in coach_standings(session, TODAY)}


def filtered(workspace, standing: Standing) -> set[int]:
    with workspace.db.read() as session:
        condition = standing_condition(standing, TODAY)
        return set(session.scalars(select(Person.id).where(condition)))


def test_a_coach_is_anyone_with_the_coach_role_or_a_record(workspace):
    new_coach = add_person(workspace, "Zoë", "Ó'Brien", roles.COACH)
    recorded = add_person(workspace, "Łukasz", "Nowak", roles.VOLUNTEER)
    hold(workspace, recorded, Kind.FIRST_AID, LATER)
    add_person(workspace, "Siân", "Jones", roles.VOLUNTEER, roles.TUTOR)
    add_person(workspace, "Ayşe", "Yılmaz")

    with workspace.db.read() as session:
        coaches = {coach.person_id: coach for coach in coach_standings(session, TODAY)}
    assert set(coaches) == {new_coach, recorded}
    # The coach with nothing on file is missing every one of the standards.
    assert coaches[new_coach].standing is Standing.MISSING
    assert coaches[new_coach].assessment.needs_text == (
        "No DBS check; no safeguarding training; no first aid certificate; "
        "no coaching qualification"
    )


@pytest.mark.parametrize("kind", list(Kind))
def test_the_filter_agrees_with_the_standards_page_on_the_boundary_days(workspace, kind):
    """One coach per case: ``kind`` expiring on a boundary day (or missing, or never expiring)
    while every other record is current for years; plus a role-only coach and a non-coach."""
    cases = {
        "lapsed yesterday": TODAY - timedelta(days=1),
        "expires today": TODAY,
        "expires in 60 days": TODAY + timedelta(days=60),
        "expires in 61 days": TODAY + timedelta(days=61),
        "never expires": None,
        "missing": "missing",
    }
    for number, (case, expires_on) in enumerate(cases.items()):
        coach = add_person(workspace, f"Coach{number}", case.replace(" ", "-"))
        for other in Kind:
            if other is not kind:
                hold(workspace, coach, other, LATER)
        if expires_on != "missing":
            hold(workspace, coach, kind, expires_on)
    # An old lapsed record beside a renewal, and a lapsed record beside a missing one.
    renewed = add_person(workspace, "Renewed", "Coach")
    for other in Kind:
        hold(workspace, renewed, other, LATER)
    hold(workspace, renewed, kind, TODAY - timedelta(days=500))
    lapsed_and_missing = add_person(workspace, "Lapsed", "AndMissing")
    hold(workspace, lapsed_and_missing, kind, TODAY - timedelta(days=3))
    add_person(workspace, "Role", "Only", roles.COACH)
    add_person(workspace, "Not", "ACoach", roles.VOLUNTEER)

    expected = standings(workspace)
    assert set(expected.values()) == set(Standing)
    for standing in Standing:
        wanted = {person for person, found in expected.items() if found is standing}
        assert filtered(workspace, standing) == wanted, standing


def test_the_demo_years_coaches_are_filtered_as_the_standards_page_lists_them(demo_workspace):
    from sassot_desktop.clock import venue_today

    today = venue_today()
    with demo_workspace.db.read() as session:
        expected = {c.person_id: c.standing for c in coach_standings(session, today)}
        for standing in Standing:
            found = set(
                session.scalars(select(Person.id).where(standing_condition(standing, today)))
            )
            assert found == {p for p, s in expected.items() if s is standing}, standing
