"""The Mini App in the web chat: the chat plays the Telegram client that opens it.

The bot's menu button and its "📷 Scan" buttons point at ``$PUBLIC_URL/app/``, which in the
demo is this server (as for the v4 login), so this module relays ``/app/...`` to the bot's
own web server, untouched but for one line: the page's ``<script
src="https://telegram.org/js/telegram-web-app.js">`` is answered by the emulator's stand-in for
Telegram's script (the demo reaches nothing outside this computer), served here from the same
origin, which the page's Content-Security-Policy allows. Opening the app asks the emulator for
the launch URL (initData signed with the bot's token), as a Telegram client asks Telegram; the
page then shows it in a panel, and when the app opens the QR scanner the page shows the
sandbox's posters: the one picked is what the "camera" reads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.sandbox.telegram.client import EmulatorError

from .gallery import PosterGallery
from .gateway import EmulatorGateway
from .personas import Persona, persona

STAND_IN = Path(__file__).parents[2] / "sandbox/telegram/static/telegram-web-app.js"
STAND_IN_PATH = "/stand-in/telegram-web-app.js"
TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js"
# The bot's answer headers that the page depends on (no-store, the policy) travel along.
_KEPT_HEADERS = (
    "content-type",
    "cache-control",
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "www-authenticate",
    "location",
)
MAX_BODY_BYTES = 8192


def _problem(status: int, description: str) -> JSONResponse:
    return JSONResponse({"ok": False, "description": description}, status_code=status)


def _private_chat_of(query: Any) -> Persona | None:
    """A persona, in its own private chat only: Mini Apps open in private chats."""
    who = persona(str(query.get("persona") or ""))
    if who is None or str(query.get("chat") or who.user.id) != str(who.user.id):
        return None
    return who


def mini_app_routes(gateway: EmulatorGateway, gallery: PosterGallery) -> list[Route]:
    async def relay(request: Request) -> Response:
        if gateway.bot_web_url is None:
            return _problem(503, "the bot is not up yet")
        path = request.url.path
        # A fresh connection per call: the bot's web server drops an idle kept-alive one after
        # a few seconds (uvicorn's keep-alive timeout), and a scan picked a while after the app
        # opened raced that close and was answered 502 instead of checked in.
        headers = {"connection": "close"}
        for name in ("authorization", "content-type"):
            if name in request.headers:
                headers[name] = request.headers[name]
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return _problem(413, "too big")
        try:
            answer = await gateway.http.request(
                request.method, f"{gateway.bot_web_url}{path}", content=body, headers=headers
            )
        except httpx.HTTPError:
            return _problem(502, "the bot's web server did not answer")
        content = answer.content
        if path == "/app/" and answer.status_code == 200:
            content = content.replace(TELEGRAM_SCRIPT.encode(), STAND_IN_PATH.encode())
        kept = {k: v for k, v in answer.headers.items() if k.lower() in _KEPT_HEADERS}
        return Response(content, answer.status_code, headers=kept)

    async def stand_in(request: Request) -> Response:
        return Response(
            STAND_IN.read_bytes(),
            media_type="text/javascript",
            headers={"Cache-Control": "no-store"},
        )

    async def menu(request: Request) -> Response:
        who = _private_chat_of(request.query_params)
        if who is None:
            return JSONResponse({"ok": True, "button": {"type": "commands"}})
        button = await gateway.emulator.menu_button(who.user.id)
        return JSONResponse({"ok": True, "button": button})

    async def open_app(request: Request) -> Response:
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            return _problem(400, "JSON body expected")
        who = _private_chat_of(body if isinstance(body, dict) else {})
        if who is None:
            return _problem(400, "Mini Apps open in a persona's private chat")
        message_id = body.get("message_id")
        try:
            launch = await gateway.emulator.open_web_app(
                who.user,
                message_id=int(message_id) if message_id is not None else None,
                text=body.get("text"),
                color_scheme="dark" if body.get("dark") else "light",
            )
        except (EmulatorError, ValueError) as error:
            return _problem(400, str(getattr(error, "description", error)))
        url = str(launch["url"])
        if gateway.public_url and url.startswith(gateway.public_url + "/"):
            url = url.removeprefix(gateway.public_url)  # so a phone on the Wi-Fi stays here
        return JSONResponse({"ok": True, "url": url})

    async def camera(request: Request) -> Response:
        """What the demo's camera can see: the posters, each with the code printed on it."""
        posters = []
        for poster in gallery.listing():
            event = gallery.event(poster["id"])
            if event is not None:
                posters.append({**poster, "code": event.checkin_code})
        return JSONResponse({"ok": True, "posters": posters})

    return [
        Route("/app", relay, methods=["GET"]),
        Route("/app/{path:path}", relay, methods=["GET", "POST"]),
        Route(STAND_IN_PATH, stand_in, methods=["GET"]),
        Route("/api/web_app/menu", menu, methods=["GET"]),
        Route("/api/web_app/open", open_app, methods=["POST"]),
        Route("/api/web_app/camera", camera, methods=["GET"]),
    ]
