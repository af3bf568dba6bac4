"""How dates, times and money read to the officer: day-first dates, pounds and pence."""

from __future__ import annotations

from datetime import date, datetime, time

from sassot_desktop.errors import UserError


def long_date(day: date) -> str:
    """ "Monday 23 November 2026" (built by hand: %-d does not exist on Windows)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def day_and_time(moment: datetime) -> str:
    """ "Mon 23 Nov 2026 20:31": a moment in a list the officer scans, such as the backups."""
    return f"{moment:%a} {moment.day} {moment:%b %Y %H:%M}"


def file_size(size: int) -> str:
    """ "840 KB", "12.3 MB": sizes as a file manager shows them."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    if size < 1_000_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1_000_000_000:.1f} GB"


def short_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def clock(moment: time | None) -> str:
    return f"{moment:%H:%M}" if moment else ""


def pounds(pence: int) -> str:
    """1250 → "£12.50"; 0 → "Free"."""
    if pence == 0:
        return "Free"
    return f"£{pence // 100:,}.{pence % 100:02d}"


def parse_pounds(text: str) -> int:
    """ "12.50", "£12.5", "12" → whole pence; refuses anything that is not an amount."""
    from decimal import Decimal, InvalidOperation  # here: the check-in screen never needs it

    cleaned = text.strip().replace("£", "").replace(",", "")
    if not cleaned:
        return 0
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise UserError(f"“{text}” is not an amount of money; write it like 12.50.") from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise UserError(f"“{text}” is not an amount in pounds and pence; write it like 12.50.")
    return int(amount * 100)


def parse_day(text: str) -> date | None:
    """A date as the UK writes it (03/04/1985 is 3 April) or ISO; empty means none."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        if "-" in cleaned:
            year, month, day = (int(part) for part in cleaned.split("-"))
        else:
            day, month, year = (int(part) for part in cleaned.replace(".", "/").split("/"))
        return date(year, month, day)
    except ValueError:
        raise UserError(
            f"“{text}” is not a real date; write it day first, like 03/04/1985."
        ) from None
