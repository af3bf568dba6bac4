"""Two officers, one record: two programs on the same database edit the same person, workshop
and bursary application; the second save is refused with who, when and both versions, each
choice does what it says, and nothing is silently overwritten."""

from __future__ import annotations

import dataclasses

import pytest
from bursary_data import add_coach, add_round, apply
from sqlalchemy import select
from test_workshops_and_bookings import add_workshop, details

from sassot_desktop.bursaries import steps
from sassot_desktop.bursaries.applications import ApplicationDetails
from sassot_desktop.bursaries.editing import edit_application
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import AuditEntry, BursaryApplication, Person, Workshop
from sassot_desktop.people import profile
from sassot_desktop.people.merging import merge_people, undo_merge
from sassot_desktop.people.records import PersonDetails, create_person, update_person
from sassot_desktop.record_versions import Difference, EditConflict
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


def load_person(db, person_id) -> tuple[PersonDetails, int]:
    with db.read() as session:
        person = session.get(Person, person_id)
        return profile.details_of(person), person.version


def save_person(db, person_id, details, loaded_at):
    with db.write() as session:
        update_person(session, person_id, details, loaded_at=loaded_at)


def test_the_second_save_of_a_person_is_refused_naming_who_and_what(alex, sam):
    with alex.write() as session:
        zoe = create_person(session, ZOE).id
    mine, loaded_at = load_person(alex, zoe)
    theirs, _ = load_person(sam, zoe)

    save_person(sam, zoe, dataclasses.replace(theirs, email="zoe.obrien@example.org"), loaded_at)
    club = "Stone Master Marathoners"
    with pytest.raises(EditConflict) as refused:
        save_person(alex, zoe, dataclasses.replace(mine, club=club), loaded_at)

    conflict = refused.value
    assert conflict.changed_by == "Sam Jones"
    assert conflict.headline.startswith("Sam Jones changed this person at ")
    assert conflict.headline.endswith(" while you were editing.")
    assert conflict.differences == (
        Difference("Email", "zoe.obrien@example.org", "zoe@example.org"),
        Difference("Club / organisation", "Stafford Harriers", "Stone Master Marathoners"),
    )
    assert conflict.version == loaded_at + 1
    stored, version = load_person(sam, zoe)
    assert (stored.email, stored.club) == ("zoe.obrien@example.org", "Stafford Harriers")

    # Keep my changes: saved over theirs, at the version now seen.
    save_person(alex, zoe, dataclasses.replace(mine, club="Stone Master Marathoners"), version)
    with alex.read() as session:
        person = session.get(Person, zoe)
        assert (person.email, person.club) == ("zoe@example.org", "Stone Master Marathoners")
        assert (person.version, person.changed_by) == (version + 1, "Alex Patel")
        actors = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "edit person")
        ).all()
        assert actors == ["Sam Jones", "Alex Patel"]


def test_a_save_that_undoes_nothing_of_theirs_goes_through(alex, sam):
    """Their change is what mine says too: nothing of theirs would be lost."""
    with alex.write() as session:
        zoe = create_person(session, ZOE).id
    mine, loaded_at = load_person(alex, zoe)
    same = dataclasses.replace(mine, phone="01785 000000")
    save_person(sam, zoe, same, loaded_at)
    save_person(alex, zoe, same, loaded_at)
    assert load_person(alex, zoe)[0].phone == "01785 000000"


def test_the_second_save_of_a_workshop_is_refused_and_keeping_mine_saves_it(workspace, alex, sam):
    workshop_id = add_workshop(workspace)
    with alex.read() as session:
        workshop = session.get(Workshop, workshop_id)
        mine, loaded_at = WorkshopDetails.of(workshop), workshop.version
    with sam.write() as session:
        update_workshop(session, workshop_id, details(capacity=30, fee_pence=1500), loaded_at)
    with pytest.raises(EditConflict) as refused, alex.write() as session:
        update_workshop(
            session, workshop_id, dataclasses.replace(mine, tutor="Marcus Reid"), loaded_at
        )
    assert refused.value.headline.startswith("Sam Jones changed this workshop at ")
    assert refused.value.differences == (
        Difference("Tutor", "Janet Holloway", "Marcus Reid"),
        Difference("Capacity", "30", "20"),
        Difference("Fee", "£15.00", "£0.00"),
    )
    with alex.read() as session:
        assert session.get(Workshop, workshop_id).tutor == "Janet Holloway"
    with alex.write() as session:
        update_workshop(
            session,
            workshop_id,
            dataclasses.replace(mine, tutor="Marcus Reid"),
            refused.value.version,
        )
    with alex.read() as session:
        workshop = session.get(Workshop, workshop_id)
        assert (workshop.tutor, workshop.capacity, workshop.changed_by) == (
            "Marcus Reid",
            20,
            "Alex Patel",
        )


def test_the_second_edit_of_an_application_is_refused_and_steps_still_work(workspace, alex, sam):
    round_id = add_round(workspace)
    application_id = apply(workspace, round_id, add_coach(workspace))
    with alex.read() as session:
        application = session.get(BursaryApplication, application_id)
        mine, loaded_at = ApplicationDetails.of(application), application.version
    with sam.write() as session:
        edit_application(
            session, application_id, dataclasses.replace(mine, asked_pence=20_000), loaded_at
        )
    with pytest.raises(EditConflict) as refused, alex.write() as session:
        edit_application(
            session, application_id, dataclasses.replace(mine, level="Level 3"), loaded_at
        )
    assert refused.value.headline.startswith("Sam Jones changed this bursary application at ")
    assert refused.value.differences == (
        Difference("Level", "Level 2", "Level 3"),
        Difference("Amount asked", "£200.00", "£250.00"),
    )
    with alex.read() as session:
        assert session.get(BursaryApplication, application_id).level == "Level 2"

    # A workflow step moves the version on and says who took it.
    with alex.write() as session:
        steps.approve(session, application_id, 20_000)
    with sam.read() as session:
        application = session.get(BursaryApplication, application_id)
        assert (application.status, application.changed_by) == ("approved", "Alex Patel")
        assert application.version == refused.value.version + 1


def test_a_merge_that_changes_the_kept_person_moves_its_version_on(workspace, alex, sam):
    with alex.write() as session:
        kept = create_person(session, ZOE).id
        removed_id = create_person(session, dataclasses.replace(ZOE, club="Stone AC")).id
    mine, loaded_at = load_person(alex, kept)
    with sam.write() as session:
        merge_id = merge_people(session, kept, removed_id, {"club"}).merge_id
    with pytest.raises(EditConflict) as refused:
        save_person(alex, kept, dataclasses.replace(mine, phone="01785 000000"), loaded_at)
    assert refused.value.changed_by == "Sam Jones"
    assert Difference("Club / organisation", "Stone AC", "Stafford Harriers") in (
        refused.value.differences
    )
    with sam.write() as session:
        undo_merge(session, merge_id)
    # Undone, the person is as the form loaded it: its save goes through.
    save_person(alex, kept, dataclasses.replace(mine, phone="01785 000000"), loaded_at)
    assert load_person(alex, kept)[0].phone == "01785 000000"
