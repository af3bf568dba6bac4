"""The shape of the package: no Qt outside ui/, the package list, the migration head."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

from sassot_desktop.db import migrate

PROJECT = Path(__file__).resolve().parents[1]
PACKAGE = PROJECT / "sassot_desktop"

# Runs in a fresh interpreter with Qt made unimportable. Imports every module outside ui/
# (walking folders, so ui/ itself is never imported), then runs a CLI command end to end,
# which also runs the Alembic migration scripts that cannot be imported on their own.
_IMPORT_EVERYTHING = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    attempts = []

    class BlockQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                attempts.append(name)
                raise ImportError(f"Qt is blocked in this test: {name}")
            return None

    sys.meta_path.insert(0, BlockQt())

    import sassot_desktop

    # Scripts rather than modules: __main__ runs the program, migrations/env.py only works
    # inside a migration (the CLI run below executes it).
    SKIP = {"sassot_desktop.__main__", "sassot_desktop.db.migrations.env"}

    def walk(path, prefix):
        for info in pkgutil.iter_modules(path, prefix):
            if info.name == "sassot_desktop.ui" or info.name in SKIP:
                continue
            module = importlib.import_module(info.name)
            yield info.name
            if info.ispkg:
                yield from walk(module.__path__, info.name + ".")

    imported = list(walk(sassot_desktop.__path__, "sassot_desktop."))

    from sassot_desktop import cli
    code = cli.main(["--data-dir", sys.argv[1], "workshops", "list", "--format", "tsv"])
    print(json.dumps({
        "imported": imported,
        "attempts": attempts,
        "cli": code,
        "qt_loaded": sorted(m for m in sys.modules if m.split(".")[0] == "PySide6"),
        "ui_loaded": sorted(m for m in sys.modules if m.startswith("sassot_desktop.ui")),
    }))
    """
)


def test_nothing_outside_ui_imports_qt(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EVERYTHING, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["attempts"] == []
    assert report["qt_loaded"] == []
    assert report["ui_loaded"] == []
    assert report["cli"] == 0
    assert result.stdout.splitlines()[0].split("\t")[:2] == ["id", "date"]
    # The walk really covered the package.
    for name in (
        "sassot_desktop.cli",
        "sassot_desktop.commands",
        "sassot_desktop.attendance.register",
        "sassot_desktop.people.search",
        "sassot_desktop.workshops.bookings",
        "sassot_desktop.db.models",
        "sassot_desktop.db.migrations.versions",
    ):
        assert name in report["imported"]
    migration_modules = [m for m in report["imported"] if ".versions." in m]
    assert migration_modules, report["imported"]


def test_package_list_in_pyproject_matches_the_folders():
    setuptools = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    listed = setuptools["packages"]
    assert len(listed) == len(set(listed)), "a package is listed twice"
    on_disk = {
        ".".join(init.parent.relative_to(PACKAGE.parent).parts)
        for init in PACKAGE.rglob("__init__.py")
    }
    assert set(listed) == on_disk | {"sassot_desktop.resources"}
    # The resources package is mapped to the top-level resources/ folder, which must exist.
    resources = PROJECT / setuptools["package-dir"]["sassot_desktop.resources"]
    assert (resources / "__init__.py").is_file()


def test_head_revision_is_alembics_head():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate._alembic_config())
    assert scripts.get_heads() == [migrate.HEAD_REVISION]
