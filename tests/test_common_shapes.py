"""The shortcuts for plain email addresses and UK mobiles never disagree with the libraries.

Each shortcut may only answer for text its library accepts, and must write it exactly as the
library does; for anything else it steps aside. Thousands of generated cells, weighted towards
the awkward characters (dots, hyphens, doubled hyphens, special-use domains, lengths at the
limits, other prefixes and groupings), are put to both.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from email_validator import EmailNotValidError, validate_email

from sassot_desktop.exchange import cleaning
from sassot_desktop.exchange.common_shapes import plain_email, uk_mobile

SAMPLES = 6000


def library_email(written: str) -> str | None:
    try:
        return validate_email(written, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def library_phone(written: str) -> str:
    """What ``cleaning.phone`` writes without the shortcut: phonenumbers alone."""
    return cleaning.phone_by_library(written)


def generated_email(rng: random.Random) -> str:
    if rng.random() < 0.3:  # as most files hold them
        name = rng.choice(["jo.bloggs", "Zoe_OBrien", "k.patel+sassot", "ab-99"])
        return f"{name}{rng.randint(0, 999)}@{rng.choice(['gmail.com', 'Club.ORG.uk'])}"
    pieces = ["jo", "Zoe", "o", "bloggs", "x1", "_", "+", "-", ".", "..", "é", " ", "99", "A"]
    pieces += ["ŵ", "Ł", "ı", "К", "ß", "ﬁ", "²", "٣", "\u0301", "e\u0301", "\u200b", "\u00a0"]
    pieces += ["Info", "SALES", "www", "mar\u212aeting", "İnfo", "\U0001f600"]
    labels = ["club", "org", "uk", "co", "xn--bcher-kva", "a-b", "-a", "b-", "a--b", "1", "ab"]
    labels += ["bücher", "Ł"]
    tails = ["uk", "com", "org", "test", "local", "onion", "arpa", "invalid", "localhost", "c"]
    tails += ["7z", "UK", "Org", "museum", "x" * rng.randint(2, 40)]
    local = "".join(rng.choices(pieces, k=rng.randint(1, 6)))
    domain = ".".join([*rng.choices(labels, k=rng.randint(0, 3)), rng.choice(tails)])
    address = f"{local}@{domain}"
    if rng.random() < 0.1:  # near and past the 64-character limit of the shortcut
        address = rng.choice("aŵ") * rng.randint(20, 70) + address
    if rng.random() < 0.05:
        address = address.replace("@", rng.choice(["@@", "", "@.", ".@"]))
    return address


def generated_phone(rng: random.Random) -> str:
    digits = f"07{rng.randint(0, 999):03d}{rng.randint(0, 999999):06d}"
    if rng.random() < 0.1:
        digits = digits[: rng.randint(3, 12)] + rng.choice(["", "1", "12"])
    start = rng.choice(["", "+44", "+44 ", "0044 ", "44", "+44 (0)", "(", "+33 "])
    if start and digits.startswith("0") and rng.random() < 0.8:
        digits = digits[1:]
    written = start + digits
    for _ in range(rng.randint(0, 3)):  # spacing as people type it
        at = rng.randint(0, len(written))
        written = written[:at] + rng.choice([" ", "-", "(", ")", ".", "  ", "()"]) + written[at:]
    return written


def test_the_email_shortcut_answers_only_as_email_validator_would() -> None:
    rng = random.Random(2026)
    answered = 0
    for _ in range(SAMPLES):
        written = generated_email(rng)
        shortcut = plain_email(written)
        if shortcut is not None:
            answered += 1
            assert shortcut == library_email(written), written
    assert answered > SAMPLES // 10  # the shortcut is really taken for plain addresses


def test_the_mobile_shortcut_answers_only_as_phonenumbers_would() -> None:
    rng = random.Random(2026)
    answered = 0
    for _ in range(SAMPLES):
        written = generated_phone(rng)
        shortcut = uk_mobile(written)
        if shortcut is not None:
            answered += 1
            assert shortcut == library_phone(written), written
    assert answered > SAMPLES // 10


def test_every_mobile_prefix_is_grouped_as_phonenumbers_groups_it() -> None:
    for prefix in range(1000):
        for written in (f"07{prefix:03d}123456", f"+44 7{prefix:03d} 000999"):
            shortcut = uk_mobile(written)
            if shortcut is not None:
                assert shortcut == library_phone(written), written


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Jo.Bloggs@Stafford-Rangers.ORG.uk", "Jo.Bloggs@stafford-rangers.org.uk"),
        ("jo@club.test", None),  # a special-use domain is the library's to refuse
        ("jo..bloggs@club.org", None),
        ("Zoë.Ó_Brien@Club.org", "Zoë.Ó_Brien@club.org"),  # letters beyond ASCII are kept
        ("zoe@bücher.de", None),  # an international domain: the library decides
        ("zoe\u200b@club.org", None),  # so does anything in it but letters
        ("Info@club.org", "info@club.org"),  # a role mailbox, in lower case as the library has it
    ],
)
def test_plain_addresses_are_written_as_the_library_writes_them(written, expected) -> None:
    assert plain_email(written) == expected


@pytest.mark.parametrize(
    "written",
    ["07700 900123", "07700900123", "+44 7700 900123", "0044 7700 900123", "077-009-00123"],
)
def test_a_mobile_cleans_the_same_with_or_without_the_shortcut(written) -> None:
    assert cleaning.phone(written) == library_phone(written) == "07700 900123"


def test_a_date_written_dd_mm_yyyy_reads_as_the_general_reading_reads_it() -> None:
    """Dates of birth written exactly dd/mm/yyyy are read in one step; with a space in front
    the same text takes the general path, and the two must agree on every day, real or not."""
    rng = random.Random(2026)
    written = [
        f"{rng.randint(0, 39):02d}/{rng.randint(0, 19):02d}/{rng.choice(years):04d}"
        for years in [(0, 1, 1899, 1900, 1985, 2000, 2024, 2026, 2027, 9999)]
        for _ in range(SAMPLES)
    ]
    written += ["29/02/2000", "29/02/1900", "31/04/1990", "00/01/1990", "01/13/1990"]

    def read(cell: str) -> object:
        try:
            return cleaning.birth_date(cell, today=date(2026, 11, 24))
        except cleaning.Refused as refusal:
            return refusal.reason

    for cell in written:
        assert read(cell) == read(f" {cell}"), cell
