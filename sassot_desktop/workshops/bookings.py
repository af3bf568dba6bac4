"""Booking people on workshops, the waiting list, and cancellations that promote from it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import Booking, Person, Status, Workshop
from sassot_desktop.errors import NotFound, UserError
from sassot_desktop.workshops.catalogue import get_workshop


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
    promoted_booking_id: int | None
    promoted_name: str | None

    @property
    def message(self) -> str:
        text = f"{self.name}'s booking is cancelled."
        if self.promoted_name:
            text += f" {self.promoted_name} moved from the waiting list."
        return text


def places_taken(session: Session, workshop_id: int) -> int:
    holds_place = [s.value for s in Status if s.holds_place]
    return session.scalar(
        select(func.count())
        .select_from(Booking)
        .where(Booking.workshop_id == workshop_id, Booking.status.in_(holds_place))
    )


def waiting_list(session: Session, workshop_id: int) -> list[Booking]:
    """The waiting list in order: first booked, first promoted."""
    return list(
        session.scalars(
            select(Booking)
            .where(Booking.workshop_id == workshop_id, Booking.status == Status.WAITING.value)
            .order_by(Booking.booked_at, Booking.id)
        )
    )


def book(session: Session, workshop_id: int, person_id: int) -> BookingOutcome:
    """Give a person a place, or the next place on the waiting list when the workshop is full."""
    workshop = get_workshop(session, workshop_id)
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"There is no person with id {person_id}.")
    name = f"{person.first_name} {person.last_name}"
    if workshop.cancelled_at is not None:
        raise UserError("This workshop is cancelled; it takes no new bookings.")
    booking = _booking_of(session, workshop_id, person_id)
    if booking is not None and booking.status != Status.CANCELLED.value:
        raise UserError(f"{name} is already on this workshop ({booking.status}).")
    full = places_taken(session, workshop_id) >= workshop.capacity
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
        return CancelOutcome(name, None, None)
    if status.is_present:
        raise UserError(f"{name} has already arrived; set their attendance instead of cancelling.")
    booking.status = Status.CANCELLED.value
    booking.updated_at = utc_now()
    audit.record(session, "cancel booking", "booking", booking.id, was=status.value)
    session.flush()
    promoted = None
    if status.holds_place:
        promoted = promote_from_waiting_list(session, booking.workshop)
    if promoted is None:
        return CancelOutcome(name, None, None)
    return CancelOutcome(
        name, promoted.id, f"{promoted.person.first_name} {promoted.person.last_name}"
    )


def promote_from_waiting_list(session: Session, workshop: Workshop) -> Booking | None:
    if places_taken(session, workshop.id) >= workshop.capacity:
        return None
    waiting = waiting_list(session, workshop.id)
    if not waiting:
        return None
    first = waiting[0]
    first.status = Status.BOOKED.value
    first.updated_at = utc_now()
    audit.record(session, "promote from waiting list", "booking", first.id)
    return first


def get_booking(session: Session, booking_id: int) -> Booking:
    booking = session.get(Booking, booking_id)
    if booking is None:
        raise NotFound(f"There is no booking with id {booking_id}.")
    return booking


def _booking_of(session: Session, workshop_id: int, person_id: int) -> Booking | None:
    return session.scalar(
        select(Booking).where(Booking.workshop_id == workshop_id, Booking.person_id == person_id)
    )
