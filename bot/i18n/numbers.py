"""Numbers in the user's language, independent of the machine's locale (as the dates are).

French groups thousands with a narrow no-break space (``1 250``, U+202F, as CLDR's ``fr-BE``
and the French typographic rules write it; no-break, so a number never wraps over two lines)
and writes a decimal comma. Dutch and English keep the plain digits the bot has always
written: their counts stay well below a thousand, and a group separator there would change
every existing reply for no reader's gain. Changing that is one entry in ``_GROUPS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # bot.i18n imports this module to format the numbers put into templates
    from bot.i18n import Language

_GROUPS: dict[str, str] = {"nl": "", "en": "", "fr": "\u202f"}
_DECIMAL_MARKS: dict[str, str] = {"nl": ",", "en": ".", "fr": ","}


def number_text(value: int, language: Language) -> str:
    """``1250`` → ``1 250`` in French; the sign kept in front."""
    digits = f"{abs(value):,}".replace(",", _GROUPS[language])
    return f"-{digits}" if value < 0 else digits


def decimal_text(value: float, language: Language, *, places: int = 1) -> str:
    """``2.5`` → ``2,5`` (Dutch, French) or ``2.5`` (English), grouped like ``number_text``."""
    rounded = f"{abs(value):.{places}f}"
    whole, _, fraction = rounded.partition(".")
    text = number_text(int(whole), language)
    if fraction:
        text = f"{text}{_DECIMAL_MARKS[language]}{fraction}"
    return f"-{text}" if value < 0 and float(rounded) else text
