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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.i18n import Language, language_for
from bot.services.family_checkin import ChooserShown, FamilyCheckedIn
from bot.services.mini_app import MiniAppScreens, MiniAppService, ScanOutcome, ScanThrottled
from bot.services.trading_outcomes import Redeemed, RedeemOffer
from bot.services.web_app_auth import WebAppUser
from bot.views import family as family_views
from bot.views import mini_app as views
from bot.views import rewards as reward_views
from bot.views.callback_data import CallbackCodec, RedeemConfirm
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
        "img-src 'self' data:",  # the card's barcode comes as a data: PNG from its API
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
# The whole reward list in one answer: the app scrolls, it does not page.
REWARDS_PER_ANSWER = 200

Deliver = Callable[[int, ScanOutcome, Language], Awaitable[Reply]]
# Writes a reply into the user's private chat (the chat keeps the record of the app's doings).
Tell = Callable[[int, Reply], Awaitable[None]]


def _json(body: dict[str, object], status: int = 200) -> JSONResponse:
    headers = dict(HEADERS)
    if status == 401:
        headers["WWW-Authenticate"] = AUTH_SCHEME
    return JSONResponse(body, status, headers=headers)


class MiniAppRoutes:
    def __init__(
        self,
        service: MiniAppService,
        deliver: Deliver,
        *,
        tell: Tell | None = None,
        codec: CallbackCodec | None = None,
    ) -> None:
        """``tell`` and ``codec`` (the chat's button signer, for the confirmation of a
        redemption): the card and rewards screens run when both are given and the service
        has their services."""
        self._service = service
        self._deliver = deliver
        self._screen_routes = (
            ScreenRoutes(service, service.screens, tell, codec)
            if service.screens is not None and tell is not None and codec is not None
            else None
        )
        self._files = {
            name: ((STATIC / file).read_bytes(), media) for name, (file, media) in _FILES.items()
        }

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/app", self.to_app, methods=["GET"]),
            Route("/app/api/session", self.session, methods=["POST"]),
            Route("/app/api/scan", self.scan, methods=["POST"]),
            *(self._screen_routes.routes() if self._screen_routes is not None else ()),
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
        return _caller(self._service, request)

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
                "texts": {**views.app_texts(language), **views.screen_texts(language)},
                "card": views.linked_text(session.masked_number, language),
                "linked": session.masked_number is not None,
                # The app's screens, in order; it shows tabs when there is more than one.
                "screens": [*SCREENS, *(("card", "rewards") if self._screen_routes else ())],
                # Legacy lists and details the rewards, as the chat; redeeming is v4's.
                "redeems_online": bool(self._screen_routes and self._screen_routes.redeems),
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
        if isinstance(outcome, ChooserShown):  # "who's with you?" first; its go checks in
            log.info("mini app scan answered", extra={"status": "chooser"})
            return _json(views.chooser(outcome, language))
        reply = await self._deliver(user.id, outcome, language)
        status = views.scan_status(outcome)
        log.info(
            "mini app scan answered",
            extra={"status": status, "ms": round((time.perf_counter() - received) * 1000, 1)},
        )
        return _json(
            {"ok": True, "status": status, "text": views.app_text(reply, language, outcome)}
        )


def _caller(service: MiniAppService, request: Request) -> WebAppUser | None:
    """The user Telegram signed the ``Authorization: tma <initData>`` for, or nobody."""
    scheme, _, init_data = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != AUTH_SCHEME:
        return None
    user = service.authenticate(init_data.strip())
    if not isinstance(user, WebAppUser):
        log.info("mini app call refused", extra={"problem": user.value})
        return None
    return user


async def _code_in(request: Request) -> str | None:
    parsed = await _body_in(request)
    code = parsed.get("code") if parsed is not None else None
    return code if isinstance(code, str) else None


async def _body_in(request: Request) -> dict[str, Any] | None:
    """The JSON object a call carries (at most :data:`MAX_BODY_BYTES`), or None."""
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            return None
    try:
        parsed = json.loads(body or b"null")
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


# --- the card, rewards and family screens (issue 18) -----------------------------------------


@dataclass(frozen=True, slots=True)
class _Call:
    user: WebAppUser
    language: Language
    body: dict[str, Any]
    needed: str = ""  # the text field the route asked for, there and short


def _text_field(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None


class ScreenRoutes:
    """The card and rewards screens and the family chooser: every call first asks who is
    calling (401 before anything else) and whether they are within their budget (429)."""

    def __init__(
        self, service: MiniAppService, screens: MiniAppScreens, tell: Tell, codec: CallbackCodec
    ) -> None:
        self._service = service
        self._on = screens
        self._tell = tell
        self._codec = codec
        self.redeems = screens.redeems_online

    def routes(self) -> list[BaseRoute]:
        handlers: dict[str, Callable[[Request], Awaitable[Response]]] = {
            "card": self.card,
            "rewards": self.rewards,
            "reward": self.reward,
            "redeem/offer": self.redeem_offer,
            "redeem": self.redeem,
            "family/toggle": self.family_toggle,
            "family/go": self.family_go,
        }
        return [Route(f"/app/api/{name}", h, methods=["POST"]) for name, h in handlers.items()]

    async def _call(self, request: Request, needs: str | None = None) -> _Call | Response:
        """Who calls, within budget, with which JSON object (with a text field ``needs``);
        or the refusal to answer."""
        user = _caller(self._service, request)
        if user is None:
            return _json({"ok": False, "error": "unauthorized"}, 401)
        language = language_for(user.language_code)
        throttled = await self._service.allowed(user)
        if throttled is not None:
            text = views.app_text(views.scan_reply(throttled, language), language)
            return _json({"ok": False, "error": "throttled", "text": text}, 429)
        body = await _body_in(request)
        if body is None:
            return _json({"ok": False, "error": "a JSON object body is needed"}, 400)
        if needs is None:
            return _Call(user, language, body)
        needed = _text_field(body, needs)
        if needed is None:
            return _json({"ok": False, "error": f"a text '{needs}' is needed"}, 400)
        return _Call(user, language, body, needed)

    async def card(self, request: Request) -> Response:
        """``member``: a member's opaque handle from an earlier answer; none: the own card."""
        call = await self._call(request)
        if isinstance(call, Response):
            return call
        member = call.body.get("member")
        if member is not None and _text_field(call.body, "member") is None:
            return _json({"ok": False, "error": "'member' must be a member's id"}, 400)
        outcome = await self._on.cards.card(call.user.id, member)
        return _json(views.card(outcome, call.language))

    async def rewards(self, request: Request) -> Response:
        call = await self._call(request)
        if isinstance(call, Response):
            return call
        outcome = await self._on.promotions.page(call.user.id, page_size=REWARDS_PER_ANSWER)
        return _json(views.rewards(outcome, call.language))

    async def reward(self, request: Request) -> Response:
        call = await self._call(request, needs="id")
        if isinstance(call, Response):
            return call
        detail = await self._on.promotions.detail(call.user.id, call.needed)
        answer = views.reward(detail, call.language, redeems_online=self._on.redeems_online)
        return _json(answer)

    async def redeem_offer(self, request: Request) -> Response:
        """The confirmation, with the chat's signed confirm data: the app cannot make up the
        moment of a confirmation (which decides what counts as a second tap)."""
        call = await self._call(request, needs="id")
        if isinstance(call, Response):
            return call
        reward_id = call.needed
        outcome = await self._on.redemption.offer(call.user.id, reward_id)
        confirm = None
        if isinstance(outcome, RedeemOffer):
            issued = int(outcome.issued_at.timestamp())
            confirm = self._codec.encode(call.user.id, RedeemConfirm(reward_id, issued))
        return _json(views.offer(outcome, call.language, confirm))

    async def redeem(self, request: Request) -> Response:
        """Redeem through the chat's service and claim: however often this is called for one
        confirmation (a double tap, the chat's button too), UiTPAS redeems once. The code goes
        into the private chat as well, so the chat keeps the record."""
        call = await self._call(request, needs="confirm")
        if isinstance(call, Response):
            return call
        button = self._codec.decode(call.user.id, call.needed)
        if not isinstance(button, RedeemConfirm):
            return _json({"ok": False, "error": "a signed 'confirm' from an offer is needed"}, 400)
        issued_at = datetime.fromtimestamp(button.issued, UTC)
        outcome = await self._on.redemption.redeem(
            call.user.id, button.promotion_id, issued_at=issued_at
        )
        if isinstance(outcome, Redeemed) and not outcome.repeated:
            await self._tell(call.user.id, reward_views.redeem_outcome(outcome, call.language))
        log.info("mini app redemption answered", extra={"status": views.redeem_status(outcome)})
        return _json(views.redeemed(outcome, call.language))

    async def family_toggle(self, request: Request) -> Response:
        call = await self._call(request, needs="chooser")
        if isinstance(call, Response):
            return call
        position = call.body.get("position")
        if not isinstance(position, int) or isinstance(position, bool):
            return _json({"ok": False, "error": "a whole number 'position' is needed"}, 400)
        outcome = await self._on.family_checkin.toggle(call.user.id, call.needed, position)
        return _json(views.family_answer(outcome, call.language))

    async def family_go(self, request: Request) -> Response:
        """Check the chosen members in (once: the go is taken once), then the chat's reply."""
        call = await self._call(request, needs="chooser")
        if isinstance(call, Response):
            return call
        outcome = await self._on.family_checkin.go(call.user.id, call.needed)
        if isinstance(outcome, FamilyCheckedIn):
            await self._tell(call.user.id, family_views.checked_in(outcome, call.language))
        return _json(views.family_answer(outcome, call.language))
