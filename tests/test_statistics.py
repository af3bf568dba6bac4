"""After a bulk load on PostgreSQL (the demo year, an import of people, a copy) the planner's
statistics are gathered at once, so the next search plans for the rows that are there."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from test_copy_to import new_server_database  # noqa: F401 (a fixture)
from test_import_people import legacy_csv, run_import

from databases import sqlite_only
from sassot_desktop import demo
from sassot_desktop.db.location import DATABASE_URL_VARIABLE
from sassot_desktop.workspace import open_workspace


@pytest.fixture
def new_server_workspace(new_server_database, tmp_path, monkeypatch):  # noqa: F811
    """A data folder on a database of its own, whose tables no one has analysed yet."""
    monkeypatch.setenv(DATABASE_URL_VARIABLE, new_server_database)
    opened = open_workspace(tmp_path / "data")
    yield opened
    opened.close()


def rows_known_to_the_planner(workspace, table: str) -> float:
    """PostgreSQL's estimate of the table's rows: -1 until the table is first analysed."""
    with workspace.db.engine.connect() as connection:
        return connection.execute(
            text("SELECT reltuples FROM pg_class WHERE relname = :table"), {"table": table}
        ).scalar()


def test_the_demo_year_is_analysed_as_soon_as_it_is_made(new_server_workspace):
    assert rows_known_to_the_planner(new_server_workspace, "person") == -1
    demo.fill(new_server_workspace.db, people=60)
    assert rows_known_to_the_planner(new_server_workspace, "person") == 60
    assert rows_known_to_the_planner(new_server_workspace, "workshop") == 40
    assert rows_known_to_the_planner(new_server_workspace, "person_token") > 600

    demo.add_people_up_to(new_server_workspace.db, 200)
    assert rows_known_to_the_planner(new_server_workspace, "person") == 200


def test_imported_people_are_analysed_and_a_dry_run_is_not(new_server_workspace, tmp_path):
    rows = [
        f"Zoë;Smith-{n};zoe{n}@example.org;;ST16 2AB;;Stafford Rangers;Football" for n in range(30)
    ]
    run_import(new_server_workspace, legacy_csv(tmp_path, rows, encoding="utf-8"), dry_run=True)
    assert rows_known_to_the_planner(new_server_workspace, "person") == -1

    run_import(new_server_workspace, legacy_csv(tmp_path, rows, encoding="utf-8"))
    assert rows_known_to_the_planner(new_server_workspace, "person") == 30
    assert rows_known_to_the_planner(new_server_workspace, "person_token") > 30


@sqlite_only("statistics are gathered on PostgreSQL only; the file's plans are made without them")
def test_the_officer_s_file_is_left_without_statistics(demo_workspace):
    with demo_workspace.db.engine.connect() as connection:
        kept = connection.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sqlite_stat%'"
        ).scalar()
    assert kept == 0
