"""The log file stays small and private, and gets the tracebacks the screen never shows."""

from __future__ import annotations

import logging
import os
import stat

import pytest

from sassot_desktop import logs


@pytest.fixture
def fresh_root_logger():
    """The root logger as at a program's start: no log file yet (other tests may have one)."""
    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:
        root.removeHandler(handler)
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in before:
        root.addHandler(handler)


def test_a_large_log_is_set_aside_when_the_program_starts(tmp_path, fresh_root_logger):
    log_file = tmp_path / "sassot.log"
    log_file.write_bytes(b"x" * logs.KEEP_BYTES)
    (tmp_path / "sassot.log.1").write_text("older")
    logs.configure(log_file)
    logging.getLogger("test").error("after the start")
    assert (tmp_path / "sassot.log.2").read_text() == "older"
    assert (tmp_path / "sassot.log.1").stat().st_size == logs.KEEP_BYTES
    assert "after the start" in log_file.read_text()
    if os.name == "posix":
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


def test_a_small_log_is_kept(tmp_path, fresh_root_logger):
    log_file = tmp_path / "sassot.log"
    log_file.write_text("yesterday\n")
    logs.configure(log_file)
    logging.getLogger("test").warning("today")
    assert log_file.read_text().startswith("yesterday\n")
    assert not (tmp_path / "sassot.log.1").exists()
