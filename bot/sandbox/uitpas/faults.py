"""Fault injection: make the next request(s) to a path fail the way real servers fail.

A test switches a fault on through ``POST /_sandbox/faults`` and the middleware applies it to
the next ``times`` requests whose path contains ``path``, before any OAuth check, as a proxy in
front of UiTPAS would: answer with a given status, body and content type (an HTML 502 page,
broken JSON;
with ``retry_after`` a Retry-After header, as a 429 carries), wait ``delay`` seconds first
(to trigger client timeouts), or ``close`` the
connection halfway through the answer. ``answer_delay`` is the other timeout: the request is
carried out at once and only its answer waits, so a client that gives up finds its request
done (a redemption that timed out but happened). The control API itself is never affected.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import asdict, dataclass
from typing import Any

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTROL_PREFIX = "/_sandbox/"


@dataclass(frozen=True, slots=True)
class Fault:
    path: str  # a substring of the request path, e.g. "enduser/checkin"
    status: int | None = None  # answer with this status instead of the real answer
    body: str = ""
    content_type: str = "text/plain; charset=utf-8"
    delay: float = 0.0  # seconds to wait before anything else
    close: bool = False  # start an answer, then drop the connection
    times: int | None = 1  # None: until the faults are cleared
    retry_after: int | None = None  # sent as the Retry-After header (for 429 rate-limited)
    answer_delay: float = 0.0  # seconds between doing the request and sending its answer

    @classmethod
    def from_json(cls, fields: dict[str, Any]) -> Fault:
        """A fault from the control API's JSON; unknown or mistyped fields raise ValueError."""
        try:
            fault = cls(**fields)
        except TypeError as exc:
            raise ValueError(str(exc)) from None
        if not isinstance(fault.path, str) or not fault.path:
            raise ValueError("path must be a non-empty string")
        if fault.times is not None and (not isinstance(fault.times, int) or fault.times < 1):
            raise ValueError("times must be a positive integer or null")
        for delay in (fault.delay, fault.answer_delay):
            if not isinstance(delay, int | float) or delay < 0:
                raise ValueError("delay and answer_delay must be non-negative numbers")
        return fault


class Faults:
    """The faults switched on, each with the number of requests it still applies to."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active: list[list[Any]] = []  # [fault, remaining or None]

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._active.append([fault, fault.times])

    def clear(self) -> None:
        with self._lock:
            self._active.clear()

    def describe(self) -> list[dict[str, Any]]:
        with self._lock:
            return [asdict(fault) | {"remaining": left} for fault, left in self._active]

    def take(self, path: str) -> Fault | None:
        """The first fault for ``path``, counting this request against its ``times``."""
        with self._lock:
            for entry in self._active:
                fault, left = entry
                if fault.path in path:
                    if left is not None:
                        entry[1] = left - 1
                        if entry[1] == 0:
                            self._active.remove(entry)
                    return fault
        return None


class FaultMiddleware:
    """ASGI middleware applying :class:`Faults` to every request outside the control API."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(CONTROL_PREFIX):
            await self.app(scope, receive, send)
            return
        fault = self.faults.take(scope["path"])
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.delay:
            # Read the whole request first, as a real server does before it starts working:
            # a client that gives up during the delay must not undo a request it already sent
            # (that is exactly the "sent, outcome unknown" case the bot has to reconcile).
            receive = await _buffered(receive)
            await asyncio.sleep(fault.delay)
        if fault.close:
            # An answer that promises more than it sends: the server closes the connection
            # when the app returns, and the client sees it dropped mid-answer.
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
                }
            )
            await send({"type": "http.response.body", "body": b'{"code": "ACTI', "more_body": True})
            return
        if fault.status is not None:
            response = Response(fault.body, fault.status, media_type=None)
            response.headers["content-type"] = fault.content_type
            if fault.retry_after is not None:
                response.headers["retry-after"] = str(fault.retry_after)
            await response(scope, receive, send)
            return
        if fault.answer_delay:
            await self.app(scope, receive, _held(send, fault.answer_delay))
            return
        await self.app(scope, receive, send)


def _held(send: Send, seconds: float) -> Send:
    """``send`` for an answer that leaves ``seconds`` after the app produced it: the work is
    done before the client could give up."""
    waited = False

    async def later(message: Message) -> None:
        nonlocal waited
        if not waited:
            waited = True
            await asyncio.sleep(seconds)
        await send(message)

    return later


async def _buffered(receive: Receive) -> Receive:
    """The request body read now, replayed to the app later whatever the client did since."""
    messages = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body"):
            break

    async def replay() -> Message:
        if messages:
            return messages.pop(0)
        return await receive()

    return replay
