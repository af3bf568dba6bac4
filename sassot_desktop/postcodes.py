"""UK postcodes: checked, written one way, and placed in one of the county's districts.

The format check is the published pattern of UK postcodes (outward code, a space, the inward
digit and two letters), not a look-up: the program works offline and cannot know whether a
well-formed postcode was ever issued. The district comes from a table shipped with the program
(``resources/postcode-districts.csv``) of the county's postcode districts; where one straddles a
boundary the district is left for the officer to choose, and outside the county it stays empty.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from sassot_desktop.geography import DISTRICTS

_OUTSIDE = "outside"
# Area (1–2 letters), district (digit, then an optional digit or letter), then the inward code,
# with the letters each position never uses left out; plus GIR 0AA, still in use.
_POSTCODE = re.compile(
    r"^(?:([A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]?) ?([0-9][ABD-HJLNP-UW-Z]{2})|(GIR) ?(0AA))$"
)


def normalised(text: str) -> str | None:
    """The postcode written as Royal Mail writes it ("st16 2dn" → "ST16 2DN"), or None when it
    is not a UK postcode at all."""
    squeezed = "".join(text.split()).upper()
    match = _POSTCODE.match(squeezed)
    if match is None:
        return None
    outward, inward = (match[1], match[2]) if match[1] else (match[3], match[4])
    return f"{outward} {inward}"


@dataclass(frozen=True)
class Placement:
    """Where a postcode puts a person: one district, a choice between several, or outside."""

    district: str | None
    choices: tuple[str, ...] = ()

    @property
    def needs_choice(self) -> bool:
        return bool(self.choices)


def placement(postcode: str) -> Placement:
    """The district of a normalised postcode, as far as the postcode alone can tell."""
    return _placement_of_district(postcode.split(" ")[0])


@lru_cache(maxsize=4096)  # an import of thousands of people meets a few hundred, again and again
def _placement_of_district(outward: str) -> Placement:
    districts = _table().get(outward, ())
    inside = tuple(district for district in districts if district != _OUTSIDE)
    if len(districts) == 1 and inside:
        return Placement(inside[0])
    return Placement(None, inside if len(districts) > 1 else ())


@cache
def _table() -> dict[str, tuple[str, ...]]:
    text = (resources.files("sassot_desktop.resources") / "postcode-districts.csv").read_text(
        encoding="utf-8"
    )
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    table = {row["outward"]: tuple(row["districts"].split("|")) for row in rows}
    unknown = {d for ds in table.values() for d in ds} - {*DISTRICTS, _OUTSIDE}
    if unknown:  # a typing slip in the shipped table must not place people in no district
        raise ValueError(f"Unknown districts in the postcode table: {sorted(unknown)}")
    return table
