"""``sassot-desktop bursaries …``: the rounds, their applications, the finance export and the
lapsing of overdue evidence, for the team's scripts.

The parser is built here and hooked into the main one by ``cli``; the argparse part imports
nothing heavy, so ``--help`` stays quick.
"""

from __future__ import annotations

import argparse
import sys

ROUND_COLUMNS = (
    "id",
    "name",
    "year",
    "opens",
    "closes",
    "budget",
    "committed",
    "paid",
    "remaining",
    "ring_fence_left",
)
APPLICATION_COLUMNS = ("id", "person", "qualification", "status", "asked", "awarded", "paid")


def add_parser(commands) -> argparse.ArgumentParser:
    bursaries = commands.add_parser("bursaries", help="the coach bursary scheme")
    actions = bursaries.add_subparsers(dest="bursaries_command", metavar="ACTION")
    listing = actions.add_parser("rounds", help="the bursary rounds and their money")
    _add_format(listing)
    applications = actions.add_parser(
        "list", help="applications, of one round or of every round; amounts in pounds"
    )
    applications.add_argument("round_id", nargs="?", type=int, metavar="ROUND_ID")
    _add_format(applications)
    report = actions.add_parser(
        "report", help="a round's payments due and made, as an Excel workbook for finance"
    )
    report.add_argument("round_id", type=int, metavar="ROUND_ID")
    report.add_argument("--out", required=True, metavar="FILE.xlsx", help="the file to write")
    actions.add_parser(
        "lapse-overdue",
        help="lapse applications whose evidence deadline has passed; their money returns",
    )
    return bursaries


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "tsv"), default="table")


def run(workspace, args: argparse.Namespace) -> int:
    return {
        "rounds": _rounds,
        "list": _list,
        "report": _report,
        "lapse-overdue": _lapse_overdue,
    }[args.bursaries_command](workspace, args)


def _rounds(workspace, args: argparse.Namespace) -> int:
    from sassot_desktop import tables
    from sassot_desktop.bursaries.money import plain_pounds
    from sassot_desktop.bursaries.rounds import list_rounds

    with workspace.db.read() as session:
        rows = list_rounds(session)
    tables.write(
        sys.stdout,
        ROUND_COLUMNS,
        [
            (
                row.id,
                row.name,
                row.year.label,
                row.opens_on.isoformat(),
                row.closes_on.isoformat(),
                plain_pounds(row.figures.budget),
                plain_pounds(row.figures.committed),
                plain_pounds(row.figures.paid),
                plain_pounds(row.figures.remaining),
                plain_pounds(row.figures.ring_fence_left),
            )
            for row in rows
        ],
        args.format,
    )
    return 0


def _list(workspace, args: argparse.Namespace) -> int:
    from sassot_desktop import tables
    from sassot_desktop.bursaries.applications import list_applications
    from sassot_desktop.bursaries.money import plain_pounds

    with workspace.db.read() as session:
        rows = list_applications(session, args.round_id)
    tables.write(
        sys.stdout,
        APPLICATION_COLUMNS,
        [
            (
                row.id,
                row.person,
                row.qualification,
                row.status.value,
                plain_pounds(row.asked),
                plain_pounds(row.awarded),
                plain_pounds(row.paid),
            )
            for row in rows
        ],
        args.format,
    )
    return 0


def _report(workspace, args: argparse.Namespace) -> int:
    from sassot_desktop.bursaries.finance import write_finance_report

    print(write_finance_report(workspace.db, args.round_id, args.out).message)
    return 0


def _lapse_overdue(workspace, _args: argparse.Namespace) -> int:
    from sassot_desktop.bursaries.money import pounds_text
    from sassot_desktop.bursaries.steps import lapse_overdue
    from sassot_desktop.formatting import short_date

    with workspace.db.write() as session:
        lapsed = lapse_overdue(session)
    for item in lapsed:
        print(
            f"Lapsed application {item.application_id} ({item.person}, {item.round_name}): "
            f"evidence was due by {short_date(item.evidence_due)}; "
            f"{pounds_text(item.returned)} returns to the round."
        )
    if not lapsed:
        print("No application is past its evidence deadline; nothing lapsed.")
    else:
        total = sum(item.returned for item in lapsed)
        print(f"Lapsed {len(lapsed)}; {pounds_text(total)} returned to the rounds.")
    return 0
