"""Values a photo's first statement read ahead for a later step of the same update.

Why: on PostgreSQL the statement that counts a photo in the flood throttle (in webhook mode
the update's claim, elsewhere the handler's flood statement) also reads what the check-in
needs next (the refresh token under v4, the bot's family cards under legacy), one round trip
instead of two (issue 21). What it read is handed on here, in a context variable, so it
belongs to that update alone (its task and the tasks it starts) and never stands in for
another update's read; it is taken once, and only while it is recent.
"""

from __future__ import annotations

import contextvars
import time
from typing import Generic, TypeVar

T = TypeVar("T")


class ReadAhead(Generic[T]):
    """Per user, a value and the ``time.monotonic()`` at which the statement reading it
    started. Made once, at module level (a context variable lives as long as the process)."""

    def __init__(self, name: str) -> None:
        self._held: contextvars.ContextVar[dict[int, tuple[T, float]] | None] = (
            contextvars.ContextVar(name, default=None)
        )

    def keep(self, telegram_user_id: int, value: T, started: float) -> None:
        held = self._held.get()
        if held is None:
            held = {}
            self._held.set(held)
        held[telegram_user_id] = (value, started)

    def take(self, telegram_user_id: int, *, within: float) -> tuple[T, float] | None:
        """The value and when its read started, if kept in this update less than ``within``
        seconds ago; gone either way, so a second read reads anew."""
        held = self._held.get()
        got = held.pop(telegram_user_id, None) if held is not None else None
        if got is None or time.monotonic() - got[1] > within:
            return None
        return got
