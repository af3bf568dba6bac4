"""One cell of a legacy spreadsheet made into a value the database keeps, or a plain reason why
not ("Date of birth 31/02/1980 is not a real date").

Cells arrive as CSV text or as the typed values of a workbook (numbers, datetimes). Each
function here takes one such cell and returns the clean value, None for an empty cell, or
raises ``Refused`` with a sentence the rejects file shows beside the row. Only an email, a date
or a postcode is refused: those are what the officer relies on to reach or place a person.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from sassot_desktop import postcodes
from sassot_desktop.exchange.cells import looks_like_formula
from sassot_desktop.exchange.common_shapes import plain_email, uk_mobile


class Refused(ValueError):
    """A cell that cannot be kept as it is; the whole row waits for the officer to correct it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Excel counts days from 30 December 1899 (its serial 60 is a 29 February 1900 that never was,
# so serials from 61 on, every date since March 1900, come out right from this origin).
_EXCEL_EPOCH = date(1899, 12, 30)
_FIRST_SERIAL, _LAST_SERIAL = 61, 2_958_465  # 1 March 1900 and 31 December 9999
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_PLAIN_DAY_FIRST = re.compile(r"(\d\d)/(\d\d)/(\d{4})", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SERIAL = re.compile(r"^\d{4,5}(?:\.0+)?$")
# Spreadsheets write midnight after a date cell that was typed as a date-time.
_TRAILING_MIDNIGHT = re.compile(r"\s+0{1,2}:00(?::00)?$")


def text(cell: object) -> str | None:
    """Text exactly as written: one Unicode form, outer spaces trimmed, capitals kept.

    A value that looks like a formula ("=HYPERLINK(…)") is kept as these characters, never
    evaluated; exports neutralise it again on the way out, with an apostrophe in front that is
    taken off here, so that our own exports and rejects files come back in as they went out.
    """
    if cell is None:
        return None
    if type(cell) is not str:  # 80,000 cells of a large CSV file are all plain str
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        cell = str(cell)
    cleaned = (cell if cell.isascii() else unicodedata.normalize("NFC", cell)).strip()
    if cleaned.startswith("'") and looks_like_formula(cleaned[1:]):
        cleaned = cleaned[1:]
    return cleaned or None


def email(cell: object) -> str | None:
    written = text(cell)
    if written is None:
        return None
    if plain := plain_email(written):
        return plain
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(written, check_deliverability=False)
    except EmailNotValidError:
        raise Refused(f"Email {written} is not an email address") from None
    return checked.normalized


def birth_date(cell: object, today: date) -> date | None:
    """A date of birth as spreadsheets hold it: day-first, ISO, a serial day number or a date."""
    day = _date(cell, "Date of birth")
    if day is not None and day > today:
        raise Refused(f"Date of birth {_as_written(cell)} is in the future")
    return day


def _date(cell: object, label: str) -> date | None:
    # Most dates of a large file are written dd/mm/yyyy: read those in one step, and leave
    # everything else (and any such date that is not real) to the general path below.
    if type(cell) is str and (match := _PLAIN_DAY_FIRST.fullmatch(cell)) is not None:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    if cell is None:
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, bool):  # TRUE or FALSE in a workbook's date column
        raise Refused(f"{label} {str(cell).upper()} is not a date")
    written = text(cell)
    if written is None:
        return None
    if written.endswith("00"):  # as every trailing midnight does; most dates do not
        written = _TRAILING_MIDNIGHT.sub("", written)
    if isinstance(cell, int | float) or _SERIAL.match(written):
        serial = float(written)
        # Before March 1900 Excel's own calendar is wrong; after 9999 no date can follow.
        if not _FIRST_SERIAL <= serial < _LAST_SERIAL + 1:
            raise Refused(f"{label} {written} is not a date")
        return _EXCEL_EPOCH + timedelta(days=int(serial))
    if match := _DAY_FIRST.match(written):
        day, month, year = map(int, match.groups())
        if len(match[3]) == 2:
            raise Refused(f"{label} {written} has a two-digit year; write the year in full")
    elif match := _ISO.match(written):
        year, month, day = map(int, match.groups())
    else:
        raise Refused(f"{label} {written} is not a date; write it as day/month/year")
    try:
        return date(year, month, day)
    except ValueError:
        raise Refused(f"{label} {written} is not a real date") from None


def postcode(cell: object) -> str | None:
    written = text(cell)
    if written is None:
        return None
    cleaned = postcodes.normalised(written)
    if cleaned is None:
        raise Refused(f"Postcode {written} is not a UK postcode")
    return cleaned


def phone(cell: object) -> str | None:
    """A phone number written one way: UK numbers as the UK writes them ("07700 900123"),
    others in international form. Text that is not a number ("ask for Bob at the club") is
    kept as written: a phone cell never costs the officer the whole row."""
    written = text(cell)
    if written is None:
        return None
    return uk_mobile(written) or phone_by_library(written)


def phone_by_library(written: str) -> str:
    """The number as phonenumbers writes it, or the text as written if it is not one."""
    import phonenumbers

    try:
        number = phonenumbers.parse(written, "GB")
    except phonenumbers.NumberParseException:
        return written
    if not phonenumbers.is_possible_number(number):
        return written
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 44
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def _as_written(cell: object) -> str:
    if isinstance(cell, datetime | date):
        return f"{cell:%d/%m/%Y}"
    return text(cell) or ""
