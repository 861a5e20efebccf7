"""End to end: free text knows whether the user is linked (issue 15, point 8), and a card
number with a letter for a digit gets the help a digit typo gets (point 9)."""

from __future__ import annotations

import pytest

from bot.sandbox.uitpas.data import NORMAL
from bot.uitpas.numbers import mask_uitpas_number
from tests.support.harness import AN, BACKENDS, JOHN, Harness, say

MASKED = mask_uitpas_number(NORMAL)
HOW_TO_LINK = "Stuur je UiTPAS-nummer om je kaart te koppelen"


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_linked_user_asking_for_points_is_pointed_to_points(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    text = await say(harness, AN, "hoeveel punten heb ik?")
    assert "/points" in text
    assert HOW_TO_LINK not in text
    assert "koppel je eerst" not in text
    text = await say(harness, AN, "Wat kan ik krijgen?")
    assert "/promotions" in text
    text = await say(harness, AN, "hoe spaar ik een punt")
    assert "foto van de check-in QR-code" in text
    english = await say(harness, AN, "blabla")
    assert "/points" in english
    assert "/promotions" in english
    assert "foto van de check-in QR-code" in english
    assert MASKED in english
    assert NORMAL not in english


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_linked_english_user_gets_the_same_pointers(harness: Harness) -> None:
    await harness.link(JOHN, NORMAL)
    text = await say(harness, JOHN, "how many points do I have?")
    assert "/points shows your points" in text
    assert "Send your UiTPAS number" not in text


@pytest.mark.parametrize("backend", BACKENDS)
async def test_an_unlinked_user_asking_for_points_is_told_how_to_link(harness: Harness) -> None:
    text = await say(harness, AN, "hoeveel punten heb ik?")
    assert "koppel je eerst je UiTPAS" in text
    if harness.backend == "v4":
        assert "meld je aan met UiTiD" in text
    else:
        assert "stuur je UiTPAS-nummer" in text
    assert "/points toont" not in text
    assert HOW_TO_LINK in await say(harness, AN, "hallo")


@pytest.mark.parametrize("typed", ["0930 0568 78A0 2", "0930 0568 7880 O", "O930056878802"])
@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_letter_for_a_digit_gets_the_typo_help(harness: Harness, typed: str) -> None:
    await harness.telegram.send_text(AN, typed)
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    text = reply.text or ""
    assert "Dat begrijp ik niet" not in text
    if harness.backend == "v4":  # a typed number gets the login button, typo or not
        assert [url for row in reply.buttons for _, url in row if url]
    else:
        assert "alleen uit cijfers" in text
        assert "een O voor een 0" in text
    compact = typed.replace(" ", "")
    assert compact not in text.replace(" ", "")  # never echoed back
    assert "7880" not in text
