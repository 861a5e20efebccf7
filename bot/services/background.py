"""Stopping a background task: the one way the loops (reminders, notifications, the lease
heartbeat) and a side request given up halfway end theirs."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any


async def cancel_and_wait(task: asyncio.Task[Any]) -> None:
    """Cancel ``task`` and wait until it has ended, so that nothing of it still runs (or
    writes) after the caller goes on; its cancellation is the expected end, not an error."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
