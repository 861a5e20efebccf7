"""Take docs/webchat-checkin.png, the README's picture of the web chat after a check-in.

Run from the repository root: ``.venv/bin/python scripts/readme_screenshot.py`` (needs
Debian's chromium; emoji look right with fonts-noto-color-emoji installed).
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

OUT = Path("docs/webchat-checkin.png")


async def chat_page(driver: Any, url: str, height: int = 760) -> tuple[Any, Any]:
    """(context, page): the web chat at ``url`` in a fresh headless Chromium, ready."""
    expect.set_options(timeout=30_000)
    context = await driver.chromium.launch_persistent_context(
        tempfile.mkdtemp(prefix="uitpas-shot-"),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1100, "height": height},
    )
    page = context.pages[0] if context.pages else await context.new_page()
    await page.goto(url)
    await page.locator("body[data-ready=true]").wait_for()
    return context, page


async def shoot(url: str) -> None:
    async with async_playwright() as driver:
        context, page = await chat_page(driver, url)
        await page.fill("#text", "/start")
        await page.press("#text", "Enter")
        await expect(page.locator(".msg.from-bot")).to_have_count(1)
        await page.get_by_role("button", name=spaced(NORMAL)).click()
        await page.press("#text", "Enter")
        await expect(page.locator(".msg.from-bot").last).to_contain_text("gekoppeld")
        await page.click("#gallery-button")
        await page.get_by_role("button", name="Send the poster of Jazz op de Grote Markt").click()
        await expect(page.locator(".msg.from-bot").last).to_contain_text("Je spaarde")
        await page.wait_for_function("[...document.images].every((i) => i.complete)")
        await page.locator("#messages").evaluate("box => box.scrollTop = box.scrollHeight")
        await page.screenshot(path=str(OUT))
        await context.close()


def main() -> None:
    with demo_process("--api", "legacy") as demo:  # the shot links by typing a number
        asyncio.run(shoot(demo.url))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
