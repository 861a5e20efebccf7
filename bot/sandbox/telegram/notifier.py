"""Wake-ups for long polls (getUpdates, the control API's event log).

Waiters create their future in the running loop at wait time rather than holding an
``asyncio.Condition``: the emulator object is built on the test's thread but serves requests on
the server thread's loop, and a primitive bound to the wrong loop would fail there.
"""

from __future__ import annotations

import asyncio


class Notifier:
    """Broadcast "something changed" to every coroutine currently waiting."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait(self, seconds: float) -> bool:
        """Sleep until the next :meth:`notify` or for ``seconds``; return whether notified."""
        if seconds <= 0:
            return False
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        try:
            async with asyncio.timeout(seconds):
                await waiter
        except TimeoutError:
            return False
        finally:
            self._waiters.discard(waiter)
        return True
