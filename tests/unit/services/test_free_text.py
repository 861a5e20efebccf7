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
    ],
)
def test_wishes(text: str, wish: Wish) -> None:
    assert guess_wish(text) is wish
