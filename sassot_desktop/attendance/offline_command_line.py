"""``sassot-desktop offline take|list|walk-ins|upload|open|remove``: a register for an evening
offline.

The command line cannot ask whether a walk-in is someone already on file, so ``upload`` adds
them as new people and lists them for merging, unless told: ``walk-ins`` lists who may be on
file, with the ids that ``upload --same-person WALK_IN=PERSON_ID`` takes, and
``--match-walk-ins same|new`` answers for all of them at once.

Kept beside the offline register rather than in ``cli``/``commands`` so those only register it.
``list``, ``open`` and ``remove`` use the laptop's own files and never need the server.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sassot_desktop import tables
from sassot_desktop.errors import UserError

if TYPE_CHECKING:
    from sassot_desktop.attendance.offline import OfflineCopy
    from sassot_desktop.attendance.upload import Answer, WalkInMatch
    from sassot_desktop.paths import DataPaths
    from sassot_desktop.workspace import Workspace

LIST_COLUMNS = (
    "workshop_id",
    "date",
    "start",
    "title",
    "taken",
    "waiting",
    "uploaded",
    "state",
    "file",
)
WALK_IN_COLUMNS = (
    "walk_in",
    "workshop_id",
    "name",
    "email",
    "phone",
    "postcode",
    "date_of_birth",
    "person_id",
    "on_file",
    "on_file_email",
    "on_file_phone",
    "on_file_postcode",
    "on_file_date_of_birth",
    "reasons",
    "run",
)


def add_parser(commands: argparse._SubParsersAction) -> None:
    offline = commands.add_parser(
        "offline", help="take a workshop's register offline for the evening, and upload it"
    )
    actions = offline.add_subparsers(dest="offline_command", metavar="ACTION")
    take = actions.add_parser(
        "take", help="copy a workshop's register to this computer for a venue with no network"
    )
    take.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")
    listing = actions.add_parser("list", help="the registers taken offline on this computer")
    listing.add_argument("--format", choices=("table", "tsv"), default="table")
    upload = actions.add_parser(
        "upload", help="send the ticks, statuses and walk-ins made offline to the server"
    )
    upload.add_argument(
        "workshop_id", nargs="?", type=int, metavar="WORKSHOP_ID", help="only this workshop's"
    )
    upload.add_argument(
        "--same-person",
        action="append",
        default=[],
        metavar="WALK_IN=PERSON_ID",
        help="book this walk-in (an id from `offline walk-ins`) as the person on file",
    )
    upload.add_argument(
        "--match-walk-ins",
        choices=("list", "same", "new"),
        default="list",
        help="walk-ins who may be on file otherwise: added and listed for merging (list, the "
        "default), booked as the likeliest person on file (same), or added as new people (new)",
    )
    walk_ins = actions.add_parser(
        "walk-ins", help="the walk-ins waiting to upload who may already be on file"
    )
    walk_ins.add_argument(
        "workshop_id", nargs="?", type=int, metavar="WORKSHOP_ID", help="only this workshop's"
    )
    walk_ins.add_argument("--format", choices=("table", "tsv"), default="table")
    opening = actions.add_parser("open", help="open the window on a register taken offline")
    opening.add_argument(
        "workshop_id", nargs="?", type=int, metavar="WORKSHOP_ID", help="the soonest if none"
    )
    removing = actions.add_parser(
        "remove", help="move an uploaded register off the list, into the backups folder"
    )
    removing.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")


def needs_help(args: argparse.Namespace) -> bool:
    return args.command == "offline" and args.offline_command is None


def runs_without_server(args: argparse.Namespace) -> bool:
    """At the venue the server is out of reach: these read only the laptop's files."""
    return args.command == "offline" and args.offline_command in ("list", "open", "remove")


def chosen_copy(data_dir: Path, workshop_id: int | None) -> OfflineCopy:
    """The register file to open: the workshop's, or the soonest one on this laptop."""
    from sassot_desktop.attendance.offline import copies_in, folder_of

    copies = copies_in(folder_of(data_dir))
    if workshop_id is not None:
        copies = [copy for copy in copies if copy.workshop_id == workshop_id]
    if not copies:
        which = (
            "No register has"
            if workshop_id is None
            else f"Workshop {workshop_id}'s register has not"
        )
        raise UserError(
            f"{which} been taken offline on this computer; take it offline from the "
            "workshop's page while on the network."
        )
    return copies[0]


def run_without_server(folders: DataPaths, args: argparse.Namespace) -> int:
    from sassot_desktop.attendance.offline import copies_in, folder_of, remove_copy

    data_dir = folders.data_dir

    if args.offline_command == "list":
        tables.write(sys.stdout, LIST_COLUMNS, _rows(copies_in(folder_of(data_dir))), args.format)
        return 0
    if args.offline_command == "remove":
        copy = chosen_copy(data_dir, args.workshop_id)
        moved = remove_copy(copy.path, folders.backups)
        print(f"Moved the laptop's copy of the register of {copy.described} to {moved}.")
        return 0
    copy = chosen_copy(data_dir, args.workshop_id)
    from sassot_desktop.ui.app import run

    return run(str(data_dir), offline_register=copy.path)


def run(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.attendance.offline import copies_in, folder_of, take_offline
    from sassot_desktop.attendance.upload import upload, walk_ins_on_file

    folder = folder_of(workspace.paths.data_dir)
    if args.offline_command == "take":
        copy = take_offline(workspace.db, args.workshop_id, folder)
        print(
            f"Took the register of {copy.described} offline to {copy.path}; open it at the "
            "venue with `sassot-desktop offline open`, and upload it when back on the network."
        )
        return 0
    copies = [copy for copy in copies_in(folder) if copy.waiting or copy.uploaded_at is None]
    if args.workshop_id is not None:
        copies = [copy for copy in copies if copy.workshop_id == args.workshop_id]
        if not copies:
            raise UserError(
                f"Workshop {args.workshop_id}'s register is not offline on this computer, "
                "or has nothing left to upload."
            )
    if args.offline_command == "walk-ins":
        matches = [m for copy in copies for m in walk_ins_on_file(workspace.db, copy.path)]
        rows = _walk_in_rows(matches)
        tables.write(sys.stdout, WALK_IN_COLUMNS, rows, args.format)
        return 0
    if not copies:
        print("Nothing to upload: no register taken offline on this computer is waiting.")
        return 0
    matches = {copy.path: walk_ins_on_file(workspace.db, copy.path) for copy in copies}
    answers = _answers(
        [m for found in matches.values() for m in found], args.same_person, args.match_walk_ins
    )
    listed = False
    for copy in copies:
        report = upload(workspace.db, copy.path, answers)
        for line in report.lines():
            print(line)
        listed = listed or bool(report.possible_duplicates)
    if listed:
        print(
            "Walk-ins who may be on file were added as new people; merge them with Find "
            "duplicates. Next time, `sassot-desktop offline walk-ins` lists them before the "
            "upload, and `offline upload --same-person WALK_IN=PERSON_ID` books one as the "
            "person on file."
        )
    return 0


def _answers(matches: list[WalkInMatch], same_person: list[str], otherwise: str) -> dict:
    """The command line's answers for the walk-ins who may be on file, by their full ids."""
    from sassot_desktop.attendance.upload import SamePerson, SomeoneElse

    answers: dict[str, Answer] = {}
    for given in same_person:
        walk_in, _, person = given.partition("=")
        chosen = [m for m in matches if m.walk_in_id.startswith(walk_in.strip().lower())]
        if not walk_in.strip() or len(chosen) != 1 or not person.strip().isdigit():
            raise UserError(
                f"--same-person {given}: give a walk-in's id as `sassot-desktop offline "
                "walk-ins` lists it, then = and the id of the person on file, e.g. "
                "--same-person 3f9a1c2e=412."
            )
        answers[chosen[0].walk_in_id] = SamePerson(int(person))
    for match in matches:
        if match.walk_in_id in answers or otherwise == "list":
            continue
        if otherwise == "same":
            answers[match.walk_in_id] = SamePerson(match.on_file[0].first.id)
        else:
            answers[match.walk_in_id] = SomeoneElse(tuple(p.first.id for p in match.on_file))
    return answers


def _walk_in_rows(matches: list[WalkInMatch]) -> list[tuple]:
    rows = []
    for match in matches:
        walk_in, workshop_id = match.walk_in, match.workshop_id
        for pair in match.on_file:
            on_file = pair.first
            rows.append(
                (
                    match.short_id,
                    workshop_id,
                    walk_in.name,
                    walk_in.email,
                    walk_in.phone,
                    walk_in.postcode,
                    walk_in.date_of_birth,
                    on_file.id,
                    on_file.name,
                    on_file.email,
                    on_file.phone,
                    on_file.postcode,
                    on_file.date_of_birth,
                    ", ".join(pair.reasons),
                    f"sassot-desktop offline upload {workshop_id} "
                    f"--same-person {match.short_id}={on_file.id}",
                )
            )
    return rows


def _rows(copies: list[OfflineCopy]) -> list[tuple]:
    from sassot_desktop.clock import venue_moment_of

    return [
        (
            copy.workshop_id,
            copy.date.isoformat(),
            f"{copy.start_time:%H:%M}",
            copy.title,
            f"{venue_moment_of(copy.taken_at):%Y-%m-%d %H:%M}",
            copy.waiting,
            f"{venue_moment_of(copy.uploaded_at):%Y-%m-%d %H:%M}" if copy.uploaded_at else "",
            copy.state,
            str(copy.path),
        )
        for copy in copies
    ]
