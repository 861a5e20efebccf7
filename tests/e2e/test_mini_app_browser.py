"""The Mini App in headless Chromium, with Telegram's script played by the stand-in.

The page is the bot's own (served by its web server), loading
``https://telegram.org/js/telegram-web-app.js`` as Telegram documents; Playwright answers that
URL with the stand-in (``bot/sandbox/telegram/static/telegram-web-app.js``), which plays the
Telegram client: the launch URL's initData signed by the emulator with the bot's token, the
theme, the main button, and a QR scanner whose "camera" is the test, handing it the code on
one of the sandbox's posters. Replies are read in the chat through the emulator.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from bot.sandbox.telegram.client import TgUser
from bot.sandbox.uitpas.data import CHILD, FAMILY_KANSENTARIEF, NORMAL, ONLINE_VOUCHER
from bot.uitpas.numbers import mask_uitpas_number
from tests.e2e.test_family import JAZZ_CODE, with_family
from tests.e2e.test_redemption import VOUCHER_TITLE, redemptions
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, require_browser
from tests.support.harness import AN, BACKENDS, JOHN, Harness, StartBot
from tests.support.mini_app import (
    bot_token,
    documented_init_data,
    event_code,
    mini_app_settings,
    sandbox_requests,
)

WAIT_MS = 30_000  # an upper bound for a loaded machine, not a speed test
STAND_IN = (
    Path(__file__).resolve().parents[2] / "bot/sandbox/telegram/static/telegram-web-app.js"
).read_text()
TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js*"


@pytest.fixture
async def app_bot(start_bot: StartBot) -> AsyncIterator[Harness]:
    require_browser()
    async with start_bot(**mini_app_settings()) as harness:
        yield harness


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    require_browser()
    from playwright.async_api import async_playwright, expect

    expect.set_options(timeout=WAIT_MS)
    async with async_playwright() as driver:
        launched = await driver.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        await launched.close()


@asynccontextmanager
async def mini_app(browser: Any, url: str) -> AsyncIterator[Any]:
    """A phone-sized page on ``url`` with Telegram's script answered by the stand-in; nothing
    else leaves loopback."""
    # A phone: its screen's pixels three to a CSS pixel, and a touch screen (the card's swipe).
    context = await browser.new_context(
        viewport={"width": 390, "height": 720}, device_scale_factor=3, has_touch=True
    )
    context.set_default_timeout(WAIT_MS)
    await context.route(
        TELEGRAM_SCRIPT,
        lambda route: route.fulfill(body=STAND_IN, content_type="text/javascript"),
    )
    errors: list[str] = []
    page = await context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if _unexpected(m) else None)
    await page.goto(url)
    yield page
    await context.close()
    assert errors == [], f"errors in the page: {errors}"


def _unexpected(message: Any) -> bool:
    """A console error, but not the browser's note on a 401 a test asked for."""
    return message.type == "error" and "status of 401" not in message.text


async def opened(harness: Harness, browser: Any, user: TgUser, **launch: Any):  # type: ignore[no-untyped-def]
    info = await harness.telegram.open_web_app(user, **launch)
    return mini_app(browser, info["url"])


async def scan_with_camera(page: Any, code: str) -> Any:
    """Tap the main button, hold the poster before the stand-in's camera; the result box."""
    from playwright.async_api import expect

    button = page.locator("#tg-main-button")
    await expect(button).to_contain_text("Scan")
    await expect(button).to_be_enabled()
    await button.click()
    await expect(page.locator("#tg-scan-qr-popup")).to_be_visible()
    await page.evaluate("code => window.TelegramStandIn.scan(code)", code)
    # The app closed the scanner itself (its callback returned true) before checking in.
    await expect(page.locator("#tg-scan-qr-popup")).to_have_count(0)
    assert await page.evaluate("window.TelegramStandIn.scannerOpen") is False
    posted = await page.evaluate("window.TelegramStandIn.posted.map(e => e.eventType)")
    assert "web_app_close_scan_qr_popup" in posted
    await expect(button).to_be_enabled()
    return page.locator("#result")


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_scan_checks_in_and_the_reply_appears_in_the_app_and_the_chat(
    app_bot: Harness, browser: Any
) -> None:
    from playwright.async_api import expect

    await app_bot.link(AN, NORMAL)
    code = await event_code(app_bot, "Jazz op de Grote Markt")
    async with await opened(app_bot, browser, AN) as page:
        masked = mask_uitpas_number(NORMAL)
        await expect(page.locator("#card")).to_have_text(f"Gekoppeld: {masked}")
        result = await scan_with_camera(page, code)
        await expect(result).to_contain_text("Je spaarde 1 punt")
        await expect(result).to_contain_text("Je hebt nu in totaal 26 punten.")
        await expect(result).to_have_attribute("data-status", "saved")
        await expect(page.locator("#in-chat")).to_contain_text("staat ook in de chat")
        reply = await app_bot.telegram.wait_for_call(
            "sendMessage", chat_id=AN.id, where=lambda c: "Je spaarde" in (c.text or "")
        )
        assert any(data == "promo:101" for row in reply.buttons for _, data in row)

        # The same poster again: answered from the first check-in, UiTPAS not asked again.
        result = await scan_with_camera(page, code)
        await expect(result).to_contain_text("Deze code heb je net al gescand")
    assert await app_bot.sandbox_checkins(NORMAL) == 1
    assert await app_bot.sandbox_points(NORMAL) == 26


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("Rommelmarkt", "is niet meer (of nog niet) geldig"),
        ("https://example.org/poster", "example.org"),
    ],
)
async def test_an_expired_code_and_a_foreign_url_save_nothing(
    app_bot: Harness, browser: Any, code: str, expected: str
) -> None:
    from playwright.async_api import expect

    await app_bot.link(AN, NORMAL)
    if not code.startswith("https://"):
        code = await event_code(app_bot, code)
    async with await opened(app_bot, browser, AN) as page:
        result = await scan_with_camera(page, code)
        await expect(result).to_contain_text(expected)
        await expect(result).to_have_attribute("data-status", "answered")
    reply = await app_bot.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: expected in (c.text or "")
    )
    assert reply.ok
    assert await app_bot.sandbox_points(NORMAL) == 25


async def test_english_and_the_dark_theme_follow_telegram(app_bot: Harness, browser: Any) -> None:
    from playwright.async_api import expect

    async with await opened(app_bot, browser, JOHN, color_scheme="dark") as page:
        await expect(page.locator("#tg-main-button")).to_have_text("📷 Scan the QR code")
        await expect(page.locator("#card")).to_contain_text("No UiTPAS linked yet")
        assert await page.evaluate("document.documentElement.lang") == "en"
        background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(33, 45, 59)"  # themeParams.bg_color #212d3b
        text = await page.evaluate("getComputedStyle(document.body).color")
        assert text == "rgb(255, 255, 255)"
    async with await opened(app_bot, browser, AN, color_scheme="light") as page:
        await expect(page.locator("#tg-main-button")).to_have_text("📷 Scan de QR-code")
        background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(255, 255, 255)"


@pytest.mark.parametrize(
    "client",
    [
        {"platform": "tdesktop"},
        {"platform": "weba"},
        {"platform": "something-new"},
        {"platform": "android", "version": "6.2"},
    ],
)
async def test_without_a_scanner_the_app_points_to_a_photo(
    app_bot: Harness, browser: Any, client: dict[str, str]
) -> None:
    from playwright.async_api import expect

    async with await opened(app_bot, browser, AN, **client) as page:
        await expect(page.locator("#notice")).to_contain_text("Stuur in de chat een foto")
        await expect(page.locator("#tg-main-button")).to_be_hidden()


async def test_outside_telegram_the_app_asks_to_be_opened_from_the_bot(
    app_bot: Harness, browser: Any
) -> None:
    from playwright.async_api import expect

    requests = await sandbox_requests(app_bot)
    assert app_bot.running.mini_app_url is not None
    async with mini_app(browser, app_bot.running.mini_app_url) as page:  # no #tgWebAppData
        await expect(page.locator("#notice")).to_contain_text("Open deze app vanuit de bot")
    assert await sandbox_requests(app_bot) == requests


async def test_forged_expired_and_missing_init_data_from_the_page_get_401(
    app_bot: Harness, browser: Any
) -> None:
    """The page's own fetch, as a script in it could send: refused, and UiTPAS never asked."""
    await app_bot.link(AN, NORMAL)
    code = await event_code(app_bot, "Jazz op de Grote Markt")
    requests = await sandbox_requests(app_bot)
    max_age = app_bot.settings.mini_app_max_age_seconds

    kinds = {
        "forged": "tma " + documented_init_data(AN, "654321:SOMEONE-ELSE"),
        "expired": "tma "
        + documented_init_data(AN, bot_token(app_bot), auth_date=time.time() - max_age - 60),
        "missing": None,
    }
    async with await opened(app_bot, browser, AN) as page:
        for kind, header in kinds.items():
            for path in ("scan", "card", "rewards", "redeem/offer", "redeem", "family/go"):
                status = await page.evaluate(
                    """async ([header, code, path]) => {
                        const headers = {"Content-Type": "application/json"};
                        if (header) headers.Authorization = header;
                        const body = JSON.stringify(
                            {code, id: "113", confirm: "x", chooser: "x", user: {id: 7001}});
                        return (await fetch(`api/${path}`, {method: "POST", headers, body}))
                            .status;
                    }""",
                    [header, code, path],
                )
                assert status == 401, (kind, path)
    assert await sandbox_requests(app_bot) == requests
    assert await app_bot.sandbox_points(NORMAL) == 25


# --- the card, the rewards and the family chooser (issue 18) --------------------------------

SCREENSHOTS = os.environ.get("MINI_APP_SCREENSHOTS")  # a folder: docs/ keeps phone-sized shots


async def keep_screenshot(page: Any, name: str) -> None:
    """``MINI_APP_SCREENSHOTS=docs`` saves the README's pictures of the app (never asserted);
    retake them with an emoji font installed (Debian: fonts-noto-color-emoji), or the tabs'
    and buttons' emoji come out as empty boxes."""
    if SCREENSHOTS:
        await page.screenshot(path=str(Path(SCREENSHOTS) / f"miniapp-{name}.png"))


async def barcodes_on_screen(page: Any) -> list[str]:
    """What a scanner reads off the card as Chromium draws it (a screenshot of the picture)."""
    from playwright.async_api import expect

    image = page.locator("#card-image")
    await expect(image).to_be_visible()
    await page.wait_for_function(
        "() => { const i = document.getElementById('card-image'); "
        "return i.complete && i.naturalWidth > 0; }"
    )
    shot = await image.screenshot()
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))]


async def swipe_left(page: Any) -> None:
    """A finger across the card from right to left, as touch events (Chromium with touch)."""
    await page.evaluate(
        """() => {
            const target = document.getElementById("card-figure");
            const touch = (x) => new Touch({identifier: 1, target, clientX: x, clientY: 200});
            const fire = (type, x) => target.dispatchEvent(new TouchEvent(type, {
                bubbles: true, cancelable: true, touches: type === "touchend" ? [] : [touch(x)],
                changedTouches: [touch(x)]}));
            fire("touchstart", 320);
            fire("touchmove", 200);
            fire("touchend", 60);
        }"""
    )


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_card_opens_full_screen_and_a_swipe_shows_a_family_member(
    app_bot: Harness, browser: Any
) -> None:
    from playwright.async_api import expect

    await with_family(app_bot)
    async with await opened(app_bot, browser, AN) as page:
        await page.locator("#tab-card").click()
        assert await barcodes_on_screen(page) == [FAMILY_KANSENTARIEF]
        await expect(page.locator("#card-caption")).to_contain_text(
            mask_uitpas_number(FAMILY_KANSENTARIEF)
        )
        assert await page.evaluate("window.Telegram.WebApp.isFullscreen") is True
        posted = await page.evaluate("window.TelegramStandIn.posted.map(e => e.eventType)")
        assert "web_app_request_fullscreen" in posted
        await expect(page.locator("#tg-main-button")).to_be_hidden()  # no scan button here
        await keep_screenshot(page, "card")
        own = await page.locator("#card-image").get_attribute("data-member")
        await swipe_left(page)
        await expect(page.locator("#card-image")).not_to_have_attribute("data-member", own or "")
        await expect(page.locator("#card-caption")).to_contain_text("Lina")
        assert await barcodes_on_screen(page) == [CHILD]
        await page.locator("#card-next").click()  # and the button: back round to her own
        await expect(page.locator("#card-image")).to_have_attribute("data-member", own or "")
        assert await barcodes_on_screen(page) == [FAMILY_KANSENTARIEF]
        html = await page.content()
        assert FAMILY_KANSENTARIEF not in html.split("data:image/png")[0]
        # Back to the scanner: out of full screen, the scan button again.
        await page.locator("#tab-scan").click()
        assert await page.evaluate("window.Telegram.WebApp.isFullscreen") is False
        await expect(page.locator("#tg-main-button")).to_be_visible()


async def test_before_bot_api_8_the_card_shows_without_full_screen(
    app_bot: Harness, browser: Any
) -> None:
    await app_bot.link(AN, NORMAL)
    async with await opened(app_bot, browser, AN, version="7.10") as page:
        await page.locator("#tab-card").click()
        assert await barcodes_on_screen(page) == [NORMAL]
        posted = await page.evaluate("window.TelegramStandIn.posted.map(e => e.eventType)")
        assert "web_app_request_fullscreen" not in posted


async def test_a_direct_link_with_startapp_card_opens_on_the_card(
    app_bot: Harness, browser: Any
) -> None:
    """t.me/<bot>/<app>?startapp=card: the app opens on the Card tab; a start_param that names
    no screen opens the scanner, as the menu button does."""
    from playwright.async_api import expect

    await app_bot.link(AN, NORMAL)
    assert app_bot.running.mini_app_url is not None
    await app_bot.telegram.register_direct_link("uitpas", app_bot.running.mini_app_url)
    async with await opened(app_bot, browser, AN, direct_link="uitpas", start_param="card") as page:
        await expect(page.locator("#tab-card")).to_have_attribute("aria-selected", "true")
        assert await barcodes_on_screen(page) == [NORMAL]
    async with await opened(app_bot, browser, AN, direct_link="uitpas", start_param="x_1") as page:
        await expect(page.locator("#tab-scan")).to_have_attribute("aria-selected", "true")
        await expect(page.locator("#tg-main-button")).to_contain_text("Scan")


@pytest.mark.parametrize("backend", ["v4"])
async def test_a_reward_is_redeemed_once_in_the_app_and_the_code_is_in_the_chat(
    app_bot: Harness, browser: Any
) -> None:
    from playwright.async_api import expect

    await app_bot.link(AN, NORMAL)
    async with await opened(app_bot, browser, AN) as page:
        await page.locator("#tab-rewards").click()
        await expect(page.locator("#rewards-header")).to_contain_text("25 punten")
        first = page.locator("#rewards button").first
        await expect(first).to_contain_text("⭐")  # the spotlight first, as /promotions
        await keep_screenshot(page, "rewards")
        await page.locator(f'#rewards button[data-reward="{ONLINE_VOUCHER}"]').click()
        await expect(page.locator("#reward-text")).to_contain_text(VOUCHER_TITLE)
        await page.locator("#reward-redeem").click()
        await expect(page.locator("#offer-text")).to_contain_text("Dit kost 25 punten")
        assert await redemptions(app_bot) == []
        await page.locator("#offer-confirm").dblclick()  # a double tap
        await expect(page.locator("#redeemed-code")).to_be_visible()
        [made] = await redemptions(app_bot)
        await expect(page.locator("#redeemed-code")).to_have_text(made["code"])
        await expect(page.locator("#redeemed-text")).to_contain_text("Je hebt nu nog 0 punten")
        await expect(page.locator("#redeemed-in-chat")).to_contain_text("ook in de chat")
        await expect(page.locator("#reward-detail")).to_have_attribute("data-status", "redeemed")
    await app_bot.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: made["code"] in (c.text or "")
    )
    assert len(await redemptions(app_bot)) == 1
    assert await app_bot.sandbox_points(NORMAL) == 0


async def test_legacy_lists_rewards_without_a_redeem_button(app_bot: Harness, browser: Any) -> None:
    from playwright.async_api import expect

    await app_bot.link(AN, NORMAL)
    async with await opened(app_bot, browser, AN) as page:
        await page.locator("#tab-rewards").click()
        await page.locator(f'#rewards button[data-reward="{ONLINE_VOUCHER}"]').click()
        await expect(page.locator("#reward-text")).to_contain_text(VOUCHER_TITLE)
        await expect(page.locator("#reward-redeem")).to_be_hidden()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_family_check_in_from_the_app(app_bot: Harness, browser: Any) -> None:
    from playwright.async_api import expect

    await with_family(app_bot)
    async with await opened(app_bot, browser, AN) as page:
        button = page.locator("#tg-main-button")
        await expect(button).to_be_enabled()
        await button.click()
        await page.evaluate("code => window.TelegramStandIn.scan(code)", JAZZ_CODE)
        chooser = page.locator("#chooser")
        await expect(chooser).to_be_visible()
        await expect(page.locator("#chooser-text")).to_contain_text("Wie is er bij je?")
        toggles = page.locator("#chooser-members button")
        await expect(toggles).to_have_count(2)
        await expect(toggles.nth(1)).to_have_text("⬜ Lina")
        assert await app_bot.sandbox_checkins(FAMILY_KANSENTARIEF) == 0
        await toggles.nth(1).click()
        await expect(toggles.nth(1)).to_have_text("✅ Lina")
        await expect(page.locator("#chooser-go")).to_contain_text("(2)")
        await keep_screenshot(page, "scan")
        await page.locator("#chooser-go").click()
        result = page.locator("#result")
        await expect(result).to_contain_text("Lina\n✅ Je spaarde 1 punt")
        await expect(result).to_have_attribute("data-status", "saved")
        await expect(chooser).to_be_hidden()
    await app_bot.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: "<b>Lina</b>" in (c.text or "")
    )
    assert await app_bot.sandbox_checkins(CHILD) == 1
    assert await app_bot.sandbox_checkins(FAMILY_KANSENTARIEF) == 1
