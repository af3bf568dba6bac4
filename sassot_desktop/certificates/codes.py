"""Verification codes: short, read aloud over the phone, typed back from paper without doubt.

Eight random symbols and one check symbol from Crockford's base-32 alphabet, which has no I,
L, O or U, printed in threes: ``7K4-MQ2-X9R``. Typed back, case, spaces and hyphens do not
matter and the look-alikes I, L and O are read as 1, 1 and 0. The check symbol (Luhn mod 32)
catches any one mistyped symbol and nearly every swap of two neighbours before the database
is asked.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_SYMBOLS = 8
LENGTH = RANDOM_SYMBOLS + 1
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
_LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_BASE = len(ALPHABET)


def new_code() -> str:
    """A fresh random code in canonical form (no hyphens)."""
    payload = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_SYMBOLS))
    return payload + check_symbol(payload)


def check_symbol(payload: str) -> str:
    total = 0
    for position, symbol in enumerate(reversed(payload)):
        total += _luhn_digit(_VALUE[symbol], doubled=position % 2 == 0)
    return ALPHABET[-total % _BASE]


def is_valid(code: str) -> bool:
    """Whether a canonical code's check symbol matches the rest."""
    if len(code) != LENGTH or any(symbol not in _VALUE for symbol in code):
        return False
    total = sum(
        _luhn_digit(_VALUE[symbol], doubled=position % 2 == 1)
        for position, symbol in enumerate(reversed(code))
    )
    return total % _BASE == 0


def canonical(typed: str) -> str:
    """The code as stored, from however it was typed: ``7k4 mq2 x9r`` → ``7K4MQ2X9R``."""
    return "".join(typed.split()).replace("-", "").upper().translate(_LOOK_ALIKES)


def printed(code: str) -> str:
    """The code as printed on paper and read aloud: ``7K4MQ2X9R`` → ``7K4-MQ2-X9R``."""
    return "-".join(code[start : start + 3] for start in range(0, len(code), 3))


def _luhn_digit(value: int, doubled: bool) -> int:
    if not doubled:
        return value
    value *= 2
    return value // _BASE + value % _BASE
