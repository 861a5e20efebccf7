"""The event log: every Bot API call the bot made, in order, for tests to wait on."""

from __future__ import annotations

import time
from typing import Any

from .notifier import Notifier


class EventLog:
    def __init__(self) -> None:
        self._entries: list[dict[str, Any]] = []
        self._notifier = Notifier()
        self.last_seq = 0

    def record(self, method: str, params: dict[str, Any], **outcome: Any) -> dict[str, Any]:
        """Append a call with its outcome (``ok`` plus ``result`` or ``error_code``/...)."""
        self.last_seq += 1
        entry = {"seq": self.last_seq, "time": time.time(), "method": method, "params": params}
        entry.update(outcome)
        self._entries.append(entry)
        self._notifier.notify()
        return entry

    def after(self, seq: int) -> list[dict[str, Any]]:
        return [entry for entry in self._entries if entry["seq"] > seq]

    async def wait_after(self, seq: int, wait_seconds: float) -> list[dict[str, Any]]:
        """Entries after ``seq``, waiting up to ``wait_seconds`` for the first one."""
        deadline = time.monotonic() + wait_seconds
        while True:
            entries = self.after(seq)
            if entries or not await self._notifier.wait(deadline - time.monotonic()):
                return entries

    def clear(self) -> None:
        """Forget the entries but keep counting, so a waiter's ``after`` never goes stale."""
        self._entries.clear()
