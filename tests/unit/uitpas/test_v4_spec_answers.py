"""The v4 client reads publiq's answers as the spec writes them, over HTTP, spec-checked.

Each test runs the real ``V4Client`` against the real sandbox through ``SpecCheckingTransport``
(so a request or answer that drifts from the spec fails too). Answers the demo world does not
give by itself (a 403, a reason about card systems, a 200 with an ``endUserMessage``) come from
the sandbox's fault injection, with bodies the spec allows.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.uitpas.app import create_app
from bot.sandbox.uitpas.data import NORMAL, OTHER
from bot.sandbox.uitpas_v4 import V4_PREFIX
from bot.sandbox.uitpas_v4.api import OLD_BLOCKED_CARD
from bot.uitpas.models import REFUSED, AnswerCode, PassMessage
from bot.uitpas.v4.client import V4Client, passholder_number
from tests.support.v4_spec import SpecCheckingTransport
from tests.unit.uitpas.test_uitpas_v4_client import REDIRECT, FixedTokens, auth_for, log_in

JAZZ_CODE = "12345678"
FORBIDDEN = {
    "type": "https://api.publiq.be/probs/auth/forbidden",
    "title": "Forbidden",
    "status": 403,
    "detail": "client lacks permission",
}


class Recording(SpecCheckingTransport):
    """The spec check, also keeping each request's headers."""

    def __init__(self, server_url: str, *, check_problem_types: bool = True) -> None:
        super().__init__(server_url, check_problem_types=check_problem_types)
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await super().handle_async_request(request)


@pytest.fixture
def sandbox() -> Iterator[BackgroundServer]:
    with serving(create_app()) as server:
        yield server


async def client_for(
    sandbox: BackgroundServer, number: str | None = NORMAL, *, check_problem_types: bool = True
) -> tuple[V4Client, Recording]:
    """A spec-checked client; logged in as ``number`` (None: no login). Problem types outside
    the spec are let through only for a test that injects one on purpose."""
    base = f"{sandbox.url}{V4_PREFIX}"
    transport = Recording(base, check_problem_types=check_problem_types)
    auth = auth_for(sandbox)
    tokens = None
    if number is not None:
        code, verifier = await log_in(sandbox, auth, number)
        tokens = await auth.exchange_code(code, verifier, REDIRECT)
    return V4Client(base, auth, FixedTokens(auth, tokens), transport=transport), transport


@pytest.fixture
async def client(sandbox: BackgroundServer) -> AsyncIterator[V4Client]:
    made, _ = await client_for(sandbox)
    yield made
    await made.aclose()


async def fault(
    sandbox: BackgroundServer,
    path: str,
    status: int,
    body: dict[str, Any],
    content_type: str = "application/problem+json",
) -> None:
    async with httpx.AsyncClient() as http:
        answer = await http.post(
            f"{sandbox.url}/_sandbox/faults",
            json={
                "path": path,
                "status": status,
                "body": json.dumps(body),
                "content_type": content_type,
            },
        )
        answer.raise_for_status()


# --- Passholder.uitpasNumber is optional -----------------------------------------------------


async def test_me_without_uitpas_number_uses_the_active_membership(
    sandbox: BackgroundServer,
) -> None:
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, OTHER)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    client, transport = await client_for(sandbox, None)
    async with httpx.AsyncClient() as http:  # the sandbox really leaves it out
        raw = await http.get(
            f"{sandbox.url}{V4_PREFIX}/passholders/me",
            headers={"Authorization": f"Bearer {tokens.access_token}"},
        )
    assert "uitpasNumber" not in raw.json()
    me = await client.me(tokens.access_token)
    assert (me.code, me.uitpas_number) == (AnswerCode.ACTION_SUCCEEDED, OTHER)
    assert any(line.endswith("/passholders/me 200") for line in transport.checked)
    await client.aclose()


def test_an_active_membership_wins_over_a_blocked_one_listed_first() -> None:
    blocked = {"cardSystem": {"id": 2}, "uitpasNumber": OLD_BLOCKED_CARD, "status": "BLOCKED"}
    active = {"cardSystem": {"id": 1}, "uitpasNumber": OTHER, "status": "ACTIVE"}
    assert passholder_number({"cardSystemMemberships": [blocked, active]}) == OTHER
    card_only = {
        "cardSystem": {"id": 1},
        "currentCard": {"uitpasNumber": OTHER, "status": "ACTIVE"},
    }
    assert passholder_number({"cardSystemMemberships": [card_only]}) == OTHER
    dead_card = {
        "cardSystem": {"id": 1},
        "currentCard": {"uitpasNumber": OTHER, "status": "DELETED"},
    }
    assert passholder_number({"cardSystemMemberships": [dead_card]}) is None
    assert passholder_number({"uitpasNumber": NORMAL, "cardSystemMemberships": [active]}) == NORMAL


# --- GET /passes messages --------------------------------------------------------------------


async def test_pass_messages_are_carried_in_the_answer(client: V4Client) -> None:
    answer = await client.points(OTHER)
    assert answer.messages == (
        PassMessage(
            "WARN", "Je kansenstatuut vervalt binnenkort. Verleng het bij je UiTPAS-balie."
        ),
    )
    assert (await client.points(NORMAL)).messages == ()


# --- 403: a permission the bot lacks ---------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "call", "permission"),
    [
        ("me/checkins", "checkin", "PASSHOLDERS_SELF_CHECKIN"),
        ("/v4/passes", "points", "PASSES_READ"),
        ("/v4/rewards/102", "promotion", "REWARDS_READ"),
    ],
)
async def test_a_403_names_the_missing_permission_in_the_answer_and_the_log(
    sandbox: BackgroundServer,
    client: V4Client,
    caplog: pytest.LogCaptureFixture,
    path: str,
    call: str,
    permission: str,
) -> None:
    await fault(sandbox, path, 403, FORBIDDEN)
    with caplog.at_level(logging.ERROR, logger="bot.uitpas.v4.client"):
        if call == "checkin":
            answer: Any = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
        elif call == "points":
            answer = await client.points(NORMAL)
        else:
            answer = await client.promotion("102")
    assert (answer.code, answer.http_status) == ("ACCESS_DENIED", 403)
    assert answer.required_permission == permission
    assert answer.lacks_permission
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert permission in record.getMessage()


async def test_a_403_without_a_body_still_names_the_permission(
    sandbox: BackgroundServer,
) -> None:
    """A proxy's bare 403 is not an answer the spec describes, so this client is unchecked."""
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, NORMAL)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    client = V4Client(f"{sandbox.url}{V4_PREFIX}", auth, FixedTokens(auth, tokens))
    async with httpx.AsyncClient() as http:
        await http.post(
            f"{sandbox.url}/_sandbox/faults", json={"path": "me/checkins", "status": 403}
        )
    answer = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    assert answer.required_permission == "PASSHOLDERS_SELF_CHECKIN"
    await client.aclose()


async def test_a_403_on_redeem_status_is_kept_not_ignored(
    sandbox: BackgroundServer, client: V4Client, caplog: pytest.LogCaptureFixture
) -> None:
    await fault(sandbox, "redeem-status", 403, FORBIDDEN)
    with caplog.at_level(logging.ERROR, logger="bot.uitpas.v4.client"):
        answer = await client.promotion("102", uitpas_number=NORMAL)
    assert answer.succeeded  # the reward itself is shown
    assert answer.promotion is not None
    assert answer.promotion.redeem_status_forbidden
    assert "REWARDS_REDEEM" in caplog.text


async def test_a_403_on_me_names_its_permission(sandbox: BackgroundServer) -> None:
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, NORMAL)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    client, _ = await client_for(sandbox, None)
    await fault(sandbox, "passholders/me", 403, FORBIDDEN)
    me = await client.me(tokens.access_token)
    assert (me.uitpas_number, me.required_permission) == (None, "PASSHOLDERS_SELF_READ")
    await client.aclose()


# --- redeem-status reasons and message -------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "state"),
    [
        ("PASSHOLDER_APPLICABLE_CARDSYSTEMS", "NOT_POSSIBLE_APPLICABLE_CARDSYSTEMS"),
        ("PASSHOLDER_NO_ACTIVE_CARDSYSTEM", "NOT_POSSIBLE_NO_ACTIVE_CARDSYSTEMS"),
    ],
)
async def test_redeem_status_card_system_reasons_and_message_are_kept(
    sandbox: BackgroundServer, client: V4Client, reason: str, state: str
) -> None:
    said = "Dit voordeel is niet voor jouw UiTPAS-regio."
    body = {"redeemable": False, "reason": reason, "message": said}
    await fault(sandbox, "redeem-status", 200, body, "application/json")
    answer = await client.promotion("102", uitpas_number=NORMAL)
    assert answer.promotion is not None
    assert (answer.promotion.cash_in_state, answer.promotion.cash_in_message) == (state, said)


async def test_the_redeem_status_message_of_the_demo_world_is_kept(client: V4Client) -> None:
    answer = await client.promotion("107", uitpas_number=NORMAL)  # 100 points, An has 25
    assert answer.promotion is not None
    assert answer.promotion.cash_in_state == "NOT_POSSIBLE_POINTS_CONSTRAINT"
    assert answer.promotion.cash_in_message == (
        "Jammer, je hebt nog niet genoeg punten om dit voordeel om te ruilen."
    )


# --- RewardsPaginatedResponse.member is optional ---------------------------------------------


async def test_a_rewards_page_without_member_is_empty_not_unreadable(
    sandbox: BackgroundServer, client: V4Client
) -> None:
    await fault(sandbox, "/v4/rewards", 200, {"totalItems": 0}, "application/json")
    answer = await client.promotions(start=0, max_results=20)
    assert (answer.code, answer.promotions, answer.total) == ("ACTION_SUCCEEDED", (), 0)


# --- problem types by their whole URI --------------------------------------------------------


async def test_an_unknown_problem_type_is_read_by_status_and_logged(
    sandbox: BackgroundServer, caplog: pytest.LogCaptureFixture
) -> None:
    client, _ = await client_for(sandbox, check_problem_types=False)
    unknown = "https://api.publiq.be/probs/uitpas/something-new-and-odd"
    await fault(sandbox, "me/checkins", 400, {"type": unknown, "title": "New", "status": 400})
    with caplog.at_level(logging.WARNING, logger="bot.uitpas.v4.client"):
        answer = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    assert answer.code == REFUSED
    assert unknown in caplog.text
    await client.aclose()


async def test_a_known_name_in_a_foreign_namespace_is_not_that_problem(
    sandbox: BackgroundServer,
) -> None:
    client, _ = await client_for(sandbox, check_problem_types=False)
    foreign = {
        "type": "https://example.org/probs/checkin-code-expired",
        "title": "x",
        "status": 400,
    }
    await fault(sandbox, "me/checkins", 400, foreign)
    answer = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    assert answer.code == REFUSED
    await client.aclose()


# --- Accept, sort ----------------------------------------------------------------------------


async def test_the_client_accepts_problem_json(sandbox: BackgroundServer) -> None:
    client, transport = await client_for(sandbox)
    await client.points(NORMAL)
    await client.checkin(NORMAL, "nope", telegram_user_id=1)
    api = [r for r in transport.requests if V4_PREFIX in r.url.path]
    assert api
    for request in api:
        accepted = [part.strip() for part in request.headers["accept"].split(",")]
        assert {"application/json", "application/problem+json"} <= set(accepted)
    await client.aclose()


async def test_sort_by_creation_date_is_spelled_as_the_spec_says(sandbox: BackgroundServer) -> None:
    client, transport = await client_for(sandbox)
    newest = await client.promotions(
        uitpas_number=NORMAL, sort="CREATION_DATE", order="DESC", max_results=3
    )
    [listing] = [r for r in transport.requests if r.url.path.endswith("/rewards")]
    assert listing.url.params["sort"] == "-creationdate"
    # The demo world made its promotions a week apart, 118 last (in NORMAL's card system).
    assert [p.id for p in newest.promotions] == ["118", "117", "114"]
    await client.aclose()


# --- endUserMessage, also in 200 answers -----------------------------------------------------


async def test_an_end_user_message_in_a_200_answer_is_kept_in_both_languages(
    sandbox: BackgroundServer, client: V4Client
) -> None:
    body = {
        "passholderId": "00000000-0000-4000-8000-000000000001",
        "passType": "INDIVIDUAL",
        "uitpasNumber": NORMAL,
        "firstName": "An",
        "points": 25,
        "postalCode": "9300",
        "socialTariff": {"status": "NONE"},
        "cardSystem": {"id": 1, "name": "UiTPAS Dender"},
        "endUserMessage": {"nl": "Je pas vervalt binnenkort.", "en": "Your pass expires soon."},
    }
    await fault(sandbox, "/v4/passes", 200, body, "application/json")
    answer = await client.points(NORMAL)
    assert answer.points == 25
    assert answer.end_user_message("nl") == "Je pas vervalt binnenkort."
    assert answer.end_user_message("en") == "Your pass expires soon."


async def test_english_users_get_the_dutch_end_user_message_when_there_is_no_english_one(
    client: V4Client,
) -> None:
    again = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    again = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    said = "Je hebt vandaag al punten gespaard voor dit evenement."
    assert again.end_user_message("en") == again.end_user_message("nl") == said
