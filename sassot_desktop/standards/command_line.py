"""``sassot-desktop standards due`` and ``standards reminders``: the parser and what each does.

Kept beside the standards rather than in ``cli``/``commands`` so those only register it. The
``due`` TSV columns are relied on by the team's scripts: add to them, never rename.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from sassot_desktop import tables
from sassot_desktop.errors import UserError
from sassot_desktop.standards.kinds import WARNING_DAYS

if TYPE_CHECKING:  # the window starts through ``cli``: the database layer loads later
    from sassot_desktop.workspace import Workspace

DUE_COLUMNS = ("person_id", "name", "email", "district", "status", "needs", "due")
LONGEST_WINDOW_DAYS = 3660


def add_parser(commands: argparse._SubParsersAction) -> None:
    standards = commands.add_parser(
        "standards", help="coaches' DBS checks, safeguarding, first aid and qualifications"
    )
    actions = standards.add_subparsers(dest="standards_command", metavar="ACTION")
    due = actions.add_parser(
        "due", help="coaches who need something: lapsed, missing or expiring soon"
    )
    due.add_argument(
        "--within",
        type=int,
        default=WARNING_DAYS,
        metavar="DAYS",
        help=f"count as expiring what expires within DAYS (default {WARNING_DAYS})",
    )
    due.add_argument("--format", choices=("table", "tsv"), default="table")
    reminders = actions.add_parser(
        "reminders",
        help="an e-mail draft (.eml) for each coach who needs something, and a mail-merge CSV",
    )
    reminders.add_argument(
        "--out", required=True, metavar="FOLDER", help="the folder to write them into"
    )


def needs_help(args: argparse.Namespace) -> bool:
    """``standards`` alone: the parser prints its help instead."""
    return args.command == "standards" and args.standards_command is None


def run(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.clock import venue_today

    if args.standards_command == "due":
        return _due(workspace, args, venue_today())
    from sassot_desktop.standards.reminders import write_reminders

    print(write_reminders(workspace.db, args.out, venue_today()).message)
    return 0


def _due(workspace: Workspace, args: argparse.Namespace, today) -> int:
    from sassot_desktop.standards.due import coaches_due

    if not 0 <= args.within <= LONGEST_WINDOW_DAYS:
        raise UserError(f"--within takes a number of days from 0 to {LONGEST_WINDOW_DAYS}.")
    with workspace.db.read() as session:
        coaches = coaches_due(session, today, args.within)
    tables.write(
        sys.stdout,
        DUE_COLUMNS,
        [
            (
                coach.person_id,
                coach.name,
                coach.email,
                coach.district,
                coach.standing.value,
                coach.assessment.needs_text,
                coach.assessment.first_due.isoformat() if coach.assessment.first_due else "",
            )
            for coach in coaches
        ],
        args.format,
    )
    return 0
