"""The bursary scheme's rules: the workflow, the budget guard and its ring-fence, money typed
by hand, reversal of a wrong step, lapsing overdue evidence, and two windows at once."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import threading
from datetime import date

import pytest
from bursary_data import TODAY, add_coach, add_round, application_details, apply, round_details
from sqlalchemy import select

from sassot_desktop.bursaries import applications, rounds, steps, targets
from sassot_desktop.bursaries.budget import figures, lock_round
from sassot_desktop.bursaries.money import parse_amount, parse_positive_amount
from sassot_desktop.bursaries.reminders import write_reminders
from sassot_desktop.bursaries.workflow import BursaryStatus
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import BursaryApplication
from sassot_desktop.errors import UserError
from sassot_desktop.financial_year import FinancialYear


def round_figures(workspace, round_id, today=TODAY):
    with workspace.db.read() as session:
        return figures(session, rounds.get_round(session, round_id), today)


def step(workspace, operation, *args, **kwargs):
    with workspace.db.write() as session:
        return operation(session, *args, **kwargs)


# -- money as typed --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("£1,250.50", 125_050),
        ("1250.5", 125_050),
        ("1250", 125_000),
        (" £ 250 ", 25_000),
        ("0.07", 7),
        ("£12,345,678.90", 1_234_567_890 // 1),
    ],
)
def test_amounts_are_understood_as_typed_and_kept_in_pence(typed, pence):
    if pence > 100_000_000:
        with pytest.raises(UserError, match="far too large"):
            parse_amount(typed, "The amount asked")
        return
    assert parse_amount(typed, "The amount asked") == pence


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "The amount asked is missing"),
        ("-250", "cannot be negative"),
        ("£-5", "cannot be negative"),
        ("12.345", "not an amount in pounds and pence"),
        ("1,25", "not an amount"),
        ("twelve", "not an amount"),
        ("1e3", "not an amount"),
        ("NaN", "not an amount"),
        ("£", "not an amount"),
        ("0", "must be more than £0"),
        ("0.00", "must be more than £0"),
    ],
)
def test_bad_amounts_are_refused_saying_what_to_write(typed, says):
    with pytest.raises(UserError, match=says):
        parse_positive_amount(typed, "The amount asked")


# -- rounds and applications -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"name": "  "}, "Give the round a name"),
        ({"closes_on": date(2026, 3, 1)}, "close on or after the day it opens"),
        ({"budget_pence": 0}, "budget must be more than £0"),
        ({"most_per_award_pence": 200_000}, "cannot be more than the budget"),
        ({"ring_fence_pence": 200_000}, "ring-fenced share"),
        ({"ring_fence_until": None}, "until when the ring-fenced share"),
    ],
)
def test_a_round_with_bad_figures_is_refused(workspace, changes, says):
    with pytest.raises(UserError, match=says):
        add_round(workspace, **changes)


def test_a_round_belongs_to_the_financial_year_it_opens_in(workspace):
    round_id = add_round(workspace, opens_on=date(2027, 3, 1), closes_on=date(2027, 4, 30))
    with workspace.db.read() as session:
        assert rounds.get_round(session, round_id).financial_year == 2026


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"course_ends": date(2026, 6, 1)}, "end on or after the day it starts"),
        ({"asked_pence": 0}, "asked for must be more than £0"),
        ({"course_cost_pence": -1}, "course cost must be more than £0"),
        ({"match_funding_pence": -100}, "Match funding cannot be negative"),
        ({"asked_pence": 35_000}, "come to more than the course cost"),
        ({"qualification": " "}, "qualification's title"),
        ({"ring_fence_group": "left-handed coaches"}, "not one of the ring-fenced groups"),
    ],
)
def test_an_application_with_bad_details_is_refused(workspace, changes, says):
    round_id = add_round(workspace)
    coach = add_coach(workspace)
    with pytest.raises(UserError, match=says):
        apply(workspace, round_id, coach, **changes)


# -- the workflow ----------------------------------------------------------------------------
def test_an_application_goes_from_submitted_to_paid_with_every_step_kept(workspace):
    round_id = add_round(workspace)
    application = apply(workspace, round_id, add_coach(workspace))

    approved = step(workspace, steps.approve, application, 22_050, today=TODAY)
    assert approved.message == ("Approved £220.50 for Zoë Ó'Brien; evidence due by 29/08/2026.")
    step(workspace, steps.send_offer, application)
    step(workspace, steps.accept, application)
    step(workspace, steps.receive_evidence, application, date(2026, 7, 10))
    paid = step(workspace, steps.pay, application, "BACS 0048211", date(2026, 7, 20))
    assert paid.status is BursaryStatus.PAID

    assert round_figures(workspace, round_id).paid == 22_050
    assert round_figures(workspace, round_id).committed == 0
    with workspace.db.read() as session:
        history = applications.history(session, application)
        [row] = applications.list_applications(session, round_id)
    assert [(s.from_status, s.to_status) for s in history] == [
        ("submitted", "approved"),
        ("approved", "offer sent"),
        ("offer sent", "accepted"),
        ("accepted", "evidence received"),
        ("evidence received", "paid"),
    ]
    assert all(s.actor for s in history)
    assert (row.asked, row.awarded, row.paid) == (25_000, 22_050, 22_050)


def test_steps_only_go_forward(workspace):
    round_id = add_round(workspace)
    application = apply(workspace, round_id, add_coach(workspace))
    with pytest.raises(UserError, match="is submitted: it can next be approved"):
        step(workspace, steps.accept, application)
    step(workspace, steps.decline, application, "Course outside the county")
    with pytest.raises(UserError, match="declined, which is final; reverse its last step"):
        step(workspace, steps.approve, application, 10_000, today=TODAY)


def test_a_payment_without_evidence_is_refused(workspace):
    round_id = add_round(workspace)
    application = apply(workspace, round_id, add_coach(workspace))
    step(workspace, steps.approve, application, 20_000, today=TODAY)
    with pytest.raises(UserError, match="no evidence .* yet: record the qualification certificate"):
        step(workspace, steps.pay, application, "BACS 1")


@pytest.mark.parametrize(
    ("award", "says"),
    [
        (30_000, r"The award \(£300.00\) cannot be more than the £250.00 asked"),
        (0, "must be more than £0; decline"),
    ],
)
def test_an_award_above_the_asking_is_refused(workspace, award, says):
    round_id = add_round(workspace)
    application = apply(workspace, round_id, add_coach(workspace))
    with pytest.raises(UserError, match=says):
        step(workspace, steps.approve, application, award, today=TODAY)


def test_an_award_above_the_most_per_award_is_refused(workspace):
    round_id = add_round(workspace, most_per_award_pence=20_000)
    application = apply(workspace, round_id, add_coach(workspace))
    with pytest.raises(UserError, match=r"above this round's most per award \(£200.00\)"):
        step(workspace, steps.approve, application, 25_000, today=TODAY)


def test_a_wrong_step_is_reversed_with_its_reason_and_the_money_returns(workspace):
    round_id = add_round(workspace)
    application = apply(workspace, round_id, add_coach(workspace))
    step(workspace, steps.approve, application, 20_000, today=TODAY)
    with pytest.raises(UserError, match="Say why"):
        step(workspace, steps.reverse_last_step, application, "  ")
    reversed_ = step(
        workspace, steps.reverse_last_step, application, "Approved the wrong coach", today=TODAY
    )
    assert reversed_.status is BursaryStatus.SUBMITTED
    assert round_figures(workspace, round_id).committed == 0
    with workspace.db.read() as session:
        record = session.get(BursaryApplication, application)
        assert record.awarded_pence is None
        last = applications.history(session, application)[-1]
    assert (last.from_status, last.to_status, last.reason, last.reversal) == (
        "approved",
        "submitted",
        "Approved the wrong coach",
        True,
    )
    with pytest.raises(UserError, match="there is no step to reverse"):
        step(workspace, steps.reverse_last_step, application, "again", today=TODAY)


def test_reversing_a_withdrawal_passes_the_budget_guard_again(workspace):
    round_id = add_round(workspace, budget_pence=30_000, ring_fence_pence=0)
    first = apply(workspace, round_id, add_coach(workspace))
    second = apply(workspace, round_id, add_coach(workspace, "Łukasz", "Kowalski"))
    step(workspace, steps.approve, first, 20_000, today=TODAY)
    step(workspace, steps.withdraw, first, "Moved to Wales")
    step(workspace, steps.approve, second, 20_000, today=TODAY)
    with pytest.raises(UserError, match="£100.00 left in this round; £200.00 asked"):
        step(workspace, steps.reverse_last_step, first, "Not moving after all", today=TODAY)


def test_paying_a_reversed_payment_again_keeps_the_totals(workspace):
    round_id = add_round(workspace)
    application = apply(workspace, round_id, add_coach(workspace))
    for operation, args in (
        (steps.approve, (20_000,)),
        (steps.send_offer, ()),
        (steps.accept, ()),
        (steps.receive_evidence, (date(2026, 7, 10),)),
        (steps.pay, ("BACS 7", date(2026, 7, 11))),
    ):
        kwargs = {"today": TODAY} if operation is steps.approve else {}
        step(workspace, operation, application, *args, **kwargs)
    step(workspace, steps.reverse_last_step, application, "Wrong reference", today=TODAY)
    now = round_figures(workspace, round_id)
    assert (now.committed, now.paid) == (20_000, 0)
    step(workspace, steps.pay, application, "BACS 8", date(2026, 7, 12))
    with workspace.db.read() as session:
        assert session.get(BursaryApplication, application).payment_reference == "BACS 8"


# -- the budget guard ------------------------------------------------------------------------
def test_an_approval_beyond_the_budget_is_refused_with_the_figures(workspace):
    round_id = add_round(workspace, budget_pence=43_000, ring_fence_pence=0)
    first = apply(workspace, round_id, add_coach(workspace))
    second = apply(workspace, round_id, add_coach(workspace, "Siân", "ap Rhys"))
    step(workspace, steps.approve, first, 25_000, today=TODAY)
    with pytest.raises(UserError) as refusal:
        step(workspace, steps.approve, second, 25_000, today=TODAY)
    assert str(refusal.value) == (
        "£180.00 left in this round; £250.00 asked. "
        "Award less, or put the application on the waiting list."
    )
    step(workspace, steps.approve, second, 18_000, today=TODAY)
    assert round_figures(workspace, round_id).remaining == 0


def test_the_ring_fence_is_held_for_its_groups_until_its_date(workspace):
    # £1,000 budget with £300 held: outside the groups only £700 may be promised.
    round_id = add_round(workspace, budget_pence=100_000, most_per_award_pence=50_000)
    outside = [
        apply(workspace, round_id, add_coach(workspace, f"Coach{n}", f"Outside{n}"))
        for n in range(3)
    ]
    in_group = apply(
        workspace,
        round_id,
        add_coach(workspace, "Ayşe", "Yılmaz"),
        ring_fence_group="women and girls",
        asked_pence=30_000,
    )
    step(workspace, steps.approve, outside[0], 25_000, today=TODAY)
    step(workspace, steps.approve, outside[1], 25_000, today=TODAY)
    with pytest.raises(UserError) as refusal:
        step(workspace, steps.approve, outside[2], 25_000, today=TODAY)
    assert str(refusal.value).startswith(
        "£200.00 left in this round for coaches outside the ring-fenced groups "
        "(£300.00 is held for them until 30/09/2026); £250.00 asked."
    )
    step(workspace, steps.approve, in_group, 30_000, today=TODAY)
    assert round_figures(workspace, round_id).ring_fence_left == 0
    # After its date the held share is anyone's.
    after = date(2026, 10, 1)
    assert round_figures(workspace, round_id, after).ring_fence_left == 0
    with pytest.raises(UserError, match="£200.00 left in this round; £250.00 asked"):
        step(workspace, steps.approve, outside[2], 25_000, today=after)
    step(workspace, steps.approve, outside[2], 20_000, today=after)


def test_two_windows_approving_at_once_cannot_both_pass(workspace):
    """The first window holds the round's lock while it decides; the second waits for it
    and then sees the first's award, so only one of two £250 awards fits £300."""
    round_id = add_round(workspace, budget_pence=30_000, ring_fence_pence=0)
    first = apply(workspace, round_id, add_coach(workspace))
    second = apply(workspace, round_id, add_coach(workspace, "Łukasz", "Kowalski"))
    other_window = Database(workspace.db.url)
    locked = threading.Event()
    results: dict[str, object] = {}

    def second_window():
        locked.wait()
        try:
            with other_window.write() as session:
                results["second"] = steps.approve(session, second, 25_000, today=TODAY)
        except UserError as error:
            results["second"] = error

    thread = threading.Thread(target=second_window)
    thread.start()
    try:
        with workspace.db.write() as session:
            lock_round(session, round_id)
            locked.set()
            # The second window is now trying to read the figures; it must wait for us.
            thread.join(timeout=0.5)
            assert thread.is_alive(), "the second window read the figures while we held the lock"
            steps.approve(session, first, 25_000, today=TODAY)
        thread.join(timeout=10)
    finally:
        other_window.close()
    assert isinstance(results["second"], UserError)
    assert "£50.00 left in this round; £250.00 asked" in str(results["second"])
    assert round_figures(workspace, round_id).committed == 25_000


# -- lapsing ---------------------------------------------------------------------------------
def test_overdue_evidence_lapses_and_the_money_returns(workspace):
    round_id = add_round(workspace)
    late = apply(workspace, round_id, add_coach(workspace))
    on_time = apply(workspace, round_id, add_coach(workspace, "Siân", "ap Rhys"))
    paid_up = apply(workspace, round_id, add_coach(workspace, "Kwame", "Mensah"))
    step(workspace, steps.approve, late, 20_000, date(2026, 8, 1), today=TODAY)
    step(workspace, steps.approve, on_time, 10_000, date(2026, 9, 1), today=TODAY)
    step(workspace, steps.approve, paid_up, 10_000, date(2026, 8, 1), today=TODAY)
    for operation in (steps.send_offer, steps.accept):
        step(workspace, operation, paid_up)
    step(workspace, steps.receive_evidence, paid_up, date(2026, 7, 30))

    with workspace.db.write() as session:
        lapsed = steps.lapse_overdue(session, today=date(2026, 8, 2))
    assert [(item.application_id, item.person, item.returned) for item in lapsed] == [
        (late, "Zoë Ó'Brien", 20_000)
    ]
    with workspace.db.read() as session:
        statuses = dict(
            session.execute(select(BursaryApplication.id, BursaryApplication.status)).all()
        )
    assert statuses == {late: "lapsed", on_time: "approved", paid_up: "evidence received"}
    assert round_figures(workspace, round_id).committed == 20_000
    with workspace.db.write() as session:
        assert steps.lapse_overdue(session, today=date(2026, 8, 2)) == []


def test_the_evidence_deadline_cannot_come_before_the_course_ends(workspace):
    round_id = add_round(workspace)
    application = apply(workspace, round_id, add_coach(workspace))
    with pytest.raises(UserError, match=r"before the course ends \(04/07/2026\)"):
        step(workspace, steps.approve, application, 10_000, date(2026, 7, 1), today=TODAY)


def test_details_for_an_unknown_person_or_round_are_refused(workspace):
    round_id = add_round(workspace)
    with (
        pytest.raises(UserError, match="no person with id 999"),
        workspace.db.write() as session,
    ):
        applications.submit_application(session, round_id, application_details(999))
    with pytest.raises(UserError, match="no bursary application with id 999"):
        step(workspace, steps.accept, 999)


# -- editing a round, the year's targets, reminders ------------------------------------------
def test_a_budget_cannot_be_cut_below_what_is_promised(workspace):
    round_id = add_round(workspace, ring_fence_pence=0)
    application = apply(workspace, round_id, add_coach(workspace))
    step(workspace, steps.approve, application, 25_000, today=TODAY)
    smaller = round_details(budget_pence=20_000, most_per_award_pence=20_000, ring_fence_pence=0)
    with (
        pytest.raises(UserError, match="£250.00 of this round is already promised or paid"),
        workspace.db.write() as session,
    ):
        rounds.update_round(session, round_id, smaller, TODAY)
    with workspace.db.write() as session:
        enough = round_details(budget_pence=25_000, ring_fence_pence=0)
        rounds.update_round(session, round_id, enough, TODAY)
    assert round_figures(workspace, round_id).remaining == 0


def test_the_year_counts_coaches_funded_and_qualified_by_district_and_group(workspace):
    round_id = add_round(workspace)
    zoe = add_coach(workspace)
    first = apply(workspace, round_id, zoe, ring_fence_group="women and girls")
    # A second award to the same coach still counts one coach funded.
    second = apply(workspace, round_id, zoe, ring_fence_group="women and girls")
    outside = apply(workspace, round_id, add_coach(workspace, "Kwame", "Mensah", district=None))
    declined = apply(workspace, round_id, add_coach(workspace, "Siân", "ap Rhys"))
    for application in (first, second, outside):
        step(workspace, steps.approve, application, 10_000, today=TODAY)
    step(workspace, steps.decline, declined)
    for operation in (steps.send_offer, steps.accept):
        step(workspace, operation, first)
    step(workspace, steps.receive_evidence, first, date(2026, 7, 10))
    with workspace.db.read() as session:
        progress = targets.year_progress(session, FinancialYear(2026))
        awaited = targets.evidence_awaited(session, round_id, date(2026, 8, 25))
    assert (progress.funded, progress.qualified) == (2, 1)
    assert progress.funded_by_district == {"Stafford": 1, targets.NO_DISTRICT: 1}
    assert progress.funded_by_group == {"women and girls": 1, targets.NO_GROUP: 1}
    assert [(a.application_id, a.overdue) for a in awaited] == [(second, False), (outside, False)]


def test_reminders_are_drafts_to_those_with_an_address(workspace, tmp_path):
    round_id = add_round(workspace)
    late = apply(workspace, round_id, add_coach(workspace))
    step(workspace, steps.approve, late, 10_000, date(2026, 8, 1), today=TODAY)
    with workspace.db.read() as session:
        awaited = targets.evidence_awaited(session, round_id, date(2026, 8, 2))
    no_address = dataclasses.replace(awaited[0], person="Kwame Mensah", email=None)
    written = write_reminders([*awaited, no_address], tmp_path)
    assert written.message == (
        f"Wrote 1 reminder to {tmp_path}. No e-mail address for Kwame Mensah: ring or write."
    )
    [draft] = tmp_path.glob("*.eml")
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    body = message.get_content()
    assert "Dear Zoë Ó'Brien" in body
    assert "was due by Saturday 1 August 2026" in body
