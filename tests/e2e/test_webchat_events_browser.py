"""The web chat's location sharing (issue 20) in headless Chromium, every part real: the page
shares a preset place as a Telegram location, the bot asks the Search API stand-in for the
UiTPAS events nearest to it, and the list and an event's details show in the chat."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.test_webchat_browser import bot_answer, bot_messages, browser_page, demo  # noqa: F401
from tests.support.browser import DemoProcess


@pytest.fixture
async def page(demo: DemoProcess, tmp_path: Path) -> AsyncIterator[object]:  # noqa: F811
    async with browser_page(demo.url, tmp_path) as opened:
        yield opened


async def test_share_a_preset_place_and_see_the_events_near_it(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.async_api import expect

    prompt = await bot_answer(page, "/events")
    await expect(prompt).to_contain_text("deel je locatie")
    before = await bot_messages(page).count()
    await page.click("#location-button")
    await page.get_by_role("button", name="📍 Gent, Korenmarkt").click()
    await expect(page.locator(".msg.out .location").last).to_contain_text("51.0543, 3.7174")
    await expect(bot_messages(page)).not_to_have_count(before)
    listing = bot_messages(page).nth(before)
    await expect(listing).to_contain_text("binnen 10 km")
    await expect(listing).to_contain_text("Orgelconcert in de kathedraal")
    await expect(listing).to_contain_text("Sint-Baafskathedraal, Gent · 0,7 km")

    count = await bot_messages(page).count()
    await listing.get_by_role("button", name="1. Orgelconcert in de kathedraal").click()
    await expect(bot_messages(page)).not_to_have_count(count)
    detail = bot_messages(page).nth(count)
    await expect(detail).to_contain_text("Sint-Baafsplein, 9000 Gent")
    await expect(detail).to_contain_text("Organisator: Sint-Baafskathedraal Gent")
