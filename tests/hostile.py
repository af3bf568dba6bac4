"""Generated hostile text for the property tests: what a careless paste, a foreign keyboard, an
old export tool or someone trying to break the program can put into a cell or a search box."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st

from sassot_desktop.exchange.cells import FORMULA_STARTS

# Pieces chosen because each has broken a program like this one somewhere.
COMBINING = "\u0301\u0308\u0327\u030a\u0323"  # acute, diaeresis, cedilla, ring, dot below
RIGHT_TO_LEFT = ("שלום", "مرحبا", "\u202eevil\u202c", "\u200f", "עברית-123")
EMOJI = ("🏃", "👩🏽‍🏫", "🇬🇧", "⚽", "🧑‍🦽")
CONTROLS = "".join(chr(code) for code in (*range(0x01, 0x20), 0x7F, 0x85))
SQL_AND_SEARCH_WORDS = (
    "%",
    "_",
    "*",
    "\\",
    '"',
    "'",
    "''",
    "%_",
    "\\%",
    "OR",
    "AND",
    "NOT",
    "NEAR",
    "NEAR/3",
    "-",
    "--",
    "/*",
    "*/",
    ";",
    "'; DROP TABLE person; --",
    "' OR '1'='1",
    "SELECT",
    "LIKE",
    "ESCAPE",
    "^",
    "(",
    ")",
    "{",
    ":",
    "\u0000",
)
NAMES = ("Zoë", "Ó'Brien", "Łukasz", "Siân", "Кузнецова", "Ayşe", "Ní Bhriain", "Llŵyd-Jones")

_any_character = st.characters(codec="utf-8", exclude_categories=("Cs",))
_piece = st.one_of(
    st.text(_any_character, max_size=12),
    st.sampled_from(NAMES),
    st.sampled_from(RIGHT_TO_LEFT),
    st.sampled_from(EMOJI),
    st.sampled_from(SQL_AND_SEARCH_WORDS),
    st.text(st.sampled_from(COMBINING), min_size=1, max_size=3),
    st.text(st.sampled_from(CONTROLS), min_size=1, max_size=2),
    st.sampled_from((" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2028", '"', '""', ",", ";")),
)


def _with_prefix(pieces: list[str], prefix: str) -> str:
    return prefix + "".join(pieces)


def _repeated(text: str, length: int) -> str:
    return (text or "x") * (length // max(1, len(text)))


def hostile_text(
    min_size: int = 0, max_pieces: int = 6, very_long: bool = True
) -> st.SearchStrategy[str]:
    """Text built from hostile pieces, sometimes led by a formula prefix, sometimes very long."""
    pieces = st.lists(_piece, min_size=min_size, max_size=max_pieces)
    prefix = st.sampled_from(("", "", "", *FORMULA_STARTS, "'=", " ="))
    text = st.builds(_with_prefix, pieces, prefix)
    if not very_long:
        return text.filter(lambda text: len(text) >= min_size)
    # Past Excel's 32,767 characters a cell, and past the csv module's own field limit.
    long_text = st.builds(_repeated, text, st.sampled_from((3_000, 40_000, 140_000)))
    return st.one_of(text, text, text, long_text).filter(lambda text: len(text) >= min_size)


def without_nul(text: str) -> str:
    return text.replace("\x00", "")


def fewer_examples(divisor: int) -> settings:
    """A share of the profile's budget, for a property whose every example is a large file:
    the long profile still runs this one for longer than the default does."""
    return settings(max_examples=max(10, settings.default.max_examples // divisor))
