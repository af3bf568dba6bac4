"""Every folder the program uses, and the one rule for creating them privately.

By default the data lives in the user's data folder (platformdirs); ``--data-dir DIR`` or the
environment variable ``SASSOT_DATA_DIR`` moves everything (database, backups, exports, logs)
under DIR, which is how tests and a USB-stick setup keep their own copy.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

DATA_DIR_VARIABLE = "SASSOT_DATA_DIR"
_APP_FOLDER = "SASSOT Workforce"
_AUTHOR = "SASSOT"


class DataPaths(NamedTuple):
    """Where one installation keeps its files."""

    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "sassot.db"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def exports(self) -> Path:
        return self.data_dir / "exports"

    @property
    def outbox(self) -> Path:
        """The export set as the shared drive should show it; the sync mirrors this folder."""
        return self.data_dir / "shared-drive"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "sassot.log"

    def ensure(self) -> DataPaths:
        for folder in (self.data_dir, self.log_dir, self.backups, self.exports, self.outbox):
            make_private_dir(folder)
        return self


def resolve(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """The folders to use: an explicit folder, else the environment, else the platform's."""
    chosen = data_dir or os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return DataPaths(data_dir=root, log_dir=root / "logs")
    import platformdirs  # only here: tests and --data-dir starts never pay for it

    return DataPaths(
        data_dir=Path(platformdirs.user_data_dir(_APP_FOLDER, _AUTHOR)),
        log_dir=Path(platformdirs.user_log_dir(_APP_FOLDER, _AUTHOR)),
    )


def make_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and parents) readable by the user only; a lost laptop is the breach."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    return folder


def make_private_file(path: Path) -> None:
    """Restrict an existing file to its owner (no-op where POSIX modes do not apply)."""
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)


def use_private_files() -> None:
    """Everything the program creates from now on is readable by its user only."""
    if os.name == "posix":
        os.umask(0o077)
