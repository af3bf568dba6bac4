"""Places on a workshop: how many are taken, who waits for one, and giving free ones out."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import Booking, Workshop
from sassot_desktop.db.status import Status


def places_taken(session: Session, workshop_id: int) -> int:
    """Seats in the room that are spoken for (walk-ins who came take one too)."""
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


def fill_free_places(session: Session, workshop: Workshop) -> list[Booking]:
    """Move people from the waiting list, in order, into any free places; return them."""
    free = workshop.capacity - places_taken(session, workshop.id)
    promoted = waiting_list(session, workshop.id)[: max(free, 0)]
    for booking in promoted:
        booking.status = Status.BOOKED.value
        booking.updated_at = utc_now()
        audit.record(session, "promote from waiting list", "booking", booking.id)
    session.flush()
    return promoted


def names_of(bookings: list[Booking]) -> tuple[str, ...]:
    return tuple(f"{b.person.first_name} {b.person.last_name}" for b in bookings)


def moved_message(names: tuple[str, ...]) -> str:
    """ "Priya Patel moved from the waiting list." for one or more people."""
    if not names:
        return ""
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{who} moved from the waiting list."
