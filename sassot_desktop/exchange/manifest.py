"""What the sync remembers between runs: a small JSON file in the data folder.

Two things are kept. For each file of the outbox, its size, modification time and content
hash, so a file is hashed again only when its size or time moved. For each shared-drive folder
the officer has synced to, what we last left there: every file's content hash and the size and
modification time the drive gave it, the files in conflict with a colleague's, and when the
last sync finished. Comparing the drive's size and time with those tells, without reading the
file, that nobody has changed it since.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sassot_desktop.files import write_atomically

log = logging.getLogger(__name__)

FILE_NAME = "sync-manifest.json"
_FORMAT = 1


# The entries are named tuples: a thousand of them are read and written as JSON arrays on
# every sync, which is most of what a sync with nothing to copy costs.


class LocalFile(NamedTuple):
    """A file of the outbox as it was when we last hashed it."""

    size: int
    mtime_ns: int
    hash: str


class LeftOnDrive(NamedTuple):
    """A file as we left it on the drive: what we wrote, and how the drive then showed it."""

    hash: str
    size: int
    mtime_ns: int


class Conflict(NamedTuple):
    """A colleague's file where ours belongs; ours (``hash``) went beside it as ``copy``."""

    hash: str
    copy: str
    theirs_size: int
    theirs_mtime_ns: int


@dataclass
class TargetState:
    files: dict[str, LeftOnDrive] = field(default_factory=dict)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    last_synced: str | None = None  # the venue's wall clock, ISO format, of the last full sync


class Manifest:
    """The sync's memory for one data folder; ``save`` writes it whole, and only if it changed."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.local: dict[str, LocalFile] = {}
        self.targets: dict[str, TargetState] = {}
        self._saved = self._load()

    def _load(self) -> str:
        try:
            text = self.path.read_text(encoding="utf-8")
            values = json.loads(text)
            self.local = {
                name: LocalFile(*entry) for name, entry in values.get("local", {}).items()
            }
            self.targets = {
                key: TargetState(
                    files={n: LeftOnDrive(*e) for n, e in state.get("files", {}).items()},
                    conflicts={n: Conflict(*e) for n, e in state.get("conflicts", {}).items()},
                    last_synced=state.get("last_synced"),
                )
                for key, state in values.get("targets", {}).items()
            }
        except FileNotFoundError:
            return ""
        except (OSError, ValueError, TypeError, AttributeError):
            # Forgetting costs one full comparison with the drive, never a lost file: files
            # that match are adopted, others go beside a colleague's as copies.
            log.exception("Sync manifest %s could not be read; starting afresh", self.path)
            self.local, self.targets = {}, {}
            return ""
        return text

    def target(self, folder: str | os.PathLike[str]) -> TargetState:
        return self.targets.setdefault(target_key(folder), TargetState())

    def save(self) -> None:
        text = json.dumps(
            {
                "format": _FORMAT,
                "local": self.local,
                "targets": {
                    key: {
                        "files": state.files,
                        "conflicts": state.conflicts,
                        "last_synced": state.last_synced,
                    }
                    for key, state in self.targets.items()
                },
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        if text != self._saved:
            write_atomically(self.path, text.encode("utf-8"))
            self._saved = text


def target_key(folder: str | os.PathLike[str]) -> str:
    """One spelling per folder, so ``S:\\Workforce\\`` and ``s:\\workforce`` share a memory."""
    return os.path.normcase(os.path.normpath(os.path.abspath(os.fspath(folder))))
