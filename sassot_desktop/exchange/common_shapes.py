"""The commonest email addresses and UK mobile numbers, recognised without the libraries.

Checking an email address with email-validator and a phone number with phonenumbers costs
about 70 µs each: over a second for a file of 10,000 people. Most cells of a real file have
one plain shape ("jo.bloggs@club.org.uk", "siân.jones@club.org.uk", "07700 900123"), which a
pattern recognises in a microsecond; the import of such a file never loads email-validator.
Each pattern here is deliberately narrower than its library: it answers only for text the
library accepts and writes the same way (a test compares the two over many inputs), and
returns None for everything else, which then goes to the library as before.
"""

from __future__ import annotations

import re
import unicodedata

# Dot-separated runs of the letters, digits and _ + - that every mail system takes, then a
# domain of plain labels (runs of letters and digits joined by single hyphens) ending in a word
# of letters. Both cases spelt out: matching without regard to case takes twice as long.
_PLAIN_EMAIL = re.compile(
    r"[a-zA-Z0-9_+-]+(?:\.[a-zA-Z0-9_+-]+)*"
    r"@((?:[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*\.)+[a-zA-Z]{2,})\Z"
)
# Up to 64 characters in all, so no part can reach a length limit.
_PLAIN_LENGTH = range(6, 65)
# Top-level domains email-validator refuses as special use (RFC 6761 and others).
_SPECIAL_USE = frozenset(("arpa", "invalid", "local", "localhost", "onion", "test"))
# Mailboxes RFC 2142 names, which email-validator writes in lower case.
_ROLE_MAILBOXES = frozenset(
    ("info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster")
    + ("hostmaster", "usenet", "news", "webmaster", "www", "uucp", "ftp")
)
# Letters beyond ASCII ("siân.llŵyd"), which every mail system that takes them keeps as they
# are; stood in for by "a" so the pattern above can judge the rest of the address.
_OTHER_LETTER = re.compile(r"[^\W\d_a-zA-Z]")

# A UK mobile written with its leading 0 or +44, spaces, hyphens or brackets anywhere. 070 (personal
# numbers) and 076 (pagers) are left out: their numbers are grouped differently.
_UK_MOBILE = re.compile(r"(?:0|\+44)(7[1-57-9]\d{2})(\d{6})\Z", re.ASCII)
_SPACING = str.maketrans("", "", " -()")


def plain_email(written: str) -> str | None:
    """``written`` as email-validator would normalise it (the domain in lower case), or None
    when it is not of the plain shape and the library must decide."""
    if len(written) not in _PLAIN_LENGTH:
        return None
    if written.isascii():
        match = _PLAIN_EMAIL.match(written)
    elif len(written.encode()) <= 64 and unicodedata.is_normalized("NFC", written):
        match = _PLAIN_EMAIL.match(_OTHER_LETTER.sub("a", written))
        if match is not None and not written[match.start(1) :].isascii():
            return None  # an international domain: the library's to check
    else:
        return None
    if match is None:
        return None
    domain = match[1].lower()
    if domain.rsplit(".", 1)[1] in _SPECIAL_USE:
        return None
    local = written[: match.start(1) - 1]
    if local.isascii() and local.lower() in _ROLE_MAILBOXES:
        local = local.lower()
    return f"{local}@{domain}"


def uk_mobile(written: str) -> str | None:
    """A UK mobile number as phonenumbers writes it ("07700 900123"), or None when ``written``
    is not plainly one and the library must decide."""
    match = _UK_MOBILE.match(written.translate(_SPACING))
    if match is None:
        return None
    return f"0{match[1]} {match[2]}"
