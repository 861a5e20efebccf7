"""Take docs/webchat-events.png: the web chat after sharing a location (issue 20).

Run from the repository root: ``.venv/bin/python scripts/events_screenshot.py`` (needs
Debian's chromium; emoji look right with fonts-noto-color-emoji installed).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.async_api import async_playwright, expect

from scripts.readme_screenshot import chat_page
from tests.support.browser import demo_process

OUT = Path("docs/webchat-events.png")


async def shoot(url: str) -> None:
    async with async_playwright() as driver:
        context, page = await chat_page(driver, url, height=860)
        await page.fill("#text", "/events")
        await page.press("#text", "Enter")
        await expect(page.locator(".msg.from-bot")).to_have_count(1)
        await page.click("#location-button")
        await page.get_by_role("button", name="📍 Aalst, Grote Markt").click()
        await expect(page.locator(".msg.from-bot")).to_have_count(2)
        await page.locator("#messages").evaluate("box => box.scrollTop = box.scrollHeight")
        await page.screenshot(path=str(OUT))
        await context.close()


def main() -> None:
    with demo_process() as demo:  # as the README starts it: v4
        asyncio.run(shoot(demo.url))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
