"""UiTPAS numbers: parsing what people type, the Luhn check, and masking for display.

A wrong length or check digit is nearly always a typo, so it is caught here, before any call to
UiTPAS, with a reason precise enough to tell the passholder what to fix.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

NUMBER_LENGTH = 13
_SEPARATORS = re.compile(r"[\s.\-‐‑‒–—_/]+")
# Text that someone typing a card number would send: digits, separators, nothing else, and
# enough digits that it is clearly meant as a number rather than, say, a year.
_NUMBER_ATTEMPT = re.compile(r"^[\d\s.\-‐‑‒–—_/]+$")
_MIN_ATTEMPT_DIGITS = 8
# A card number with this many letters typed for digits is still a typo, not a word.
_MAX_LETTERS_FOR_DIGITS = 2


class NumberProblem(StrEnum):
    NOT_DIGITS = "not_digits"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    CHECK_DIGIT = "check_digit"


@dataclass(frozen=True, slots=True)
class InvalidUitpasNumber(ValueError):
    """Why a typed number is not a UiTPAS number; ``digit_count`` helps phrase the message."""

    problem: NumberProblem
    digit_count: int

    def __str__(self) -> str:
        return f"invalid UiTPAS number: {self.problem.value} ({self.digit_count} digits)"


def normalise_typed(text: str) -> str:
    """The text without invisible characters (zero-width spaces, bidi marks: category Cf).

    Numbers copied from a web page, a PDF or an RTL chat carry them, and the user cannot see
    what to fix. Visible characters are kept as they are: other digit scripts and letters are
    still refused rather than guessed.
    """
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check that the last digit of a UiTPAS number carries."""
    if not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def parse_uitpas_number(text: str) -> str:
    """The 13 digits of a typed UiTPAS number, or :class:`InvalidUitpasNumber` saying why not.

    Spaces, dots, dashes and slashes are what people put between the groups printed on the card,
    so they are dropped; anything else (letters, other symbols) is refused rather than guessed.
    """
    compact = _SEPARATORS.sub("", normalise_typed(text).strip())
    if compact and not (compact.isascii() and compact.isdigit()):
        digits = sum(ch.isdigit() for ch in compact)
        raise InvalidUitpasNumber(NumberProblem.NOT_DIGITS, digits)
    if len(compact) < NUMBER_LENGTH:
        raise InvalidUitpasNumber(NumberProblem.TOO_SHORT, len(compact))
    if len(compact) > NUMBER_LENGTH:
        raise InvalidUitpasNumber(NumberProblem.TOO_LONG, len(compact))
    if not luhn_valid(compact):
        raise InvalidUitpasNumber(NumberProblem.CHECK_DIGIT, len(compact))
    return compact


def looks_like_number_attempt(text: str) -> bool:
    """Whether free text is most likely someone typing their card number.

    Also a number with a letter or two for a digit ("78A0", "7880 O"): that is a typo like a
    wrong digit, and gets the same help rather than "I don't understand".
    """
    stripped = normalise_typed(text).strip()
    if _NUMBER_ATTEMPT.match(stripped):
        return sum(ch.isdigit() for ch in stripped) >= _MIN_ATTEMPT_DIGITS
    compact = _SEPARATORS.sub("", stripped)
    if not (compact.isascii() and compact.isalnum()):
        return False
    digits = sum(ch.isdigit() for ch in compact)
    letters = len(compact) - digits
    return 1 <= letters <= _MAX_LETTERS_FOR_DIGITS and digits >= NUMBER_LENGTH - letters - 1


def mask_uitpas_number(number: str) -> str:
    """``0930056878802`` → ``0930 •••• ••80 2``: enough to recognise one's card, not to use it."""
    if len(number) != NUMBER_LENGTH:
        return "•" * len(number)
    hidden = number[:4] + "•" * 6 + number[10:]
    return f"{hidden[:4]} {hidden[4:8]} {hidden[8:12]} {hidden[12:]}"
