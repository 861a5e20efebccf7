"""Reminders end to end: sent once before the event, across restarts and with two instances.

Each test runs on SQLite and on PostgreSQL; the second instance shares the database and does
not poll (Telegram allows one getUpdates consumer), but runs its own reminder loop.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from storage.announcements import AnnouncementRepository
from tests.support.groups import (
    GROUP,
    MovableClock,
    announce,
    from_now,
    make_group,
    message_id,
    token_of,
    typed,
)
from tests.support.harness import Harness, StartBot

FAST = {"reminder_interval_seconds": 0.02}


def _is_reminder(call) -> bool:  # type: ignore[no-untyped-def]
    return call.method == "sendMessage" and call.chat_id == GROUP and "⏰" in (call.text or "")


async def _reminders(harness: Harness) -> list:  # type: ignore[type-arg]
    return [call for call in await harness.telegram.calls() if _is_reminder(call)]


async def test_reminder_goes_out_once_across_restarts(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock, **FAST) as harness:
        await make_group(harness)
        starts = from_now(clock, hours=3)
        card = await announce(harness, f"/announce Fuif | {typed(starts)} | Zaal Volta")
        await asyncio.sleep(0.2)
        assert await _reminders(harness) == []  # not due yet: 3 h ahead, reminder 1 h before
    clock.now = starts - timedelta(minutes=59)  # while no instance runs
    async with start_bot(clock=clock, **FAST) as harness:
        reminder = await harness.telegram.wait_for_call(
            "sendMessage", chat_id=GROUP, after=0, where=_is_reminder
        )
        assert "⏰ <b>Fuif</b> begint over 59 minuten, om" in (reminder.text or "")
        assert "📍 Zaal Volta" in (reminder.text or "")
        assert reminder.params["reply_parameters"]["message_id"] == message_id(card)
        [[(_, link)]] = reminder.buttons
        assert link is not None
        assert link.endswith(f"?start=a_{token_of(card)}")
        await asyncio.sleep(0.3)  # many more rounds
        stored = await AnnouncementRepository(harness.running.database).by_token(token_of(card))
        assert stored is not None
        assert stored.reminder_outcome == "sent"
    async with start_bot(clock=clock, **FAST) as harness:
        await asyncio.sleep(0.3)
        assert len(await _reminders(harness)) == 1


async def test_two_instances_on_one_database_send_each_reminder_once(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with (
        start_bot(clock=clock, **FAST) as first,
        start_bot(clock=clock, polling=False, **FAST) as second,
    ):
        await make_group(first)
        titles = [f"Avond {number}" for number in range(6)]
        for title in titles:
            await announce(first, f"/announce {title} | {typed(from_now(clock, hours=3))} | Zaal")
        clock.advance(timedelta(hours=2, minutes=1))
        # Besides both loops, push rounds of both instances head to head.
        senders = [
            running.running.services.reminders.send_due(_sender_of(running))
            for running in (first, second)
            for _ in range(5)
        ]
        await asyncio.gather(*senders)
        for title in titles:
            await first.telegram.wait_for_call(
                "sendMessage",
                after=0,
                where=lambda call, title=title: _is_reminder(call) and title in (call.text or ""),
            )
        await asyncio.sleep(0.3)
        sent = [call.text or "" for call in await _reminders(first)]
        for title in titles:
            assert sum(f"<b>{title}</b>" in text for text in sent) == 1, sent
        assert len(sent) == len(titles)


def _sender_of(harness: Harness):  # type: ignore[no-untyped-def]
    from bot.handlers.reminder_sender import reminder_sender

    return reminder_sender(harness.running.application.bot)


async def test_event_announced_less_than_an_hour_ahead_gets_no_reminder(
    start_bot: StartBot,
) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock, **FAST) as harness:
        await make_group(harness)
        await announce(harness, f"/announce Nu | {typed(from_now(clock, minutes=40))} | Zaal")
        await asyncio.sleep(0.3)
        clock.advance(timedelta(minutes=30))
        await asyncio.sleep(0.3)
        assert await _reminders(harness) == []
