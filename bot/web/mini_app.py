"""The Mini App under ``/app/``: its page and files, and the API its script calls.

Thin: every API call first asks the Mini App service who is calling (the ``initData`` Telegram
signed, sent as ``Authorization: tma <initData>``) and answers 401 before anything else
happens when nobody is; then the service checks in, ``deliver`` writes the reply into the
private chat, and the app gets the same words as JSON. Nothing personal travels in a URL (a
code or a card number only ever in a POST body), every response is ``no-store``, and the page
may run only its own scripts and Telegram's (``Content-Security-Policy``).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.i18n import Language, language_for
from bot.services.mini_app import MiniAppService, ScanOutcome, ScanThrottled
from bot.services.web_app_auth import WebAppUser
from bot.views import mini_app as views
from bot.views.reply import Reply

log = logging.getLogger(__name__)

APP_PATH = "/app/"
STATIC = Path(__file__).parent / "mini_app_static"
# The page's own files; anything else under /app/ is 404.
_FILES = {
    "": ("index.html", "text/html; charset=utf-8"),
    "app.js": ("app.js", "text/javascript; charset=utf-8"),
    "app.css": ("app.css", "text/css; charset=utf-8"),
}
TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js"
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self' https://telegram.org",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        # Telegram's web clients show Mini Apps in a frame; nobody else may frame it.
        "frame-ancestors 'self' https://web.telegram.org",
    )
)
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
MAX_BODY_BYTES = 4096
SCREENS = ("scan",)
AUTH_SCHEME = "tma"

Deliver = Callable[[int, ScanOutcome, Language], Awaitable[Reply]]


def _json(body: dict[str, object], status: int = 200) -> JSONResponse:
    headers = dict(HEADERS)
    if status == 401:
        headers["WWW-Authenticate"] = AUTH_SCHEME
    return JSONResponse(body, status, headers=headers)


class MiniAppRoutes:
    def __init__(self, service: MiniAppService, deliver: Deliver) -> None:
        self._service = service
        self._deliver = deliver
        self._files = {
            name: ((STATIC / file).read_bytes(), media) for name, (file, media) in _FILES.items()
        }

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/app", self.to_app, methods=["GET"]),
            Route("/app/api/session", self.session, methods=["POST"]),
            Route("/app/api/scan", self.scan, methods=["POST"]),
            Route("/app/{name:path}", self.file, methods=["GET"]),
        ]

    async def to_app(self, request: Request) -> Response:
        return RedirectResponse(APP_PATH, headers=HEADERS)

    async def file(self, request: Request) -> Response:
        found = self._files.get(request.path_params["name"])
        if found is None:
            return Response("not found", 404, headers=HEADERS)
        body, media_type = found
        return Response(body, media_type=media_type, headers=HEADERS)

    def _caller(self, request: Request) -> WebAppUser | None:
        scheme, _, init_data = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != AUTH_SCHEME:
            return None
        user = self._service.authenticate(init_data.strip())
        if not isinstance(user, WebAppUser):
            log.info("mini app call refused", extra={"problem": user.value})
            return None
        return user

    async def session(self, request: Request) -> Response:
        user = self._caller(request)
        if user is None:
            return _json({"ok": False, "error": "unauthorized"}, 401)
        language = language_for(user.language_code)
        session = await self._service.session(user)
        if isinstance(session, ScanThrottled):
            text = views.app_text(views.scan_reply(session, language), language)
            return _json({"ok": False, "error": "throttled", "text": text}, 429)
        return _json(
            {
                "ok": True,
                "language": language,
                "texts": views.app_texts(language),
                "card": views.linked_text(session.masked_number, language),
                "linked": session.masked_number is not None,
                # The app's screens, in order; it shows tabs when there is more than one. The
                # card (issue 18's barcode, with the family) and the rewards join here once
                # their services exist, each with its route beside /app/api/scan.
                "screens": list(SCREENS),
            }
        )

    async def scan(self, request: Request) -> Response:
        received = time.perf_counter()
        user = self._caller(request)
        if user is None:
            return _json({"ok": False, "error": "unauthorized"}, 401)
        code = await _code_in(request)
        if code is None:
            return _json({"ok": False, "error": "a JSON body with a text 'code' is needed"}, 400)
        language = language_for(user.language_code)
        outcome = await self._service.scan(user, code)
        reply = await self._deliver(user.id, outcome, language)
        status = views.scan_status(outcome)
        log.info(
            "mini app scan answered",
            extra={"status": status, "ms": round((time.perf_counter() - received) * 1000, 1)},
        )
        return _json(
            {"ok": True, "status": status, "text": views.app_text(reply, language, outcome)}
        )


async def _code_in(request: Request) -> str | None:
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            return None
    try:
        parsed = json.loads(body or b"null")
    except ValueError:
        return None
    code = parsed.get("code") if isinstance(parsed, dict) else None
    return code if isinstance(code, str) else None
