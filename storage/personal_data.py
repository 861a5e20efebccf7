"""One place that knows every store of personal data, so ``/forget`` cannot miss one.

Each repository holding rows about a Telegram user registers a deleter here under the name of
its table. ``/forget`` runs them all; a test lists every table with a ``telegram_user_id``
column and fails when one has no deleter, so a feature that adds a table (announcements,
RSVPs, login tokens) is caught the day it lands, not the day someone asks to be forgotten.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

Deleter = Callable[[int], Awaitable[int]]


@dataclass
class PersonalData:
    """Named deleters, run in registration order (children before parents when it matters)."""

    _deleters: dict[str, Deleter] = field(default_factory=dict)

    def register(self, table: str, deleter: Deleter) -> None:
        if table in self._deleters:
            raise ValueError(f"{table!r} already has a deleter")
        self._deleters[table] = deleter

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self._deleters)

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
