"""Two officers, one record: two programs on the same database edit the same person, workshop
and bursary application. Each field is settled three ways (what the form was loaded with, what
the colleague saved, what the officer typed): a change only one of them made is kept without a
question; only a field both changed to different values is refused, with who, when and the
three values, and each way out keeps what it says and everything else besides."""

from __future__ import annotations

import dataclasses
from datetime import time

import pytest
from bursary_data import add_coach, add_round, apply
from sqlalchemy import select
from test_workshops_and_bookings import add_workshop, details

from sassot_desktop.bursaries import steps
from sassot_desktop.bursaries.applications import ApplicationDetails
from sassot_desktop.bursaries.editing import edit_application
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import AuditEntry, BursaryApplication, Person, Workshop
from sassot_desktop.errors import UserError
from sassot_desktop.people import profile
from sassot_desktop.people.merging import merge_people, undo_merge
from sassot_desktop.people.records import PersonDetails, create_person, update_person
from sassot_desktop.record_versions import Difference, EditConflict, Loaded
from sassot_desktop.workshops.catalogue import WorkshopDetails, update_workshop


@pytest.fixture
def sam(workspace):
    """A colleague's program on the same database."""
    db = Database(workspace.db.url, officer="Sam Jones")
    yield db
    db.close()


@pytest.fixture
def alex(workspace):
    db = Database(workspace.db.url, officer="Alex Patel")
    yield db
    db.close()


ZOE = PersonDetails(
    "Zoë", "Ó'Brien", email="zoe@example.org", club="Stafford Harriers", consent_method="Email"
)


@pytest.fixture
def zoe(alex) -> int:
    with alex.write() as session:
        return create_person(session, ZOE).id


def load_person(db, person_id) -> tuple[PersonDetails, Loaded]:
    with db.read() as session:
        person = session.get(Person, person_id)
        details = profile.details_of(person)
        return details, Loaded.of(details, person.version)


def save_person(db, person_id, details, loaded):
    with db.write() as session:
        return update_person(session, person_id, details, loaded)


def stored_person(db, person_id) -> Person:
    with db.read() as session:
        return session.get(Person, person_id)


def test_a_change_only_the_colleague_made_is_kept_and_named(alex, sam, zoe):
    mine, loaded = load_person(alex, zoe)
    theirs, _ = load_person(sam, zoe)
    save_person(sam, zoe, dataclasses.replace(theirs, phone="01785 000000"), None)

    update = save_person(alex, zoe, dataclasses.replace(mine, club="Stone AC"), loaded)

    person = stored_person(alex, zoe)
    assert (person.phone, person.club) == ("01785 000000", "Stone AC"), "both changes kept"
    assert person.changed_by == "Alex Patel"
    assert update.also_kept == "Also kept: Sam Jones's change to Phone."
    assert update.message == "Saved Zoë Ó'Brien's details. Also kept: Sam Jones's change to Phone."
    with alex.read() as session:
        actors = session.scalars(
            select(AuditEntry.actor)
            .where(AuditEntry.action == "edit person")
            .order_by(AuditEntry.id)
        ).all()
    assert actors == ["Sam Jones", "Alex Patel"]


def test_a_change_to_a_field_the_form_does_not_show_is_no_question(alex, sam, zoe):
    mine, loaded = load_person(alex, zoe)
    with sam.write() as session:
        profile.set_equality(session, zoe, profile.Equality(gender="Female"))
    assert stored_person(alex, zoe).version == loaded.version + 1

    update = save_person(alex, zoe, dataclasses.replace(mine, sport="Athletics"), loaded)

    person = stored_person(alex, zoe)
    assert (person.sport, person.gender) == ("Athletics", "Female")
    assert update.also_kept == ""


def test_the_same_change_made_by_both_goes_through(alex, sam, zoe):
    mine, loaded = load_person(alex, zoe)
    same = dataclasses.replace(mine, phone="01785 000000")
    save_person(sam, zoe, same, loaded)
    save_person(alex, zoe, same, loaded)
    assert stored_person(alex, zoe).phone == "01785 000000"


def both_change_the_club(alex, sam, zoe) -> tuple[EditConflict, PersonDetails]:
    """Sam changes the club and the phone; Alex, on the form loaded before, the club and sport."""
    mine, loaded = load_person(alex, zoe)
    theirs, _ = load_person(sam, zoe)
    save_person(sam, zoe, dataclasses.replace(theirs, club="Stone AC", phone="01785 000000"), None)
    typed = dataclasses.replace(mine, club="Stone Master Marathoners", sport="Athletics")

    with pytest.raises(EditConflict) as refused:
        save_person(alex, zoe, typed, loaded)

    conflict = refused.value
    assert conflict.changed_by == "Sam Jones"
    assert conflict.headline.startswith("Sam Jones changed this person at ")
    assert conflict.headline.endswith(" while you were editing.")
    assert conflict.differences == (
        Difference(
            "Club / organisation", "Stafford Harriers", "Stone AC", "Stone Master Marathoners"
        ),
    )
    assert conflict.kept == ("Phone",)
    assert conflict.version == loaded.version + 1
    person = stored_person(alex, zoe)
    assert (person.club, person.sport) == ("Stone AC", None), "nothing of mine saved yet"
    return conflict, typed


def test_a_field_both_changed_is_refused_with_was_theirs_and_mine(alex, sam, zoe):
    both_change_the_club(alex, sam, zoe)


def test_keeping_mine_saves_mine_where_both_changed_and_keeps_their_other_changes(alex, sam, zoe):
    conflict, typed = both_change_the_club(alex, sam, zoe)

    update = save_person(alex, zoe, typed, conflict.keeping_mine)

    person = stored_person(alex, zoe)
    assert (person.club, person.sport, person.phone) == (
        "Stone Master Marathoners",
        "Athletics",
        "01785 000000",
    )
    assert (person.version, person.changed_by) == (conflict.version + 1, "Alex Patel")
    assert update.also_kept == "Also kept: Sam Jones's change to Phone."


def test_keeping_theirs_keeps_theirs_where_both_changed_and_saves_my_other_changes(alex, sam, zoe):
    conflict, typed = both_change_the_club(alex, sam, zoe)

    update = save_person(alex, zoe, typed, conflict.keeping_theirs)

    person = stored_person(alex, zoe)
    assert (person.club, person.sport, person.phone) == ("Stone AC", "Athletics", "01785 000000")
    assert update.also_kept == "Also kept: Sam Jones's changes to Phone and Club / organisation."


def test_keeping_theirs_with_nothing_else_of_mine_writes_nothing(alex, sam, zoe):
    mine, loaded = load_person(alex, zoe)
    save_person(sam, zoe, dataclasses.replace(mine, club="Stone AC"), loaded)
    typed = dataclasses.replace(mine, club="Stone Master Marathoners")
    with pytest.raises(EditConflict) as refused:
        save_person(alex, zoe, typed, loaded)

    save_person(alex, zoe, typed, refused.value.keeping_theirs)

    person = stored_person(alex, zoe)
    assert (person.club, person.changed_by) == ("Stone AC", "Sam Jones")
    assert person.version == refused.value.version, "their version stands untouched"


def test_a_third_save_between_the_choice_and_the_save_is_settled_again(alex, sam, zoe):
    mine, loaded = load_person(alex, zoe)
    save_person(sam, zoe, dataclasses.replace(mine, club="Stone AC"), loaded)
    typed = dataclasses.replace(mine, club="Stone Master Marathoners")
    with pytest.raises(EditConflict) as refused:
        save_person(alex, zoe, typed, loaded)
    theirs, now = load_person(sam, zoe)
    save_person(sam, zoe, dataclasses.replace(theirs, club="Stone AC 2"), now)

    with pytest.raises(EditConflict) as again:
        save_person(alex, zoe, typed, refused.value.keeping_mine)
    assert again.value.differences == (
        Difference("Club / organisation", "Stone AC", "Stone AC 2", "Stone Master Marathoners"),
    )


def test_workshops_merge_three_ways_too(workspace, alex, sam):
    workshop_id = add_workshop(workspace)
    with alex.read() as session:
        workshop = session.get(Workshop, workshop_id)
        mine = WorkshopDetails.of(workshop)
        loaded = Loaded.of(mine, workshop.version)
    with sam.write() as session:
        update_workshop(session, workshop_id, details(capacity=30, fee_pence=1500), loaded)

    with alex.write() as session:
        update = update_workshop(
            session, workshop_id, dataclasses.replace(mine, tutor="Marcus Reid"), loaded
        )
    assert update.message == "Workshop saved. Also kept: Sam Jones's changes to Capacity and Fee."
    with alex.read() as session:
        workshop = session.get(Workshop, workshop_id)
        assert (workshop.tutor, workshop.capacity, workshop.fee_pence, workshop.changed_by) == (
            "Marcus Reid",
            30,
            1500,
            "Alex Patel",
        )


def test_a_workshop_field_both_changed_is_refused_and_each_choice_keeps_its_side(
    workspace, alex, sam
):
    workshop_id = add_workshop(workspace)
    with alex.read() as session:
        workshop = session.get(Workshop, workshop_id)
        mine = WorkshopDetails.of(workshop)
        loaded = Loaded.of(mine, workshop.version)
    with sam.write() as session:
        update_workshop(session, workshop_id, details(capacity=30, tutor="Priya Shah"), loaded)
    typed = dataclasses.replace(mine, tutor="Marcus Reid", notes="Bring a pen")
    with pytest.raises(EditConflict) as refused, alex.write() as session:
        update_workshop(session, workshop_id, typed, loaded)
    assert refused.value.headline.startswith("Sam Jones changed this workshop at ")
    assert refused.value.differences == (
        Difference("Tutor", "Janet Holloway", "Priya Shah", "Marcus Reid"),
    )
    assert refused.value.kept == ("Capacity",)

    with alex.write() as session:
        update_workshop(session, workshop_id, typed, refused.value.keeping_theirs)
    with alex.read() as session:
        workshop = session.get(Workshop, workshop_id)
        assert (workshop.tutor, workshop.capacity, workshop.notes) == (
            "Priya Shah",
            30,
            "Bring a pen",
        )


def test_two_workshop_changes_that_do_not_add_up_together_are_refused(workspace, alex, sam):
    workshop_id = add_workshop(workspace)
    with alex.read() as session:
        workshop = session.get(Workshop, workshop_id)
        mine = WorkshopDetails.of(workshop)
        loaded = Loaded.of(mine, workshop.version)
    with sam.write() as session:
        update_workshop(session, workshop_id, details(start_time=time(19, 0)), loaded)
    with pytest.raises(UserError, match="end after it starts"), alex.write() as session:
        earlier = dataclasses.replace(mine, end_time=time(18, 45))
        update_workshop(session, workshop_id, earlier, loaded)


def test_applications_merge_three_ways_and_steps_still_work(workspace, alex, sam):
    round_id = add_round(workspace)
    application_id = apply(workspace, round_id, add_coach(workspace))
    with alex.read() as session:
        application = session.get(BursaryApplication, application_id)
        mine = ApplicationDetails.of(application)
        loaded = Loaded.of(mine, application.version)
    with sam.write() as session:
        edit_application(
            session, application_id, dataclasses.replace(mine, asked_pence=20_000), loaded
        )
    with alex.write() as session:
        edited = edit_application(
            session, application_id, dataclasses.replace(mine, level="Level 3"), loaded
        )
    assert edited.message == (
        f"Application {application_id} changed: level “Level 2” → “Level 3”. "
        "Also kept: Sam Jones's change to Amount asked."
    )
    with pytest.raises(EditConflict) as refused, sam.write() as session:
        edit_application(
            session, application_id, dataclasses.replace(mine, level="Level 1"), loaded
        )
    assert refused.value.headline.startswith("Alex Patel changed this bursary application at ")
    assert refused.value.differences == (Difference("Level", "Level 2", "Level 3", "Level 1"),)

    # A workflow step moves the version on and says who took it.
    with alex.write() as session:
        steps.approve(session, application_id, 20_000)
    with sam.read() as session:
        application = session.get(BursaryApplication, application_id)
        assert (application.status, application.level, application.changed_by) == (
            "approved",
            "Level 3",
            "Alex Patel",
        )
        assert application.version == refused.value.version + 1


def test_a_merge_that_changes_the_kept_person_is_kept_by_a_later_save(workspace, alex, sam):
    with alex.write() as session:
        kept = create_person(session, ZOE).id
        removed_id = create_person(session, dataclasses.replace(ZOE, club="Stone AC")).id
    mine, loaded = load_person(alex, kept)
    with sam.write() as session:
        merge_id = merge_people(session, kept, removed_id, {"club"}).merge_id
    with pytest.raises(EditConflict) as refused:
        save_person(alex, kept, dataclasses.replace(mine, club="Stone Harriers"), loaded)
    assert refused.value.changed_by == "Sam Jones"
    assert refused.value.differences == (
        Difference("Club / organisation", "Stafford Harriers", "Stone AC", "Stone Harriers"),
    )
    update = save_person(alex, kept, dataclasses.replace(mine, phone="01785 000000"), loaded)
    assert update.also_kept == "Also kept: Sam Jones's change to Club / organisation."
    assert stored_person(alex, kept).club == "Stone AC"
    with sam.write() as session:
        undo_merge(session, merge_id)
