"""The v4 UiTPAS API as a :class:`~bot.uitpas.api.UitpasApi`.

- The bot's own calls (``/passes``, ``/rewards``) carry a client-credentials token, fetched once
  and reused until shortly before it expires (the token endpoint is rate limited), and fetched
  again once when the API answers 401 anyway.
- A check-in carries the passholder's own access token, from :class:`UserTokens` (their
  refresh token, kept encrypted by the bot). No login, or a login the server no longer accepts,
  is the answer ``LOGIN_REQUIRED``, never an exception: the user is sent back to log in.
- ``application/problem+json`` errors become the legacy answer codes (:mod:`.problems`), with
  ``endUserMessage.nl`` carried along for Dutch users.
- 429 ``rate-limited`` is retried after ``Retry-After`` seconds, when that wait is short enough;
  otherwise UiTPAS counts as unavailable (and nothing was done, so ``sent`` is False).

As in the legacy client, logs name the operation, never the URL (it may hold a card number).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import quote

import httpx

from bot.uitpas.errors import UitpasUnavailable, UnavailableReason
from bot.uitpas.models import (
    AnswerCode,
    CheckinAnswer,
    PointsAnswer,
    Promotion,
    PromotionAnswer,
    PromotionsAnswer,
)
from bot.uitpas.timing import RequestObserver, ignore, timed_request
from bot.uitpas.v4 import rewards
from bot.uitpas.v4.oauth import OAuthRefused, TokenSet, UitidAuth
from bot.uitpas.v4.problems import read_problem

log = logging.getLogger(__name__)

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
MAX_RATE_LIMIT_RETRIES = 2
MAX_RETRY_AFTER_SECONDS = 5.0  # a passholder waits for the reply; longer waits are not worth it
SPOTLIGHT_SIZE = 10
_MAX_CARD_SYSTEMS_REMEMBERED = 50_000
_SORTS = {"POINTS": "points", "TITLE": "name", "CREATION_DATE": "creationDate"}


class UserTokens(Protocol):
    """Where the client gets a passholder's access token (see ``bot.services.uitid_sessions``)."""

    async def access_token(self, telegram_user_id: int, *, renew: bool = False) -> str | None:
        """A valid access token, or None when the user must log in (again). ``renew`` after a
        401: the cached token is not trusted any more."""
        ...


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: Any  # decoded JSON, or None


@dataclass(frozen=True, slots=True)
class Me:
    """``GET /passholders/me``: who logged in. ``code`` other than success: no usable pass."""

    code: str
    uitpas_number: str | None = None
    end_user_message_nl: str | None = None


class V4Client:
    def __init__(
        self,
        base_url: str,
        auth: UitidAuth,
        user_tokens: UserTokens | None,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        observe: RequestObserver = ignore,
    ) -> None:
        """``observe`` is told each request's operation, outcome and duration (the metrics)."""
        self.base_url = base_url.rstrip("/")
        self._observe = observe
        self.auth = auth
        self.user_tokens = user_tokens
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            headers={"Accept": "application/json", "x-client-id": auth.client_id},
            timeout=timeout,
            transport=transport,
        )
        self._sleep = sleep
        self._client_token: TokenSet | None = None
        self._client_token_lock = asyncio.Lock()
        # Whose card system is which: GET /rewards is scoped with it (applicableCardSystemId);
        # learned from /passes (and /me), which the bot asks anyway. A pass lookup in flight is
        # shared, so /points and /promotions asked together cost one /passes.
        self._card_system_of: dict[str, str] = {}
        self._passes_in_flight: dict[str, asyncio.Future[Reply]] = {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    # --- the UitpasApi -----------------------------------------------------------------------

    async def checkin(
        self, uitpas_number: str, checkin_code: str, *, telegram_user_id: int | None = None
    ) -> CheckinAnswer:
        """``POST /passholders/me/checkins`` with the passholder's own token.

        ``uitpas_number`` is not sent: v4 knows the passholder from the token. On success the
        spotlight comes from ``GET /rewards?featured=true``; if that fails the point still counts.
        """
        if telegram_user_id is None or self.user_tokens is None:
            return CheckinAnswer(AnswerCode.LOGIN_REQUIRED)
        body = {"checkinCode": checkin_code}
        reply: Reply | None = None
        for renew in (False, True):
            try:
                token = await self.user_tokens.access_token(telegram_user_id, renew=renew)
            except OAuthRefused as error:  # the bot's own client refused by the server
                log.error("UiTiD refused the bot's client: %s", error.error)
                return CheckinAnswer("ACCESS_DENIED", http_status=401)
            if token is None:
                return CheckinAnswer(AnswerCode.LOGIN_REQUIRED)
            reply = await self._send(
                "checkin", "POST", "/passholders/me/checkins", token, json=body
            )
            if reply.status != 401:
                break
        assert reply is not None
        if reply.status == 401:  # a fresh token refused too: the login is not usable
            return CheckinAnswer(AnswerCode.LOGIN_REQUIRED, http_status=401)
        if reply.status in (200, 201) and isinstance(reply.body, dict):
            total, added = _int(reply.body.get("totalPoints")), _int(reply.body.get("addedPoints"))
            spotlight = await self._spotlight(uitpas_number, token)
            return CheckinAnswer(
                AnswerCode.ACTION_SUCCEEDED,
                http_status=reply.status,
                points=total,
                saved_points=added,
                promotions=spotlight,
            )
        return CheckinAnswer(**_refusal(reply, "checkin"))

    async def points(self, uitpas_number: str) -> PointsAnswer:
        reply = await self._pass(uitpas_number)
        if reply.status == 200 and isinstance(reply.body, dict):
            return PointsAnswer(
                AnswerCode.ACTION_SUCCEEDED, http_status=200, points=_int(reply.body.get("points"))
            )
        return PointsAnswer(**_refusal(reply, "points"))

    async def promotions(
        self,
        *,
        uitpas_number: str | None = None,
        in_spotlight: bool | None = None,
        filter_on_user_points: bool | None = None,
        unexpired: bool | None = None,
        published: bool | None = None,
        sort: str | None = None,
        order: str | None = None,
        start: int = 0,
        max_results: int = 20,
    ) -> PromotionsAnswer:
        """``GET /rewards``. v4 lists only active, published rewards by default, so
        ``unexpired``/``published`` need no parameter. Unscoped, v4 lists the rewards of every
        card system in Flanders: with ``uitpas_number`` the list is limited to the rewards that
        apply to that passholder's card system (``applicableCardSystemId``; the spec's
        ``owningCardSystemId`` would drop rewards another card system opens to them).
        ``filter_on_user_points`` has no v4 equivalent and is not sent (affordability is
        computed by the services from fresh points anyway)."""
        params: dict[str, str] = {"start": str(start), "limit": str(min(max_results, 500))}
        if uitpas_number is not None:
            card_system = await self._card_system_id(uitpas_number)
            if isinstance(card_system, Reply):  # the pass itself was refused
                return PromotionsAnswer(**_refusal(card_system, "promotions"))
            params["applicableCardSystemId"] = card_system
        if in_spotlight is not None:
            params["featured"] = "true" if in_spotlight else "false"
        if sort in _SORTS:
            params["sort"] = ("-" if (order or "").upper() == "DESC" else "") + _SORTS[sort]
        reply = await self._client_call("promotions", "GET", "/rewards", params=params)
        if reply.status == 200 and isinstance(reply.body, dict):
            members = reply.body.get("member")
            if not isinstance(members, list):
                raise UitpasUnavailable(
                    UnavailableReason.UNREADABLE, "promotions: no member list", sent=True
                )
            now = datetime.now(UTC)
            found = tuple(p for m in members if (p := rewards.reward(m, now)) is not None)
            total = _int(reply.body.get("totalItems"))
            return PromotionsAnswer(
                AnswerCode.ACTION_SUCCEEDED, http_status=200, promotions=found, total=total
            )
        return PromotionsAnswer(**_refusal(reply, "promotions"))

    async def promotion(
        self, promotion_id: str, *, uitpas_number: str | None = None
    ) -> PromotionAnswer:
        """``GET /rewards/{id}``; with ``uitpas_number`` also ``/redeem-status``, so the reason
        it cannot be traded is the passholder's own."""
        path = f"/rewards/{quote(promotion_id, safe='')}"
        reply = await self._client_call("promotion", "GET", path)
        if reply.status != 200 or not isinstance(reply.body, dict):
            return PromotionAnswer(**_refusal(reply, "promotion"))
        promotion = rewards.reward(reply.body)
        if promotion is not None and uitpas_number is not None:
            status = await self._client_call(
                "redeem-status",
                "GET",
                f"{path}/redeem-status",
                params={"uitpasNumber": uitpas_number},
            )
            if status.status == 200 and isinstance(status.body, dict):
                if status.body.get("redeemable") is True:
                    state = "POSSIBLE"
                else:
                    reason = str(status.body.get("reason", ""))
                    state = rewards.REDEEM_REASONS.get(reason, f"NOT_POSSIBLE_{reason}")
                promotion = _with_state(promotion, state)
        return PromotionAnswer(AnswerCode.ACTION_SUCCEEDED, http_status=200, promotion=promotion)

    async def aclose(self) -> None:
        await self._http.aclose()
        await self.auth.aclose()

    # --- for the login -----------------------------------------------------------------------

    async def me(self, access_token: str) -> Me:
        """``GET /passholders/me``: the UiTPAS number of whoever logged in."""
        reply = await self._send("me", "GET", "/passholders/me", access_token)
        if reply.status == 200 and isinstance(reply.body, dict):
            number = reply.body.get("uitpasNumber")
            self._learn_memberships(reply.body)
            if isinstance(number, str) and number:
                return Me(AnswerCode.ACTION_SUCCEEDED, number)
        refusal = _refusal(reply, "me")
        return Me(refusal["code"], None, refusal.get("end_user_message_nl"))

    # --- plumbing ----------------------------------------------------------------------------

    async def _pass(self, uitpas_number: str) -> Reply:
        """``GET /passes``; remembers the pass's card system."""
        future: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        mine = self._passes_in_flight.setdefault(uitpas_number, future) is future
        try:
            reply = await self._client_call(
                "points", "GET", "/passes", params={"identifier": uitpas_number}
            )
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # marked as retrieved: nobody else may be waiting
            raise
        finally:
            if mine:
                del self._passes_in_flight[uitpas_number]
        future.set_result(reply)
        if reply.status == 200 and isinstance(reply.body, dict):
            system = reply.body.get("cardSystem")
            if isinstance(system, dict) and system.get("id") is not None:
                self._remember_card_system(uitpas_number, str(system["id"]))
        return reply

    def _remember_card_system(self, uitpas_number: str, card_system_id: str) -> None:
        if len(self._card_system_of) >= _MAX_CARD_SYSTEMS_REMEMBERED:
            self._card_system_of.clear()  # crude but bounded; it is only a cache
        self._card_system_of[uitpas_number] = card_system_id

    def _learn_memberships(self, body: dict[str, Any]) -> None:
        memberships = body.get("cardSystemMemberships")
        for membership in memberships if isinstance(memberships, list) else ():
            if not isinstance(membership, dict):
                continue
            number, system = membership.get("uitpasNumber"), membership.get("cardSystem")
            if isinstance(number, str) and isinstance(system, dict) and "id" in system:
                self._remember_card_system(number, str(system["id"]))

    async def _card_system_id(self, uitpas_number: str, token: str | None = None) -> str | Reply:
        """The card system of a pass: remembered, from a lookup in flight, or asked for.

        With a passholder's ``token`` (a check-in) it is asked from ``/passholders/me``, so a
        check-in reads no pass. A refused lookup is returned as the refusing reply.
        """
        known = self._card_system_of.get(uitpas_number)
        if known is not None:
            return known
        running = self._passes_in_flight.get(uitpas_number)
        if token is not None and running is None:
            reply = await self._send("me", "GET", "/passholders/me", token)
            if reply.status == 200 and isinstance(reply.body, dict):
                self._learn_memberships(reply.body)
        else:
            reply = await asyncio.shield(running) if running else await self._pass(uitpas_number)
        known = self._card_system_of.get(uitpas_number)
        return known if known is not None else reply

    async def _spotlight(self, uitpas_number: str, token: str) -> tuple[Promotion, ...]:
        """The featured rewards of the passholder's card system; none rather than another's."""
        try:
            card_system = await self._card_system_id(uitpas_number, token)
            if isinstance(card_system, Reply):
                return ()
            self._card_system_of[uitpas_number] = card_system
            answer = await self.promotions(
                uitpas_number=uitpas_number, in_spotlight=True, max_results=SPOTLIGHT_SIZE
            )
        except UitpasUnavailable:
            return ()
        return tuple(p for p in answer.promotions if p.in_spotlight) if answer.succeeded else ()

    async def _client_token_value(self, *, renew: bool) -> str:
        async with self._client_token_lock:
            token = self._client_token
            if renew or token is None or not token.fresh():
                try:
                    token = await self.auth.client_credentials()
                except OAuthRefused as error:
                    log.error(
                        "UiTiD refused the client credentials (%s): check UITPAS_CLIENT_ID "
                        "and UITPAS_CLIENT_SECRET",
                        error.error,
                    )
                    raise
                self._client_token = token
            return token.access_token

    async def _client_call(
        self, operation: str, method: str, path: str, *, params: dict[str, str] | None = None
    ) -> Reply:
        """A call with the bot's own token; one new token and one more try on 401."""
        reply = Reply(401, None)
        for renew in (False, True):
            try:
                token = await self._client_token_value(renew=renew)
            except OAuthRefused:
                return Reply(401, None)
            reply = await self._send(operation, method, path, token, params=params)
            if reply.status != 401:
                break
        return reply

    async def _send(
        self,
        operation: str,
        method: str,
        path: str,
        token: str,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, str] | None = None,
    ) -> Reply:
        """One request, retried after 429 within limits; the decoded answer whatever the status."""
        headers = {"Authorization": f"Bearer {token}"}
        for attempt in range(MAX_RATE_LIMIT_RETRIES + 1):
            try:
                response = await timed_request(
                    self._http,
                    self._observe,
                    operation,
                    method,
                    path,
                    params=params,
                    json=json,
                    headers=headers,
                )
            except httpx.TransportError as exc:
                sent = not isinstance(exc, _NOT_SENT)
                reason = (
                    UnavailableReason.TIMEOUT
                    if isinstance(exc, httpx.TimeoutException)
                    else UnavailableReason.CONNECTION
                )
                log.warning("UiTPAS v4 %s: %s (sent=%s)", operation, type(exc).__name__, sent)
                raise UitpasUnavailable(
                    reason, f"{operation}: {type(exc).__name__}", sent=sent
                ) from exc
            if response.status_code == 429:
                wait = _retry_after(response.headers.get("Retry-After"))
                if attempt < MAX_RATE_LIMIT_RETRIES and wait <= MAX_RETRY_AFTER_SECONDS:
                    log.info("UiTPAS v4 %s: rate limited, retrying in %.1f s", operation, wait)
                    await self._sleep(wait)
                    continue
                log.warning("UiTPAS v4 %s: rate limited (Retry-After %.0f s)", operation, wait)
                # A 429 is answered before the request is acted on: nothing was saved.
                raise UitpasUnavailable(UnavailableReason.RATE_LIMITED, operation, sent=False)
            try:
                body = response.json() if response.content else None
            except ValueError:
                body = None
            log.debug("UiTPAS v4 %s: HTTP %d", operation, response.status_code)
            return Reply(response.status_code, body)
        raise AssertionError("unreachable")  # pragma: no cover


def _refusal(reply: Reply, operation: str) -> dict[str, Any]:
    """Fields for an answer that is not a success; unreadable answers raise."""
    problem = read_problem(reply.body, reply.status)
    if problem is None:
        if reply.status in (401, 403):
            return {"code": "ACCESS_DENIED", "http_status": reply.status}
        detail = f"{operation}: HTTP {reply.status} without a problem document"
        log.warning("UiTPAS v4 %s", detail)
        raise UitpasUnavailable(UnavailableReason.UNREADABLE, detail, sent=True)
    return {
        "code": problem.code,
        "message": problem.message,
        "http_status": reply.status,
        "end_user_message_nl": problem.end_user_message_nl,
    }


def _retry_after(value: str | None) -> float:
    """Seconds from ``Retry-After`` (delta-seconds; an HTTP date counts as too long)."""
    try:
        return max(float(value), 0.0) if value is not None else 1.0
    except ValueError:
        return float("inf")


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    return int(value) if isinstance(value, int | float) else None


def _with_state(promotion: Promotion, state: str) -> Promotion:
    return dataclasses.replace(promotion, cash_in_state=state)
