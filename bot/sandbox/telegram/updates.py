"""The bot's update queue with getUpdates semantics.

Mirrors Telegram: updates are confirmed by a later ``offset``, a negative offset keeps only the
last updates, ``allowed_updates`` is remembered and filters updates created afterwards, and a
new getUpdates request terminates one still waiting with 409 — the symptom of two bot instances
polling the same token, which a bot must survive.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .errors import conflict
from .notifier import Notifier

ALL_UPDATE_TYPES = frozenset(
    {
        "message", "edited_message", "channel_post", "edited_channel_post",
        "business_connection", "business_message", "edited_business_message",
        "deleted_business_messages", "message_reaction", "message_reaction_count",
        "inline_query", "chosen_inline_result", "callback_query", "shipping_query",
        "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer", "my_chat_member",
        "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost",
    }
)  # fmt: skip
# Without an explicit list Telegram sends everything except these opt-in types.
DEFAULT_UPDATE_TYPES = ALL_UPDATE_TYPES - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}
TERMINATED = (
    "terminated by other getUpdates request; make sure that only one bot instance is running"
)
MAX_POLL_SECONDS = 50.0


class UpdateQueue:
    def __init__(self) -> None:
        self._pending: list[dict[str, Any]] = []
        self._next_id = 1
        self._notifier = Notifier()
        self._poll_generation = 0
        self.waiting_polls = 0
        self.allowed: frozenset[str] = DEFAULT_UPDATE_TYPES
        self.explicit_allowed: list[str] | None = None
        # Called after every queued update: the webhook delivery loop wakes up this way.
        self.on_push: list[Callable[[], None]] = []

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    @property
    def pending(self) -> list[dict[str, Any]]:
        """The unconfirmed updates in ``update_id`` order (the list itself: do not modify)."""
        return self._pending

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue an update unless ``allowed_updates`` excludes its type; return it if queued."""
        if kind not in self.allowed:
            return None
        update = {"update_id": self._next_id, kind: payload}
        self._next_id += 1
        self._pending.append(update)
        self._notifier.notify()
        for listener in self.on_push:
            listener()
        return update

    def set_allowed(self, allowed: list[str] | None) -> None:
        """Remember ``allowed_updates``; ``None`` keeps the previous setting, ``[]`` resets it."""
        if allowed is None:
            return
        known = [kind for kind in allowed if kind in ALL_UPDATE_TYPES]
        self.explicit_allowed = known or None
        self.allowed = frozenset(known) if known else DEFAULT_UPDATE_TYPES

    def confirm(self, offset: int) -> None:
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]

    def confirm_one(self, update_id: int) -> bool:
        """Confirm one update, as a webhook's 2xx answer does; whether it was still pending."""
        for index, update in enumerate(self._pending):
            if update["update_id"] == update_id:
                del self._pending[index]
                return True
        return False

    def drop_pending(self) -> None:
        self._pending.clear()

    def reset(self) -> None:
        """Drop updates and settings; ids keep counting so the bot's offset stays valid."""
        self._pending.clear()
        self.allowed = DEFAULT_UPDATE_TYPES
        self.explicit_allowed = None

    async def poll(self, *, offset: int, limit: int, wait_seconds: float) -> list[dict[str, Any]]:
        """The getUpdates result: waits up to ``wait_seconds`` for the first update."""
        self._poll_generation += 1
        generation = self._poll_generation
        self._notifier.notify()  # a poll still waiting is now superseded
        self.confirm(offset)
        deadline = time.monotonic() + min(max(wait_seconds, 0.0), MAX_POLL_SECONDS)
        while True:
            if generation != self._poll_generation:
                raise conflict(TERMINATED)
            if self._pending:
                return self._pending[:limit]
            self.waiting_polls += 1
            try:
                woken = await self._notifier.wait(deadline - time.monotonic())
            finally:
                self.waiting_polls -= 1
            if not woken:
                return []
