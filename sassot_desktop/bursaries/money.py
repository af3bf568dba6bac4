"""Amounts of money as the officer types them: "£1,250.50", "1250.5" and "1250" are all
£1,250.50 or £1,250, kept as whole pence. Never a float on the way."""

from __future__ import annotations

import re

from sassot_desktop.errors import UserError

# Pounds with or without the sign and thousands commas, then at most two figures of pence.
_AMOUNT = re.compile(r"£?(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<pence>\d{1,2}))?")
# Far above any bursary; keeps sums well inside a 32-bit integer column on PostgreSQL.
LARGEST_PENCE = 100_000_000


def parse_amount(text: str, what: str) -> int:
    """``text`` as whole pence; ``what`` names the field in the refusal ("The amount asked")."""
    cleaned = "".join(text.split())
    if not cleaned:
        raise UserError(f"{what} is missing; write it in pounds, like 250 or £1,250.50.")
    if cleaned.startswith(("-", "£-", "−")):
        raise UserError(f"{what} cannot be negative; write it like 250 or £1,250.50.")
    match = _AMOUNT.fullmatch(cleaned)
    if match is None or not (match["pounds"] or match["pence"]):
        raise UserError(
            f"{what} “{text.strip()}” is not an amount in pounds and pence; "
            "write it like 250 or £1,250.50."
        )
    pounds = int((match["pounds"] or "0").replace(",", ""))
    pence = int((match["pence"] or "0").ljust(2, "0"))
    total = pounds * 100 + pence
    if total > LARGEST_PENCE:
        raise UserError(f"{what} {pounds_text(total)} is far too large; check the figure.")
    return total


def parse_positive_amount(text: str, what: str) -> int:
    """Like ``parse_amount``, refusing £0 too."""
    pence = parse_amount(text, what)
    if pence == 0:
        raise UserError(f"{what} must be more than £0.")
    return pence


def pounds_text(pence: int) -> str:
    """1250 → "£12.50", 0 → "£0.00": a figure in a sentence or on the round's page."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def plain_pounds(pence: int | None) -> str:
    """1250 → "12.50", None → "": the form the team's scripts read from ``--format tsv``."""
    if pence is None:
        return ""
    whole, part = divmod(pence, 100)
    return f"{whole}.{part:02d}"
