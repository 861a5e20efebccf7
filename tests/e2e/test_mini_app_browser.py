"""The Mini App in headless Chromium, with Telegram's script played by the stand-in.

The page is the bot's own (served by its web server), loading
``https://telegram.org/js/telegram-web-app.js`` as Telegram documents; Playwright answers that
URL with the stand-in (``bot/sandbox/telegram/static/telegram-web-app.js``), which plays the
Telegram client: the launch URL's initData signed by the emulator with the bot's token, the
theme, the main button, and a QR scanner whose "camera" is the test, handing it the code on
one of the sandbox's posters. Replies are read in the chat through the emulator.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.telegram.client import TgUser
from bot.sandbox.uitpas.data import NORMAL
from bot.uitpas.numbers import mask_uitpas_number
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
    context = await browser.new_context(viewport={"width": 390, "height": 720})
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
            status = await page.evaluate(
                """async ([header, code]) => {
                    const headers = {"Content-Type": "application/json"};
                    if (header) headers.Authorization = header;
                    const body = JSON.stringify({code, user: {id: 7001}});
                    return (await fetch("api/scan", {method: "POST", headers, body})).status;
                }""",
                [header, code],
            )
            assert status == 401, kind
    assert await sandbox_requests(app_bot) == requests
    assert await app_bot.sandbox_points(NORMAL) == 25
