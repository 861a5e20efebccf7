"""``uitpas-bot demo``'s web chat opens the bot's Mini App in a panel, as a Telegram client.

The whole demo runs as a process; headless Chromium drives the chat. The private chat shows
the menu button the bot set (setChatMenuButton), the panel loads the app relayed from the
bot's web server with the emulator's stand-in for Telegram's script, and the app's scanner is
the chat's poster picker: a poster picked is checked in, and the answer is in the app and in
the chat.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.demo.webchat.personas import spaced
from bot.sandbox.uitpas.data import NORMAL
from tests.support.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DemoProcess,
    demo_process,
    require_browser,
)

WAIT_MS = 30_000


@pytest.fixture(params=["legacy", "v4"])
def demo(request: pytest.FixtureRequest) -> Iterator[DemoProcess]:
    require_browser()
    with demo_process("--api", request.param) as running:
        yield running


@pytest.fixture
async def page(demo: DemoProcess, tmp_path: Path) -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright, expect

    expect.set_options(timeout=WAIT_MS)
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = await browser.new_context(viewport={"width": 1200, "height": 900})
        context.set_default_timeout(WAIT_MS)
        opened = await context.new_page()
        errors: list[str] = []
        opened.on("pageerror", lambda error: errors.append(str(error)))
        await opened.goto(demo.url)
        await opened.locator("body[data-ready=true]").wait_for()
        yield opened
        await browser.close()
    assert errors == [], f"errors in the page: {errors}"


async def link(page: Any, demo: DemoProcess) -> None:
    """Link An's card: type the number (legacy) or log in on the sandbox's UiTiD page (v4)."""
    from playwright.async_api import expect

    if "--api" in demo.process.args and "legacy" in demo.process.args:
        await page.fill("#text", spaced(NORMAL))
        await page.press("#text", "Enter")
    else:
        await page.fill("#text", "/link")
        await page.press("#text", "Enter")
        await page.locator(".inline-button.url").last.click()
        login = page.frame_locator("#login-frame")
        await login.locator(f'input[name=passholder][value="{NORMAL}"]').check()
        await login.get_by_role("button", name="Aanmelden").click()
        await expect(page.locator("#login")).to_be_hidden()
    await expect(page.locator(".msg.from-bot").last).to_contain_text("gekoppeld")


async def test_the_menu_button_opens_the_mini_app_and_a_poster_checks_in(
    page: Any, demo: DemoProcess
) -> None:
    from playwright.async_api import expect

    await link(page, demo)
    menu = page.locator("#mini-app-menu-button")
    await expect(menu).to_have_text("📷 Scan")
    await menu.click()
    app = page.frame_locator("#mini-app-frame")
    await expect(app.locator("#card")).to_contain_text("Gekoppeld")
    await app.locator("#tg-main-button").click()  # "📷 Scan de QR-code"
    camera = page.get_by_role("region", name="QR scanner")
    await expect(camera).to_contain_text("Richt je camera")
    await camera.get_by_role("button", name="Scan the poster of Jazz op de Grote Markt").click()
    await expect(camera).to_have_count(0)  # the app closed the scanner
    await expect(app.locator("#result")).to_contain_text("Je spaarde 1 punt")
    await page.locator("#mini-app button[aria-label='Close the Mini App']").click()
    await expect(page.locator(".msg.from-bot").last).to_contain_text("Je spaarde 1 punt")


async def test_the_scan_button_under_start_opens_the_app_too(page: Any, demo: DemoProcess) -> None:
    from playwright.async_api import expect

    await page.fill("#text", "/start")
    await page.press("#text", "Enter")
    button = page.locator(".msg.from-bot").last.locator(".inline-button.web-app")
    await expect(button).to_have_text("📷 Scan")
    await button.click()
    app = page.frame_locator("#mini-app-frame")
    await expect(app.locator("#card")).to_contain_text("Nog geen UiTPAS gekoppeld")
