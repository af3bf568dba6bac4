"""Writing files the officer asked for: whole or not at all, and private to them."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from sassot_desktop.errors import UserError


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file beside it, then swap it in.

    A failed write (full disk, pulled USB stick, file open in another program) leaves any old
    file at ``path`` as it was and says so in one sentence. The file is readable by the user
    only, like everything else the program writes.
    """
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as error:
        raise UserError(f"Could not write {target} ({error.strerror}).") from error
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise UserError(
            f"Could not write {target} ({error.strerror}); any file that was there is unchanged."
        ) from error
    return target


def safe_file_name(text: str, longest: int = 120) -> str:
    """Words made fit for a file name on any drive: "Emergency First Aid: Level 2/3" →
    "Emergency First Aid Level 2 3". Letters of any alphabet are kept."""
    safe = "".join(c if c.isalnum() or c in " -_.,()#" else " " for c in text)
    return " ".join(safe.split())[:longest].strip(" .")
