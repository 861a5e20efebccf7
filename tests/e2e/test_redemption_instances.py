"""Two v4 webhook instances behind a round-robin proxy on the real PostgreSQL: a redemption
confirmed twice, every update delivered twice (Telegram retrying), is redeemed once.

The copies reach both instances; the update claims keep most of them out, and the redemption
claim in the shared database answers the rest with the one redemption.
"""

from __future__ import annotations

import pytest

from bot.sandbox.uitpas.data import NORMAL
from tests.e2e.test_points_and_promotions import press
from tests.e2e.test_redemption import confirm_data, confirmation, redemptions
from tests.e2e.test_webhook_instances import Pair
from tests.support.harness import AN

pytestmark = pytest.mark.postgres


async def test_a_confirmation_tapped_twice_and_delivered_twice_redeems_once(
    v4_pair: Pair,
) -> None:
    harness = v4_pair.first
    # Cheap and unlimited: UiTPAS itself would allow a second redemption.
    response = await harness.sandbox.post(
        "/_sandbox/promotions", json={"id": "151", "title": "E-book", "points": 2, "online": True}
    )
    response.raise_for_status()
    await harness.link(AN, NORMAL)
    offer = await confirmation(harness, AN, "151")
    await v4_pair.telegram.webhook_delivery(duplicate=True, duplicate_gap_seconds=0.0)
    data = confirm_data(offer)
    await press(harness, AN, offer, data)
    await press(harness, AN, offer, data, force=True)  # the double tap, on the other instance
    done = await harness.telegram.wait_for_call(
        "editMessageText",
        where=lambda c: "Je code" in (c.text or "") and "al omgeruild" in (c.text or ""),
    )
    assert done.ok or "not modified" in (done.description or "")
    assert len(await redemptions(harness)) == 1
    assert await harness.sandbox_points(NORMAL) == 23
