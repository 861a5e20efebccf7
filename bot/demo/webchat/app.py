"""The web chat's HTTP face: the page, its small JSON API, files and posters.

The JSON API names personas by key, never by Telegram user: the page cannot act as anyone but
the demo's personas, and cannot reach the emulator's other controls (faults, resets, blocks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot.sandbox.telegram.client import EmulatorError
from bot.sandbox.telegram.multipart import MultipartError, Upload, parse_multipart
from bot.sandbox.telegram.state import ADMIN_STATUSES

from .gallery import PosterGallery
from .gateway import CALLBACK_PATH, LOGIN_PAGE_PATH, EmulatorGateway, Relayed
from .mini_app import mini_app_routes
from .personas import GROUP, PERSONAS, SPARE_CARD, Persona, persona, spaced
from .places import BY_KEY as PLACES_BY_KEY
from .places import PLACES

STATIC = Path(__file__).parent / "static"
MAX_PHOTO_BYTES = 20 * 1024 * 1024


class BadRequest(Exception):
    """A request the page should never make; answered with 400 and the reason."""


@dataclass(frozen=True)
class BotInfo:
    username: str
    name: str
    api: str = "legacy"  # the UiTPAS API the bot speaks: "v4" links with a UiTiD login
    # v4: where the bot's "Log in with UiTiD" buttons point (its UITPAS_AUTH_URL); the page
    # opens those in its login panel, through this server's relay of the login page.
    auth_url: str | None = None
    # The bot's TIME_ZONE: the page shows every time on this clock, as the bot's replies do,
    # whatever the visitor's browser is set to.
    time_zone: str = "Europe/Brussels"


def _error(status: int, description: str) -> JSONResponse:
    return JSONResponse({"ok": False, "description": description}, status_code=status)


def _persona(value: Any) -> Persona:
    found = persona(str(value or ""))
    if found is None:
        raise BadRequest("unknown persona")
    return found


def _chat_id(who: Persona, value: Any) -> int:
    """The persona's private chat with the bot, or the demo group: no other chat is reachable."""
    try:
        chat_id = int(value)
    except (TypeError, ValueError):
        raise BadRequest("chat must be a number") from None
    if chat_id not in (who.user.id, GROUP.id):
        raise BadRequest("this persona has no such chat")
    return chat_id


def _message_id(value: Any) -> int | None:
    """The message a persona answers (``reply_to_message_id``): a number, or none."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise BadRequest("reply_to_message_id must be a number") from None


def create_app(gateway: EmulatorGateway, gallery: PosterGallery, bot: BotInfo) -> Starlette:
    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html")

    async def config(request: Request) -> Response:
        return JSONResponse(
            {
                "bot": {"username": bot.username, "name": bot.name, "api": bot.api},
                "time_zone": bot.time_zone,
                "login": {"auth_url": bot.auth_url, "relay": LOGIN_PAGE_PATH}
                if bot.auth_url
                else None,
                "personas": [p.to_json() for p in PERSONAS],
                "group": {"id": GROUP.id, "title": GROUP.title},
                "spare_card": spaced(SPARE_CARD),
            }
        )

    async def messages(request: Request) -> Response:
        who = _persona(request.query_params.get("persona"))
        chat_id = _chat_id(who, request.query_params.get("chat"))
        return JSONResponse({"ok": True, "messages": await gateway.messages(chat_id)})

    async def wait(request: Request) -> Response:
        try:
            after = int(request.query_params.get("after") or 0)
        except ValueError:
            raise BadRequest("after must be a number") from None
        return JSONResponse({"ok": True, **await gateway.wait(after)})

    async def send(request: Request) -> Response:
        body = await _json(request)
        who = _persona(body.get("persona"))
        text = str(body.get("text") or "")
        chat_id = _chat_id(who, body.get("chat"))
        reply_to = _message_id(body.get("reply_to_message_id"))
        message = await gateway.send_text(who.user, chat_id, text, reply_to)
        return JSONResponse({"ok": True, "message": message})

    async def photo(request: Request) -> Response:
        sent = await _upload(request, "photo")
        caption = str(sent.form.get("caption") or "") or None
        message = await gateway.send_photo(
            sent.who.user, sent.chat_id, sent.upload.data, caption, sent.reply_to
        )
        return JSONResponse({"ok": True, "message": message})

    async def document(request: Request) -> Response:
        """A file sent as it is (Telegram's 📎 → File): the bot gets a ``document`` message."""
        sent = await _upload(request, "document")
        message = await gateway.send_document(
            sent.who.user, sent.chat_id, sent.upload, sent.reply_to
        )
        return JSONResponse({"ok": True, "message": message})

    async def places(request: Request) -> Response:
        return JSONResponse({"ok": True, "places": [p.to_json() for p in PLACES]})

    async def location(request: Request) -> Response:
        body = await _json(request)
        who = _persona(body.get("persona"))
        place = PLACES_BY_KEY.get(str(body.get("place")))
        if place is None:
            raise BadRequest("place must be one of the preset places")
        message = await gateway.send_location(
            who.user, _chat_id(who, body.get("chat")), place.latitude, place.longitude
        )
        return JSONResponse({"ok": True, "message": message})

    async def press(request: Request) -> Response:
        body = await _json(request)
        who = _persona(body.get("persona"))
        chat_id = _chat_id(who, body.get("chat"))
        try:
            message_id = int(body.get("message_id"))
        except (TypeError, ValueError):
            raise BadRequest("message_id must be a number") from None
        data = str(body.get("data") or "")
        query_id = await gateway.press(who.user, chat_id, message_id, data)
        return JSONResponse({"ok": True, "query_id": query_id})

    async def commands(request: Request) -> Response:
        who = _persona(request.query_params.get("persona"))
        chat_id = _chat_id(who, request.query_params.get("chat"))
        is_admin = chat_id == GROUP.id and who.group_status in ADMIN_STATUSES
        found = await gateway.commands(who.user, chat_id, is_admin)
        return JSONResponse({"ok": True, "commands": found})

    async def file(request: Request) -> Response:
        found = await gateway.file(request.path_params["file_id"])
        if found is None:
            return _error(404, "file not found")
        data, media_type = found
        return Response(data, media_type=media_type, headers={"Cache-Control": "max-age=3600"})

    async def posters(request: Request) -> Response:
        return JSONResponse({"ok": True, "posters": gallery.listing()})

    async def poster_index(request: Request) -> Response:
        return HTMLResponse(gallery.index_page())

    async def poster_png(request: Request) -> Response:
        png = gallery.png(request.path_params["event_id"])
        if png is None:
            return _error(404, "no such poster")
        return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=3600"})

    async def login_page(request: Request) -> Response:
        if bot.auth_url is None:
            return _error(404, "the demo logs in with UiTiD under v4 only")
        body = await request.body() if request.method == "POST" else b""
        relayed = await gateway.login_page(
            request.method, request.url.query, body, request.headers.get("content-type")
        )
        return _relayed(relayed)

    async def login_callback(request: Request) -> Response:
        relayed = await gateway.callback(request.url.query)
        if relayed is None:
            return _error(503, "the bot is not up yet")
        return _relayed(relayed)

    routes = [
        Route("/", index),
        Route(LOGIN_PAGE_PATH, _guarded(login_page), methods=["GET", "POST"]),
        Route(CALLBACK_PATH, _guarded(login_callback)),
        Route("/api/config", _guarded(config)),
        Route("/api/messages", _guarded(messages)),
        Route("/api/wait", _guarded(wait)),
        Route("/api/send", _guarded(send), methods=["POST"]),
        Route("/api/photo", _guarded(photo), methods=["POST"]),
        Route("/api/document", _guarded(document), methods=["POST"]),
        Route("/api/press", _guarded(press), methods=["POST"]),
        Route("/api/places", _guarded(places)),
        Route("/api/location", _guarded(location), methods=["POST"]),
        Route("/api/commands", _guarded(commands)),
        Route("/api/posters", _guarded(posters)),
        Route("/files/{file_id:str}", _guarded(file)),
        Route("/posters/", poster_index),
        Route("/posters/{event_id:str}.png", poster_png),
        *mini_app_routes(gateway, gallery),  # the Mini App in a panel (issue 18)
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(routes=routes)


@dataclass(frozen=True)
class _Sent:
    """An upload form from the page: who sends what, where, in answer to which message."""

    who: Persona
    chat_id: int
    upload: Upload
    reply_to: int | None
    form: dict[str, str | Upload]


async def _upload(request: Request, field: str) -> _Sent:
    form = await _form(request)
    who = _persona(form.get("persona"))
    chat_id = _chat_id(who, form.get("chat"))
    upload = form.get(field)
    if not isinstance(upload, Upload):
        raise BadRequest(f'file field "{field}" is required')
    return _Sent(who, chat_id, upload, _message_id(form.get("reply_to_message_id")), form)


def _relayed(relayed: Relayed) -> Response:
    return Response(
        relayed.body,
        relayed.status,
        headers={**relayed.headers, "cache-control": "no-store"},
    )


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        raise BadRequest("JSON body expected") from None
    if not isinstance(body, dict):
        raise BadRequest("JSON object expected")
    return body


async def _form(request: Request) -> dict[str, str | Upload]:
    """The upload form, parsed by the emulator's own multipart reader (one parser, not two)."""
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_PHOTO_BYTES:
            raise BadRequest("the photo is too big (20 MB at most)")
    try:
        return parse_multipart(bytes(body), request.headers.get("content-type", ""))
    except MultipartError as error:
        raise BadRequest(f"multipart/form-data expected: {error}") from None


def _guarded(handler: Any) -> Any:
    """The emulator's refusals reach the page as they are (Telegram's wording), for its toast."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except BadRequest as error:
            return _error(400, str(error))
        except EmulatorError as error:
            return _error(error.status if error.status >= 400 else 502, error.description)

    return endpoint
