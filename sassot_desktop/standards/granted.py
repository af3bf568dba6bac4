"""Records a workshop grants: attending *Emergency First Aid* records the first aid
certificate, dated the workshop's day, as soon as the attendance is confirmed.

The register's operations call ``follow_attendance`` after every change of a booking's status
(a tick, the paper register, undo); a record made this way names its booking, so undoing the
tick or marking a no-show removes it again. Records the officer typed or edited never name a
booking and are never touched here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import Booking, StandardRecord, Workshop
from sassot_desktop.db.status import Status, certificate_earned
from sassot_desktop.standards.kinds import GRANTABLE, Kind, expiry_after
from sassot_desktop.standards.records import validity_months

# The courses whose attendance grants a record, offered when a workshop is created.
KNOWN_GRANTS: dict[str, Kind] = {
    "Safeguarding and Protecting Children": Kind.SAFEGUARDING,
    "Emergency First Aid": Kind.FIRST_AID,
}

_ATTENDANCE = (
    select(
        Booking.id,
        Booking.person_id,
        Booking.status,
        Booking.certificate_override,
        Workshop.grants,
        Workshop.title,
        Workshop.provider,
        Workshop.date,
        StandardRecord.id.label("record_id"),
    )
    .join(Workshop, Workshop.id == Booking.workshop_id)
    .outerjoin(StandardRecord, StandardRecord.booking_id == Booking.id)
)


def follow_attendance(session: Session, booking_ids: Iterable[int]) -> None:
    """Make or remove the records these bookings' attendance grants, as their status now is.

    Confirmed attendance is what earns the certificate (attended or late, or the officer's
    word for someone who left early), so the record and the certificate always go together.
    """
    wanted = list(booking_ids)
    if not wanted:
        return
    rows = session.execute(_ATTENDANCE.where(Booking.id.in_(wanted))).all()
    if not any(row.grants or row.record_id for row in rows):
        return  # the usual tick, at a workshop that grants nothing: one query and done
    months = validity_months(session)
    for row in rows:
        earned = row.grants and certificate_earned(Status(row.status), row.certificate_override)
        if earned and row.record_id is None:
            _grant(session, row, Kind(row.grants), months[Kind(row.grants)])
        elif not earned and row.record_id is not None:
            forget(session, [row.id])


def follow_workshop(session: Session, workshop_id: int) -> None:
    """The workshop's grant, day or title changed: remake what its attendance granted."""
    booking_ids = session.scalars(
        select(Booking.id).where(Booking.workshop_id == workshop_id)
    ).all()
    forget(session, booking_ids)
    session.flush()
    follow_attendance(session, booking_ids)


def forget(session: Session, booking_ids: Iterable[int]) -> None:
    """Remove what these bookings' attendance granted (before the bookings themselves go)."""
    wanted = list(booking_ids)
    if wanted:
        session.execute(
            delete(StandardRecord)
            .where(StandardRecord.booking_id.in_(wanted))
            .execution_options(synchronize_session=False)
        )


def _grant(session: Session, row, kind: Kind, months: int | None) -> None:
    now = utc_now()
    record = StandardRecord(
        person_id=row.person_id,
        kind=kind.value,
        taken_on=row.date,
        expires_on=expiry_after(row.date, months),
        governing_body=row.provider,
        title=row.title,
        booking_id=row.id,
        created_at=now,
        updated_at=now,
    )
    session.add(record)
    session.flush()
    audit.record(session, "granted by attendance", "standard_record", record.id, booking=row.id)


def grant_choices() -> list[tuple[str, Kind | None]]:
    """The workshop editor's choices: what attending grants, "nothing" first."""
    return [("Nothing", None), *((kind.heading, kind) for kind in GRANTABLE)]
