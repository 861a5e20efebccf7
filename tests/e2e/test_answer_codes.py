"""End to end: no UiTPAS answer code ever reaches a passholder as such (issue 15, point 4).

A code is for the log; the passholder reads a sentence, for a known code its own, for an
unknown one a general one. The tests send the real bot a refusal through the sandbox and read
both the reply and the captured log.
"""

from __future__ import annotations

import json
import re

import pytest

from bot.sandbox.telegram.client import TgUser
from bot.sandbox.uitpas.data import NORMAL
from tests.support.harness import AN, BACKENDS, JOHN, Harness, StartBot, say
from tests.support.images import poster_photo
from tests.support.log_capture import CAPTURE

JAZZ_CODE = "12345678"  # happening now, 1 point
CODE_LIKE = re.compile(r"\b[A-Z]+(?:_[A-Z]+)+\b")  # MAXIMUM_REACHED, SOMETHING_NEW...


def assert_human(text: str, *codes: str) -> None:
    """No code in the text, in any form, and no doubled full stop after a quoted answer."""
    for code in codes:
        assert code not in text
    assert CODE_LIKE.search(text) is None, text
    assert ".." not in text.replace("</i>", "")
    assert "antwoordcode" not in text
    assert "answer code" not in text


async def photo_reply(harness: Harness, user: TgUser) -> str:
    await harness.telegram.send_photo(user, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id)
    assert reply.ok, reply.description
    return reply.text or ""


def unknown_refusal(harness: Harness) -> dict[str, object]:
    """A refusal with a code the bot has never heard of, as each API generation sends it."""
    if harness.backend == "legacy":
        return {"status": 200, "body": '{"code": "SOMETHING_NEW"}', "content_type": "text/json"}
    body = {
        "type": "https://api.publiq.be/probs/uitpas/something-new",
        "title": "Something new",
        "status": 400,
    }
    return {"status": 400, "body": json.dumps(body), "content_type": "application/problem+json"}


def logged_as(harness: Harness) -> str:
    """How the unknown refusal shows in the log: legacy's code, or v4's whole problem type
    (v4 codes are read from the type URI; an unknown one is logged as it came)."""
    return "SOMETHING_NEW" if harness.backend == "legacy" else "probs/uitpas/something-new"


@pytest.mark.parametrize("user", [AN, JOHN], ids=["nl", "en"])
@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_second_check_in_is_refused_in_words_not_with_a_code(
    start_bot: StartBot, user: TgUser
) -> None:
    async with start_bot(checkin_repeat_seconds=0) as harness:
        await harness.link(user, NORMAL)
        await photo_reply(harness, user)
        text = await photo_reply(harness, user)
        assert_human(text, "MAXIMUM_REACHED", "CHECKIN_NOT_ALLOWED")
        assert ("geen punt" if user is AN else "no point") in text.lower() or (
            "al punten gespaard" in text
        )
        assert await harness.sandbox_checkins(NORMAL) == 1


@pytest.mark.parametrize("user", [AN, JOHN], ids=["nl", "en"])
@pytest.mark.parametrize("backend", BACKENDS)
async def test_an_unknown_check_in_code_gets_a_sentence_and_goes_to_the_log(
    harness: Harness, user: TgUser
) -> None:
    await harness.link(user, NORMAL)
    await harness.fault(harness.api_path("checkin"), **unknown_refusal(harness))
    before = len(CAPTURE.lines)
    text = await photo_reply(harness, user)
    assert_human(text, "SOMETHING_NEW")
    assert ("geen punt gespaard" if user is AN else "saved no point") in text
    assert any(logged_as(harness) in line for _, line in CAPTURE.lines[before:])


@pytest.mark.parametrize("backend", BACKENDS)
async def test_an_unknown_points_code_gets_a_sentence_and_goes_to_the_log(
    harness: Harness,
) -> None:
    await harness.link(AN, NORMAL)
    await harness.fault(harness.api_path("points"), **unknown_refusal(harness))
    before = len(CAPTURE.lines)
    text = await say(harness, AN, "/points")
    assert_human(text, "SOMETHING_NEW")
    assert "Probeer het later opnieuw" in text
    assert any(logged_as(harness) in line for _, line in CAPTURE.lines[before:])


async def test_an_unknown_cash_in_state_gets_a_sentence_and_goes_to_the_log(
    harness: Harness,
) -> None:
    await harness.link(AN, NORMAL)
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    body = {"id": "102", "title": "Ticket", "points": 10, "cashInState": "SOMETHING_NEW"}
    await harness.fault(
        "pointsPromotion/102", status=200, body=json.dumps(body), content_type="application/json"
    )
    before = len(CAPTURE.lines)
    await harness.telegram.press_button(AN, reply.result["message_id"], "promo:102")
    detail = await harness.telegram.wait_for_call(("sendPhoto", "sendMessage"), chat_id=AN.id)
    assert "Je kunt dit nu niet omruilen." in (detail.text or "")
    assert_human(detail.text or "", "SOMETHING_NEW")
    assert any(logged_as(harness) in line for _, line in CAPTURE.lines[before:])
