"""The same program on the team's PostgreSQL server: chosen by --database-url, the environment
or Settings; what the SQLite file's backups and restores do there; a server out of reach."""

from __future__ import annotations

import pytest
from test_sync_screens import click_button_in

from databases import ON_POSTGRESQL
from sassot_desktop.db import location
from sassot_desktop.db.retention import back_up_daily
from sassot_desktop.errors import UserError
from sassot_desktop.paths import resolve
from sassot_desktop.settings import Settings
from sassot_desktop.ui.settings_dialog import SettingsDialog
from sassot_desktop.workspace import open_workspace
from screens import open_dialog
from test_cli import Runner, assert_no_traceback

on_postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="needs a PostgreSQL server: set SASSOT_TEST_DATABASE_URL"
)
OUT_OF_REACH = "postgresql://officer@127.0.0.1:1/sassot"


@pytest.fixture
def run(tmp_path, data_dir, monkeypatch) -> Runner:
    """The console script on ``data_dir``, told of a server only by what each test passes."""
    monkeypatch.delenv(location.DATABASE_URL_VARIABLE, raising=False)
    (tmp_path / "home").mkdir()
    return Runner(home=tmp_path / "home", data_dir=data_dir)


@on_postgresql_only
def test_the_command_line_works_on_the_server_named_by_database_url(run, server):
    made = run("--database-url", server.url, "demo", "--people", "60")
    assert made.returncode == 0, made.stderr
    found = run("--database-url", server.url, "people", "search", "zo", "--format", "tsv")
    assert found.returncode == 0, found.stderr
    header, *rows = found.stdout.splitlines()
    assert header.split("\t")[:3] == ["id", "first_name", "last_name"]
    assert any(row.split("\t")[1] in {"Zoë", "Zoe"} for row in rows)
    # The records went to the server; the data folder keeps only the log and settings.
    assert not (run.data_dir / "sassot.db").exists()
    assert (run.data_dir / "logs" / "sassot.log").exists()
    on_file = run("workshops", "list", "--format", "tsv")
    assert on_file.stdout.splitlines()[1:] == [], "the data folder's own file has no workshops"


@on_postgresql_only
def test_backups_and_restores_on_the_server_are_the_server_s_job(run, server, tmp_path):
    for command in (["backup"], ["restore", str(tmp_path / "old.db"), "--yes"]):
        refused = run("--database-url", server.url, *command)
        assert refused.returncode != 0
        assert_no_traceback(refused)
        assert "pg_dump" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    assert list((run.data_dir / "backups").iterdir()) == []


@on_postgresql_only
def test_the_daily_copy_is_left_to_the_server(workspace):
    assert back_up_daily(workspace.paths) is None
    assert list(workspace.paths.backups.iterdir()) == []


@on_postgresql_only
def test_a_server_database_from_a_newer_program_is_refused_untouched(workspace, data_dir):
    from sqlalchemy import text

    with workspace.db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    workspace.close()
    with pytest.raises(UserError, match="newer version of SASSOT Workforce"):
        open_workspace(data_dir)
    with workspace.db.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "9999"
        )
    workspace.db.close()


def test_a_server_out_of_reach_is_one_sentence_saying_what_to_do(run):
    result = run("--database-url", OUT_OF_REACH, "workshops", "list")
    assert result.returncode != 0
    assert_no_traceback(result)
    [line] = result.stderr.strip().splitlines()
    assert "cannot reach the PostgreSQL database sassot on 127.0.0.1" in line
    assert "Settings" in line


def test_an_address_that_is_not_postgresql_is_refused(run):
    result = run("--database-url", "mysql://officer@server/sassot", "workshops", "list")
    assert result.returncode != 0
    assert_no_traceback(result)
    assert "is not a PostgreSQL address" in result.stderr


def test_settings_keep_the_team_database_for_the_next_start(qtbot, data_dir, monkeypatch):
    from PySide6.QtWidgets import QLabel, QWidget

    from keys import type_text

    monkeypatch.delenv(location.DATABASE_URL_VARIABLE, raising=False)
    folders = resolve(data_dir).ensure()
    owner = QWidget()
    qtbot.addWidget(owner)
    SettingsDialog(folders.data_dir, owner).open()
    dialog = open_dialog(owner, SettingsDialog)
    labels = {label.buddy(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels[dialog.database] == "Team &database (PostgreSQL):"
    assert dialog.database.accessibleName() == "Team database"

    type_text(dialog.database, OUT_OF_REACH)
    click_button_in(dialog, "Save")

    assert Settings(folders.data_dir).get(location.DATABASE_URL_SETTING) == OUT_OF_REACH
    assert location.chosen_url(folders) == "postgresql+psycopg://officer@127.0.0.1:1/sassot"
    with pytest.raises(UserError, match="cannot reach"):
        open_workspace(data_dir)


def test_settings_refuse_an_address_that_is_not_postgresql(qtbot, data_dir):
    from keys import type_text
    from screens import message_box

    folders = resolve(data_dir).ensure()
    dialog = SettingsDialog(folders.data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.database, "sqlite:///elsewhere.db")
    click_button_in(dialog, "Save")

    box = message_box(dialog)
    assert box is not None and "is not a PostgreSQL address" in box.text()
    assert Settings(folders.data_dir).get(location.DATABASE_URL_SETTING) is None
    assert dialog.isVisible()


def test_people_added_by_hand_after_the_demo_year_get_ids_of_their_own(demo_workspace):
    """The demo year chooses its people's ids before inserting them; on PostgreSQL the id
    sequence must have moved past them, or the officer's next person clashes with one."""
    from sassot_desktop.people.records import PersonDetails, create_person, find_people

    with demo_workspace.db.write() as session:
        added = create_person(session, PersonDetails("Łukasz", "Wiśniewski-Hall"))
    with demo_workspace.db.read() as session:
        [found] = find_people(session, "lukasz wisniewski hall")
    assert found.id == added.id
