"""The county's nine districts (one Community Sports Network each)."""

from sassot_desktop.errors import UserError

DISTRICTS: tuple[str, ...] = (
    "Cannock Chase",
    "East Staffordshire",
    "Lichfield",
    "Newcastle-under-Lyme",
    "South Staffordshire",
    "Stafford",
    "Staffordshire Moorlands",
    "Stoke-on-Trent",
    "Tamworth",
)


def checked_district(name: str | None) -> str | None:
    """A district as stored: one of the nine, or None for outside the county or unknown."""
    if name is None or not name.strip():
        return None
    for district in DISTRICTS:
        if district.casefold() == name.strip().casefold():
            return district
    raise UserError(
        f"“{name}” is not one of the nine districts; leave the district empty outside the county."
    )
