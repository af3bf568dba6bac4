"""Putting an application right before it is decided, with the change kept in its history;
and the round's opening and closing dates, which an application must fall within unless the
officer takes it late on purpose."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from bursary_data import TODAY, add_coach, add_round, application_details, apply

from sassot_desktop.bursaries import applications, steps
from sassot_desktop.bursaries.applications import OutsideRoundDates
from sassot_desktop.bursaries.editing import edit_application
from sassot_desktop.bursaries.workflow import BursaryStatus
from sassot_desktop.db.models import BursaryApplication
from sassot_desktop.errors import UserError


def edit(workspace, application_id, **changes):
    with workspace.db.write() as session:
        current = applications.ApplicationDetails.of(
            session.get(BursaryApplication, application_id)
        )
        return edit_application(session, application_id, dataclasses.replace(current, **changes))


def notes(workspace, application_id) -> list[str]:
    with workspace.db.read() as session:
        return [s.note for s in applications.history(session, application_id) if s.note]


def test_a_submitted_application_is_corrected_and_the_change_kept(workspace):
    round_id = add_round(workspace)
    application_id = apply(workspace, round_id, add_coach(workspace))
    edited = edit(
        workspace,
        application_id,
        asked_pence=20_000,
        course_provider="Staffordshire FA",
        course_ends=date(2026, 7, 11),
        ring_fence_group="disabled people",
        submitted_on=date(2026, 6, 1),  # the date it came in is not the form's to change
    )
    assert edited.message == (
        f"Application {application_id} changed: course provider “England Netball West "
        "Midlands” → “Staffordshire FA”; course dates 06/06/2026–04/07/2026 → "
        "06/06/2026–11/07/2026; amount asked £250.00 → £200.00; ring-fence group."
    )
    with workspace.db.read() as session:
        application = session.get(BursaryApplication, application_id)
        assert (application.asked_pence, application.ring_fence_group) == (
            20_000,
            "disabled people",
        )
        assert application.submitted_on == date(2026, 4, 20)
        assert application.status == BursaryStatus.SUBMITTED
    [note] = notes(workspace, application_id)
    assert note.startswith("edited: course provider")
    assert "disabled" not in note, "the ring-fence group's value stays out of the history"


def test_an_edit_on_the_waiting_list_keeps_its_place_in_the_history(workspace):
    round_id = add_round(workspace)
    application_id = apply(workspace, round_id, add_coach(workspace))
    with workspace.db.write() as session:
        steps.put_on_waiting_list(session, application_id)
    edit(workspace, application_id, match_funding_pence=5_000)
    with workspace.db.read() as session:
        taken = applications.history(session, application_id)
    assert [(s.to_status, s.note) for s in taken] == [
        ("waiting list", None),
        ("waiting list", "edited: match funding £100.00 → £50.00"),
    ]
    # An edit is not a step: reversing takes back the waiting list, not the edit.
    with workspace.db.write() as session:
        steps.reverse_last_step(session, application_id, "Money came back to the round")
        assert session.get(BursaryApplication, application_id).status == "submitted"


def test_an_edit_changing_nothing_is_not_kept(workspace):
    round_id = add_round(workspace)
    application_id = apply(workspace, round_id, add_coach(workspace))
    assert edit(workspace, application_id).changes == ()
    assert notes(workspace, application_id) == []


def test_an_edit_is_checked_like_a_new_application(workspace):
    round_id = add_round(workspace)
    application_id = apply(workspace, round_id, add_coach(workspace))
    with pytest.raises(UserError, match="come to more than the course cost"):
        edit(workspace, application_id, asked_pence=35_000)


@pytest.mark.parametrize(
    ("moves", "says"),
    [
        (("approve",), "is approved, so its details are fixed: reverse its steps back"),
        (("approve", "offer"), "is offer sent, so its details are fixed"),
        (("decline",), "is declined: reverse that step first"),
    ],
)
def test_a_decided_application_is_not_edited_until_reversed(workspace, moves, says):
    round_id = add_round(workspace)
    application_id = apply(workspace, round_id, add_coach(workspace))
    with workspace.db.write() as session:
        for move in moves:
            if move == "approve":
                steps.approve(session, application_id, 20_000, today=TODAY)
            elif move == "offer":
                steps.send_offer(session, application_id)
            else:
                steps.decline(session, application_id)
    with pytest.raises(UserError, match=says):
        edit(workspace, application_id, asked_pence=10_000)
    with workspace.db.read() as session:
        assert session.get(BursaryApplication, application_id).asked_pence == 25_000


# -- the round's dates -----------------------------------------------------------------------
@pytest.mark.parametrize("dated", [date(2026, 3, 31), date(2026, 7, 1)])
def test_an_application_outside_the_rounds_dates_is_refused_saying_them(workspace, dated):
    round_id = add_round(workspace)
    person_id = add_coach(workspace)
    with pytest.raises(OutsideRoundDates) as refusal:
        apply(workspace, round_id, person_id, submitted_on=dated)
    assert str(refusal.value) == (
        "2026/27 round 1 is open from 01/04/2026 to 30/06/2026; this application is dated "
        f"{dated:%d/%m/%Y}. Submit it to a round that is open, or take it as late and say why."
    )
    with workspace.db.read() as session:
        assert session.query(BursaryApplication).count() == 0


@pytest.mark.parametrize("dated", [date(2026, 4, 1), date(2026, 6, 30)])
def test_the_first_and_last_days_of_a_round_are_in_time(workspace, dated):
    round_id = add_round(workspace)
    application_id = apply(workspace, round_id, add_coach(workspace), submitted_on=dated)
    assert notes(workspace, application_id) == []


def test_a_late_application_is_taken_deliberately_with_its_reason_kept(workspace):
    round_id = add_round(workspace)
    person_id = add_coach(workspace)
    with workspace.db.write() as session:
        details = application_details(person_id, submitted_on=date(2026, 7, 3))
        with pytest.raises(UserError):
            applications.submit_application(session, round_id, details, "   ")
        application_id = applications.submit_application(
            session, round_id, details, "Posted on 29/06, arrived after the close"
        ).id
    assert notes(workspace, application_id) == [
        "taken outside the round's dates (Posted on 29/06, arrived after the close)"
    ]


# -- the letters' wording ------------------------------------------------------------------------
def test_the_letters_wording_falls_back_to_the_default_field_by_field(tmp_path):
    from sassot_desktop.bursaries.wording import (
        SEND_EVIDENCE_TO,
        LetterWording,
        letter_wording,
        save_letter_wording,
    )
    from sassot_desktop.settings import Settings

    settings = Settings(tmp_path)
    assert letter_wording(settings) == LetterWording()
    saved = save_letter_wording(
        settings,
        LetterWording(
            send_evidence_to="  ",
            office_address=" Blackheath Lane \n\n ST18 0YG ",
            signed_by="Siân  Jones",
        ),
    )
    assert saved == LetterWording(SEND_EVIDENCE_TO, "Blackheath Lane\nST18 0YG", "Siân Jones")
    assert letter_wording(Settings(tmp_path)) == saved
    settings.set("bursary_letters", "damaged")
    assert letter_wording(settings) == LetterWording()
