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
two laptops keeps the earlier arrival; and every such case is listed in the report, in words,
as is every booking changed on the server since the laptop last synced that the venue left be.

A walk-in may be someone already on the server. ``walk_ins_on_file`` finds them before anything
is uploaded, so that the officer can answer for each (``SamePerson``, ``SomeoneElse``) and the
upload books them as the person on file rather than making a duplicate to merge later. A walk-in
with no answer is added as a new person and listed for merging, as the command line does unless
told otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.attendance.offline import open_copy, read_copy, tell_removals
from sassot_desktop.clock import utc_now, venue_time_of
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import Booking, OfflineRegister, Person, UploadedTick, Workshop
from sassot_desktop.db.status import Status
from sassot_desktop.errors import UserError
from sassot_desktop.people import folding, search
from sassot_desktop.people.duplicates import (
    LikelyPair,
    Someone,
    likely_same_as,
    not_the_same,
    on_file_like,
)
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
_TICK_IDS_SQL = "SELECT booking_id, id, kind FROM offline_tick ORDER BY rowid"
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
    walk_in_id: str | None = None  # the id of the change that made the walk-in's booking


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


@dataclass(frozen=True)
class WalkInMatch:
    """A walk-in who may be someone on the server, found before anything is uploaded."""

    walk_in_id: str  # the id of the change that booked them at the venue: answers go by it
    workshop_id: int
    workshop: str  # as the officer reads it: “title” on date at time
    walk_in: Someone  # as given at the venue; ``id`` is the laptop's own
    on_file: tuple[LikelyPair, ...]  # best first; each pair's ``first`` is the one on file

    @property
    def short_id(self) -> str:
        return self.walk_in_id[:8]


@dataclass(frozen=True)
class SamePerson:
    """The officer's answer: the walk-in is this person on file. What the walk-in gave that
    the record lacks is added; a value the record holds is replaced only where asked."""

    person_id: int
    replace: frozenset[str] = frozenset()  # of ``FILLED_IN``


@dataclass(frozen=True)
class SomeoneElse:
    """The officer's answer: a new person, not those on file compared with."""

    not_ids: tuple[int, ...] = ()


Answer = SamePerson | SomeoneElse

# What a walk-in's details may add to the record of the person they turn out to be, with
# the words the report uses. A name counts as one field: first and last name together.
FILLED_IN = {
    "name": "name",
    "email": "email",
    "phone": "phone",
    "postcode": "postcode",
    "district": "district",
    "club": "club",
    "sport": "sport",
    "date_of_birth": "date of birth",
}


@dataclass
class UploadReport:
    title: str
    ticks: int = 0  # bookings on the server changed by this upload
    walk_ins: int = 0  # bookings made for people who came unbooked
    already_uploaded: int = 0  # changes the server had from an earlier upload
    reconciled: list[str] = field(default_factory=list)  # what changed where
    possible_duplicates: list[PossibleDuplicate] = field(default_factory=list)
    on_file: list[str] = field(default_factory=list)  # walk-ins booked as people on file

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
            + self.on_file
            + self.reconciled
            + [duplicate.text for duplicate in self.possible_duplicates]
        )


def walk_ins_on_file(server: Database, path: Path) -> list[WalkInMatch]:
    """The walk-ins of a register file, not yet on the server, who may be people on file
    there: to be answered before the upload, which changes nothing here."""
    copy = read_copy(path)
    changes, new_people, _seen = _read_laptop(path)
    walk_ins = [
        change
        for change in changes
        if change.walk_in_id and change.arrival and change.arrival.person_id in new_people
    ]
    if not walk_ins:
        return []
    matches = []
    with server.read() as session:
        sent = set(
            session.scalars(
                select(UploadedTick.id).where(
                    UploadedTick.id.in_([change.walk_in_id for change in walk_ins])
                )
            )
        )
        for change in walk_ins:
            if change.walk_in_id in sent:
                continue  # booked by an earlier upload whose answer the laptop never had
            details = new_people[change.arrival.person_id]
            someone = Someone(
                change.arrival.person_id,
                details.first_name,
                details.last_name,
                details.email,
                details.phone,
                details.postcode,
                details.date_of_birth,
                details.club,
            )
            on_file = on_file_like(session, someone)
            if on_file:
                matches.append(
                    WalkInMatch(
                        change.walk_in_id, copy.workshop_id, copy.described, someone, tuple(on_file)
                    )
                )
    return matches


def upload(server: Database, path: Path, answers: dict[str, Answer] | None = None) -> UploadReport:
    """Send a register file's changes to the server, in one transaction. ``answers`` say,
    by ``WalkInMatch.walk_in_id``, who the walk-ins found on file are."""
    copy = read_copy(path)
    tell_removals(server, Path(path).parent)
    changes, new_people, seen = _read_laptop(path)
    with server.write() as session:
        report = _apply(
            session, copy.register_id, copy.workshop_id, changes, new_people, answers or {}
        )
    # Only now that the server has committed does the laptop note what it has sent.
    laptop = open_copy(path)
    try:
        _mark_uploaded(laptop, seen)
    finally:
        laptop.close()
    report.path = Path(path)
    report.complete = read_copy(path).is_uploaded
    return report


def _read_laptop(path: Path) -> tuple[list[VenueChange], dict[int, PersonDetails], int]:
    """The changes waiting, the people added at the venue, and the newest change's number."""
    laptop = open_copy(path)
    try:
        with laptop.read() as session:
            seen = session.scalar(text(_LAST_TICK_SQL))
            changes = _waiting_changes(session)
            new_people = {
                person_id: details_of(session.get(Person, person_id))
                for person_id in session.scalars(text(_NEW_PEOPLE_SQL))
            }
    finally:
        laptop.close()
    return changes, new_people, seen


def _apply(
    session: Session,
    register_id: int,
    workshop_id: int,
    changes: list[VenueChange],
    new_people: dict[int, PersonDetails],
    answers: dict[str, Answer],
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
    since = held.uploaded_at or held.taken_at  # before this upload moves it on
    for change in changes:
        if change.tick_id in known:
            report.already_uploaded += 1
            continue
        booking_id = _apply_change(
            session, held, register, synced, change, known, new_people, answers, report, now
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
    touched = changed | {_server_booking_id(change, known) for change in changes}
    report.reconciled.extend(_changed_on_server_only(session, held, since, touched))
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
    answers: dict[str, Answer],
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
        answer = answers.get(change.walk_in_id or "")
        if isinstance(answer, SamePerson):
            person_id = _walked_in_on_file(session, answer, new_people[person_id], report, now)
        else:
            person = create_person(session, new_people[person_id])
            person_id = person.id
            if isinstance(answer, SomeoneElse):
                for other in answer.not_ids:
                    not_the_same(session, person.id, other)
            else:
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


def _walked_in_on_file(
    session: Session, answer: SamePerson, details: PersonDetails, report: UploadReport, now
) -> int:
    """The walk-in is someone on file: add to their record what it lacks (and what the
    officer chose to replace), and say so in the report. Returns the person's id."""
    person = session.get(Person, answer.person_id)
    if person is None:
        raise UserError(
            f"The person on file chosen for the walk-in {details.first_name} "
            f"{details.last_name} (#{answer.person_id}) is no longer on the server; "
            "upload again and answer afresh."
        )
    added = []
    given = {
        "name": (details.first_name, details.last_name),
        **{name: getattr(details, name) for name in FILLED_IN if name != "name"},
    }
    held = {
        "name": (person.first_name, person.last_name),
        **{name: getattr(person, name) for name in FILLED_IN if name != "name"},
    }
    if details.consent_method and not person.consent_method:
        # What a walk-in gave is kept only with their consent; it comes with their details.
        person.consent_method, person.consent_at = details.consent_method, details.consent_at
    for name in FILLED_IN:
        if given[name] is None or given[name] == held[name]:
            continue
        if held[name] is None or name in answer.replace:
            if name == "name":
                person.first_name, person.last_name = given[name]
                person.sort_name = folding.sort_name(*given[name])
            else:
                setattr(person, name, given[name])
            added.append(FILLED_IN[name])
    walked_in = f"{details.first_name} {details.last_name}"
    on_file = f"{person.first_name} {person.last_name} (#{person.id})"
    sentence = f"{walked_in} walked in: booked as {on_file}, already on file"
    if added:
        person.updated_at = now
        session.flush()
        search.reindex(session, person)
        audit.record(session, "fill in from walk-in", "person", person.id, fields=added)
        sentence += f"; added their {_listed(added)}"
    report.on_file.append(sentence + ".")
    return person.id


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _server_booking_id(change: VenueChange, known: dict[str, int | None]) -> int | None:
    """The server's booking a change is about, as far as the laptop's ids tell."""
    if not change.walk_in:
        return change.arrival.booking_id if change.arrival else None
    return next((known[tick] for tick in change.earlier_tick_ids if known.get(tick)), None)


def _changed_on_server_only(
    session: Session, held: OfflineRegister, since: datetime, touched: set[int | None]
) -> list[str]:
    """Bookings changed on the server since this laptop took the register or last uploaded
    it, that the venue did not touch in this upload: the officer should know the register
    moved. A change another laptop's upload made names that computer."""
    rows = session.execute(
        select(Booking, Person.first_name, Person.last_name)
        .join(Person, Person.id == Booking.person_id)
        .where(Booking.workshop_id == held.workshop_id, Booking.updated_at > since)
        .order_by(Booking.updated_at, Person.sort_name, Booking.id)
    ).all()
    rows = [row for row in rows if row[0].id not in touched]
    uploaded_from = dict(
        session.execute(
            select(UploadedTick.booking_id, OfflineRegister.computer)
            .join(OfflineRegister, OfflineRegister.id == UploadedTick.register_id)
            .join(Booking, Booking.id == UploadedTick.booking_id)
            .where(
                UploadedTick.booking_id.in_([booking.id for booking, _, _ in rows]),
                UploadedTick.uploaded_at == Booking.updated_at,
                OfflineRegister.id != held.id,
            )
        ).all()
    )
    lines = []
    for booking, first, last in rows:
        where = (
            f" (uploaded from {uploaded_from[booking.id]})" if booking.id in uploaded_from else ""
        )
        lines.append(
            f"On the server at {_clock(booking.updated_at)}: {first} {last} "
            f"{_status_words(booking)}{where} — left as it is."
        )
    return lines


def _possible_duplicates(session: Session, person: Person) -> list[PossibleDuplicate]:
    name = f"{person.first_name} {person.last_name}"
    return [
        PossibleDuplicate(person.id, name, pair.first.id, pair.first.name, pair.reasons)
        for pair in likely_same_as(session, person.id)
    ]


def _waiting_changes(session: Session) -> list[VenueChange]:
    every: dict[int, list[tuple[str, str]]] = defaultdict(list)  # oldest first
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
                walk_in_id=next(
                    (tick for tick, kind in reversed(every[booking_id]) if kind == "walk-in"),
                    None,
                ),
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
