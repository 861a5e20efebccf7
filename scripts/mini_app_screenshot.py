"""Take the README's pictures of the Mini App in the demo's web chat: after a scan, and its
"camera" (the poster picker the web chat shows for Telegram's QR scanner).

Run from the repository root: ``.venv/bin/python scripts/mini_app_screenshot.py`` (needs
Debian's chromium; emoji look right with fonts-noto-color-emoji installed, boxes without).
Played for real in a legacy demo: link An's card by typing its number, open the app with the
chat's 📷 Scan menu button, tap its scan button, pick the poster of Jazz op de Grote Markt.
The phone-sized shots of each screen come from the browser tests (MINI_APP_SCREENSHOTS).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.async_api import async_playwright, expect

from bot.demo.webchat.personas import spaced
from bot.sandbox.uitpas.data import NORMAL
from scripts.readme_screenshot import open_page
from tests.support.browser import demo_process

SCAN = Path("docs/mini-app-scan.png")
CAMERA = Path("docs/mini-app-camera.png")
CONTEXT: dict[str, Any] = {"viewport": {"width": 1280, "height": 860}}
POSTER = "Scan the poster of Jazz op de Grote Markt"


async def shoot(url: str) -> None:
    expect.set_options(timeout=30_000)
    async with async_playwright() as driver:
        context, page = await open_page(driver, url, CONTEXT)
        await page.fill("#text", spaced(NORMAL))
        await page.press("#text", "Enter")
        await expect(page.locator(".msg.from-bot").last).to_contain_text("gekoppeld")
        await page.locator("#mini-app-menu-button").click()
        app = page.frame_locator("#mini-app-frame")
        await expect(app.locator("#card")).to_contain_text("Gekoppeld")
        await expect(app.locator("#tab-card")).to_be_visible()
        await app.locator("#tg-main-button").click()
        camera = page.get_by_role("region", name="QR scanner")
        await expect(camera).to_contain_text("Richt je camera")
        await page.wait_for_function("[...document.images].every((i) => i.complete)")
        await page.screenshot(path=str(CAMERA))
        await camera.get_by_role("button", name=POSTER).click()
        await expect(camera).to_have_count(0)
        await expect(app.locator("#result")).to_contain_text("Je spaarde 1 punt")
        await page.screenshot(path=str(SCAN))
        await context.close()


def main() -> None:
    with demo_process("--api", "legacy") as demo:  # linking by typing a number
        asyncio.run(shoot(demo.url))
    print(f"wrote {SCAN} and {CAMERA}")


if __name__ == "__main__":
    main()
