"""Two v4 webhook instances share a passholder's UiTiD login (issue 21).

The access token the login gave is stored with it, so the instance that did not make the
login checks in with it too, until it expires: no renewal at UiTiD, no rotated refresh token
written (publiq: cache the user access token "for as long as possible"). Once UiTiD stops
accepting it, whichever instance meets the 401 renews the login, and the other one goes on
with the renewal instead of logging the passholder out.
"""

from __future__ import annotations

import httpx
import pytest

from bot.sandbox.uitpas.data import NORMAL
from storage.repositories import UitidTokenRepository
from tests.e2e.test_webhook_instances import Pair, _samples
from tests.support.harness import AN
from tests.support.images import poster_photo

pytestmark = pytest.mark.postgres

# Codes whose check-in is open whenever the tests run (the sandbox's event happening now,
# its months-long exhibition, and its play in 3 h): consecutive check-ins, so the proxy hands
# them to the instances in turn.
CODES = ("12345678", "https://uitpas.be/?qr=primitieven4kz9")
LATER_CODE = "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8"


async def _check_in(pair: Pair, code: str) -> str:
    calls = await pair.telegram.calls()
    await pair.telegram.send_photo(AN, poster_photo(code))
    reply = await pair.telegram.wait_for_call(
        "sendMessage",
        chat_id=AN.id,
        after=calls[-1].seq,
        where=lambda c: "punt" in (c.text or "") or "UiTiD" in (c.text or ""),
    )
    return reply.text or ""


async def _saved_per_instance(pair: Pair) -> list[float]:
    """How many check-ins each instance saw saved (its own /metrics)."""
    counts = []
    async with httpx.AsyncClient(timeout=10) as client:
        for instance in (pair.first, pair.second):
            metrics = await client.get(f"{instance.running.internal_url}/metrics")
            samples = _samples(metrics.text)
            counts.append(samples.get(("uitpasbot_checkins_total", "ACTION_SUCCEEDED"), 0.0))
    return counts


async def test_both_instances_check_in_with_the_login_s_access_token(v4_pair: Pair) -> None:
    harness = v4_pair.first
    await harness.link(AN, NORMAL)
    tokens = UitidTokenRepository(harness.running.database)
    after_login = await tokens.login(AN.id)
    assert after_login is not None
    assert after_login.access_token_encrypted is not None
    for code in CODES:
        assert "Je spaarde" in await _check_in(v4_pair, code)
    assert await _saved_per_instance(v4_pair) == [1.0, 1.0]  # one each, in turn
    # Neither renewed the login: it is the row the login wrote, byte for byte.
    assert await tokens.login(AN.id) == after_login
    assert (await harness.sandbox.get("/_sandbox/uitid")).json()["refresh"] == 1


async def test_an_access_token_uitid_no_longer_takes_is_renewed_once_and_shared(
    v4_pair: Pair,
) -> None:
    """The login's access token is in both instances' memory (the one that made the login,
    and the one that checked in with it), then UiTiD stops taking it: the first to meet the
    401 renews the login, the other takes that renewal (no second rotation)."""
    harness = v4_pair.first
    await harness.link(AN, NORMAL)
    tokens = UitidTokenRepository(harness.running.database)
    after_login = await tokens.login(AN.id)
    assert after_login is not None
    first_code, *later_codes = (*CODES, LATER_CODE)
    assert "Je spaarde" in await _check_in(v4_pair, first_code)
    response = await harness.sandbox.post("/_sandbox/uitid/expire", json={"tokens": "access"})
    response.raise_for_status()
    renewals = []
    for code in later_codes:
        assert "Je spaarde" in await _check_in(v4_pair, code)
        renewals.append(await tokens.login(AN.id))
    assert sum(await _saved_per_instance(v4_pair)) == 3
    renewed, after = renewals
    assert renewed is not None
    assert renewed.refresh_token_encrypted != after_login.refresh_token_encrypted  # renewed ...
    assert after == renewed  # ... once: the other instance took the renewal
    assert await harness.sandbox_checkins(NORMAL) == 3
