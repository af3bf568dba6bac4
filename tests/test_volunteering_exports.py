"""The volunteering exports written from their pages, in the background, and read back with
openpyxl: each volunteer's hours, and an award round's nominations, shortlist and winners;
text that looks like a formula stays text, and no equality monitoring answer goes out."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from test_volunteering_screens import people

from sassot_desktop.people import profile
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.ui import exporting
from sassot_desktop.volunteering import awards, hours
from screens import shown_window


@pytest.fixture
def save_as(monkeypatch, tmp_path):
    """Stands in for the save dialog, answering with a file in ``tmp_path``; notes the offer."""
    offered: list[tuple[str, str]] = []

    def ask(_parent, title, suggested):
        offered.append((title, suggested.name))
        return tmp_path / "export.xlsx"

    monkeypatch.setattr(exporting, "ask_export_path", ask)
    return offered


def read_back(path) -> list[tuple]:
    return list(load_workbook(path).active.iter_rows(values_only=True))


def test_hours_are_exported_from_the_volunteering_page(qtbot, workspace, save_as, tmp_path):
    [sneaky] = people(workspace, ('=HYPERLINK("x")', "Smith"))
    with workspace.db.write() as session:
        zoe = create_person(
            session, PersonDetails("Zoë", "Ó'Brien", consent_method="Booking form")
        ).id
        profile.set_equality(session, zoe, profile.Equality("female", "White: Irish", "No"))
        done = hours.log_hours(session, zoe, date(2026, 5, 1), 3000, "Summer gala").id
        hours.approve(session, [done])
        hours.log_hours(session, sneaky, date(2026, 5, 2), 135, "Car park")
    window = shown_window(qtbot, workspace)
    window.show_volunteering()
    page = window.volunteering

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.feedback.text().startswith("Wrote"), timeout=20_000)
    assert page.feedback.text() == f"Wrote 2 volunteers' hours to {tmp_path / 'export.xlsx'}."
    [(title, name)] = save_as
    assert title == "Export volunteers' hours" and name.startswith("volunteer hours ")
    rows = read_back(tmp_path / "export.xlsx")
    assert rows == [
        ("Person id", "Name", "Approved hours", "Waiting hours", "Last milestone"),
        (zoe, "Zoë Ó'Brien", 50, 0, 50),
        (sneaky, '=HYPERLINK("x") Smith', 0, 2.25, None),
    ]
    sheet = load_workbook(tmp_path / "export.xlsx").active
    assert sheet["B3"].data_type == "s", "a name that looks like a formula stays text"
    cells = {str(value) for row in rows for value in row}
    assert not cells & {"Female", "White: Irish", "No"}


def test_an_award_round_is_exported_winners_first(qtbot, workspace, save_as, tmp_path):
    zoe, sian, kwame = people(
        workspace, ("Zoë", "Ó'Brien"), ("Siân", "Llŵyd-Jones"), ("Kwame", "Mensah")
    )
    with workspace.db.write() as session:
        award_round = awards.create_round(session, "Staffordshire Sport Awards 2026", 2026)
        [volunteer, young, *_] = awards.categories(session, award_round.id)
        first = awards.nominate(session, volunteer.id, zoe, "Tamworth AC", "Every\nSaturday").id
        second = awards.nominate(session, volunteer.id, sian, "Self", "Runs the juniors").id
        awards.nominate(session, volunteer.id, kwame, "Leek Netball", "Umpires")
        awards.nominate(session, young.id, sian, "School", "Leads the warm-ups")
        awards.set_stage(session, [first, second], awards.SHORTLISTED)
        awards.set_stage(session, [second], awards.WINNER)
    window = shown_window(qtbot, workspace)
    window.show_award_rounds()
    page = window.award_rounds

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.feedback.text().startswith("Wrote"), timeout=20_000)
    assert page.feedback.text() == (
        f"Wrote 4 nominations in Staffordshire Sport Awards 2026 to {tmp_path / 'export.xlsx'}."
    )
    assert read_back(tmp_path / "export.xlsx") == [
        ("Category", "Stage", "Nominee", "Nominated by", "Why"),
        ("Volunteer of the Year", "Winner", "Siân Llŵyd-Jones", "Self", "Runs the juniors"),
        ("Volunteer of the Year", "Shortlisted", "Zoë Ó'Brien", "Tamworth AC", "Every Saturday"),
        ("Volunteer of the Year", "Nominated", "Kwame Mensah", "Leek Netball", "Umpires"),
        (
            "Young Volunteer of the Year",
            "Nominated",
            "Siân Llŵyd-Jones",
            "School",
            "Leads the warm-ups",
        ),
    ]
