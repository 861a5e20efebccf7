"""The notifications' loop, shared by every instance (issue 19).

Each round claims due passholders in the database (a lease per passholder, see
:class:`storage.notifications.NotificationRepository`), looks at each through
:class:`SnapshotReader` (after taking a slot of the UiTPAS poll budget, counted across all
instances in ``send_windows`` under its own purpose), works out the notices with the pure
:func:`kinds.findings`, and records them: the "told" memory and the held notice in one
transaction. Then, outside quiet hours and when no digest went out today, everything held is
sent as one digest and marked sent; and the passholder is released until the next look.

**Delivery guarantee: at least once, with one known double.** A notice is *found* exactly
once (told and held are committed together). It is *sent* by whoever holds the passholder's
claim, and marked sent right after Telegram accepted it:

* a restart between claim and send (the instance dies, or is stopped, before sendMessage):
  the lease lapses (or is given up at a graceful stop), the next claimer finds the notice
  still held and sends it: nothing lost, nothing doubled;
* a claim outlived by its lease (a batch served slowly: the poll budget, a slow UiTPAS):
  the claim is renewed before the look and again right before the send, and a claim that
  another instance took meanwhile is let go without looking or sending;
* a crash in the moment between Telegram's 200 and the commit of the sent mark (one
  UPDATE): the next claimer sends the digest again. That window is milliseconds; the
  alternative (mark first, then send) would lose the notice instead, and a missed "your
  kansentarief ends" costs the passholder more than reading it twice;
* Telegram answers "too many requests" or does not answer at all (5xx, a dropped
  connection before it took the request): the notices stay held, and are tried again five
  minutes later (``SEND_AGAIN_AFTER``), with a look first;
* a timeout after the request went out (the message may have arrived): counted as sent,
  never risked twice; a 403 (bot blocked): marked so, and the user is not looked at again
  until they write (``inactive_users``, cleared by any update from them).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.services.background import cancel_and_wait
from bot.services.notifications.kinds import Notice, findings
from bot.services.notifications.quiet import QuietHours
from bot.services.notifications.snapshot import LookRefused, SnapshotReader
from bot.services.send_budget import SendBudget
from bot.uitpas.errors import UitpasUnavailable
from storage.coordination import new_holder_id
from storage.notifications import Found, NotificationRepository, Turn
from storage.repositories import LinkRepository, UserStatusRepository

log = logging.getLogger(__name__)

CLAIM_BATCH = 20
CLAIM_LEASE = timedelta(minutes=2)
KEEP_SENT = timedelta(days=30)
# Telegram did not take a digest (a 5xx, no connection, "too many requests"): how soon it is
# tried again, instead of at the passholder's next look (an hour on, by default). Each try
# comes with a look at UiTPAS, so not every round: during a Telegram outage a held
# passholder costs 12 looks an hour, within UITPAS_POLLS_PER_SECOND like every look.
SEND_AGAIN_AFTER = timedelta(minutes=5)


class ClaimLost(Exception):
    """The passholder's lease lapsed and another instance claimed them: theirs to serve now."""


class NoticeNotSent(Exception):
    """The sender's verdict: ``retry`` when it surely did not arrive, ``blocked`` on a 403."""

    def __init__(self, reason: str, *, retry: bool, blocked: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry
        self.blocked = blocked


# Sends one digest (user id, their language, the notices) or raises NoticeNotSent.
DigestSender = Callable[[int, str, Sequence[Notice]], Awaitable[None]]


@dataclass
class RoundReport:
    """What one round did (tests and the benchmark read it)."""

    looked: int = 0
    found: int = 0
    sent: int = 0
    held: int = 0


class NotificationScheduler:
    def __init__(
        self,
        notifications: NotificationRepository,
        links: LinkRepository,
        user_status: UserStatusRepository,
        reader: SnapshotReader,
        clock: Clock,
        *,
        interval: float,
        quiet: QuietHours,
        polls: SendBudget | None = None,
        sends: SendBudget | None = None,
        holder: str | None = None,
        side_by_side: int = 1,
    ) -> None:
        """``polls``: one slot per passholder looked at, shared by every instance
        (UITPAS_POLLS_PER_SECOND); ``sends``: one slot per digest sent, the bulk budget the
        reminders take too (BULK_SENDS_PER_SECOND), so that a round with many digests leaves
        Telegram's per-bot limit to the replies users wait for; ``interval``: seconds between
        two looks at a passholder, and between two rounds of the loop; ``side_by_side``:
        passholders served at once (a look mostly waits for UiTPAS; on SQLite, with one
        writer, 1)."""
        self._side_by_side = asyncio.Semaphore(max(side_by_side, 1))
        self._notifications = notifications
        self._links = links
        self._user_status = user_status
        self._reader = reader
        self._clock = clock
        self._interval = timedelta(seconds=interval)
        self._quiet = quiet
        self._polls = polls
        self._sends = sends
        self.holder = holder or new_holder_id()
        self._task: asyncio.Task[None] | None = None

    async def run_round(self, send: DigestSender) -> RoundReport:
        """Claim and serve due passholders, batch after batch, until none is due."""
        report = RoundReport()
        while True:
            now = self._clock()
            turns = await self._notifications.claim_due(
                now=now, holder=self.holder, until=now + CLAIM_LEASE, batch=CLAIM_BATCH
            )
            if not turns:
                return report
            # A batch's passholders are served side by side (up to ``side_by_side``): a look
            # mostly waits for UiTPAS, and the poll budget is what bounds the rate.
            await asyncio.gather(*(self.serve(turn, send, report) for turn in turns))

    async def serve(self, turn: Turn, send: DigestSender, report: RoundReport) -> None:
        """One claimed passholder: look, record, deliver, release (a round's unit of work)."""
        async with self._side_by_side:
            try:
                await self._serve(turn, send, report)
            except ClaimLost:
                log.info("notifications: a claim lapsed before it was served; left to its taker")

    async def _keep_claim(self, telegram_user_id: int) -> None:
        """Renew the lease before a step that may outlast it, or give the turn up."""
        until = self._clock() + CLAIM_LEASE
        if not await self._notifications.renew(telegram_user_id, holder=self.holder, until=until):
            raise ClaimLost

    async def _serve(self, turn: Turn, send: DigestSender, report: RoundReport) -> None:
        user = turn.telegram_user_id
        await self._keep_claim(user)  # the batch's last may wait long for its turn
        now = self._clock()
        link = await self._links.get(user)
        kinds = await self._notifications.kinds(user)
        if link is None or not kinds:  # unlinked or all off since: nothing to look at
            await self._notifications.unschedule(user)
            return
        next_look = now + self._interval
        if await self._user_status.is_inactive(user):  # blocked us: not even a look
            await self._notifications.release(user, holder=self.holder, due=next_look)
            return
        key = hashlib.sha256(link.uitpas_number.encode()).hexdigest()[:32]
        if turn.passholder_key is not None and turn.passholder_key != key:
            await self._notifications.start_afresh(user)  # another card: another memory
            turn = Turn(user, None, turn.last_sent_on, key)
        try:
            await self._look(turn, link.uitpas_number, key, kinds, now, report)
        except UitpasUnavailable as error:
            log.warning("notifications: UiTPAS did not answer (%s)", error.reason.value)
        except LookRefused as error:
            log.info("notifications: UiTPAS refused the look (%s)", error.code)
        next_look = min(next_look, await self._deliver(turn, link.language, send, report))
        await self._notifications.release(user, holder=self.holder, due=next_look)

    async def _look(
        self,
        turn: Turn,
        number: str,
        key: str,
        kinds: frozenset[str],
        now: datetime,
        report: RoundReport,
    ) -> None:
        user = turn.telegram_user_id
        if self._polls is not None:
            await self._polls.take()
            await self._keep_claim(user)  # the slot may have taken a while
        wishes = await self._notifications.wishes(user)
        snapshot = await self._reader.read(number, kinds, wishes, user)
        report.looked += 1
        told = await self._notifications.told(user)
        found = findings(snapshot, kinds, told, now, first_look=turn.looked_at is None)
        await self._notifications.record(
            user,
            notices=[Found(n.kind, n.subject, n.to_json()) for n in found.notices],
            silent=found.silent,
            forget=found.forget,
            now=now,
            passholder_key=key,
        )
        report.found += len(found.notices)

    async def _deliver(
        self, turn: Turn, language: str, send: DigestSender, report: RoundReport
    ) -> datetime:
        """Send what is held, if it may go now; when to look again at the latest."""
        user = turn.telegram_user_id
        now = self._clock()
        far = now + self._interval
        held = await self._notifications.held(user)
        if not held:
            return far
        if self._quiet.holds(now):
            report.held += len(held)
            return self._quiet.ends_after(now)
        today = self._quiet.day_of(now)
        if turn.last_sent_on == today:  # one message a day: tomorrow, after the quiet hours
            report.held += len(held)
            tomorrow = self._quiet.next_day(now)
            return max(tomorrow, self._quiet.ends_after(tomorrow))
        notices = [Notice.from_json(h.payload) for h in held]
        ids = [h.id for h in held]
        outcome = "sent"
        if self._sends is not None:
            await self._sends.take()
        await self._keep_claim(user)  # a look or a slot that outlasted the lease: not twice
        try:
            await send(user, language, notices)
        except NoticeNotSent as error:
            log.warning("notifications digest not sent: %s", error.reason)
            if error.blocked:
                await self._user_status.mark_inactive(user, error.reason)
            if error.retry:
                report.held += len(held)
                return min(far, now + SEND_AGAIN_AFTER)
            outcome = error.reason[:32]
        await self._notifications.mark_sent(user, ids, now=now, day=today, outcome=outcome)
        report.sent += outcome == "sent"
        return far

    async def purge(self) -> int:
        """Delivered notices are kept a month (what was told stays in ``notify_told``)."""
        return await self._notifications.purge_sent_before(self._clock() - KEEP_SENT)

    def start(self, send: DigestSender) -> None:
        self._task = asyncio.create_task(self._loop(send), name="notifications")

    async def stop(self) -> None:
        if self._task is None:
            return
        await cancel_and_wait(self._task)
        self._task = None
        with contextlib.suppress(Exception):  # stopping: the leases lapse on their own anyway
            await self._notifications.give_up(self.holder)

    async def _loop(self, send: DigestSender) -> None:
        while True:
            try:
                await self.run_round(send)
            except Exception:  # a database hiccup must not end notifications for good
                log.exception("notification round failed")
            await asyncio.sleep(self._interval.total_seconds())
