"""End to end: a promotion's details read right and lead back (issue 15, point 6).

- one that can be traded only later says from when, not "outside the trading period";
- "trade at the desk" and "trade at: <place>" are one sentence, not two;
- the sandbox's pictures carry the reward's own caption, not one shared by all;
- a detail opened from the list has a ◀️ button back to the page it was opened from.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import httpx
import pytest
from PIL import Image

from bot.i18n.dates import format_date
from bot.sandbox.telegram.client import BotCall, TgUser
from bot.sandbox.uitpas.data import NORMAL, OTHER
from tests.e2e.test_points_and_promotions import werf
from tests.support.harness import AN, BACKENDS, JOHN, Harness
from tests.support.harness import button_data as data_of


async def send(harness: Harness, user: TgUser, text: str) -> BotCall:
    await harness.telegram.send_text(user, text)
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id)
    assert reply.ok, reply.description
    return reply


async def press(harness: Harness, user: TgUser, message: BotCall, data: str) -> int:
    """Press a button under ``message``; the sequence number of the last call before it."""
    calls = await harness.telegram.calls()
    after = calls[-1].seq if calls else 0
    query_id = await harness.telegram.press_button(user, message.result["message_id"], data)
    await harness.telegram.wait_for_call(
        "answerCallbackQuery", where=lambda call: call.params["callback_query_id"] == query_id
    )
    return after


async def open_detail(harness: Harness, user: TgUser, listing: BotCall, label: str) -> BotCall:
    after = await press(harness, user, listing, data_of(listing, label))
    detail = await harness.telegram.wait_for_call(
        ("sendPhoto", "sendMessage"), chat_id=user.id, after=after
    )
    assert detail.ok, detail.description
    return detail


async def second_page(harness: Harness, user: TgUser) -> BotCall:
    listing = await send(harness, user, "/promotions")
    after = await press(harness, user, listing, data_of(listing, "Volgende"))
    return await harness.telegram.wait_for_call("editMessageText", chat_id=user.id, after=after)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_one_that_starts_later_says_from_when(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    page = await second_page(harness, AN)
    detail = await open_detail(harness, AN, page, "Poster van de tentoonstelling")
    text = detail.text or ""
    begins = format_date(datetime.now().astimezone() + timedelta(days=10), "nl", with_year=True)
    assert "buiten de omruilperiode" not in text
    assert f"⏳ Nog niet om te ruilen: dat kan vanaf {begins}." in text
    assert text.count(begins) == 1  # the period line does not repeat the start
    assert "📅 Om te ruilen tot " in text


@pytest.mark.parametrize("backend", BACKENDS)
async def test_where_to_trade_is_said_once(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    text = (await open_detail(harness, AN, listing, "✅ ⭐ Gratis koffie")).text or ""
    assert f"📍 Omruilen doe je bij {werf(harness)}: toon daar je UiTPAS." in text
    assert "Omruilen bij:" not in text
    assert "aan de balie" not in text
    assert text.count("CC De Werf") == 1


@pytest.mark.parametrize("backend", ["legacy"])
async def test_where_to_trade_is_said_once_in_english_too(harness: Harness) -> None:
    await harness.link(JOHN, NORMAL)
    listing = await send(harness, JOHN, "/promotions")
    text = (await open_detail(harness, JOHN, listing, "✅ ⭐ Gratis koffie")).text or ""
    assert text.count("Trade") == 1
    assert "CC De Werf" in text


def caption_pixels(png: bytes) -> set[tuple[int, int]]:
    """Where the caption strip at the bottom of a picture is pure white: its text."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    top = image.height - 50
    return {
        (x, y)
        for x in range(image.width)
        for y in range(top, image.height)
        if image.getpixel((x, y)) == (255, 255, 255)
    }


@pytest.mark.parametrize("backend", ["legacy"])
async def test_pictures_are_captioned_with_their_own_reward(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    coffee = await open_detail(harness, AN, listing, "✅ ⭐ Gratis koffie")
    ticket = await open_detail(harness, AN, listing, "✅ ⭐ Ticket voor een voorstelling")
    async with httpx.AsyncClient(timeout=10) as client:
        pictures = [(await client.get(call.params["photo"])).content for call in (coffee, ticket)]
    coffee_caption, ticket_caption = (caption_pixels(png) for png in pictures)
    # The same caption differs only in a few pixels of colour blending; another text in most.
    assert len(coffee_caption ^ ticket_caption) > len(coffee_caption | ticket_caption) / 3


@pytest.mark.parametrize("backend", BACKENDS)
async def test_back_from_a_detail_with_a_picture_shows_the_page_it_came_from(
    harness: Harness,
) -> None:
    await harness.link(AN, NORMAL)
    page = await second_page(harness, AN)
    detail = await open_detail(harness, AN, page, "Poster van de tentoonstelling")
    assert detail.method == "sendPhoto"
    after = await press(harness, AN, detail, data_of(detail, "◀️"))
    deleted = await harness.telegram.wait_for_call("deleteMessage", chat_id=AN.id, after=after)
    assert deleted.params["message_id"] == detail.result["message_id"]
    back = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id, after=after)
    assert "Pagina 2 van " in (back.text or "")
    assert data_of(back, "Poster van de tentoonstelling")


@pytest.mark.parametrize("backend", BACKENDS)
async def test_back_from_a_text_detail_edits_it_into_the_page(harness: Harness) -> None:
    await harness.link(JOHN, OTHER)
    listing = await send(harness, JOHN, "/promotions")
    detail = await open_detail(harness, JOHN, listing, "⭐ Duoticket")
    assert detail.method == "sendMessage"
    after = await press(harness, JOHN, detail, data_of(detail, "◀️"))
    edit = await harness.telegram.wait_for_call("editMessageText", chat_id=JOHN.id, after=after)
    assert edit.params["message_id"] == detail.result["message_id"]
    assert "Page 1 of " in (edit.text or "")
