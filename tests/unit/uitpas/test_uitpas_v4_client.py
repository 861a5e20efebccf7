"""The v4 client and the sandbox's UiTiD server, over HTTP, without Telegram.

Each test talks to a fresh sandbox; the passholder logs in the way a browser would (the
sandbox's login form, posted directly), so PKCE, single-use codes and rotation are exercised
for real.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.uitpas.app import create_app
from bot.sandbox.uitpas.data import BLOCKED, BRUSSELS, GENT, NORMAL, OTHER
from bot.sandbox.uitpas_v4 import AUTH_PREFIX, V4_PREFIX
from bot.sandbox.uitpas_v4.uitid import DEMO_CLIENTS
from bot.uitpas.errors import UitpasUnavailable, UnavailableReason
from bot.uitpas.models import AnswerCode
from bot.uitpas.v4.client import V4Client
from bot.uitpas.v4.oauth import OAuthRefused, TokenSet, UitidAuth, pkce_challenge, pkce_pair

JAZZ_CODE = "12345678"
REDIRECT = "http://127.0.0.1:9/oauth/callback"
CLIENT = DEMO_CLIENTS[0]


@pytest.fixture
def sandbox() -> Iterator[BackgroundServer]:
    with serving(create_app()) as server:
        yield server


def auth_for(server: BackgroundServer, secret: str = CLIENT.secret) -> UitidAuth:
    return UitidAuth(f"{server.url}{AUTH_PREFIX}", CLIENT.client_id, secret)


async def log_in(server: BackgroundServer, auth: UitidAuth, number: str) -> tuple[str, str]:
    """(code, verifier) as the redirect would deliver them."""
    verifier, challenge = pkce_pair()
    url = auth.authorization_url(state="s1", code_challenge=challenge, redirect_uri=REDIRECT)
    async with httpx.AsyncClient() as browser:
        page = await browser.get(url)
        assert page.status_code == 200
        assert "Aanmelden met UiTiD" in page.text
        answer = await browser.post(url, data={"passholder": number})
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["state"] == ["s1"]
    return query["code"][0], verifier


class FixedTokens:
    """A UserTokens that hands out one token set and refreshes it through ``auth``."""

    def __init__(self, auth: UitidAuth, tokens: TokenSet | None) -> None:
        self.auth, self.tokens = auth, tokens

    async def access_token(self, telegram_user_id: int, *, renew: bool = False) -> str | None:
        if self.tokens is None:
            return None
        if renew:
            assert self.tokens.refresh_token is not None
            try:
                self.tokens = await self.auth.refresh(self.tokens.refresh_token)
            except OAuthRefused:
                self.tokens = None
                return None
        return self.tokens.access_token


async def logged_in_client(sandbox: BackgroundServer, number: str = NORMAL) -> V4Client:
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, number)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    return V4Client(f"{sandbox.url}{V4_PREFIX}", auth, FixedTokens(auth, tokens))


async def test_check_in_points_and_spotlight(sandbox: BackgroundServer) -> None:
    client = await logged_in_client(sandbox)
    answer = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    assert (answer.code, answer.saved_points, answer.points) == ("ACTION_SUCCEEDED", 1, 26)
    assert {p.id for p in answer.spotlight} == {"101", "102", "103", "104", "105"}
    assert (await client.points(NORMAL)).points == 26
    again = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    assert again.code == "CHECKIN_NOT_ALLOWED"
    assert again.end_user_message_nl == "Je hebt vandaag al punten gespaard voor dit evenement."
    await client.aclose()


async def test_problems_map_to_legacy_codes(sandbox: BackgroundServer) -> None:
    client = await logged_in_client(sandbox)
    expired = await client.checkin(
        NORMAL, "https://uitpas.be/?qr=rommelmarkt7xq2", telegram_user_id=1
    )
    assert expired.code == AnswerCode.CHECKIN_CODE_EXPIRED
    assert expired.end_user_message_nl
    assert (await client.checkin(NORMAL, "nope", telegram_user_id=1)).code == (
        AnswerCode.CHECKIN_CODE_INVALID
    )
    assert (await client.points(BLOCKED)).code == AnswerCode.INVALID_CARD_STATUS_BLOCKED
    # The spec's /passes has no invalid-number problem: an identifier that is no pass's is 404.
    assert (await client.points("1234567890123")).code == AnswerCode.UNKNOWN_UITPASNUMBER
    assert (await client.promotion("999")).code == "UNKNOWN_POINTS_PROMOTION_ID"
    await client.aclose()


async def test_promotions_pages_and_redeem_status(sandbox: BackgroundServer) -> None:
    client = await logged_in_client(sandbox, OTHER)
    first = await client.promotions(
        uitpas_number=OTHER, sort="POINTS", order="ASC", start=0, max_results=5
    )
    assert first.total == 19  # Gent's: 16 demo rewards and 3 of publiq's test rewards
    assert [p.points for p in first.promotions] == [1, 2, 3, 5, 6]
    detail = await client.promotion("102", uitpas_number=OTHER)
    assert detail.promotion is not None
    assert detail.promotion.cash_in_state == "NOT_POSSIBLE_POINTS_CONSTRAINT"
    assert detail.promotion.pictures[0].endswith("/media/promotions/102-0.png")
    sold_out = await client.promotion("104")
    assert sold_out.promotion is not None
    assert sold_out.promotion.units_left == 0
    await client.aclose()


async def test_no_login_is_an_answer_not_an_error(sandbox: BackgroundServer) -> None:
    auth = auth_for(sandbox)
    client = V4Client(f"{sandbox.url}{V4_PREFIX}", auth, FixedTokens(auth, None))
    answer = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    assert answer.code == AnswerCode.LOGIN_REQUIRED
    await client.aclose()


async def test_expired_access_token_is_refreshed_once(sandbox: BackgroundServer) -> None:
    client = await logged_in_client(sandbox)
    await client.points(NORMAL)  # a client token is cached
    async with httpx.AsyncClient(base_url=sandbox.url) as control:
        (await control.post("/_sandbox/uitid/expire", json={"tokens": "access"})).raise_for_status()
        answer = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
        assert answer.succeeded  # the user token was refreshed after a 401
        assert (await client.points(NORMAL)).points == 26  # and the client token renewed
        (await control.post("/_sandbox/uitid/expire", json={"tokens": "all"})).raise_for_status()
    gone = await client.checkin(NORMAL, "87654321", telegram_user_id=1)
    assert gone.code == AnswerCode.LOGIN_REQUIRED
    await client.aclose()


async def test_client_token_is_cached(sandbox: BackgroundServer) -> None:
    client = V4Client(f"{sandbox.url}{V4_PREFIX}", auth_for(sandbox), None)
    for _ in range(3):
        assert (await client.points(NORMAL)).points == 25
    async with httpx.AsyncClient(base_url=sandbox.url) as control:
        assert (await control.get("/_sandbox/uitid")).json()["tokenRequests"] == 1
    await client.aclose()


async def test_wrong_client_secret_refuses_the_bot(sandbox: BackgroundServer) -> None:
    client = V4Client(f"{sandbox.url}{V4_PREFIX}", auth_for(sandbox, "wrong"), None)
    answer = await client.points(NORMAL)
    assert answer.refuses_the_bot
    await client.aclose()


async def test_rate_limited_is_retried_after_the_time_asked(sandbox: BackgroundServer) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    client = V4Client(f"{sandbox.url}{V4_PREFIX}", auth_for(sandbox), None, sleep=sleep)
    body = '{"type": "https://api.publiq.be/probs/uitpas/rate-limited", "status": 429}'
    async with httpx.AsyncClient(base_url=sandbox.url) as control:
        fault = {"path": "/v4/passes", "status": 429, "body": body, "retry_after": 2}
        (await control.post("/_sandbox/faults", json=fault)).raise_for_status()
        assert (await client.points(NORMAL)).points == 25
        assert slept == [2.0]
        (
            await control.post("/_sandbox/faults", json=fault | {"retry_after": 60})
        ).raise_for_status()
        with pytest.raises(UitpasUnavailable) as raised:
            await client.points(NORMAL)
    assert raised.value.reason is UnavailableReason.RATE_LIMITED
    assert not raised.value.sent
    await client.aclose()


async def test_codes_are_single_use_and_pkce_is_verified(sandbox: BackgroundServer) -> None:
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, NORMAL)
    with pytest.raises(OAuthRefused) as wrong:
        await auth.exchange_code(code, verifier + "x", REDIRECT)
    assert wrong.value.login_gone  # and the code is spent
    code, verifier = await log_in(sandbox, auth, NORMAL)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    with pytest.raises(OAuthRefused):
        await auth.exchange_code(code, verifier, REDIRECT)
    assert tokens.refresh_token is not None
    rotated = await auth.refresh(tokens.refresh_token)
    with pytest.raises(OAuthRefused):
        await auth.refresh(tokens.refresh_token)  # rotated: the old one is dead
    assert rotated.refresh_token is not None
    await auth.revoke(rotated.refresh_token)
    with pytest.raises(OAuthRefused):
        await auth.refresh(rotated.refresh_token)
    assert pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == (
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"  # RFC 7636, appendix B
    )
    await auth.aclose()


# --- rewards limited to the passholder's card system ------------------------------------------


async def test_rewards_are_those_of_the_passholders_card_system(sandbox: BackgroundServer) -> None:
    """Unscoped, /rewards lists both card systems; with a passholder, only theirs."""
    client = await logged_in_client(sandbox)
    everything = {p.id for p in (await client.promotions(max_results=100)).promotions}
    gent = await client.promotions(uitpas_number=NORMAL, max_results=100)
    brussels = await client.promotions(uitpas_number=BRUSSELS, max_results=100)
    await client.aclose()
    assert {"201", "202", "101", "5687"} <= everything
    assert {p.owning_card_system for p in gent.promotions} == {GENT.name}
    assert not {"201", "202"} & {p.id for p in gent.promotions}
    assert {p.id for p in brussels.promotions} == {"201", "202"}


async def test_the_check_in_spotlight_is_the_passholders_card_system(
    sandbox: BackgroundServer,
) -> None:
    """Paspartoe's featured reward is not in a Gent check-in's spotlight, and vice versa."""
    client = await logged_in_client(sandbox, BRUSSELS)
    answer = await client.checkin(BRUSSELS, JAZZ_CODE, telegram_user_id=1)
    await client.aclose()
    assert answer.code == AnswerCode.ACTION_SUCCEEDED
    assert {p.id for p in answer.spotlight} == {"201"}
