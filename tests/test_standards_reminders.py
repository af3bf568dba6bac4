"""Reminders and the command line: ``standards due`` and ``standards reminders`` as the team's
scripts run them, and the drafts and CSV read back as Outlook and Excel would."""

from __future__ import annotations

import csv
import email
import io
import stat
from datetime import date, timedelta
from email.policy import default

import pytest

from sassot_desktop.clock import venue_today
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.standards import records
from sassot_desktop.standards.kinds import Kind
from sassot_desktop.standards.records import RecordDetails
from sassot_desktop.standards.reminders import CSV_HEADINGS, write_reminders
from test_cli import Runner, assert_no_traceback, tsv

DUE_HEADER = ["person_id", "name", "email", "district", "status", "needs", "due"]


def long_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def coaches(workspace):
    """Zoë's DBS check expires in 30 days; Łukasz (no e-mail) has no first aid; Siân's
    safeguarding lapsed yesterday; Ayşe meets every standard."""
    today = venue_today()
    later = today + timedelta(days=800)
    people = {}
    with workspace.db.write() as session:
        for first, last, address, district in (
            ("Zoë", "Ó'Brien", "zoe.obrien@example.org", "Tamworth"),
            ("Łukasz", "Kowalski", None, "Stafford"),
            ("Siân", "Roberts", "sian@example.org", None),
            ("Ayşe", "Yılmaz", "ayse@example.org", "Lichfield"),
        ):
            details = PersonDetails(
                first,
                last,
                email=address,
                district=district,
                consent_method="paper form",
                date_of_birth=date(1980, 5, 1),
            )
            people[first] = person = create_person(session, details).id
            for kind in Kind:
                expiry = None if kind is Kind.QUALIFICATION else later
                if (first, kind) == ("Zoë", Kind.DBS):
                    expiry = today + timedelta(days=30)
                if (first, kind) == ("Siân", Kind.SAFEGUARDING):
                    expiry = today - timedelta(days=1)
                if (first, kind) == ("Łukasz", Kind.FIRST_AID):
                    continue
                record = RecordDetails(
                    kind,
                    today - timedelta(days=400),
                    expiry,
                    title="Level 2 Coach" if kind is Kind.QUALIFICATION else None,
                    certificate_number="001234567890" if kind is Kind.DBS else None,
                )
                records.add_record(session, person, record)
    return people


def test_one_draft_per_coach_with_an_address_and_a_csv_of_everyone_due(
    workspace, coaches, tmp_path
):
    today = venue_today()
    folder = tmp_path / "Reminders" / "November"
    report = write_reminders(workspace.db, folder, today)

    drafts = sorted(folder.glob("*.eml"))
    assert [path.name for path in drafts] == [
        f"Roberts Siân {coaches['Siân']}.eml",
        f"Ó Brien Zoë {coaches['Zoë']}.eml",
    ]
    assert report.drafts == 2 and report.without_email == ("Łukasz Kowalski",)
    assert "No e-mail address for Łukasz Kowalski" in report.message
    for path in [*drafts, report.csv_file]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    zoe = email.message_from_bytes(drafts[1].read_bytes(), policy=default)
    assert zoe["X-Unsent"] == "1"
    assert zoe["To"].addresses[0].display_name == "Zoë Ó'Brien"
    assert zoe["To"].addresses[0].addr_spec == "zoe.obrien@example.org"
    expiry = long_day(today + timedelta(days=30))
    assert zoe["Subject"] == f"Your coaching standards: DBS check expires on {expiry}"
    body = zoe.get_content()
    assert body.startswith("Dear Zoë,")
    assert f"Your DBS check expires on {expiry}." in body
    assert "1234567890" not in body  # the certificate number never leaves in a reminder

    sian = email.message_from_bytes(drafts[0].read_bytes(), policy=default).get_content()
    assert f"Your safeguarding training expired on {long_day(today - timedelta(days=1))}." in sian

    text = report.csv_file.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_HEADINGS
    assert [row["First name"] for row in rows] == ["Siân", "Zoë", "Łukasz"]  # soonest first
    lukasz = rows[2]
    assert (lukasz["Email"], lukasz["Status"], lukasz["Earliest date"]) == (
        "",
        "Missing something",
        "",
    )
    assert lukasz["What is needed"] == "No first aid certificate"
    assert lukasz["Reminder"] == "We have no record of your first aid certificate."
    assert rows[1]["Earliest date"] == f"{today + timedelta(days=30):%d/%m/%Y}"
    # Special-category and other private details are not part of a reminder.
    assert "1980" not in text and "Ayşe" not in text


def test_the_command_line_lists_who_is_due_and_writes_the_reminders(
    workspace, coaches, data_dir, tmp_path
):
    workspace.close()
    (tmp_path / "home").mkdir()
    run = Runner(home=tmp_path / "home", data_dir=data_dir)
    today = venue_today()

    due = run("standards", "due", "--format", "tsv")
    assert due.returncode == 0, due.stderr
    header, rows = tsv(due.stdout)
    assert header == DUE_HEADER
    assert [(row[1], row[4], row[6]) for row in rows] == [
        ("Siân Roberts", "lapsed", (today - timedelta(days=1)).isoformat()),
        ("Zoë Ó'Brien", "expiring", (today + timedelta(days=30)).isoformat()),
        ("Łukasz Kowalski", "missing", ""),
    ]
    assert rows[2][5] == "No first aid certificate"

    narrow = run("standards", "due", "--within", "10", "--format", "tsv")
    assert [row[1] for row in tsv(narrow.stdout)[1]] == ["Siân Roberts", "Łukasz Kowalski"]

    folder = tmp_path / "out"
    written = run("standards", "reminders", "--out", str(folder))
    assert written.returncode == 0, written.stderr
    assert "Wrote 2 e-mail drafts" in written.stdout
    assert len(list(folder.glob("*.eml"))) == 2 and len(list(folder.glob("*.csv"))) == 1

    wrong = run("standards", "due", "--within", "-3")
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == "--within takes a number of days from 0 to 3660."
    assert_no_traceback(wrong)
    bare = run("standards")
    assert "due" in bare.stdout and "reminders" in bare.stdout
