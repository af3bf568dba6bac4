"""The command line. No sub-command opens the window; sub-commands serve the team's scripts.

The names of commands, options and ``--format tsv`` columns are relied on by scripts: add to
them, never rename. Every failure is one line on stderr and a non-zero exit; tracebacks go to
the log file.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import logging
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from types import ModuleType
from typing import NoReturn

from sassot_desktop import APP_NAME, __version__
from sassot_desktop.errors import UserError

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    # Here rather than at the top: a plain start of the window needs none of them.
    from sassot_desktop.attendance import offline_command_line
    from sassot_desktop.documents import WALK_IN_ROWS
    from sassot_desktop.standards import command_line as standards_command_line

    parser = argparse.ArgumentParser(
        prog="sassot-desktop",
        description=f"{APP_NAME}: workshops, bookings and check-in. "
        "With no command, opens the window.",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="keep all data under DIR")
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="work on the team's PostgreSQL database postgresql://USER@HOST/DATABASE "
        "instead of the data folder's own file",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill the data folder with a realistic demo year")
    demo.add_argument("--people", type=int, default=400, metavar="N", help="people in total")
    demo.add_argument("--force", action="store_true", help="replace data already there")

    workshops = commands.add_parser("workshops", help="workshops")
    workshop_commands = workshops.add_subparsers(dest="workshops_command", metavar="ACTION")
    listing = workshop_commands.add_parser("list", help="list workshops, upcoming first")
    _add_format(listing)

    attendance = commands.add_parser("attendance", help="one workshop's bookings and attendance")
    attendance.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")
    _add_format(attendance)

    check_in = commands.add_parser("check-in", help="tick a person in at a workshop")
    check_in.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")
    check_in.add_argument("person_id", type=int, metavar="PERSON_ID")

    printing = commands.add_parser("print", help="a sign-in sheet or certificates, as a PDF")
    documents = printing.add_subparsers(dest="document", metavar="DOCUMENT")
    sheet = documents.add_parser("sign-in-sheet", help="the sheet people sign at the venue")
    sheet.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")
    _add_out(sheet)
    sheet.add_argument(
        "--walk-in-rows",
        type=int,
        default=WALK_IN_ROWS,
        metavar="N",
        help=f"blank numbered rows for walk-ins (default {WALK_IN_ROWS})",
    )
    certificates = documents.add_parser(
        "certificates", help="one certificate for everyone whose attendance earns one"
    )
    certificates.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")
    _add_out(certificates)

    importing = commands.add_parser("import", help="add records from a legacy spreadsheet")
    imports = importing.add_subparsers(dest="records", metavar="RECORDS")
    people = imports.add_parser(
        "people",
        help="people from a CSV or XLSX file; exit 0 all imported, 1 some rejected, "
        "2 the file could not be read",
    )
    people.add_argument("file", metavar="FILE", help="a .csv or .xlsx file")
    people.add_argument(
        "--rejects", metavar="REJECTS.csv", help="write the rejected rows here, with reasons"
    )
    people.add_argument(
        "--dry-run", action="store_true", help="check every row and report, but save nothing"
    )

    sync = commands.add_parser("sync", help="copy the exports to the team's shared drive")
    sync.add_argument(
        "--target",
        metavar="DIR",
        help="sync to DIR this time instead of the folder chosen in Settings",
    )

    export = commands.add_parser(
        "export", help="people, the workshops or one workshop's attendance, for Excel"
    )
    export.add_argument(
        "what", choices=("people", "workshops", "attendance"), help="what to export"
    )
    export.add_argument(
        "workshop_id",
        nargs="?",
        type=int,
        metavar="WORKSHOP_ID",
        help="the workshop whose attendance to export",
    )
    export.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="the file to write: FILE.xlsx for an Excel workbook, FILE.csv for CSV",
    )

    standards_command_line.add_parser(commands)
    offline_command_line.add_parser(commands)

    verify = commands.add_parser("verify", help="whose certificate a verification code is")
    verify.add_argument("code", metavar="CODE")

    volunteers = commands.add_parser("volunteers", help="volunteers and the hours they gave")
    volunteer_commands = volunteers.add_subparsers(dest="volunteers_command", metavar="ACTION")
    hours = volunteer_commands.add_parser(
        "hours", help="each volunteer's approved and waiting hours, and last milestone"
    )
    _add_format(hours)
    hours.add_argument(
        "--out",
        metavar="FILE",
        help="write them to FILE.xlsx (an Excel workbook) or FILE.csv instead",
    )
    from sassot_desktop.bursaries.command_line import add_parser as add_bursaries

    add_bursaries(commands)
    people_parser = commands.add_parser("people", help="find people, and people entered twice")
    people_commands = people_parser.add_subparsers(dest="people_command", metavar="ACTION")
    people_search = people_commands.add_parser(
        "search", help="people whose name, email, postcode or club begins with TEXT"
    )
    people_search.add_argument("text", metavar="TEXT")
    _add_format(people_search)
    duplicates = people_commands.add_parser(
        "duplicates", help="likely pairs of records of one person, best first"
    )
    _add_format(duplicates)

    commands.add_parser("backup", help="copy the database into the backups folder")
    restore = commands.add_parser(
        "restore", help="put a backup back in place of the database (the current one is kept)"
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.add_argument("--yes", action="store_true", help="restore without asking first")
    copy_to = commands.add_parser(
        "copy-to",
        help="copy every record into an empty PostgreSQL database, or from one into a new file",
    )
    copy_to.add_argument(
        "target",
        metavar="TARGET",
        help="postgresql://USER@HOST/DATABASE (an empty database), or FILE.db (a new file)",
    )
    _add_format(copy_to)
    return parser


def _window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain start of the window (``[--data-dir DIR]``), or None for
    anything else. The window's start skips building the parser of every sub-command, which
    grows with each one and costs the first paint about 10 ms."""
    argv = list(argv)
    if not argv:
        data_dir = None
    elif len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        data_dir = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--data-dir=") and argv[0] != "--data-dir=":
        data_dir = argv[0].removeprefix("--data-dir=")
    else:
        return None
    return argparse.Namespace(command=None, data_dir=data_dir, database_url=None)


@contextmanager
def _commands_loaded() -> Iterator[ModuleType]:
    """The sub-commands' module, loaded with Python's cycle collector held back, and what the
    program holds by then kept out of its collections until the command is done.

    Loading it (SQLAlchemy and the models) makes tens of thousands of objects that live as long
    as the program and leave no garbage, yet their number alone sets the collector off dozens
    of times, and each later collection would walk them all again: together a tenth of a
    second of a short command, such as an import run by a script.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        from sassot_desktop import commands
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    try:
        yield commands
    finally:
        gc.unfreeze()


def _needs_help(args: argparse.Namespace) -> bool:
    """A command given without the action it needs (``workshops`` without ``list``)."""
    from sassot_desktop.attendance import offline_command_line
    from sassot_desktop.standards import command_line as standards_command_line

    return (
        (args.command == "workshops" and args.workshops_command is None)
        or (args.command == "print" and args.document is None)
        or (args.command == "import" and args.records is None)
        or (args.command == "volunteers" and args.volunteers_command is None)
        or standards_command_line.needs_help(args)
        or offline_command_line.needs_help(args)
        or (args.command == "bursaries" and args.bursaries_command is None)
        or (args.command == "people" and args.people_command is None)
    )


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "tsv"), default="table")


def entry() -> NoReturn:
    """The program as started from the command line: ``main``, then exit with its code.

    A sub-command leaves without the interpreter taking itself apart object by object, which
    after an import of 10,000 people costs a third of a second and saves nothing: everything is
    committed and closed by then, the exit handlers (the log's among them) have run and the
    output is flushed. The window exits as usual, so that Qt tidies up after itself.
    """
    code = main()
    if _window_arguments(sys.argv[1:]) is None and threading.active_count() == 1:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            # A closed pipe: nothing more can reach it anyway.
            with suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = _window_arguments(sys.argv[1:] if argv is None else argv)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(argv)
    from sassot_desktop import logs, paths

    paths.use_private_files()
    if args.database_url:
        from sassot_desktop.db.location import use_database_url

        use_database_url(args.database_url)
    folders = paths.resolve(args.data_dir)
    try:
        logs.configure(folders.ensure().log_file)
    except OSError as error:
        message = (
            f"SASSOT Workforce cannot use its data folder {folders.data_dir} "
            f"({error.strerror}). Check that the folder can be written, or choose another "
            "with --data-dir."
        )
        print(message, file=sys.stderr)
        if args.command is None:  # started from a shortcut: the terminal may not be seen
            from sassot_desktop.ui.app import tell

            tell(message)
        return 1
    if args.command is not None and _needs_help(args):
        parser.parse_args([*(argv or sys.argv[1:]), "--help"])
    try:
        if args.command is None:
            from sassot_desktop.ui.app import run

            return run(args.data_dir)
        from sassot_desktop.attendance import offline_command_line

        if offline_command_line.runs_without_server(args):
            return offline_command_line.run_without_server(folders, args)
        with _commands_loaded() as commands:
            return commands.run(args)
    except UserError as error:
        print(f"{error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception as error:  # the log keeps the traceback; the terminal gets a sentence
        log.exception("Command %s failed", args.command)
        print(
            f"{APP_NAME} could not finish ({type(error).__name__}); "
            f"details are in {folders.log_file}.",
            file=sys.stderr,
        )
        return 1
