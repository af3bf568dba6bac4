"""Volunteering's operations: hours count only once approved, milestones on the boundary,
placements and the Step into Sport share, award rounds and their certificates read back."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from sassot_desktop.documents.certificates import build_certificates
from sassot_desktop.errors import UserError
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.volunteering import awards, hours, milestones, placements, step_into_sport
from sassot_desktop.volunteering.durations import hours_text, parse_hours

DAY = date(2026, 6, 1)


def add_person(workspace, first: str, last: str) -> int:
    with workspace.db.write() as session:
        return create_person(session, PersonDetails(first, last)).id


def log(workspace, person_id: int, minutes: int, activity: str = "Junior coaching") -> int:
    with workspace.db.write() as session:
        return hours.log_hours(session, person_id, DAY, minutes, activity).id


def approve(workspace, *ids: int) -> hours.Decision:
    with workspace.db.write() as session:
        return hours.approve(session, ids)


def total_of(workspace, person_id: int) -> hours.VolunteerTotal:
    with workspace.db.read() as session:
        [total] = [t for t in hours.totals(session) if t.person_id == person_id]
    return total


# --- hours as typed ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("2.5", 150),
        ("2:30", 150),
        ("2h30", 150),
        ("2¼", 135),
        ("¾", 45),
        ("49.75", 2985),
        ("3 hours", 180),
        ("0.25", 15),
    ],
)
def test_hours_are_read_as_whole_minutes(typed, minutes):
    assert parse_hours(typed) == minutes


@pytest.mark.parametrize("typed", ["", "0", "-2", "2.1", "2:07", "abc", "1000.25", "nan", "2:75"])
def test_hours_that_are_not_quarter_hours_of_a_day_are_refused(typed):
    with pytest.raises(UserError):
        parse_hours(typed)


def test_hours_read_back_as_a_spreadsheet_would():
    assert [hours_text(m) for m in (60, 150, 2985, 45, 3000)] == ["1", "2.5", "49.75", "0.75", "50"]


# --- approval and milestones ------------------------------------------------------------------


def test_hours_count_only_once_approved(workspace):
    zoe = add_person(workspace, "Zoë", "Ó'Brien")
    entry = log(workspace, zoe, 60 * 60)

    waiting = total_of(workspace, zoe)
    assert (waiting.approved_minutes, waiting.pending_minutes) == (0, 3600)
    assert waiting.last_milestone is None
    with workspace.db.read() as session:
        assert milestones.milestones(session) == []

    decision = approve(workspace, entry)

    counted = total_of(workspace, zoe)
    assert (counted.approved_minutes, counted.pending_minutes) == (3600, 0)
    assert [m.hours for m in decision.reached] == [50]
    assert counted.last_milestone == 50


def test_the_quarter_hour_that_makes_fifty_reaches_the_milestone(workspace):
    zoe = add_person(workspace, "Zoë", "Ó'Brien")
    assert approve(workspace, log(workspace, zoe, parse_hours("49.75"))).reached == []
    last_quarter = log(workspace, zoe, parse_hours("0.25"))

    decision = approve(workspace, last_quarter)

    [reached] = decision.reached
    assert (reached.person_id, reached.hours, reached.name) == (zoe, 50, "Zoë Ó'Brien")
    assert reached.acknowledged_at is None
    assert approve(workspace, log(workspace, zoe, 15)).reached == []  # 50.25: nothing new


def test_one_approval_may_reach_several_milestones_for_several_people(workspace):
    zoe = add_person(workspace, "Zoë", "Ó'Brien")
    lukasz = add_person(workspace, "Łukasz", "Wiśniewski")
    entries = [log(workspace, zoe, 24 * 60) for _ in range(5)]  # 120 hours
    entries.append(log(workspace, lukasz, 24 * 60))  # 24 hours

    decision = approve(workspace, *entries)

    assert sorted((m.name, m.hours) for m in decision.reached) == [
        ("Zoë Ó'Brien", 50),
        ("Zoë Ó'Brien", 100),
    ]
    assert decision.decided == 6


def test_rejected_hours_never_count_and_cannot_be_decided_twice(workspace):
    zoe = add_person(workspace, "Zoë", "Ó'Brien")
    entry = log(workspace, zoe, 60 * 60)
    with workspace.db.write() as session:
        hours.reject(session, [entry])
    assert total_of(workspace, zoe).approved_minutes == 0
    with pytest.raises(UserError, match="decided already"), workspace.db.write() as session:
        hours.approve(session, [entry])


def test_undoing_an_approval_takes_back_a_milestone_not_yet_acted_on(workspace):
    zoe = add_person(workspace, "Zoë", "Ó'Brien")
    first = log(workspace, zoe, 50 * 60)
    approve(workspace, first)
    with workspace.db.write() as session:
        undone = hours.reopen(session, [first])
    assert undone.withdrawn == 1
    with workspace.db.read() as session:
        assert milestones.milestones(session) == []
        [waiting] = hours.hours_entries(session, status=hours.PENDING)
    assert waiting.id == first

    approve(workspace, first)
    with workspace.db.write() as session:
        [milestone] = milestones.milestones(session)
        milestones.acknowledge(session, [milestone.id])
        hours.reopen(session, [first])
    with workspace.db.read() as session:
        [kept] = milestones.milestones(session)
    assert kept.acknowledged_at is not None  # the officer acted on it: it stays


def test_hours_for_a_day_to_come_or_without_an_activity_are_refused(workspace):
    zoe = add_person(workspace, "Zoë", "Ó'Brien")
    with pytest.raises(UserError, match="happened"), workspace.db.write() as session:
        hours.log_hours(session, zoe, date(2026, 6, 2), 60, "Gala", today=DAY)
    with pytest.raises(UserError, match="what the hours were for"), workspace.db.write() as s:
        hours.log_hours(s, zoe, DAY, 60, "  ")


# --- placements and Step into Sport -----------------------------------------------------------


def test_step_into_sport_share_placed_against_the_target(workspace):
    conference = date(2026, 3, 14)
    people = [add_person(workspace, f"Volunteer{n}", "Smith") for n in range(10)]
    with workspace.db.write() as session:
        # One had a club before the conference: that placement does not count.
        placements.add_placement(session, people[0], "Stone Dominoes", "Helper", date(2025, 1, 1))
        for person_id in people:
            assert step_into_sport.record_attendance(session, person_id, conference)
        assert not step_into_sport.record_attendance(session, people[0], conference)
        for person_id in people[1:9]:
            placements.add_placement(session, person_id, "Leek RUFC", "Coach", date(2026, 4, 1))
    with workspace.db.read() as session:
        [below] = step_into_sport.conferences(session)
    assert (below.attended, below.placed, below.percent_placed) == (10, 8, 80)
    assert not below.meets_target
    assert below.described == "8 of 10 placed in clubs (80%), below the 90% target"

    with workspace.db.write() as session:
        placements.add_placement(session, people[9], "Leek RUFC", "Coach", date(2026, 5, 2))
    with workspace.db.read() as session:
        [meets] = step_into_sport.conferences(session)
        first = step_into_sport.attendees(session, conference)[0]
    assert (meets.placed, meets.meets_target) == (9, True)
    assert first.person_id == people[0] and first.placed_on is None  # still to place, first


def test_a_placement_cannot_end_before_it_starts(workspace):
    zoe = add_person(workspace, "Zoë", "Ó'Brien")
    with pytest.raises(UserError, match="before it starts"), workspace.db.write() as session:
        placements.add_placement(session, zoe, "Club", "Role", DAY, date(2026, 5, 1))


# --- awards ------------------------------------------------------------------------------------


def test_an_award_round_from_nomination_to_certificates(workspace):
    zoe = add_person(workspace, "Zoë", "Ó'Brien")
    sian = add_person(workspace, "Siân", "Llŵyd-Jones")
    ayse = add_person(workspace, "Ayşe", "Yılmaz")
    with workspace.db.write() as session:
        award_round = awards.create_round(
            session, "Staffordshire Sport Awards 2026", 2026, date(2026, 11, 27)
        )
        volunteer, young, *_ = awards.categories(session, award_round.id)
        ids = [
            awards.nominate(session, volunteer.id, person, "Stafford Harriers", "Every Saturday").id
            for person in (zoe, sian, ayse)
        ]
        awards.nominate(session, young.id, ayse, "Self", "Leads the under-9s")
        awards.set_stage(session, ids[:2], awards.SHORTLISTED)
        awards.set_stage(session, [ids[0]], awards.WINNER)
        with pytest.raises(UserError, match="already won Volunteer of the Year"):
            awards.set_stage(session, [ids[1]], awards.WINNER)
        with pytest.raises(UserError, match="already nominated"):
            awards.nominate(session, volunteer.id, zoe, "Again", "Twice")
        certificates = awards.certificates(session, award_round.id, DAY)

    pdf = build_certificates(certificates, title=awards.CERTIFICATE_TITLE)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 2  # the winner and the one finalist; nominees only get none
    winner = [line.strip() for line in pages[0].splitlines()]
    assert "Certificate of Recognition" in winner
    assert "Zoë Ó'Brien" in winner
    assert "is recognised as" in winner
    assert "Volunteer of the Year 2026 — Winner" in winner
    assert "on Friday 27 November 2026" in winner
    assert "Verification code" not in pages[0]
    assert "Siân Llŵyd-Jones" in pages[1] and "Volunteer of the Year 2026 — Finalist" in pages[1]
    assert build_certificates(certificates, title=awards.CERTIFICATE_TITLE) == pdf


def test_a_second_round_with_the_same_name_is_refused(workspace):
    with workspace.db.write() as session:
        awards.create_round(session, "Awards 2026", 2026)
        with pytest.raises(UserError, match="already awards called"):
            awards.create_round(session, "Awards 2026", 2026)


def test_the_demo_year_shows_every_part_of_volunteering(demo_workspace):
    with demo_workspace.db.read() as session:
        totals = hours.totals(session)
        [conference] = step_into_sport.conferences(session)
        waiting = hours.hours_entries(session, status=hours.PENDING)
        reached = milestones.milestones(session)
        [award_round] = awards.rounds(session)
        nominated = awards.nominations(session, award_round.id)
    zoe = next(total for total in totals if total.name == "Zoë Ó'Brien")
    assert (zoe.approved_minutes, zoe.last_milestone) == (2985, None)  # one quarter to go
    assert (conference.attended, conference.placed, conference.meets_target) == (20, 18, True)
    assert waiting and reached and nominated
    assert {m.hours for m in reached} >= {50, 100}
