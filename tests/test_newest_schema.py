"""A new SQLite file gets the newest schema from the SQL kept beside ``db/newest_schema.py``:
exactly what the models give, in one transaction, without loading SQLAlchemy."""

from __future__ import annotations

import ast
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from test_upgrades import start_and_kill_when_paused

import sassot_desktop.db.engine
import sassot_desktop.db.migrate
import sassot_desktop.db.newest_schema
from databases import sqlite_only
from sassot_desktop.db import migrate, newest_schema
from sassot_desktop.db.models import Base
from sassot_desktop.db.revision import HEAD_REVISION
from sassot_desktop.paths import resolve
from sassot_desktop.workspace import open_workspace

pytestmark = sqlite_only("the stored schema is SQLite's; a server gets its tables from the models")


def schema_of(database: Path) -> list[tuple]:
    """Every table and index as SQLite keeps them, whitespace aside, and the revision stamped."""
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        ).fetchall()
        stamped = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    described = [
        (kind, name, table, " ".join((sql or "").split())) for kind, name, table, sql in rows
    ]
    return [*described, ("stamped", *stamped)]


def created_from_the_models(database: Path) -> Path:
    """``database`` made as Alembic's recipe for a new database does: ``create_all``, stamped."""
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            migrate.create_newest_schema(connection)
    finally:
        engine.dispose()
    return database


def assert_stored_schema_matches_the_models(tmp_path: Path) -> None:
    from_models = schema_of(created_from_the_models(tmp_path / "from-models.db"))
    stored = tmp_path / "stored.db"
    assert newest_schema.create_in(stored)
    if schema_of(stored) != from_models:
        pytest.fail(
            f"{newest_schema.SQL_FILE} no longer gives the schema the models do; run "
            f"`{newest_schema.REGENERATE}` to write it again and commit it.",
            pytrace=False,
        )


def test_the_stored_sql_gives_the_schema_the_models_give(tmp_path):
    assert_stored_schema_matches_the_models(tmp_path)


def test_a_stale_stored_schema_fails_saying_how_to_write_it_again(tmp_path, monkeypatch):
    statements = list(newest_schema.stored_statements())
    without_an_index = [s for s in statements if "ix_person_email" not in s]
    assert len(without_an_index) == len(statements) - 1
    monkeypatch.setattr(newest_schema, "stored_statements", lambda: iter(without_an_index))

    with pytest.raises(pytest.fail.Exception) as failed:
        assert_stored_schema_matches_the_models(tmp_path)

    [sentence] = str(failed.value).splitlines()
    assert "run `python -m sassot_desktop.db.newest_schema` to write it again" in sentence


def test_a_new_data_folder_gets_every_table_and_index_at_the_newest_revision(data_dir):
    open_workspace(data_dir).close()

    database = resolve(data_dir).database
    assert migrate.revision_of_file(database) == HEAD_REVISION
    with closing(sqlite3.connect(database)) as connection:
        found = set(connection.execute("SELECT type, name FROM sqlite_master").fetchall())
        [(journal,)] = connection.execute("PRAGMA journal_mode").fetchall()
    tables = {("table", table.name) for table in Base.metadata.sorted_tables}
    indexes = {
        ("index", index.name) for table in Base.metadata.sorted_tables for index in table.indexes
    }
    assert tables | indexes | {("table", "alembic_version")} <= found
    assert journal == "wal"  # set with the tables, as every connection of the program sets it


def test_an_existing_database_is_left_to_the_migrations(tmp_path):
    database = tmp_path / "older.db"
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("CREATE TABLE person (id INTEGER PRIMARY KEY)")
        connection.commit()

    assert newest_schema.create_in(database) is False

    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == [("person",)]


def test_a_creation_that_fails_half_way_leaves_no_table_and_the_next_start_makes_them(
    data_dir, monkeypatch
):
    statements = list(newest_schema.stored_statements())
    broken = [statements[0], "CREATE TABLE person (a full disk, as it were", *statements[1:]]
    monkeypatch.setattr(newest_schema, "stored_statements", lambda: iter(broken))
    database = resolve(data_dir).ensure().database

    with pytest.raises(sqlite3.OperationalError):
        newest_schema.create_in(database)

    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == []
    monkeypatch.undo()
    open_workspace(data_dir).close()
    assert schema_of(database) == schema_of(
        created_from_the_models(data_dir.parent / "expected.db")
    )


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_start_killed_while_creating_the_tables_leaves_a_file_the_next_start_completes(
    data_dir,
):
    statement = start_and_kill_when_paused("pause_in_new_schema.py", str(data_dir))

    database = resolve(data_dir).database
    assert statement.startswith("CREATE"), statement
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == []
    open_workspace(data_dir).close()
    assert schema_of(database) == schema_of(
        created_from_the_models(data_dir.parent / "expected.db")
    )


# --- what creating and opening a SQLite file loads ---------------------------------------------


def imports_sqlalchemy_at_top(module) -> bool:
    """Whether ``module`` imports SQLAlchemy when it is loaded (imports for type checkers and
    inside functions aside)."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        if any(name.split(".")[0] == "sqlalchemy" for name in names):
            return True
    return False


@pytest.mark.parametrize(
    "module",
    [sassot_desktop.db.engine, sassot_desktop.db.migrate, sassot_desktop.db.newest_schema],
)
def test_the_migration_modules_load_no_sqlalchemy_of_their_own(module):
    assert not imports_sqlalchemy_at_top(module)


@pytest.mark.slow
def test_creating_and_opening_a_sqlite_file_loads_no_sqlalchemy(tmp_path):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sassot_desktop.db import migrate\n"
        "from sassot_desktop.db.engine import Database, sqlite_url\n"
        f"db = Database(sqlite_url(Path({str(tmp_path / 'new.db')!r})))\n"
        "print(migrate.upgrade(db), migrate.upgrade(db))\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'sqlalchemy')[:5])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["True False", "[]"]
