"""End to end, over HTTP: /history, what was redeemed, kansentarief and coupons in /points.

Under v4 the history is UiTPAS's (check-ins and redemptions, ten a page, ◀️/▶️ editing the
message in place); under legacy it is the bot's own check-ins, and says so. The redeemed list
is a button in /promotions; legacy says it is not available.
"""

from __future__ import annotations

import pytest

from bot.sandbox.uitpas.data import (
    KANSENTARIEF,
    KANSENTARIEF_EXPIRED,
    KANSENTARIEF_GRACE,
    KANSENTARIEF_OTHER_REGION,
    NORMAL,
    ONLINE_VOUCHER,
    ONLINE_WEEKLY,
)
from bot.uitpas.numbers import mask_uitpas_number
from tests.e2e.test_points_and_promotions import data_of, edited, press, send
from tests.e2e.test_redemption import confirm, confirmation, redeem_elsewhere, redemptions
from tests.support.harness import AN, BACKENDS, JOHN, Harness
from tests.support.images import poster_photo

V4 = pytest.mark.parametrize("backend", ["v4"])
JAZZ_CODE = "12345678"
DRINK = "108"  # Gratis drankje, 1 point, 200 units: redeemed many times for paging


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("• ")]


# --- /history --------------------------------------------------------------------------------


@V4
async def test_history_lists_check_ins_and_redemptions_with_points(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    await redeem_elsewhere(harness, NORMAL, ONLINE_WEEKLY)
    reply = await send(harness, AN, "/history")
    assert f"Je spaargeschiedenis</b> ({mask_uitpas_number(NORMAL)})" in reply.text
    assert NORMAL not in reply.text
    found = lines(reply.text)
    assert any(line.endswith("Muziekles proefles (CC De Werf): −6 punten") for line in found)
    assert any(line.endswith("Jazz op de Grote Markt (CC De Werf): +1 punt") for line in found)
    assert reply.buttons == []  # one page


@V4
async def test_history_pages_by_ten_and_edits_in_place(harness: Harness) -> None:
    await harness.link(JOHN, NORMAL)
    for _ in range(12):
        await redeem_elsewhere(harness, NORMAL, DRINK)
    first = await send(harness, JOHN, "/history")
    assert len(lines(first.text)) == 10
    assert "Page 1 of 2" in first.text
    await press(harness, JOHN, first, data_of(first, "Next"))
    second = await edited(harness, first)
    assert "Page 2 of 2" in second.text
    assert len(lines(second.text)) == 2
    assert all(
        line.endswith("Gratis drankje (CC De Werf): −1 point") for line in lines(second.text)
    )
    await press(harness, JOHN, second, data_of(second, "◀️"))
    back = await edited(harness, first)
    assert "Page 1 of 2" in back.text


async def test_legacy_history_is_the_bots_own_check_ins_and_says_so(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    assert "Nog niets in je geschiedenis." in (await send(harness, AN, "/history")).text
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    reply = await send(harness, AN, "/history")
    assert "kent de bot alleen de check-ins die via hem gebeurden" in reply.text
    assert lines(reply.text)[0].endswith("Jazz op de Grote Markt (CC De Werf): +1 punt")


@pytest.mark.parametrize("backend", BACKENDS)
async def test_history_before_linking_says_how_to_link(harness: Harness) -> None:
    assert "Koppel eerst je UiTPAS" in (await send(harness, AN, "/history")).text


# --- what was redeemed -----------------------------------------------------------------------


@V4
async def test_the_redeemed_list_shows_title_date_and_code_again(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    before = data_of(listing, "🧾 Al omgeruild")
    await press(harness, AN, listing, before)
    empty = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Je hebt nog niets omgeruild." in empty.text
    await confirm(harness, AN, await confirmation(harness, AN, ONLINE_VOUCHER))
    [made] = await redemptions(harness)
    listing = await send(harness, AN, "/promotions")
    await press(harness, AN, listing, data_of(listing, "🧾 Al omgeruild"))
    shown = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert f"Al omgeruild</b> met je UiTPAS {mask_uitpas_number(NORMAL)}" in shown.text
    [line] = lines(shown.text)
    assert f"Boekenbon van 5 euro: code <code>{made['code']}</code>" in line


async def test_legacy_says_the_redeemed_list_is_not_available(harness: Harness) -> None:
    await harness.link(JOHN, NORMAL)
    listing = await send(harness, JOHN, "/promotions")
    await press(harness, JOHN, listing, data_of(listing, "🧾 Already redeemed"))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    assert "cannot look up what you redeemed with the old UiTPAS API" in reply.text


# --- kansentarief and coupons in /points -----------------------------------------------------


@V4
@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (KANSENTARIEF, "🤝 Kansentarief: geldig tot "),
        (KANSENTARIEF_GRACE, "is voorbij, maar je krijgt nog even kansentarief"),
        (KANSENTARIEF_EXPIRED, "🤝 Kansentarief: verlopen sinds "),
    ],
    ids=["active", "grace", "expired"],
)
async def test_points_show_the_kansentarief(harness: Harness, number: str, expected: str) -> None:
    await harness.link(AN, number)
    reply = await send(harness, AN, "/points")
    assert expected in reply.text


@V4
async def test_points_show_coupons_with_their_validity(harness: Harness) -> None:
    await harness.link(JOHN, KANSENTARIEF_OTHER_REGION)
    reply = await send(harness, JOHN, "/points")
    assert "🎟️ Your coupons:" in reply.text
    assert "• Gratis naar de film: 1 more time, valid until " in reply.text
    assert "• Zwemmen aan kansentarief: 3 more times, valid until " in reply.text


@V4
async def test_no_kansentarief_no_coupons_no_lines(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    reply = await send(harness, AN, "/points")
    assert "Kansentarief" not in reply.text
    assert "coupons" not in reply.text
