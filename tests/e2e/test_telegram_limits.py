"""End to end: the bot never sends more than Telegram takes (issue 15, point 11, bot side).

The emulator refuses a text over 4096 characters and a caption over 1024, as Telegram does.
What UiTPAS writes has no length of its own: a promotion's title and descriptions, its words
for the passholder. Such a reply is split between lines into several messages (the buttons
under the last one) or, for an edit, cut with "…"; nothing of it is refused.
"""

from __future__ import annotations

import json

import pytest

from bot.sandbox.telegram.client import BotCall, TgUser
from bot.sandbox.uitpas.data import NORMAL
from bot.views.limits import TEXT_LIMIT, visible_length
from tests.support.harness import AN, BACKENDS, Harness
from tests.support.images import poster_photo

JAZZ_CODE = "12345678"
LONG_WORDS = " ".join(["Cultuur"] * 800)  # 6399 characters, spaces included


async def replies_after(harness: Harness, user: TgUser, after: int, count: int) -> list[BotCall]:
    """The first ``count`` messages the bot sent ``user`` after call ``after``."""
    found: list[BotCall] = []
    while len(found) < count:
        call = await harness.telegram.wait_for_call(
            ("sendMessage", "sendPhoto"),
            chat_id=user.id,
            after=found[-1].seq if found else after,
        )
        found.append(call)
    return found


async def last_seq(harness: Harness) -> int:
    calls = await harness.telegram.calls()
    return calls[-1].seq if calls else 0


def assert_all_accepted(harness_calls: list[BotCall]) -> None:
    for call in harness_calls:
        assert call.ok, call.description
        assert visible_length(call.text or "") <= TEXT_LIMIT


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_promotion_with_huge_texts_is_shown_in_parts(harness: Harness) -> None:
    response = await harness.sandbox.post(
        "/_sandbox/promotions",
        json={
            "id": "190",
            "title": "Groot voordeel " + LONG_WORDS[:3000],
            "points": 1,
            "inSpotlight": True,
            "description1": LONG_WORDS,
            "description2": LONG_WORDS,
        },
    )
    response.raise_for_status()
    await harness.link(AN, NORMAL)
    await harness.telegram.send_text(AN, "/promotions")
    listing = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    [data] = [d for row in listing.buttons for text, d in row if "Groot voordeel" in text]
    after = await last_seq(harness)
    await harness.telegram.press_button(AN, listing.result["message_id"], data or "")
    parts = await replies_after(harness, AN, after, 2)
    assert_all_accepted(parts)
    assert (parts[0].text or "").startswith("<b>Groot voordeel Cultuur")
    assert parts[-1].buttons  # ◀️ back to the list, under the last part
    assert not parts[0].buttons
    assert "Nodig: <b>1 punt</b>" in (parts[-1].text or "")


def long_refusal(harness: Harness) -> dict[str, object]:
    """A refusal whose words for the passholder run far past one message."""
    if harness.backend == "legacy":
        body = {"code": "SOMETHING_NEW", "message": LONG_WORDS}
        return {"status": 200, "body": json.dumps(body), "content_type": "text/json"}
    problem = {
        "type": "https://api.publiq.be/probs/uitpas/checkin-not-allowed",
        "title": "Check-in not allowed",
        "status": 400,
        "endUserMessage": {"nl": LONG_WORDS},
    }
    return {
        "status": 400,
        "body": json.dumps(problem),
        "content_type": "application/problem+json",
    }


@pytest.mark.parametrize("backend", BACKENDS)
async def test_uitpas_words_longer_than_a_message_reach_the_passholder(
    harness: Harness,
) -> None:
    await harness.link(AN, NORMAL)
    await harness.fault(harness.api_path("checkin"), times=1, **long_refusal(harness))
    after = await last_seq(harness)
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    [first] = await replies_after(harness, AN, after, 1)
    assert_all_accepted([first])
    # One line of 6400 characters: shortened to what a message holds, marked as cut.
    assert (first.text or "").count("Cultuur") >= 500
    assert "…" in (first.text or "")
