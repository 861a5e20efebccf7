"""Sending each announcement's reminder once, from however many bot instances.

The loop claims due reminders in the database before sending (see
``AnnouncementRepository.claim_due_reminders``), so two instances, or one that restarted, never
both send the same reminder. The claim is committed before the message goes out, which makes
the guarantee **at most once**, and exactly once whenever sending works:

* the process dies between claim and send: that reminder is lost (never doubled);
* Telegram answers "too many requests" (after the rate limiter's own retries): the claim is
  released and a later round tries again, until the event starts;
* anything else (bot removed from the group, a timeout after which the message may well have
  arrived): given up, with the reason stored in ``reminder_outcome``.

A reminder whose moment passed while no instance ran is still sent if the event has not
started yet; after the start it is dropped as ``missed``. A reminder due before its card's
message id is stored (the card is being posted) is released and taken up in the next round.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.services.background import cancel_and_wait
from bot.services.published_announcement import PublishedAnnouncement, published
from bot.services.send_budget import SendBudget
from storage.announcements import AnnouncementDraftRepository, AnnouncementRepository
from storage.models import Announcement

log = logging.getLogger(__name__)


class ReminderNotSent(Exception):
    """The sender's verdict on a failed send: ``retry`` only when it surely did not arrive."""

    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry


# Sends one reminder (the announcement, the time left) or raises ReminderNotSent.
ReminderSender = Callable[[PublishedAnnouncement, timedelta], Awaitable[None]]
# Deletes one of the bot's own messages (chat id, message id); failures are its own business.
PromptDeleter = Callable[[int, int], Awaitable[None]]
# Lapsed drafts are looked for at most this often: drafts last an hour, so a minute late is
# nothing, and a round every few seconds need not take the database's write lock each time.
PROMPT_SWEEP_EVERY = timedelta(minutes=1)


class ReminderService:
    def __init__(
        self,
        announcements: AnnouncementRepository,
        clock: Clock,
        *,
        interval: float,
        budget: SendBudget | None = None,
        drafts: AnnouncementDraftRepository | None = None,
    ) -> None:
        """``drafts``: whose abandoned questions each round removes from the groups (the same
        loop, so the timeout holds whichever instance runs and survives restarts: the draft's
        time is in the database)."""
        self._drafts = drafts
        self._next_sweep: datetime | None = None
        self._announcements = announcements
        self._clock = clock
        self._interval = interval
        self._budget = budget
        self._task: asyncio.Task[None] | None = None

    async def send_due(self, send: ReminderSender) -> int:
        """One round: claim what is due, send it; the number of reminders sent."""
        sent = 0
        for announcement in await self._announcements.claim_due_reminders(self._clock()):
            assert announcement.id is not None
            outcome = await self._send_one(announcement, send)
            if outcome == "retry":
                await self._announcements.release_reminder(announcement.id)
            else:
                await self._announcements.finish_reminder(announcement.id, outcome)
            sent += outcome == "sent"
        return sent

    async def _send_one(self, announcement: Announcement, send: ReminderSender) -> str:
        assert announcement.id is not None
        left = announcement.starts_at - self._clock()
        if left <= timedelta(0):
            return "missed"
        if announcement.card_message_id is None:
            return "retry"  # the card is being posted right now; its id follows in a moment
        if self._budget is not None:
            await self._budget.take()  # all instances together stay under Telegram's limit
        try:
            await send(published(announcement), left)
        except ReminderNotSent as error:
            log.warning("reminder %s not sent: %s", announcement.id, error.reason)
            return "retry" if error.retry else error.reason[:32]
        return "sent"

    async def remove_abandoned_prompts(self, delete: PromptDeleter) -> int:
        """The bot's questions of step-by-step announcements nobody finished: deleted from
        their groups once the draft lapsed; the number deleted."""
        now = self._clock()
        if self._drafts is None or (self._next_sweep is not None and now < self._next_sweep):
            return 0
        self._next_sweep = now + PROMPT_SWEEP_EVERY
        taken = await self._drafts.take_abandoned(now)
        for chat_id, message_id in taken:
            await delete(chat_id, message_id)
        return len(taken)

    def start(self, send: ReminderSender, delete: PromptDeleter | None = None) -> None:
        """Run rounds every ``interval`` seconds in the background until ``stop``."""
        self._task = asyncio.create_task(self._loop(send, delete), name="announcement-reminders")

    async def stop(self) -> None:
        if self._task is None:
            return
        await cancel_and_wait(self._task)
        self._task = None

    async def _loop(self, send: ReminderSender, delete: PromptDeleter | None) -> None:
        while True:
            try:
                await self.send_due(send)
                if delete is not None:
                    await self.remove_abandoned_prompts(delete)
            except Exception:  # a database hiccup must not end reminders for good
                log.exception("reminder round failed")
            await asyncio.sleep(self._interval)
