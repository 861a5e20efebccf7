"""The emulator's HTTP face: Bot API, file downloads and the control API in one ASGI app.

Routes follow api.telegram.org — ``/bot<token>/<method>`` and ``/file/bot<token>/<path>`` — so
python-telegram-bot only needs ``base_url``/``base_file_url`` pointed here. Every Bot API call
goes through :meth:`BotEndpoint.handle`, which applies injected faults and writes the event log
whatever the outcome.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from .botapi import BotApi, Reply, resolve
from .control import control_routes
from .errors import ApiError, not_found, unauthorized
from .params import Params, read_params
from .transport import DroppedConnection, error_response, ok, unless_disconnected
from .web_apps import web_app_routes

if TYPE_CHECKING:
    from .emulator import TelegramEmulator

DROPPED = "connection dropped (injected fault)"
LONG_POLLS = frozenset({"getUpdates"})


def _outcome(error: ApiError) -> dict[str, Any]:
    outcome: dict[str, Any] = {
        "ok": False,
        "error_code": error.error_code,
        "description": error.description,
    }
    if error.retry_after is not None:
        outcome["retry_after"] = error.retry_after
    return outcome


class BotEndpoint:
    def __init__(self, emulator: TelegramEmulator) -> None:
        self.emulator = emulator
        self.world = emulator.world
        self.api = BotApi(emulator.world)

    def fail(self, method: str, params: dict[str, Any], error: ApiError) -> Response:
        self.world.events.record(method, params, **_outcome(error))
        return error_response(error)

    async def handle(self, request: Request) -> Response:
        name = request.path_params["method"]
        found = resolve(name)
        method = found[0] if found else name
        if request.path_params["token"] != self.emulator.token:
            return self.fail(method, {}, unauthorized())
        try:
            params = read_params(
                request.query_params, request.headers.get("content-type", ""), await request.body()
            )
        except ApiError as error:
            return self.fail(method, {}, error)
        if found is None:
            return self.fail(method, params.for_log(), not_found())

        fault = self.world.faults.take(method)
        if fault is not None and fault.kind == "late":
            return await self.late(request, method, params, fault.delay)
        if fault is not None:
            await asyncio.sleep(fault.delay)
            if fault.kind == "error":
                return self.fail(method, params.for_log(), fault.error())
            if not fault.processed:
                self.world.events.record(
                    method, params.for_log(), ok=False, error_code=None, description=DROPPED
                )
                return DroppedConnection()
        try:
            answered, reply = await self.run(request, method, params)
        except ApiError as error:
            return self.fail(method, params.for_log(), error)
        if not answered or reply is None:
            return Response(status_code=499)  # the client is gone; nobody reads this
        if fault is not None:  # a drop after processing: done, but the bot never hears of it
            self.world.events.record(
                method, params.for_log(), ok=True, result=reply.result, dropped=True
            )
            return DroppedConnection()
        self.world.events.record(method, params.for_log(), ok=True, result=reply.result)
        extra = {"description": reply.description} if reply.description else {}
        return ok(reply.result, **extra)

    async def late(self, request: Request, method: str, params: Params, delay: float) -> Response:
        """Done and recorded now, answered ``delay`` seconds later (see :class:`Fault`)."""
        try:
            answered, reply = await self.run(request, method, params)
        except ApiError as error:
            return self.fail(method, params.for_log(), error)
        if not answered or reply is None:
            return Response(status_code=499)
        self.world.events.record(method, params.for_log(), ok=True, result=reply.result)
        await asyncio.sleep(delay)
        extra = {"description": reply.description} if reply.description else {}
        return ok(reply.result, **extra)

    async def run(self, request: Request, method: str, params: Params) -> tuple[bool, Reply | None]:
        if method in LONG_POLLS:
            return await unless_disconnected(request, self.api.call(method, params))
        return True, await self.api.call(method, params)


FILE_DOWNLOAD = "fileDownload"  # the fault "method" name for downloads from /file/bot...


class FileEndpoint:
    """``/file/bot<token>/<file_path>``: the bytes behind a path handed out by getFile.

    Faults for ``fileDownload`` apply here: an error status, a connection dropped mid-file, or
    (``late``) the whole file after the delay, a slow download.
    """

    def __init__(self, emulator: TelegramEmulator) -> None:
        self.emulator = emulator

    async def handle(self, request: Request) -> Response:
        path = request.path_params["path"]
        stored = self.emulator.world.files.by_path(path)
        if request.path_params["token"] != self.emulator.token or stored is None:
            return error_response(not_found())
        fault = self.emulator.world.faults.take(FILE_DOWNLOAD)
        if fault is not None:
            await asyncio.sleep(fault.delay)
            if fault.kind == "error":
                return error_response(fault.error())
            if fault.kind != "late":
                return DroppedConnection()
        media_type = "image/jpeg" if stored.kind == "photo" else stored.mime_type
        return Response(stored.data or b"", media_type=media_type)


def create_app(emulator: TelegramEmulator) -> Starlette:
    return Starlette(
        routes=[
            Route("/bot{token}/{method}", BotEndpoint(emulator).handle, methods=["GET", "POST"]),
            Route("/file/bot{token}/{path:path}", FileEndpoint(emulator).handle, methods=["GET"]),
            Mount(
                "/_emu",
                routes=[
                    *control_routes(emulator.world),
                    *web_app_routes(emulator.world, emulator.token),
                ],
            ),
        ]
    )
