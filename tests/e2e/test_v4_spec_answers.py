"""End to end under v4: what publiq's spec says an answer may be, the passholder sees right.

A login whose ``/passholders/me`` has no ``uitpasNumber``, a pass with ``messages``, 403s for
each permission the bot needs, redeem-status reasons about card systems, a rewards page without
``member``, a problem type the bot does not know, and an ``endUserMessage`` in a 200 answer.
Answers the demo world does not give by itself come from the sandbox's fault injection.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from bot.sandbox.uitpas.data import NORMAL, OTHER
from bot.uitpas.numbers import mask_uitpas_number
from tests.e2e.test_points_and_promotions import data_of, press, send
from tests.support.harness import AN, JOHN, Harness
from tests.support.images import poster_photo

JAZZ_CODE = "12345678"
pytestmark = pytest.mark.parametrize("backend", ["v4"])
FORBIDDEN = {
    "type": "https://api.publiq.be/probs/auth/forbidden",
    "title": "Forbidden",
    "status": 403,
    "detail": "missing permission",
}
PROBLEM = "application/problem+json"


async def fault(
    harness: Harness, path: str, status: int, body: dict[str, Any], content_type: str = PROBLEM
) -> None:
    await harness.fault(path, status=status, body=json.dumps(body), content_type=content_type)


async def photo_reply(harness: Harness, user: Any = AN) -> str:
    calls = await harness.telegram.calls()
    after = calls[-1].seq if calls else 0
    await harness.telegram.send_photo(user, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id, after=after)
    return reply.text or ""


def errors_naming(caplog: pytest.LogCaptureFixture, permission: str) -> list[logging.LogRecord]:
    return [
        r for r in caplog.records if r.levelno == logging.ERROR and permission in r.getMessage()
    ]


# --- Passholder.uitpasNumber is optional -----------------------------------------------------


async def test_a_login_without_uitpas_number_links_the_active_membership(
    harness: Harness,
) -> None:
    confirmation = await harness.link(JOHN, OTHER)  # the sandbox's /me leaves it out for OTHER
    assert f"your UiTPAS {mask_uitpas_number(OTHER)} is linked" in confirmation
    assert await harness.running.services.links.linked_number(JOHN.id) == OTHER
    assert "has <b>3 points</b>" in (await send(harness, JOHN, "/points")).text


# --- GET /passes messages --------------------------------------------------------------------


async def test_linking_shows_the_pass_messages(harness: Harness) -> None:
    confirmation = await harness.link(JOHN, OTHER)
    lines = confirmation.splitlines()
    assert "is linked" in lines[0]
    assert "⚠️ Je kansenstatuut vervalt binnenkort. Verleng het bij je UiTPAS-balie." in lines
    assert "⚠️" not in await harness.link(AN, NORMAL)


async def test_a_link_is_made_when_the_pass_cannot_be_read_right_after(
    harness: Harness,
) -> None:
    await harness.fault("/v4/passes", status=503, body="down")
    confirmation = await harness.link(JOHN, OTHER)
    assert "is linked" in confirmation
    assert await harness.running.services.links.linked_number(JOHN.id) == OTHER


async def test_points_show_the_pass_messages(harness: Harness) -> None:
    await harness.link(JOHN, OTHER)
    text = (await send(harness, JOHN, "/points")).text
    lines = text.splitlines()
    assert lines[1] == "⚠️ Je kansenstatuut vervalt binnenkort. Verleng het bij je UiTPAS-balie."
    await harness.link(AN, NORMAL)
    assert "⚠️" not in (await send(harness, AN, "/points")).text


# --- endUserMessage, also in a 200 -----------------------------------------------------------


async def test_an_end_user_message_in_a_200_pass_is_shown_in_the_users_language(
    harness: Harness,
) -> None:
    await harness.link(AN, NORMAL)
    await harness.link(JOHN, OTHER)
    body = {
        "passholderId": "00000000-0000-4000-8000-000000000001",
        "passType": "INDIVIDUAL",
        "uitpasNumber": NORMAL,
        "firstName": "An",
        "points": 25,
        "postalCode": "9300",
        "socialTariff": {"status": "NONE"},
        "cardSystem": {"id": 1, "name": "UiTPAS Dender"},
        "endUserMessage": {"nl": "Je pas vervalt binnenkort.", "en": "Your pass expires soon."},
    }
    await fault(harness, "/v4/passes", 200, body, "application/json")
    assert (
        "UiTPAS zegt: <i>Je pas vervalt binnenkort.</i>"
        in (await send(harness, AN, "/points")).text
    )
    await fault(harness, "/v4/passes", 200, body, "application/json")
    english = (await send(harness, JOHN, "/points")).text
    assert "UiTPAS says: <i>Your pass expires soon.</i>" in english
    assert "Je pas vervalt" not in english


# --- 403: a permission the bot lacks ---------------------------------------------------------


async def test_a_forbidden_check_in_says_the_bot_is_not_allowed_and_tells_the_operator(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await harness.link(AN, NORMAL)
    await fault(harness, "me/checkins", 403, FORBIDDEN)
    with caplog.at_level(logging.ERROR):
        reply = await photo_reply(harness)
    assert "UiTPAS staat deze bot niet toe je in te checken" in reply
    assert "De beheerder is verwittigd" in reply
    assert await harness.sandbox_points(NORMAL) == 25
    assert errors_naming(caplog, "PASSHOLDERS_SELF_CHECKIN")


async def test_forbidden_points_say_the_bot_may_not_read_them(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await harness.link(JOHN, OTHER)
    await fault(harness, "/v4/passes", 403, FORBIDDEN)
    with caplog.at_level(logging.ERROR):
        text = (await send(harness, JOHN, "/points")).text
    assert text == (
        "🔒 UiTPAS does not allow this bot to read your points. The operator has been told; "
        "try again later."
    )
    assert errors_naming(caplog, "PASSES_READ")


async def test_a_forbidden_reward_is_not_shown_as_gone(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    await fault(harness, "/v4/rewards/101", 403, FORBIDDEN, PROBLEM)
    with caplog.at_level(logging.ERROR):
        await press(harness, AN, listing, data_of(listing, "✅ ⭐ Gratis koffie"))
        detail = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "UiTPAS staat deze bot niet toe dit voordeel te tonen" in (detail.text or "")
    assert errors_naming(caplog, "REWARDS_READ")


async def test_a_forbidden_redeem_status_is_said_in_the_detail(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    await fault(harness, "redeem-status", 403, FORBIDDEN)
    with caplog.at_level(logging.ERROR):
        await press(harness, AN, listing, data_of(listing, "✅ ⭐ Gratis koffie"))
        detail = await harness.telegram.wait_for_call("sendPhoto", chat_id=AN.id)
    text = detail.text or ""
    assert "<b>Gratis koffie in de foyer</b>" in text  # the reward itself is still shown
    assert "niet toe na te gaan of jij dit voordeel nu kan omruilen" in text
    assert errors_naming(caplog, "REWARDS_REDEEM")


async def test_a_forbidden_me_says_so_at_login(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await fault(harness, "passholders/me", 403, FORBIDDEN)
    with caplog.at_level(logging.ERROR):
        page = await harness.log_in(AN, NORMAL)
        told = await harness.telegram.wait_for_call(
            "sendMessage", chat_id=AN.id, where=lambda c: "🔒" in (c.text or "")
        )
    assert page.status_code == 400
    assert "niet toe je UiTPAS op te vragen" in page.text
    assert "UiTPAS staat deze bot niet toe je UiTPAS op te vragen" in (told.text or "")
    assert await harness.running.services.links.linked_number(AN.id) is None
    assert errors_naming(caplog, "PASSHOLDERS_SELF_READ")


# --- redeem-status reasons -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("PASSHOLDER_APPLICABLE_CARDSYSTEMS", "Dit voordeel geldt niet in de UiTPAS-regio"),
        ("PASSHOLDER_NO_ACTIVE_CARDSYSTEM", "Je UiTPAS is in geen enkele regio actief"),
    ],
)
async def test_card_system_reasons_are_explained_with_uitpas_message(
    harness: Harness, reason: str, words: str
) -> None:
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    said = "Je kan dit voordeel niet omruilen met deze pas."
    body = {"redeemable": False, "reason": reason, "message": said}
    await fault(harness, "redeem-status", 200, body, "application/json")
    await press(harness, AN, listing, data_of(listing, "✅ ⭐ Gratis koffie"))
    detail = await harness.telegram.wait_for_call("sendPhoto", chat_id=AN.id)
    text = detail.text or ""
    assert words in text
    assert f"UiTPAS zegt: <i>{said}</i>" in text
    assert reason not in text
    assert "Omruilen doe je aan de balie" not in text


# --- a rewards page without member -----------------------------------------------------------


async def test_a_rewards_page_without_member_is_an_empty_list(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    await fault(harness, "/v4/rewards", 200, {"totalItems": 0}, "application/json")
    text = (await send(harness, AN, "/promotions")).text
    assert "UiTPAS antwoordde niet" not in text
    assert "Voordelen om te ruilen" in text


# --- a problem the bot does not know ---------------------------------------------------------


async def test_an_unknown_problem_type_is_logged_and_its_code_never_shown(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await harness.link(AN, NORMAL)
    unknown = "https://api.publiq.be/probs/uitpas/brand-new-refusal"
    await fault(harness, "me/checkins", 400, {"type": unknown, "title": "New", "status": 400})
    with caplog.at_level(logging.WARNING):
        reply = await photo_reply(harness)
    assert reply == (
        "UiTPAS heeft geen punt gespaard en weigerde deze check-in. Probeer het later opnieuw "
        "of vraag het aan de organisator."
    )
    assert "BRAND_NEW" not in reply
    assert unknown in caplog.text


async def test_an_end_user_message_with_a_check_in_is_shown(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    said = "Nog 4 punten tot je volgende voordeel."
    body = {"addedPoints": 1, "totalPoints": 26, "endUserMessage": {"nl": said}}
    await fault(harness, "me/checkins", 201, body, "application/json")
    reply = await photo_reply(harness)
    assert "Je hebt nu in totaal 26 punten." in reply
    assert f"UiTPAS zegt: <i>{said}</i>" in reply
