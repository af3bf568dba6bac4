"""``sassot-desktop bursaries …`` as the team's scripts run it: the TSV columns, amounts in
pounds with two decimals, the finance workbook read back, and lapsing that says what it did."""

from __future__ import annotations

import stat
from datetime import date, timedelta

import pytest
from bursary_data import TODAY, add_coach, add_round, apply
from openpyxl import load_workbook

from sassot_desktop.bursaries import steps
from sassot_desktop.clock import venue_today
from sassot_desktop.workspace import open_workspace
from test_cli import Runner, assert_no_traceback, tsv

LIST_HEADER = ["id", "person", "qualification", "status", "asked", "awarded", "paid"]


@pytest.fixture(scope="module")
def scheme(tmp_path_factory, shared_database):
    """A folder with one round: one coach paid, one with evidence in, one approved whose
    evidence is overdue, one declined; and an empty second round."""
    base = tmp_path_factory.mktemp("bursaries")
    (base / "home").mkdir()
    run = Runner(home=base / "home", data_dir=base / "data")
    workspace = open_workspace(run.data_dir)
    try:
        round_id = add_round(workspace, cost_code="=CSP+4410")
        add_round(
            workspace,
            name="2026/27 round 2",
            opens_on=date(2026, 10, 1),
            closes_on=date(2026, 12, 18),
        )
        paid = apply(workspace, round_id, add_coach(workspace))
        due = apply(
            workspace,
            round_id,
            add_coach(workspace, "Łukasz", "Kowalski-Nowak"),
            governing_body="The FA",
            qualification="Level 1 in Coaching Football",
            level=None,
            asked_pence=15_050,
            match_funding_pence=0,
            course_cost_pence=15_050,
        )
        overdue = apply(workspace, round_id, add_coach(workspace, "Kwame", "Mensah"))
        declined = apply(workspace, round_id, add_coach(workspace, "Siân", "ap Rhys"))
        yesterday = venue_today() - timedelta(days=1)
        with workspace.db.write() as session:
            steps.approve(session, paid, 22_050, today=TODAY)
            steps.approve(session, due, 15_050, today=TODAY)
            steps.approve(session, overdue, 10_000, today=TODAY)
            # Approved long ago: its deadline is yesterday.
            session.flush()
            for application in (paid, due):
                steps.send_offer(session, application)
                steps.accept(session, application)
                steps.receive_evidence(session, application, date(2026, 7, 10))
            steps.pay(session, paid, "BACS 0048211", date(2026, 7, 20))
            steps.decline(session, declined, "Course outside the county")
        from sassot_desktop.db.models import BursaryApplication

        with workspace.db.write() as session:
            session.get(BursaryApplication, overdue).evidence_due = yesterday
    finally:
        workspace.close()
    return run, round_id, {"paid": paid, "due": due, "overdue": overdue, "declined": declined}


def test_bursaries_list_gives_the_named_columns_in_pounds(scheme):
    run, round_id, ids = scheme
    result = run("bursaries", "list", str(round_id), "--format", "tsv")
    assert result.returncode == 0, result.stderr
    header, rows = tsv(result.stdout)
    assert header == LIST_HEADER
    by_id = {int(row[0]): row for row in rows}
    assert by_id[ids["paid"]] == [
        str(ids["paid"]),
        "Zoë Ó'Brien",
        "England Netball Level 2 Certificate in Coaching Netball",
        "paid",
        "250.00",
        "220.50",
        "220.50",
    ]
    assert by_id[ids["due"]][1:] == [
        "Łukasz Kowalski-Nowak",
        "The FA Level 1 in Coaching Football",
        "evidence received",
        "150.50",
        "150.50",
        "",
    ]
    assert by_id[ids["declined"]][3:] == ["declined", "250.00", "", ""]
    everyone = run("bursaries", "list", "--format", "tsv")
    assert tsv(everyone.stdout)[1] == rows


def test_bursaries_rounds_gives_each_round_with_its_money(scheme):
    run, round_id, _ids = scheme
    result = run("bursaries", "rounds", "--format", "tsv")
    assert result.returncode == 0, result.stderr
    header, rows = tsv(result.stdout)
    assert header[:2] == ["id", "name"]
    first = dict(zip(header, next(row for row in rows if row[0] == str(round_id)), strict=True))
    assert first["year"] == "2026/27"
    assert (first["budget"], first["committed"], first["paid"]) == ("1000.00", "250.50", "220.50")
    assert first["remaining"] == "529.00"
    assert len(rows) == 2
    table = run("bursaries", "rounds")
    assert "2026/27 round 2" in table.stdout


def test_the_finance_report_reads_back_in_excel_with_payments_due_and_made(scheme, tmp_path):
    run, round_id, ids = scheme
    out = tmp_path / "finance.xlsx"
    result = run("bursaries", "report", str(round_id), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote 1 payment due and 1 made to {out}."
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    sheet = load_workbook(out).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Application",
        "Payee",
        "Qualification",
        "Amount",
        "Status",
        "Reference",
        "Cost code",
        "Date",
    ]
    due, made = rows[1], rows[2]
    assert due[:2] == [ids["due"], "Łukasz Kowalski-Nowak"]
    assert float(due[3]) == 150.50 and due[4] == "Due" and due[5] is None
    assert made[1] == "Zoë Ó'Brien" and made[4:6] == ["Paid", "BACS 0048211"]
    assert float(made[3]) == 220.50
    assert made[7].date() == date(2026, 7, 20)
    # A cost code that looks like a formula stays the text typed.
    assert made[6] == "=CSP+4410"
    assert sheet.cell(3, 7).data_type == "s"
    assert sheet.cell(3, 4).number_format == '"£"#,##0.00'


def test_lapse_overdue_says_what_it_did_and_only_once(scheme):
    run, _round_id, ids = scheme
    result = run("bursaries", "lapse-overdue")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Lapsed application {ids['overdue']} (Kwame Mensah, ")
    assert "£100.00 returns to the round" in lines[0]
    assert lines[-1] == "Lapsed 1; £100.00 returned to the rounds."
    again = run("bursaries", "lapse-overdue")
    assert again.stdout.strip() == "No application is past its evidence deadline; nothing lapsed."


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("bursaries", "list", "999"), "There is no bursary round with id 999."),
        (
            ("bursaries", "report", "999", "--out", "x.xlsx"),
            "There is no bursary round with id 999.",
        ),
        (("bursaries", "report", "1", "--out", "x.csv"), "give a file name ending in .xlsx"),
    ],
)
def test_bad_requests_get_one_line(scheme, tmp_path, args, says):
    run, _round_id, _ids = scheme
    args = tuple(str(tmp_path / a) if a.endswith((".xlsx", ".csv")) else a for a in args)
    result = run(*args)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
