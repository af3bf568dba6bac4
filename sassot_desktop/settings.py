"""The officer's settings for this data folder: a small JSON file, written whole or not at all.

Kept beside the database rather than in it, so that a restored backup does not take the sync
folder or remembered column mappings back in time, and a damaged database does not lose them.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sassot_desktop.files import write_atomically

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"


class Settings:
    """Named values that outlive the program: ``get`` with a default, ``set`` saves at once."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self._values = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            values = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            # An unreadable settings file must not stop the evening: start from the defaults
            # and keep the damaged file aside for whoever looks into it.
            log.exception("Settings file %s could not be read; using defaults", self.path)
            return {}
        return values if isinstance(values, dict) else {}

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def set(self, key: str, value: Any) -> None:
        # Read again first: another screen (or the command line) may have saved since we loaded,
        # and the file is written whole.
        self._values = self._load()
        self._values[key] = value
        text = json.dumps(self._values, ensure_ascii=False, indent=2, sort_keys=True)
        write_atomically(self.path, (text + "\n").encode("utf-8"))
