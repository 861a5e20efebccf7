"""A per-second budget for bulk sends, shared by every bot instance through the database.

Telegram allows a bot about 30 messages a second in all. PTB's ``AIORateLimiter`` keeps each
instance under it, but it cannot see the other instances: two instances sending reminders at
full speed would together go over, and Telegram then answers 429 to replies users wait for.
So bulk sends first take a slot from a budget counted in the database (one upsert per send),
and wait for the next second when this one is spent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from storage.coordination import SendWindowRepository

Now = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]


def _utcnow() -> datetime:
    return datetime.now(UTC)


class SendBudget:
    def __init__(
        self,
        windows: SendWindowRepository,
        *,
        per_second: int,
        purpose: str = "bulk",
        now: Now = _utcnow,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if per_second < 1:
            raise ValueError("a send budget needs at least one send per second")
        self._windows = windows
        self.per_second = per_second
        self._purpose = purpose
        self._now = now
        self._sleep = sleep

    async def take(self) -> None:
        """Return once this instance may send one message; waits while the second is spent."""
        while True:
            now = self._now()
            second = now.replace(microsecond=0)
            if await self._windows.take(self._purpose, second, self.per_second):
                return
            await self._sleep(1.0 - now.microsecond / 1_000_000 + 0.001)

    async def purge(self) -> int:
        """Past windows count nothing any more; a minute's margin for clocks that differ."""
        return await self._windows.purge_before(self._now() - timedelta(minutes=1))
