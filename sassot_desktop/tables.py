"""Writing rows for the terminal: an aligned table for people, TSV for the team's scripts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO


def _cell(value: object) -> str:
    if value is None:
        return ""
    # A tab or line break inside a value would shift every later column of a TSV row.
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def write(out: TextIO, columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str) -> None:
    cells = [[_cell(value) for value in row] for row in rows]
    if fmt == "tsv":
        out.write("\t".join(columns) + "\n")
        for row in cells:
            out.write("\t".join(row) + "\n")
        return
    widths = [len(c) for c in columns]
    for row in cells:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(value.ljust(width) for value, width in zip(values, widths, strict=True))

    out.write(line(columns).rstrip() + "\n")
    out.write(line(["-" * w for w in widths]) + "\n")
    for row in cells:
        out.write(line(row).rstrip() + "\n")
