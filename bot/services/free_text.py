"""What a passholder most likely wants when they type words instead of a command.

The fallback answer is only useful when it points to the right command: someone asking
"hoeveel punten heb ik?" wants /points, not to be told how to link a card they linked long
ago. A few words in Dutch, English and French are enough; anything else is answered in
general.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Wish(StrEnum):
    POINTS = "points"
    PROMOTIONS = "promotions"
    CHECKIN = "checkin"
    LINK = "link"
    UNKNOWN = "unknown"


# In this order: "wat kan ik krijgen met mijn punten" is about promotions, not points.
_WORDS: tuple[tuple[Wish, re.Pattern[str]], ...] = (
    (
        Wish.PROMOTIONS,
        re.compile(
            r"voordee?l|ruil|promoti|korting|reward|trade|krijgen|kopen|\bget\b|\bbuy\b|spend"
            r"|avantage|[ée]chang|r[ée]duction|obtenir|acheter",
        ),
    ),
    # Before points: "hoe spaar ik een punt" asks how to check in ("gespaard" does not match).
    (
        Wish.CHECKIN,
        re.compile(
            r"check.?in|\bqr|scan|\bsparen\b|\bspaar\b|\bsave\b|\bearn|foto|photo"
            r"|[ée]pargner\b|[ée]pargne\b"
        ),
    ),
    (
        Wish.POINTS,
        re.compile(
            r"punt|point|saldo|balance|hoeveel|how many|how much|totaal|total|combien|solde"
        ),
    ),
    (
        Wish.LINK,
        re.compile(
            r"koppel|\blink|kaart|\bcard|nummer|number|pas\b|uitpas|\blier\b|carte|num[ée]ro"
        ),
    ),
)


def guess_wish(text: str) -> Wish:
    lowered = text.casefold()
    for wish, words in _WORDS:
        if words.search(lowered):
            return wish
    return Wish.UNKNOWN
