"""Helpers for the notifications' end-to-end tests (issue 19): turning kinds on through
/notifications, driving the scheduler's rounds with a test clock, reading the digests sent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.app import callback_codec
from bot.handlers.notifications import digest_sender
from bot.i18n import language_for, t
from bot.sandbox.telegram.client import BotCall, TgUser
from bot.services.notifications.scheduler import DigestSender, NotificationScheduler, RoundReport
from tests.support.groups import MovableClock, message_id
from tests.support.harness import Harness, button_data

# Rounds driven by the test (``reminders=False`` keeps the instance's own loop off), a
# promotions list fetched fresh for every look, every hour of the day allowed.
FAST: dict[str, Any] = {
    "notify_interval_seconds": 60.0,
    "quiet_hours": "off",
    "uitpas_polls_per_second": 100,
    "promotions_cache_seconds": 0,
}


def scheduler(harness: Harness) -> NotificationScheduler:
    found = harness.running.services.notifications
    assert found is not None
    return found


def sender(harness: Harness) -> DigestSender:
    return digest_sender(harness.running.application.bot, callback_codec(harness.settings))


async def look(
    harness: Harness, clock: MovableClock, delta: timedelta = timedelta(hours=1)
) -> RoundReport:
    """Move the clock on (the passholders become due again) and run one round."""
    clock.advance(delta)
    return await scheduler(harness).run_round(sender(harness))


def digest_title(user: TgUser) -> str:
    return t(language_for(user.language_code), "notify_digest_title")


async def digests(harness: Harness, user: TgUser) -> list[BotCall]:
    """Every digest the bot sent the user, in order."""
    title = digest_title(user)
    return [
        call
        for call in await harness.telegram.calls()
        if call.method == "sendMessage"
        and call.chat_id == user.id
        and call.ok
        and (call.text or "").startswith(title)
    ]


async def turn_on(harness: Harness, user: TgUser, *kinds: str) -> BotCall:
    """/notifications, then a tap on each kind's ⬜ toggle; the menu as last edited."""
    return await _toggle(harness, user, kinds, "⬜", "✅")


async def turn_off(harness: Harness, user: TgUser, *kinds: str) -> BotCall:
    return await _toggle(harness, user, kinds, "✅", "⬜")


async def _toggle(
    harness: Harness, user: TgUser, kinds: tuple[str, ...], was: str, becomes: str
) -> BotCall:
    language = language_for(user.language_code)
    await harness.telegram.send_text(user, "/notifications")
    menu = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id)
    shown = menu
    for kind in kinds:
        label = t(language, f"notify_kind_{kind}")
        data = button_data(shown, f"{was} {label}")
        await harness.telegram.press_button(user, message_id(menu), data)
        shown = await harness.telegram.wait_for_call("editMessageText", chat_id=user.id)
        assert any(text == f"{becomes} {label}" for row in shown.buttons for text, _ in row)
    return shown
