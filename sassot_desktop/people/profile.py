"""What we know about one person, for their own page: details, roles, equality, workshops.

This is the one place that reads a person's special-category answers for display; lists and
exports read ``records.PersonSummary`` and ``listing.PersonRow``, which do not carry them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.certificates import codes
from sassot_desktop.db.models import Booking, Certificate, Person, Workshop
from sassot_desktop.db.status import Status
from sassot_desktop.errors import UserError
from sassot_desktop.people import equality
from sassot_desktop.people.records import PersonDetails, get_person
from sassot_desktop.people.roles import roles_of


@dataclass(frozen=True)
class Equality:
    gender: str | None = None
    ethnicity: str | None = None
    disability: str | None = None


@dataclass(frozen=True)
class WorkshopTaken:
    """One booking of the person's, as their page lists it."""

    booking_id: int
    workshop_id: int
    title: str
    date: date
    status: Status
    walk_in: bool
    certificate: str | None  # the code as printed, once issued


@dataclass(frozen=True)
class PersonRecord:
    id: int
    details: PersonDetails
    roles: list[str]
    equality: Equality
    age_band: str
    workshops: list[WorkshopTaken]
    version: int = 1  # the person's record as read, for a save to be checked against

    @property
    def name(self) -> str:
        return f"{self.details.first_name} {self.details.last_name}"

    @property
    def consented(self) -> bool:
        return self.details.consent_method is not None


def details_of(person: Person) -> PersonDetails:
    return PersonDetails(
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        phone=person.phone,
        postcode=person.postcode,
        district=person.district,
        club=person.club,
        sport=person.sport,
        date_of_birth=person.date_of_birth,
        consent_method=person.consent_method,
        consent_at=person.consent_at,
    )


def person_record(session: Session, person_id: int, today: date) -> PersonRecord:
    person = get_person(session, person_id)
    return PersonRecord(
        id=person.id,
        details=details_of(person),
        roles=roles_of(session, person.id),
        equality=Equality(person.gender, person.ethnicity, person.disability),
        age_band=equality.age_band(person.date_of_birth, today),
        workshops=workshops_of(session, person.id),
        version=person.version,
    )


def workshops_of(session: Session, person_id: int) -> list[WorkshopTaken]:
    """Every workshop the person booked, newest first, with the certificate they were issued."""
    rows = session.execute(
        select(
            Booking.id,
            Workshop.id,
            Workshop.title,
            Workshop.date,
            Booking.status,
            Booking.walk_in,
            Certificate.code,
        )
        .join(Workshop, Workshop.id == Booking.workshop_id)
        .outerjoin(Certificate, Certificate.booking_id == Booking.id)
        .where(Booking.person_id == person_id)
        .order_by(Workshop.date.desc(), Workshop.start_time.desc(), Booking.id)
    )
    return [
        WorkshopTaken(
            booking_id,
            workshop_id,
            title,
            day,
            Status(status),
            bool(walk_in),
            codes.printed(code) if code else None,
        )
        for booking_id, workshop_id, title, day, status, walk_in, code in rows
    ]


def set_equality(session: Session, person_id: int, answers: Equality) -> Equality:
    """Record the equality monitoring answers; they are kept only with the person's consent."""
    person = get_person(session, person_id)
    stored = Equality(
        gender=equality.checked(answers.gender, equality.GENDERS, "gender"),
        ethnicity=equality.checked(answers.ethnicity, equality.ETHNICITIES, "ethnicity"),
        disability=equality.checked(answers.disability, equality.DISABILITY_ANSWERS, "disability"),
    )
    if person.consent_method is None and stored != Equality():
        raise UserError(
            f"{person.first_name} {person.last_name} has not agreed to us keeping their "
            "details; record their consent first, then the equality answers."
        )
    person.gender, person.ethnicity, person.disability = (
        stored.gender,
        stored.ethnicity,
        stored.disability,
    )
    # Which answers changed is not written to the audit log: the log is not special-category.
    audit.record(session, "edit equality answers", "person", person.id)
    return stored
