"""Merging two records of one person: everything attached moves, and undo puts it all back."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text

from people_records import enter_twice, snapshot
from sassot_desktop.db.models import Booking, Certificate, CertificatePrinting, Person
from sassot_desktop.errors import UserError
from sassot_desktop.people import merging, roles
from sassot_desktop.people.profile import person_record
from sassot_desktop.people.search import matching_ids


def merge(workspace, kept, removed, fields=frozenset()):
    with workspace.db.write() as session:
        return merging.merge_people(session, kept, removed, set(fields))


def undo(workspace, merge_id):
    with workspace.db.write() as session:
        return merging.undo_merge(session, merge_id)


def bookings_of(workspace, person_id) -> dict[int, str]:
    with workspace.db.read() as session:
        rows = session.execute(
            select(Booking.workshop_id, Booking.status).where(Booking.person_id == person_id)
        )
        return dict(rows.all())


def test_every_booking_attendance_and_certificate_moves_to_the_kept_record(workspace):
    twice = enter_twice(workspace)
    with workspace.db.read() as session:
        certificates = session.scalar(select(func.count()).select_from(Certificate))
        printings = session.scalar(select(func.count()).select_from(CertificatePrinting))

    merged = merge(workspace, twice.zoe, twice.zoe_again, {"phone"})

    workshops = twice.workshops
    # Both were on First Aid: Zoe's attendance (with its certificate) beats Zoë's booking.
    assert bookings_of(workspace, twice.zoe) == {
        workshops["safeguarding"]: "attended",
        workshops["first aid"]: "attended",
        workshops["equity"]: "booked",
    }
    assert bookings_of(workspace, twice.zoe_again) == {}
    assert merged.combined >= 1
    with workspace.db.read() as session:
        assert session.get(Person, twice.zoe_again) is None
        assert session.scalar(select(func.count()).select_from(Certificate)) == certificates
        assert session.scalar(select(func.count()).select_from(CertificatePrinting)) == printings
        owners = session.scalars(
            select(Booking.person_id).join(Certificate, Certificate.booking_id == Booking.id)
        ).all()
        assert set(owners) == {twice.zoe}
        kept = session.get(Person, twice.zoe)
        assert kept.phone == "+44 7700 900999"  # picked from the other record
        assert kept.email == "zoe.obrien@example.org"  # kept's own
        assert roles.roles_of(session, twice.zoe) == ["coach", "volunteer"]
        assert matching_ids(session, "zoe obrien") == [twice.zoe]
    assert "Zoe O'Brien" in merged.message


def test_undo_puts_both_records_back_exactly_as_they_were(workspace):
    twice = enter_twice(workspace)
    before = snapshot(workspace)

    merged = merge(workspace, twice.zoe, twice.zoe_again, {"first_name", "gender", "consent"})
    assert snapshot(workspace) != before
    message = undo(workspace, merged.merge_id)

    assert snapshot(workspace) == before
    assert "Zoe O'Brien" in message
    with workspace.db.read() as session:
        assert set(matching_ids(session, "zoe obrien")) == {twice.zoe, twice.zoe_again}
    with pytest.raises(UserError, match="already undone"):
        undo(workspace, merged.merge_id)


def test_the_removed_record_can_be_the_one_with_the_better_history(workspace):
    twice = enter_twice(workspace)
    before = snapshot(workspace)
    merged = merge(workspace, twice.zoe_again, twice.zoe, {"email", "date_of_birth"})
    with workspace.db.read() as session:
        record = person_record(session, twice.zoe_again, date(2026, 11, 23))
    assert record.details.email == "zoe.obrien@example.org"
    assert len(record.workshops) == 3
    assert sum(1 for taken in record.workshops if taken.certificate) == 2
    undo(workspace, merged.merge_id)
    assert snapshot(workspace) == before


def test_records_of_a_table_added_later_move_and_come_back(workspace):
    """A table another area adds (volunteering hours, say) is found by its foreign key."""
    twice = enter_twice(workspace)
    with workspace.db.write() as session:
        session.execute(
            text(
                "CREATE TABLE mentoring_sessions (id INTEGER PRIMARY KEY, "
                "person_id INTEGER NOT NULL REFERENCES person(id), hours INTEGER NOT NULL)"
            )
        )
        session.execute(
            text("INSERT INTO mentoring_sessions (id, person_id, hours) VALUES (1, :p, 12)"),
            {"p": twice.zoe_again},
        )
    try:
        before = snapshot(workspace)

        merged = merge(workspace, twice.zoe, twice.zoe_again)
        with workspace.db.read() as session:
            owner = session.scalar(text("SELECT person_id FROM mentoring_sessions WHERE id = 1"))
        assert owner == twice.zoe

        undo(workspace, merged.merge_id)
        assert snapshot(workspace) == before
    finally:
        # On PostgreSQL the suite's one database outlives the test; a table left there would
        # appear in the next tests' every-table checks.
        with workspace.db.write() as session:
            session.execute(text("DROP TABLE mentoring_sessions"))


def test_a_later_merge_into_the_same_record_must_be_undone_first(workspace):
    twice = enter_twice(workspace)
    first = merge(workspace, twice.zoe, twice.zoe_again)
    with workspace.db.write() as session:
        from sassot_desktop.people.records import PersonDetails, create_person

        third = create_person(session, PersonDetails("Zoe", "OBrien")).id
    second = merge(workspace, twice.zoe, third)
    with pytest.raises(UserError, match="undo that later merge first"):
        undo(workspace, first.merge_id)
    undo(workspace, second.merge_id)
    # SQLite handed the removed id to the third record meanwhile: Zoe comes back with a new one.
    message = undo(workspace, first.merge_id)
    with workspace.db.read() as session:
        zoe_again = session.scalar(
            select(Person.id).where(Person.email == "ZOE.OBRIEN@example.org")
        )
    assert zoe_again not in (twice.zoe, third)
    assert f"#{zoe_again}" in message
    assert set(bookings_of(workspace, zoe_again)) == {
        twice.workshops["first aid"],
        twice.workshops["equity"],
    }


def test_a_person_cannot_be_merged_with_themselves(workspace):
    twice = enter_twice(workspace)
    with pytest.raises(UserError, match="themselves"):
        merge(workspace, twice.zoe, twice.zoe)
