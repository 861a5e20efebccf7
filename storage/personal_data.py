"""One place that knows every store of personal data, so ``/forget`` cannot miss one.

Each repository holding rows about a Telegram user registers a deleter here under the name of
its table. ``/forget`` runs them all; a test lists every table with a ``telegram_user_id``
column and fails when one has no deleter, so a feature that adds a table (announcements,
RSVPs, login tokens) is caught the day it lands, not the day someone asks to be forgotten.
Each also registers a counter, so ``/privacy`` tells the user what this same list holds
about them: what is told and what is forgotten can never drift apart.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

Deleter = Callable[[int], Awaitable[int]]
Counter = Callable[[int], Awaitable[int]]


@dataclass
class PersonalData:
    """Named deleters, run in registration order (children before parents when it matters)."""

    _deleters: dict[str, Deleter] = field(default_factory=dict)
    _counters: dict[str, Counter] = field(default_factory=dict)

    def register(self, table: str, deleter: Deleter, counter: Counter | None = None) -> None:
        """``counter``: how many rows the table holds about a user (for /privacy)."""
        if table in self._deleters:
            raise ValueError(f"{table!r} already has a deleter")
        self._deleters[table] = deleter
        if counter is not None:
            self._counters[table] = counter

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self._deleters)

    @property
    def uncounted(self) -> frozenset[str]:
        """Tables /privacy could not report on; a test keeps this empty."""
        return frozenset(self._deleters) - frozenset(self._counters)

    async def held(self, telegram_user_id: int) -> dict[str, int]:
        """Rows about the user per registered table, in registration order (0 included)."""
        return {
            table: await self._counters[table](telegram_user_id)
            for table in self._deleters
            if table in self._counters
        }

    async def forget(self, telegram_user_id: int) -> dict[str, int]:
        """Delete everything about the user; rows deleted per table.

        Every deleter runs even when one fails (the error is raised afterwards), so a failure
        in one store never leaves the others untouched; running ``forget`` again is safe.
        """
        deleted: dict[str, int] = {}
        failure: BaseException | None = None
        for table, deleter in self._deleters.items():
            try:
                deleted[table] = await deleter(telegram_user_id)
            except Exception as error:  # keep going: delete what can be deleted
                log.error("forgetting a user failed in %s", table, exc_info=error)
                failure = failure or error
        if failure is not None:
            raise failure
        return deleted
