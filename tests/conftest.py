"""Shared fixtures: a fresh data folder per test, optionally filled with the demo year."""

from __future__ import annotations

import os

# Qt runs without a screen in tests; set here once rather than in each test.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from sassot_desktop import demo  # noqa: E402
from sassot_desktop.workspace import Workspace, open_workspace  # noqa: E402


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("SASSOT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def workspace(data_dir) -> Workspace:
    opened = open_workspace(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def demo_workspace(workspace) -> Workspace:
    demo.fill(workspace.db, people=400)
    return workspace
