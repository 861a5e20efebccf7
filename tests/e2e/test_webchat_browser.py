"""The web chat of ``uitpas-bot demo`` in headless Chromium, with every part real.

Chromium drives the page, the page the web chat's server, the server the Telegram emulator,
which the real bot polls; the bot checks in with the UiTPAS sandbox. Waits are Playwright's
(they poll the page until it shows what a visitor would see), never sleeps.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from PIL import Image

from bot.demo.webchat.personas import spaced
from bot.sandbox.uitpas.data import BLOCKED, FAMILY_KANSENTARIEF, NORMAL
from bot.uitpas.numbers import mask_uitpas_number
from tests.support.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DemoProcess,
    demo_process,
    require_browser,
)

WAIT_MS = 30_000  # an upper bound for the bot's answer on a loaded machine, not a speed test
AN_CARD = spaced(NORMAL)
BO_CARD = spaced(BLOCKED)
GROUP_TITLE = "Cultuurclub Aalst"
# Where the family test leaves its screenshot (docs/ when retaking it): FAMILY_SCREENSHOT_DIR.
SCREENSHOT_DIR = (
    Path(os.environ["FAMILY_SCREENSHOT_DIR"]) if "FAMILY_SCREENSHOT_DIR" in os.environ else None
)


@pytest.fixture
def demo() -> Iterator[DemoProcess]:
    """The demo on the legacy API (linking by typing a number): most tests here are about the
    chat itself; the v4 login has its own tests below."""
    require_browser()
    with demo_process("--api", "legacy") as running:
        yield running


@pytest.fixture
def demo_v4() -> Iterator[DemoProcess]:
    """``uitpas-bot demo`` as the README starts it: v4, linking with a UiTiD login."""
    require_browser()
    with demo_process() as running:
        yield running


@asynccontextmanager
async def browser_page(url: str, tmp_path: Path, **options: object) -> AsyncIterator[object]:
    """The page in a fresh Chromium; ``options`` go to the context (``timezone_id``, ``locale``,
    ``viewport``, ``has_touch``...)."""
    from playwright.async_api import async_playwright, expect

    expect.set_options(timeout=WAIT_MS)
    async with async_playwright() as driver:
        context = await driver.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh profile: no persona remembered
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            **{"viewport": {"width": 1200, "height": 860}, **options},
        )
        context.set_default_timeout(WAIT_MS)
        page = context.pages[0] if context.pages else await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        await page.goto(url)
        await page.locator("body[data-ready=true]").wait_for()
        yield page
        await context.close()
    assert errors == [], f"errors in the page: {errors}"


@pytest.fixture
async def page(demo: DemoProcess, tmp_path: Path) -> AsyncIterator[object]:
    async with browser_page(demo.url, tmp_path) as opened:
        yield opened


@pytest.fixture
async def page_v4(demo_v4: DemoProcess, tmp_path: Path) -> AsyncIterator[object]:
    async with browser_page(demo_v4.url, tmp_path) as opened:
        yield opened


async def send(page, text: str) -> None:  # type: ignore[no-untyped-def]
    await page.fill("#text", text)
    await page.press("#text", "Enter")


def bot_messages(page):  # type: ignore[no-untyped-def]
    return page.locator(".msg.from-bot")


async def bot_answer(page, text: str):  # type: ignore[no-untyped-def]
    """Send ``text`` and return the bot's next message (not one that was already there)."""
    from playwright.async_api import expect

    before = await bot_messages(page).count()
    await send(page, text)
    await expect(bot_messages(page)).not_to_have_count(before)
    return bot_messages(page).nth(before)


async def link(page, card: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.async_api import expect

    await page.get_by_role("button", name=card).click()  # the card list in the sidebar
    await expect(page.locator("#text")).to_have_value(card)
    await page.press("#text", "Enter")
    await expect(bot_messages(page).last).to_contain_text(expected)


def poster_photo(demo: DemoProcess, title: str, folder: Path) -> Path:
    """The event's poster as a phone would send it: a JPEG, smaller than the printed page."""
    posters = httpx.get(f"{demo.url}/api/posters", timeout=10).json()["posters"]
    url = next(p["url"] for p in posters if p["title"] == title)
    image = Image.open(io.BytesIO(httpx.get(demo.url + url, timeout=30).content))
    image.thumbnail((900, 1300))
    path = folder / "photo.jpg"
    image.convert("RGB").save(path, format="JPEG", quality=85)
    return path


def poster_file(demo: DemoProcess, title: str, folder: Path) -> Path:
    """The event's poster as the PNG file it is (to send as a file, uncompressed)."""
    posters = httpx.get(f"{demo.url}/api/posters", timeout=10).json()["posters"]
    url = next(p["url"] for p in posters if p["title"] == title)
    path = folder / "affiche.png"
    path.write_bytes(httpx.get(demo.url + url, timeout=30).content)
    return path


async def loaded(image) -> bool:  # type: ignore[no-untyped-def]
    return bool(await image.evaluate("img => img.complete && img.naturalWidth > 0"))


async def test_link_upload_a_qr_photo_see_points_and_open_a_spotlight_promotion(
    page, demo: DemoProcess, tmp_path: Path
) -> None:
    from playwright.async_api import expect

    await page.click("#menu-button")  # the bot's command menu, as set with setMyCommands
    await expect(page.get_by_role("option", name="/points")).to_be_visible()
    await page.keyboard.press("Escape")
    await expect(page.locator("#command-menu")).to_be_hidden()

    await link(page, AN_CARD, f"Je UiTPAS {mask_uitpas_number(NORMAL)} is gekoppeld")

    await page.set_input_files(
        "#photo-input", poster_photo(demo, "Jazz op de Grote Markt", tmp_path)
    )
    own_photo = page.locator(".msg.out img.photo").last
    await expect(own_photo).to_be_visible()
    checked_in = bot_messages(page).last
    await expect(checked_in).to_contain_text("Je spaarde 1 punt bij Jazz op de Grote Markt")
    await expect(checked_in).to_contain_text("Je hebt nu in totaal 26 punten.")
    assert await loaded(own_photo)

    spotlight = checked_in.locator(".inline-button")
    assert await spotlight.count() >= 1
    label = (await spotlight.first.inner_text()).split("·")[0].strip()
    await spotlight.first.click()
    details = bot_messages(page).last
    await expect(details).to_contain_text("Nodig:")
    await expect(details).to_contain_text(label)
    picture = details.locator("img.photo")  # sent by URL: shown through the web chat
    await expect(picture).to_be_visible()
    await page.wait_for_function("img => img.complete", arg=await picture.element_handle())
    assert await loaded(picture)


async def test_a_poster_from_the_gallery_checks_in_and_list_buttons_edit_in_place(page) -> None:
    from playwright.async_api import expect

    await send(page, f"/link {AN_CARD}")
    await expect(bot_messages(page).last).to_contain_text("is gekoppeld")

    await page.click("#gallery-button")
    await page.get_by_role("button", name="Send the poster of Jazz op de Grote Markt").click()
    await expect(bot_messages(page).last).to_contain_text("Je spaarde 1 punt")

    listing = await bot_answer(page, "/promotions")
    await expect(listing.locator(".inline-button").first).to_be_visible()
    message_id = await listing.get_attribute("data-message-id")
    before = await listing.locator(".text").inner_text()
    count = await page.locator(".msg").count()
    next_page = listing.locator(".inline-button", has_text="▶️")
    await next_page.click()
    same = page.locator(f'.msg[data-message-id="{message_id}"]')
    await expect(same.locator(".text")).not_to_have_text(before)
    await expect(same.locator(".meta")).to_contain_text("edited")
    assert await page.locator(".msg").count() == count  # edited in place, nothing added


async def test_the_second_persona_has_her_own_chat_and_a_blocked_card(page) -> None:
    from playwright.async_api import expect

    await send(page, "/start")
    await expect(bot_messages(page).last).to_contain_text("Hallo An")

    await page.get_by_role("radio", name="Bo").check()
    await expect(page.locator("#messages .msg")).to_have_count(0)  # Bo's own private chat
    await link(page, BO_CARD, mask_uitpas_number(BLOCKED))
    await send(page, "/points")
    await expect(bot_messages(page).last).to_contain_text("is blocked")


async def test_in_the_group_personas_see_each_other_and_the_bot_points_to_the_private_chat(
    page,
) -> None:
    from playwright.async_api import expect

    await page.get_by_role("button", name=GROUP_TITLE).click()
    await expect(page.locator("#chat-subtitle")).to_contain_text("you are An")
    await send(page, "/points")  # personal: the bot answers with a button to the private chat
    answer = bot_messages(page).last
    await expect(answer.locator(".sender")).to_have_text("UiTPAS Bot")
    button = answer.locator(".inline-button.url")
    await expect(button).to_be_visible()

    await page.get_by_role("radio", name="Bo").check()
    await expect(page.locator("#chat-subtitle")).to_contain_text("you are Bo")
    ans_message = page.locator(".msg.in", has_text="/points").first
    await expect(ans_message.locator(".sender")).to_have_text("An")

    await bot_messages(page).last.locator(".inline-button.url").click()  # t.me/<bot>
    await expect(page.locator("#chat-title")).to_have_text("UiTPAS Bot")
    await expect(page.locator(".chat-item[aria-current=true]")).to_contain_text("private chat")


async def test_messages_are_shown_as_text_never_as_markup(page) -> None:
    from playwright.async_api import expect

    hostile = '<b>bold?</b> <img src=x onerror="window.pwned=1"> & co'
    await send(page, hostile)
    mine = page.locator(".msg.out").last
    await expect(mine.locator(".text")).to_have_text(hostile)
    assert await mine.locator("img, b").count() == 0
    await expect(bot_messages(page).last).to_be_visible()
    assert await page.evaluate("window.pwned") is None


async def test_deep_links_to_the_bot_are_recognised(page) -> None:
    payloads = await page.evaluate(
        """async () => {
            const { deepLinkPayload } = await import('/static/format.js');
            return [
                'https://t.me/uitpas_test_bot?start=rsvp-42',
                't.me/UITPAS_TEST_BOT?start=abc',
                'tg://resolve?domain=uitpas_test_bot&start=x1',
                'https://t.me/uitpas_test_bot',
                'https://t.me/some_other_bot?start=abc',
                'https://example.com/uitpas_test_bot?start=abc',
            ].map((url) => deepLinkPayload(url, 'uitpas_test_bot'));
        }"""
    )
    assert payloads == ["rsvp-42", "abc", "x1", "", None, None]


async def test_an_admin_announces_in_the_group_and_a_member_answers_and_saves_a_point(
    page,
) -> None:
    """/announce in the group: the card, RSVP, and the deep link to save a point."""
    from playwright.async_api import expect

    await page.get_by_role("button", name=GROUP_TITLE).click()
    day = datetime.now(UTC) + timedelta(days=14)  # a real future date, whatever today is
    await send(page, f"/announce Jazz in de kelder | {day:%d/%m} 20:00 | De Kelder")
    card = bot_messages(page).last
    await expect(card).to_contain_text("Jazz in de kelder")
    await expect(card.locator(".inline-button.url")).to_have_count(1)  # "Save my point"
    rsvp = card.locator(".inline-button:not(.url)").first  # "I'm coming"
    message_id = await card.get_attribute("data-message-id")

    await page.get_by_role("radio", name="Bo").check()
    card = page.locator(f'.msg[data-message-id="{message_id}"]')
    before = await card.inner_text()
    await card.locator(".inline-button:not(.url)").first.click()
    await page.wait_for_function(
        """([id, before]) => {
            const toast = document.getElementById('toast');
            const card = document.querySelector(`.msg[data-message-id="${id}"]`);
            return !toast.hidden || (card && card.innerText !== before);
        }""",
        arg=[message_id, before],
    )
    assert rsvp is not None

    await card.locator(".inline-button.url").click()
    await expect(page.locator("#chat-title")).to_have_text("UiTPAS Bot")
    # Telegram shows the deep link as "/start" (issue 15.13); the bot still gets the payload.
    await expect(page.locator(".msg.out").last.locator(".text")).to_have_text("/start")
    await expect(bot_messages(page).last).to_contain_text("Jazz in de kelder")


async def test_v4_demo_links_with_the_uitid_login_panel_and_checks_in_after(
    page_v4, demo_v4: DemoProcess, tmp_path: Path
) -> None:
    """The README's demo: /link, the login button opens the sandbox's UiTiD page in a panel,
    picking the passholder there brings the visitor back to the chat, linked; a poster photo
    then checks in under v4."""
    from playwright.async_api import expect

    page = page_v4
    prompt = await bot_answer(page, "/link")
    button = prompt.locator(".inline-button.url", has_text="Aanmelden met UiTiD")
    await button.click()
    panel = page.locator("#login")
    await expect(panel).to_be_visible()
    login = page.frame_locator("#login-frame")
    await expect(login.locator("h1")).to_have_text("Aanmelden met UiTiD")
    await login.locator(f'input[name=passholder][value="{NORMAL}"]').check()
    await login.get_by_role("button", name="Aanmelden").click()
    await expect(login.locator("body")).to_contain_text("Gelukt!")  # the bot's callback page
    await expect(panel).to_be_hidden()  # back in the chat
    linked = bot_messages(page).last
    await expect(linked).to_contain_text(f"je UiTPAS {mask_uitpas_number(NORMAL)} is gekoppeld")

    await page.set_input_files(
        "#photo-input", poster_photo(demo_v4, "Jazz op de Grote Markt", tmp_path)
    )
    checked_in = bot_messages(page).last
    await expect(checked_in).to_contain_text(re.compile(r"Je spaarde \d+ punt"))
    await expect(checked_in).to_contain_text("in totaal")


async def test_v4_demo_login_cancelled_in_the_panel_says_so_in_the_chat(page_v4) -> None:
    from playwright.async_api import expect

    page = page_v4
    prompt = await bot_answer(page, "/link")
    await prompt.locator(".inline-button.url").first.click()
    login = page.frame_locator("#login-frame")
    await login.get_by_role("button", name="Annuleren").click()
    await expect(page.locator("#login")).to_be_hidden()
    await expect(bot_messages(page).last).to_contain_text("Het aanmelden is niet gelukt")


async def test_v4_demo_redeems_an_online_reward_and_shows_its_code(page_v4) -> None:
    """Issue 17 in the browser: log in, page /promotions to the online voucher, "Online
    omruilen", confirm, and the confirmation turns into the code, how to use it and the total."""
    from playwright.async_api import expect

    page = page_v4
    prompt = await bot_answer(page, "/link")
    await prompt.locator(".inline-button.url", has_text="Aanmelden met UiTiD").click()
    login = page.frame_locator("#login-frame")
    await login.locator(f'input[name=passholder][value="{NORMAL}"]').check()
    await login.get_by_role("button", name="Aanmelden").click()
    await expect(page.locator("#login")).to_be_hidden()
    await expect(bot_messages(page).last).to_contain_text("is gekoppeld")

    listing = await bot_answer(page, "/promotions")
    for page_number in (2, 3):  # the voucher (25 points) is on the third page
        await listing.locator(".inline-button", has_text="Volgende").click()
        await expect(listing).to_contain_text(f"Pagina {page_number} van")
    before = await bot_messages(page).count()
    await listing.locator(".inline-button", has_text="Boekenbon van 5 euro").click()
    await expect(bot_messages(page)).not_to_have_count(before)
    detail = bot_messages(page).last
    await expect(detail).to_contain_text("Boekenbon van 5 euro")
    before = await bot_messages(page).count()
    await detail.locator(".inline-button", has_text="Online omruilen").click()
    await expect(bot_messages(page)).not_to_have_count(before)
    offer = bot_messages(page).last
    await expect(offer).to_contain_text("Dit kost 25 punten")
    await offer.locator(".inline-button", has_text="bevestig").click()
    await expect(offer).to_contain_text(re.compile(r"Je code: UIT-[0-9A-F]{8}"))
    await expect(offer).to_contain_text("Je hebt nu nog 0 punten.")
    await expect(offer.locator(".inline-button")).to_have_count(0)  # confirmed once, gone


async def test_a_text_over_telegrams_limit_stays_in_the_box_and_the_page_says_the_limit(
    page,
) -> None:
    """Issue 15.11: over 4096 characters nothing is sent, nothing typed is lost, and the limit
    is said in words in the persona's language (An: Dutch, Bo: English)."""
    from playwright.async_api import expect

    too_long = "Een lang verhaal. " * 240  # 4320 characters
    await send(page, too_long)
    notice = page.locator("#composer-notice")
    await expect(notice).to_be_visible()
    await expect(notice).to_contain_text("te lang")
    await expect(notice).to_contain_text("4096")
    await expect(page.locator("#text")).to_have_value(too_long)
    assert await page.locator(".msg.out").count() == 0
    assert "Bad Request" not in await page.locator("body").inner_text()

    await page.get_by_role("radio", name="Bo").check()
    await send(page, "x" * 4097)
    await expect(notice).to_contain_text("too long")
    await expect(notice).to_contain_text("at most 4096 characters")
    await expect(page.locator("#text")).to_have_value("x" * 4097)

    await send(page, "x" * 4096)  # exactly the limit goes out
    await expect(notice).to_be_hidden()
    await expect(page.locator(".msg.out")).to_have_count(1)
    await expect(page.locator("#text")).to_have_value("")


async def reply_to(page, message, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tap a bubble's reply button, type ``text`` and send it as the answer to ``message``."""
    from playwright.async_api import expect

    message_id = await message.get_attribute("data-message-id")
    await message.hover()
    await message.locator(".reply-button").click()
    await expect(page.locator("#reply-bar")).to_be_visible()
    assert await page.locator("#reply-bar").get_attribute("data-message-id") == message_id
    await send(page, text)
    await expect(page.locator("#reply-bar")).to_be_hidden()
    mine = page.locator(".msg.out").last
    await expect(mine.locator(".text")).to_have_text(text)
    await expect(mine.locator(".reply-quote")).to_be_visible()  # it shows what it answers


async def bot_says(page, text: str):  # type: ignore[no-untyped-def]
    """The one bot message with ``text`` (the bot's group greeting may come at any moment,
    so "the next bot message" is not a safe way to find an answer here)."""
    from playwright.async_api import expect

    found = bot_messages(page).filter(has_text=text)
    await expect(found).to_have_count(1)
    return found


async def test_step_by_step_announce_and_stats_work_by_replying_in_the_group(page) -> None:
    """Issue 15.12: the group menu's /announce (asked step by step) and /stats on a card
    need replies; the page sends them with reply_to_message, as Telegram delivers them."""
    from playwright.async_api import expect

    await page.get_by_role("button", name=GROUP_TITLE).click()
    await send(page, "/announce")
    title_prompt = await bot_says(page, "Hoe heet het evenement?")

    await reply_to(page, title_prompt, "Filmavond")
    when_prompt = await bot_says(page, "Wanneer is Filmavond?")
    day = datetime.now(UTC) + timedelta(days=14)
    await reply_to(page, when_prompt, f"{day:%d/%m} 20:00")
    place_prompt = await bot_says(page, "Waar is Filmavond?")
    await reply_to(page, place_prompt, "Jeugdhuis De Kelder")
    card = bot_messages(page).filter(has=page.locator(".inline-button.url"))  # "Save my point"
    await expect(card).to_have_count(1)
    await expect(card).to_contain_text("Filmavond")
    await expect(card).to_contain_text("Jeugdhuis De Kelder")

    await reply_to(page, card, "/stats")
    stats = await bot_says(page, "📊 Filmavond")
    await expect(stats).to_contain_text("Zeiden dat ze komen: 0")

    # The emulator keeps the answer as Telegram delivers it: the replied-to Message inside
    # (without its own reply_to_message).
    messages = await page.evaluate(
        "async (chat) => (await (await fetch(`/api/messages?persona=an&chat=${chat}`)).json())"
        ".messages",
        int(await page.locator("#messages").get_attribute("data-chat")),
    )
    asked = next(m for m in messages if m.get("text") == "/stats")
    replied = asked["reply_to_message"]
    assert replied["message_id"] == int(await card.get_attribute("data-message-id"))
    assert replied["from"]["is_bot"] is True
    assert replied["chat"]["id"] == asked["chat"]["id"]
    assert "Filmavond" in replied["text"]
    assert "reply_to_message" not in replied


async def test_a_reply_is_cancelled_with_the_cross_and_picked_by_long_press_or_swipe(
    page,
) -> None:
    from playwright.async_api import expect

    hello = await bot_answer(page, "/start")
    bar = page.locator("#reply-bar")
    bubble = hello.locator(".bubble")
    box = await bubble.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    touch = {"pointerType": "touch", "clientX": x, "clientY": y, "isPrimary": True}
    await bubble.dispatch_event("pointerdown", touch)  # long-press: held, not moved
    await expect(bar).to_be_visible()
    await expect(bar).to_contain_text("Antwoord aan UiTPAS Bot")
    await expect(bar).to_contain_text("Hallo An")
    await bar.get_by_role("button", name="Antwoord annuleren").click()  # ✕
    await expect(bar).to_be_hidden()

    await bubble.dispatch_event("pointerdown", touch)  # a swipe to the left
    await bubble.dispatch_event("pointermove", {**touch, "clientX": x - 80})
    await expect(bar).to_be_visible()
    await bubble.dispatch_event("pointerup", touch)
    await page.keyboard.press("Escape")
    await expect(bar).to_be_hidden()
    await send(page, "/help")  # without a reply: no quote
    await expect(page.locator(".msg.out").last).to_contain_text("/help")
    assert await page.locator(".msg.out").last.locator(".reply-quote").count() == 0


async def test_commands_in_the_bots_replies_are_tappable_and_send_the_command(page) -> None:
    """Issue 15.13: as in Telegram, a /command in a bot message sends it when tapped."""
    from playwright.async_api import expect

    help_text = await bot_answer(page, "/help")
    command = help_text.locator("a.command", has_text="/privacy")
    await expect(command).to_be_visible()
    before = await bot_messages(page).count()
    await command.click()
    await expect(page.locator(".msg.out").last.locator(".text")).to_have_text("/privacy")
    await expect(bot_messages(page)).to_have_count(before + 1)
    await expect(bot_messages(page).last).to_contain_text("Wat deze bot over je bewaart")


async def test_an_image_sent_as_a_file_arrives_as_a_document_and_checks_in(
    page, demo: DemoProcess, tmp_path: Path
) -> None:
    """Issue 15.13: the bot's tip says "📎 → Bestand"; the page offers exactly that, and the
    emulator delivers the file as a ``document`` message, as Telegram does."""
    from playwright.async_api import expect

    await link(page, AN_CARD, "is gekoppeld")
    await page.click("#attach-button")
    as_file = page.get_by_role("menuitem", name="Bestand")
    await expect(as_file).to_be_visible()
    await expect(page.get_by_role("menuitem", name="Foto")).to_be_visible()
    async with page.expect_file_chooser() as chooser:
        await as_file.click()
    picked = await chooser.value
    await picked.set_files(poster_file(demo, "Jazz op de Grote Markt", tmp_path))

    mine = page.locator(".msg.out").last
    await expect(mine.locator(".document")).to_contain_text("affiche.png")
    assert await mine.locator("img.photo").count() == 0  # a file, not a photo
    await expect(bot_messages(page).last).to_contain_text("Je spaarde 1 punt")
    messages = await page.evaluate(
        "async (chat) => (await (await fetch(`/api/messages?persona=an&chat=${chat}`)).json())"
        ".messages",
        int(await page.locator("#messages").get_attribute("data-chat")),
    )
    sent = next(m for m in messages if "document" in m)
    assert sent["document"]["file_name"] == "affiche.png"
    assert sent["document"]["mime_type"] == "image/png"
    assert "photo" not in sent


@pytest.fixture
def demo_tokyo() -> Iterator[DemoProcess]:
    """The demo with the bot's TIME_ZONE set far from Brussels and from the browser's zone."""
    require_browser()
    with demo_process("--api", "legacy", env={"TIME_ZONE": "Asia/Tokyo"}) as running:
        yield running


def clock(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%H:%M")


async def test_bubbles_points_and_posters_show_one_clock_the_bots_time_zone(
    demo_tokyo: DemoProcess, tmp_path: Path
) -> None:
    """Issue 15.14: the browser runs on New York time in a 12-hour locale; the bot's TIME_ZONE
    is Tokyo. Bubbles, /points and the posters all read Tokyo time, 24-hour."""
    from playwright.async_api import expect

    zone = "Asia/Tokyo"
    async with browser_page(
        demo_tokyo.url, tmp_path, timezone_id="America/New_York", locale="en-US"
    ) as page:
        config = await page.evaluate("async () => (await fetch('/api/config')).json()")
        assert config["time_zone"] == zone  # learnt from the server, not the browser

        await link(page, AN_CARD, "is gekoppeld")
        await page.set_input_files(
            "#photo-input", poster_photo(demo_tokyo, "Jazz op de Grote Markt", tmp_path)
        )
        await expect(bot_messages(page).last).to_contain_text("Je spaarde 1 punt")
        points = await bot_answer(page, "/points")
        await expect(points).to_contain_text("Jazz op de Grote Markt")

        messages = await page.evaluate(
            "async () => (await (await fetch('/api/messages?persona=an&chat=424201')).json())"
            ".messages"
        )
        photo = next(m for m in messages if "photo" in m and not m["from"]["is_bot"])
        sent_at = datetime.fromtimestamp(photo["date"], UTC)
        bubble = page.locator(f'.msg[data-message-id="{photo["message_id"]}"] .meta')
        await expect(bubble).to_have_text(clock(sent_at, zone))  # 24-hour, Tokyo
        shown = await points.locator(".text").inner_text()
        history = re.search(r", (\d\d:\d\d) – Jazz op de Grote Markt", shown)
        assert history is not None, shown
        one_minute_later = clock(sent_at + timedelta(minutes=1), zone)
        assert history.group(1) in (clock(sent_at, zone), one_minute_later)

        posters = (await page.evaluate("async () => (await fetch('/api/posters')).json()"))[
            "posters"
        ]
        jazz = next(p for p in posters if p["title"] == "Jazz op de Grote Markt")
        start = datetime.fromisoformat(jazz["start"])
        assert jazz["when"] == f"{start.astimezone(ZoneInfo(zone)):%d/%m %H:%M}"
        await page.click("#gallery-button")
        label = page.get_by_role("button", name="Send the poster of Jazz op de Grote Markt")
        await expect(label).to_contain_text(jazz["when"])


PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


async def test_on_a_phone_the_chat_takes_the_screen_and_the_sidebar_is_a_drawer(
    demo: DemoProcess, tmp_path: Path
) -> None:
    """Issue 15.17: on a 390 px phone the sidebar took ~38% of the height; now it opens from
    ☰ over the chat and closes when a chat is picked."""
    from playwright.async_api import expect

    async with browser_page(demo.url, tmp_path, **PHONE) as page:
        sidebar = page.locator("#sidebar")
        await expect(sidebar).to_be_hidden()
        messages = await page.locator("#messages").bounding_box()
        assert messages is not None
        assert messages["height"] > 0.7 * 844  # the chat, not the sidebar, fills the phone
        composer = await page.locator("#composer").bounding_box()
        assert composer is not None
        assert composer["x"] + composer["width"] <= 390  # nothing sticks out sideways
        assert await page.evaluate("document.documentElement.scrollWidth") <= 390

        await page.get_by_role("button", name="Personas and chats").click()
        await expect(sidebar).to_be_visible()
        await page.get_by_role("button", name=GROUP_TITLE).click()
        await expect(sidebar).to_be_hidden()
        await expect(page.locator("#chat-title")).to_have_text(GROUP_TITLE)
        await send(page, "/help")
        await expect(bot_messages(page).last).to_be_visible()


async def test_one_name_for_the_bot_and_the_personas_say_their_language(page) -> None:
    """Issue 15.17: the bot is "UiTPAS Bot" (its Telegram name) everywhere on the page; each
    persona says which language the bot speaks with it."""
    from playwright.async_api import expect

    await expect(page.locator(".brand")).to_contain_text("UiTPAS Bot")
    assert "UiTPAS Bot" in await page.title()
    assert "UiTPAS bot" not in await page.locator("body").inner_text()
    assert "UiTPAS bot" not in await page.title()
    await expect(page.locator("label.persona", has_text="Bo")).to_contain_text("speaks English")
    await expect(page.locator("label.persona", has_text="An")).to_contain_text("speaks Dutch")


async def test_the_posters_say_which_can_be_checked_in_now_and_the_page_is_styled(
    page, demo: DemoProcess
) -> None:
    """Issue 15.17: gallery and /posters/ mark the posters whose code the sandbox takes now
    (from its event dates); /posters/ has its own style sheet."""
    from playwright.async_api import expect

    await page.click("#gallery-button")
    jazz = page.get_by_role("button", name="Send the poster of Jazz op de Grote Markt")
    await expect(jazz).to_contain_text("Check-in open now")
    market = page.get_by_role("button", name="Send the poster of Rommelmarkt aan de Dender")
    await expect(market).to_contain_text("Over")
    reading = page.get_by_role("button", name="Send the poster of Voorleesuurtje in de bib")
    await expect(reading).to_contain_text("Opens")
    await page.keyboard.press("Escape")

    posters = (await page.evaluate("async () => (await fetch('/api/posters')).json()"))["posters"]
    await page.goto(f"{demo.url}/posters/")
    assert "UiTPAS Bot" in await page.title()
    font = await page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "system-ui" in font  # the style sheet is applied (unstyled: the browser's serif)
    cards = page.locator("li.poster")
    await expect(cards).to_have_count(len(posters))  # one card per poster the sandbox prints
    open_now = page.locator("li.poster.open")
    await expect(open_now.filter(has_text="Jazz op de Grote Markt")).to_have_count(1)
    await expect(open_now.filter(has_text="Rommelmarkt")).to_have_count(0)
    assert await page.locator("li.poster img").count() == len(posters)


async def test_v4_demo_family_persona_checks_in_both_members_and_shows_the_card(
    page_v4, demo_v4: DemoProcess, tmp_path: Path
) -> None:
    """Issue 16: Nadia (a parent with her daughter Lina, publiq's dataset) links, sends a
    poster, picks both members in "who's with you?", reads two check-ins, and opens /card."""
    from playwright.async_api import expect

    page = page_v4
    await page.get_by_role("radio", name="Nadia").check()
    prompt = await bot_answer(page, "/link")
    await prompt.locator(".inline-button.url", has_text="Aanmelden met UiTiD").click()
    login = page.frame_locator("#login-frame")
    await login.locator(f'input[name=passholder][value="{FAMILY_KANSENTARIEF}"]').check()
    await login.get_by_role("button", name="Aanmelden").click()
    await expect(page.locator("#login")).to_be_hidden()
    await expect(bot_messages(page).last).to_contain_text("is gekoppeld")

    await page.set_input_files(
        "#photo-input", poster_photo(demo_v4, "Jazz op de Grote Markt", tmp_path)
    )
    chooser = bot_messages(page).last
    await expect(chooser).to_contain_text("Wie is er bij je?")
    await expect(chooser.locator(".inline-button", has_text="✅ Nadia")).to_have_count(1)
    await chooser.locator(".inline-button", has_text="⬜ Lina").click()
    await expect(chooser.locator(".inline-button", has_text="✅ Lina")).to_have_count(1)
    await chooser.locator(".inline-button", has_text="inchecken").click()
    result = bot_messages(page).last
    await expect(result).to_contain_text("Lina")
    # Two check-ins in one reply: Nadia's and Lina's.
    await expect(result).to_contain_text(
        re.compile(r"Nadia\s*✅ Je spaarde 1 punt[\s\S]*Lina\s*✅ Je spaarde 1 punt")
    )

    card = await bot_answer(page, "/card")
    image = card.locator("img.photo")
    await expect(image).to_be_visible()
    await page.wait_for_function("img => img.complete", arg=await image.element_handle())
    assert await loaded(image)
    await expect(card).to_contain_text(mask_uitpas_number(FAMILY_KANSENTARIEF))
    await expect(card.locator(".inline-button", has_text="Kaart van Lina")).to_have_count(1)
    if SCREENSHOT_DIR is not None:
        await page.screenshot(path=str(SCREENSHOT_DIR / "webchat-family.png"))
