"""Check-in and the register: ticks, statuses, walk-ins, closing, and undoing any of them.

Every operation here takes the caller's session and is meant to be the whole of one
transaction (``with db.write() as session``), so a tick is on disk before the screen shows it.
Operations that change bookings return snapshots of what they changed; ``restore`` puts those
back, which is how Ctrl+Z works for ticks, statuses, walk-ins and closing the register alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import bindparam, delete, select, text, update
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.attendance import tonight
from sassot_desktop.attendance.roster import BookingSnapshot, RosterEntry, TickResult
from sassot_desktop.clock import utc_now, venue_time_of
from sassot_desktop.db.models import Booking, Person, Workshop
from sassot_desktop.db.status import SETTABLE, Status
from sassot_desktop.errors import NotFound, UserError
from sassot_desktop.people.records import (
    PersonDetails,
    PersonSummary,
    create_person,
    find_people,
    get_person,
)
from sassot_desktop.standards.granted import follow_attendance, forget
from sassot_desktop.workshops.bookings import get_booking
from sassot_desktop.workshops.catalogue import get_workshop


def roster(session: Session, workshop_id: int) -> list[RosterEntry]:
    """Every booking on a workshop with the person's name, in last-name order."""
    return read_register(session, workshop_id).entries


def read_register(session: Session, workshop_id: int) -> tonight.Register:
    """A workshop's heading and bookings: the check-in screen's whole content."""
    return tonight.register_of(reader(session), workshop_id)


def workshop_to_check_in(session: Session, now: datetime) -> int | None:
    """Today's workshop to open on: the one in progress or starting next, else today's last."""
    return tonight.workshop_to_check_in(reader(session), now)


def reader(session: Session) -> tonight.Reader:
    """Run ``tonight``'s plain SQL through this session."""
    return lambda sql, parameters: session.execute(text(sql), parameters).all()


_TICK_LOOKUP = (
    select(
        Booking.status,
        Booking.arrived_at,
        Booking.arrived_local,
        Person.first_name,
        Person.last_name,
        Workshop.cancelled_at,
        Workshop.grants,
    )
    .join(Person, Person.id == Booking.person_id)
    .join(Workshop, Workshop.id == Booking.workshop_id)
    .where(Booking.id == bindparam("booking_id"))
)
_TICK_UPDATE = (
    update(Booking.__table__)
    .where(Booking.__table__.c.id == bindparam("booking_id"))
    .values(
        status=Status.ATTENDED.value,
        arrived_at=bindparam("arrived"),
        arrived_local=bindparam("local"),
        updated_at=bindparam("changed"),
    )
)


def check_in(session: Session, booking_id: int, at: datetime | None = None) -> TickResult:
    """Tick a person in; someone already in is left as they are.

    Written as two prebuilt statements rather than through the ORM's unit of work: this is
    the one operation the officer repeats forty times in ten minutes, and it must feel instant.
    """
    row = session.execute(_TICK_LOOKUP, {"booking_id": booking_id}).one_or_none()
    if row is None:
        raise NotFound(f"There is no booking with id {booking_id}.")
    name = f"{row.first_name} {row.last_name}"
    if Status(row.status).is_present:
        return TickResult(name, row.arrived_local, already_in=True)
    if row.cancelled_at is not None:
        raise UserError("This workshop is cancelled; nobody can be checked in.")
    snapshot = BookingSnapshot(booking_id, row.status, row.arrived_at, row.arrived_local)
    at = at or utc_now()
    local = venue_time_of(at)
    session.execute(
        _TICK_UPDATE,
        {"booking_id": booking_id, "arrived": at, "local": local, "changed": utc_now()},
    )
    audit.record(session, "check in", "booking", booking_id, at=at)
    if row.grants:  # no further query for the usual workshop, which grants nothing
        follow_attendance(session, [booking_id])
    return TickResult(name, local, already_in=False, undo=(snapshot,))


def add_walk_in(
    session: Session,
    workshop_id: int,
    details: PersonDetails | None = None,
    person_id: int | None = None,
    at: datetime | None = None,
) -> TickResult:
    """Record someone arriving who may not be booked: an existing person (their booking is
    ticked if they have one) or a new person from the details typed at the door."""
    workshop = get_workshop(session, workshop_id)
    if workshop.cancelled_at is not None:
        raise UserError("This workshop is cancelled; it takes no walk-ins.")
    if person_id is not None:
        person = get_person(session, person_id)
        existing = session.scalar(
            select(Booking).where(
                Booking.workshop_id == workshop_id, Booking.person_id == person_id
            )
        )
        if existing is not None:
            return check_in(session, existing.id, at)
    elif details is not None:
        person = create_person(session, details)
    else:
        raise UserError("Choose the person who walked in, or enter their name.")
    booking = Booking(workshop_id=workshop_id, person_id=person.id, walk_in=True)
    booking.booked_at = at or utc_now()
    session.add(booking)
    _mark_arrived(booking, booking.booked_at)
    session.flush()
    audit.record(session, "walk-in", "booking", booking.id, at=booking.arrived_at)
    follow_attendance(session, [booking.id])
    undo = (_snapshot(booking, existed=False),)
    name = f"{person.first_name} {person.last_name}"
    return TickResult(name, booking.arrived_local, already_in=False, undo=undo, walk_in=True)


def set_status(
    session: Session, booking_ids: Iterable[int], status: Status
) -> tuple[BookingSnapshot, ...]:
    """Set the night's outcome for several bookings at once (the paper register's bulk edit)."""
    if status not in SETTABLE:
        raise UserError(f"A booking's attendance cannot be set to “{status}”.")
    snapshots = []
    for booking_id in booking_ids:
        booking = get_booking(session, booking_id)
        if booking.status == status.value or booking.status in (
            Status.CANCELLED.value,
            Status.WAITING.value,
        ):
            continue
        snapshots.append(_snapshot(booking))
        booking.status = status.value
        if not status.is_present:
            booking.arrived_at = booking.arrived_local = None
        booking.updated_at = utc_now()
        audit.record(session, "set attendance", "booking", booking.id, status=status.value)
    session.flush()
    follow_attendance(session, [snapshot.booking_id for snapshot in snapshots])
    return tuple(snapshots)


def set_certificate(session: Session, booking_id: int, give: bool) -> str:
    """The officer's word on one booking's certificate, where it differs from what the
    night's status earns (a first-aider who left early for a call-out may still get one);
    returns the sentence to show."""
    booking = get_booking(session, booking_id)
    earned = Status(booking.status).earns_certificate
    booking.certificate_override = None if give == earned else give
    booking.updated_at = utc_now()
    audit.record(session, "set certificate", "booking", booking.id, give=give)
    session.flush()
    follow_attendance(session, [booking.id])
    name = f"{booking.person.first_name} {booking.person.last_name}"
    if give:
        return f"{name} will get a certificate."
    return f"{name} will not get a certificate."


def close_register(session: Session, workshop_id: int) -> tuple[BookingSnapshot, ...]:
    """Mark everyone still expected as a no-show and note that the register is closed."""
    workshop = get_workshop(session, workshop_id)
    expected = session.scalars(
        select(Booking.id).where(
            Booking.workshop_id == workshop_id, Booking.status == Status.BOOKED.value
        )
    ).all()
    snapshots = set_status(session, expected, Status.NO_SHOW)
    workshop.register_closed_at = workshop.updated_at = utc_now()
    audit.record(session, "close register", "workshop", workshop_id, no_shows=len(snapshots))
    return snapshots


def restore(session: Session, snapshots: Iterable[BookingSnapshot]) -> None:
    """Put bookings back as they were before an operation (undo)."""
    snapshots = list(snapshots)
    for snapshot in snapshots:
        if not snapshot.existed:
            forget(session, [snapshot.booking_id])
            session.execute(delete(Booking).where(Booking.id == snapshot.booking_id))
            audit.record(session, "undo walk-in", "booking", snapshot.booking_id)
            continue
        booking = get_booking(session, snapshot.booking_id)
        booking.status = snapshot.status
        booking.arrived_at = snapshot.arrived_at
        booking.arrived_local = snapshot.arrived_local
        booking.updated_at = utc_now()
        audit.record(session, "undo", "booking", booking.id, status=snapshot.status)
    session.flush()
    follow_attendance(session, [s.booking_id for s in snapshots if s.existed])


def possible_matches(
    session: Session, first_name: str, last_name: str, limit: int = 8
) -> list[PersonSummary]:
    """People who may be the walk-in being typed, so the officer can pick instead of duplicate."""
    query = f"{first_name} {last_name}".strip()
    if len(query) < 2:
        return []
    return find_people(session, query, limit)


def _mark_arrived(booking: Booking, at: datetime) -> None:
    booking.status = Status.ATTENDED.value
    booking.arrived_at = at
    booking.arrived_local = venue_time_of(at)
    booking.updated_at = utc_now()


def _snapshot(booking: Booking, existed: bool = True) -> BookingSnapshot:
    return BookingSnapshot(
        booking.id, booking.status, booking.arrived_at, booking.arrived_local, existed
    )
