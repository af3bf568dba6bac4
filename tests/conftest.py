"""Shared fixtures: a fresh data folder per test, optionally filled with the demo year."""

from __future__ import annotations

import os

# Qt runs without a screen in tests; set here once rather than in each test.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from databases import ON_POSTGRESQL, SERVER_URL, Server  # noqa: E402
from sassot_desktop import demo  # noqa: E402
from sassot_desktop.db.location import DATABASE_URL_VARIABLE  # noqa: E402
from sassot_desktop.workspace import Workspace, open_workspace  # noqa: E402

# The property tests (tests/test_hostile_*.py) run on a fixed budget with a fixed seed, so the
# suite stays fast and a failure in CI is the same failure on a laptop. Their examples share a
# function's data folder on purpose (a fresh database per example would cost a migration each);
# every property leaves the database as it found it or keys its checks by example.
_PROPERTY_DEFAULTS = {
    "deadline": None,  # a PDF or a workbook takes as long as it takes on a busy CI machine
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
}
settings.register_profile(
    "default", max_examples=40, derandomize=True, database=None, **_PROPERTY_DEFAULTS
)
# A hunt for new failures, run by hand: pytest --hypothesis-profile=long tests/test_hostile_*.py
settings.register_profile("long", max_examples=2000, **_PROPERTY_DEFAULTS)
settings.load_profile("default")


def pytest_report_header(config):
    return f"database: {'PostgreSQL' if ON_POSTGRESQL else 'SQLite'}"


@pytest.fixture(scope="session")
def server():
    """The PostgreSQL server the suite runs on, or None for SQLite files."""
    if not ON_POSTGRESQL:
        yield None
        return
    opened = Server(SERVER_URL)
    opened.create()
    yield opened
    opened.close()


@pytest.fixture
def data_dir(tmp_path, monkeypatch, server):
    """A fresh data folder; on PostgreSQL, its database the suite's own, emptied first."""
    folder = tmp_path / "data"
    monkeypatch.setenv("SASSOT_DATA_DIR", str(folder))
    if server is None:
        monkeypatch.delenv(DATABASE_URL_VARIABLE, raising=False)
    else:
        server.empty()
        monkeypatch.setenv(DATABASE_URL_VARIABLE, server.url)
    return folder


@pytest.fixture(scope="module")
def shared_database(server, request):
    """For a module whose tests share one data folder (a migration, or a run of the console
    script, costs a second): on PostgreSQL a database of the module's own, named in the
    environment while the folder is set up and for the rows a test reads back
    (``databases.query``); None on SQLite, where the folder keeps its own file."""
    if server is None:
        yield None
        return
    module = request.module.__name__.lower()
    with server.new_database(module) as url, pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATABASE_URL_VARIABLE, url)
        yield url


@pytest.fixture
def workspace(data_dir) -> Workspace:
    opened = open_workspace(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def demo_workspace(workspace) -> Workspace:
    demo.fill(workspace.db, people=400)
    return workspace
