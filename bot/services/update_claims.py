"""Which instance handles a Telegram update in webhook mode: the first one to claim its id.

Telegram may POST the same update again, to whichever instance the load balancer picks, when
its answer was late or failed. One atomic insert per update id decides who handles it; a claim
whose instance died before finishing is taken over after a while (see
``HandledUpdateRepository.claim``), so an update is neither lost nor handled twice.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.coordination import HandledUpdateRepository

# Telegram keeps an undelivered update for at most a day; no copy comes later than that.
HANDLED_UPDATES_KEPT = timedelta(days=1)


class UpdateClaims:
    def __init__(self, handled: HandledUpdateRepository) -> None:
        self._handled = handled

    async def claim(self, update_id: int) -> bool:
        """True when this instance should handle the update; False for a copy another took.

        Raises whatever the database raises: the caller cannot know whom the update is for.
        """
        return await self._handled.claim(update_id)

    async def finish(self, update_id: int) -> None:
        """Handled: from now on a late copy is dropped rather than taken over."""
        await self._handled.finish(update_id)

    async def purge(self, *, now: datetime | None = None) -> int:
        """Forget claims older than any copy Telegram could still send."""
        now = now or datetime.now(UTC)
        return await self._handled.purge_before(now - HANDLED_UPDATES_KEPT)
