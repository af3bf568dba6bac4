"""What each sub-command does: open the data folder, call the operations, print the result."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import func, select

from sassot_desktop import demo, tables
from sassot_desktop.attendance import register
from sassot_desktop.db.models import Person
from sassot_desktop.workshops.catalogue import list_workshops
from sassot_desktop.workspace import Workspace, open_workspace

WORKSHOP_COLUMNS = (
    "id",
    "date",
    "start",
    "title",
    "venue",
    "district",
    "capacity",
    "booked",
    "attended",
    "waiting",
)
ATTENDANCE_COLUMNS = ("person_id", "name", "status", "arrived", "walk_in", "certificate")


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.data_dir)
    try:
        return _COMMANDS[args.command](workspace, args)
    finally:
        workspace.close()


def _demo(workspace: Workspace, args: argparse.Namespace) -> int:
    demo.fill(workspace.db, people=min(args.people, demo.PEOPLE), force=args.force)
    if args.people > demo.PEOPLE:
        print(f"Adding people up to {args.people:,}…", file=sys.stderr)
        demo.add_people_up_to(workspace.db, args.people)
    with workspace.db.read() as session:
        workshops = len(list_workshops(session))
        people = session.scalar(select(func.count()).select_from(Person))
    print(
        f"Demo data ready in {workspace.paths.data_dir}: {workshops} workshops, {people:,} people."
    )
    return 0


def _workshops(workspace: Workspace, args: argparse.Namespace) -> int:
    with workspace.db.read() as session:
        rows = list_workshops(session)
    tables.write(
        sys.stdout,
        WORKSHOP_COLUMNS,
        [
            (
                row.id,
                row.date.isoformat(),
                f"{row.start_time:%H:%M}",
                row.title,
                row.venue,
                row.district,
                row.capacity,
                row.booked,
                row.attended,
                row.waiting,
            )
            for row in rows
        ],
        args.format,
    )
    return 0


def _attendance(workspace: Workspace, args: argparse.Namespace) -> int:
    with workspace.db.read() as session:
        entries = register.roster(session, args.workshop_id)
    tables.write(
        sys.stdout,
        ATTENDANCE_COLUMNS,
        [
            (
                entry.person_id,
                entry.name,
                entry.status.value,
                f"{entry.arrived_local:%H:%M}" if entry.arrived_local else "",
                "yes" if entry.walk_in else "no",
                "yes" if entry.earns_certificate else "no",
            )
            for entry in entries
        ],
        args.format,
    )
    return 0


def _check_in(workspace: Workspace, args: argparse.Namespace) -> int:
    # The walk-in dialog's "use selected person": their booking is ticked, or they walk in.
    with workspace.db.write() as session:
        result = register.add_walk_in(session, args.workshop_id, person_id=args.person_id)
    print(f"{result.message} (walk-in)" if result.walk_in else result.message)
    return 0


_COMMANDS = {
    "demo": _demo,
    "workshops": _workshops,
    "attendance": _attendance,
    "check-in": _check_in,
}
