"""What each sub-command does: open the data folder, call the operations, print the result.

Each command imports the operations it alone needs, so that a short command (an import run by
a script) does not pay for loading every other one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sassot_desktop import files, tables
from sassot_desktop.clock import venue_date_of, venue_today
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import long_date
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
VOLUNTEER_HOURS_COLUMNS = ("person_id", "name", "approved_hours", "pending_hours", "last_milestone")
# Never special-category answers (ethnicity, disability): see people.listing.
PEOPLE_COLUMNS = ("id", "first_name", "last_name", "email", "postcode", "district", "club", "roles")
DUPLICATE_COLUMNS = ("score", "person_id", "name", "other_id", "other_name", "reasons")
COPY_COLUMNS = ("table", "rows")
COPY_PROGRESS_FROM = 50_000  # rows


def run(args: argparse.Namespace) -> int:
    if args.command == "restore":  # the database may be too damaged to open
        return _restore(args)
    workspace = open_workspace(args.data_dir)
    try:
        return _COMMANDS[args.command](workspace, args)
    finally:
        workspace.close()


def _demo(workspace: Workspace, args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from sassot_desktop import demo  # its name lists are for this command alone
    from sassot_desktop.db.models import Person
    from sassot_desktop.workshops.catalogue import list_workshops

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
    from sassot_desktop.workshops.catalogue import list_workshops

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
    from sassot_desktop.attendance import register

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
    from sassot_desktop.attendance import register

    # The walk-in dialog's "use selected person": their booking is ticked, or they walk in.
    with workspace.db.write() as session:
        result = register.add_walk_in(session, args.workshop_id, person_id=args.person_id)
    print(f"{result.message} (walk-in)" if result.walk_in else result.message)
    return 0


def _print(workspace: Workspace, args: argparse.Namespace) -> int:
    if args.document == "sign-in-sheet":
        return _print_sign_in_sheet(workspace, args)
    return _print_certificates(workspace, args)


def _print_sign_in_sheet(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.attendance.sign_in import sign_in_sheet
    from sassot_desktop.documents.sign_in_sheet import build_sign_in_sheet
    from sassot_desktop.exchange import outbox

    if args.walk_in_rows < 0:
        raise UserError("--walk-in-rows cannot be negative.")
    with workspace.db.read() as session:
        sheet = sign_in_sheet(session, args.workshop_id, venue_today(), args.walk_in_rows)
    pdf = build_sign_in_sheet(sheet)
    path = files.write_atomically(args.out, pdf)
    outbox.keep_printed(workspace.paths, outbox.SIGN_IN_SHEETS, path.name, pdf)
    print(
        f"Wrote the sign-in sheet for “{sheet.workshop.title}” to {path}: "
        f"{_count(len(sheet.people), 'person', 'people')} and "
        f"{_count(sheet.walk_in_rows, 'row', 'rows')} for walk-ins."
    )
    return 0


def _print_certificates(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.certificates import issuing
    from sassot_desktop.documents.certificates import build_certificates
    from sassot_desktop.exchange import outbox

    with workspace.db.write() as session:
        certificates = issuing.certificates_to_print(session, args.workshop_id)
    if not certificates:
        raise UserError(
            f"No one on workshop {args.workshop_id} has earned a certificate yet: only those "
            "marked attended or late earn one. Record the night's attendance first."
        )
    pdf = build_certificates([issued.text for issued in certificates])
    path = files.write_atomically(args.out, pdf)
    outbox.keep_printed(workspace.paths, outbox.CERTIFICATES, path.name, pdf)
    with workspace.db.write() as session:
        printing = issuing.record_printing(session, args.workshop_id, certificates)
    reprints = f" ({printing.reprints} of them reprints)" if printing.reprints else ""
    print(f"Wrote {_count(printing.total, 'certificate', 'certificates')} to {path}{reprints}.")
    return 0


def _import(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.exchange import columns
    from sassot_desktop.exchange.people_import import import_file, summary
    from sassot_desktop.exchange.reading import read_table
    from sassot_desktop.exchange.rejects import write_rejects
    from sassot_desktop.settings import Settings

    table = read_table(args.file)
    mapping = columns.mapping_for(table.headers, Settings(workspace.paths.data_dir))
    report = import_file(workspace.db, table, mapping, dry_run=args.dry_run, today=venue_today())
    print(f"Read {table.name} ({table.described}): {_count(len(table.rows), 'row', 'rows')}.")
    for line in summary(report, dry_run=args.dry_run):
        print(line)
    for rejection in report.rejections:
        print(f"Line {rejection.line}: {rejection.reason}.", file=sys.stderr)
    if report.rejections:
        if args.rejects:
            path = write_rejects(args.rejects, table.headers, report.rejections)
            print(f"The rejected rows are in {path}: correct them there and import that file.")
        else:
            print("Add --rejects FILE.csv to get the rejected rows in a file.", file=sys.stderr)
    return 0 if report.all_went_in else 1


def _export(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.exchange.exports import ATTENDANCE, write_export

    if args.workshop_id is not None and args.what != ATTENDANCE:
        raise UserError(
            f"A workshop id goes only with `export attendance`; `export {args.what}` takes none."
        )
    print(write_export(workspace.db, args.what, args.out, args.workshop_id).message)
    return 0


def _verify(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.certificates.verification import verify

    with workspace.db.read() as session:
        found = verify(session, args.code)
    print(
        f"{found.code} is a genuine certificate: {found.name}, “{found.course}”, "
        f"{long_date(found.course_date)}"
        + (f", {found.venue}" if found.venue else "")
        + f". Issued {long_date(venue_date_of(found.issued_at))}; {_printed(found.printings)}."
    )
    return 0


def _standards(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.standards import command_line

    return command_line.run(workspace, args)


def _sync(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.exchange import outbox
    from sassot_desktop.exchange.sync import chosen_target, sync
    from sassot_desktop.settings import Settings

    target = chosen_target(Settings(workspace.paths.data_dir), args.target)
    outbox.refresh(workspace.db, workspace.paths)
    report = sync(workspace.paths, target)
    for line in report.lines():
        print(line)
    if report.complete:
        print(report.summary())
        return 0
    print(report.summary(), file=sys.stderr)
    return 1


def _volunteers(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.volunteering.durations import hours_text
    from sassot_desktop.volunteering.hours import totals

    if args.out:
        from sassot_desktop.exchange.volunteering_exports import HOURS, write_volunteering_export

        print(write_volunteering_export(workspace.db, HOURS, args.out).message)
        return 0
    with workspace.db.read() as session:
        rows = totals(session)
    tables.write(
        sys.stdout,
        VOLUNTEER_HOURS_COLUMNS,
        [
            (
                row.person_id,
                row.name,
                hours_text(row.approved_minutes),
                hours_text(row.pending_minutes),
                row.last_milestone or "",
            )
            for row in rows
        ],
        args.format,
    )
    return 0


def _people(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.people import people_commands

    if args.people_command == "search":
        columns, rows = PEOPLE_COLUMNS, people_commands.search_rows(workspace.db, args.text)
    else:
        columns, rows = DUPLICATE_COLUMNS, people_commands.duplicate_rows(workspace.db)
    tables.write(sys.stdout, columns, rows, args.format)
    return 0


def _backup(workspace: Workspace, _args: argparse.Namespace) -> int:
    from sassot_desktop.db.retention import back_up_now

    print(back_up_now(workspace.paths))
    return 0


def _restore(args: argparse.Namespace) -> int:
    from sassot_desktop import instance, paths
    from sassot_desktop.db import location, restore

    folders = paths.resolve(args.data_dir).ensure()
    location.refuse_on_server(folders, "restored")
    backup = Path(args.file).expanduser().resolve()
    refusal = (
        f"SASSOT Workforce is open on the data folder {folders.data_dir}; close it, "
        "then run restore again."
    )
    with instance.held(folders.data_dir, refusal):
        revision = restore.check_backup(backup)
        if not args.yes:
            _confirm_restore(backup, folders.database)
        restored = restore.restore(folders, backup, revision=revision)
    kept = f" The database it replaced is kept as {restored.kept_as}." if restored.kept_as else ""
    upgraded = " It was brought up to this version's format." if restored.migrated else ""
    print(f"Restored {backup} to {folders.database}.{upgraded}{kept}")
    return 0


def _confirm_restore(backup: Path, database: Path) -> None:
    if not sys.stdin.isatty():
        raise UserError(
            f"Restoring replaces {database}, and there is no one at this terminal to confirm: "
            "run the command again with --yes."
        )
    answer = input(
        f"Replace {database} with the backup {backup.name}? "
        "The current database is kept in the backups folder. [y/N] "
    )
    if answer.strip().lower() not in ("y", "yes"):
        raise UserError("Nothing was restored.")


def _offline(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.attendance import offline_command_line

    return offline_command_line.run(workspace, args)


def _copy_to(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.db.copying import copy_to
    from sassot_desktop.progress import Progress

    copied = copy_to(workspace.db, args.target, Progress(_say_copying))
    tables.write(sys.stdout, COPY_COLUMNS, copied.counts, args.format)
    if args.format == "table":
        print(
            f"Copied {copied.rows:,} rows to {copied.target}; "
            "every table holds as many rows as the original."
        )
    return 0


def _say_copying(done: int, total: int, text: str) -> None:
    # A line per batch only for copies long enough to wonder about.
    if total >= COPY_PROGRESS_FROM:
        print(f"{text}: {done:,} of {total:,} rows", file=sys.stderr)


def _bursaries(workspace: Workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.bursaries import command_line

    return command_line.run(workspace, args)


def _printed(printings: int) -> str:
    if printings == 0:
        return "not printed yet"
    return "printed once" if printings == 1 else f"printed {printings} times"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


_COMMANDS = {
    "demo": _demo,
    "workshops": _workshops,
    "attendance": _attendance,
    "check-in": _check_in,
    "print": _print,
    "import": _import,
    "export": _export,
    "verify": _verify,
    "standards": _standards,
    "sync": _sync,
    "volunteers": _volunteers,
    "backup": _backup,
    "bursaries": _bursaries,
    "people": _people,
    "offline": _offline,
    "copy-to": _copy_to,
}
