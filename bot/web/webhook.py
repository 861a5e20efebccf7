"""Webhook mode: Telegram POSTs each update to ``/telegram`` on whichever instance the load
balancer picks, and may POST the same update again.

Telegram re-sends an update whose answer was late or failed, and it sends a chat's next update
only after the previous one was answered. So each update is handled *before* answering 200:
that keeps one chat's messages in order across instances, and an instance that dies mid-update
leaves Telegram to re-send it to another. A copy of an update some instance already handled is
answered 200 without handling it; a copy of one another instance is still handling is answered
503 (so Telegram sends it again, and once that instance's lease lapsed the copy is taken
over: :class:`~bot.services.update_claims.UpdateClaims`).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Sequence

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import Update
from telegram.ext import Application

from bot.services.update_claims import UpdateClaim, UpdateClaims

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
# Telegram's updates are a few kilobytes; anything near this is not from Telegram.
MAX_UPDATE_BYTES = 1024 * 1024


def derive_webhook_secret(bot_token: str) -> str:
    """The secret every instance computes alike from the token, when WEBHOOK_SECRET is unset.

    Whoever knows the token can call setWebhook anyway, so this adds no weakness, and a
    revoked token changes it.
    """
    return hmac.new(bot_token.encode(), b"uitpas-bot webhook secret", hashlib.sha256).hexdigest()


# A copy of an update another instance holds is asked for again this much later.
RETRY_AFTER_SECONDS = 5


def _answer(status: int, text: str) -> Response:
    return PlainTextResponse(text, status_code=status)


def _busy() -> Response:
    return PlainTextResponse(
        "another instance is handling this update; send it again later",
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


class TelegramWebhook:
    def __init__(
        self,
        application: Application,
        claims: UpdateClaims,
        secret: str,
        *,
        photo_of: Callable[[Update], int | None] | None = None,
    ) -> None:
        """``photo_of``: the user whose photo the check-in's handler will count in the flood
        throttle, None for any other update (``bot.handlers.checkin.counted_photo_of``): the
        claim counts it instead, in its own statement (:meth:`UpdateClaims.claim`)."""
        self._application = application
        self._claims = claims
        self._photo_of = photo_of
        self._secret = secret.encode()
        self._handling = 0  # updates claimed and being handled here now
        self._idle = asyncio.Event()
        self._idle.set()

    async def drain(self, seconds: float) -> bool:
        """Stopping: wait up to ``seconds`` for the updates in hand to finish, while the server
        still answers new ones 503 (so Telegram re-sends them to another instance at once,
        rather than meeting a closed port); whether all finished."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout=seconds)
        except TimeoutError:
            return False
        return True

    def routes(self) -> Sequence[BaseRoute]:
        return [Route(WEBHOOK_PATH, self.receive, methods=["POST"])]

    async def receive(self, request: Request) -> Response:
        presented = request.headers.get(SECRET_HEADER)
        if presented is None or not hmac.compare_digest(presented.encode(), self._secret):
            # Its body is not read, let alone logged: it is not from Telegram.
            log.warning(
                "webhook request refused: %s secret token (from %s)",
                "no" if presented is None else "wrong",
                request.client.host if request.client else "unknown",
            )
            return _answer(403, "forbidden")
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_UPDATE_BYTES):
            return _answer(413, "too large")
        update = await self._read(request)
        if update is None:
            # Unreadable: answering an error would make Telegram send it again, forever.
            return _answer(200, "skipped")
        if not self._claims.taking:  # stopping: another instance takes it
            log.info("update %s: this instance is stopping; asked again", update.update_id)
            return _answer(503, "this instance is stopping; send again later")
        photo_of = self._photo_of(update) if self._photo_of is not None else None
        try:
            claim = await self._claims.claim(update.update_id, photo_of=photo_of)
        except Exception:
            log.exception("update %s refused: database unavailable", update.update_id)
            return _answer(503, "database unavailable; send again later")
        if claim is UpdateClaim.FINISHED:
            log.info("update %s: a copy of an update already handled; dropped", update.update_id)
            return _answer(200, "duplicate")
        if claim is UpdateClaim.HELD:
            # Never 200: if its instance dies, only a later copy lets another one take it over.
            log.info("update %s: another instance is handling it; asked again", update.update_id)
            return _busy()
        application = self._application
        self._handling += 1
        self._idle.clear()
        try:
            await application.update_processor.process_update(
                update, application.process_update(update)
            )
        finally:
            self._handling -= 1
            if not self._handling:
                self._idle.set()
        try:
            await self._claims.finish(update.update_id)
        except Exception:  # handled all the same; a late copy is handled once the claim is old
            log.warning("update %s handled but not marked finished", update.update_id)
        return _answer(200, "ok")

    async def _read(self, request: Request) -> Update | None:
        body = await request.body()
        if len(body) > MAX_UPDATE_BYTES:
            return None
        try:
            update = Update.de_json(json.loads(body), self._application.bot)
        except Exception as error:
            update_id = _update_id(body)
            log.error("update %s could not be read (%s); skipped", update_id, type(error).__name__)
            return None
        return update


def _update_id(body: bytes) -> int | None:
    try:
        value = json.loads(body).get("update_id")
    except Exception:
        return None
    return value if isinstance(value, int) else None
