"""Trading points under v4, both sides held to publiq's spec over HTTP.

The real ``V4Client`` talks to the real sandbox through ``SpecCheckingTransport``: each
request and each answer (redeeming, its refusals, what was redeemed, coupons, the pass's
kansentarief, the history with a redemption in it) is validated against the published spec,
and every problem type against those it lists for the operation.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import httpx
import pytest

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.uitpas.app import create_app
from bot.sandbox.uitpas.data import (
    BLOCKED,
    BRUSSELS,
    CHILD,
    FAMILY_KANSENTARIEF,
    GROUP_COUPONS,
    KANSENTARIEF,
    KANSENTARIEF_EXPIRED,
    KANSENTARIEF_GRACE,
    KANSENTARIEF_OTHER_REGION,
    NORMAL,
    ONLINE_LAST_UNIT,
    ONLINE_VOUCHER,
    ONLINE_WEEKLY,
    OTHER,
)
from bot.sandbox.uitpas_v4 import V4_PREFIX
from bot.sandbox.uitpas_v4.rewards_api import passholder_id
from bot.uitpas.models import AnswerCode
from bot.uitpas.v4.client import V4Client
from tests.support.v4_spec import SpecCheckingTransport
from tests.unit.uitpas.test_uitpas_v4_client import REDIRECT, FixedTokens, auth_for, log_in

JAZZ_CODE = "12345678"


@pytest.fixture
def sandbox() -> Iterator[BackgroundServer]:
    with serving(create_app()) as server:
        yield server


@pytest.fixture
async def client(sandbox: BackgroundServer) -> AsyncIterator[V4Client]:
    """NORMAL's client, every exchange checked against the spec."""
    base = f"{sandbox.url}{V4_PREFIX}"
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, NORMAL)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    client = V4Client(base, auth, FixedTokens(auth, tokens), transport=SpecCheckingTransport(base))
    yield client
    await client.aclose()


async def test_redeeming_an_online_reward_answers_its_code_and_spends_the_points(
    client: V4Client,
) -> None:
    detail = await client.promotion(ONLINE_VOUCHER, uitpas_number=NORMAL)
    assert detail.promotion is not None
    assert detail.promotion.redeemable_online_now
    answer = await client.redeem(NORMAL, ONLINE_VOUCHER)
    assert answer.succeeded
    redemption = answer.redemption
    assert redemption is not None
    assert redemption.code is not None
    assert redemption.code.startswith("UIT-")
    assert redemption.reward_id == ONLINE_VOUCHER
    assert redemption.info_text
    assert redemption.info_link
    assert (await client.points(NORMAL)).points == 0
    listed = await client.redeemed(NORMAL)
    assert [(r.id, r.code) for r in listed.redemptions] == [(redemption.id, redemption.code)]
    assert listed.total == 1
    assert redemption.redeemed_at is not None
    assert listed.of_reward_since(ONLINE_VOUCHER, redemption.redeemed_at) == listed.redemptions[0]
    assert listed.of_reward_since(ONLINE_WEEKLY, redemption.redeemed_at) is None


@pytest.mark.parametrize(
    ("number", "reward", "first", "code"),
    [
        (OTHER, ONLINE_VOUCHER, None, "REWARD_PASSHOLDER_POINTS_CONSTRAINT"),
        (NORMAL, ONLINE_WEEKLY, ONLINE_WEEKLY, "REWARD_PASSHOLDER_VOLUME_CONSTRAINT"),
        (NORMAL, ONLINE_LAST_UNIT, ONLINE_LAST_UNIT, "REWARD_VOLUME_CONSTRAINT"),
        (NORMAL, "5825", None, "REWARD_PERIOD_CONSTRAINT"),  # publiq's expired test reward
        (BLOCKED, ONLINE_VOUCHER, None, "INVALID_CARD"),
        (BRUSSELS, ONLINE_VOUCHER, None, "REWARD_PASSHOLDER_NO_APPLICABLE_CARDSYSTEMS"),
    ],
)
async def test_each_refusal_is_a_problem_type_the_spec_lists_with_words_for_the_passholder(
    client: V4Client, number: str, reward: str, first: str | None, code: str
) -> None:
    if first is not None:
        assert (await client.redeem(number, first)).succeeded
    before = (await client.redeemed(number)).total
    answer = await client.redeem(number, reward)
    assert answer.code == code
    assert answer.end_user_message_nl
    assert (await client.redeemed(number)).total == before  # nothing happened


async def test_an_unknown_reward_is_not_found(client: V4Client) -> None:
    answer = await client.redeem(NORMAL, "999999")
    assert answer.code == "UNKNOWN_POINTS_PROMOTION_ID"


async def test_every_reward_says_where_its_organizers_are(client: V4Client) -> None:
    """The spec's ``Organizer.address`` is "always available in responses": each listed
    reward's organizers have one (checked against the schema by the transport), and the
    client keeps it for the detail's "trade at" line."""
    answer = await client.promotions(max_results=50)
    assert answer.promotions
    for promotion in answer.promotions:
        assert promotion.balies, promotion.title
        assert [name for name, _ in promotion.addresses] == list(promotion.balies)
    detail = await client.promotion("101", uitpas_number=NORMAL)  # Gratis koffie, CC De Werf
    assert detail.promotion is not None
    assert detail.promotion.addresses == (("CC De Werf", "Molenstraat 51, 9300 Aalst"),)


async def test_the_history_has_check_ins_and_redemptions_and_pages(client: V4Client) -> None:
    await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    await client.redeem(NORMAL, ONLINE_WEEKLY)
    history = await client.transactions(telegram_user_id=1)
    assert [(t.title, t.points) for t in history.transactions][:2] in (
        [("Muziekles proefles", -6), ("Jazz op de Grote Markt", 1)],
        [("Jazz op de Grote Markt", 1), ("Muziekles proefles", -6)],  # the same second
    )
    assert history.total == 2
    second = await client.transactions(telegram_user_id=1, start=1, limit=1)
    assert len(second.transactions) == 1
    assert second.total == 2


@pytest.mark.parametrize(
    ("number", "status", "past"),
    [
        (KANSENTARIEF, "ACTIVE", False),
        (KANSENTARIEF_GRACE, "ACTIVE", True),  # the grace period: active, end date past
        (KANSENTARIEF_EXPIRED, "EXPIRED", True),
        (NORMAL, "NONE", None),
    ],
)
async def test_the_pass_says_the_kansentarief_and_until_when(
    client: V4Client, number: str, status: str, past: bool | None
) -> None:
    answer = await client.points(number)
    tariff = answer.social_tariff
    assert tariff is not None
    assert tariff.status == status
    if past is None:
        assert tariff.end_date is None
    else:
        assert tariff.end_date is not None
        assert (tariff.end_date < datetime.now(UTC)) is past


@pytest.mark.parametrize(
    ("number", "names"),
    [
        (KANSENTARIEF_OTHER_REGION, ["Gratis naar de film", "Zwemmen aan kansentarief"]),
        (GROUP_COUPONS, ["Groepsuitstap museum"]),
        (NORMAL, []),
    ],
)
async def test_coupons_of_publiqs_test_dataset(
    client: V4Client, number: str, names: list[str]
) -> None:
    answer = await client.coupons(number)
    assert answer.code == AnswerCode.ACTION_SUCCEEDED
    assert [c.name for c in answer.coupons] == names
    assert all(c.valid_until is not None and c.remaining for c in answer.coupons)


async def test_the_passholders_own_sections_welcome_and_near(client: V4Client) -> None:
    """``type=WELCOME`` + ``isRedeemableByPassholderId`` and ``organizerPostalCode``."""
    await client.points(NORMAL)  # learns the pass's id, card system and postal code
    welcome = await client.section_rewards(NORMAL, "welcome")
    assert [p.id for p in welcome.promotions] == ["5688"]  # not 5826, whose period ended
    assert welcome.promotions[0].kind == "WELCOME"
    near = await client.section_rewards(NORMAL, "near")
    assert {p.id for p in near.promotions} == {"5687", "5823", "5824"}  # the organizer in 9000
    elsewhere = await client.section_rewards(BRUSSELS, "near")
    assert elsewhere.promotions == ()


# --- with a family: the parent's user token ---------------------------------------------------


@pytest.fixture
async def parent(sandbox: BackgroundServer) -> AsyncIterator[V4Client]:
    """FAMILY_KANSENTARIEF's client (her family holds CHILD), checked against the spec."""
    base = f"{sandbox.url}{V4_PREFIX}"
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, FAMILY_KANSENTARIEF)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    client = V4Client(base, auth, FixedTokens(auth, tokens), transport=SpecCheckingTransport(base))
    yield client
    await client.aclose()


async def test_the_parents_token_redeems_for_a_family_member_and_nobody_else(
    parent: V4Client, sandbox: BackgroundServer
) -> None:
    new = {"id": "151", "title": "E-book", "points": 2, "online": True}
    async with httpx.AsyncClient(base_url=sandbox.url) as control:
        (await control.post("/_sandbox/promotions", json=new)).raise_for_status()
        answer = await parent.redeem(CHILD, "151", telegram_user_id=1)
        assert answer.succeeded
        assert (await parent.points(CHILD)).points == 0
        assert (await parent.points(FAMILY_KANSENTARIEF)).points == 8
        stranger = await parent.redeem(NORMAL, "151", telegram_user_id=1)
        assert not stranger.succeeded
        assert stranger.http_status == 403
        assert (await parent.points(NORMAL)).points == 25
        counted = (await control.get("/_sandbox/requests")).json()
    assert counted["redeem_user_token"] == 1
    assert "redeem_client_token" not in counted


async def test_the_parent_reads_a_family_members_history_and_nobody_elses(
    parent: V4Client, sandbox: BackgroundServer
) -> None:
    async with httpx.AsyncClient(base_url=sandbox.url) as control:
        response = await control.post(
            "/_sandbox/redemptions", json={"uitpasNumber": CHILD, "rewardId": "108"}
        )
        assert response.status_code == 201, response.text
    family = await parent.family_members(telegram_user_id=1)
    [child] = [m for m in family.members if m.uitpas_number == CHILD]
    assert child.passholder_id is not None
    history = await parent.transactions(telegram_user_id=1, passholder_id=child.passholder_id)
    assert [(t.title, t.points) for t in history.transactions] == [("Gratis drankje", -1)]
    own = await parent.transactions(telegram_user_id=1)
    assert own.transactions == ()
    stranger = await parent.transactions(telegram_user_id=1, passholder_id=passholder_id(NORMAL))
    assert not stranger.succeeded
    assert stranger.http_status == 403
