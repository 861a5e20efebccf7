"""Harmless v4 calls that tell whether the bot's client may do what the bot does (``doctor``).

Each v4 operation the bot uses needs one permission (publiq's spec, ``uitpas-v4-openapi.json``,
says which in each operation's description); a client without it gets 403 ``auth/forbidden``
there, in the middle of a passholder's conversation. ``GET /permissions`` lists what the client
was granted, per organizer; where a client token can call the operation itself, a read that
changes nothing confirms it (a 403 there is what counts, whatever the list says).

Nothing here logs or returns a token, a secret or a response body.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import quote

import httpx

from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.v4.oauth import OAuthRefused, UitidAuth, pkce_pair

# A well-formed UiTPAS number (13 digits, valid check digit) that no card carries: reading it
# answers 404 to a client that may read passes, 403 to one that may not.
PROBE_NUMBER = "0000000000000"


@dataclass(frozen=True, slots=True)
class Requirement:
    permission: str
    operations: str  # what the bot calls with it
    why: str  # what the passholder loses without it
    probe: bool  # a client token can try it (the user-token operations cannot be tried)


# Every permission the bot needs, in the order of a passholder's way through the bot.
# GET /rewards (the promotions list) needs none.
REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "PASSHOLDERS_SELF_READ",
        "GET /passholders/me",
        "/link: who logged in and their UiTPAS number",
        probe=False,
    ),
    Requirement(
        "PASSHOLDERS_SELF_CHECKIN",
        "POST /passholders/me/checkins, GET /passholders/me/transactions",
        "a check-in with the QR code, and its event",
        probe=False,
    ),
    Requirement(
        "PASSES_READ",
        "GET /passes",
        "/points and the card system of the promotions",
        probe=True,
    ),
    Requirement(
        "REWARDS_READ",
        "GET /rewards/{rewardId}",
        "a promotion's details",
        probe=True,
    ),
    Requirement(
        "REWARDS_REDEEM",
        "GET /rewards/{rewardId}/redeem-status, POST /rewards/redeemed",
        "whether a promotion can be traded now, and redeeming it online",
        probe=True,
    ),
    # Checked against GET /permissions only: no harmless call tells them apart.
    Requirement(
        "PASSHOLDERS_FAMILY_MEMBERS",
        "GET/POST/PUT/DELETE /passholders/{passholderId}/family-members, GET …/families",
        "/family (leaving another's family too) and \"who's with you?\" before a check-in",
        probe=False,
    ),
    Requirement(
        "PASSHOLDER_COUPONS_READ",
        "GET /passholders/{passholderId}/coupons",
        "the coupons in /points",
        probe=False,
    ),
    Requirement(
        "REWARDS_PASSHOLDERS_READ",
        "GET /rewards?isRedeemableByPassholderId=…",
        "the welcome rewards a passholder can still get in /promotions",
        probe=False,
    ),
)


class Access(StrEnum):
    ALLOWED = "allowed"
    FORBIDDEN = "forbidden"  # 403
    UNKNOWN = "unknown"  # no answer, or one that says neither


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    detail: str


class V4Probe:
    """One client token, then reads with it. Use ``async with``."""

    def __init__(
        self,
        api_url: str,
        auth: UitidAuth,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._api_url = api_url.rstrip("/")
        self._auth = auth
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)
        self._token: str | None = None
        self._reward_id: str | None = None
        self._organizers: list[str] = []  # from GET /permissions: the rewards probed are theirs

    async def __aenter__(self) -> V4Probe:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._http.aclose()
        await self._auth.aclose()

    async def token(self) -> Outcome:
        try:
            tokens = await self._auth.client_credentials()
        except OAuthRefused as refused:
            return Outcome(False, f"UiTiD refuses the client credentials ({refused.error})")
        except UitpasUnavailable as error:
            return Outcome(False, f"UiTiD did not answer ({error.reason.value})")
        self._token = tokens.access_token
        return Outcome(True, "client credentials accepted")

    async def reachable(self) -> Outcome:
        """``GET /rewards?limit=1``: needs no permission, so only the API itself can fail it.
        The first reward is kept for the reward probes: one of the client's own organizers
        (after :meth:`granted`), since ``REWARDS_READ`` and ``REWARDS_REDEEM`` are granted
        "for the given organizer"."""
        params = {"limit": "1"}
        if self._organizers:
            params["organizerId"] = self._organizers[0]
        response = await self._get("/rewards", params)
        if response is None:
            return Outcome(False, "no answer")
        if response.status_code != 200:
            return Outcome(False, f"GET /rewards answered HTTP {response.status_code}")
        body = _json(response)
        members = body.get("member") if isinstance(body, dict) else None
        if isinstance(members, list) and members and isinstance(members[0], dict):
            found = members[0].get("id")
            self._reward_id = str(found) if found is not None else None
        return Outcome(True, "GET /rewards answers")

    async def granted(self) -> tuple[frozenset[str] | None, str]:
        """The client's permissions from ``GET /permissions`` (over all its organizers), or
        None and why not."""
        response = await self._get("/permissions")
        if response is None:
            return None, "GET /permissions: no answer"
        if response.status_code != 200:
            return None, f"GET /permissions answered HTTP {response.status_code}"
        body = _json(response)
        if not isinstance(body, list):
            return None, "GET /permissions: not a list"
        found: set[str] = set()
        for entry in body:
            found |= _permissions_of(entry)
            organizer = entry.get("organizer") if isinstance(entry, dict) else None
            if isinstance(organizer, dict) and isinstance(organizer.get("id"), str):
                self._organizers.append(organizer["id"])
            linked = entry.get("linkedOrganizers") if isinstance(entry, dict) else None
            for other in linked if isinstance(linked, list) else ():
                found |= _permissions_of(other)
        return frozenset(found), f"GET /permissions: {len(body)} organizer(s)"

    async def try_operation(self, permission: str) -> Access:
        """A read that changes nothing, with the client token, on the operation that needs
        ``permission``; ``UNKNOWN`` for the operations only a passholder's token may call."""
        reward = quote(self._reward_id or "0", safe="")
        if permission == "PASSES_READ":
            response = await self._get("/passes", {"identifier": PROBE_NUMBER})
        elif permission == "REWARDS_READ":
            response = await self._get(f"/rewards/{reward}")
        elif permission == "REWARDS_REDEEM":
            response = await self._get(
                f"/rewards/{reward}/redeem-status", {"uitpasNumber": PROBE_NUMBER}
            )
        else:
            return Access.UNKNOWN
        if response is None or response.status_code in (401, 429) or response.status_code >= 500:
            return Access.UNKNOWN
        return Access.FORBIDDEN if response.status_code == 403 else Access.ALLOWED

    async def redirect_accepted(self, redirect_uri: str) -> bool | None:
        """Does UiTiD's login page take ``redirect_uri`` for this client? Keycloak shows its
        login page (or redirects to it) for a registered one and answers 400 "Invalid
        parameter: redirect_uri" otherwise. None: no answer. Nobody logs in."""
        _, challenge = pkce_pair()
        url = self._auth.authorization_url(
            state=secrets.token_urlsafe(16), code_challenge=challenge, redirect_uri=redirect_uri
        )
        try:
            response = await self._http.get(url, follow_redirects=False)
        except httpx.HTTPError:
            return None
        if response.status_code >= 500:
            return None
        return response.status_code < 400

    async def _get(self, path: str, params: dict[str, str] | None = None) -> httpx.Response | None:
        if self._token is None:
            return None
        try:
            return await self._http.get(
                f"{self._api_url}{path}",
                params=params,
                headers={
                    "Authorization": f"Bearer {self._token}",
                    "Accept": "application/json, application/problem+json",
                },
            )
        except httpx.HTTPError:
            return None


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _permissions_of(entry: Any) -> set[str]:
    """``permissionDetails[].id``, and the deprecated ``permissions`` list, of one organizer."""
    if not isinstance(entry, dict):
        return set()
    found = {p for p in entry.get("permissions") or () if isinstance(p, str)}
    for detail in entry.get("permissionDetails") or ():
        if isinstance(detail, dict) and isinstance(detail.get("id"), str):
            found.add(detail["id"])
    return found
