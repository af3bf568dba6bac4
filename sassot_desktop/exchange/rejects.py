"""The rejects file: the rows an import refused, for the officer to correct and import again.

A CSV that Excel opens as it is (UTF-8 with a byte-order mark): ``Line`` first (the row number
Excel showed in the original file), then the field and the reason in plain words, then the
original cells under their original headers. Good rows are never listed. A cell that Excel
would run as a formula gets the apostrophe every export gives it; the import takes it off.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from sassot_desktop.exchange.cells import defused
from sassot_desktop.exchange.people_import import Rejection
from sassot_desktop.files import write_atomically

HEADERS = ("Line", "Field", "Reason")


def rejects_csv(headers: Sequence[str], rejections: Sequence[Rejection]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel")
    writer.writerow([*HEADERS, *headers])
    for rejection in rejections:
        writer.writerow(
            [
                rejection.line,
                rejection.field,
                rejection.reason,
                *(_as_written(cell) for cell in rejection.cells),
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def write_rejects(
    path: str | Path, headers: Sequence[str], rejections: Sequence[Rejection]
) -> Path:
    return write_atomically(path, rejects_csv(headers, rejections))


def _as_written(cell: object) -> str:
    """A cell as the officer typed it, so that correcting it and importing again just works."""
    if cell is None:
        return ""
    if isinstance(cell, datetime | date):
        return f"{cell:%d/%m/%Y}"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return defused(str(cell))
