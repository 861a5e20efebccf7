"""Take docs/webchat-events.png: the web chat after sharing a location (issue 20).

Run from the repository root: ``.venv/bin/python scripts/events_screenshot.py`` (needs
Debian's chromium; emoji look right with fonts-noto-color-emoji installed).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.async_api import async_playwright, expect

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, demo_process

OUT = Path("docs/webchat-events.png")


async def shoot(url: str) -> None:
    expect.set_options(timeout=30_000)
    async with async_playwright() as driver:
        context = await driver.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="uitpas-shot-"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 860},
        )
        page = context.pages[0] if context.pages else await context.new_page()
        await page.goto(url)
        await page.locator("body[data-ready=true]").wait_for()
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
