"""The import writes in plain SQL on the driver's own connection: what it stores reads back
through the models exactly as the models would have written it, a merge moves the person's
version on as an edit does, and a command-line import into a SQLite file never loads
SQLAlchemy."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, datetime

import pytest
from sqlalchemy import select
from test_import_people import legacy_csv, run_import

from databases import sqlite_only
from sassot_desktop.db import engine
from sassot_desktop.db.models import AuditEntry, Person
from sassot_desktop.errors import UserError
from sassot_desktop.exchange import people_import
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.people.search import search


def test_the_imports_longest_texts_are_the_person_columns_lengths():
    for key, longest in people_import.LONGEST.items():
        assert getattr(Person.__table__.c[key].type, "length", None) == longest, key


def test_what_an_import_stores_reads_back_as_the_models_write_it(workspace, tmp_path):
    with workspace.db.write() as session:
        typed = create_person(
            session,
            PersonDetails(
                "Ann", "Typed", date_of_birth=date(1980, 2, 3), consent_method="Paper form"
            ),
        ).id
    run_import(workspace, legacy_csv(tmp_path, ["Siân;Lloyd;sian@example.com;01/02/1990;;;;"]))

    with workspace.db.read() as session:
        typed_person = session.get(Person, typed)
        imported = session.scalars(select(Person).where(Person.last_name == "Lloyd")).one()
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import people"))
        entry = entry.one()
        stored = {
            person_id: session.connection()
            .exec_driver_sql(
                "SELECT date_of_birth, created_at, updated_at FROM person WHERE id = ?"
                if workspace.db.is_sqlite
                else "SELECT date_of_birth, created_at, updated_at FROM person WHERE id = %s",
                (person_id,),
            )
            .one()
            for person_id in (typed, imported.id)
        }
    assert imported.date_of_birth == date(1990, 2, 1)
    assert isinstance(imported.created_at, datetime)
    assert imported.created_at == imported.updated_at
    assert imported.version == typed_person.version == 1
    assert imported.consent_method == "Earlier records: legacy.csv"
    assert entry.actor == workspace.db.officer
    assert '"added": 1' in entry.detail
    if workspace.db.is_sqlite:  # the same text, so that sorting and comparing in SQL agree
        shapes = {
            person_id: tuple(_shape(value) for value in values)
            for person_id, values in stored.items()
        }
        assert shapes[imported.id] == shapes[typed]


def _shape(value: object) -> str:
    return re.sub(r"\d", "9", str(value))


def test_a_merge_moves_the_persons_version_on_and_they_are_found_by_what_it_added(
    workspace, tmp_path
):
    run_import(workspace, legacy_csv(tmp_path, ["Zoë;Ó'Brien;zoe@example.com;;;;;"], name="a.csv"))
    with workspace.db.read() as session:
        before = session.scalars(select(Person)).one()

    _, report = run_import(
        workspace,
        legacy_csv(tmp_path, ["Zoe;O'Brien;ZOE@EXAMPLE.COM;;ST16 2DN;;Stone Dominoes;"]),
    )

    assert [merge.person_id for merge in report.merges] == [before.id]
    with workspace.db.read() as session:
        after = session.get(Person, before.id)
        found = [person.id for person in search(session, "dominoes")]
    assert after.version == before.version + 1
    assert after.changed_by == workspace.db.officer
    assert after.updated_at > before.updated_at
    assert (after.postcode, after.club) == ("ST16 2DN", "Stone Dominoes")
    assert found == [before.id]


@sqlite_only("the command-line import reaches a SQLite file through its driver alone")
def test_a_command_line_import_into_a_sqlite_file_never_loads_sqlalchemy(data_dir, tmp_path):
    source = legacy_csv(tmp_path, ["Ann;Plain;ann@example.com;01/02/1990;ST16 2DN;;;"])
    script = (
        "import sys\n"
        "from sassot_desktop import cli\n"
        "for data in sys.argv[1:3]:\n"
        "    code = cli.main(['--data-dir', data, 'import', 'people', sys.argv[3]])\n"
        "    assert code == 0, code\n"
        "    print('sqlalchemy' in sys.modules)\n"
    )
    opened = subprocess.run(
        [sys.executable, "-c", script, str(data_dir), str(data_dir), str(source)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,  # the program as installed, not the checkout it was installed from
    )
    # A new data folder (its database created), then the same folder again.
    loaded = [line for line in opened.stdout.splitlines() if line in ("True", "False")]
    assert loaded == ["False", "False"], opened.stderr


@sqlite_only("the lock of a SQLite file, held by another connection")
def test_an_import_while_another_save_holds_the_file_says_so_and_changes_nothing(
    workspace, tmp_path, monkeypatch
):
    waits_briefly = engine.set_sqlite_pragmas

    def briefly(connection, *args, **kwargs):  # the real 5 s wait, cut short for the test
        waits_briefly(connection, *args, **kwargs)
        connection.execute("PRAGMA busy_timeout = 50")

    monkeypatch.setattr(engine, "set_sqlite_pragmas", briefly)
    source = legacy_csv(tmp_path, ["Ann;Waiting;ann@example.com;;;;;"])
    with closing(sqlite3.connect(workspace.db.sqlite_path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(UserError, match="still being saved.*try again"):
            run_import(workspace, source)
        other.execute("ROLLBACK")

    with workspace.db.read() as session:
        assert session.scalars(select(Person)).all() == []
    assert run_import(workspace, source)[1].added == 1
