"""The v4 sandbox and the v4 client, held to publiq's published OpenAPI spec over HTTP.

The real ``V4Client`` talks to the real sandbox through ``SpecCheckingTransport``: each
request it sends and each answer the sandbox gives is validated against the spec, and each
problem's type against the types the spec lists for that operation and status. Every operation
the bot uses is exercised with its success and its error answers, so a drift of either side
from publiq's API fails here. (``/passholders/me/transactions`` is checked with the check-in
settling that uses it.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
from openapi_core.validation.request.exceptions import MissingRequiredParameter
from openapi_core.validation.response.exceptions import InvalidData

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.uitpas.app import create_app
from bot.sandbox.uitpas.data import (
    BLOCKED,
    BRUSSELS,
    CHILD,
    DELETED,
    FAMILY,
    GENT,
    GROUP,
    KANSENTARIEF,
    KANSENTARIEF_EXPIRED,
    KANSENTARIEF_OTHER_REGION,
    LOCAL_STOCK,
    NORMAL,
    OTHER,
    PASPARTOE,
    UNKNOWN,
)
from bot.sandbox.uitpas_v4 import V4_PREFIX
from bot.sandbox.uitpas_v4 import api as sandbox_api
from bot.uitpas.models import AnswerCode
from bot.uitpas.v4.client import V4Client
from tests.support.v4_spec import SpecCheckingTransport, UnlistedProblemType
from tests.unit.uitpas.test_uitpas_v4_client import REDIRECT, FixedTokens, auth_for, log_in

JAZZ_CODE = "12345678"
EXPIRED_CODE = "https://uitpas.be/?qr=rommelmarkt7xq2"
PROBS = "https://api.publiq.be/probs/"


@pytest.fixture
def sandbox() -> Iterator[BackgroundServer]:
    with serving(create_app()) as server:
        yield server


class Checked:
    """A V4Client (with or without a passholder's login) whose every exchange is checked."""

    def __init__(self, sandbox: BackgroundServer, *, check_requests: bool = True) -> None:
        self.sandbox = sandbox
        self.base = f"{sandbox.url}{V4_PREFIX}"
        self.transport = SpecCheckingTransport(self.base, check_requests=check_requests)
        self.auth = auth_for(sandbox)
        self.tokens = FixedTokens(self.auth, None)
        self.client = V4Client(self.base, self.auth, self.tokens, transport=self.transport)

    async def log_in(self, number: str) -> str:
        code, verifier = await log_in(self.sandbox, self.auth, number)
        self.tokens.tokens = await self.auth.exchange_code(code, verifier, REDIRECT)
        return self.tokens.tokens.access_token

    async def raw(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """A request the client would not send, with the bot's client token, still checked."""
        token = (await self.auth.client_credentials()).access_token
        async with httpx.AsyncClient(base_url=self.base, transport=self.transport) as http:
            return await http.request(
                method, path, headers={"Authorization": f"Bearer {token}"}, **kwargs
            )

    def saw(self, line: str) -> bool:
        return any(done.endswith(line) for done in self.transport.checked)


@pytest.fixture
async def checked(sandbox: BackgroundServer) -> AsyncIterator[Checked]:
    session = Checked(sandbox)
    yield session
    await session.client.aclose()


Case = Callable[[Checked], Awaitable[object]]


async def _checkin_as(number: str, code: str, session: Checked, *, twice: bool = False) -> object:
    await session.log_in(number)
    answer = await session.client.checkin(number, code, telegram_user_id=1)
    if twice:
        answer = await session.client.checkin(number, code, telegram_user_id=1)
    return answer


async def _me_as(number: str, session: Checked) -> object:
    return await session.client.me(await session.log_in(number))


def _case(*args: Any) -> Any:
    """(id, case, the exchange it must produce, the answer code if it matters)."""
    name, case, line, code = args
    return pytest.param(case, line, code, id=name)


CASES = [
    # GET /passes: success for every flavour of the test dataset, and each error answer
    *(
        _case(f"passes-200-{role}", lambda s, n=number: s.client.points(n), "/passes 200",
              AnswerCode.ACTION_SUCCEEDED)
        for role, number in {
            "normal": NORMAL, "kansentarief": KANSENTARIEF, "expired": KANSENTARIEF_EXPIRED,
            "other-region": KANSENTARIEF_OTHER_REGION, "paspartoe": BRUSSELS, "family": FAMILY,
            "child": CHILD, "group": GROUP,
        }.items()
    ),
    _case("passes-404-unknown", lambda s: s.client.points(UNKNOWN), "/passes 404",
          AnswerCode.UNKNOWN_UITPASNUMBER),
    _case("passes-404-not-a-number", lambda s: s.client.points("1234567890123"),
          "/passes 404", AnswerCode.UNKNOWN_UITPASNUMBER),
    _case("passes-400-blocked", lambda s: s.client.points(BLOCKED), "/passes 400",
          AnswerCode.INVALID_CARD_STATUS_BLOCKED),
    _case("passes-400-deleted", lambda s: s.client.points(DELETED), "/passes 400",
          AnswerCode.INVALID_CARD_STATUS_DELETED),
    _case("passes-400-unregistered", lambda s: s.client.points(LOCAL_STOCK), "/passes 400",
          None),
    # GET /passholders/me
    *(
        _case(f"me-200-{role}", lambda s, n=number: _me_as(n, s), "/passholders/me 200", None)
        for role, number in {
            "normal": NORMAL, "other-region": KANSENTARIEF_OTHER_REGION, "paspartoe": BRUSSELS,
            "family": FAMILY, "child": CHILD,
        }.items()
    ),
    _case("me-401", lambda s: s.client.me("not-a-token"), "/passholders/me 401", None),
    # POST /passholders/me/checkins
    _case("checkin-201", lambda s: _checkin_as(NORMAL, JAZZ_CODE, s),
          "/passholders/me/checkins 201", AnswerCode.ACTION_SUCCEEDED),
    _case("checkin-400-invalid-code", lambda s: _checkin_as(NORMAL, "nonsense", s),
          "/passholders/me/checkins 400", AnswerCode.CHECKIN_CODE_INVALID),
    _case("checkin-400-expired-code", lambda s: _checkin_as(NORMAL, EXPIRED_CODE, s),
          "/passholders/me/checkins 400", AnswerCode.CHECKIN_CODE_EXPIRED),
    _case("checkin-400-twice", lambda s: _checkin_as(NORMAL, JAZZ_CODE, s, twice=True),
          "/passholders/me/checkins 400", "CHECKIN_NOT_ALLOWED"),
    _case("checkin-400-group", lambda s: _checkin_as(GROUP, JAZZ_CODE, s),
          "/passholders/me/checkins 400", AnswerCode.GROUPPAS_NOT_ALLOWED),
    _case("checkin-400-blocked", lambda s: _checkin_as(BLOCKED, JAZZ_CODE, s),
          "/passholders/me/checkins 400", None),
    # GET /rewards (the list, the spotlight, a sort), GET /rewards/{id}, redeem-status
    _case("rewards-200", lambda s: s.client.promotions(), "/rewards 200",
          AnswerCode.ACTION_SUCCEEDED),
    _case("rewards-200-spotlight", lambda s: s.client.promotions(in_spotlight=True),
          "/rewards 200", AnswerCode.ACTION_SUCCEEDED),
    _case("rewards-200-sorted",
          lambda s: s.client.promotions(uitpas_number=NORMAL, sort="POINTS", order="DESC"),
          "/rewards 200", AnswerCode.ACTION_SUCCEEDED),
    _case("rewards-400-limit", lambda s: s.raw("GET", "/rewards", params={"limit": "501"}),
          "/rewards 400", None),
    _case("reward-200", lambda s: s.client.promotion("101"), "/rewards/101 200",
          AnswerCode.ACTION_SUCCEEDED),
    _case("reward-200-welcome", lambda s: s.client.promotion("5688"), "/rewards/5688 200",
          AnswerCode.ACTION_SUCCEEDED),
    _case("reward-404", lambda s: s.client.promotion("999"), "/rewards/999 404",
          "UNKNOWN_POINTS_PROMOTION_ID"),
    _case("redeem-status-200", lambda s: s.client.promotion("101", uitpas_number=NORMAL),
          "/rewards/101/redeem-status 200", AnswerCode.ACTION_SUCCEEDED),
    _case("redeem-status-200-not-redeemable",
          lambda s: s.client.promotion("102", uitpas_number=OTHER),
          "/rewards/102/redeem-status 200", AnswerCode.ACTION_SUCCEEDED),
    _case("redeem-status-200-blocked", lambda s: s.client.promotion("101", uitpas_number=BLOCKED),
          "/rewards/101/redeem-status 200", AnswerCode.ACTION_SUCCEEDED),
    _case("redeem-status-400-unknown", lambda s: s.client.promotion("101", uitpas_number=UNKNOWN),
          "/rewards/101/redeem-status 400", None),
    _case("redeem-status-400-not-a-number",
          lambda s: s.client.promotion("101", uitpas_number="12345"),
          "/rewards/101/redeem-status 400", None),
]  # fmt: skip


@pytest.mark.parametrize(("case", "line", "code"), CASES)
async def test_every_operation_and_error_answer_is_spec_valid(
    checked: Checked, case: Case, line: str, code: str | None
) -> None:
    answer = await case(checked)
    assert checked.saw(line), checked.transport.checked
    if code is not None:
        assert getattr(answer, "code", None) == code


async def test_redeem_status_without_a_number_is_refused_as_the_spec_says(
    sandbox: BackgroundServer,
) -> None:
    """``uitpasNumber`` is required: the sandbox answers 400, not a 200 for nobody."""
    session = Checked(sandbox, check_requests=False)
    try:
        answer = await session.raw("GET", "/rewards/101/redeem-status")
    finally:
        await session.client.aclose()
    assert answer.status_code == 400
    assert answer.json()["type"] == PROBS + "uitpas/invalid-uitpas-number"
    assert session.saw("/rewards/101/redeem-status 400")


async def test_a_request_the_spec_forbids_fails_validation(checked: Checked) -> None:
    """The request side has teeth too: redeem-status without its required number."""
    with pytest.raises(MissingRequiredParameter):
        await checked.raw("GET", "/rewards/101/redeem-status")


async def test_a_pass_without_its_card_system_fails_validation(
    checked: Checked, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check has teeth: a pass without its required ``cardSystem`` is caught."""
    real = sandbox_api._pass

    def broken(*args: object, **kwargs: object) -> dict[str, object]:
        answer = real(*args, **kwargs)  # type: ignore[arg-type]
        del answer["cardSystem"]
        return answer

    monkeypatch.setattr(sandbox_api, "_pass", broken)
    with pytest.raises(InvalidData):
        await checked.client.points(NORMAL)


async def test_a_reward_without_its_title_fails_validation(
    checked: Checked, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reward list whose members lack the required ``title`` is caught."""
    real = sandbox_api._reward

    def broken(*args: object, **kwargs: object) -> dict[str, object]:
        answer = real(*args, **kwargs)  # type: ignore[arg-type]
        del answer["title"]
        return answer

    monkeypatch.setattr(sandbox_api, "_reward", broken)
    with pytest.raises(InvalidData):
        await checked.client.promotions()


async def test_a_problem_type_the_spec_does_not_list_fails(
    checked: Checked, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sandbox's old drift: ``invalid-uitpas-number`` on ``/passes``, which lists none."""
    real = sandbox_api.problem

    def drifting(status: int, kind: str, *args: Any, **extra: Any) -> Any:
        if kind == "uitpas/pass-not-found":
            status, kind = 400, "uitpas/invalid-uitpas-number"
        return real(status, kind, *args, **extra)

    monkeypatch.setattr(sandbox_api, "problem", drifting)
    with pytest.raises(UnlistedProblemType):
        await checked.client.points("1234567890123")


async def test_me_sends_the_number_only_for_an_active_card(checked: Checked) -> None:
    """The spec: ``uitpasNumber`` is that of an active card; a blocked card has none."""
    token = await checked.log_in(BLOCKED)
    async with httpx.AsyncClient(base_url=checked.base, transport=checked.transport) as http:
        blocked = await http.get("/passholders/me", headers={"Authorization": f"Bearer {token}"})
        token = await checked.log_in(KANSENTARIEF_OTHER_REGION)
        other = await http.get("/passholders/me", headers={"Authorization": f"Bearer {token}"})
    assert "uitpasNumber" not in blocked.json()
    [membership] = blocked.json()["cardSystemMemberships"]
    assert membership["currentCard"]["status"] == "BLOCKED"
    assert "uitpasNumber" not in membership
    assert other.json()["uitpasNumber"] == KANSENTARIEF_OTHER_REGION
    systems = [m["cardSystem"]["name"] for m in other.json()["cardSystemMemberships"]]
    assert systems == ["UiTPAS Regio Gent", "Paspartoe"]
    assert other.json()["cardSystemMemberships"][1]["socialTariff"]["status"] == "ACTIVE"


@pytest.mark.parametrize("parameter", ["owningCardSystemId", "applicableCardSystemId"])
async def test_rewards_honour_the_card_system_parameters(checked: Checked, parameter: str) -> None:
    """Both of the spec's card-system filters, repeatable, over a spec-checked exchange."""
    paspartoe = await checked.raw("GET", "/rewards", params={parameter: str(PASPARTOE.id)})
    both = await checked.raw(
        "GET", "/rewards", params={parameter: [str(GENT.id), str(PASPARTOE.id)], "limit": "100"}
    )
    assert {r["id"] for r in paspartoe.json()["member"]} == {"201", "202"}
    assert {r["owningCardSystem"]["id"] for r in both.json()["member"]} == {GENT.id, PASPARTOE.id}


@pytest.mark.parametrize(
    ("number", "card_system", "social_tariff", "pass_type"),
    [
        (NORMAL, GENT, "NONE", "INDIVIDUAL"),
        (KANSENTARIEF, GENT, "ACTIVE", "INDIVIDUAL"),
        (KANSENTARIEF_EXPIRED, GENT, "EXPIRED", "INDIVIDUAL"),
        (KANSENTARIEF_OTHER_REGION, GENT, "NONE", "INDIVIDUAL"),  # its kansentarief: Paspartoe
        (BRUSSELS, PASPARTOE, "EXPIRED", "INDIVIDUAL"),
        (GROUP, GENT, "ACTIVE", "GROUP"),
    ],
)
async def test_passes_carry_the_test_datasets_flavours(
    checked: Checked, number: str, card_system: Any, social_tariff: str, pass_type: str
) -> None:
    answer = (await checked.raw("GET", "/passes", params={"identifier": number})).json()
    assert answer["cardSystem"]["id"] == card_system.id
    assert answer["socialTariff"]["status"] == social_tariff
    assert answer["passType"] == pass_type
