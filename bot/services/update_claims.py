"""Which instance handles a Telegram update in webhook mode: the one holding its lease.

Telegram may POST the same update again, to whichever instance the load balancer picks, when
its answer was late or failed. One atomic upsert per update id decides who handles it. The
claim is a lease the instance renews while it works (:class:`storage.coordination.Lease`): a
copy of an update another living instance still works on is refused with a retry (never 200,
or Telegram would never send it again), and once that instance died its lease lapses and the
next copy is taken over. So an update is neither lost nor handled twice.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.coordination import HandledUpdateRepository, UpdateClaim

# Telegram keeps an undelivered update for at most a day; no copy comes later than that.
HANDLED_UPDATES_KEPT = timedelta(days=1)

__all__ = ["HANDLED_UPDATES_KEPT", "UpdateClaim", "UpdateClaims"]


class UpdateClaims:
    def __init__(self, handled: HandledUpdateRepository) -> None:
        self._handled = handled
        self._taking = True

    @property
    def taking(self) -> bool:
        """False once the instance stops: new updates go to the others (see stop_taking)."""
        return self._taking

    def stop_taking(self) -> None:
        """Stopping (SIGTERM): take no new update, so Telegram re-sends it to another instance,
        while the ones already taken are finished within the grace period."""
        self._taking = False

    async def claim(self, update_id: int) -> UpdateClaim:
        """MINE: handle it; FINISHED: a copy of a handled update; HELD: ask for it again later.

        Raises whatever the database raises: the caller cannot know whom the update is for.
        """
        return await self._handled.claim(update_id)

    async def finish(self, update_id: int) -> None:
        """Handled: from now on a late copy is dropped rather than taken over."""
        await self._handled.finish(update_id)

    async def release(self, update_id: int) -> None:
        """Given up unfinished (the instance stops): the next copy is taken over at once."""
        await self._handled.release(update_id)

    async def purge(self, *, now: datetime | None = None) -> int:
        """Forget claims older than any copy Telegram could still send."""
        now = now or datetime.now(UTC)
        return await self._handled.purge_before(now - HANDLED_UPDATES_KEPT)
