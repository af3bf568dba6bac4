"""The workflow's steps, one operation each: approve, decline, wait, offer, accept, evidence,
pay, lapse, withdraw, and the reversal of a wrong step.

Every step locks the application's round first (``budget.lock_round``) and reads the
application after that, so two windows cannot both move it, nor both spend the last of the
budget. Each is kept as a ``BursaryStatusChange``: when, who, and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.bursaries.budget import check_award, figures, lock_round
from sassot_desktop.bursaries.money import pounds_text
from sassot_desktop.bursaries.workflow import AWAITING_EVIDENCE, NEXT_STEPS, BursaryStatus
from sassot_desktop.clock import utc_now, venue_today
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import BursaryApplication, BursaryStatusChange, Person
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import short_date

# How long after the course ends the certificate and the invoice may take to arrive, unless
# the officer sets another deadline when approving.
EVIDENCE_WEEKS = 8


@dataclass(frozen=True)
class StepTaken:
    application_id: int
    status: BursaryStatus
    message: str


def approve(
    session: Session,
    application_id: int,
    awarded_pence: int,
    evidence_due: date | None = None,
    today: date | None = None,
) -> StepTaken:
    """Award ``awarded_pence`` (up to what was asked and the round's most per award), if the
    round's budget and ring-fence allow it."""
    today = today or venue_today()
    application = _locked(session, application_id)
    _check_step(application, BursaryStatus.APPROVED)
    bursary_round = application.round
    if awarded_pence <= 0:
        raise UserError("The award must be more than £0; decline the application instead.")
    if awarded_pence > application.asked_pence:
        raise UserError(
            f"The award ({pounds_text(awarded_pence)}) cannot be more than the "
            f"{pounds_text(application.asked_pence)} asked; lower it."
        )
    if awarded_pence > bursary_round.most_per_award_pence:
        raise UserError(
            f"The award ({pounds_text(awarded_pence)}) is above this round's most per award "
            f"({pounds_text(bursary_round.most_per_award_pence)}); lower it."
        )
    due = evidence_due or max(application.course_ends, today) + timedelta(weeks=EVIDENCE_WEEKS)
    if due < application.course_ends:
        raise UserError(
            f"The evidence deadline ({short_date(due)}) is before the course ends "
            f"({short_date(application.course_ends)}); set a later deadline."
        )
    in_group = application.ring_fence_group is not None
    check_award(figures(session, bursary_round, today), awarded_pence, in_group)
    application.awarded_pence = awarded_pence
    application.evidence_due = due
    _move(session, application, BursaryStatus.APPROVED)
    return _taken(
        application,
        f"Approved {pounds_text(awarded_pence)} for {_name(application)}; evidence due by "
        f"{short_date(due)}.",
    )


def decline(session: Session, application_id: int, reason: str | None = None) -> StepTaken:
    return _simple_step(session, application_id, BursaryStatus.DECLINED, "Declined", reason)


def put_on_waiting_list(session: Session, application_id: int) -> StepTaken:
    return _simple_step(
        session, application_id, BursaryStatus.WAITING_LIST, "Put on the waiting list"
    )


def send_offer(session: Session, application_id: int) -> StepTaken:
    return _simple_step(session, application_id, BursaryStatus.OFFER_SENT, "Offer sent to")


def accept(session: Session, application_id: int) -> StepTaken:
    return _simple_step(session, application_id, BursaryStatus.ACCEPTED, "Offer accepted by")


def withdraw(session: Session, application_id: int, reason: str | None = None) -> StepTaken:
    return _simple_step(session, application_id, BursaryStatus.WITHDRAWN, "Withdrawn", reason)


def lapse(session: Session, application_id: int, reason: str | None = None) -> StepTaken:
    return _simple_step(session, application_id, BursaryStatus.LAPSED, "Lapsed", reason)


def receive_evidence(
    session: Session, application_id: int, received_on: date | None = None
) -> StepTaken:
    """The qualification certificate and the invoice or receipt are both in."""
    application = _locked(session, application_id)
    _check_step(application, BursaryStatus.EVIDENCE_RECEIVED)
    received_on = received_on or venue_today()
    if received_on < application.course_starts:
        raise UserError(
            f"Evidence cannot arrive ({short_date(received_on)}) before the course starts "
            f"({short_date(application.course_starts)}); check the date."
        )
    application.evidence_received_on = received_on
    _move(session, application, BursaryStatus.EVIDENCE_RECEIVED)
    return _taken(application, f"Evidence recorded for {_name(application)}; payment is due.")


def pay(
    session: Session, application_id: int, reference: str, paid_on: date | None = None
) -> StepTaken:
    application = _locked(session, application_id)
    if application.status in {s.value for s in AWAITING_EVIDENCE}:
        raise UserError(
            f"There is no evidence for application {application.id} yet: record the "
            "qualification certificate and the invoice or receipt before paying."
        )
    _check_step(application, BursaryStatus.PAID)
    reference = " ".join((reference or "").split())
    if not reference:
        raise UserError("Give the payment reference finance used, such as the BACS number.")
    paid_on = paid_on or venue_today()
    if paid_on < application.evidence_received_on:
        raise UserError(
            f"The payment date ({short_date(paid_on)}) is before the evidence arrived "
            f"({short_date(application.evidence_received_on)}); check the date."
        )
    application.paid_on = paid_on
    application.payment_reference = reference
    _move(session, application, BursaryStatus.PAID)
    return _taken(
        application,
        f"Paid {pounds_text(application.awarded_pence)} to {_name(application)} ({reference}).",
    )


def reverse_last_step(
    session: Session, application_id: int, reason: str, today: date | None = None
) -> StepTaken:
    """Undo the latest step still standing, with the reason kept; money it would take back
    from the round passes the budget guard again."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise UserError("Say why the step is being reversed; the reason is kept with it.")
    application = _locked(session, application_id)
    step = _last_standing_step(session, application)
    if step is None:
        raise UserError(
            f"Application {application.id} has not moved since it was submitted; "
            "there is no step to reverse."
        )
    current = BursaryStatus(application.status)
    back_to = BursaryStatus(step.from_status)
    if back_to.holds_award and not current.holds_award:
        in_group = application.ring_fence_group is not None
        today = today or venue_today()
        check_award(figures(session, application.round, today), application.awarded_pence, in_group)
    _forget_fields_of(application, current, back_to)
    _move(session, application, back_to, reason=reason, reverses=step)
    return _taken(
        application,
        f"Reversed “{current}” for {_name(application)}: the application is {back_to} again.",
    )


@dataclass(frozen=True)
class Lapsed:
    application_id: int
    person: str
    round_name: str
    returned: int  # pence back in the round
    evidence_due: date


def lapse_overdue(session: Session, today: date | None = None) -> list[Lapsed]:
    """Lapse every application whose evidence deadline has passed; its money returns."""
    today = today or venue_today()
    overdue = session.execute(
        select(BursaryApplication.id, BursaryApplication.round_id)
        .where(
            BursaryApplication.status.in_([s.value for s in AWAITING_EVIDENCE]),
            BursaryApplication.evidence_due < today,
        )
        .order_by(BursaryApplication.round_id, BursaryApplication.id)
    ).all()
    done = []
    for application_id, _round_id in overdue:
        application = _locked(session, application_id)
        if application.status not in AWAITING_EVIDENCE or application.evidence_due >= today:
            continue  # another window moved it since the list was read
        due = application.evidence_due
        _move(
            session,
            application,
            BursaryStatus.LAPSED,
            reason=f"The evidence deadline of {short_date(due)} passed.",
        )
        done.append(
            Lapsed(
                application.id,
                _name(application),
                application.round.name,
                application.awarded_pence or 0,
                due,
            )
        )
    return done


# -- the parts every step shares -------------------------------------------------------------
def _locked(session: Session, application_id: int) -> BursaryApplication:
    round_id = session.scalar(
        select(BursaryApplication.round_id).where(BursaryApplication.id == application_id)
    )
    if round_id is None:
        require(session, BursaryApplication, application_id, "bursary application")
    lock_round(session, round_id)
    # Read again now that the lock is held: another window may have moved it meanwhile.
    return session.get(BursaryApplication, application_id, populate_existing=True)


def _check_step(application: BursaryApplication, to: BursaryStatus) -> None:
    current = BursaryStatus(application.status)
    allowed = NEXT_STEPS[current]
    if to in allowed:
        return
    if not allowed:
        raise UserError(
            f"Application {application.id} is {current}, which is final; reverse its last "
            "step first if it was a mistake."
        )
    raise UserError(
        f"Application {application.id} is {current}: it can next be "
        f"{_either(list(allowed))}, not {to}."
    )


def _simple_step(
    session: Session,
    application_id: int,
    to: BursaryStatus,
    verb: str,
    reason: str | None = None,
) -> StepTaken:
    application = _locked(session, application_id)
    _check_step(application, to)
    _move(session, application, to, reason=(reason or "").strip() or None)
    return _taken(application, f"{verb} {_name(application)}.")


def _move(
    session: Session,
    application: BursaryApplication,
    to: BursaryStatus,
    reason: str | None = None,
    reverses: BursaryStatusChange | None = None,
) -> None:
    now = utc_now()
    change = BursaryStatusChange(
        application_id=application.id,
        from_status=application.status,
        to_status=to.value,
        at=now,
        actor=audit.current_actor(session),
        reason=reason,
        reverses_id=reverses.id if reverses else None,
    )
    session.add(change)
    application.status = to.value
    application.updated_at = now
    session.flush()
    audit.record(
        session,
        "reverse bursary step" if reverses else f"bursary {to.value}",
        "bursary application",
        application.id,
        to=to.value,
        reason=reason,
    )


def _last_standing_step(
    session: Session, application: BursaryApplication
) -> BursaryStatusChange | None:
    """The latest forward step not yet reversed: reversals undo steps latest first."""
    changes = session.scalars(
        select(BursaryStatusChange)
        .where(BursaryStatusChange.application_id == application.id)
        .order_by(BursaryStatusChange.id)
    )
    standing: list[BursaryStatusChange] = []
    for change in changes:
        if change.reverses_id is None:
            standing.append(change)
        elif standing:
            standing.pop()
    return standing[-1] if standing else None


def _forget_fields_of(
    application: BursaryApplication, current: BursaryStatus, back_to: BursaryStatus
) -> None:
    """Clear what the step being reversed recorded, so the application reads as before it."""
    if current is BursaryStatus.PAID:
        application.paid_on = application.payment_reference = None
    if current is BursaryStatus.EVIDENCE_RECEIVED:
        application.evidence_received_on = None
    if current is BursaryStatus.APPROVED and not back_to.holds_award:
        application.awarded_pence = application.evidence_due = None


def _taken(application: BursaryApplication, message: str) -> StepTaken:
    return StepTaken(application.id, BursaryStatus(application.status), message)


def _name(application: BursaryApplication) -> str:
    person: Person = application.person
    return f"{person.first_name} {person.last_name}"


def _either(statuses: list[BursaryStatus]) -> str:
    words = [str(status) for status in statuses]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
