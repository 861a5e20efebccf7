"""The heartbeat that keeps this instance's claims (updates, check-in codes) its own.

Every claim is a lease (:class:`storage.coordination.Lease`). While the instance lives, this
renews all of them every third of the lease, so a slow UiTPAS answer never lets another
instance take over; when the process dies the renewals stop and its claims lapse within one
lease. A failed renewal is logged and tried at the next beat: one missed beat leaves two
thirds of the lease.
"""

from __future__ import annotations

import asyncio
import logging

from bot.services.background import cancel_and_wait
from storage.coordination import LeaseKeeper

log = logging.getLogger(__name__)


class LeaseHeartbeat:
    def __init__(self, keeper: LeaseKeeper) -> None:
        self._keeper = keeper
        self._task: asyncio.Task[None] | None = None

    @property
    def interval(self) -> float:
        return self._keeper.lease.duration.total_seconds() / 3

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._beat(), name="lease-heartbeat")

    async def stop(self, *, release: bool = True) -> None:
        """Stop renewing; with ``release`` lapse what is still held so others take it now."""
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None
        if release:
            try:
                released = await self._keeper.release_all()
            except Exception:
                log.warning("could not give up this instance's claims; they lapse by themselves")
            else:
                if released:
                    log.info("gave up %d unfinished claims to other instances", released)

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self._keeper.renew()
            except Exception:
                log.warning("lease renewal failed; trying again at the next beat")
