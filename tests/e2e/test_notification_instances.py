"""Two webhook instances on the real PostgreSQL server share the notifications' loop (issue 19).

Both instances run their own loop (every 50 ms here) and, on top, rounds pushed head to head;
the passholders are claimed ``FOR UPDATE SKIP LOCKED``, so each notice goes out once.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.sandbox.server import BackgroundServer
from bot.sandbox.telegram.client import TgUser
from bot.sandbox.uitpas.data import NORMAL
from bot.services.notifications.kinds import LAST_CHANCE
from storage.notifications import NotificationRepository
from storage.repositories import LinkRepository
from tests.e2e.test_webhook_instances import two_instances
from tests.support.groups import MovableClock
from tests.support.harness import AN, JOHN, say
from tests.support.notifications import digest_title, digests, scheduler, sender, turn_on

pytestmark = pytest.mark.postgres

LOOP_SECONDS = 0.05
PEOPLE = [TgUser(id=8100 + n, first_name=f"P{n}", language_code="nl") for n in range(16)]


async def test_two_webhook_instances_send_each_notice_once(
    webhook_emulator: BackgroundServer,
) -> None:
    clock = MovableClock()
    clock.advance(timedelta(days=3))  # the Turnzakje (ends in 9 days) is a last chance
    fast = {
        "notify_interval_seconds": LOOP_SECONDS,
        "quiet_hours": "off",
        "uitpas_polls_per_second": 50,
    }
    async with two_instances(webhook_emulator, clock=clock, **fast) as pair:
        database = pair.first.running.database
        links, notifications = LinkRepository(database), NotificationRepository(database)
        for user in (AN, JOHN):  # through the webhook, like any user
            await say(pair.first, user, f"/link {NORMAL}")
            await turn_on(pair.first, user, LAST_CHANCE)
        for user in PEOPLE:  # many at once, so that both loops want the same passholders
            await say(pair.first, user, "/start")
            await links.save(user.id, NORMAL, "nl")
        now = clock()
        await asyncio.gather(
            *(notifications.set_kinds(user.id, [LAST_CHANCE], now=now) for user in PEOPLE)
        )
        # One digest meets a dropped connection (Telegram did not take it): held, it goes out
        # at its passholder's next look, still once.
        await pair.telegram.drop_connection("sendMessage")
        rounds = [
            scheduler(harness).run_round(sender(harness))
            for harness in (pair.first, pair.second)
            for _ in range(4)
        ]
        await asyncio.gather(*rounds)
        # The bot's clock goes on as real time does: a digest that met a network error is tried
        # again at the passholder's next look (here ``notify_interval_seconds`` later), which a
        # clock standing still never reaches. Seconds only: one digest a day still holds.
        ticking = asyncio.create_task(_tick(clock, timedelta(seconds=LOOP_SECONDS)))
        try:
            everyone = [AN, JOHN, *PEOPLE]
            for user in everyone:
                await pair.telegram.wait_for_call(
                    "sendMessage",
                    chat_id=user.id,
                    after=0,
                    where=lambda call, user=user: (
                        call.ok and (call.text or "").startswith(digest_title(user))
                    ),  # delivered: the dropped attempt is recorded too
                    timeout=10,
                )
            await asyncio.sleep(0.5)  # many more rounds of both loops
        finally:
            ticking.cancel()
        for user in everyone:
            sent = await digests(pair.first, user)
            assert len(sent) == 1, (user.id, [call.text for call in sent])
            assert "<b>Turnzakje</b>" in (sent[0].text or "")


async def _tick(clock: MovableClock, step: timedelta) -> None:
    while True:
        await asyncio.sleep(step.total_seconds())
        clock.advance(step)
