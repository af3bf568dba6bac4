"""The log file: where tracebacks go, so that screens and terminals only ever show sentences."""

from __future__ import annotations

import logging
from pathlib import Path

from sassot_desktop.paths import make_private_file

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
KEEP_BYTES = 2_000_000
OLD_FILES = 5


def configure(log_file: Path) -> None:
    """Send every log record of the program to a private file (and nowhere else)."""
    root = logging.getLogger()
    if any(getattr(h, "sassot_log", False) for h in root.handlers):
        return
    _set_aside_if_large(log_file)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.sassot_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # Alembic narrates every plugin it loads; only its warnings are worth keeping.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    make_private_file(log_file)


def _set_aside_if_large(log_file: Path) -> None:
    """Keep the log small: a large one becomes sassot.log.1 (and so on) as the program starts.

    Done once at start rather than with ``logging.handlers``, whose import alone costs the
    window a noticeable share of its start-up, and a desktop program's log grows slowly.
    """
    try:
        if log_file.stat().st_size < KEEP_BYTES:
            return
    except FileNotFoundError:
        return
    for number in range(OLD_FILES - 1, 0, -1):
        older = log_file.with_name(f"{log_file.name}.{number}")
        if older.exists():
            older.replace(log_file.with_name(f"{log_file.name}.{number + 1}"))
    log_file.replace(log_file.with_name(f"{log_file.name}.1"))
