"""Creating, editing, copying, cancelling and listing workshops."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date, time

from sqlalchemy import and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from sassot_desktop import audit, record_versions
from sassot_desktop.clock import utc_now, venue_today
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import Booking, Workshop
from sassot_desktop.db.status import Status
from sassot_desktop.errors import UserError
from sassot_desktop.geography import checked_district
from sassot_desktop.standards.granted import follow_workshop
from sassot_desktop.standards.kinds import checked_grant
from sassot_desktop.workshops.places import fill_free_places, moved_message, names_of

PROVIDERS: tuple[str, ...] = (
    "UK Coaching",
    "Running Sport",
    "National governing body",
    "SASSOT",
)
# The courses the partnership runs year after year, offered when a workshop is created.
KNOWN_COURSES: tuple[tuple[str, str], ...] = (
    ("Safeguarding and Protecting Children", "UK Coaching"),
    ("Emergency First Aid", "UK Coaching"),
    ("How to Coach Disabled People in Sport", "UK Coaching"),
    ("Equity in Your Coaching", "UK Coaching"),
    ("Positive Behaviour Management in Sport", "UK Coaching"),
    ("Coaching Children and Young People", "UK Coaching"),
    ("Fundamentals of Movement", "UK Coaching"),
    ("An Introduction to Long-Term Athlete Development", "UK Coaching"),
    ("Club Treasurer", "Running Sport"),
    ("Raising Funds for Your Club", "Running Sport"),
    ("Recruiting, Retaining and Rewarding Volunteers", "Running Sport"),
)


@dataclass(frozen=True)
class WorkshopDetails:
    """Everything the officer sets on a workshop."""

    title: str
    provider: str
    date: date
    start_time: time
    end_time: time
    venue_name: str
    capacity: int
    venue_address: str | None = None
    venue_postcode: str | None = None
    district: str | None = None
    tutor: str | None = None
    fee_pence: int = 0
    notes: str | None = None
    grants: str | None = None  # the standards record attending earns (``standards.kinds``)

    @classmethod
    def of(cls, workshop: Workshop) -> WorkshopDetails:
        return cls(**{f.name: getattr(workshop, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class WorkshopRow:
    """A workshop as the list screen and ``workshops list`` show it."""

    id: int
    date: date
    start_time: time
    end_time: time
    title: str
    provider: str
    venue: str
    district: str | None
    tutor: str | None
    capacity: int
    fee_pence: int
    booked: int
    attended: int
    waiting: int
    cancelled: bool
    register_closed: bool


def _checked(details: WorkshopDetails) -> dict:
    values = asdict(details)
    for key in ("title", "provider", "venue_name"):
        values[key] = (values[key] or "").strip()
    if not values["title"]:
        raise UserError("Give the workshop a course title.")
    if not values["venue_name"]:
        raise UserError("Give the workshop a venue.")
    if not values["provider"]:
        raise UserError("Choose who provides the workshop.")
    if details.end_time <= details.start_time:
        raise UserError("The workshop must end after it starts; check the times.")
    if details.capacity < 1:
        raise UserError("Capacity must be at least 1 place.")
    if details.fee_pence < 0:
        raise UserError("The fee cannot be negative; use £0 for a free workshop.")
    values["district"] = checked_district(details.district)
    values["grants"] = checked_grant(details.grants)
    for key in ("venue_address", "venue_postcode", "tutor", "notes"):
        values[key] = (values[key] or "").strip() or None
    if values["venue_postcode"]:
        values["venue_postcode"] = values["venue_postcode"].upper()
    return values


def create_workshop(session: Session, details: WorkshopDetails) -> Workshop:
    now = utc_now()
    workshop = Workshop(**_checked(details), created_at=now, updated_at=now)
    session.add(workshop)
    session.flush()
    audit.record(session, "create workshop", "workshop", workshop.id, title=workshop.title)
    return workshop


@dataclass(frozen=True)
class WorkshopUpdate:
    id: int
    promoted: tuple[str, ...] = ()  # moved from the waiting list into new places
    also_kept: str = ""  # a colleague's changes kept with the officer's

    @property
    def message(self) -> str:
        parts = ("Workshop saved.", self.also_kept, moved_message(self.promoted))
        return " ".join(part for part in parts if part)


# The workshop editor's fields, as it labels them: what a colleague's change is shown by.
FORM_FIELDS = {
    "title": "Course title",
    "provider": "Provider",
    "date": "Date",
    "start_time": "Starts",
    "end_time": "Ends",
    "venue_name": "Venue",
    "venue_address": "Address",
    "venue_postcode": "Postcode",
    "district": "District",
    "tutor": "Tutor",
    "capacity": "Capacity",
    "fee_pence": "Fee",
    "grants": "Attending grants",
    "notes": "Notes",
}


def update_workshop(
    session: Session,
    workshop_id: int,
    details: WorkshopDetails,
    loaded: record_versions.Loaded | None = None,
) -> WorkshopUpdate:
    """Save the officer's changes; places added by a larger capacity go to those waiting.

    ``loaded`` is what the editor showed: a colleague's change since then is kept, and a field
    both of them changed raises ``record_versions.EditConflict`` with nothing saved.
    """
    workshop = get_workshop(session, workshop_id)
    theirs = record_versions.snapshot(workshop, FORM_FIELDS)
    merged = record_versions.merge("workshop", FORM_FIELDS, loaded, theirs, _checked(details))
    # Checked again: a colleague's start time and the officer's end time must still add up.
    values = _checked(replace(details, **merged.values))
    changed = {k: v for k, v in values.items() if getattr(workshop, k) != v}
    for key, value in changed.items():
        setattr(workshop, key, value)
    if not changed:
        return WorkshopUpdate(workshop.id, also_kept=merged.also_kept)
    workshop.updated_at = utc_now()
    record_versions.write_now(session, "workshop")
    audit.record(session, "edit workshop", "workshop", workshop.id, changed=sorted(changed))
    if changed.keys() & {"grants", "date", "title", "provider"}:
        follow_workshop(session, workshop.id)
    promoted = fill_free_places(session, workshop) if "capacity" in changed else []
    return WorkshopUpdate(workshop.id, names_of(promoted), merged.also_kept)


def cancel_workshop(session: Session, workshop_id: int) -> Workshop:
    workshop = get_workshop(session, workshop_id)
    if workshop.cancelled_at is None:
        workshop.cancelled_at = workshop.updated_at = utc_now()
        audit.record(session, "cancel workshop", "workshop", workshop.id)
    return workshop


def get_workshop(session: Session, workshop_id: int) -> Workshop:
    return require(session, Workshop, workshop_id, "workshop")


def list_workshops(
    session: Session,
    text: str = "",
    provider: str | None = None,
    district: str | None = None,
    when: str = "all",
    today: date | None = None,
) -> list[WorkshopRow]:
    """Workshops matching the filters: upcoming first (soonest first), then past (latest first).

    ``when`` is "future" (today onwards), "past" (before today) or "all".
    """
    today = today or venue_today()
    holds_place = [s.value for s in Status if s.holds_place]
    present = [s.value for s in Status if s.is_present]
    # Counted per listed workshop through the booking index, not over every booking ever
    # made: the upcoming few stay as quick to list after five years as after one.
    booked = func.sum(
        case((and_(Booking.status.in_(holds_place), Booking.walk_in.is_(False)), 1), else_=0)
    )
    attended = func.sum(case((Booking.status.in_(present), 1), else_=0))
    waiting = func.sum(case((Booking.status == Status.WAITING.value, 1), else_=0))
    statement = (
        select(
            *_ROW_COLUMNS,
            func.coalesce(booked, 0),
            func.coalesce(attended, 0),
            func.coalesce(waiting, 0),
        )
        .outerjoin(Booking, Booking.workshop_id == Workshop.id)
        .group_by(Workshop.id)
    )
    if "\x00" in text:
        # SQLite reads a pattern only as far as a NUL, so "\x00" matched every workshop; no
        # title, venue or tutor typed into the window holds one.
        statement = statement.where(false())
    elif text.strip():
        pattern = f"%{_escape_like(text.strip().lower())}%"
        statement = statement.where(
            or_(
                func.lower(Workshop.title).like(pattern, escape="\\"),
                func.lower(Workshop.venue_name).like(pattern, escape="\\"),
                func.lower(func.coalesce(Workshop.tutor, "")).like(pattern, escape="\\"),
            )
        )
    if provider:
        statement = statement.where(Workshop.provider == provider)
    if district:
        statement = statement.where(Workshop.district == district)
    if when == "future":
        statement = statement.where(Workshop.date >= today)
    elif when == "past":
        statement = statement.where(Workshop.date < today)
    upcoming_first = case((Workshop.date >= today, 0), else_=1)
    # Upcoming soonest first; past ones tie on this key and fall to the date-descending key.
    order_day = case((Workshop.date >= today, Workshop.date), else_=None)
    statement = statement.order_by(
        upcoming_first, order_day, Workshop.date.desc(), Workshop.start_time, Workshop.id
    )
    return [
        WorkshopRow(
            *row,
            booked=int(booked),
            attended=int(attended),
            waiting=int(waiting),
            cancelled=cancelled_at is not None,
            register_closed=closed_at is not None,
        )
        for *row, cancelled_at, closed_at, booked, attended, waiting in session.execute(statement)
    ]


# A list row's columns, in ``WorkshopRow``'s order, then what it derives its flags from.
_ROW_COLUMNS = (
    Workshop.id,
    Workshop.date,
    Workshop.start_time,
    Workshop.end_time,
    Workshop.title,
    Workshop.provider,
    Workshop.venue_name,
    Workshop.district,
    Workshop.tutor,
    Workshop.capacity,
    Workshop.fee_pence,
    Workshop.cancelled_at,
    Workshop.register_closed_at,
)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
