"""End to end: the spotlight after a check-in offers only what can be traded now, and a
promotion's details never contradict themselves (issue 15, point 2)."""

from __future__ import annotations

import pytest

from bot.sandbox.uitpas.data import NORMAL
from tests.support.harness import AN, BACKENDS, Harness
from tests.support.images import poster_photo

JAZZ_CODE = "12345678"  # happening now
SOLD_OUT = "104"  # "Duoticket museum": every unit traded, in the spotlight


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_sold_out_promotion_gets_no_spotlight_button(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    data = [data for row in reply.buttons for _, data in row]
    assert data  # the others are still there
    assert f"promo:{SOLD_OUT}" not in data
    assert "promo:101" in data


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_detail_of_a_sold_out_promotion_does_not_contradict_itself(
    harness: Harness,
) -> None:
    await harness.link(AN, NORMAL)  # 25 points: enough for its 15
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    await harness.telegram.press_button(
        AN, reply.result["message_id"], f"promo:{SOLD_OUT}", force=True
    )
    detail = await harness.telegram.wait_for_call(
        ("sendMessage", "sendPhoto"), chat_id=AN.id, where=lambda c: c.seq > reply.seq
    )
    text = detail.text or ""
    assert "Uitverkocht" in text
    assert "genoeg" not in text
    assert "Nog 0 beschikbaar" not in text
