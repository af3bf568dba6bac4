"""A coach's application: what they asked for, and the lists the screens and the CLI show."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.bursaries.money import pounds_text
from sassot_desktop.bursaries.rounds import get_round
from sassot_desktop.bursaries.workflow import BursaryStatus, checked_group
from sassot_desktop.clock import utc_now, venue_today
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import (
    AuditEntry,
    BursaryApplication,
    BursaryRound,
    BursaryStatusChange,
    Person,
)
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import short_date

# The levels governing bodies' coaching qualifications come in, offered in the dialog.
LEVELS: tuple[str, ...] = ("Level 1", "Level 2", "Level 3", "Level 4", "Other")


@dataclass(frozen=True)
class ApplicationDetails:
    """What the application form says; money in whole pence."""

    person_id: int
    governing_body: str
    qualification: str
    course_starts: date
    course_ends: date
    course_cost_pence: int
    asked_pence: int
    level: str | None = None
    course_provider: str | None = None
    match_funding_pence: int = 0
    reason: str | None = None
    ring_fence_group: str | None = None
    submitted_on: date | None = None  # today unless the form came in earlier

    @classmethod
    def of(cls, application: BursaryApplication) -> ApplicationDetails:
        return cls(**{f.name: getattr(application, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class ApplicationRow:
    """An application as the round's page and ``bursaries list`` show it."""

    id: int
    round_id: int
    person_id: int
    person: str
    district: str | None
    qualification: str
    status: BursaryStatus
    asked: int
    awarded: int | None
    paid: int | None
    evidence_due: date | None


@dataclass(frozen=True)
class Step:
    """One line of an application's history: a step of the workflow, or a note (an edit, or
    an application taken outside the round's dates) that leaves the status as it was."""

    at: datetime
    actor: str
    from_status: str
    to_status: str
    reason: str | None
    reversal: bool
    note: str | None = None  # an edit, or an application taken outside the round's dates


def checked_values(details: ApplicationDetails) -> dict:
    """The details as stored, tidied; refused with what to change when they do not add up."""
    values = asdict(details)
    for key in ("governing_body", "qualification"):
        values[key] = " ".join((values[key] or "").split())
    if not values["governing_body"]:
        raise UserError("Say which governing body awards the qualification.")
    if not values["qualification"]:
        raise UserError("Give the qualification's title.")
    if details.course_ends < details.course_starts:
        raise UserError("The course must end on or after the day it starts; check the dates.")
    if details.course_cost_pence <= 0:
        raise UserError("The course cost must be more than £0.")
    if details.asked_pence <= 0:
        raise UserError("The amount asked for must be more than £0.")
    if details.match_funding_pence < 0:
        raise UserError("Match funding cannot be negative; use £0 for none.")
    if details.asked_pence + details.match_funding_pence > details.course_cost_pence:
        raise UserError(
            f"The amount asked ({pounds_text(details.asked_pence)}) and the club's match "
            f"funding ({pounds_text(details.match_funding_pence)}) come to more than the course "
            f"cost ({pounds_text(details.course_cost_pence)}); lower the amount asked."
        )
    for key in ("level", "course_provider", "reason"):
        values[key] = (values[key] or "").strip() or None
    values["ring_fence_group"] = checked_group(details.ring_fence_group)
    values["submitted_on"] = details.submitted_on or venue_today()
    return values


class OutsideRoundDates(UserError):
    """The application is dated outside the round's opening and closing dates; the officer
    may still take it, deliberately, with a reason (``outside_dates_reason``)."""


def submit_application(
    session: Session,
    round_id: int,
    details: ApplicationDetails,
    outside_dates_reason: str | None = None,
) -> BursaryApplication:
    """A new application, dated ``details.submitted_on`` (today unless given), which must fall
    within the round's dates unless the officer says why it is taken all the same."""
    bursary_round = get_round(session, round_id)
    require(session, Person, details.person_id, "person")
    values = checked_values(details)
    dated = values["submitted_on"]
    outside_dates_reason = " ".join((outside_dates_reason or "").split()) or None
    in_time = bursary_round.opens_on <= dated <= bursary_round.closes_on
    if not in_time and outside_dates_reason is None:
        raise OutsideRoundDates(
            f"{bursary_round.name} is open from {short_date(bursary_round.opens_on)} to "
            f"{short_date(bursary_round.closes_on)}; this application is dated "
            f"{short_date(dated)}. Submit it to a round that is open, or take it as late "
            "and say why."
        )
    now = utc_now()
    application = BursaryApplication(
        round_id=round_id,
        **values,
        status=BursaryStatus.SUBMITTED.value,
        created_at=now,
        updated_at=now,
    )
    session.add(application)
    session.flush()
    outside = {} if in_time else {"outside_dates": outside_dates_reason}
    audit.record(session, SUBMITTED, "bursary application", application.id, **outside)
    return application


def get_application(session: Session, application_id: int) -> BursaryApplication:
    return require(session, BursaryApplication, application_id, "bursary application")


def qualification_name(application: BursaryApplication) -> str:
    """ "England Netball Level 2 Certificate in Coaching Netball" as lists show it."""
    title = application.qualification
    if application.level and application.level.casefold() not in title.casefold():
        title = f"{application.level} {title}"
    if application.governing_body.casefold() in title.casefold():
        return title
    return f"{application.governing_body} {title}"


def list_applications(session: Session, round_id: int | None = None) -> list[ApplicationRow]:
    """A round's applications (every round's when ``round_id`` is None), in the order made."""
    # Only the columns a row shows: a round's page reads hundreds, and whole objects took
    # twice as long to build. The rows answer to the same names as the objects' fields.
    listed = BursaryApplication
    statement = (
        select(
            *(getattr(listed, name) for name in _LISTED),
            Person.first_name,
            Person.last_name,
            Person.district,
        )
        .join(Person, Person.id == BursaryApplication.person_id)
        .order_by(BursaryApplication.round_id, BursaryApplication.id)
    )
    if round_id is not None:
        get_round(session, round_id)
        statement = statement.where(BursaryApplication.round_id == round_id)
    return [
        application_row(row, f"{row.first_name} {row.last_name}", row.district)
        for row in session.execute(statement)
    ]


_LISTED = (
    "id",
    "round_id",
    "person_id",
    "governing_body",
    "qualification",
    "level",
    "status",
    "asked_pence",
    "awarded_pence",
    "evidence_due",
)


@dataclass(frozen=True)
class PersonsApplication:
    """One of a person's applications, with the round it was made to (their page lists them)."""

    round_name: str
    application: ApplicationRow


def applications_of(session: Session, person_id: int) -> list[PersonsApplication]:
    """Every application ``person_id`` made, the newest round first."""
    statement = (
        select(BursaryApplication, BursaryRound.name, Person.first_name, Person.last_name)
        .join(BursaryRound, BursaryRound.id == BursaryApplication.round_id)
        .join(Person, Person.id == BursaryApplication.person_id)
        .where(BursaryApplication.person_id == person_id)
        .order_by(BursaryRound.opens_on.desc(), BursaryRound.id.desc(), BursaryApplication.id)
    )
    return [
        PersonsApplication(round_name, application_row(application, f"{first} {last}", None))
        for application, round_name, first, last in session.execute(statement)
    ]


def application_row(
    application: BursaryApplication, person: str, district: str | None
) -> ApplicationRow:
    status = BursaryStatus(application.status)
    return ApplicationRow(
        id=application.id,
        round_id=application.round_id,
        person_id=application.person_id,
        person=person,
        district=district,
        qualification=qualification_name(application),
        status=status,
        asked=application.asked_pence,
        awarded=application.awarded_pence if status.holds_award else None,
        paid=application.awarded_pence if status is BursaryStatus.PAID else None,
        evidence_due=application.evidence_due,
    )


def history(session: Session, application_id: int) -> list[Step]:
    """The workflow's steps and the notes (edits, a late submission), oldest first."""
    get_application(session, application_id)
    changes = session.scalars(
        select(BursaryStatusChange)
        .where(BursaryStatusChange.application_id == application_id)
        .order_by(BursaryStatusChange.id)
    )
    taken = [
        Step(
            at=change.at,
            actor=change.actor,
            from_status=change.from_status,
            to_status=change.to_status,
            reason=change.reason,
            reversal=change.reverses_id is not None,
        )
        for change in changes
    ]
    # sorted() keeps the order of equal instants: a step and a note made in one second.
    return sorted(taken + _notes(session, application_id), key=lambda step: step.at)


# The audit log's actions that the application's history shows as notes.
SUBMITTED = "submit bursary application"
EDITED = "edit bursary application"


def _notes(session: Session, application_id: int) -> list[Step]:
    """Edits and a late submission, kept in the audit log with who and when."""
    entries = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.subject == "bursary application",
            AuditEntry.subject_id == application_id,
            AuditEntry.action.in_((SUBMITTED, EDITED)),
        )
        .order_by(AuditEntry.id)
    )
    notes = []
    for entry in entries:
        detail = json.loads(entry.detail) if entry.detail else {}
        if entry.action == EDITED:
            text = f"edited: {'; '.join(detail.get('changes', ()))}"
            status = detail.get("status", "")
        elif detail.get("outside_dates"):
            text = f"taken outside the round's dates ({detail['outside_dates']})"
            status = BursaryStatus.SUBMITTED.value
        else:
            continue
        notes.append(Step(entry.at, entry.actor, status, status, None, False, note=text))
    return notes


def matching(
    rows: list[ApplicationRow], words: str = "", status: BursaryStatus | None = None
) -> list[ApplicationRow]:
    """The rows of a round's page that the officer's filter keeps: of ``status`` (any when
    None), and whose coach or qualification holds every word typed, accents and case aside
    ("zoe netball" finds Zoë's netball course). A round holds hundreds at most, so its rows
    are filtered where they already are rather than read again."""
    from sassot_desktop.people.folding import fold

    wanted = fold(words).split()
    return [
        row
        for row in rows
        if (status is None or row.status == status)
        and all(word in fold(f"{row.person} {row.qualification}") for word in wanted)
    ]
