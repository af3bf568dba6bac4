"""Years of workshops: the list reads only the bookings of the workshops it shows, and the
window looks at the rows it shows (and a few more), not at every row, to fit its columns."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import event, insert

from databases import sqlite_only
from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import Booking, Person, Workshop
from sassot_desktop.ui.widgets import ROWS_MEASURED
from sassot_desktop.ui.workshop_list import WorkshopTableModel
from sassot_desktop.workshops.catalogue import list_workshops
from screens import shown_window

TODAY = date(2026, 11, 23)
WORKSHOPS = 1200


@pytest.fixture
def years_of_workshops(workspace):
    """1,200 workshops, a few upcoming, each with two bookings."""
    now = utc_now()
    with workspace.db.write() as session:
        session.execute(
            insert(Person.__table__),
            [
                dict(first_name="Ann", last_name=f"Booker{n}", sort_name=f"booker{n} ann")
                | dict(created_at=now, updated_at=now)
                for n in range(2)
            ],
        )
        first_day = TODAY - timedelta(days=WORKSHOPS - 20)
        session.execute(
            insert(Workshop.__table__),
            [
                dict(title=f"Emergency First Aid {n}", provider="UK Coaching")
                | dict(date=first_day + timedelta(days=n), start_time=time(18), end_time=time(21))
                | dict(venue_name="Jubilee2", capacity=20, fee_pence=0)
                | dict(created_at=now, updated_at=now)
                for n in range(WORKSHOPS)
            ],
        )
        session.execute(
            insert(Booking.__table__),
            [
                dict(workshop_id=workshop, person_id=person, status="booked", walk_in=False)
                | dict(booked_at=now, updated_at=now)
                for workshop in range(1, WORKSHOPS + 1)
                for person in (1, 2)
            ],
        )
    return workspace


@sqlite_only("reads SQLite's own query plan (EXPLAIN QUERY PLAN)")
def test_upcoming_workshops_are_counted_through_the_booking_index(years_of_workshops):
    statements = []

    def heard(_connection, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    engine = years_of_workshops.db.engine
    event.listen(engine, "before_cursor_execute", heard)
    try:
        with years_of_workshops.db.read() as session:
            rows = list_workshops(session, when="future", today=TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", heard)

    assert len(rows) == 20 and {row.booked for row in rows} == {2}
    [(statement, parameters)] = statements
    with years_of_workshops.db.read() as session:
        explained = session.connection().exec_driver_sql(
            f"EXPLAIN QUERY PLAN {statement}", parameters
        )
        plan = [step for *_, step in explained]
    assert not any(step.startswith("SCAN booking") for step in plan), plan
    assert any("ix_booking_workshop_id" in step for step in plan), plan


def test_the_workshop_list_fits_its_columns_from_the_rows_it_shows(
    years_of_workshops, qtbot, monkeypatch
):
    asked: set[int] = set()
    original = WorkshopTableModel.text

    def text_of(model, row, column):
        asked.add(row.id)
        return original(model, row, column)

    monkeypatch.setattr(WorkshopTableModel, "text", text_of)
    window = shown_window(qtbot, years_of_workshops)
    window.show_workshops()
    window.workshops.when.setCurrentText("All")
    qtbot.waitUntil(lambda: window.workshops.model.rowCount() == WORKSHOPS)
    qtbot.waitUntil(lambda: bool(asked))

    assert len(asked) <= ROWS_MEASURED + 50, len(asked)
