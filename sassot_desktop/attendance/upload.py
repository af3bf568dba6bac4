"""Bringing an evening offline back to the server: ticks, statuses and walk-ins, in one go.

The whole upload is one transaction on the server, so a connection dropped half way leaves
the server as it was; each change made at the venue carries its own id (``attendance.offline``)
and the server keeps the ids it has taken (``UploadedTick``), so an upload repeated after a
drop that came *after* the commit counts nothing twice.

The register may have changed on the server meanwhile (a colleague cancelled a booking, or the
same evening came back from another laptop first). What counts is what the server had when this
laptop last synced the booking (when it was taken, or this register's last upload that changed
it) against what the server has now: a booking this laptop's own upload left as it is still the
laptop's to change, however often it uploads. Bookings really edited on the server are
reconciled, not overwritten: someone seen at the venue is kept as attended; someone ticked on
two laptops keeps the earlier arrival; and every such case is listed in the report, in words.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.attendance.offline import open_copy, read_copy
from sassot_desktop.clock import utc_now, venue_time_of
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import Booking, OfflineRegister, Person, UploadedTick, Workshop
from sassot_desktop.db.status import Status
from sassot_desktop.errors import UserError
from sassot_desktop.people.duplicates import likely_same_as
from sassot_desktop.people.profile import details_of
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.standards.granted import follow_attendance

# The newest change to each booking that has not been uploaded yet.
_WAITING_SQL = """
SELECT tick.id, tick.booking_id, tick.kind, tick.made_at FROM offline_tick AS tick
WHERE tick.uploaded_at IS NULL
  AND tick.rowid = (SELECT max(later.rowid) FROM offline_tick AS later
                    WHERE later.booking_id = tick.booking_id)
ORDER BY tick.rowid
"""
_TICK_IDS_SQL = "SELECT booking_id, id, kind FROM offline_tick"
_NEW_PEOPLE_SQL = "SELECT person_id FROM offline_new_person"
_LAST_TICK_SQL = "SELECT coalesce(max(rowid), 0) FROM offline_tick"


@dataclass(frozen=True)
class Arrival:
    """A booking as the laptop has it after the evening."""

    booking_id: int  # the laptop's own id; the server's too unless it is a walk-in
    person_id: int
    status: str
    arrived_at: datetime | None
    booked_at: datetime
    walk_in: bool
    certificate_override: bool | None


@dataclass(frozen=True)
class VenueChange:
    tick_id: str
    made_at: datetime
    arrival: Arrival | None  # None: a walk-in undone at the venue
    walk_in: bool  # the booking was made at the venue
    earlier_tick_ids: tuple[str, ...]  # the booking's other changes, uploaded or not


@dataclass(frozen=True)
class PossibleDuplicate:
    """A walk-in who may already be on the server: offered for merging, never merged here."""

    walk_in_id: int
    walk_in_name: str
    existing_id: int
    existing_name: str
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        return (
            f"{self.walk_in_name} walked in and may be {self.existing_name} "
            f"(#{self.existing_id}, {', '.join(self.reasons)}): compare and merge."
        )


@dataclass
class UploadReport:
    title: str
    ticks: int = 0  # bookings on the server changed by this upload
    walk_ins: int = 0  # bookings made for people who came unbooked
    already_uploaded: int = 0  # changes the server had from an earlier upload
    reconciled: list[str] = field(default_factory=list)  # what changed where
    possible_duplicates: list[PossibleDuplicate] = field(default_factory=list)

    path: Path | None = None  # the laptop's register file the upload came from
    complete: bool = False  # every change made at the venue is now on the server

    @property
    def summary(self) -> str:
        walk_ins = "1 walk-in" if self.walk_ins == 1 else f"{self.walk_ins} walk-ins"
        ticks = "1 change" if self.ticks == 1 else f"{self.ticks} changes"
        repeat = (
            f" ({self.already_uploaded} already on the server from an earlier upload)"
            if self.already_uploaded
            else ""
        )
        return f"Uploaded the register of “{self.title}”: {ticks} and {walk_ins}{repeat}."

    def lines(self) -> list[str]:
        return (
            [self.summary]
            + self.reconciled
            + [duplicate.text for duplicate in self.possible_duplicates]
        )


def upload(server: Database, path: Path) -> UploadReport:
    """Send a register file's changes to the server, in one transaction."""
    copy = read_copy(path)
    laptop = open_copy(path)
    try:
        with laptop.read() as session:
            seen = session.scalar(text(_LAST_TICK_SQL))
            changes = _waiting_changes(session)
            new_people = {
                person_id: details_of(session.get(Person, person_id))
                for person_id in session.scalars(text(_NEW_PEOPLE_SQL))
            }
        with server.write() as session:
            report = _apply(session, copy.register_id, copy.workshop_id, changes, new_people)
        # Only now that the server has committed does the laptop note what it has sent.
        _mark_uploaded(laptop, seen)
    finally:
        laptop.close()
    report.path = Path(path)
    report.complete = read_copy(path).is_uploaded
    return report


def _apply(
    session: Session,
    register_id: int,
    workshop_id: int,
    changes: list[VenueChange],
    new_people: dict[int, PersonDetails],
) -> UploadReport:
    held = session.get(OfflineRegister, register_id)
    workshop = session.get(Workshop, workshop_id)
    if held is None or workshop is None or held.workshop_id != workshop_id:
        raise UserError(
            "This register was not taken offline from the database it is being uploaded to; "
            "check the server address in Settings."
        )
    report = UploadReport(workshop.title)
    every_id = [tick for change in changes for tick in (change.tick_id, *change.earlier_tick_ids)]
    known = dict(
        session.execute(
            select(UploadedTick.id, UploadedTick.booking_id).where(UploadedTick.id.in_(every_id))
        ).all()
    )
    done: list[dict] = []
    changed: set[int] = set()
    now = utc_now()
    register = _server_register(session, workshop_id)
    synced = _last_synced(session, held)
    for change in changes:
        if change.tick_id in known:
            report.already_uploaded += 1
            continue
        booking_id = _apply_change(
            session, held, register, synced, change, known, new_people, report, now
        )
        if booking_id is not None:
            changed.add(booking_id)
        done.append(
            {
                "id": change.tick_id,
                "register_id": register_id,
                "booking_id": booking_id,
                "made_at": change.made_at,
                "uploaded_at": now,
            }
        )
    if done:
        session.execute(insert(UploadedTick.__table__), done)
    report.reconciled.extend(_changed_on_server_only(session, held, changed))
    held.uploaded_at = now
    session.flush()
    follow_attendance(session, sorted(changed))
    audit.record(
        session,
        "upload offline register",
        "workshop",
        workshop_id,
        register=register_id,
        changes=report.ticks,
        walk_ins=report.walk_ins,
    )
    return report


def _last_synced(session: Session, held: OfflineRegister) -> dict[int, datetime]:
    """When this register's uploads last changed each booking on the server. Such a change
    stamps the booking with the instant of its upload, so a booking whose stamp is still that
    instant has not been edited on the server since."""
    return dict(
        session.execute(
            select(UploadedTick.booking_id, func.max(UploadedTick.uploaded_at))
            .where(UploadedTick.register_id == held.id, UploadedTick.booking_id.is_not(None))
            .group_by(UploadedTick.booking_id)
        ).all()
    )


def _server_register(session: Session, workshop_id: int) -> dict[int, tuple[Booking, str]]:
    """The workshop's bookings on the server with each person's name, read in one query."""
    rows = session.execute(
        select(Booking, Person.first_name, Person.last_name)
        .join(Person, Person.id == Booking.person_id)
        .where(Booking.workshop_id == workshop_id)
    ).all()
    return {booking.id: (booking, f"{first} {last}") for booking, first, last in rows}


def _apply_change(
    session: Session,
    held: OfflineRegister,
    register: dict[int, tuple[Booking, str]],
    synced: dict[int, datetime],
    change: VenueChange,
    known: dict[str, int | None],
    new_people: dict[int, PersonDetails],
    report: UploadReport,
    now: datetime,
) -> int | None:
    """Put one booking's change on the server; returns the server's booking id it changed."""
    arrival = change.arrival
    if arrival is None:
        return None  # a walk-in added and undone at the venue, or undone after an upload
    if not change.walk_in:
        return _reconcile(held, register.get(arrival.booking_id), synced, arrival, report, now)
    uploaded_as = next((known[tick] for tick in change.earlier_tick_ids if known.get(tick)), None)
    if uploaded_as is not None:  # the walk-in itself came in an earlier upload
        return _reconcile(held, register.get(uploaded_as), synced, arrival, report, now)
    person_id = arrival.person_id
    if person_id in new_people:
        person = create_person(session, new_people[person_id])
        person_id = person.id
        report.possible_duplicates.extend(_possible_duplicates(session, person))
    existing = next((row for row in register.values() if row[0].person_id == person_id), None)
    if existing is not None:
        return _reconcile(held, existing, synced, arrival, report, now)
    booking = Booking(
        workshop_id=held.workshop_id,
        person_id=person_id,
        status=arrival.status,
        booked_at=arrival.booked_at,
        walk_in=True,
        arrived_at=arrival.arrived_at,
        arrived_local=_local(arrival.arrived_at),
        certificate_override=arrival.certificate_override,
        updated_at=now,
    )
    session.add(booking)
    session.flush()
    report.walk_ins += 1
    return booking.id


def _reconcile(
    held: OfflineRegister,
    row: tuple[Booking, str] | None,
    synced: dict[int, datetime],
    venue: Arrival,
    report: UploadReport,
    now: datetime,
) -> int | None:
    """The venue's word on one booking, weighed against the server's if it changed there."""
    if row is None:
        report.reconciled.append(
            f"A booking taken offline (#{venue.booking_id}) was removed on the server; "
            "what the venue recorded for it was not uploaded."
        )
        return None
    booking, name = row
    here_in, there_in = Status(venue.status).is_present, Status(booking.status).is_present
    if _untouched_since_synced(booking, held, synced):  # the venue's word
        return _take(booking, venue, report, now)
    on_server = f"{_status_words(booking)} on the server at {_clock(booking.updated_at)}"
    at_venue = _venue_words(venue)
    if here_in and not there_in:
        report.reconciled.append(f"{name}: {on_server}, {at_venue} — kept as {venue.status}.")
        return _take(booking, venue, report, now)
    if here_in and there_in:
        if venue.arrived_at and booking.arrived_at and venue.arrived_at < booking.arrived_at:
            report.reconciled.append(
                f"{name}: in at {_clock(booking.arrived_at)} on the server, "
                f"at {_clock(venue.arrived_at)} at the venue — kept the earlier arrival, "
                f"{_clock(venue.arrived_at)}."
            )
            booking.arrived_at = venue.arrived_at
            booking.arrived_local = _local(venue.arrived_at)
            booking.updated_at = now
            report.ticks += 1
            return booking.id
        return None
    if venue.status != booking.status:
        report.reconciled.append(f"{name}: {on_server}, {at_venue} — kept as {booking.status}.")
    return None


def _untouched_since_synced(
    booking: Booking, held: OfflineRegister, synced: dict[int, datetime]
) -> bool:
    if booking.id in synced:  # this laptop's upload stamped it; anything else restamped it
        return booking.updated_at == synced[booking.id]
    return booking.updated_at <= held.taken_at


def _take(booking: Booking, venue: Arrival, report: UploadReport, now: datetime) -> int | None:
    if booking.status == venue.status and booking.arrived_at == venue.arrived_at:
        return None
    booking.status = venue.status
    booking.arrived_at = venue.arrived_at
    booking.arrived_local = _local(venue.arrived_at)
    booking.certificate_override = venue.certificate_override
    booking.updated_at = now  # the same instant as the upload's ticks: see ``_last_synced``
    report.ticks += 1
    return booking.id


def _changed_on_server_only(
    session: Session, held: OfflineRegister, changed: set[int]
) -> list[str]:
    """Bookings changed on the server since the register was taken that the venue did not
    touch, and that no laptop's upload changed: the officer should know the register moved."""
    from_uploads = select(UploadedTick.booking_id).where(UploadedTick.booking_id.is_not(None))
    rows = session.execute(
        select(Booking, Person.first_name, Person.last_name)
        .join(Person, Person.id == Booking.person_id)
        .where(
            Booking.workshop_id == held.workshop_id,
            Booking.updated_at > held.taken_at,
            Booking.id.not_in(from_uploads),
        )
        .order_by(Person.sort_name, Booking.id)
    ).all()
    return [
        f"{first} {last}: {_status_words(booking)} on the server at "
        f"{_clock(booking.updated_at)} — left as it is."
        for booking, first, last in rows
        if booking.id not in changed
    ]


def _possible_duplicates(session: Session, person: Person) -> list[PossibleDuplicate]:
    name = f"{person.first_name} {person.last_name}"
    return [
        PossibleDuplicate(person.id, name, pair.first.id, pair.first.name, pair.reasons)
        for pair in likely_same_as(session, person.id)
    ]


def _waiting_changes(session: Session) -> list[VenueChange]:
    every: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for booking_id, tick_id, kind in session.execute(text(_TICK_IDS_SQL)):
        every[booking_id].append((tick_id, kind))
    changes = []
    laptop_bookings = {booking.id: booking for booking in session.scalars(select(Booking))}
    for tick_id, booking_id, _kind, made_at in session.execute(text(_WAITING_SQL)).all():
        booking = laptop_bookings.get(booking_id)
        arrival = None
        if booking is not None:
            arrival = Arrival(
                booking.id,
                booking.person_id,
                booking.status,
                booking.arrived_at,
                booking.booked_at,
                booking.walk_in,
                booking.certificate_override,
            )
        changes.append(
            VenueChange(
                tick_id=tick_id,
                made_at=datetime.fromisoformat(made_at),
                arrival=arrival,
                walk_in=any(kind == "walk-in" for _tick, kind in every[booking_id]),
                earlier_tick_ids=tuple(tick for tick, _ in every[booking_id] if tick != tick_id),
            )
        )
    return changes


def _mark_uploaded(laptop: Database, seen: int) -> None:
    """The laptop's note that the changes it had when the upload began are on the server:
    each booking's newest, which was sent, and the earlier ones it stood for. Should this fail
    after the server's commit, the next upload finds their ids there and counts nothing twice."""
    now = utc_now().isoformat(sep=" ")
    with laptop.write() as session:
        session.execute(
            text(
                "UPDATE offline_tick SET uploaded_at = :now "
                "WHERE uploaded_at IS NULL AND rowid <= :seen"
            ),
            {"now": now, "seen": seen},
        )
        session.execute(text("UPDATE offline_copy SET uploaded_at = :now"), {"now": now})


def _status_words(booking: Booking) -> str:
    status = Status(booking.status)
    if status.is_present:
        return f"marked {status.value}"
    return {
        Status.BOOKED: "booked",
        Status.CANCELLED: "cancelled",
        Status.WAITING: "put on the waiting list",
        Status.NO_SHOW: "marked a no-show",
    }.get(status, status.value)


def _venue_words(venue: Arrival) -> str:
    status = Status(venue.status)
    if status.is_present and venue.arrived_at:
        return f"ticked in at the venue at {_clock(venue.arrived_at)}"
    if status is Status.NO_SHOW:
        return "a no-show at the venue"
    return f"{status.value} at the venue"


def _local(instant: datetime | None):
    return None if instant is None else venue_time_of(instant)


def _clock(instant: datetime) -> str:
    return f"{venue_time_of(instant):%H:%M}"
