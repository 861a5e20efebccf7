"""The v4 UiTPAS API as a :class:`~bot.uitpas.api.UitpasApi`.

- The bot's own calls (``/passes``, ``/rewards``) carry a client-credentials token, fetched once
  and reused until shortly before it expires (the token endpoint is rate limited), and fetched
  again once when the API answers 401 anyway.
- A check-in carries the passholder's own access token, from :class:`UserTokens` (their
  refresh token, kept encrypted by the bot). No login, or a login the server no longer accepts,
  is the answer ``LOGIN_REQUIRED``, never an exception: the user is sent back to log in.
- ``application/problem+json`` errors become the legacy answer codes (:mod:`.problems`), with
  ``endUserMessage`` (nl, and en when sent) carried along, from 200 answers too: publiq asks
  clients to show it whenever there is one.
- A 403 is a permission the bot's client lacks: the answer names it (from the spec's
  description of the operation, as the 403 problem itself does not) and it is logged at ERROR,
  so the operator knows what to ask publiq for.
- 429 ``rate-limited`` is retried after ``Retry-After`` seconds, when that wait is short enough;
  otherwise UiTPAS counts as unavailable (and nothing was done, so ``sent`` is False).

As in the legacy client, logs name the operation, never the URL (it may hold a card number).
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, Protocol, TypeVar
from urllib.parse import quote

import httpx

from bot.http_transport import ShardedTransport
from bot.uitpas.errors import UitpasUnavailable, UnavailableReason
from bot.uitpas.family import (
    BIRTH_DATE_MISMATCH,
    FamilyAnswer,
    FamilyChange,
    FamilyMember,
    Membership,
    MembershipsAnswer,
)
from bot.uitpas.models import (
    AnswerCode,
    CheckinAnswer,
    Event,
    PassMessage,
    PointsAnswer,
    Promotion,
    PromotionAnswer,
    PromotionsAnswer,
    SocialTariff,
    Transaction,
    TransactionsAnswer,
)
from bot.uitpas.timing import RequestObserver, ignore, timed_request
from bot.uitpas.trading import Coupon, CouponsAnswer, RedeemAnswer, RedeemedAnswer, Redemption
from bot.uitpas.v4 import rewards
from bot.uitpas.v4.oauth import OAuthRefused, TokenSet, UitidAuth
from bot.uitpas.v4.problems import PROBLEM_CONTENT_TYPE, end_user_messages, read_problem

log = logging.getLogger(__name__)

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
MAX_RATE_LIMIT_RETRIES = 2
MAX_RETRY_AFTER_SECONDS = 5.0  # a passholder waits for the reply; longer waits are not worth it
SPOTLIGHT_SIZE = 10
# GET /rewards ``sort``, spelled as the spec's description lists them (``creationdate``).
_SORTS = {"POINTS": "points", "TITLE": "name", "CREATION_DATE": "creationdate"}
ACCEPT = f"application/json, {PROBLEM_CONTENT_TYPE}"
# The permission each operation needs, as the spec's description of it says (GET /rewards
# needs none). A 403 problem (``auth/forbidden``) does not name it; the spec does.
REQUIRED_PERMISSIONS = {
    "points": "PASSES_READ",
    "me": "PASSHOLDERS_SELF_READ",
    "checkin": "PASSHOLDERS_SELF_CHECKIN",
    "promotion": "REWARDS_READ",
    "redeem-status": "REWARDS_REDEEM",
    "transactions": "PASSHOLDERS_SELF_CHECKIN",
    "redeem": "REWARDS_REDEEM",
    "redeemed": "REWARDS_READ",
    "coupons": "PASSHOLDER_COUPONS_READ",
    "section": "REWARDS_PASSHOLDERS_READ",
    "family": "PASSHOLDERS_FAMILY_MEMBERS",
    "family-checkin": "PASSHOLDERS_SELF_CHECKIN",
}
TRANSACTIONS_PAGE = 20
# The check-in just saved is the newest line, or nearly: a few lines suffice to find it.
CHECKIN_EVENT_LOOKBACK = 5
_MAX_CARD_SYSTEMS_REMEMBERED = 50_000
# A check-in code belongs to one event; how long the event found for it answers for it.
CHECKIN_EVENT_KEPT_SECONDS = 6 * 3600
_MAX_CODES_REMEMBERED = 10_000

K = TypeVar("K")
V = TypeVar("V")


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
class _NoUser:
    """No call was possible with the passholder's token: why, as an answer code."""

    code: str
    http_status: int | None = None


@dataclass(frozen=True, slots=True)
class Me:
    """``GET /passholders/me``: who logged in. ``code`` other than success: no usable pass.

    ``inactive_card``: with no active card, the number of the passholder's current card that
    is blocked or deleted (``code`` says which), so the bot can say what its status means."""

    code: str
    uitpas_number: str | None = None
    end_user_message_nl: str | None = None
    end_user_message_en: str | None = None
    end_user_message_fr: str | None = None
    required_permission: str | None = None  # a 403: the bot may not read who logged in
    inactive_card: str | None = None
    passholder_id: str | None = None  # v4's id of the passholder, which names their family


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
        spotlight_seconds: float = 0.0,
    ) -> None:
        """``observe`` is told each request's operation, outcome and duration (the metrics).
        ``spotlight_seconds``: how long a card system's featured rewards (a check-in's
        spotlight) are reused, as the promotions list is (``PROMOTIONS_CACHE_SECONDS``)."""
        self.base_url = base_url.rstrip("/")
        self._spotlights = SpotlightCache(spotlight_seconds)
        self._events = CheckinEventCache(CHECKIN_EVENT_KEPT_SECONDS)
        self._observe = observe
        self.auth = auth
        self.user_tokens = user_tokens
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            headers={"Accept": ACCEPT, "x-client-id": auth.client_id},
            timeout=timeout,
            transport=transport or ShardedTransport(),
        )
        self._sleep = sleep
        self._client_token: TokenSet | None = None
        self._client_token_lock = asyncio.Lock()
        # Whose card system is which: GET /rewards is scoped with it (applicableCardSystemId);
        # learned from /passes (and /me), which the bot asks anyway. A pass lookup in flight is
        # shared, so /points and /promotions asked together cost one /passes.
        self._card_system_of: dict[str, str] = {}
        self._passes_in_flight: dict[str, asyncio.Future[Reply]] = {}
        self._passholder_id_of: dict[str, str] = {}  # from /passes too: coupons need the id
        self._postal_code_of: dict[str, str] = {}  # and where they live: rewards near them
        # Telegram user → (the access token it was asked with, their v4 passholder id): family
        self._passholder_ids: dict[int, tuple[str, str]] = {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    # --- the UitpasApi -----------------------------------------------------------------------

    async def checkin(
        self, uitpas_number: str, checkin_code: str, *, telegram_user_id: int | None = None
    ) -> CheckinAnswer:
        """``POST /passholders/me/checkins`` with the passholder's own token.

        ``uitpas_number`` is not sent: v4 knows the passholder from the token. The answer has
        only points; the event and its place come from the passholder's transaction history
        (the check-in's own line in it), the spotlight from ``GET /rewards?featured=true``,
        both asked at once. If either fails the point still counts, told without them. A code
        is one event's: once a history told it, the next passholders' check-ins with the same
        code take the event from :class:`CheckinEventCache` instead of their history.
        """
        if telegram_user_id is None or self.user_tokens is None:
            return CheckinAnswer(AnswerCode.LOGIN_REQUIRED)
        body = {"checkinCode": checkin_code}
        sent_at = datetime.now(UTC)
        reply = await self._user_call(
            "checkin", "POST", "/passholders/me/checkins", telegram_user_id, json=body
        )
        if isinstance(reply, _NoUser):
            return CheckinAnswer(reply.code, http_status=reply.http_status)
        if reply.status in (200, 201) and isinstance(reply.body, dict):
            total, added = _int(reply.body.get("totalPoints")), _int(reply.body.get("addedPoints"))
            spotlight, event = await asyncio.gather(
                self._spotlight(uitpas_number, telegram_user_id),
                self._checkin_event(telegram_user_id, sent_at, added, checkin_code),
            )
            return CheckinAnswer(
                AnswerCode.ACTION_SUCCEEDED,
                http_status=reply.status,
                **_said(reply.body),
                points=total,
                saved_points=added,
                event=event,
                promotions=spotlight,
            )
        return CheckinAnswer(**_refusal(reply, "checkin"))

    async def transactions(
        self,
        *,
        telegram_user_id: int,
        limit: int = TRANSACTIONS_PAGE,
        start: int = 0,
        passholder_id: str | None = None,
    ) -> TransactionsAnswer:
        """``GET /passholders/me/transactions``, newest first, with the passholder's token (the
        spec asks ``PASSHOLDERS_SELF_CHECKIN`` for it, as for the check-in itself).

        ``passholder_id``: a family member's id instead of ``me``, still with the parent's
        token (the spec allows "a passholder id of one of the passholder's family members")."""
        if self.user_tokens is None:
            return TransactionsAnswer(AnswerCode.LOGIN_REQUIRED)
        params = {
            "start": str(max(start, 0)),
            "limit": str(min(limit, 500)),
            "sort[creationDate]": "desc",
        }
        whose = quote(passholder_id, safe="") if passholder_id else "me"
        reply = await self._user_call(
            "transactions",
            "GET",
            f"/passholders/{whose}/transactions",
            telegram_user_id,
            params=params,
        )
        if isinstance(reply, _NoUser):
            return TransactionsAnswer(reply.code, http_status=reply.http_status)
        if reply.status == 200 and isinstance(reply.body, dict):
            members = reply.body.get("member", [])
            if not isinstance(members, list):
                raise UitpasUnavailable(
                    UnavailableReason.UNREADABLE, "transactions: no member list", sent=True
                )
            found = tuple(t for m in members if (t := _transaction(m)) is not None)
            return TransactionsAnswer(
                AnswerCode.ACTION_SUCCEEDED,
                http_status=200,
                transactions=found,
                total=_int(reply.body.get("totalItems")),
            )
        return TransactionsAnswer(**_refusal(reply, "transactions"))

    async def points(self, uitpas_number: str) -> PointsAnswer:
        reply = await self._pass(uitpas_number)
        if reply.status == 200 and isinstance(reply.body, dict):
            return PointsAnswer(
                AnswerCode.ACTION_SUCCEEDED,
                http_status=200,
                points=_int(reply.body.get("points")),
                messages=_pass_messages(reply.body.get("messages")),
                kansentarief_card_system=_kansentarief_card_system(reply.body),
                social_tariff=_social_tariff(reply.body.get("socialTariff")),
                **_said(reply.body),
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
            # ``member`` is optional in the spec: absent, the page is empty.
            members = reply.body.get("member", [])
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
                state, message = rewards.redeem_state(status.body)
                promotion = dataclasses.replace(
                    promotion, cash_in_state=state, cash_in_message=message
                )
            elif status.status == 403:
                _log_forbidden("redeem-status", status)
                promotion = dataclasses.replace(promotion, redeem_status_forbidden=True)
            else:  # the reward is still shown, with what holds for everyone
                log.warning("UiTPAS v4 redeem-status: HTTP %d, not used", status.status)
        return PromotionAnswer(AnswerCode.ACTION_SUCCEEDED, http_status=200, promotion=promotion)

    # --- trading points (issue 17): redeem, what was redeemed, coupons ----------------------

    async def redeem(
        self, uitpas_number: str, reward_id: str, *, telegram_user_id: int | None = None
    ) -> RedeemAnswer:
        """``POST /rewards/redeemed``: never retried here (a timeout raises ``UitpasUnavailable``
        with ``sent``: the caller looks in :meth:`redeemed` first).

        With ``telegram_user_id``, with the passholder's own (the parent's) token, as the other
        passholder calls: publiq grants ``REWARDS_REDEEM`` per organizer, and the spec allows a
        user token here, for the passholder's own card or a family member's. Without it (an
        older caller) the bot's client token, as before."""
        body = {"uitpasNumber": uitpas_number, "rewardId": reward_id}
        if telegram_user_id is not None and self.user_tokens is not None:
            sent = await self._user_call(
                "redeem", "POST", "/rewards/redeemed", telegram_user_id, json=body
            )
            if isinstance(sent, _NoUser):
                return RedeemAnswer(sent.code, http_status=sent.http_status)
            reply = sent
        else:
            reply = await self._client_call("redeem", "POST", "/rewards/redeemed", json=body)
        if reply.status in (200, 201) and isinstance(reply.body, dict):
            return RedeemAnswer(
                AnswerCode.ACTION_SUCCEEDED,
                http_status=reply.status,
                **_said(reply.body),
                redemption=_redemption(reply.body),
            )
        return RedeemAnswer(**_refusal(reply, "redeem"))

    async def redeemed(
        self, uitpas_number: str, *, start: int = 0, limit: int = 20
    ) -> RedeemedAnswer:
        """``GET /rewards/redeemed?uitpasNumber=``, newest first."""
        params = {
            "uitpasNumber": uitpas_number,
            "start": str(max(start, 0)),
            "limit": str(min(limit, 500)),
        }
        reply = await self._client_call("redeemed", "GET", "/rewards/redeemed", params=params)
        if reply.status == 200 and isinstance(reply.body, dict):
            members = reply.body.get("member", [])
            if not isinstance(members, list):
                raise UitpasUnavailable(
                    UnavailableReason.UNREADABLE, "redeemed: no member list", sent=True
                )
            found = tuple(r for m in members if isinstance(m, dict) and (r := _redemption(m)))
            found = tuple(sorted(found, key=_newest_first))
            return RedeemedAnswer(
                AnswerCode.ACTION_SUCCEEDED,
                http_status=200,
                redemptions=found,
                total=_int(reply.body.get("totalItems")),
            )
        return RedeemedAnswer(**_refusal(reply, "redeemed"))

    async def section_rewards(self, uitpas_number: str, section: str) -> PromotionsAnswer:
        """A section of ``GET /rewards`` that depends on the passholder: ``welcome`` (welcome
        rewards they can still get: ``type=WELCOME``, ``isRedeemableByPassholderId``) or
        ``near`` (rewards of organizers in their postal code, ``organizerPostalCode``)."""
        if uitpas_number not in self._passholder_id_of:
            reply = await self._pass(uitpas_number)
            if uitpas_number not in self._passholder_id_of:
                return PromotionsAnswer(**_refusal(reply, "promotions"))
        params: dict[str, str] = {"limit": "50", "sort": "points"}
        card_system = self._card_system_of.get(uitpas_number)
        if card_system is not None:
            params["applicableCardSystemId"] = card_system
        if section == "welcome":
            params["type"] = "WELCOME"
            params["isRedeemableByPassholderId"] = self._passholder_id_of[uitpas_number]
        else:
            postal_code = self._postal_code_of.get(uitpas_number)
            if postal_code is None:
                return PromotionsAnswer(AnswerCode.ACTION_SUCCEEDED, http_status=200)
            params["organizerPostalCode"] = postal_code
        reply = await self._client_call("section", "GET", "/rewards", params=params)
        if reply.status == 200 and isinstance(reply.body, dict):
            members = reply.body.get("member", [])
            now = datetime.now(UTC)
            found = (
                tuple(p for m in members if (p := rewards.reward(m, now)) is not None)
                if isinstance(members, list)
                else ()
            )
            return PromotionsAnswer(AnswerCode.ACTION_SUCCEEDED, http_status=200, promotions=found)
        return PromotionsAnswer(**_refusal(reply, "section"))

    async def coupons(self, uitpas_number: str) -> CouponsAnswer:
        """``GET /passholders/{id}/coupons`` (active ones); the id comes from ``/passes``."""
        passholder_id = self._passholder_id_of.get(uitpas_number)
        if passholder_id is None:
            reply = await self._pass(uitpas_number)
            passholder_id = self._passholder_id_of.get(uitpas_number)
            if passholder_id is None:
                return CouponsAnswer(**_refusal(reply, "coupons"))
        path = f"/passholders/{quote(passholder_id, safe='')}/coupons"
        reply = await self._client_call("coupons", "GET", path)
        if reply.status == 200 and isinstance(reply.body, list):
            found = tuple(c for m in reply.body if (c := _coupon(m)) is not None)
            return CouponsAnswer(AnswerCode.ACTION_SUCCEEDED, http_status=200, coupons=found)
        return CouponsAnswer(**_refusal(reply, "coupons"))

    async def aclose(self) -> None:
        await self._http.aclose()
        await self.auth.aclose()

    # --- for the login -----------------------------------------------------------------------

    async def me(self, access_token: str) -> Me:
        """``GET /passholders/me``: the UiTPAS number of whoever logged in."""
        reply = await self._send("me", "GET", "/passholders/me", access_token)
        nl, en, fr = end_user_messages(reply.body)
        if reply.status == 200 and isinstance(reply.body, dict):
            self._learn_memberships(reply.body)
            number = passholder_number(reply.body)
            if number is not None:
                own_id = _text(reply.body.get("id"))
                return Me(AnswerCode.ACTION_SUCCEEDED, number, nl, en, fr, passholder_id=own_id)
            log.info("UiTPAS v4 me: a passholder without an active UiTPAS number")
            inactive = inactive_card(reply.body)
            if inactive is not None:
                code, card = inactive
                return Me(code, None, nl, en, fr, inactive_card=card)
            return Me("NO_UITPAS_NUMBER", None, nl, en, fr)
        refusal = _refusal(reply, "me")
        return Me(
            refusal["code"],
            None,
            refusal.get("end_user_message_nl"),
            refusal.get("end_user_message_en"),
            refusal.get("end_user_message_fr"),
            refusal.get("required_permission"),
        )

    # --- the family (issue 16) ---------------------------------------------------------------

    async def family_members(
        self, *, telegram_user_id: int, passholder_id: str | None = None
    ) -> FamilyAnswer:
        """``GET /passholders/{id}/family-members`` with the passholder's own token: the
        passholder themself (``mainFamilyMember``) first, then the others as UiTPAS orders them.

        ``passholder_id``: the id stored with the link, so no ``/passholders/me`` is asked for
        it; if UiTPAS refuses it (403, 404: the login is someone else's now), the id is asked
        and the family read once more (not when it is the same id). The main member's card
        systems are learnt from the answer, so the check-in's spotlight asks no ``/me`` either.
        """
        path = _family_members_path(passholder_id) if passholder_id else None
        reply: Reply | _NoUser | None = None
        if path is not None:
            reply = await self._user_call("family", "GET", path, telegram_user_id)
        if reply is None or (isinstance(reply, Reply) and reply.status in (403, 404)):
            own = await self._family_path(telegram_user_id)
            if isinstance(own, _NoUser):
                return FamilyAnswer(own.code, http_status=own.http_status)
            if own != path:  # the same id refused: that refusal stands
                reply = await self._user_call("family", "GET", own, telegram_user_id)
        assert reply is not None
        if isinstance(reply, _NoUser):
            return FamilyAnswer(reply.code, http_status=reply.http_status)
        if reply.status == 200 and isinstance(reply.body, list):
            for item in reply.body:
                if isinstance(item, dict) and isinstance(item.get("passholder"), dict):
                    self._learn_memberships(item["passholder"])
            members = [m for item in reply.body if (m := _family_member(item)) is not None]
            members.sort(key=lambda m: not m.main)  # stable: UiTPAS's order otherwise
            return FamilyAnswer(
                AnswerCode.ACTION_SUCCEEDED, http_status=200, members=tuple(members)
            )
        return FamilyAnswer(**_refusal(reply, "family"))

    async def add_family_member(
        self, *, telegram_user_id: int, uitpas_number: str, birth_date: date
    ) -> FamilyChange:
        """The spec's two steps: a registration token for the new member (their number and
        birth date, HTTP Basic), then ``POST …/family-members`` with it in
        ``x-registration-token``. The birth date is in that one header and nowhere else."""
        path = await self._family_path(telegram_user_id)
        if isinstance(path, _NoUser):
            return FamilyChange(path.code, http_status=path.http_status)
        secret = base64.b64encode(f"{uitpas_number}:{birth_date.isoformat()}".encode()).decode()
        reply = await self._send(
            "registration-token",
            "GET",
            "/passholders/me/uitid/registration-token",
            None,
            authorization=f"Basic {secret}",
        )
        token = reply.body.get("token") if isinstance(reply.body, dict) else None
        if reply.status == 401:
            return FamilyChange(BIRTH_DATE_MISMATCH, http_status=401)
        if reply.status != 200 or not isinstance(token, str):
            return FamilyChange(**_refusal(reply, "registration-token"))
        added = await self._user_call(
            "family",
            "POST",
            path,
            telegram_user_id,
            json={"uitpasNumber": uitpas_number},
            headers={"x-registration-token": token},
        )
        return _family_change(added, "family", 201)

    async def update_family_member(
        self, *, telegram_user_id: int, member_id: str, icon: str
    ) -> FamilyChange:
        """``PUT …/family-members/{memberId}`` ``{"icon"}``: the one field v4 lets one edit."""
        path = await self._family_path(telegram_user_id)
        if isinstance(path, _NoUser):
            return FamilyChange(path.code, http_status=path.http_status)
        reply = await self._user_call(
            "family",
            "PUT",
            f"{path}/{quote(member_id, safe='')}",
            telegram_user_id,
            json={"icon": icon},
        )
        return _family_change(reply, "family", 202)

    async def remove_family_member(self, *, telegram_user_id: int, member_id: str) -> FamilyChange:
        path = await self._family_path(telegram_user_id)
        if isinstance(path, _NoUser):
            return FamilyChange(path.code, http_status=path.http_status)
        reply = await self._user_call(
            "family", "DELETE", f"{path}/{quote(member_id, safe='')}", telegram_user_id
        )
        return _family_change(reply, "family", 202)

    async def checkin_family_member(
        self, *, telegram_user_id: int, member_id: str, checkin_code: str
    ) -> CheckinAnswer:
        """``POST /passholders/{memberId}/checkins`` with the parent's token: points only (the
        member's history and spotlight are not the parent's to read)."""
        if self.user_tokens is None:
            return CheckinAnswer(AnswerCode.LOGIN_REQUIRED)
        reply = await self._user_call(
            "family-checkin",
            "POST",
            f"/passholders/{quote(member_id, safe='')}/checkins",
            telegram_user_id,
            json={"checkinCode": checkin_code},
        )
        if isinstance(reply, _NoUser):
            return CheckinAnswer(reply.code, http_status=reply.http_status)
        if reply.status in (200, 201) and isinstance(reply.body, dict):
            return CheckinAnswer(
                AnswerCode.ACTION_SUCCEEDED,
                http_status=reply.status,
                **_said(reply.body),
                points=_int(reply.body.get("totalPoints")),
                saved_points=_int(reply.body.get("addedPoints")),
            )
        return CheckinAnswer(**_refusal(reply, "family-checkin"))

    async def other_families(self, *, telegram_user_id: int) -> MembershipsAnswer:
        """``GET /passholders/{own id}/families``: the families someone else manages that the
        passholder was added to (the spec: never their own), each named by its main member."""
        own = await self._own_passholder_id(telegram_user_id)
        if isinstance(own, _NoUser):
            return MembershipsAnswer(own.code, http_status=own.http_status)
        reply = await self._user_call(
            "family", "GET", f"/passholders/{quote(own, safe='')}/families", telegram_user_id
        )
        if isinstance(reply, _NoUser):
            return MembershipsAnswer(reply.code, http_status=reply.http_status)
        if reply.status == 200 and isinstance(reply.body, list):
            found = tuple(m for item in reply.body if (m := _membership(item)) is not None)
            return MembershipsAnswer(AnswerCode.ACTION_SUCCEEDED, http_status=200, families=found)
        return MembershipsAnswer(**_refusal(reply, "family"))

    async def leave_family(self, *, telegram_user_id: int, main_id: str) -> FamilyChange:
        """``DELETE /passholders/{main id}/family-members/{own id}`` with the leaver's own
        token: the spec allows it with the permission "for the to be deleted family member"."""
        own = await self._own_passholder_id(telegram_user_id)
        if isinstance(own, _NoUser):
            return FamilyChange(own.code, http_status=own.http_status)
        path = f"/passholders/{quote(main_id, safe='')}/family-members/{quote(own, safe='')}"
        reply = await self._user_call("family", "DELETE", path, telegram_user_id)
        return _family_change(reply, "family", 202)

    async def _family_path(self, telegram_user_id: int) -> str | _NoUser:
        """``/passholders/{own id}/family-members`` (the spec names the family by its main
        member's id)."""
        own = await self._own_passholder_id(telegram_user_id)
        if isinstance(own, _NoUser):
            return own
        return _family_members_path(own)

    async def _own_passholder_id(self, telegram_user_id: int) -> str | _NoUser:
        """The passholder's v4 id, from ``/passholders/me``, asked once per login token; a new
        login, perhaps as someone else, asks again."""
        if self.user_tokens is None:
            return _NoUser(AnswerCode.LOGIN_REQUIRED)
        try:
            token = await self.user_tokens.access_token(telegram_user_id)
        except OAuthRefused as error:
            log.error("UiTiD refused the bot's client: %s", error.error)
            return _NoUser("ACCESS_DENIED", 401)
        if token is None:
            return _NoUser(AnswerCode.LOGIN_REQUIRED)
        cached = self._passholder_ids.get(telegram_user_id)
        known = cached[1] if cached is not None and cached[0] == token else None
        if known is None:
            reply = await self._user_call("me", "GET", "/passholders/me", telegram_user_id)
            if isinstance(reply, _NoUser):
                return reply
            found = reply.body.get("id") if isinstance(reply.body, dict) else None
            if reply.status != 200 or not isinstance(found, str):
                refusal = _refusal(reply, "me") if reply.status != 200 else {"code": "REFUSED"}
                return _NoUser(refusal["code"], reply.status)
            if len(self._passholder_ids) >= _MAX_CARD_SYSTEMS_REMEMBERED:
                self._passholder_ids.clear()
            self._passholder_ids[telegram_user_id] = (token, found)
            # The same answer names the card systems: the check-in's spotlight, asked next,
            # then needs no second /passholders/me.
            self._learn_memberships(reply.body)
            known = found
        return known

    # --- plumbing ----------------------------------------------------------------------------

    async def _checkin_event(
        self, telegram_user_id: int, sent_at: datetime, added: int | None, code: str
    ) -> Event | None:
        """The event of the check-in just saved: its line in the history (same points, dated
        after it was sent), or the event an earlier check-in's history told for the same code.
        None when the history is silent; the point counts anyway."""
        if not added:
            return None
        known = self._events.get(code)
        if known is not None:
            return known
        try:
            history = await self.transactions(
                telegram_user_id=telegram_user_id, limit=CHECKIN_EVENT_LOOKBACK
            )
        except UitpasUnavailable:
            return None
        if not history.succeeded:
            return None
        found = history.saved_since(sent_at, points=added)
        if found is None or found.event is None:
            return None
        if history.saved_count_since(sent_at, points=added) == 1:  # surely this check-in's
            self._events.keep(code, found.event)
        return found.event

    async def _user_call(
        self,
        operation: str,
        method: str,
        path: str,
        telegram_user_id: int,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply | _NoUser:
        """A call with the passholder's own token; one renewed token and one more try on 401.

        No login, or a fresh token refused too: ``LOGIN_REQUIRED`` (the user logs in again).
        """
        assert self.user_tokens is not None
        reply: Reply | None = None
        for renew in (False, True):
            try:
                token = await self.user_tokens.access_token(telegram_user_id, renew=renew)
            except OAuthRefused as error:  # the bot's own client refused by the server
                log.error("UiTiD refused the bot's client: %s", error.error)
                return _NoUser("ACCESS_DENIED", 401)
            if token is None:
                return _NoUser(AnswerCode.LOGIN_REQUIRED)
            reply = await self._send(
                operation, method, path, token, params=params, json=json, headers=headers
            )
            if reply.status != 401:
                break
        assert reply is not None
        if reply.status == 401:  # a fresh token refused too: the login is not usable
            return _NoUser(AnswerCode.LOGIN_REQUIRED, 401)
        return reply

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
            passholder_id = reply.body.get("passholderId")
            if isinstance(passholder_id, str) and passholder_id:
                if len(self._passholder_id_of) >= _MAX_CARD_SYSTEMS_REMEMBERED:
                    self._passholder_id_of.clear()
                    self._postal_code_of.clear()
                self._passholder_id_of[uitpas_number] = passholder_id
            postal_code = reply.body.get("postalCode")
            if isinstance(postal_code, str) and postal_code.strip():
                self._postal_code_of[uitpas_number] = postal_code.strip()
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

    async def _spotlight(self, uitpas_number: str, telegram_user_id: int) -> tuple[Promotion, ...]:
        """The featured rewards of the passholder's card system; none rather than another's.

        An unknown card system is asked with the passholder's own token (``/passholders/me``),
        so a check-in reads no pass, before or after."""
        try:
            token = None
            if uitpas_number not in self._card_system_of and self.user_tokens is not None:
                token = await self.user_tokens.access_token(telegram_user_id)
            card_system = await self._card_system_id(uitpas_number, token)
            if isinstance(card_system, Reply):
                return ()
            self._card_system_of[uitpas_number] = card_system
            cached = self._spotlights.get(card_system)
            if cached is not None:
                return cached
            answer = await self.promotions(
                uitpas_number=uitpas_number, in_spotlight=True, max_results=SPOTLIGHT_SIZE
            )
        except UitpasUnavailable:
            return ()
        if not answer.succeeded:
            return ()
        return self._spotlights.keep(
            card_system, tuple(p for p in answer.promotions if p.in_spotlight)
        )

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
        self,
        operation: str,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, str] | None = None,
    ) -> Reply:
        """A call with the bot's own token; one new token and one more try on 401 (a 401 is
        answered before anything is done, so even a redemption may be sent again after it)."""
        reply = Reply(401, None)
        for renew in (False, True):
            try:
                token = await self._client_token_value(renew=renew)
            except OAuthRefused:
                return Reply(401, None)
            reply = await self._send(operation, method, path, token, params=params, json=json)
            if reply.status != 401:
                break
        return reply

    async def _send(
        self,
        operation: str,
        method: str,
        path: str,
        token: str | None,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        authorization: str | None = None,
    ) -> Reply:
        """One request, retried after 429 within limits; the decoded answer whatever the status.
        ``authorization`` instead of the bearer ``token``: HTTP Basic (the registration token)."""
        headers = {**(headers or {}), "Authorization": authorization or f"Bearer {token}"}
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


def passholder_number(body: dict[str, Any]) -> str | None:
    """The UiTPAS number of a ``Passholder``: ``uitpasNumber``, which the spec does not
    require, else that of a card-system membership, an active one first (the spec fills a
    membership's ``uitpasNumber`` only for an active current card)."""
    number = body.get("uitpasNumber")
    if isinstance(number, str) and number.strip():
        return number.strip()
    memberships = body.get("cardSystemMemberships")
    if not isinstance(memberships, list):
        return None
    candidates: list[tuple[int, str]] = []
    for membership in memberships:
        if not isinstance(membership, dict):
            continue
        card = (
            membership.get("currentCard") if isinstance(membership.get("currentCard"), dict) else {}
        )
        number = membership.get("uitpasNumber")
        card_active = card.get("status") == "ACTIVE"
        if not (isinstance(number, str) and number.strip()) and card_active:
            number = card.get("uitpasNumber")
        if isinstance(number, str) and number.strip():
            active = membership.get("status", "ACTIVE") == "ACTIVE"
            candidates.append((0 if active else 1, number.strip()))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _kansentarief_card_system(body: dict[str, Any]) -> str | None:
    """The card system's name when ``socialTariff.status`` is ACTIVE (the spec's pass)."""
    tariff, system = body.get("socialTariff"), body.get("cardSystem")
    if not isinstance(tariff, dict) or tariff.get("status") != "ACTIVE":
        return None
    return _text(system.get("name")) if isinstance(system, dict) else None


def _family_members_path(passholder_id: str) -> str:
    return f"/passholders/{quote(passholder_id, safe='')}/family-members"


def _family_member(item: Any) -> FamilyMember | None:
    """One ``FamilyMember``; its ``passholder`` holds the name, points and card system. The
    birth date in it is never read."""
    if not isinstance(item, dict):
        return None
    passholder = item.get("passholder") if isinstance(item.get("passholder"), dict) else {}
    number = item.get("uitpasNumber")
    if not isinstance(number, str):
        number = passholder_number(passholder)
    first_name = _text(item.get("firstName")) or _text(passholder.get("firstName"))
    points = _int(item.get("points"))
    if points is None:
        points = _int(passholder.get("points"))
    systems = [
        m["cardSystem"].get("name")
        for m in passholder.get("cardSystemMemberships") or ()
        if isinstance(m, dict) and isinstance(m.get("cardSystem"), dict)
    ]
    return FamilyMember(
        passholder_id=_text(passholder.get("id")),
        uitpas_number=number.strip() if isinstance(number, str) else None,
        first_name=first_name,
        points=points,
        icon=_text(item.get("icon")),
        main=item.get("mainFamilyMember") is True,
        card_system=next((s for s in systems if isinstance(s, str)), None),
    )


def _membership(item: Any) -> Membership | None:
    """One of ``GET …/families``; one without the main member's id cannot be left: skipped."""
    if not isinstance(item, dict) or _text(item.get("passholderId")) is None:
        return None
    return Membership(
        main_id=item["passholderId"].strip(),
        first_name=_text(item.get("firstName")),
        name=_text(item.get("name")),
        member_since=_moment(item.get("memberSince")),
    )


def _family_change(reply: Reply | _NoUser, operation: str, success: int) -> FamilyChange:
    if isinstance(reply, _NoUser):
        return FamilyChange(reply.code, http_status=reply.http_status)
    if reply.status in (200, success):
        return FamilyChange(AnswerCode.ACTION_SUCCEEDED, http_status=reply.status)
    return FamilyChange(**_refusal(reply, operation))


_INACTIVE_CARD_CODES = {
    "BLOCKED": AnswerCode.INVALID_CARD_STATUS_BLOCKED,
    "DELETED": AnswerCode.INVALID_CARD_STATUS_DELETED,
}


def inactive_card(body: dict[str, Any]) -> tuple[str, str] | None:
    """(answer code, number) of a membership's current card that is not active, for a
    ``Passholder`` with no active one: the spec gives ``currentCard.uitpasNumber`` whatever
    the card's status, the convenience ``uitpasNumber`` only for an active card. A blocked card
    comes before a deleted one (it may work again)."""
    memberships = body.get("cardSystemMemberships")
    found: list[tuple[str, str]] = []
    for membership in memberships if isinstance(memberships, list) else ():
        card = membership.get("currentCard") if isinstance(membership, dict) else None
        if not isinstance(card, dict):
            continue
        number, status = card.get("uitpasNumber"), str(card.get("status", "")).upper()
        if isinstance(number, str) and number.strip() and status in _INACTIVE_CARD_CODES:
            found.append((_INACTIVE_CARD_CODES[status], number.strip()))
    found.sort(key=lambda item: item[0] != AnswerCode.INVALID_CARD_STATUS_BLOCKED)
    return found[0] if found else None


def _pass_messages(value: Any) -> tuple[PassMessage, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        PassMessage(str(m.get("level") or "INFO").upper(), m["text"].strip())
        for m in value
        if isinstance(m, dict) and isinstance(m.get("text"), str) and m["text"].strip()
    )


def _log_forbidden(operation: str, reply: Reply) -> str | None:
    """Tell the operator which permission to ask publiq for; the permission, if one is named."""
    permission = REQUIRED_PERMISSIONS.get(operation)
    problem = read_problem(reply.body, reply.status)
    detail = (problem.detail if problem else None) or "-"
    if permission is None:
        log.error(
            "UiTPAS v4 %s: 403 forbidden: the bot's client has no access to this API at all? "
            "(detail: %.200s)",
            operation,
            detail,
        )
    else:
        log.error(
            "UiTPAS v4 %s: 403 forbidden: the bot's client lacks the permission %s; ask publiq "
            "to grant it (detail: %.200s)",
            operation,
            permission,
            detail,
        )
    return permission


def _said(body: Any) -> dict[str, str | None]:
    """The ``endUserMessage`` fields of a success answer, as :func:`_refusal` gives a refusal's."""
    nl, en, fr = end_user_messages(body)
    return {"end_user_message_nl": nl, "end_user_message_en": en, "end_user_message_fr": fr}


def _refusal(reply: Reply, operation: str) -> dict[str, Any]:
    """Fields for an answer that is not a success; unreadable answers raise."""
    problem = read_problem(reply.body, reply.status)
    permission = _log_forbidden(operation, reply) if reply.status == 403 else None
    if problem is None or (not problem.known and reply.status >= 500):
        if reply.status in (401, 403):
            return {
                "code": "ACCESS_DENIED",
                "http_status": reply.status,
                "required_permission": permission,
            }
        kind = f"problem type {problem.type}" if problem else "no problem document"
        detail = f"{operation}: HTTP {reply.status} with {kind}"
        log.warning("UiTPAS v4 %s", detail)
        raise UitpasUnavailable(UnavailableReason.UNREADABLE, detail, sent=True)
    if not problem.known:
        log.warning(
            "UiTPAS v4 %s: problem type the bot does not know: %s (HTTP %d), read as %s",
            operation,
            problem.type,
            reply.status,
            problem.code,
        )
    return {
        "code": problem.code,
        "message": problem.message,
        "http_status": reply.status,
        "end_user_message_nl": problem.end_user_message_nl,
        "end_user_message_en": problem.end_user_message_en,
        "end_user_message_fr": problem.end_user_message_fr,
        "required_permission": permission,
    }


def _retry_after(value: str | None) -> float:
    """Seconds from ``Retry-After`` (delta-seconds; an HTTP date counts as too long)."""
    try:
        return max(float(value), 0.0) if value is not None else 1.0
    except ValueError:
        return float("inf")


def _transaction(member: Any) -> Transaction | None:
    """One history line; one that is not an object is skipped, missing fields stay None."""
    if not isinstance(member, dict):
        return None
    return Transaction(
        title=_text(member.get("title")),
        location=_text(member.get("location")),
        created=_moment(member.get("creationDate")),
        points=_int(member.get("points")),  # a "number" in the spec; points are whole
    )


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _moment(value: Any) -> datetime | None:
    """An ISO 8601 date-time with its offset; one without an offset is taken as UTC."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    return int(value) if isinstance(value, int | float) else None


def _redemption(body: dict[str, Any]) -> Redemption | None:
    """One ``RedeemedReward``; without an id it cannot be told apart from others: skipped."""
    reward = body.get("reward") if isinstance(body.get("reward"), dict) else {}
    info = body.get("redeemInfo") if isinstance(body.get("redeemInfo"), dict) else {}
    if body.get("id") is None:
        return None
    return Redemption(
        id=str(body["id"]),
        reward_id=str(reward["id"]) if reward.get("id") is not None else None,
        reward_title=_text(reward.get("title")),
        points=_int(reward.get("points")),
        redeemed_at=_moment(body.get("redeemDate")),
        code=_text(body.get("redeemCode")),
        info_text=_text(info.get("text")),
        info_link=_text(info.get("link")),
        info_label=_text(info.get("label")),
    )


def _newest_first(redemption: Redemption) -> float:
    moment = redemption.redeemed_at
    return -moment.timestamp() if moment is not None else float("inf")


def _coupon(member: Any) -> Coupon | None:
    if not isinstance(member, dict):
        return None
    coupon = member.get("coupon") if isinstance(member.get("coupon"), dict) else {}
    period = member.get("validityPeriod") if isinstance(member.get("validityPeriod"), dict) else {}
    remaining = member.get("remaining") if isinstance(member.get("remaining"), dict) else {}
    return Coupon(
        name=_text(coupon.get("name")),
        description=_text(coupon.get("description")),
        status=_text(member.get("status")),
        valid_from=_moment(period.get("begin")),
        valid_until=_moment(period.get("end")),
        remaining=_int(remaining.get("volume")),
        remaining_period=_text(remaining.get("period")),
    )


def _social_tariff(value: Any) -> SocialTariff | None:
    if not isinstance(value, dict) or not isinstance(value.get("status"), str):
        return None
    return SocialTariff(value["status"].strip().upper(), _moment(value.get("endDate")))


# --- the check-in's spotlight, reused (issue 21) ----------------------------------------------


class TimedCache(Generic[K, V]):
    """Values kept for ``seconds`` each (0: never kept), at most ``most`` of them: when full,
    all are dropped at once (crude, but bounded; it is only a cache)."""

    def __init__(self, seconds: float, most: int) -> None:
        self._seconds = seconds
        self._most = most
        self._kept: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        found = self._kept.get(key)
        if found is None or found[0] < time.monotonic():
            return None
        return found[1]

    def keep(self, key: K, value: V) -> V:
        if self._seconds > 0:
            if len(self._kept) >= self._most:
                self._kept.clear()
            self._kept[key] = (time.monotonic() + self._seconds, value)
        return value


class CheckinEventCache:
    """The event of a check-in code, as a history told it, for ``seconds``.

    At an event everyone scans the same code, and v4's check-in answer has points only: the
    event came from each passholder's history, one UiTPAS request per check-in. The code is
    kept as a digest; an event is kept only when one line of that history could be the
    check-in (so a mistaken match is not told to everyone after)."""

    def __init__(self, seconds: float) -> None:
        self._events: TimedCache[bytes, Event] = TimedCache(seconds, _MAX_CODES_REMEMBERED)

    @staticmethod
    def _key(code: str) -> bytes:
        return hashlib.sha256(code.encode()).digest()

    def get(self, code: str) -> Event | None:
        return self._events.get(self._key(code))

    def keep(self, code: str, event: Event) -> None:
        self._events.keep(self._key(code), event)


class SpotlightCache(TimedCache[str, tuple[Promotion, ...]]):
    """A card system's featured rewards for ``seconds`` (0: never reused).

    Every successful check-in shows them, and they are the same for every passholder of the
    card system: asked each time they were one UiTPAS request (and a page of rewards to read)
    per check-in. Units left and whether a reward can be traded now are refined afterwards
    from the promotions list, which is cached the same way (``PROMOTIONS_CACHE_SECONDS``)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds, _MAX_CARD_SYSTEMS_REMEMBERED)
