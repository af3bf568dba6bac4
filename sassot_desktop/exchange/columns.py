"""Which column of a legacy file holds which detail of a person.

Headers are matched on their letters and digits only, ignoring case and punctuation, so
"E-mail Address", "Email address" and "EMAIL_ADDRESS" are one name. The officer can correct a
guess in the import wizard; the corrected mapping is remembered for the next file whose
headers are the same (its "shape").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # the officer's word for it, in previews and the rejects file
    headers: tuple[str, ...]  # header names people really use, in any case or punctuation
    required: bool = False


FIELDS: tuple[Field, ...] = (
    Field(
        "first_name",
        "First name",
        (
            "Forename",
            "First Name",
            "Firstname",
            "Given Name",
            "First",
            "Christian Name",
            "Forenames",
        ),
        required=True,
    ),
    Field(
        "last_name",
        "Last name",
        ("Surname", "Last Name", "Lastname", "Family Name", "Last"),
        required=True,
    ),
    Field(
        "email",
        "Email",
        ("Email", "E-mail", "E-mail Address", "Email Address", "Mail", "Email Addr"),
    ),
    Field(
        "phone",
        "Phone",
        (
            "Phone",
            "Mobile",
            "Mobile No.",
            "Mobile Number",
            "Telephone",
            "Tel",
            "Tel No.",
            "Phone Number",
            "Contact Number",
            "Mob",
        ),
    ),
    Field("postcode", "Postcode", ("Postcode", "Post Code", "Postal Code", "Zip")),
    Field(
        "date_of_birth",
        "Date of birth",
        ("DOB", "D.O.B.", "Date of Birth", "Birth Date", "Birthdate", "Birthday"),
    ),
    Field(
        "club",
        "Club",
        (
            "Club",
            "Club / Organisation",
            "Organisation",
            "Organization",
            "Club Name",
            "Club/Organisation",
            "School / Club",
        ),
    ),
    Field("sport", "Sport", ("Sport", "Sports", "Main Sport", "Activity")),
)
FIELD_BY_KEY = {field.key: field for field in FIELDS}

_NOT_LETTERS = re.compile(r"[^0-9a-z]+")


def _plain(header: str) -> str:
    return _NOT_LETTERS.sub("", header.casefold())


_KNOWN = {_plain(header): field.key for field in FIELDS for header in field.headers}


def guess(headers: Sequence[str]) -> dict[int, str]:
    """The columns whose headers name a field; the first column wins when two name the same."""
    mapping: dict[int, str] = {}
    for position, header in enumerate(headers):
        key = _KNOWN.get(_plain(header))
        if key is not None and key not in mapping.values():
            mapping[position] = key
    return mapping


def shape(headers: Sequence[str]) -> str:
    """A short name for a file's headers, the same for every file saved from the same sheet."""
    joined = "\x1f".join(_plain(header) for header in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def missing_required(mapping: Mapping[int, str]) -> list[Field]:
    return [field for field in FIELDS if field.required and field.key not in mapping.values()]


def checked(mapping: Mapping[int, str], columns: int) -> dict[int, str]:
    """A mapping read back from settings, kept only where it still fits the file."""
    fitted: dict[int, str] = {}
    for position, key in mapping.items():
        index = int(position)
        if 0 <= index < columns and key in FIELD_BY_KEY and key not in fitted.values():
            fitted[index] = key
    return fitted


_REMEMBERED = "import_mappings"


def mapping_for(headers: Sequence[str], settings) -> dict[int, str]:
    """The mapping the officer last chose for files of this shape, else a guess from headers."""
    remembered = settings.get(_REMEMBERED, {}).get(shape(headers))
    if remembered:
        return checked(remembered, len(headers))
    return guess(headers)


def remember(headers: Sequence[str], mapping: Mapping[int, str], settings) -> None:
    """Keep the officer's mapping for the next file with the same headers."""
    remembered = dict(settings.get(_REMEMBERED, {}))
    remembered[shape(headers)] = {str(position): key for position, key in mapping.items()}
    settings.set(_REMEMBERED, remembered)
