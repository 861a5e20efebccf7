"""Which instance handles a Telegram update in webhook mode: the one holding its lease.

Telegram may POST the same update again, to whichever instance the load balancer picks, when
its answer was late or failed. One atomic upsert per update id decides who handles it. The
claim is a lease the instance renews while it works (:class:`storage.coordination.Lease`): a
copy of an update another living instance still works on is refused with a retry (never 200,
or Telegram would never send it again), and once that instance died its lease lapses and the
next copy is taken over. So an update is neither lost nor handled twice.

The claim of an update bringing a private photo also counts the photo in the flood throttle
and reads the link (``photo_of``; one statement on PostgreSQL, only when the claim is won):
the round trip the photo's handler would make on its own (issue 21).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from bot.services.throttle import Throttle
from storage.coordination import HandledUpdateRepository, UpdateClaim

log = logging.getLogger(__name__)

# Telegram keeps an undelivered update for at most a day; no copy comes later than that.
HANDLED_UPDATES_KEPT = timedelta(days=1)
# How long a handled update may wait for its finished mark: marks go with the next claim's
# statement (no round trip of their own), or together after this long when none comes.
FINISH_WITHIN = 0.25
# A flush that failed (the database away) is tried again after this long.
FLUSH_RETRY_AFTER = 1.0

__all__ = ["FINISH_WITHIN", "HANDLED_UPDATES_KEPT", "UpdateClaim", "UpdateClaims"]


class UpdateClaims:
    """Claims and finished marks of this instance's updates.

    A handled update is marked finished lazily: kept here, then written with the next claim
    (one statement on PostgreSQL) or after ``finish_within`` seconds, and on a graceful stop
    before the claims are given up (:meth:`flush`). Until then its lease is renewed as for
    any running update: a copy reaching this instance is FINISHED (known here), one reaching
    another instance is HELD (Telegram sends it again a moment later, then it is FINISHED). If
    the instance dies before the mark is written, the lease lapses and a later copy is
    handled again, as when it dies between its reply and the mark: its check-in code is
    answered already, so the copy is answered as a repeat, never checked in twice.
    """

    def __init__(
        self,
        handled: HandledUpdateRepository,
        *,
        finish_within: float = FINISH_WITHIN,
        throttle: Throttle | None = None,
    ) -> None:
        """``throttle``: counts a private photo with its update's claim (see :meth:`claim`);
        ``handled`` then needs the same throttle's repository as its ``photos``."""
        self._handled = handled
        self._throttle = throttle
        self._taking = True
        self._finish_within = finish_within
        self._finished: set[int] = set()  # handled here, not marked in the database yet
        self._timer: asyncio.TimerHandle | None = None
        self._flushing: asyncio.Task[None] | None = None

    @property
    def taking(self) -> bool:
        """False once the instance stops: new updates go to the others (see stop_taking)."""
        return self._taking

    def stop_taking(self) -> None:
        """Stopping (SIGTERM): take no new update, so Telegram re-sends it to another instance,
        while the ones already taken are finished within the grace period."""
        self._taking = False

    async def claim(self, update_id: int, *, photo_of: int | None = None) -> UpdateClaim:
        """MINE: handle it; FINISHED: a copy of a handled update; HELD: ask for it again later.

        ``photo_of``: the update is a private photo of this user, which the check-in's handler
        counts in the flood throttle: counted here instead when the claim is MINE, in the
        claim's statement (PostgreSQL), for that update's handler to take
        (:meth:`Throttle.check_reading_link`); a copy HELD or FINISHED counts nothing.

        Raises whatever the database raises: the caller cannot know whom the update is for.
        """
        if update_id in self._finished:  # handled here; its mark is on its way
            return UpdateClaim.FINISHED
        finishing = tuple(self._finished)
        if photo_of is not None and self._throttle is not None:
            photo = self._throttle.photo_count(photo_of)
            claim, counted = await self._handled.claim_counting(
                update_id, photo, finishing=finishing
            )
            if counted is not None:
                self._throttle.counted_with_claim(update_id, photo, counted)
        else:
            claim = await self._handled.claim(update_id, finishing=finishing)
        self._finished.difference_update(finishing)
        if not self._finished and self._timer is not None:  # all written: nothing to flush
            self._timer.cancel()
            self._timer = None
        return claim

    async def finish(self, update_id: int) -> None:
        """Handled: from now on a late copy is dropped rather than taken over (marked in the
        database with the next claim, or within ``finish_within`` seconds)."""
        self._finished.add(update_id)
        if self._finish_within <= 0:
            await self.flush()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(
                self._finish_within, self._flush_later
            )

    async def flush(self) -> None:
        """Mark now every update handled here finished (on a graceful stop, before its claims
        are given up: else a copy of a handled update would be taken over at once)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        running = self._flushing
        if running is not None and running is not asyncio.current_task() and not running.done():
            await asyncio.wait([running])  # its outcome is its own to log
        finishing = tuple(self._finished)
        if finishing:
            await self._handled.finish_many(finishing)
            self._finished.difference_update(finishing)

    def _flush_later(self) -> None:
        self._timer = None
        if self._finished and (self._flushing is None or self._flushing.done()):
            self._flushing = asyncio.create_task(self._flush_logged(), name="finish-updates")

    async def _flush_logged(self) -> None:
        try:
            await self.flush()
        except Exception:  # kept: the next claim or flush writes them; the leases hold meanwhile
            log.warning("%d handled updates not marked finished yet", len(self._finished))
            if self._timer is None:
                self._timer = asyncio.get_running_loop().call_later(
                    FLUSH_RETRY_AFTER, self._flush_later
                )

    async def release(self, update_id: int) -> None:
        """Given up unfinished (the instance stops): the next copy is taken over at once."""
        await self._handled.release(update_id)

    async def purge(self, *, now: datetime | None = None) -> int:
        """Forget claims older than any copy Telegram could still send."""
        now = now or datetime.now(UTC)
        return await self._handled.purge_before(now - HANDLED_UPDATES_KEPT)
