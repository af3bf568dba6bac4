"""Fitting text of any length into a given width: shrink to a floor, then wrap at the floor.

Names print exactly as stored, however long; a cell or a certificate must never cut one or let
it run over its edge. Pure arithmetic on ReportLab's font metrics, so it is cheap to test.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

LEADING = 1.2  # line spacing as a multiple of the font size
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class FittedText:
    size: float
    lines: tuple[str, ...]  # empty for blank text

    @property
    def leading(self) -> float:
        return self.size * LEADING

    @property
    def height(self) -> float:
        """From the top of the first line to the foot of the last, in points."""
        return len(self.lines) * self.leading


def fit_text(text: str, font: str, width: float, largest: float, smallest: float) -> FittedText:
    """The largest size (at most ``largest``) at which ``text`` fits ``width`` on one line;
    when even ``smallest`` is too wide, the text wrapped at ``smallest``."""
    text = text.strip()
    if not text:
        return FittedText(largest, ())
    width_at_one_point = stringWidth(text, font, 1)
    if width_at_one_point <= 0:
        return FittedText(largest, (text,))
    # Widths grow linearly with size; round down to a tenth of a point so the line fits.
    size = min(largest, math.floor(width / width_at_one_point * 10) / 10)
    if size >= smallest:
        return FittedText(size, (text,))
    return FittedText(smallest, wrap(text, font, smallest, width))


def wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """Lines no wider than ``width``, broken between words; a word too long for a line of its
    own is broken between letters. The spaces inside a line are kept as written."""
    lines: list[str] = []
    line_start = line_end = None  # the current line is text[line_start:line_end]
    for word in _WORD.finditer(text):
        if line_start is not None and _fits(text[line_start : word.end()], font, size, width):
            line_end = word.end()
            continue
        if line_start is not None:
            lines.append(text[line_start:line_end])
        if _fits(word.group(), font, size, width):
            line_start, line_end = word.start(), word.end()
            continue
        *whole, rest = _break_word(word.group(), font, size, width)
        lines.extend(whole)
        line_end = word.end()
        line_start = line_end - len(rest)
    if line_start is not None:
        lines.append(text[line_start:line_end])
    return tuple(lines)


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Pieces of one over-long word, each as long as fits (at least one letter, so a column
    narrower than a letter still ends)."""
    pieces: list[str] = []
    piece = ""
    for letter in word:
        # An accent written as a separate mark stays with its letter.
        joins_previous = bool(unicodedata.combining(letter))
        if piece and not joins_previous and not _fits(piece + letter, font, size, width):
            pieces.append(piece)
            piece = ""
        piece += letter
    pieces.append(piece)
    return pieces


def _fits(text: str, font: str, size: float, width: float) -> bool:
    return stringWidth(text, font, size) <= width
