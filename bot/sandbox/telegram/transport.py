"""HTTP helpers shared by the Bot API and control endpoints."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Coroutine
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from .errors import ApiError

T = TypeVar("T")


def ok(result: Any, **extra: Any) -> JSONResponse:
    return JSONResponse({"ok": True, "result": result, **extra})


def error_response(error: ApiError) -> JSONResponse:
    status = error.error_code if 400 <= error.error_code <= 599 else 500
    return JSONResponse(error.to_json(), status_code=status)


class DroppedConnection(Response):
    """Promise a body, send a few bytes of it, then hang up.

    ASGI has no "close the socket" message, but returning mid-body makes the server close the
    connection; the client then fails exactly as on a real network drop (httpx raises
    ``RemoteProtocolError``, python-telegram-bot a ``NetworkError``). The server logs one line
    about the incomplete response — that is the injected fault, not a bug.
    """

    def __init__(self) -> None:
        super().__init__(status_code=200)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"ok":', "more_body": True})


async def _until_disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def unless_disconnected(
    request: Request, work: Coroutine[Any, Any, T]
) -> tuple[bool, T | None]:
    """Run a long poll, abandoning it if the client hangs up.

    Without this a poll outlives its client (say, a bot that shut down) until its timeout, and
    uvicorn waits for it before it can stop the server.
    """
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_until_disconnected(request))
    done, _ = await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    watcher.cancel()
    if task in done:
        return True, task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return False, None
