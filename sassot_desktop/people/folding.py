"""The one rule for matching what the officer types against names as they are written.

"zoe ob" finds Zoë Ó'Brien, "lukasz wisniewski" finds Łukasz Wiśniewski, "kuznetsova" finds
Olga Кузнецова: text is transliterated to plain letters, lower-cased, apostrophes dropped
(O'Brien is one word) and cut into words at anything that is not a letter or digit. A query
matches when every word of it begins some word of the record.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import compress

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc]")
# The words of folded text: its runs of letters and digits, everything else a break.
_WORD = re.compile(r"[a-z0-9]+")
# Longer words are cut to this many characters; long enough for any real prefix typed.
TOKEN_LENGTH = 32
_NORMALISED_POSTCODE = re.compile(r"([A-Z0-9]{2,4}) ([0-9][A-Z]{2})", re.ASCII)


@lru_cache(maxsize=65536)  # names repeat across thousands of people; folding is the slow part
def fold(text: str) -> str:
    """Plain lower-case ASCII for comparing and sorting names: "Zoë Ó'Brien" → "zoe obrien"."""
    # Plain ASCII (most emails, postcodes and names) is already its own transliteration.
    plain = (text if text.isascii() else _transliterate(unicodedata.normalize("NFC", text))).lower()
    return " ".join(words_of_folded(_APOSTROPHES.sub("", plain)))


def _transliterate(text: str) -> str:
    # Imported on the first text that needs it: anyascii loads its tables through
    # importlib.resources, which the window's first paint would otherwise wait for.
    from anyascii import anyascii

    return anyascii(text)


def words_of_folded(folded: str) -> list[str]:
    return _WORD.findall(folded)


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def words(text: str) -> list[str]:
    """The query words of a text: "Llŵyd-Jones" → ["llwyd", "jones"]."""
    # Names repeat a great deal across tens of thousands of people; folding is the slow part.
    return list(_words(text))


def tokens(*fields: str | None) -> set[str]:
    """Every word a record can be found by, including joined hyphenated and spaced parts.

    "Siân Llŵyd-Jones" is found by "sian", "llwyd", "jones" and "llwydjones"; the postcode
    "ST16 2DN" by "st16", "2dn" and "st162dn".
    """
    found: set[str] = set()
    for field in fields:
        if field:
            found.update(_field_tokens(field))
    return found


def _add_field_tokens(found: set[str], field: str) -> None:
    """Add to ``found`` the words ``tokens`` finds ``field`` by."""
    if field.isascii() and "'" not in field and "`" not in field:
        # Most emails, postcodes and club names: folding them only lower-cases their words.
        chunks = field.lower().split()
        whole: list[str] = []
        for chunk in chunks:
            parts = _WORD.findall(chunk)
            found.update(parts)
            if len(chunk) > TOKEN_LENGTH:  # a word is never longer than its chunk
                found.update([part[:TOKEN_LENGTH] for part in parts])
            if len(parts) > 1:
                found.add("".join(parts)[:TOKEN_LENGTH])
            whole += parts
        if len(chunks) > 1 and 1 < len(whole) <= 3:
            found.add("".join(whole)[:TOKEN_LENGTH])
        return
    chunks = field.split()
    for chunk in chunks:
        parts = _words(chunk)
        # "O Brien" typed with a space still finds O'Brien.
        spaced = _APOSTROPHES.sub(" ", chunk)
        found.update(parts if spaced == chunk else _words(spaced))
        found.update([part[:TOKEN_LENGTH] for part in parts])
        if len(parts) > 1:
            found.add("".join(parts)[:TOKEN_LENGTH])
    # A field of one chunk (an email, a surname) is its own whole: joined above already.
    if chunks != [field]:
        whole = _words(field)
        if 1 < len(whole) <= 3:
            found.add("".join(whole)[:TOKEN_LENGTH])


@lru_cache(maxsize=65536)
def _field_tokens(field: str) -> frozenset[str]:
    # First names, surnames, clubs and postcode areas repeat across thousands of people: an
    # import of 10,000 of them would otherwise fold the same few hundred texts again and again.
    found: set[str] = set()
    _add_field_tokens(found, field)
    return frozenset(found)


def person_tokens(
    first_name: str,
    last_name: str,
    email: str | None = None,
    postcode: str | None = None,
    club: str | None = None,
) -> set[str]:
    """The words a person is found by: names, the whole name, email, postcode and club.

    A word that begins another of the same person's words is left out ("rebecca" beside
    "rebeccacarter", "carter" beside "carter12"): whatever it begins, the longer word begins
    too, so every search finds exactly whom it found with it, and an import of thousands of
    people saves a third of its words.
    """
    # The whole name's words are the first name's then the last name's, each folded once for
    # everyone who shares it; only joining them ("siansmith") is this person's own work.
    first, last = f"{first_name}", f"{last_name}"
    found = set(_field_tokens(first))
    found |= _field_tokens(last)
    whole = _words(first) + _words(last)
    if 1 < len(whole) <= 3:
        found.add("".join(whole)[:TOKEN_LENGTH])
    if club:
        found |= _field_tokens(club)
    # Each person's own: kept for later they would only push the names out of the cache.
    if email:
        _add_field_tokens(found, email)
    if postcode:
        # As ``postcodes.normalised`` writes one: its two halves and both together.
        if written := _NORMALISED_POSTCODE.fullmatch(postcode):
            outward, inward = written[1].lower(), written[2].lower()
            found.update((outward, inward, outward + inward))
        else:
            _add_field_tokens(found, postcode)
    return _without_prefixes(found)


def _without_prefixes(found: set[str]) -> set[str]:
    """``found`` with the words that begin another of its words taken out."""
    # Sorted, the words a word begins come straight after it. (Compared pairwise without a
    # Python loop: ten thousand people bring 150,000 pairs.)
    ordered = sorted(found)
    found.difference_update(compress(ordered, map(str.startswith, ordered[1:], ordered)))
    return found


def matches(query_words: list[str], record_tokens: set[str]) -> bool:
    """Whether every query word begins at least one of the record's tokens."""
    return all(any(token.startswith(word) for token in record_tokens) for word in query_words)


def sort_name(first_name: str, last_name: str) -> str:
    return f"{fold(last_name)} {fold(first_name)}".strip()
