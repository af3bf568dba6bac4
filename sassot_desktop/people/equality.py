"""Equality monitoring: the questions, their answers, and the age band from a date of birth.

Every answer is optional and "Prefer not to say" is an answer of its own (stored), unlike a
question never asked (None). Ethnicity and disability are special-category data: they are
shown on the person's own page and counted in aggregate, never listed or exported per person.
"""

from __future__ import annotations

from datetime import date

from sassot_desktop.errors import UserError

PREFER_NOT_TO_SAY = "Prefer not to say"

GENDERS: tuple[str, ...] = ("Female", "Male", "Non-binary", "Another gender", PREFER_NOT_TO_SAY)

# The 2021 census groups for England and Wales, each answer stored as "group: category".
ETHNIC_GROUPS: dict[str, tuple[str, ...]] = {
    "Asian or Asian British": (
        "Bangladeshi",
        "Chinese",
        "Indian",
        "Pakistani",
        "Any other Asian background",
    ),
    "Black, Black British, Caribbean or African": (
        "African",
        "Caribbean",
        "Any other Black, Black British or Caribbean background",
    ),
    "Mixed or multiple ethnic groups": (
        "White and Asian",
        "White and Black African",
        "White and Black Caribbean",
        "Any other Mixed or multiple ethnic background",
    ),
    "White": (
        "English, Welsh, Scottish, Northern Irish or British",
        "Irish",
        "Gypsy or Irish Traveller",
        "Roma",
        "Any other White background",
    ),
    "Other ethnic group": ("Arab", "Any other ethnic group"),
}
ETHNICITIES: tuple[str, ...] = (
    *(f"{group}: {each}" for group, categories in ETHNIC_GROUPS.items() for each in categories),
    PREFER_NOT_TO_SAY,
)

# The Equality Act question: a physical or mental condition lasting, or expected to last, a year.
DISABILITY_ANSWERS: tuple[str, ...] = ("Yes", "No", PREFER_NOT_TO_SAY)

# (lowest age, label); the 16-18 band is the young leaders'.
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (0, "Under 16"),
    (16, "16–18"),
    (19, "19–24"),
    (25, "25–34"),
    (35, "35–44"),
    (45, "45–54"),
    (55, "55–64"),
    (65, "65 and over"),
)
UNKNOWN_AGE = "Not known"


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(born: date | None, today: date) -> str:
    """The band of someone's age today: "25–34"; "Not known" without a date of birth."""
    if born is None:
        return UNKNOWN_AGE
    age = age_on(born, today)
    band = AGE_BANDS[0][1]
    for lowest, label in AGE_BANDS:
        if age >= lowest:
            band = label
    return band


def checked(answer: str | None, allowed: tuple[str, ...], question: str) -> str | None:
    """An answer as stored: one of ``allowed``, or None for not asked."""
    if answer is None or not answer.strip():
        return None
    for choice in allowed:
        if choice.casefold() == answer.strip().casefold():
            return choice
    raise UserError(
        f"“{answer}” is not an answer to the {question} question; pick one from the list."
    )
