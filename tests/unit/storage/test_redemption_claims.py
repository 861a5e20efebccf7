"""Redemption claims on both databases, two instances racing: one redemption per confirmation.

This is the guarantee under ``bot/services/redemption.py``: whoever asks how often (a double
tap, a second confirmation, Telegram sending the update again to another instance), exactly
one caller gets to call ``POST /rewards/redeemed`` for a confirmation.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from storage.coordination import Lease, LeaseKeeper
from storage.database import Database
from storage.redemptions import (
    OUTCOME_UNKNOWN,
    REDEEMED,
    EarlierRedemption,
    RedemptionClaimRepository,
    TakenOverRedemption,
)
from tests.unit.storage.test_coordination import LEASE, T0

pytestmark = pytest.mark.empty_database
KEY = "k" * 64
USER = 7001
ISSUED = T0 - timedelta(seconds=30)  # the confirmation the passholder taps


def _claims(databases: tuple[Database, Database]) -> list[RedemptionClaimRepository]:
    return [
        RedemptionClaimRepository(database, lease=Lease(LEASE, holder=f"instance-{i}"))
        for i, database in enumerate(databases)
    ]


async def test_one_of_many_racing_taps_redeems(two_instances: tuple[Database, Database]) -> None:
    repositories = _claims(two_instances)
    taps = [
        repositories[i % 2].claim(USER, KEY, "113", issued_before=ISSUED, now=T0) for i in range(20)
    ]
    results = await asyncio.gather(*taps)
    assert results.count(None) == 1
    others = [r for r in results if r is not None]
    assert len(others) == 19
    assert all(isinstance(r, EarlierRedemption) and r.result_code is None for r in others)
    # Another reward, or the same reward for another passholder, is a claim of its own.
    assert await repositories[1].claim(USER, KEY, "111", issued_before=ISSUED, now=T0) is None
    assert await repositories[1].claim(USER, "o" * 64, "113", issued_before=ISSUED, now=T0) is None


async def test_copies_of_a_confirmation_find_the_redemption_a_later_one_may_redeem(
    two_instances: tuple[Database, Database],
) -> None:
    first, second = _claims(two_instances)
    assert await first.claim(USER, KEY, "113", issued_before=ISSUED, now=T0) is None
    await first.answered(USER, KEY, "113", REDEEMED, redemption_id="r-1")
    # The same confirmation (made before the redemption), an hour later on another instance.
    again = await second.claim(USER, KEY, "113", issued_before=ISSUED, now=T0 + timedelta(hours=1))
    assert again == EarlierRedemption(T0, REDEEMED, "r-1")
    # A confirmation made after the redemption: the passholder asks for a second one.
    later = T0 + timedelta(minutes=1)
    assert await second.claim(USER, KEY, "113", issued_before=later, now=later) is None


async def test_a_dead_instances_claim_is_taken_over_after_its_lease_only(
    two_instances: tuple[Database, Database],
) -> None:
    first, second = _claims(two_instances)
    assert await first.claim(USER, KEY, "113", issued_before=ISSUED, now=T0) is None
    held = await second.claim(
        USER, KEY, "113", issued_before=ISSUED, now=T0 + timedelta(seconds=14)
    )
    assert isinstance(held, EarlierRedemption)
    assert held.result_code is None
    taken = await second.claim(
        USER, KEY, "113", issued_before=ISSUED, now=T0 + timedelta(seconds=16)
    )
    assert taken == TakenOverRedemption(T0)  # searched from the dead instance's claim on


async def test_an_unknown_outcome_is_never_claimed_until_released(
    two_instances: tuple[Database, Database],
) -> None:
    first, second = _claims(two_instances)
    assert await first.claim(USER, KEY, "113", issued_before=ISSUED, now=T0) is None
    await first.answered(USER, KEY, "113", OUTCOME_UNKNOWN)
    for issued in (ISSUED, T0 + timedelta(hours=1)):  # not even a confirmation made later
        found = await second.claim(
            USER, KEY, "113", issued_before=issued, now=T0 + timedelta(hours=1)
        )
        assert isinstance(found, EarlierRedemption)
        assert found.result_code == OUTCOME_UNKNOWN
    await second.release(USER, KEY, "113")  # looked in the redeemed list: not there
    assert await second.claim(USER, KEY, "113", issued_before=ISSUED) is None


async def test_the_heartbeat_keeps_a_slow_redemption_its_own(
    two_instances: tuple[Database, Database],
) -> None:
    lease = Lease(LEASE, holder="slow")
    slow = RedemptionClaimRepository(two_instances[0], lease=lease)
    other = _claims(two_instances)[1]
    keeper = LeaseKeeper(two_instances[0], lease)
    assert await slow.claim(USER, KEY, "113", issued_before=ISSUED, now=T0) is None
    for beat in range(1, 7):
        now = T0 + timedelta(seconds=5 * beat)
        assert await keeper.renew(now=now) == 1
        held = await other.claim(
            USER, KEY, "113", issued_before=ISSUED, now=now + timedelta(seconds=1)
        )
        assert isinstance(held, EarlierRedemption)
        assert held.result_code is None
    assert await slow.delete_for_user(USER) == 1
