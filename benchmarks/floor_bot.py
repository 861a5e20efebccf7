"""The floor peer of the load benchmark: the least a bot on our stack can do per check-in.

    python -m benchmarks.floor_bot   # configured by the environment, like ``uitpas-bot webhook``

Same libraries as the product (python-telegram-bot behind uvicorn/Starlette in webhook mode,
httpx, the bot's own decode pool and code picking, the product's UiTPAS clients and UiTiD
client), same peers (the emulator, the sandbox), but nothing else: per photo it downloads,
decodes, checks in once at UiTPAS and replies. No database, no claims, no flood counter, no
history, no chat action, no spotlight, no rate limiter. So ``benchmarks/load.py`` can say
what the product's storage, claims and extras cost on this machine, as a ratio to this floor.

It knows the passholders from the driver, not from a database: ``POST /_floor/links`` with
``{"<telegram user id>": ["<uitpas number>", "<refresh token or null>", "<access token or
null>"]}`` (v4: the passholder's UiTiD login; its access token is used while UiTiD takes it,
else the login is renewed before the check-in, as the product does).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.http_transport import ShardedTransport
from bot.qr import AmbiguousPhoto, ImageUnreadable
from bot.qr.pool import DecodePool
from bot.services.checkin_codes import CodeRejection, pick_checkin_code
from bot.telegram.request import ShardedHTTPXRequest
from bot.uitpas.client import UitpasClient
from bot.uitpas.v4.oauth import UitidAuth

ACCEPT = "application/json"


class FloorBot:
    def __init__(self, environ: dict[str, str]) -> None:
        self.api = environ.get("UITPAS_API", "v4")
        self.api_url = environ["UITPAS_API_URL"].rstrip("/")
        self.links: dict[int, tuple[str, str | None, str | None]] = {}
        self.pool = DecodePool(None)
        self.legacy: UitpasClient | None = None
        self.auth: UitidAuth | None = None
        self.http: httpx.AsyncClient | None = None
        if self.api == "v4":
            self.auth = UitidAuth(
                environ["UITPAS_AUTH_URL"],
                environ["UITPAS_CLIENT_ID"],
                environ["UITPAS_CLIENT_SECRET"],
            )
            self.http = httpx.AsyncClient(
                base_url=self.api_url,
                headers={"Accept": ACCEPT, "x-client-id": environ["UITPAS_CLIENT_ID"]},
                timeout=10,
                transport=ShardedTransport(),
            )
        else:
            self.legacy = UitpasClient(
                self.api_url, environ["UITPAS_CONSUMER_KEY"], environ["UITPAS_CONSUMER_SECRET"]
            )

    async def check_in(self, user_id: int, code: str) -> tuple[int | None, int | None] | None:
        """(points added, total) when UiTPAS saved the point, else None."""
        number, refresh, access = self.links[user_id]
        if self.legacy is not None:
            answer = await self.legacy.checkin(number, code)
            return (answer.saved_points, answer.points) if answer.succeeded else None
        response = None
        if access is not None:
            response = await self._check_in_as(access, code)
        if response is None or response.status_code == 401:
            assert self.auth is not None
            assert refresh is not None
            tokens = await self.auth.refresh(refresh)
            refresh = tokens.refresh_token or refresh  # rotated
            self.links[user_id] = (number, refresh, tokens.access_token)
            response = await self._check_in_as(tokens.access_token, code)
        if response.status_code not in (200, 201):
            return None
        body = response.json()
        return body.get("addedPoints"), body.get("totalPoints")

    async def _check_in_as(self, access_token: str, code: str) -> httpx.Response:
        assert self.http is not None
        return await self.http.post(
            "/passholders/me/checkins",
            json={"checkinCode": code},
            headers={"Authorization": f"Bearer {access_token}"},
        )

    async def photo(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not message.photo:
            return
        telegram_file = await context.bot.get_file(message.photo[-1].file_id)
        image = bytes(await telegram_file.download_as_bytearray())
        try:
            texts = await self.pool.decode(image)
        except (AmbiguousPhoto, ImageUnreadable):
            texts = []
        code = pick_checkin_code(texts) if texts else None
        if code is None or isinstance(code, CodeRejection) or user.id not in self.links:
            await message.reply_text("Geen check-in-code gevonden.")
            return
        saved = await self.check_in(user.id, code)
        if saved is None:
            await message.reply_text("UiTPAS weigerde de check-in.")
            return
        added, total = saved
        await message.reply_text(f"✅ Je spaarde {added} punt(en). Je hebt nu {total} punten.")


def web_app(floor: FloorBot, application: Application) -> Starlette:
    async def receive(request: Request) -> Response:
        update = Update.de_json(json.loads(await request.body()), application.bot)
        await application.process_update(update)  # handled before the 200, as the product
        return PlainTextResponse("ok")

    async def links(request: Request) -> Response:
        given: dict[str, Any] = await request.json()
        for user_id, (number, refresh, access) in given.items():
            floor.links[int(user_id)] = (number, refresh, access)
        return JSONResponse({"links": len(floor.links)})

    async def healthz(_request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/telegram", receive, methods=["POST"]),
            Route("/_floor/links", links, methods=["POST"]),
            Route("/healthz", healthz),
        ]
    )


async def serve(environ: dict[str, str]) -> None:
    api = environ["TELEGRAM_API_URL"].rstrip("/")
    floor = FloorBot(environ)
    application = (
        Application.builder()
        .token(environ["TELEGRAM_BOT_TOKEN"])
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .request(ShardedHTTPXRequest(connection_pool_size=256))
        .concurrent_updates(256)
        .updater(None)
        .build()
    )
    application.add_handler(MessageHandler(filters.PHOTO, floor.photo))
    async with application:
        public_url = environ["PUBLIC_URL"].rstrip("/")
        await application.bot.set_webhook(f"{public_url}/telegram", max_connections=100)
        config = uvicorn.Config(
            web_app(floor, application),
            host=environ.get("WEB_HOST", "127.0.0.1"),
            port=int(environ["PORT"]),
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
        await uvicorn.Server(config).serve()


def main() -> int:
    try:
        import uvloop

        uvloop.run(serve(dict(os.environ)))
    except ImportError:  # pragma: no cover - uvloop is one of the bot's dependencies
        asyncio.run(serve(dict(os.environ)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
