"""Take the README's pictures of the web chat: on a desktop and on a 390 px wide phone.

Run from the repository root: ``.venv/bin/python scripts/readme_screenshot.py`` (needs
Debian's chromium; emoji look right with fonts-noto-color-emoji installed). Both show the
same conversation, played for real: /start, linking a demo card, a poster from the gallery
checked in; the desktop one also a reply being written to the check-in.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.async_api import async_playwright, expect

from bot.demo.webchat.personas import spaced
from bot.sandbox.uitpas.data import NORMAL
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, demo_process

DESKTOP = Path("docs/webchat-desktop.png")
PHONE = Path("docs/webchat-phone.png")
DESKTOP_CONTEXT: dict[str, Any] = {"viewport": {"width": 1100, "height": 760}}
PHONE_CONTEXT: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


async def open_page(driver: Any, url: str, options: dict[str, Any]) -> tuple[Any, Any]:
    context = await driver.chromium.launch_persistent_context(
        tempfile.mkdtemp(prefix="uitpas-shot-"),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        timezone_id="Europe/Brussels",
        **options,
    )
    page = context.pages[0] if context.pages else await context.new_page()
    await page.goto(url)
    await page.locator("body[data-ready=true]").wait_for()
    return context, page


async def chat_page(driver: Any, url: str, height: int = 760) -> tuple[Any, Any]:
    """(context, page): the web chat at ``url`` on a desktop viewport ``height`` px high."""
    expect.set_options(timeout=30_000)
    return await open_page(driver, url, {"viewport": {"width": 1100, "height": height}})


async def play_conversation(page: Any) -> None:
    """/start, link An's card, check in with a poster from the gallery."""
    await page.fill("#text", "/start")
    await page.press("#text", "Enter")
    await expect(page.locator(".msg.from-bot")).to_have_count(1)
    await page.fill("#text", spaced(NORMAL))  # as on the card (the sidebar lists it too)
    await page.press("#text", "Enter")
    await expect(page.locator(".msg.from-bot").last).to_contain_text("gekoppeld")
    await page.click("#gallery-button")
    await page.get_by_role("button", name="Send the poster of Jazz op de Grote Markt").click()
    await expect(page.locator(".msg.from-bot").last).to_contain_text("Je spaarde")
    await settle(page)


async def settle(page: Any) -> None:
    await page.wait_for_function("[...document.images].every((i) => i.complete)")
    await page.locator("#messages").evaluate("box => box.scrollTop = box.scrollHeight")


async def shoot_desktop(driver: Any, url: str) -> None:
    context, page = await open_page(driver, url, DESKTOP_CONTEXT)
    await play_conversation(page)
    checked_in = page.locator(".msg.from-bot").last
    await checked_in.hover()
    await checked_in.locator(".reply-button").click()  # a reply being written: the bar shows
    await page.fill("#text", "Top, dank je!")
    await settle(page)
    await page.screenshot(path=str(DESKTOP))
    await context.close()


async def shoot_phone(driver: Any, url: str) -> None:
    context, page = await open_page(driver, url, PHONE_CONTEXT)
    await play_conversation(page)
    await page.screenshot(path=str(PHONE))
    await context.close()


async def shoot(url: str, take: Any) -> None:
    expect.set_options(timeout=30_000)
    async with async_playwright() as driver:
        await take(driver, url)


def main() -> None:
    for take in (shoot_desktop, shoot_phone):  # each in a fresh demo: a chat of its own
        with demo_process("--api", "legacy") as demo:  # the shots link by typing a number
            asyncio.run(shoot(demo.url, take))
    print(f"wrote {DESKTOP} and {PHONE}")


if __name__ == "__main__":
    main()
