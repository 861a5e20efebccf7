"""Updates of different users in parallel, updates of one user in order; each one timed.

PTB either handles every update in turn (one slow UiTPAS call then stalls everyone) or all at
once (then a user's card number and the photo right after it can race). Serialising per user
keeps both promises: a crowd at the door is served side by side, and each person's messages
are handled in the order they were sent.

Every update passes through here, so this is also where each one is timed, counted in the
metrics and logged as one line ("update 123 photo handled in 84 ms") with its id, kind,
duration and outcome, and never its text, user or chat. PTB hands a handler's exception to
the error handler instead of raising it here, so the error handler calls
:func:`mark_update_failed` to make the outcome "error".
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Collection
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.observability.metrics import Metrics
from bot.telegram.update_kind import update_kind

log = logging.getLogger("bot.updates")


@dataclass(slots=True)
class _Handling:
    failed: bool = False


# The update the current task is handling: PTB runs an update's handlers, and its (blocking)
# error handlers, in the task that awaits the coroutine handed to do_process_update.
_current: ContextVar[_Handling | None] = ContextVar("update_handling", default=None)


def mark_update_failed() -> None:
    """The update being handled ended in an exception (called by the error handler)."""
    handling = _current.get()
    if handling is not None:
        handling.failed = True


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """``commands``: the bot's own commands, the only ones named in metrics and logs."""

    def __init__(
        self,
        max_concurrent_updates: int = 256,
        *,
        metrics: Metrics | None = None,
        commands: Collection[str] = (),
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self._metrics = metrics
        self._commands = frozenset(commands)

    @staticmethod
    def _key(update: object) -> int | None:
        if isinstance(update, Update):
            if update.effective_user is not None:
                return update.effective_user.id
            if update.effective_chat is not None:
                return update.effective_chat.id
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Time starts here, after PTB's concurrency semaphore (only full at 256 in flight)."""
        started = time.perf_counter()
        handling = _Handling()
        token = _current.set(handling)
        lock_wait = 0.0
        try:
            key = self._key(update)
            if key is None:
                await coroutine
                return
            lock = self._locks.setdefault(key, asyncio.Lock())
            self._waiting[key] = self._waiting.get(key, 0) + 1
            try:
                async with lock:
                    lock_wait = time.perf_counter() - started
                    await coroutine
            finally:
                self._waiting[key] -= 1
                if not self._waiting[key]:  # nobody else queued: drop the lock, keep memory flat
                    del self._waiting[key]
                    del self._locks[key]
        except BaseException:
            handling.failed = True
            raise
        finally:
            _current.reset(token)
            self._report(update, time.perf_counter() - started, lock_wait, handling.failed)

    def _report(self, update: object, seconds: float, lock_wait: float, failed: bool) -> None:
        kind = update_kind(update, self._commands)
        outcome = "error" if failed else "ok"
        if self._metrics is not None:
            self._metrics.update_handled(kind, outcome, seconds, lock_wait)
        update_id = update.update_id if isinstance(update, Update) else None
        duration_ms = round(seconds * 1000, 1)
        log.info(
            "update %s %s %s %.0f ms",
            update_id,
            kind,
            "failed after" if failed else "handled in",
            duration_ms,
            extra={
                "update_id": update_id,
                "kind": kind,
                "duration_ms": duration_ms,
                "lock_wait_ms": round(lock_wait * 1000, 1),
                "outcome": outcome,
            },
        )

    async def initialize(self) -> None:
        """Nothing to set up: locks are made on demand."""

    async def shutdown(self) -> None:
        """Nothing to release."""
