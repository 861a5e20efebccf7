"""End to end, over HTTP: redeeming an online reward in the chat, exactly once.

The real bot against the emulator and the v4 sandbox, on SQLite and PostgreSQL. An (NORMAL)
has 25 points: the voucher (ONLINE_VOUCHER) costs exactly that. The sandbox counts every
redemption it made (``GET /_sandbox/redemptions``): the money-like checks are on that count,
not on what the bot says.

How a double redemption is made impossible (``bot/services/redemption.py``): the bot claims
the redemption in the database before it calls UiTPAS, one atomic upsert per (user, passholder,
reward) that only one caller wins; every copy of a confirmation made before that redemption
finds the claim and is answered with it; a call without answer is looked up in
``GET /rewards/redeemed`` and never sent again blindly.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.sandbox.telegram.client import BotCall, TgUser
from bot.sandbox.uitpas.data import (
    KANSENTARIEF,
    NORMAL,
    ONLINE_LAST_UNIT,
    ONLINE_VOUCHER,
    ONLINE_WEEKLY,
    OTHER,
)
from bot.sandbox.uitpas_v4.rewards_api import REASONS
from tests.e2e.test_points_and_promotions import data_of, edited, press, send
from tests.support.harness import AN, JOHN, Harness, StartBot

V4 = pytest.mark.parametrize("backend", ["v4"])
VOUCHER_TITLE = "Boekenbon van 5 euro"


# --- helpers ---------------------------------------------------------------------------------


async def redemptions(harness: Harness, number: str = NORMAL) -> list[dict[str, Any]]:
    response = await harness.sandbox.get("/_sandbox/redemptions", params={"uitpasNumber": number})
    response.raise_for_status()
    return response.json()


async def redeem_elsewhere(harness: Harness, number: str, reward_id: str) -> None:
    """As publiq's app or a ticket desk would, outside the bot."""
    response = await harness.sandbox.post(
        "/_sandbox/redemptions", json={"uitpasNumber": number, "rewardId": reward_id}
    )
    assert response.status_code == 201, response.text


async def open_detail(harness: Harness, user: TgUser, reward_id: str) -> BotCall:
    """The reward's detail, opened as a check-in reply's spotlight button opens it."""
    anchor = await send(harness, user, "/points")
    await press(harness, user, anchor, f"promo:{reward_id}", force=True)
    return await harness.telegram.wait_for_call(("sendMessage", "sendPhoto"), chat_id=user.id)


async def confirmation(harness: Harness, user: TgUser, reward_id: str) -> BotCall:
    """Open the detail, tap "redeem": the confirmation message."""
    detail = await open_detail(harness, user, reward_id)
    redeem = redeem_label(detail)
    await press(harness, user, detail, data_of(detail, redeem))
    return await harness.telegram.wait_for_call("sendMessage", chat_id=user.id)


def redeem_label(detail: BotCall) -> str:
    labels = [text for row in detail.buttons for text, _ in row]
    found = [label for label in labels if "omruilen" in label or "redeem" in label]
    assert found, f"no redeem button in {labels}"
    return found[0]


def confirm_data(message: BotCall) -> str:
    for row in message.buttons:
        for text, data in row:
            if ("bevestig" in text or "confirm" in text) and data:
                return data
    raise AssertionError(f"no confirm button in {message.buttons}")


async def tap_twice_at_once(harness: Harness, user: TgUser, message_id: int, data: str) -> None:
    """A double tap: the same button pressed twice at the same moment, both taps answered."""
    first, second = await asyncio.gather(
        harness.telegram.press_button(user, message_id, data),
        harness.telegram.press_button(user, message_id, data),
    )
    for query_id in (first, second):
        await harness.telegram.wait_for_call(
            "answerCallbackQuery", where=lambda c, q=query_id: c.params["callback_query_id"] == q
        )


async def confirm(harness: Harness, user: TgUser, message: BotCall) -> BotCall:
    """Tap confirm; the confirmation edited into the result."""
    await press(harness, user, message, confirm_data(message))
    return await edited(harness, message)


# --- the happy path --------------------------------------------------------------------------


@V4
async def test_redeem_online_shows_code_info_and_new_total(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    detail = await open_detail(harness, AN, ONLINE_VOUCHER)
    assert "omruilen" in redeem_label(detail)
    offer = await confirmation(harness, AN, ONLINE_VOUCHER)
    assert f"<b>{VOUCHER_TITLE}</b> omruilen?" in offer.text
    assert "Dit kost <b>25 punten</b>" in offer.text
    assert "Je hebt nu 25 punten; daarna blijven er 0 punten over." in offer.text
    labels = [text for row in offer.buttons for text, _ in row]
    assert any("bevestig" in label for label in labels)
    assert any("Annuleer" in label for label in labels)
    assert await redemptions(harness) == []  # nothing before the confirmation
    result = await confirm(harness, AN, offer)
    [made] = await redemptions(harness)
    assert f"🎉 Omgeruild: <b>{VOUCHER_TITLE}</b>" in result.text
    assert f"Je code: <code>{made['code']}</code>" in result.text
    assert "Vul deze code in op de website van" in result.text  # redeemInfo.text
    assert "Je hebt nu nog 0 punten." in result.text
    assert result.buttons == []  # the confirmation's buttons are gone
    assert await harness.sandbox_points(NORMAL) == 0


@V4
async def test_english_redemption_and_cancel(harness: Harness) -> None:
    await harness.link(JOHN, NORMAL)
    offer = await confirmation(harness, JOHN, ONLINE_VOUCHER)
    assert f"Redeem <b>{VOUCHER_TITLE}</b>?" in offer.text
    cancel = next(data for row in offer.buttons for text, data in row if "Cancel" in text)
    await press(harness, JOHN, offer, cancel or "")
    cancelled = await edited(harness, offer)
    assert "Redemption cancelled. No points were used." in cancelled.text
    assert await redemptions(harness) == []
    assert await harness.sandbox_points(NORMAL) == 25


async def test_offline_and_legacy_rewards_get_no_redeem_button(harness: Harness) -> None:
    """Legacy: nothing is redeemed in the chat; the detail says where to trade instead."""
    await harness.link(AN, NORMAL)
    detail = await open_detail(harness, AN, ONLINE_VOUCHER)
    assert detail.buttons == []
    assert "📍 Omruilen doe je bij " in detail.text


@V4
async def test_an_offline_reward_says_where_and_has_no_redeem_button(harness: Harness) -> None:
    """Where (the organizer and its address, as UiTPAS gives them), how, and until when."""
    await harness.link(AN, NORMAL)
    detail = await open_detail(harness, AN, "101")  # Gratis koffie in de foyer: at the desk
    assert detail.buttons == []
    assert (
        "📍 Omruilen doe je bij CC De Werf (Molenstraat 51, 9300 Aalst): toon daar je UiTPAS."
        in detail.text
    )
    assert "📅 Om te ruilen tot " in detail.text


# --- never twice -----------------------------------------------------------------------------


@V4
async def test_a_double_tap_on_confirm_redeems_once(harness: Harness) -> None:
    """On a cheap unlimited online reward, so that UiTPAS itself would allow a second one."""
    response = await harness.sandbox.post(
        "/_sandbox/promotions", json={"id": "151", "title": "E-book", "points": 2, "online": True}
    )
    response.raise_for_status()
    await harness.link(AN, NORMAL)
    offer = await confirmation(harness, AN, "151")
    data = confirm_data(offer)
    message_id = offer.result["message_id"]
    await tap_twice_at_once(harness, AN, message_id, data)
    await edited(harness, offer)
    assert len(await redemptions(harness)) == 1
    assert await harness.sandbox_points(NORMAL) == 23


@V4
async def test_a_second_confirmation_shows_the_same_code_and_redeems_nothing(
    harness: Harness,
) -> None:
    await harness.link(AN, NORMAL)
    detail = await open_detail(harness, AN, ONLINE_VOUCHER)
    ask = data_of(detail, redeem_label(detail))
    await press(harness, AN, detail, ask)
    first = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    await press(harness, AN, detail, ask)  # "redeem" tapped twice: two confirmations
    second = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    done = await confirm(harness, AN, first)
    again = await confirm(harness, AN, second)
    [made] = await redemptions(harness)
    assert f"<code>{made['code']}</code>" in done.text
    assert "al omgeruild: er zijn geen punten meer gebruikt" in again.text
    assert f"<code>{made['code']}</code>" in again.text
    assert await harness.sandbox_points(NORMAL) == 0


@V4
async def test_the_same_confirmation_after_a_restart_redeems_nothing(start_bot: StartBot) -> None:
    """Telegram delivering the tap again, to a new instance on the same database."""
    async with start_bot() as harness:
        await harness.link(AN, NORMAL)
        offer = await confirmation(harness, AN, ONLINE_VOUCHER)
        await confirm(harness, AN, offer)
    async with start_bot() as harness:
        await press(harness, AN, offer, confirm_data(offer), force=True)  # an old button
        again = await edited(harness, offer)
        assert "al omgeruild" in again.text
        assert len(await redemptions(harness)) == 1


@V4
async def test_a_new_confirmation_after_seeing_the_code_may_redeem_again(
    harness: Harness,
) -> None:
    """Only copies of a confirmation are refused: one asked for after the redemption (the
    passholder saw the total go down) is a new redemption, here refused by UiTPAS itself."""
    await harness.link(AN, NORMAL)
    await confirm(harness, AN, await confirmation(harness, AN, ONLINE_WEEKLY))
    detail = await open_detail(harness, AN, ONLINE_WEEKLY)
    assert detail.buttons == []  # redeem-status: once a week, already redeemed
    assert REASONS["PASSHOLDER_VOLUME"][1] in detail.text
    assert len(await redemptions(harness)) == 1


# --- no answer -------------------------------------------------------------------------------


@V4
async def test_a_timeout_after_the_redemption_is_found_not_redeemed_again(
    harness: Harness,
) -> None:
    await harness.link(AN, NORMAL)
    offer = await confirmation(harness, AN, ONLINE_VOUCHER)
    # Done at once, answered after the bot's 2 s timeout (only the POST: times=1).
    await harness.fault("rewards/redeemed", answer_delay=3.0)
    result = await confirm(harness, AN, offer)
    [made] = await redemptions(harness)
    assert "UiTPAS antwoordde niet meteen, maar je omruiling is gelukt." in result.text
    assert f"<code>{made['code']}</code>" in result.text
    await asyncio.sleep(1.5)  # the late answer arrives and is ignored
    assert len(await redemptions(harness)) == 1
    assert await harness.sandbox_points(NORMAL) == 0


@V4
async def test_a_timeout_not_yet_in_the_list_is_looked_up_again_never_resent(
    harness: Harness,
) -> None:
    """Held 3 s before UiTPAS does it: the bot gives up at 2 s, finds nothing, says so; the
    next tap looks in the list first and finds it there, without a second POST."""
    await harness.link(AN, NORMAL)
    offer = await confirmation(harness, AN, ONLINE_VOUCHER)
    await harness.fault("rewards/redeemed", delay=3.0)
    unknown = await confirm(harness, AN, offer)
    assert "we weten nog niet of het omruilen gelukt is" in unknown.text
    await asyncio.sleep(2.0)  # UiTPAS carries it out meanwhile
    [made] = await redemptions(harness)
    await press(harness, AN, offer, confirm_data(unknown))  # the button kept for this
    found = await edited(harness, offer)
    assert "je omruiling is gelukt" in found.text
    assert f"<code>{made['code']}</code>" in found.text
    assert len(await redemptions(harness)) == 1


@V4
async def test_rate_limited_redeems_nothing_and_may_be_tried_again(harness: Harness) -> None:
    """A 429 is answered before anything is done: nothing redeemed, the claim let go."""
    await harness.link(AN, NORMAL)
    offer = await confirmation(harness, AN, ONLINE_VOUCHER)
    await harness.fault("rewards/redeemed", status=429, retry_after=60, body="{}", times=1)
    down = await confirm(harness, AN, offer)
    assert "UiTPAS is nu niet bereikbaar. Er is niets omgeruild" in down.text
    assert await redemptions(harness) == []
    again = await confirmation(harness, AN, ONLINE_VOUCHER)
    await confirm(harness, AN, again)
    assert len(await redemptions(harness)) == 1


@V4
async def test_a_server_error_is_not_taken_for_nothing_done(harness: Harness) -> None:
    """A 502 page: the redemption may have happened behind it. Not in the list: told that it
    is not known, and the same button does not send it again while it may still appear."""
    await harness.link(AN, NORMAL)
    offer = await confirmation(harness, AN, ONLINE_VOUCHER)
    await harness.fault("rewards/redeemed", status=502, body="<html>Bad gateway</html>")
    unknown = await confirm(harness, AN, offer)
    assert "we weten nog niet of het omruilen gelukt is" in unknown.text
    assert confirm_data(unknown) == confirm_data(offer)  # the same button, to look again
    await press(harness, AN, offer, confirm_data(offer))
    still = await harness.telegram.wait_for_call(
        "editMessageText", where=lambda c: c.params.get("message_id") == offer.result["message_id"]
    )
    assert "we weten nog niet" in still.text  # the same words: "not modified", fine
    assert await redemptions(harness) == []


# --- each refusal its own message ------------------------------------------------------------


async def _sell_out(harness: Harness) -> None:
    await redeem_elsewhere(harness, KANSENTARIEF, ONLINE_LAST_UNIT)


async def _use_the_weekly(harness: Harness) -> None:
    await redeem_elsewhere(harness, NORMAL, ONLINE_WEEKLY)


async def _spend_points(harness: Harness) -> None:
    await redeem_elsewhere(harness, NORMAL, ONLINE_WEEKLY)  # 6 of 25: 19 left


async def _expire(harness: Harness) -> None:
    response = await harness.sandbox.post(
        "/_sandbox/promotions",
        json={"id": "150", "title": "Online quiz", "points": 2, "online": True, "expired": True},
    )
    response.raise_for_status()


async def _withhold(harness: Harness) -> None:
    response = await harness.sandbox.post(
        "/_sandbox/permissions", json={"withhold": ["REWARDS_REDEEM"]}
    )
    response.raise_for_status()


REFUSALS = [
    # (reward, what changes after the confirmation, Dutch: UiTPAS's words, English: ours)
    pytest.param(
        ONLINE_VOUCHER, _spend_points, REASONS["PASSHOLDER_POINTS"][1],
        "You do not have enough points", id="points",
    ),
    pytest.param(
        ONLINE_LAST_UNIT, _sell_out, REASONS["REWARD_VOLUME"][1],
        "This reward is sold out", id="sold-out",
    ),
    pytest.param(
        ONLINE_WEEKLY, _use_the_weekly, REASONS["PASSHOLDER_VOLUME"][1],
        "as often as allowed in this period", id="limit-per-week",
    ),
    pytest.param(
        "150", _expire, REASONS["REWARD_PERIOD"][1],
        "its redemption period is over", id="expired",
    ),
    pytest.param(
        ONLINE_VOUCHER, _withhold, "UiTPAS staat deze bot niet toe voordelen om te ruilen",
        "UiTPAS does not allow this bot to redeem rewards", id="no-permission",
    ),
]  # fmt: skip


@V4
@pytest.mark.parametrize(("reward", "change", "dutch", "english"), REFUSALS)
@pytest.mark.parametrize("user", [AN, JOHN], ids=["nl", "en"])
async def test_each_refusal_gets_its_own_message(
    harness: Harness, user: TgUser, reward: str, change: Any, dutch: str, english: str
) -> None:
    """Refused between the confirmation and the tap: Dutch users read UiTPAS's own words
    (endUserMessage.nl), English users the bot's own and UiTPAS's after them."""
    if reward == "150":
        await _expire_later(harness)
    await harness.link(user, NORMAL)
    before = await harness.sandbox_points(NORMAL)
    offer = await confirmation(harness, user, reward)
    await change(harness)
    points = await harness.sandbox_points(NORMAL)
    result = await confirm(harness, user, offer)
    assert (dutch if user is AN else english) in result.text
    assert await harness.sandbox_points(NORMAL) == points  # nothing spent by the bot
    assert before >= points
    mine = [r for r in await redemptions(harness) if r["rewardId"] == reward]
    assert len(mine) == (1 if change in (_use_the_weekly,) else 0)


async def _expire_later(harness: Harness) -> None:
    """The reward that will expire, redeemable when the confirmation is made."""
    response = await harness.sandbox.post(
        "/_sandbox/promotions",
        json={"id": "150", "title": "Online quiz", "points": 2, "online": True},
    )
    response.raise_for_status()


@V4
async def test_not_enough_points_has_no_redeem_button_and_says_why(harness: Harness) -> None:
    await harness.link(JOHN, OTHER)  # 3 points
    detail = await open_detail(harness, JOHN, ONLINE_VOUCHER)
    # No redeem button; only ⭐ "tell me when I can get this" (notifications, issue 19).
    assert [label for row in detail.buttons for label, _ in row] == [
        "⭐ Tell me when I can get this"
    ]
    assert "you need 22 more" in detail.text or "22" in detail.text
