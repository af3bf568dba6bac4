"""A coach's checks and qualifications: adding, editing, removing and reading them, and how
long each kind stays valid.

Every operation takes the caller's session and is meant to be the whole of one transaction
(``with db.write() as session``), as the screens and the command line both use them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import StandardRecord, StandardValidity
from sassot_desktop.errors import UserError
from sassot_desktop.people.records import get_person
from sassot_desktop.standards.kinds import (
    DBS_LEVELS,
    DEFAULT_VALIDITY_MONTHS,
    Kind,
    expiry_after,
    masked_certificate_number,
)

LONGEST_VALIDITY_MONTHS = 120


@dataclass(frozen=True)
class RecordDetails:
    """What the officer types about one check or qualification."""

    kind: Kind
    taken_on: date
    expires_on: date | None = None
    governing_body: str | None = None
    title: str | None = None
    level: str | None = None
    dbs_level: str | None = None
    certificate_number: str | None = None


@dataclass(frozen=True)
class RecordRow:
    """One record as a person's standards section lists it."""

    id: int
    kind: Kind
    taken_on: date
    expires_on: date | None
    governing_body: str | None
    title: str | None
    level: str | None
    dbs_level: str | None
    masked_number: str
    from_workshop: bool  # made by attending a workshop that grants it

    @property
    def description(self) -> str:
        """What the record is beyond its kind: "England Netball · Level 2 Coach · Level 2"."""
        parts = [self.governing_body, self.title, self.level, self.dbs_level]
        if self.masked_number:
            parts.append(f"certificate {self.masked_number}")
        return " · ".join(part for part in parts if part)


def add_record(session: Session, person_id: int, details: RecordDetails) -> StandardRecord:
    person = get_person(session, person_id)
    now = utc_now()
    values = _checked(details)
    record = StandardRecord(person_id=person.id, **values, created_at=now, updated_at=now)
    session.add(record)
    session.flush()
    audit.record(session, "add standard", "standard_record", record.id, kind=values["kind"])
    return record


def update_record(session: Session, record_id: int, details: RecordDetails) -> StandardRecord:
    """Save the officer's changes. A record a workshop made becomes the officer's own once
    edited: undoing that attendance no longer removes what they corrected."""
    record = get_record(session, record_id)
    for key, value in _checked(details).items():
        setattr(record, key, value)
    record.booking_id = None
    record.updated_at = utc_now()
    audit.record(session, "edit standard", "standard_record", record.id, kind=record.kind)
    return record


def remove_record(session: Session, record_id: int) -> RecordDetails:
    """Delete a record; returns its details so that the screen can offer to put it back."""
    record = get_record(session, record_id)
    details = details_of(record)
    session.delete(record)
    audit.record(session, "remove standard", "standard_record", record_id, kind=record.kind)
    return details


def get_record(session: Session, record_id: int) -> StandardRecord:
    return require(session, StandardRecord, record_id, "check or qualification")


def details_of(record: StandardRecord) -> RecordDetails:
    return RecordDetails(
        kind=Kind(record.kind),
        taken_on=record.taken_on,
        expires_on=record.expires_on,
        governing_body=record.governing_body,
        title=record.title,
        level=record.level,
        dbs_level=record.dbs_level,
        certificate_number=record.certificate_number,
    )


def records_of(session: Session, person_id: int) -> list[RecordRow]:
    """A person's records, by kind in the standards' order, the newest of each kind first."""
    order = {kind: number for number, kind in enumerate(Kind)}
    records = session.scalars(
        select(StandardRecord).where(StandardRecord.person_id == person_id)
    ).all()
    rows = [
        RecordRow(
            id=record.id,
            kind=Kind(record.kind),
            taken_on=record.taken_on,
            expires_on=record.expires_on,
            governing_body=record.governing_body,
            title=record.title,
            level=record.level,
            dbs_level=record.dbs_level,
            masked_number=masked_certificate_number(record.certificate_number),
            from_workshop=record.booking_id is not None,
        )
        for record in records
    ]
    return sorted(rows, key=lambda row: (order[row.kind], -row.taken_on.toordinal(), row.id))


def _checked(details: RecordDetails) -> dict:
    values = asdict(details)
    kind = values["kind"] = Kind(details.kind)
    for key in ("governing_body", "title", "level", "dbs_level", "certificate_number"):
        values[key] = " ".join((values[key] or "").split()) or None
    if details.expires_on is not None and details.expires_on < details.taken_on:
        raise UserError("The expiry date is before the date taken; check both dates.")
    if kind is Kind.QUALIFICATION and not values["title"]:
        raise UserError("Give the qualification's title, for example “Level 2 Coach”.")
    if kind is not Kind.DBS:
        values["dbs_level"] = values["certificate_number"] = None
    elif values["dbs_level"] is not None and values["dbs_level"] not in DBS_LEVELS:
        raise UserError(f"Choose the DBS check's level from: {', '.join(DBS_LEVELS)}.")
    if values["certificate_number"] is not None:
        values["certificate_number"] = values["certificate_number"].replace(" ", "")
    return values


# -- validity ----------------------------------------------------------------------------------
def validity_months(session: Session) -> dict[Kind, int | None]:
    """How long each kind stays valid: the officer's choice where set, else the default.

    Kept in the database rather than in the settings file: it is a rule about the records,
    which a backup restores with them, and which everyone sharing a database must apply alike.
    """
    chosen = {
        Kind(kind): months
        for kind, months in session.execute(select(StandardValidity.kind, StandardValidity.months))
    }
    return {kind: chosen.get(kind, DEFAULT_VALIDITY_MONTHS[kind]) for kind in Kind}


def set_validity(session: Session, kind: Kind, months: int | None) -> None:
    """Set how long records of ``kind`` stay valid from now on (None: they never expire).
    Records already held keep the expiry on their certificate."""
    if months is not None and not 1 <= months <= LONGEST_VALIDITY_MONTHS:
        raise UserError(
            f"A {kind.label} can be valid for 1 to {LONGEST_VALIDITY_MONTHS} months, "
            "or have no expiry."
        )
    row = session.get(StandardValidity, kind.value)
    if row is None:
        row = StandardValidity(kind=kind.value)
        session.add(row)
    row.months = months
    row.updated_at = utc_now()
    audit.record(session, "set validity", "standard_validity", None, kind=kind.value, months=months)


def default_expiry(session: Session, kind: Kind, taken_on: date) -> date | None:
    """The expiry a new record gets unless the officer types its own."""
    return expiry_after(taken_on, validity_months(session)[kind])
