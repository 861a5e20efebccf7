"""Cancelling work at every point it can be reached, for the tests that a cancelled statement
strands no connection (a background loop stopped at shutdown, a side request given up)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import suppress


async def cancel_after_turns(work: Callable[[], Awaitable[object]], turns: int) -> None:
    """Start ``work`` and cancel it after ``turns`` turns of the event loop (0: before it ran
    at all), wherever it is by then; its cancellation is swallowed, any other error is not."""
    task = asyncio.ensure_future(work())
    for _ in range(turns):
        await asyncio.sleep(0)
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task
