"""End to end, over HTTP: history, kansentarief, coupons and redeeming per family member.

The real bot against the emulator and the v4 sandbox, on SQLite and PostgreSQL. AN is Nadia
(FAMILY_KANSENTARIEF, 8 points, kansentarief), whose family at UiTPAS holds her daughter Lina
(CHILD, 2 points, kansentarief), as in publiq's test dataset. Other members are added the
way a passholder adds them, with ``/family add <number> <birth date>``. The money-like checks
are on what the sandbox redeemed and on its totals, not on what the bot says.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.sandbox.telegram.client import BotCall
from bot.sandbox.uitpas.data import (
    CHILD,
    FAMILY_KANSENTARIEF,
    KANSENTARIEF_EXPIRED,
    KANSENTARIEF_GRACE,
    KANSENTARIEF_OTHER_REGION,
    NORMAL,
    ONLINE_WEEKLY,
)
from bot.services.redemption import _unkeyed_passholder_key
from bot.uitpas.numbers import mask_uitpas_number
from storage.coordination import Lease
from storage.redemptions import REDEEMED, RedemptionClaimRepository
from tests.e2e.test_family import day_first, spaced, with_family
from tests.e2e.test_points_and_promotions import edited, press, requests, send
from tests.e2e.test_redemption import (
    confirm,
    confirm_data,
    confirmation,
    open_detail,
    redeem_elsewhere,
    redeem_label,
    redemptions,
    tap_twice_at_once,
)
from tests.support.harness import AN, Harness, button_data, say

V4 = pytest.mark.parametrize("backend", ["v4"])
EBOOK = "151"  # made per test: an online reward with no limit, cheap enough for Lina
STICKER = "152"  # made per test: free, redeemed often, for Lina's history to page


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("• ")]


def labels(call: BotCall) -> list[str]:
    return [text for row in call.buttons for text, _ in row]


async def online_reward(harness: Harness, reward_id: str, title: str, points: int) -> None:
    response = await harness.sandbox.post(
        "/_sandbox/promotions",
        json={"id": reward_id, "title": title, "points": points, "online": True},
    )
    response.raise_for_status()


async def whose_points(harness: Harness, reward_id: str) -> BotCall:
    """Open the reward, tap "Online omruilen": with a family, the question whose points."""
    detail = await open_detail(harness, AN, reward_id)
    await press(harness, AN, detail, button_data(detail, redeem_label(detail)))
    return await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)


async def offer_for(harness: Harness, reward_id: str, name: str) -> BotCall:
    """The confirmation with ``name``'s points."""
    asked = await whose_points(harness, reward_id)
    await press(harness, AN, asked, button_data(asked, f"🛒 Met de punten van {name}"))
    return await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)


async def add_member(harness: Harness, number: str) -> str:
    text = await say(harness, AN, f"/family add {spaced(number)} {day_first(number)}")
    assert "hoort nu bij je gezin" in text, text
    return text


def after_header(text: str, name: str) -> str:
    """The part of /points under a member's name."""
    marker = f"👤 <b>{name}</b>"
    assert marker in text, text
    return text.split(marker, 1)[1].split("👤 <b>", 1)[0]


# --- /history --------------------------------------------------------------------------------


@V4
async def test_history_switches_to_a_member_and_pages_keep_them(harness: Harness) -> None:
    await online_reward(harness, STICKER, "Stickerbon", 0)
    await with_family(harness)
    for _ in range(11):
        await redeem_elsewhere(harness, CHILD, STICKER)
    own = await send(harness, AN, "/history")
    assert f"Je spaargeschiedenis</b> ({mask_uitpas_number(FAMILY_KANSENTARIEF)})" in own.text
    assert "Stickerbon" not in own.text  # Lina's redemptions are not Nadia's
    assert "▸ Nadia" in labels(own)
    await press(harness, AN, own, button_data(own, "👤 Lina"))
    lina = await edited(harness, own)
    assert f"Spaargeschiedenis van Lina</b> ({mask_uitpas_number(CHILD)})" in lina.text
    assert CHILD not in lina.text
    assert "Pagina 1 van 2" in lina.text
    assert len(lines(lina.text)) == 10
    assert all("Stickerbon" in line for line in lines(lina.text))
    assert "▸ Lina" in labels(lina)
    await press(harness, AN, lina, button_data(lina, "Volgende"))
    second = await edited(harness, own)
    assert "Spaargeschiedenis van Lina" in second.text  # the page keeps the member
    assert "Pagina 2 van 2" in second.text
    assert len(lines(second.text)) == 1
    await press(harness, AN, second, button_data(second, "👤 Nadia"))
    back = await edited(harness, own)
    assert "Je spaargeschiedenis</b>" in back.text
    assert "Stickerbon" not in back.text


async def test_legacy_history_has_no_member_tabs(harness: Harness) -> None:
    """Legacy records a member's check-ins under no card: only the passholder's own show."""
    await with_family(harness)
    reply = await send(harness, AN, "/history")
    assert "kent de bot alleen de check-ins die via hem gebeurden" in reply.text
    assert reply.buttons == []


# --- kansentarief and coupons per member -----------------------------------------------------


@V4
async def test_points_show_a_members_active_kansentarief(harness: Harness) -> None:
    await with_family(harness)
    reply = await send(harness, AN, "/points")
    assert reply.text.count("🤝 Kansentarief: geldig tot ") == 2  # Nadia's and Lina's
    assert "🤝 Kansentarief: geldig tot " in after_header(reply.text, "Lina")


@V4
@pytest.mark.parametrize(
    ("number", "name", "expected"),
    [
        (KANSENTARIEF_EXPIRED, "Karim", "🤝 Kansentarief: verlopen sinds "),
        (KANSENTARIEF_GRACE, "Lotte", "is voorbij, maar je krijgt nog even kansentarief"),
    ],
    ids=["expired", "grace"],
)
async def test_points_show_each_members_kansentarief(
    harness: Harness, number: str, name: str, expected: str
) -> None:
    await with_family(harness)
    await add_member(harness, number)
    reply = await send(harness, AN, "/points")
    assert expected in after_header(reply.text, name)
    assert expected not in reply.text.split("👤 <b>", 1)[0]  # not Nadia's own
    assert number not in reply.text


@V4
async def test_points_show_a_members_coupons(harness: Harness) -> None:
    await with_family(harness)
    await add_member(harness, KANSENTARIEF_OTHER_REGION)
    reply = await send(harness, AN, "/points")
    marie = after_header(reply.text, "Marie")
    assert "🎟️ Je coupons:" in marie
    assert "• Gratis naar de film: nog 1 keer, geldig tot " in marie
    assert "🎟️" not in after_header(reply.text, "Lina")  # Lina has none


# --- redeeming with a member's points --------------------------------------------------------


@V4
async def test_redeem_with_a_members_points_names_them_and_spends_theirs(
    harness: Harness,
) -> None:
    await online_reward(harness, EBOOK, "E-book", 2)
    await with_family(harness)
    asked = await whose_points(harness, EBOOK)
    assert "met wiens punten omruilen?" in asked.text
    assert "✅ Nadia: 8 punten" in asked.text
    assert "✅ Lina: 2 punten" in asked.text
    assert labels(asked) == ["🛒 Met de punten van Nadia", "🛒 Met de punten van Lina"]
    await press(harness, AN, asked, button_data(asked, "🛒 Met de punten van Lina"))
    offer = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "👤 Met de punten van <b>Lina</b>." in offer.text
    assert f"van UiTPAS {mask_uitpas_number(CHILD)}" in offer.text
    assert "Lina heeft nu 2 punten; daarna blijven er 0 punten over." in offer.text
    result = await confirm(harness, AN, offer)
    [made] = await redemptions(harness, CHILD)
    assert "🎉 Omgeruild: <b>E-book</b>" in result.text
    assert "👤 Met de punten van <b>Lina</b>." in result.text
    assert f"<code>{made['code']}</code>" in result.text
    assert "Lina heeft nu nog 0 punten." in result.text
    assert await harness.sandbox_points(CHILD) == 0
    assert await harness.sandbox_points(FAMILY_KANSENTARIEF) == 8  # the parent's untouched
    assert await redemptions(harness, FAMILY_KANSENTARIEF) == []


@V4
async def test_the_redemption_goes_with_the_passholders_user_token(harness: Harness) -> None:
    await online_reward(harness, EBOOK, "E-book", 2)
    await with_family(harness)
    await confirm(harness, AN, await offer_for(harness, EBOOK, "Nadia"))
    await confirm(harness, AN, await offer_for(harness, EBOOK, "Lina"))
    counted = await requests(harness)
    assert counted.get("redeem_user_token") == 2
    assert "redeem_client_token" not in counted
    assert len(await redemptions(harness, FAMILY_KANSENTARIEF)) == 1
    assert len(await redemptions(harness, CHILD)) == 1


@V4
async def test_a_double_tap_on_a_members_confirm_redeems_once(harness: Harness) -> None:
    """One point, and Lina has two: UiTPAS itself would allow a second one."""
    await online_reward(harness, EBOOK, "E-book", 1)
    await with_family(harness)
    offer = await offer_for(harness, EBOOK, "Lina")
    data = confirm_data(offer)
    message_id = offer.result["message_id"]
    await tap_twice_at_once(harness, AN, message_id, data)
    await edited(harness, offer)
    assert len(await redemptions(harness, CHILD)) == 1
    assert await harness.sandbox_points(CHILD) == 1
    assert await harness.sandbox_points(FAMILY_KANSENTARIEF) == 8


@V4
async def test_a_member_without_enough_points_is_refused_while_the_holder_can(
    harness: Harness,
) -> None:
    """The trial lesson costs 6: Nadia (8) can redeem it, Lina (2) cannot."""
    await with_family(harness)
    asked = await whose_points(harness, ONLINE_WEEKLY)
    assert labels(asked) == ["🛒 Met de punten van Nadia"]  # no button for Lina
    assert "✅ Nadia: 8 punten" in asked.text
    [lina] = [line for line in asked.text.splitlines() if line.startswith("✖️ Lina: ")]
    assert "niet genoeg punten" in lina


@V4
async def test_a_members_refusal_at_confirmation_names_them_and_spends_nothing(
    harness: Harness,
) -> None:
    """Lina's points go elsewhere between the confirmation and the tap: her own refusal."""
    await online_reward(harness, EBOOK, "E-book", 2)
    await with_family(harness)
    offer = await offer_for(harness, EBOOK, "Lina")
    await redeem_elsewhere(harness, CHILD, EBOOK)  # Lina now has 0 points
    result = await confirm(harness, AN, offer)
    assert "👤 Met de punten van <b>Lina</b>:" in result.text
    assert "niet genoeg punten" in result.text
    assert len(await redemptions(harness, CHILD)) == 1  # only the one made elsewhere
    assert await harness.sandbox_points(FAMILY_KANSENTARIEF) == 8


@V4
async def test_the_redeemed_list_per_member(harness: Harness) -> None:
    await online_reward(harness, EBOOK, "E-book", 2)
    await with_family(harness)
    await redeem_elsewhere(harness, CHILD, EBOOK)
    [made] = await redemptions(harness, CHILD)
    listing = await send(harness, AN, "/promotions")
    await press(harness, AN, listing, button_data(listing, "🧾 Al omgeruild"))
    own = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Je hebt nog niets omgeruild." in own.text
    assert "▸ Nadia" in labels(own)
    await press(harness, AN, own, button_data(own, "👤 Lina"))
    lina = await edited(harness, own)
    assert f"Al omgeruild</b> door Lina, met UiTPAS {mask_uitpas_number(CHILD)}" in lina.text
    [line] = lines(lina.text)
    assert f"E-book: code <code>{made['code']}</code>" in line


@V4
async def test_a_claim_made_before_the_keyed_claims_is_still_honoured(harness: Harness) -> None:
    """An upgrade while a confirmation is answered: its claim, made under the old unkeyed
    SHA-256, is found after it, so the same confirmation is not redeemed again."""
    await online_reward(harness, EBOOK, "E-book", 1)
    await with_family(harness)
    offer = await offer_for(harness, EBOOK, "Lina")
    claims = RedemptionClaimRepository(harness.running.database, lease=Lease(timedelta(minutes=1)))
    key = _unkeyed_passholder_key(CHILD)
    now = datetime.now(UTC)
    assert await claims.claim(AN.id, key, EBOOK, issued_before=now - timedelta(hours=1)) is None
    await claims.answered(AN.id, key, EBOOK, REDEEMED, redemption_id="from-before")
    again = await confirm(harness, AN, offer)
    assert "al omgeruild: er zijn geen punten meer gebruikt" in again.text
    assert await redemptions(harness, CHILD) == []
    assert await harness.sandbox_points(CHILD) == 2


@V4
async def test_a_member_who_left_the_family_gets_their_own_words_and_nothing_is_redeemed(
    harness: Harness,
) -> None:
    await online_reward(harness, EBOOK, "E-book", 1)
    await with_family(harness)
    offer = await offer_for(harness, EBOOK, "Lina")
    assert "Lina hoort niet meer bij je gezin." in await say(harness, AN, "/family remove Lina")
    result = await confirm(harness, AN, offer)
    assert "Dat gezinslid hoort niet meer bij je gezin: er is niets gedaan." in result.text
    assert await redemptions(harness, CHILD) == []
    assert await harness.sandbox_points(CHILD) == 2


@V4
@pytest.mark.parametrize("whose", ["own", "member"])
async def test_an_expired_login_redeems_nothing_and_says_to_log_in_again(
    harness: Harness, whose: str
) -> None:
    """The redemption goes with the passholder's own login: gone, it says so (not "link
    first", not "left the family")."""
    await online_reward(harness, EBOOK, "E-book", 1)
    if whose == "own":
        await harness.link(AN, NORMAL)
        offer = await confirmation(harness, AN, EBOOK)
    else:
        await with_family(harness)
        offer = await offer_for(harness, EBOOK, "Lina")
    response = await harness.sandbox.post("/_sandbox/uitid/expire", json={"tokens": "all"})
    response.raise_for_status()
    result = await confirm(harness, AN, offer)
    assert "aanmelding bij UiTiD is verlopen of ingetrokken, dus er is niets omgeruild" in (
        result.text
    )
    assert await redemptions(harness, NORMAL) == []
    assert await redemptions(harness, CHILD) == []
