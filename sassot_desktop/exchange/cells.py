"""What one cell of an export may hold, and the rule that keeps Excel from running it.

A spreadsheet treats text starting with ``=``, ``+``, ``-`` or ``@`` (and, in some versions,
a tab or carriage return before them) as a formula to evaluate: a person's name typed as
``=HYPERLINK(…)`` at a walk-in desk must reach the team's Excel as the text it was, not as a
link or a command. Numbers, dates and money are typed values, never text, so a negative
amount stays a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

# The first characters that make Excel (or LibreOffice, or Google Sheets) read text as live.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Money:
    """An amount in whole pence, shown as pounds: ``Money(1250)`` is £12.50."""

    pence: int

    @property
    def pounds_text(self) -> str:
        """ "12.50", "-3.05": a plain number Excel reads as one, whatever its locale's symbol."""
        sign = "-" if self.pence < 0 else ""
        whole, pence = divmod(abs(self.pence), 100)
        return f"{sign}{whole}.{pence:02d}"


Cell = str | int | date | time | datetime | Money | bool | None


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as something to evaluate rather than show."""
    return text.startswith(FORMULA_STARTS)


def defused(text: str) -> str:
    """Text made safe for a CSV file: a leading apostrophe, which Excel shows as plain text."""
    return f"'{text}" if looks_like_formula(text) else text
