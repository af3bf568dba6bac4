"""Hours as the officer writes and reads them, kept as whole minutes (never a float).

Hours are logged to the quarter of an hour: "2.5", "2:30", "2h30" and "2¼" are all 150
minutes.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from sassot_desktop.errors import UserError

QUARTER = 15  # minutes
# One entry may sum up a season's sessions, but not this many: that is a slip of the keyboard.
MOST_MINUTES = 1000 * 60
_FRACTIONS = {"¼": "0.25", "½": "0.5", "¾": "0.75"}
_CLOCK = re.compile(r"^(\d+)\s*(?::|h)\s*(\d{1,2})\s*(?:m|min)?$")


def parse_hours(text: str) -> int:
    """What was typed, as whole minutes; refuses anything that is not a quarter-hour amount."""
    cleaned = text.strip().lower().removesuffix("hours").removesuffix("hrs").strip()
    minutes = _clock_minutes(cleaned)
    if minutes is None:
        minutes = _decimal_minutes(cleaned, text)
    if minutes <= 0:
        raise UserError("Enter the hours given, more than none, like 2.5 or 2:30.")
    if minutes % QUARTER:
        raise UserError(
            f"“{text.strip()}” is not a whole number of quarter hours; write it like "
            "2.25, 2.5 or 2:45."
        )
    if minutes > MOST_MINUTES:
        raise UserError(
            f"“{text.strip()}” hours is more than one entry can hold; check the number."
        )
    return minutes


def _clock_minutes(cleaned: str) -> int | None:
    match = _CLOCK.match(cleaned)
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes >= 60:
        raise UserError(f"“{cleaned}” has more than 59 minutes; write it like 2:45.")
    return hours * 60 + minutes


def _decimal_minutes(cleaned: str, text: str) -> int:
    for sign, decimal in _FRACTIONS.items():
        if cleaned.endswith(sign):
            whole = cleaned[: -len(sign)].strip() or "0"
            cleaned = str(Decimal(whole) + Decimal(decimal)) if whole.isdigit() else "x"
    try:
        hours = Decimal(cleaned.removesuffix("h").strip())
    except InvalidOperation:
        raise UserError(f"“{text.strip()}” is not a number of hours; write it like 2.5.") from None
    if not hours.is_finite():
        raise UserError(f"“{text.strip()}” is not a number of hours; write it like 2.5.")
    minutes = hours * 60
    if minutes != minutes.to_integral_value():
        raise UserError(
            f"“{text.strip()}” is not a whole number of quarter hours; write it like "
            "2.25, 2.5 or 2:45."
        )
    return int(minutes)


def hours_text(minutes: int) -> str:
    """150 → "2.5", 2985 → "49.75", 60 → "1": hours as a spreadsheet reads them."""
    whole, rest = divmod(minutes, 60)
    if not rest:
        return str(whole)
    return f"{whole}.{rest * 100 // 60:02d}".rstrip("0")
