"""Taking back a slip on the volunteering screens: a placement or hours deleted from a
volunteer's section (and put back with Undo), with what it does to the Step into Sport share
and the hour milestones; and an award category renamed on the award rounds page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select
from test_volunteering_screens import click_row, people

from keys import press, type_text
from sassot_desktop.db.models import VolunteerHours
from sassot_desktop.ui.award_dialogs import RenameCategoryDialog
from sassot_desktop.ui.volunteer_section import VolunteeringSection
from sassot_desktop.volunteering import awards, hours, milestones, placements, step_into_sport
from screens import column_texts, message_box, open_dialog, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier


def shown_section(qtbot, workspace, person_id: int) -> VolunteeringSection:
    section = VolunteeringSection(workspace, person_id)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitExposed(section)
    # Keys reach shortcuts (Delete, Ctrl+Z) only in the active window.
    section.activateWindow()
    qtbot.waitUntil(section.isActiveWindow)
    return section


def test_a_placement_deleted_keeps_its_hours_and_undo_puts_it_back(qtbot, workspace):
    [zoe] = people(workspace, ("Zoë", "Ó'Brien"))
    with workspace.db.write() as session:
        step_into_sport.record_attendance(session, zoe, date(2026, 3, 14))
        placements.add_placement(session, zoe, "Tamworth AC", "Coach", date(2026, 1, 5))
        slip = placements.add_placement(
            session, zoe, "Stafford Harriers", "Timekeeper", date(2026, 4, 1)
        )
        placements.add_placement(session, zoe, "Leek Netball", "Umpire", date(2026, 6, 1))
        hours.log_hours(session, zoe, date(2026, 5, 2), 120, "Gala day", slip.id)
        slip_id = slip.id
    section = shown_section(qtbot, workspace, zoe)
    assert column_texts(section.placements) == ["Leek Netball", "Stafford Harriers", "Tamworth AC"]

    click_row(qtbot, section.placement_table, 1)
    press(section.placement_table, Qt.Key.Key_Delete)

    assert column_texts(section.placements) == ["Leek Netball", "Tamworth AC"]
    assert section.feedback.text() == (
        "Deleted the placement Timekeeper, Stafford Harriers. Its hours (1 entry) are kept, "
        "with no placement. Undo delete (Ctrl+Z) puts it back."
    )
    assert column_texts(section.hours, 2) == ["Gala day"]
    assert column_texts(section.hours, 3) == [""]
    with workspace.db.read() as session:
        [attendee] = step_into_sport.attendees(session, date(2026, 3, 14))
    assert attendee.club == "Leek Netball", "placed by the next placement after the conference"
    assert section.undo_button.isVisible()

    press(section.placement_table, Qt.Key.Key_Z, CTRL)

    assert column_texts(section.placements) == ["Leek Netball", "Stafford Harriers", "Tamworth AC"]
    assert column_texts(section.hours, 3) == ["Stafford Harriers"]
    assert section.feedback.text() == "Put back the placement Timekeeper, Stafford Harriers."
    assert not section.undo_button.isVisible()
    with workspace.db.read() as session:
        [attendee] = step_into_sport.attendees(session, date(2026, 3, 14))
        assert attendee.club == "Stafford Harriers"
        assert session.scalar(select(VolunteerHours.placement_id)) == slip_id


def test_deleting_approved_hours_below_a_milestone_takes_it_back_until_undone(qtbot, workspace):
    [zoe] = people(workspace, ("Zoë", "Ó'Brien"))
    with workspace.db.write() as session:
        first = hours.log_hours(session, zoe, date(2026, 5, 1), 45 * 60, "Season of Saturdays").id
        second = hours.log_hours(session, zoe, date(2026, 6, 1), 6 * 60, "Gala day").id
        hours.approve(session, [first, second])
        [reached] = milestones.milestones(session)
    assert reached.hours == 50
    section = shown_section(qtbot, workspace, zoe)
    assert column_texts(section.hours, 2) == ["Gala day", "Season of Saturdays"]

    click_row(qtbot, section.hours_table, 0)
    section.delete_hours_button.click()

    assert column_texts(section.hours, 2) == ["Season of Saturdays"]
    assert section.feedback.text() == (
        "Deleted 6 hours on 01/06/2026. The 50-hour milestone is taken back: the rest no longer "
        "reach it. Undo delete (Ctrl+Z) puts it back."
    )
    assert section.summary.text() == "45 hours approved. No milestone yet."
    with workspace.db.read() as session:
        assert milestones.milestones(session) == []

    section.undo_button.click()

    assert column_texts(section.hours, 2) == ["Gala day", "Season of Saturdays"]
    assert section.summary.text() == "51 hours approved. Last milestone: 50 hours."
    with workspace.db.read() as session:
        assert milestones.milestones(session) == [reached]


def test_an_acknowledged_milestone_stays_when_its_hours_are_deleted(qtbot, workspace):
    [zoe] = people(workspace, ("Zoë", "Ó'Brien"))
    with workspace.db.write() as session:
        entry = hours.log_hours(session, zoe, date(2026, 5, 1), 50 * 60, "Season").id
        hours.approve(session, [entry])
        milestones.acknowledge(session, [m.id for m in milestones.milestones(session)])
    section = shown_section(qtbot, workspace, zoe)
    click_row(qtbot, section.hours_table, 0)
    press(section.hours_table, Qt.Key.Key_Delete)

    assert "The 50-hour milestone stays: it was already acknowledged" in section.feedback.text()
    with workspace.db.read() as session:
        assert [m.hours for m in milestones.milestones(session)] == [50]


def test_another_change_ends_the_chance_to_undo_a_deletion(qtbot, workspace):
    [zoe] = people(workspace, ("Zoë", "Ó'Brien"))
    with workspace.db.write() as session:
        hours.log_hours(session, zoe, date(2026, 5, 1), 60, "Gala day")
    section = shown_section(qtbot, workspace, zoe)
    click_row(qtbot, section.hours_table, 0)
    press(section.hours_table, Qt.Key.Key_Delete)
    assert section.undo_button.isVisible()

    type_text(section.amount, "2")
    type_text(section.activity, "Committee meeting")
    press(section.activity, Qt.Key.Key_Return)

    assert not section.undo_button.isVisible()
    press(section.hours_table, Qt.Key.Key_Z, CTRL)
    assert column_texts(section.hours, 2) == ["Committee meeting"]


def test_an_award_category_is_renamed_and_its_nominations_follow(qtbot, workspace):
    [zoe] = people(workspace, ("Zoë", "Ó'Brien"))
    with workspace.db.write() as session:
        award_round = awards.create_round(session, "Awards 2026", 2026)
        [volunteer, young, *_] = awards.categories(session, award_round.id)
        awards.nominate(session, young.id, zoe, "Tamworth AC", "Every Saturday")
    window = shown_window(qtbot, workspace)
    window.show_award_rounds()
    page = window.award_rounds
    click_row(qtbot, page.table, 0)

    page.rename_category()
    dialog = open_dialog(window, RenameCategoryDialog)
    assert dialog.category.currentText() == "Young Volunteer of the Year", "the selected one's"
    qtbot.waitUntil(dialog.name.hasFocus)
    assert dialog.name.selectedText() == "Young Volunteer of the Year", "typing replaces it"
    type_text(dialog.name, volunteer.name)
    press(dialog.name, Qt.Key.Key_Return)
    box = message_box(dialog)
    assert box.text().startswith("These awards already have a category “Volunteer of the Year”")
    box.done(0)

    dialog.name.selectAll()
    type_text(dialog.name, "Young Volunteer of the Year (under 25)")
    press(dialog.name, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page.nominations) == ["Young Volunteer of the Year (under 25)"]
    assert page.feedback.text() == (
        "Renamed the category “Young Volunteer of the Year” to "
        "“Young Volunteer of the Year (under 25)”."
    )
    with workspace.db.read() as session:
        names = [c.name for c in awards.categories(session, award_round.id)]
    assert names[1] == "Young Volunteer of the Year (under 25)"


def test_escape_leaves_the_category_as_it_was(qtbot, workspace):
    with workspace.db.write() as session:
        award_round = awards.create_round(session, "Awards 2026", 2026)
    window = shown_window(qtbot, workspace)
    window.show_award_rounds()
    page = window.award_rounds
    page.rename_category()
    dialog = open_dialog(window, RenameCategoryDialog)
    qtbot.waitUntil(dialog.name.hasFocus)
    dialog.name.end(False)
    type_text(dialog.name, " 2")
    press(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    with workspace.db.read() as session:
        assert [c.name for c in awards.categories(session, award_round.id)] == list(
            awards.DEFAULT_CATEGORIES
        )
