"""Guessing what free text asks for: in addition to tests/e2e/test_free_text.py."""

from __future__ import annotations

import pytest

from bot.services.free_text import Wish, guess_wish


@pytest.mark.parametrize(
    ("text", "wish"),
    [
        ("hoeveel punten heb ik?", Wish.POINTS),
        ("hoeveel punten heb ik gespaard?", Wish.POINTS),
        ("How many points do I have", Wish.POINTS),
        ("wat kan ik krijgen met mijn punten", Wish.PROMOTIONS),
        ("welke voordelen zijn er", Wish.PROMOTIONS),
        ("hoe spaar ik een punt", Wish.CHECKIN),
        ("how do I check in?", Wish.CHECKIN),
        ("ik wil mijn kaart koppelen", Wish.LINK),
        ("hallo", Wish.UNKNOWN),
        # French (issue 15, point 18)
        ("combien de points j'ai ?", Wish.POINTS),
        ("quel est mon solde", Wish.POINTS),
        ("qu'est-ce que je peux obtenir avec mes points", Wish.PROMOTIONS),
        ("quels avantages il y a", Wish.PROMOTIONS),
        ("comment épargner un point", Wish.CHECKIN),
        ("je veux lier ma carte", Wish.LINK),
        ("bonjour", Wish.UNKNOWN),
    ],
)
def test_wishes(text: str, wish: Wish) -> None:
    assert guess_wish(text) is wish
