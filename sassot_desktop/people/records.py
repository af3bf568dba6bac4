"""Creating and reading people: the operations the booking and walk-in dialogs call."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from sassot_desktop import audit, record_versions
from sassot_desktop.clock import utc_now
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import Person
from sassot_desktop.errors import UserError
from sassot_desktop.geography import checked_district
from sassot_desktop.people import folding, search

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class PersonDetails:
    """What the officer typed about a person; consent decides how much of it is kept."""

    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    postcode: str | None = None
    district: str | None = None
    club: str | None = None
    sport: str | None = None
    date_of_birth: date | None = None
    consent_method: str | None = None  # how they agreed ("paper form at the workshop"); None: not
    consent_at: datetime | None = None


@dataclass(frozen=True)
class PersonSummary:
    """A person as lists and search results show them."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    postcode: str | None
    club: str | None
    district: str | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @classmethod
    def of(cls, person: Person) -> PersonSummary:
        return cls(
            id=person.id,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            postcode=person.postcode,
            club=person.club,
            district=person.district,
        )


# What a list of people shows, for a set of ids, in list order; built once (it runs per key).
_SUMMARIES = (
    select(
        Person.id,
        Person.first_name,
        Person.last_name,
        Person.email,
        Person.postcode,
        Person.club,
        Person.district,
    )
    .where(Person.id.in_(bindparam("ids", expanding=True)))
    .order_by(Person.sort_name, Person.id)
)


def clean_name(text: str) -> str:
    """A name exactly as written, in one Unicode form and without outer spaces."""
    return unicodedata.normalize("NFC", text).strip()


def _optional(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = unicodedata.normalize("NFC", text).strip()
    return cleaned or None


def create_person(session: Session, details: PersonDetails) -> Person:
    """Add a person; without consent only the name is kept."""
    now = utc_now()
    person = Person()
    person.created_at = now
    consented = _apply(person, details, now)
    session.add(person)
    session.flush()
    search.reindex(session, person)
    audit.record(session, "create person", "person", person.id, consented=consented)
    return person


# The fields of the person form, as it labels them: what a colleague's change is shown by.
FORM_FIELDS = {
    "first_name": "First name",
    "last_name": "Last name",
    "consent_method": "How they agreed",
    "email": "Email",
    "phone": "Phone",
    "postcode": "Postcode",
    "district": "District",
    "club": "Club / organisation",
    "sport": "Sport",
    "date_of_birth": "Date of birth",
}


@dataclass(frozen=True)
class PersonUpdate:
    name: str
    also_kept: str = ""  # a colleague's changes kept with the officer's

    @property
    def message(self) -> str:
        return f"Saved {self.name}'s details. {self.also_kept}".strip()


def update_person(
    session: Session,
    person_id: int,
    details: PersonDetails,
    loaded: record_versions.Loaded | None = None,
) -> PersonUpdate:
    """Change a person's details; consent withdrawn clears everything but the name.

    ``loaded`` is what the form showed: a colleague's change since then is kept, and a field
    both of them changed raises ``record_versions.EditConflict`` with nothing saved.
    """
    person = get_person(session, person_id)
    theirs = record_versions.snapshot(person, FORM_FIELDS)
    consent_at = person.consent_at
    now = utc_now()
    # Applied once to see the officer's values as they would be stored, then again as merged.
    _apply(person, details, now)
    mine = record_versions.snapshot(person, FORM_FIELDS)
    merged = record_versions.merge("person", FORM_FIELDS, loaded, theirs, mine)
    consented = _apply(person, dataclasses.replace(details, **merged.values), now)
    if merged.values == {key: theirs[key] for key in FORM_FIELDS} and person.consent_at == (
        consent_at
    ):
        person.updated_at = theirs["updated_at"]  # nothing of the officer's to save
        return PersonUpdate(f"{person.first_name} {person.last_name}", merged.also_kept)
    if not consented:  # equality answers are kept only with consent, like the contact details
        person.gender = person.ethnicity = person.disability = None
    record_versions.write_now(session, "person")
    search.reindex(session, person)
    audit.record(session, "edit person", "person", person.id, consented=consented)
    return PersonUpdate(f"{person.first_name} {person.last_name}", merged.also_kept)


def _apply(person: Person, details: PersonDetails, now: datetime) -> bool:
    """Put what was typed on ``person``; returns whether they consented."""
    first, last = clean_name(details.first_name), clean_name(details.last_name)
    if not first or not last:
        raise UserError("Enter both a first name and a last name.")
    person.first_name, person.last_name = first, last
    person.sort_name = folding.sort_name(first, last)
    person.updated_at = now
    consented = bool(_optional(details.consent_method))
    email = _optional(details.email) if consented else None
    if email and not _EMAIL.match(email):
        raise UserError(
            f"“{email}” does not look like an email address; check it or leave it empty."
        )
    postcode = _optional(details.postcode) if consented else None
    person.email = email
    person.phone = _optional(details.phone) if consented else None
    person.postcode = postcode.upper() if postcode else None
    person.district = checked_district(details.district) if consented else None
    person.club = _optional(details.club) if consented else None
    person.sport = _optional(details.sport) if consented else None
    person.date_of_birth = details.date_of_birth if consented else None
    person.consent_method = _optional(details.consent_method)
    if not consented:
        person.consent_at = None
    elif person.consent_at is None or details.consent_at is not None:
        person.consent_at = details.consent_at or now
    return consented


def get_person(session: Session, person_id: int) -> Person:
    return require(session, Person, person_id, "person")


def find_people(session: Session, query: str, limit: int = 20) -> list[PersonSummary]:
    """People matching what was typed, in list order; only the columns a list shows."""
    ids = search.matching_ids(session, query, limit)
    if not ids:
        return []
    return [PersonSummary(*row) for row in session.execute(_SUMMARIES, {"ids": ids})]
