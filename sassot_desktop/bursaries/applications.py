"""A coach's application: what they asked for, and the lists the screens and the CLI show."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.bursaries.money import pounds_text
from sassot_desktop.bursaries.rounds import get_round
from sassot_desktop.bursaries.workflow import BursaryStatus, checked_group
from sassot_desktop.clock import utc_now, venue_today
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import BursaryApplication, BursaryRound, BursaryStatusChange, Person
from sassot_desktop.errors import UserError

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
    """One line of an application's history."""

    at: datetime
    actor: str
    from_status: str
    to_status: str
    reason: str | None
    reversal: bool


def _checked(details: ApplicationDetails) -> dict:
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


def submit_application(
    session: Session, round_id: int, details: ApplicationDetails
) -> BursaryApplication:
    get_round(session, round_id)
    require(session, Person, details.person_id, "person")
    now = utc_now()
    application = BursaryApplication(
        round_id=round_id,
        **_checked(details),
        status=BursaryStatus.SUBMITTED.value,
        created_at=now,
        updated_at=now,
    )
    session.add(application)
    session.flush()
    audit.record(session, "submit bursary application", "bursary application", application.id)
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
    statement = (
        select(BursaryApplication, Person.first_name, Person.last_name, Person.district)
        .join(Person, Person.id == BursaryApplication.person_id)
        .order_by(BursaryApplication.round_id, BursaryApplication.id)
    )
    if round_id is not None:
        get_round(session, round_id)
        statement = statement.where(BursaryApplication.round_id == round_id)
    return [
        application_row(application, f"{first} {last}", district)
        for application, first, last, district in session.execute(statement)
    ]


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
    get_application(session, application_id)
    changes = session.scalars(
        select(BursaryStatusChange)
        .where(BursaryStatusChange.application_id == application_id)
        .order_by(BursaryStatusChange.id)
    )
    return [
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
