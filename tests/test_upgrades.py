"""Installing a new version over an old one: a database at every earlier schema revision comes
through the start-up migration with every row as it was; a database from a newer program is
refused untouched; a migration killed half way leaves a database the program can open.

The revisions are walked from Alembic's script directory, so a revision added later is covered
by these tests as soon as it has a filler below (and the tests fail, saying so, until it has).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import MetaData, func, insert, select

from databases import sqlite_only
from sassot_desktop.db import migrate
from sassot_desktop.db.engine import Database, sqlite_url
from sassot_desktop.db.models import Base
from sassot_desktop.db.revision import HEAD_REVISION
from sassot_desktop.errors import UserError
from sassot_desktop.paths import resolve
from sassot_desktop.ui import app
from sassot_desktop.workspace import open_workspace
from screens import click_button
from test_cli import Runner, assert_no_traceback

pytestmark = sqlite_only(
    "databases left at earlier revisions are SQLite files; a server starts at the newest schema"
)

HELPERS = Path(__file__).parent / "helpers"

Rows = dict[str, list[dict]]  # table name -> rows, as column name -> value

# Awkward text, as the officer's records hold it: accents, Polish and Cyrillic letters,
# apostrophes, emoji (one a joined sequence), newlines, and a note far longer than a line.
LONG_NOTE = (
    "Parking at the back of the sports hall; the side door opens at 18:00.\n"
    "Bring the first-aid kit 🩹 and the sign-in sheets (two copies). "
    "Łukasz covers the tea urn, Zoë the registers, Кузнецова the projector. "
)
LONG_NOTE = (LONG_NOTE * 3)[:300]
assert len(LONG_NOTE) == 300


def rows_at_0001() -> Rows:
    created = datetime(2025, 9, 1, 9, 15, 0, 123456)
    return {
        "person": [
            person(
                1,
                "Zoë",
                "Ó'Brien",
                "obrien zoe",
                "zoe.obrien@example.org",
                "ST16 2DN",
                "Stafford",
                "Stafford Harriers 🏃‍♀️",
                date(1985, 4, 3),
                created,
            ),
            person(
                2,
                "Łukasz",
                "Kowalski-Nowak",
                "kowalski-nowak lukasz",
                "LUKASZ@example.com",
                "WS11 1DB",
                "Cannock Chase",
                "Cannock Chase Tigers",
                date(2001, 12, 31),
                created,
            ),
            person(
                3, "Анна", "Кузнецова", "kuznetsova anna", None, None, None, None, None, created
            ),
            person(
                4,
                "Siân",
                "ap Gwilym",
                "ap gwilym sian",
                "sian@example.net",
                "SK17 6AE",
                None,
                "Buxton & District Netball",
                date(1958, 2, 28),
                created,
            ),
        ],
        "person_token": [
            {"token": token, "person_id": person_id}
            for person_id, tokens in {
                1: ("zoe", "obrien", "stafford"),
                2: ("lukasz", "kowalski", "nowak"),
                3: ("anna", "kuznetsova"),
                4: ("sian", "ap", "gwilym"),
            }.items()
            for token in tokens
        ],
        "workshop": [
            {
                "id": 1,
                "title": "Safeguarding and Protecting Children",
                "provider": "UK Coaching",
                "date": date(2026, 3, 12),
                "start_time": time(18, 30),
                "end_time": time(21, 30),
                "venue_name": "Rawlett School Sports Hall",
                "venue_address": "Comberford Road, Tamworth",
                "venue_postcode": "B79 9AA",
                "district": "Tamworth",
                "tutor": "Siân Roberts",
                "capacity": 25,
                "fee_pence": 1500,
                "notes": LONG_NOTE,
                "cancelled_at": None,
                "register_closed_at": datetime(2026, 3, 12, 21, 41, 7, 500000),
                "created_at": created,
                "updated_at": datetime(2026, 3, 12, 21, 41, 7, 500000),
            },
            {
                "id": 2,
                "title": "Emergency First Aid",
                "provider": "St John Ambulance",
                "date": date(2026, 4, 2),
                "start_time": time(9, 0),
                "end_time": time(16, 0),
                "venue_name": "Leek Leisure Centre",
                "venue_address": None,
                "venue_postcode": None,
                "district": None,
                "tutor": None,
                "capacity": 12,
                "fee_pence": 0,
                "notes": None,
                "cancelled_at": datetime(2026, 3, 20, 11, 2, 0),
                "register_closed_at": None,
                "created_at": created,
                "updated_at": datetime(2026, 3, 20, 11, 2, 0),
            },
        ],
        "booking": [
            booking(1, 1, 1, "attended", arrived=(datetime(2026, 3, 12, 18, 24, 3), time(18, 24))),
            booking(
                2,
                1,
                2,
                "late",
                arrived=(datetime(2026, 3, 12, 18, 52), time(18, 52)),
                walk_in=True,
                override=True,
            ),
            booking(
                3,
                1,
                3,
                "left early",
                arrived=(datetime(2026, 3, 12, 18, 29), time(18, 29)),
                override=False,
            ),
            booking(4, 1, 4, "no-show"),
            booking(5, 2, 1, "cancelled"),
            booking(6, 2, 3, "waiting"),
            booking(7, 2, 4, "booked"),
        ],
        "audit_entry": [
            {
                "id": 1,
                "at": datetime(2026, 3, 12, 18, 24, 3, 999999),
                "actor": "Łukasz",
                "action": "check-in",
                "subject": "booking",
                "subject_id": 1,
                "detail": LONG_NOTE,
            },
            {
                "id": 2,
                "at": datetime(2026, 3, 20, 11, 2, 0),
                "actor": "workforce officer",
                "action": "demo",
                "subject": "data folder",
                "subject_id": None,
                "detail": None,
            },
        ],
    }


def rows_at_0002() -> Rows:
    return {
        "certificate": [
            {
                "id": 1,
                "booking_id": 1,
                "code": "7KQ2M9XH4TPA",
                "name": "Zoë Ó'Brien",
                "course": "Safeguarding and Protecting Children",
                "course_date": date(2026, 3, 12),
                "venue": "Rawlett School Sports Hall",
                "issued_at": datetime(2026, 3, 13, 9, 30, 0, 1),
                "issued_by": "Кузнецова 📋",
            },
            {
                "id": 2,
                "booking_id": 2,
                "code": "M3R8TW2ZC6QN",
                "name": "Łukasz Kowalski-Nowak",
                "course": "Safeguarding and Protecting Children",
                "course_date": date(2026, 3, 12),
                "venue": "Rawlett School Sports Hall",
                "issued_at": datetime(2026, 3, 13, 9, 30, 0, 2),
                "issued_by": "workforce officer",
            },
        ],
        "certificate_printing": [
            printing(1, 1, datetime(2026, 3, 13, 9, 31), reprint=False),
            printing(2, 1, datetime(2026, 5, 1, 14, 0), reprint=True),
            printing(3, 2, datetime(2026, 3, 13, 9, 31), reprint=False),
        ],
    }


def rows_at_0006() -> Rows:
    logged = datetime(2026, 6, 2, 10, 0, 0, 6)
    return {
        "placement": [
            {
                "id": 1,
                "person_id": 1,
                "organisation": "Stafford Harriers 🏃‍♀️",
                "role": "Junior section helper",
                "started_on": date(2026, 4, 18),
                "ended_on": None,
                "created_at": logged,
            },
            {
                "id": 2,
                "person_id": 2,
                "organisation": "Cannock Chase Tigers",
                "role": "Club treasurer — Łukasz's second year",
                "started_on": date(2025, 9, 1),
                "ended_on": date(2026, 8, 31),
                "created_at": logged,
            },
        ],
        "volunteer_hours": [
            {
                "id": 1,
                "person_id": 1,
                "placement_id": 1,
                "worked_on": date(2026, 5, 30),
                "minutes": 2985,  # 49¾ hours: one quarter short of the first milestone
                "activity": "Parkrun marshal and the junior section's summer gala",
                "status": "approved",
                "recorded_at": logged,
                "recorded_by": "Кузнецова 📋",
                "decided_at": datetime(2026, 6, 3, 9, 0),
                "decided_by": "workforce officer",
            },
            {
                "id": 2,
                "person_id": 2,
                "placement_id": None,
                "worked_on": date(2026, 6, 1),
                "minutes": 15,
                "activity": LONG_NOTE[:200],
                "status": "pending",
                "recorded_at": logged,
                "recorded_by": "workforce officer",
                "decided_at": None,
                "decided_by": None,
            },
        ],
        "hours_milestone": [
            {
                "id": 1,
                "person_id": 2,
                "hours": 50,
                "reached_at": datetime(2026, 2, 1, 12, 0),
                "acknowledged_at": datetime(2026, 2, 2, 9, 15),
                "acknowledged_by": "Кузнецова 📋",
            },
            {
                "id": 2,
                "person_id": 2,
                "hours": 100,
                "reached_at": datetime(2026, 6, 3, 9, 0),
                "acknowledged_at": None,
                "acknowledged_by": None,
            },
        ],
        "step_into_sport_attendance": [
            {"id": 1, "person_id": 1, "conference_on": date(2026, 3, 14), "placement_id": 1},
            {"id": 2, "person_id": 2, "conference_on": date(2026, 3, 14), "placement_id": None},
        ],
        "award_round": [
            {
                "id": 1,
                "name": "Staffordshire Sport Awards 2026",
                "year": 2026,
                "ceremony_on": date(2026, 11, 27),
                "created_at": logged,
            },
            {
                "id": 2,
                "name": "Staffordshire Sport Awards 2027",
                "year": 2027,
                "ceremony_on": None,
                "created_at": logged,
            },
        ],
        "award_category": [
            {"id": 1, "round_id": 1, "name": "Volunteer of the Year"},
            {"id": 2, "round_id": 1, "name": "Young Volunteer of the Year"},
        ],
        "award_nomination": [
            {
                "id": 1,
                "category_id": 1,
                "person_id": 1,
                "nominated_by": "Siân Llŵyd-Jones, club secretary",
                "reason": "Runs the juniors every Saturday 🏅\n" + LONG_NOTE,
                "stage": "winner",
                "created_at": logged,
            },
            {
                "id": 2,
                "category_id": 2,
                "person_id": 2,
                "nominated_by": "Cannock Chase Tigers",
                "reason": "Kept the club's books straight through a difficult year.",
                "stage": "shortlisted",
                "created_at": logged,
            },
        ],
    }


def rows_at_0008() -> Rows:
    taken = datetime(2026, 7, 15, 13, 5, 0, 7)
    return {
        "offline_register": [
            {
                "id": 1,
                "workshop_id": 1,
                "taken_by": "Siân ap Rhys",
                "computer": "LAPTOP-Łódź 💻",
                "taken_at": taken,
                "uploaded_at": datetime(2026, 7, 16, 8, 45, 12, 500000),
            },
            {
                "id": 2,
                "workshop_id": 1,
                "taken_by": "workforce officer",
                "computer": "HALL-PC",
                "taken_at": taken,
                "uploaded_at": None,
            },
        ],
        "uploaded_tick": [
            {
                "id": "0f8e5c1a-7d2b-4c3e-9a10-5b6c7d8e9f01",
                "register_id": 1,
                "booking_id": 1,
                "made_at": datetime(2026, 7, 15, 17, 32, 4, 250000),
                "uploaded_at": datetime(2026, 7, 16, 8, 45, 12, 500000),
            },
            {
                "id": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
                "register_id": 1,
                "booking_id": None,  # a walk-in added and undone at the venue
                "made_at": datetime(2026, 7, 15, 17, 40),
                "uploaded_at": datetime(2026, 7, 16, 8, 45, 12, 500000),
            },
        ],
    }


def rows_at_0003() -> Rows:
    made = datetime(2026, 4, 2, 10, 15, 0, 500)
    return {
        "bursary_round": [
            {
                "id": 1,
                "name": "2026/27 round 1 — Łukasz's pilot 🏐",
                "financial_year": 2026,
                "opens_on": date(2026, 4, 1),
                "closes_on": date(2026, 6, 30),
                "budget_pence": 1_000_000,
                "most_per_award_pence": 25_000,
                "ring_fence_pence": 300_000,
                "ring_fence_until": date(2026, 9, 30),
                "cost_code": "CSP-WF-4410",
                "created_at": made,
                "updated_at": made,
            },
            {
                "id": 2,
                "name": "2026/27 round 2",
                "financial_year": 2026,
                "opens_on": date(2026, 10, 1),
                "closes_on": date(2026, 12, 18),
                "budget_pence": 250_050,
                "most_per_award_pence": 30_000,
                "ring_fence_pence": 0,
                "ring_fence_until": None,
                "cost_code": None,
                "created_at": made,
                "updated_at": made,
            },
        ],
        "bursary_application": [
            {
                "id": 1,
                "round_id": 1,
                "person_id": 1,
                "ring_fence_group": "women and girls",
                "governing_body": "England Netball",
                "qualification": "UKCC Level 2 Certificate in Coaching Netball",
                "level": "Level 2",
                "course_provider": "England Netball West Midlands",
                "course_starts": date(2026, 5, 9),
                "course_ends": date(2026, 7, 4),
                "course_cost_pence": 42_500,
                "asked_pence": 25_000,
                "match_funding_pence": 10_000,
                "reason": LONG_NOTE,
                "submitted_on": date(2026, 4, 20),
                "status": "paid",
                "awarded_pence": 22_050,
                "evidence_due": date(2026, 8, 29),
                "evidence_received_on": date(2026, 8, 1),
                "paid_on": date(2026, 8, 14),
                "payment_reference": "BACS 0048211",
                "created_at": made,
                "updated_at": datetime(2026, 8, 14, 11, 0),
            },
            {
                "id": 2,
                "round_id": 1,
                "person_id": 2,
                "ring_fence_group": None,
                "governing_body": "The FA",
                "qualification": "Level 1 in Coaching Football",
                "level": None,
                "course_provider": None,
                "course_starts": date(2026, 6, 1),
                "course_ends": date(2026, 6, 1),
                "course_cost_pence": 15_000,
                "asked_pence": 15_000,
                "match_funding_pence": 0,
                "reason": None,
                "submitted_on": date(2026, 5, 2),
                "status": "submitted",
                "awarded_pence": None,
                "evidence_due": None,
                "evidence_received_on": None,
                "paid_on": None,
                "payment_reference": None,
                "created_at": made,
                "updated_at": made,
            },
        ],
        "bursary_status_change": [
            status_change(1, "submitted", "approved", None, None),
            status_change(2, "approved", "declined", "Clicked the wrong button", None),
            status_change(3, "declined", "approved", "Clicked the wrong button", 2),
            status_change(4, "approved", "offer sent", None, None),
            status_change(5, "offer sent", "accepted", None, None),
            status_change(6, "accepted", "evidence received", None, None),
            status_change(7, "evidence received", "paid", None, None),
        ],
    }


def rows_at_0004() -> Rows:
    created = datetime(2026, 6, 1, 10, 0, 0, 654321)
    answered = person(
        5,
        "Priya",
        "Ramanathan",
        "ramanathan priya",
        "priya@example.org",
        "ST4 2DE",
        "Stoke-on-Trent",
        "Stoke Speedskaters",
        date(2009, 7, 14),
        created,
    ) | {
        "gender": "Female",
        "ethnicity": "Asian or Asian British: Indian",
        "disability": "Prefer not to say",
    }
    unanswered = person(
        6, "Owain", "Llŵyd", "llwyd owain", None, None, None, None, None, created
    ) | {"gender": None, "ethnicity": None, "disability": None}
    return {
        "person": [answered, unanswered],
        "person_role": [
            {"person_id": 5, "role": "young leader"},
            {"person_id": 5, "role": "volunteer"},
            {"person_id": 1, "role": "coach"},
            {"person_id": 4, "role": "tutor"},
        ],
        "not_duplicate": [
            {
                "person_id": 1,
                "other_id": 6,
                "decided_at": datetime(2026, 6, 2, 8, 59, 59, 999999),
                "decided_by": "Zoë",
            }
        ],
        "person_merge": [
            {
                "id": 1,
                "kept_id": 1,
                "removed_id": 77,
                "removed_name": "Zoe O'Brien",
                "undo": '{"kept_before": {}, "removed": {}, "moved": [], "deleted": []}',
                "merged_at": datetime(2026, 6, 2, 9, 0, 0, 1),
                "merged_by": "Кузнецова",
                "undone_at": datetime(2026, 6, 2, 9, 5),
            },
            {
                "id": 2,
                "kept_id": 2,
                "removed_id": 78,
                "removed_name": "Łukasz Kowalski",
                "undo": (
                    '{"kept_before": {}, "removed": {}, '
                    '"moved": [["booking", {"id": 2}, "person_id"]], "deleted": []}'
                ),
                "merged_at": datetime(2026, 6, 3, 9, 0),
                "merged_by": "workforce officer",
                "undone_at": None,
            },
        ],
    }


# The rows a database holds at each revision, oldest first: one filler per revision, with rows
# of the tables it adds, and new rows (with the new column set) of a table it adds a column
# to. Every column must end up with a value somewhere and, where it may be empty, a NULL
# somewhere (``build_database_at`` checks). A revision that reshapes rows already there must
# also change what the earlier fillers expect to read back.
def rows_at_0005() -> Rows:
    created = datetime(2026, 5, 1, 9, 0, 0, 250000)
    return {
        "workshop": [
            {
                "id": 3,
                "title": "Emergency First Aid",
                "provider": "St John Ambulance",
                "date": date(2026, 6, 6),
                "start_time": time(9, 30),
                "end_time": time(16, 0),
                "venue_name": "Fenton Manor Sports Complex",
                "venue_address": "City Road, Fenton",
                "venue_postcode": "ST4 2RR",
                "district": "Stoke-on-Trent",
                "tutor": "Łukasz Kowalski-Nowak",
                "capacity": 16,
                "fee_pence": 2500,
                "notes": None,
                "grants": "first aid",
                "cancelled_at": None,
                "register_closed_at": None,
                "created_at": created,
                "updated_at": created,
            }
        ],
        "standard_record": [
            {
                "id": 1,
                "person_id": 1,
                "kind": "safeguarding",
                "taken_on": date(2026, 3, 12),
                "expires_on": date(2029, 3, 12),
                "governing_body": "UK Coaching",
                "title": "Safeguarding and Protecting Children",
                "level": None,
                "dbs_level": None,
                "certificate_number": None,
                "booking_id": 1,
                "created_at": datetime(2026, 3, 12, 18, 24, 3, 999999),
                "updated_at": datetime(2026, 3, 12, 18, 24, 3, 999999),
            },
            {
                "id": 2,
                "person_id": 1,
                "kind": "dbs",
                "taken_on": date(2024, 2, 29),
                "expires_on": date(2027, 2, 28),
                "governing_body": None,
                "title": None,
                "level": None,
                "dbs_level": "Enhanced with barred list",
                "certificate_number": "001234567890",
                "booking_id": None,
                "created_at": created,
                "updated_at": created,
            },
            {
                "id": 3,
                "person_id": 2,
                "kind": "qualification",
                "taken_on": date(2019, 7, 20),
                "expires_on": None,
                "governing_body": "England Netball",
                "title": "Level 2 Certificate in Coaching Netball — Łódź exchange 🏐",
                "level": "Level 2",
                "dbs_level": None,
                "certificate_number": None,
                "booking_id": None,
                "created_at": created,
                "updated_at": datetime(2026, 5, 2, 10, 15),
            },
        ],
        "standard_validity": [
            {"kind": "first aid", "months": 24, "updated_at": created},
            {"kind": "qualification", "months": None, "updated_at": created},
        ],
    }


def rows_at_0007() -> Rows:
    """A person, a workshop and an application saved a few times since, the last time by a
    colleague; the records kept before this revision are at their first version."""
    changed = datetime(2026, 12, 1, 14, 5, 0, 7)
    person_row = rows_at_0004()["person"][0] | {
        "id": 7,
        "first_name": "Sam",
        "last_name": "Jones",
        "sort_name": "jones sam",
        "updated_at": changed,
        "version": 4,
        "changed_by": "Siân ap Rhys 🏐",
    }
    workshop_row = rows_at_0005()["workshop"][0] | {
        "id": 4,
        "updated_at": changed,
        "version": 2,
        "changed_by": "Кузнецова",
    }
    application_row = rows_at_0003()["bursary_application"][0] | {
        "id": 3,
        "person_id": 7,
        "status": "submitted",
        "awarded_pence": None,
        "updated_at": changed,
        "version": 3,
        "changed_by": "workforce officer",
    }
    return {
        "person": [person_row],
        "workshop": [workshop_row],
        "bursary_application": [application_row],
    }


def rows_at_0009() -> Rows:
    """A register whose laptop has given its copy back, and one still held after an upload."""
    taken = datetime(2026, 9, 2, 17, 40, 0, 7)
    uploaded = datetime(2026, 9, 3, 8, 15, 0, 250000)
    return {
        "offline_register": [
            {
                "id": 3,
                "workshop_id": 1,
                "taken_by": "Zoë Ó'Brien",
                "computer": "LAPTOP-7",
                "taken_at": taken,
                "uploaded_at": uploaded,
                "removed_at": datetime(2026, 9, 3, 8, 16, 30, 125000),
            },
            {
                "id": 4,
                "workshop_id": 1,
                "taken_by": "workforce officer",
                "computer": "HALL-PC",
                "taken_at": taken,
                "uploaded_at": uploaded,
                "removed_at": None,
            },
        ]
    }


def rows_at_0010() -> Rows:
    """No new table or column: more search words, into the table this revision rebuilds."""
    return {
        "person_token": [
            {"token": "zoeobrien", "person_id": 1},
            {"token": "st162dn", "person_id": 1},
            {"token": "kuznetsova", "person_id": 2},
        ]
    }


FILLERS: dict[str, Callable[[], Rows]] = {
    "0001": rows_at_0001,
    "0002": rows_at_0002,
    "0003": rows_at_0003,
    "0004": rows_at_0004,
    "0005": rows_at_0005,
    "0006": rows_at_0006,
    "0007": rows_at_0007,
    "0008": rows_at_0008,
    "0009": rows_at_0009,
    "0010": rows_at_0010,
}


def person(number, first, last, sort, email, postcode, district, club, born, created) -> dict:
    with_details = email is not None
    return {
        "id": number,
        "first_name": first,
        "last_name": last,
        "sort_name": sort,
        "email": email,
        "phone": "+44 7700 900123" if with_details else None,
        "postcode": postcode,
        "district": district,
        "club": club,
        "sport": "Athletics" if with_details else None,
        "date_of_birth": born,
        "consent_at": datetime(2025, 9, 1, 19, 4, 31, 250000) if with_details else None,
        "consent_method": "Paper form signed at the venue" if with_details else None,
        "created_at": created,
        "updated_at": created,
    }


def booking(
    number, workshop, person_id, status, arrived=(None, None), walk_in=False, override=None
):
    return {
        "id": number,
        "workshop_id": workshop,
        "person_id": person_id,
        "status": status,
        "booked_at": datetime(2026, 2, 1, 10, number),
        "walk_in": walk_in,
        "arrived_at": arrived[0],
        "arrived_local": arrived[1],
        "certificate_override": override,
        "updated_at": datetime(2026, 3, 12, 22, 0),
    }


def printing(number, certificate, printed_at, reprint) -> dict:
    return {
        "id": number,
        "certificate_id": certificate,
        "printed_at": printed_at,
        "printed_by": "Zoë",
        "reprint": reprint,
    }


def status_change(number, before, after, reason, reverses) -> dict:
    return {
        "id": number,
        "application_id": 1,
        "from_status": before,
        "to_status": after,
        "at": datetime(2026, 4, 21 + number, 9, 0, 0, number),
        "actor": "Siân ap Rhys",
        "reason": reason,
        "reverses_id": reverses,
    }


# --- walking the revisions -------------------------------------------------------------------


def revisions_in(config) -> list[str]:
    """Every revision in the script directory ``config`` names, oldest first."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(config)
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


def filler_for(revision: str) -> Callable[[], Rows]:
    if revision not in FILLERS:
        pytest.fail(
            f"Schema revision {revision} has no filler in tests/test_upgrades.py: add one to "
            "FILLERS that puts realistic rows into every table and column the revision adds, "
            "so that upgrading a database from it is tested.",
            pytrace=False,
        )
    return FILLERS[revision]


REVISIONS = revisions_in(migrate._alembic_config())
EARLIER_REVISIONS = REVISIONS[:-1]


def build_database_at(revision: str, database: Path) -> Rows:
    """A database at ``revision`` as the program of that day left it, every table filled;
    returns the rows put in."""
    from alembic import command

    expected: Rows = {}
    db = Database(sqlite_url(database))
    try:
        for step in REVISIONS[: REVISIONS.index(revision) + 1]:
            config = migrate._alembic_config()
            with db.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, step)
                tables = MetaData()
                tables.reflect(connection)
                for table, rows in filler_for(step)().items():
                    connection.execute(insert(tables.tables[table]), rows)
                    expected.setdefault(table, []).extend(rows)
    finally:
        db.close()
    unfilled = columns_never_filled(database)
    assert not unfilled, f"The fillers up to {revision} leave these columns unfilled: {unfilled}"
    return expected


def columns_never_filled(database: Path) -> list[str]:
    """Each column no row gives a value, or that may be NULL and is NULL in no row."""
    found = []
    with closing(sqlite3.connect(database)) as connection:
        for table in row_counts(database):
            for _, column, _, not_null, _, _ in connection.execute(f'PRAGMA table_info("{table}")'):
                wanted = {"IS NOT NULL": "never set"} | (
                    {} if not_null else {"IS NULL": "never NULL"}
                )
                for case, complaint in wanted.items():
                    sql = f'SELECT 1 FROM "{table}" WHERE "{column}" {case} LIMIT 1'
                    if connection.execute(sql).fetchone() is None:
                        found.append(f"{table}.{column} {complaint}")
    return found


def row_counts(database: Path) -> dict[str, int]:
    with closing(sqlite3.connect(database)) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
            )
        ]
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }


def assert_read_back_through_the_models(db: Database, expected: Rows) -> None:
    """Every row is there, loaded by the program's own models, with the values put in."""
    models = {mapper.local_table.name: mapper for mapper in Base.registry.mappers}
    with db.read() as session:
        for table, rows in expected.items():
            mapper = models[table]
            model = mapper.class_
            assert session.scalar(select(func.count()).select_from(model)) == len(rows), table
            for row in rows:
                key = tuple(row[column.name] for column in mapper.primary_key)
                record = session.get(model, key)
                assert record is not None, f"{table} {key} is missing"
                read_back = {column: getattr(record, column) for column in row}
                assert read_back == row, f"{table} {key}"


# --- every earlier revision, filled, migrated at start-up ------------------------------------


def test_every_revision_has_a_filler():
    for revision in REVISIONS:
        filler_for(revision)


@pytest.mark.parametrize("revision", EARLIER_REVISIONS)
def test_a_filled_database_from_an_earlier_revision_keeps_every_row(data_dir, revision):
    database = resolve(data_dir).ensure().database
    expected = build_database_at(revision, database)

    workspace = open_workspace(data_dir)
    try:
        assert migrate.current_revision(workspace.db) == HEAD_REVISION
        assert_read_back_through_the_models(workspace.db, expected)
    finally:
        workspace.close()
    copies = list((data_dir / "backups").glob(f"sassot-*-before-upgrade-from-{revision}.db"))
    assert len(copies) == 1
    assert migrate.revision_of_file(copies[0]) == revision


LATER = "9001"


def scripts_with_a_later_revision(folder: Path, upgrade_body: str):
    """An Alembic config over a copy of the shipped migrations plus one later revision whose
    ``upgrade()`` runs ``upgrade_body`` (with ``op`` and ``sa`` imported)."""
    from alembic.config import Config

    shipped = Path(migrate._alembic_config().get_main_option("script_location"))
    scripts = folder / "migrations"
    (scripts / "versions").mkdir(parents=True)
    for name in ("env.py", "script.py.mako"):
        (scripts / name).write_bytes((shipped / name).read_bytes())
    for script in (shipped / "versions").glob("0*.py"):
        (scripts / "versions" / script.name).write_bytes(script.read_bytes())
    (scripts / "versions" / f"{LATER}_a_later_revision.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f'revision = "{LATER}"\ndown_revision = "{REVISIONS[-1]}"\n'
        "branch_labels = None\ndepends_on = None\n\n\n"
        f"def upgrade() -> None:\n    {upgrade_body}\n",
        encoding="utf-8",
    )
    config = Config()
    config.set_main_option("script_location", str(scripts))
    return config


@pytest.fixture
def program_with_a_later_revision(monkeypatch, tmp_path):
    """Makes the program's start-up migrate to a later revision running the given body."""

    def install(upgrade_body: str) -> None:
        config = scripts_with_a_later_revision(tmp_path, upgrade_body)
        monkeypatch.setattr(migrate, "_alembic_config", lambda: config)
        monkeypatch.setattr(migrate, "HEAD_REVISION", LATER)

    return install


def test_a_new_revision_without_a_filler_fails_these_tests_saying_so(tmp_path):
    config = scripts_with_a_later_revision(tmp_path, "pass")

    revisions = revisions_in(config)
    assert revisions == [*REVISIONS, LATER]
    with pytest.raises(pytest.fail.Exception) as failed:
        for revision in revisions:
            filler_for(revision)
    assert f"Schema revision {LATER} has no filler in tests/test_upgrades.py" in str(failed.value)


def test_a_later_revision_that_rebuilds_a_table_keeps_the_rows_that_refer_to_it(
    data_dir, program_with_a_later_revision
):
    """SQLite alters a table by copying it and dropping the old one; were foreign keys on
    during the migration, that drop would take person_token's rows with it, or be refused
    for the bookings."""
    database = resolve(data_dir).ensure().database
    expected = build_database_at(REVISIONS[-1], database)
    program_with_a_later_revision(
        'with op.batch_alter_table("person", recreate="always") as batch:\n'
        '        batch.add_column(sa.Column("pronouns", sa.String(40), nullable=True))'
    )

    workspace = open_workspace(data_dir)
    try:
        assert migrate.current_revision(workspace.db) == LATER
        assert_read_back_through_the_models(workspace.db, expected)
    finally:
        workspace.close()
    with closing(sqlite3.connect(database)) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(person)")]
    assert "pronouns" in columns


def test_a_later_revision_that_leaves_broken_references_is_undone(
    data_dir, program_with_a_later_revision
):
    database = resolve(data_dir).ensure().database
    build_database_at(REVISIONS[-1], database)
    before = contents_of(database)
    program_with_a_later_revision('op.execute("DELETE FROM person WHERE id = 1")')

    with pytest.raises(UserError, match="could not bring the database up to date"):
        open_workspace(data_dir)

    assert migrate.revision_of_file(database) == REVISIONS[-1]
    assert contents_of(database) == before


def inspected_schema(database: Path) -> dict:
    """Every table's columns, keys and indexes, as SQLAlchemy's inspector reads them back."""
    from sqlalchemy import inspect

    db = Database(sqlite_url(database))
    try:
        with db.engine.connect() as connection:
            found = inspect(connection)
            return {
                table: {
                    # In any order: a column a revision adds comes last, wherever the model has it.
                    "columns": sorted(
                        (c["name"], str(c["type"]), c["nullable"], c["default"])
                        for c in found.get_columns(table)
                    ),
                    "primary key": found.get_pk_constraint(table)["constrained_columns"],
                    "foreign keys": sorted(
                        (
                            tuple(key["constrained_columns"]),
                            key["referred_table"],
                            tuple(key["referred_columns"]),
                            key["options"].get("ondelete"),
                        )
                        for key in found.get_foreign_keys(table)
                    ),
                    "indexes": sorted(
                        (index["name"], tuple(index["column_names"]), bool(index["unique"]))
                        for index in found.get_indexes(table)
                    ),
                    "unique": sorted(
                        tuple(unique["column_names"])
                        for unique in found.get_unique_constraints(table)
                    ),
                    "checks": sorted(
                        check["sqltext"] for check in found.get_check_constraints(table)
                    ),
                    # WITHOUT ROWID among them, which no column or key shows.
                    "options": found.get_table_options(table),
                }
                for table in sorted(found.get_table_names())
            }
    finally:
        db.close()


def test_the_migrations_arrive_at_the_schema_a_new_database_is_given(tmp_path):
    """A new database gets the models' tables at once (no Alembic); one upgraded revision by
    revision must end up the same, or an upgraded officer's database differs from a new one."""
    from alembic import command

    migrated = Database(sqlite_url(tmp_path / "migrated.db"))
    try:
        config = migrate._alembic_config()
        with migrated.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        migrated.close()
    created = Database(sqlite_url(tmp_path / "created.db"))
    try:
        assert migrate.upgrade(created)
    finally:
        created.close()

    assert inspected_schema(tmp_path / "created.db") == inspected_schema(tmp_path / "migrated.db")
    assert migrate.revision_of_file(tmp_path / "created.db") == HEAD_REVISION


def test_an_up_to_date_database_opens_without_loading_alembic(workspace):
    data_dir = workspace.paths.data_dir
    workspace.close()
    script = (
        "import sys\n"
        "from sassot_desktop.workspace import open_workspace\n"
        f"open_workspace({str(data_dir)!r}).close()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'alembic'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# --- a database from a newer program ----------------------------------------------------------


@pytest.fixture(params=["wal", "delete"])
def newer_database(request, data_dir) -> Path:
    """A data folder whose database a later version of the program has migrated: as the
    program leaves it (write-ahead log), or a backup copy put in its place by hand (one file,
    rollback journal), whose header a mere connection of the program would rewrite."""
    open_workspace(data_dir).close()
    database = data_dir / "sassot.db"
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9001'")
        connection.commit()
        connection.execute(f"PRAGMA journal_mode={request.param}")
    return database


def saved_state(data_dir: Path) -> dict[str, bytes]:
    """The database byte for byte, everything its journal holds, and every backup."""
    database = data_dir / "sassot.db"
    state = {database.name: database.read_bytes()}
    # Any reader of a WAL database may leave an empty -wal file; only its frames would count.
    wal = data_dir / "sassot.db-wal"
    state["journalled"] = wal.read_bytes() if wal.exists() else b""
    state |= {file.name: file.read_bytes() for file in (data_dir / "backups").iterdir()}
    return state


@pytest.mark.slow
def test_the_command_line_refuses_a_newer_database_in_one_line(newer_database, tmp_path):
    data_dir = newer_database.parent
    before = saved_state(data_dir)
    (tmp_path / "home").mkdir()

    refused = Runner(tmp_path / "home", data_dir)("workshops", "list")

    assert refused.returncode == 1
    assert refused.stdout == ""
    [line] = refused.stderr.splitlines()
    assert "saved by a newer version of SASSOT Workforce" in line
    assert "has not been changed" in line
    assert_no_traceback(refused)
    assert saved_state(data_dir) == before


def test_the_window_refuses_a_newer_database_in_a_message_box(qtbot, monkeypatch, newer_database):
    data_dir = newer_database.parent
    before = saved_state(data_dir)
    said = []

    def answer_the_message() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            said.append(box.text())
            click_button(box, "OK")

    watcher = QTimer()
    watcher.timeout.connect(answer_the_message)
    watcher.start(20)
    # Were a window opened after all, the test must end rather than wait for the officer.
    monkeypatch.setattr(QApplication, "exec", lambda _app: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    try:
        assert app.run(str(data_dir)) == 1
    finally:
        watcher.stop()

    [message] = said
    assert "saved by a newer version of SASSOT Workforce" in message
    assert "Install the newer version" in message
    assert saved_state(data_dir) == before


# --- a migration killed half way -------------------------------------------------------------


def schema_of(database: Path) -> list[tuple]:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        ).fetchall()


def contents_of(database: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(database)) as connection:
        return {
            # Sorted whole: a table kept without a rowid (person_token) has no order of entry.
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in [*row_counts(database), "alembic_version"]
        }


def start_and_kill_in_migration(data_dir: Path, pause_at: str) -> str:
    """Start the program on ``data_dir``, kill it (SIGKILL) once it pauses inside the
    migration; return the statement it was about to run."""
    return start_and_kill_when_paused("pause_in_migration.py", str(data_dir), pause_at)


def start_and_kill_when_paused(helper: str, *arguments: str) -> str:
    """Run ``helper`` (in tests/helpers) with ``arguments``, kill it (SIGKILL) once it says it
    has paused; return the statement it was about to run."""
    env = {key: value for key, value in os.environ.items() if key != "SASSOT_DATA_DIR"}
    child = subprocess.Popen(
        [sys.executable, str(HELPERS / helper), *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    # A watchdog, so a child that never pauses fails the test instead of hanging the suite.
    watchdog = threading.Timer(60, child.kill)
    watchdog.start()
    try:
        line = child.stdout.readline()
        assert line.startswith("PAUSED "), line + child.stdout.read() + child.stderr.read()
        child.kill()  # SIGKILL: no clean-up, no rollback, no atexit
        child.wait(timeout=30)
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdin, child.stdout, child.stderr):
            stream.close()
    assert child.returncode == -9
    return line.removeprefix("PAUSED ").strip()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("pause_at", ["second-change", "version-stamp"])
def test_a_migration_killed_half_way_leaves_a_database_the_program_opens(data_dir, pause_at):
    first = REVISIONS[0]
    database = resolve(data_dir).ensure().database
    expected = build_database_at(first, database)
    old_schema, old_contents = schema_of(database), contents_of(database)

    statement = start_and_kill_in_migration(data_dir, pause_at)

    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    revision = migrate.revision_of_file(database)
    if revision == first:
        assert schema_of(database) == old_schema, f"half migrated when killed at: {statement}"
        assert contents_of(database) == old_contents
        [copy] = (data_dir / "backups").glob(f"sassot-*-before-upgrade-from-{first}.db")
        assert schema_of(copy) == old_schema
        assert contents_of(copy) == old_contents
    else:
        assert revision == HEAD_REVISION, f"stopped at {revision} when killed at: {statement}"

    workspace = open_workspace(data_dir)
    try:
        assert migrate.current_revision(workspace.db) == HEAD_REVISION
        assert_read_back_through_the_models(workspace.db, expected)
    finally:
        workspace.close()
