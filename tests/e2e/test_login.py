"""End to end, over HTTP: linking a card under v4 is a UiTiD login.

The test plays the passholder's browser: it follows the bot's login button to the sandbox's
login page, posts the form, and follows the redirect to the bot's own ``/oauth/callback``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import update

from bot.sandbox.uitpas.data import NORMAL
from bot.uitpas.numbers import mask_uitpas_number
from storage.models import UitidLoginState
from storage.repositories import LoginStateRepository, UitidTokenRepository
from tests.support.harness import AN, JOHN, Harness, say
from tests.support.images import poster_photo

JAZZ_CODE = "12345678"
pytestmark = pytest.mark.parametrize("backend", ["v4"])


async def photo_reply(harness: Harness) -> str:
    """The bot's answer to a poster photo (only calls made after it was sent count)."""
    calls = await harness.telegram.calls()
    after = calls[-1].seq if calls else 0
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id, after=after)
    return reply.text or ""


async def uitid(harness: Harness) -> dict[str, int]:
    return (await harness.sandbox.get("/_sandbox/uitid")).json()


async def test_login_links_the_card_and_keeps_the_token_encrypted(harness: Harness) -> None:
    confirmation = await harness.link(AN, NORMAL)
    assert f"je UiTPAS {mask_uitpas_number(NORMAL)} is gekoppeld" in confirmation
    assert NORMAL not in confirmation
    assert "Je hebt nu in totaal 26 punten." in await photo_reply(harness)
    stored = await UitidTokenRepository(harness.running.database).get(AN.id)
    assert stored is not None
    key = harness.settings.token_encryption_key
    assert key is not None
    assert Fernet(key.get_secret_value().encode()).decrypt(stored.encode())  # encrypted, ours


async def test_the_login_button_is_a_url_to_uitid_with_pkce(harness: Harness) -> None:
    url = await harness.login_url(AN)
    assert url.startswith(f"{harness.settings.uitpas_auth_url}/realms/uitid/")
    assert "code_challenge_method=S256" in url
    assert "state=" in url


async def test_a_typed_number_gets_the_login_button_too(harness: Harness) -> None:
    await harness.telegram.send_text(JOHN, NORMAL)
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    assert "Log in with UiTiD" in [text for row in reply.buttons for text, _ in row]
    assert await harness.running.services.links.linked_number(JOHN.id) is None


async def test_a_forged_state_links_nobody(harness: Harness) -> None:
    url = await harness.login_url(AN)
    async with httpx.AsyncClient() as browser:
        await browser.get(url)
        redirect = await browser.post(url, data={"passholder": NORMAL})
        location = redirect.headers["location"]
        code = httpx.URL(location).params["code"]
        forged = await browser.get(
            f"{harness.running.web_url}/oauth/callback", params={"code": code, "state": "forged"}
        )
    assert forged.status_code == 400
    assert "ongeldig of al gebruikt" in forged.text
    assert await harness.running.services.links.linked_number(AN.id) is None


async def test_a_reused_callback_is_refused_and_changes_nothing(harness: Harness) -> None:
    url = await harness.login_url(AN)
    async with httpx.AsyncClient() as browser:
        await browser.get(url)
        redirect = await browser.post(url, data={"passholder": NORMAL})
        first = await browser.get(redirect.headers["location"])
        again = await browser.get(redirect.headers["location"])
    assert first.status_code == 200
    assert again.status_code == 400
    assert await harness.running.services.links.linked_number(AN.id) == NORMAL


async def test_a_reused_code_with_a_fresh_state_is_refused_by_uitid(harness: Harness) -> None:
    """The code is single use at UiTiD: replaying it under another valid state fails."""
    await harness.link(AN, NORMAL)
    await say(harness, AN, "/unlink")
    url = await harness.login_url(AN)
    async with httpx.AsyncClient() as browser:
        await browser.get(url)
        redirect = await browser.post(url, data={"passholder": NORMAL})
        used = httpx.URL(redirect.headers["location"])
        assert (await browser.get(str(used))).status_code == 200
        await say(harness, AN, "/unlink")
        fresh = httpx.URL(await harness.login_url(AN)).params["state"]
        replay = await browser.get(
            str(used.copy_set_param("state", fresh))  # the old code, a valid state
        )
    assert replay.status_code == 400
    assert "aanvaardde deze aanmelding niet" in replay.text
    failed = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: "niet gelukt" in (c.text or "")
    )
    assert "/link" in (failed.text or "")
    assert await harness.running.services.links.linked_number(AN.id) is None


async def test_an_expired_login_link_is_refused(harness: Harness) -> None:
    url = await harness.login_url(AN)
    async with harness.running.database.engine.begin() as connection:
        await connection.execute(
            update(UitidLoginState).values(expires_at=datetime(2000, 1, 1, tzinfo=UTC))
        )
    page = await harness.log_in(AN, NORMAL, url=url)
    assert page.status_code == 400
    assert "verlopen" in page.text
    assert await harness.running.services.links.linked_number(AN.id) is None
    assert await LoginStateRepository(harness.running.database).delete_for_user(AN.id) == 0


async def test_an_expired_refresh_token_answers_with_the_login_button(harness: Harness) -> None:
    """The login expired: the reply carries the same login button /link offers (not "tap
    /link"), and logging in with it checks the photo's code in without a new photo."""
    await harness.link(AN, NORMAL)
    response = await harness.sandbox.post("/_sandbox/uitid/expire", json={"tokens": "all"})
    response.raise_for_status()
    calls = await harness.telegram.calls()
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id, after=calls[-1].seq)
    assert "aanmelding bij UiTiD is verlopen of ingetrokken" in (reply.text or "")
    assert "/link" not in (reply.text or "")
    [[(label, url)]] = reply.buttons
    assert label == "Aanmelden met UiTiD"
    assert url is not None
    assert url.startswith(f"{harness.settings.uitpas_auth_url}/realms/uitid/")
    assert "code_challenge_method=S256" in url
    assert await harness.sandbox_points(NORMAL) == 25
    assert await UitidTokenRepository(harness.running.database).get(AN.id) is None
    page = await harness.log_in(AN, NORMAL, url=url)  # logging in again repairs it
    assert page.status_code == 200, page.text
    result = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: "Je spaarde" in (c.text or "")
    )
    assert "Je spaarde 1 punt bij <b>Jazz op de Grote Markt</b>" in (result.text or "")
    assert await harness.sandbox_points(NORMAL) == 26
    assert "gescand" in await photo_reply(harness)  # the same code again: not a second point
    assert await harness.sandbox_checkins(NORMAL) == 1


async def test_unlink_revokes_the_login_at_uitid(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    assert (await uitid(harness))["refresh"] == 1
    assert "ontkoppeld" in await say(harness, AN, "/unlink")
    assert (await uitid(harness))["refresh"] == 0  # revoked there, not only forgotten here
    assert await UitidTokenRepository(harness.running.database).get(AN.id) is None
    assert "Tik nu /link en meld je aan" in await photo_reply(harness)
    assert await harness.sandbox_points(NORMAL) == 25


async def test_a_photo_before_login_is_checked_in_after_it(harness: Harness) -> None:
    assert "Tik nu /link en meld je aan met je UiTiD" in await photo_reply(harness)
    await harness.log_in(AN, NORMAL)
    result = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: "Je spaarde" in (c.text or "")
    )
    assert "Je spaarde 1 punt" in (result.text or "")
    assert await harness.sandbox_points(NORMAL) == 26


async def test_cancelling_the_login_links_nothing(harness: Harness) -> None:
    url = await harness.login_url(AN)
    async with httpx.AsyncClient() as browser:
        await browser.get(url)
        redirect = await browser.post(url, data={"cancel": "1"})
        page = await browser.get(redirect.headers["location"])
    assert page.status_code == 400
    assert "geannuleerd" in page.text
    assert await harness.running.services.links.linked_number(AN.id) is None
