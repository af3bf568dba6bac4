"""Hours given: logged for a volunteer, approved (or rejected) by the officer, then counted.

Logged hours wait as "pending" and count for nothing (totals, milestones, the ``volunteers
hours`` command) until approved. Approving many at once is one operation that returns the
milestones it made people reach; a decision taken by mistake is undone with ``reopen``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, inspect, select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import HoursMilestone, Person, Placement, VolunteerHours
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import short_date
from sassot_desktop.people.records import clean_name
from sassot_desktop.volunteering import milestones
from sassot_desktop.volunteering.durations import hours_text
from sassot_desktop.volunteering.milestones import Milestone

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
_ACTIONS = {APPROVED: "approve hours", REJECTED: "reject hours"}


@dataclass(frozen=True)
class HoursEntry:
    id: int
    person_id: int
    name: str
    worked_on: date
    minutes: int
    activity: str
    organisation: str  # the placement's club or organisation; "" when logged without one
    status: str


@dataclass(frozen=True)
class Decision:
    """What approving or rejecting some hours did."""

    decided: int
    minutes: int
    reached: list[Milestone]
    withdrawn: int = 0


@dataclass(frozen=True)
class VolunteerTotal:
    person_id: int
    name: str
    approved_minutes: int
    pending_minutes: int
    last_milestone: int | None


def log_hours(
    session: Session,
    person_id: int,
    worked_on: date,
    minutes: int,
    activity: str,
    placement_id: int | None = None,
    today: date | None = None,
) -> VolunteerHours:
    """Record hours a volunteer gave; they wait for the officer's approval."""
    require(session, Person, person_id, "person")
    activity = clean_name(activity)
    if not activity:
        raise UserError("Say what the hours were for, like “coaching the under-11s”.")
    if minutes <= 0:
        raise UserError("Enter the hours given, more than none, like 2.5 or 2:30.")
    if today is not None and worked_on > today:
        raise UserError("Hours can only be logged for a day that has happened; check the date.")
    if placement_id is not None:
        placement = require(session, Placement, placement_id, "placement")
        if placement.person_id != person_id:
            raise UserError("That placement is someone else's; choose one of this person's.")
    entry = VolunteerHours(
        person_id=person_id,
        placement_id=placement_id,
        worked_on=worked_on,
        minutes=minutes,
        activity=activity[:200],
        status=PENDING,
        recorded_at=utc_now(),
        recorded_by=audit.current_actor(session),
    )
    session.add(entry)
    session.flush()
    audit.record(session, "log hours", "person", person_id, hours_id=entry.id, minutes=minutes)
    return entry


@dataclass(frozen=True)
class RemovedHours:
    """A deleted hours entry, and the milestones its deletion took back, to put them back."""

    entry: dict
    withdrawn: tuple[dict, ...]
    kept: tuple[int, ...]  # milestones no longer reached but already acted on, so kept

    @property
    def described(self) -> str:
        entry = self.entry
        return f"{hours_text(entry['minutes'])} hours on {short_date(entry['worked_on'])}"


def remove_hours(session: Session, hours_id: int) -> RemovedHours:
    """Delete hours logged by mistake. Approved hours stop counting: a milestone the rest no
    longer reach is taken back if the officer has not yet acted on it, and kept (a letter or a
    badge cannot be taken back) if they have."""
    [entry] = _entries(session, [hours_id])
    person_id, was_approved = entry.person_id, entry.status == APPROVED
    snapshot = _columns(entry)
    session.delete(entry)
    session.flush()
    withdrawn: list[dict] = []
    kept: list[int] = []
    if was_approved:
        minutes = milestones.approved_minutes(session, [person_id]).get(person_id, 0)
        for milestone in session.scalars(
            select(HoursMilestone).where(
                HoursMilestone.person_id == person_id, HoursMilestone.hours * 60 > minutes
            )
        ):
            if milestone.acknowledged_at is None:
                withdrawn.append(_columns(milestone))
                session.delete(milestone)
            else:
                kept.append(milestone.hours)
    audit.record(
        session, "remove hours", "person", person_id, hours_id=hours_id, minutes=snapshot["minutes"]
    )
    session.flush()
    return RemovedHours(snapshot, tuple(withdrawn), tuple(sorted(kept)))


def restore_hours(session: Session, removed: RemovedHours) -> None:
    """Put back hours ``remove_hours`` deleted, with the milestones it took back."""
    person_id = removed.entry["person_id"]
    require(session, Person, person_id, "person")
    entry = dict(removed.entry)
    placement_id = entry["placement_id"]
    if placement_id is not None and session.get(Placement, placement_id) is None:
        entry["placement_id"] = None  # its placement was deleted since
    session.add(VolunteerHours(**entry))
    for milestone in removed.withdrawn:
        session.add(HoursMilestone(**milestone))
    session.flush()
    audit.record(session, "restore hours", "person", person_id, hours_id=entry["id"])


def _columns(row) -> dict:
    return {column.key: getattr(row, column.key) for column in inspect(row).mapper.column_attrs}


def approve(session: Session, hours_ids: Iterable[int]) -> Decision:
    """Approve waiting hours; returns the milestones this made anyone reach."""
    return _decide(session, hours_ids, APPROVED)


def reject(session: Session, hours_ids: Iterable[int]) -> Decision:
    """Turn down waiting hours: they are kept, marked rejected, and never count."""
    return _decide(session, hours_ids, REJECTED)


def reopen(session: Session, hours_ids: Iterable[int]) -> Decision:
    """Put decided hours back to waiting (the undo of approve or reject)."""
    entries = _entries(session, hours_ids)
    people = {entry.person_id for entry in entries}
    for entry in entries:
        entry.status, entry.decided_at, entry.decided_by = PENDING, None, None
    session.flush()
    after = milestones.approved_minutes(session, people)
    withdrawn = milestones.withdraw_unreached(session, after, people)
    for entry in entries:
        audit.record(session, "reopen hours", "person", entry.person_id, hours_id=entry.id)
    return Decision(len(entries), sum(e.minutes for e in entries), [], withdrawn)


def _decide(session: Session, hours_ids: Iterable[int], status: str) -> Decision:
    entries = _entries(session, hours_ids)
    waiting = [entry for entry in entries if entry.status == PENDING]
    if not waiting:
        raise UserError(
            "None of the chosen hours are waiting for a decision; they were decided already."
        )
    people = {entry.person_id for entry in waiting}
    before = milestones.approved_minutes(session, people)
    now, actor = utc_now(), audit.current_actor(session)
    for entry in waiting:
        entry.status, entry.decided_at, entry.decided_by = status, now, actor
        audit.record(
            session,
            _ACTIONS[status],
            "person",
            entry.person_id,
            hours_id=entry.id,
            minutes=entry.minutes,
        )
    session.flush()
    reached: list[Milestone] = []
    if status == APPROVED:
        reached = milestones.notice(session, before, milestones.approved_minutes(session, people))
    return Decision(len(waiting), sum(e.minutes for e in waiting), reached)


def _entries(session: Session, hours_ids: Iterable[int]) -> list[VolunteerHours]:
    ids = list(hours_ids)
    if not ids:
        raise UserError("Choose the hours first: click a line, or Ctrl+A for all of them.")
    entries = list(session.scalars(select(VolunteerHours).where(VolunteerHours.id.in_(ids))))
    if len(entries) != len(set(ids)):
        raise UserError("Some of those hours are no longer on file; the list has been refreshed.")
    return entries


def hours_entries(
    session: Session, person_id: int | None = None, status: str | None = None
) -> list[HoursEntry]:
    """Logged hours, newest first: one person's, or everyone's with one status."""
    query = (
        select(VolunteerHours, Person.first_name, Person.last_name, Placement.organisation)
        .join(Person, Person.id == VolunteerHours.person_id)
        .outerjoin(Placement, Placement.id == VolunteerHours.placement_id)
        .order_by(VolunteerHours.worked_on.desc(), Person.sort_name, VolunteerHours.id)
    )
    if person_id is not None:
        query = query.where(VolunteerHours.person_id == person_id)
    if status is not None:
        query = query.where(VolunteerHours.status == status)
    return [
        HoursEntry(
            h.id,
            h.person_id,
            f"{first} {last}",
            h.worked_on,
            h.minutes,
            h.activity,
            organisation or "",
            h.status,
        )
        for h, first, last, organisation in session.execute(query)
    ]


def totals(session: Session) -> list[VolunteerTotal]:
    """Everyone who has logged hours: approved and waiting minutes, highest milestone."""
    approved = func.sum(case((VolunteerHours.status == APPROVED, VolunteerHours.minutes), else_=0))
    pending = func.sum(case((VolunteerHours.status == PENDING, VolunteerHours.minutes), else_=0))
    rows = session.execute(
        select(Person.id, Person.first_name, Person.last_name, approved, pending)
        .join(VolunteerHours, VolunteerHours.person_id == Person.id)
        .group_by(Person.id, Person.first_name, Person.last_name, Person.sort_name)
        .order_by(Person.sort_name, Person.id)
    )
    reached = milestones.last_milestones(session)
    return [
        VolunteerTotal(pid, f"{first} {last}", int(a or 0), int(p or 0), reached.get(pid))
        for pid, first, last, a, p in rows
    ]
