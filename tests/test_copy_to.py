"""copy-to: the officer's records onto an empty PostgreSQL database and back into a new file,
every row of every table the same on arrival, ids kept and the server's next ids after them;
a target that holds anything is refused untouched, and a copy that goes wrong keeps nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import inspect, select, text

from sassot_desktop import demo
from sassot_desktop.db import copying, location
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import Base, OfflineRegister, UploadedTick
from sassot_desktop.errors import UserError
from sassot_desktop.people.records import PersonDetails, create_person, find_people
from sassot_desktop.workspace import open_workspace
from test_cli import Runner, assert_no_traceback

OUT_OF_REACH = "postgresql://officer@127.0.0.1:1/sassot"


def every_row(db: Database) -> dict[str, list[tuple]]:
    with db.engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def new_server_database(server):
    """The address of a new, empty database on the test server, dropped afterwards."""
    if server is None:
        pytest.skip("needs a PostgreSQL server to make a database on: set SASSOT_TEST_DATABASE_URL")
    with server.new_database("copy") as url:
        yield url


@pytest.fixture
def officer_file(tmp_path, monkeypatch):
    """The officer's own SQLite file with the demo year, whichever database the suite runs on."""
    monkeypatch.delenv(location.DATABASE_URL_VARIABLE, raising=False)
    opened = open_workspace(tmp_path / "officer")
    assert opened.db.is_sqlite
    demo.fill(opened.db, people=400)
    with opened.db.write() as session:  # a table whose id is not a number
        session.add(
            OfflineRegister(
                workshop_id=1, taken_by="Siân", computer="LAPTOP-1", taken_at=datetime(2026, 7, 1)
            )
        )
        session.flush()
        session.add(
            UploadedTick(
                id="6f1c2d4e-0000-4000-8000-000000000001",
                register_id=1,
                booking_id=None,
                made_at=datetime(2026, 7, 1, 18, 30),
                uploaded_at=datetime(2026, 7, 2),
            )
        )
    yield opened.db
    opened.close()


@pytest.fixture
def opened():
    """Databases a test opens, closed after it."""
    databases: list[Database] = []

    def open_database(url: str) -> Database:
        databases.append(Database(location.server_url(url) if "postgres" in url else url))
        return databases[-1]

    yield open_database
    for db in databases:
        db.close()


def test_the_officer_s_file_goes_to_the_server_and_back_row_for_row(
    officer_file, new_server_database, opened, tmp_path
):
    original = every_row(officer_file)
    assert len(original["person"]) == 400
    assert original["uploaded_tick"]

    onto_server = copying.copy_to(officer_file, new_server_database)

    server = opened(new_server_database)
    assert every_row(server) == original
    assert onto_server.counts == [(table, len(rows)) for table, rows in original.items()]
    assert onto_server.target.startswith("PostgreSQL database sassot_test_")

    back = copying.copy_to(server, str(tmp_path / "back.db"))

    assert back.counts == onto_server.counts
    assert every_row(opened(f"sqlite:///{tmp_path / 'back.db'}")) == original
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_the_server_s_next_ids_come_after_the_copied_ones(
    officer_file, new_server_database, opened
):
    copying.copy_to(officer_file, new_server_database)
    server = opened(new_server_database)
    with server.write() as session:
        added = create_person(session, PersonDetails("Siân", "Ó'Brien-Łukasz"))
    assert added.id == 401
    with server.read() as session:
        [found] = find_people(session, "sian o brien")
    assert found.id == added.id
    with server.engine.connect() as connection:
        # Analysed: the planner knows the copied people are there.
        analysed = connection.execute(
            text("SELECT reltuples FROM pg_class WHERE relname = 'person_token'")
        ).scalar()
    assert analysed > 1000


def test_a_server_database_that_holds_records_is_refused_untouched(
    officer_file, new_server_database, opened
):
    copying.copy_to(officer_file, new_server_database)
    server = opened(new_server_database)
    with server.write() as session:
        create_person(session, PersonDetails("Ayşe", "Kaya"))
    before = every_row(server)

    with pytest.raises(UserError) as refused:
        copying.copy_to(officer_file, new_server_database)

    assert "is not empty (" in str(refused.value)
    assert "nothing was copied" in str(refused.value)
    assert every_row(server) == before


def test_a_copy_whose_counts_disagree_leaves_the_server_database_empty(
    officer_file, new_server_database, opened, monkeypatch
):
    drop_an_audit_entry(monkeypatch)
    with pytest.raises(UserError, match=r"copy of audit_entry came to (\d+) rows instead of \d+"):
        copying.copy_to(officer_file, new_server_database)
    with opened(new_server_database).engine.connect() as connection:
        assert inspect(connection).get_table_names() == []


def test_the_records_copy_into_a_new_file_row_for_row(demo_workspace, tmp_path, opened):
    """From the server on the PostgreSQL run, from the officer's file on the SQLite one."""
    target = tmp_path / "copy.db"
    target.touch()  # an empty file, as a file dialog may leave, is a new file

    copied = copying.copy_to(demo_workspace.db, str(target))

    original = every_row(demo_workspace.db)
    assert every_row(opened(f"sqlite:///{target}")) == original
    assert copied.counts == [(table, len(rows)) for table, rows in original.items()]
    assert copied.rows == sum(len(rows) for rows in original.values())
    assert target.stat().st_mode & 0o077 == 0


def test_a_file_that_exists_is_refused_untouched(workspace, tmp_path):
    target = tmp_path / "records.db"
    target.write_bytes(b"last year's records")
    with pytest.raises(UserError, match="already exists, so nothing was copied"):
        copying.copy_to(workspace.db, str(target))
    assert target.read_bytes() == b"last year's records"


def test_a_copy_whose_counts_disagree_leaves_no_file(demo_workspace, tmp_path, monkeypatch):
    drop_an_audit_entry(monkeypatch)
    target = tmp_path / "copies" / "copy.db"
    target.parent.mkdir()
    with pytest.raises(UserError, match="nothing was kept"):
        copying.copy_to(demo_workspace.db, str(target))
    assert list(target.parent.iterdir()) == []


def test_targets_that_cannot_be_copied_to_are_one_sentence(workspace, tmp_path):
    with pytest.raises(UserError, match="cannot reach the PostgreSQL database sassot"):
        copying.copy_to(workspace.db, OUT_OF_REACH)
    with pytest.raises(UserError, match="neither a PostgreSQL address nor a file"):
        copying.copy_to(workspace.db, "mysql://officer@server/sassot")
    with pytest.raises(UserError, match="There is no folder"):
        copying.copy_to(workspace.db, str(tmp_path / "missing" / "copy.db"))


def test_copy_to_on_the_command_line_prints_the_counts(tmp_path, data_dir):
    (tmp_path / "home").mkdir()
    run = Runner(home=tmp_path / "home", data_dir=data_dir)
    assert run("demo", "--people", "60").returncode == 0
    target = tmp_path / "copy.db"

    copied = run("copy-to", str(target), "--format", "tsv")

    assert copied.returncode == 0, copied.stderr
    header, *rows = copied.stdout.splitlines()
    assert header == "table\trows"
    counts = dict(row.split("\t") for row in rows)
    assert list(counts) == [table.name for table in Base.metadata.sorted_tables]
    assert counts["person"] == "60"
    assert counts["workshop"] == "40"

    again = run("copy-to", str(target))
    assert again.returncode == 1
    assert again.stdout == ""
    assert_no_traceback(again)
    [line] = again.stderr.splitlines()
    assert "already exists, so nothing was copied" in line


def drop_an_audit_entry(monkeypatch) -> None:
    """The copy loses a row on the way (as a faulty driver or disk might)."""
    rows_of = copying._rows_of

    def losing(reading, table):
        for batch in rows_of(reading, table):
            yield list(batch)[1:] if table.name == "audit_entry" else batch

    monkeypatch.setattr(copying, "_rows_of", losing)
