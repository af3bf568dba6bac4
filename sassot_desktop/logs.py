"""The log file: where tracebacks go, so that screens and terminals only ever show sentences."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from sassot_desktop.paths import make_private_file

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(log_file: Path) -> None:
    """Send every log record of the program to a rotating, private file (and nowhere else)."""
    root = logging.getLogger()
    if any(getattr(h, "sassot_log", False) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.sassot_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # Alembic narrates every plugin it loads; only its warnings are worth keeping.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    make_private_file(log_file)
