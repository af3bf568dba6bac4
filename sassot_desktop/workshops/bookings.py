"""Booking people on workshops, the waiting list, and cancellations that promote from it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import Booking, Person
from sassot_desktop.db.status import Status
from sassot_desktop.errors import UserError
from sassot_desktop.workshops.catalogue import get_workshop
from sassot_desktop.workshops.places import (
    fill_free_places,
    moved_message,
    names_of,
    places_taken,
    waiting_list,
)


@dataclass(frozen=True)
class BookingOutcome:
    booking_id: int
    name: str
    status: Status
    waiting_position: int | None = None

    @property
    def message(self) -> str:
        if self.status is Status.WAITING:
            return (
                f"The workshop is full: {self.name} is number {self.waiting_position} "
                "on the waiting list."
            )
        return f"{self.name} is booked."


@dataclass(frozen=True)
class CancelOutcome:
    name: str
    promoted: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        return f"{self.name}'s booking is cancelled. {moved_message(self.promoted)}".strip()


def book(session: Session, workshop_id: int, person_id: int) -> BookingOutcome:
    """Give a person a place, or the next place on the waiting list when the workshop is full."""
    workshop = get_workshop(session, workshop_id)
    person = require(session, Person, person_id, "person")
    name = f"{person.first_name} {person.last_name}"
    if workshop.cancelled_at is not None:
        raise UserError("This workshop is cancelled; it takes no new bookings.")
    booking = _booking_of(session, workshop_id, person_id)
    if booking is not None and booking.status != Status.CANCELLED.value:
        raise UserError(f"{name} is already on this workshop ({booking.status}).")
    # First booked, first placed: while anyone waits, a newcomer joins the end of the queue
    # even if a place is free (e.g. after the capacity was raised).
    full = places_taken(session, workshop_id) >= workshop.capacity or bool(
        waiting_list(session, workshop_id)
    )
    status = Status.WAITING if full else Status.BOOKED
    now = utc_now()
    if booking is None:
        booking = Booking(workshop_id=workshop_id, person_id=person_id, walk_in=False)
        session.add(booking)
    booking.status = status.value
    booking.booked_at = booking.updated_at = now
    booking.arrived_at = booking.arrived_local = None
    session.flush()
    audit.record(session, "book", "booking", booking.id, status=status.value)
    position = None
    if status is Status.WAITING:
        position = [b.id for b in waiting_list(session, workshop_id)].index(booking.id) + 1
    return BookingOutcome(booking.id, name, status, position)


def cancel_booking(session: Session, booking_id: int) -> CancelOutcome:
    """Cancel a booking; a freed place goes to the first person waiting."""
    booking = get_booking(session, booking_id)
    name = f"{booking.person.first_name} {booking.person.last_name}"
    status = Status(booking.status)
    if status is Status.CANCELLED:
        return CancelOutcome(name)
    if status.is_present:
        raise UserError(f"{name} has already arrived; set their attendance instead of cancelling.")
    booking.status = Status.CANCELLED.value
    booking.updated_at = utc_now()
    audit.record(session, "cancel booking", "booking", booking.id, was=status.value)
    session.flush()
    promoted = fill_free_places(session, booking.workshop) if status.holds_place else []
    return CancelOutcome(name, names_of(promoted))


def get_booking(session: Session, booking_id: int) -> Booking:
    """A booking with its person and workshop, loaded in one query (a tick needs all three)."""
    loaded_with = [joinedload(Booking.person), joinedload(Booking.workshop)]
    return require(session, Booking, booking_id, "booking", options=loaded_with)


def _booking_of(session: Session, workshop_id: int, person_id: int) -> Booking | None:
    return session.scalar(
        select(Booking).where(Booking.workshop_id == workshop_id, Booking.person_id == person_id)
    )
