"""End to end: linking a card that is not active says what its status means (issue 15, point 3).

The bot reads the pass once when a card is linked, by number (legacy) or after the UiTiD login
(v4). A blocked or not-yet-active card can become usable again at a UiTPAS desk under the same
number, so it is linked, with a warning that says so; a deleted card never works again, so it
is refused and nothing is stored. Under v4 a blocked card's login has no ``uitpasNumber`` in
``/passholders/me`` (the spec gives it only for an active card): the card's own number is in
its membership's ``currentCard``, and ``/passes`` says why, with UiTPAS's ``endUserMessage``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.sandbox.telegram.client import TgUser
from bot.sandbox.uitpas.data import BLOCKED, DELETED, LOCAL_STOCK, NORMAL
from bot.uitpas.numbers import mask_uitpas_number
from storage.repositories import LinkRepository, PendingCheckinRepository
from tests.support.harness import AN, BACKENDS, JOHN, Harness, say
from tests.support.images import poster_photo

JAZZ_CODE = "12345678"  # happening now


async def link_reply(harness: Harness, user: TgUser, number: str) -> str:
    """What the bot answers when ``user`` links ``number`` the way the backend does."""
    if harness.backend == "legacy":
        return await say(harness, user, f"/link {number}")
    url = await harness.login_url(user)
    calls = await harness.telegram.calls()
    after = calls[-1].seq if calls else 0
    page = await harness.log_in(user, number, url=url)
    assert page.status_code in (200, 400), page.text  # 400: the page says nothing was linked
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id, after=after)
    return reply.text or ""


async def linked_number(harness: Harness, user: TgUser) -> str | None:
    link = await LinkRepository(harness.running.database).get(user.id)
    return link.uitpas_number if link else None


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_blocked_card_is_linked_with_a_warning_that_says_what_to_do(
    harness: Harness,
) -> None:
    text = await link_reply(harness, AN, BLOCKED)
    assert mask_uitpas_number(BLOCKED) in text
    assert BLOCKED not in text
    assert "gekoppeld" in text
    assert "geblokkeerd" in text
    assert "geen punten mee sparen" in text  # what the status means
    assert "Stuur op een activiteit" not in text  # no photo to send until the desk helped
    assert "UiTPAS-balie" in text  # and what to do
    if harness.backend == "v4":
        assert "Deze UiTPAS is geblokkeerd." in text  # UiTPAS's own endUserMessage
    assert await linked_number(harness, AN) == BLOCKED
    points = await say(harness, AN, "/points")  # under v4 in UiTPAS's own words
    assert "is geblokkeerd" in points


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_blocked_card_warns_in_english_too(harness: Harness) -> None:
    text = await link_reply(harness, JOHN, BLOCKED)
    assert "is linked" in text
    assert "blocked" in text
    assert "cannot save or trade points" in text


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_deleted_card_is_refused_and_nothing_is_stored(harness: Harness) -> None:
    text = await link_reply(harness, AN, DELETED)
    assert mask_uitpas_number(DELETED) in text
    assert DELETED not in text
    assert "niet gekoppeld" in text
    assert "verwijderd" in text
    assert "nieuwe kaart" in text
    if harness.backend == "v4":
        assert "Deze UiTPAS werd verwijderd." in text
    assert await linked_number(harness, AN) is None
    assert "Koppel eerst je UiTPAS" in await say(harness, AN, "/points")


@pytest.mark.parametrize("backend", ["legacy"])
async def test_a_card_not_handed_out_yet_is_linked_with_its_own_warning(
    harness: Harness,
) -> None:
    text = await link_reply(harness, AN, LOCAL_STOCK)
    assert "gekoppeld" in text
    assert "niet actief" in text
    assert await linked_number(harness, AN) == LOCAL_STOCK


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_photo_sent_before_is_kept_for_a_working_card_not_checked_in_on_a_blocked_one(
    harness: Harness,
) -> None:
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    text = await link_reply(harness, AN, BLOCKED)
    assert "geblokkeerd" in text
    assert "Ik check nu" not in text
    assert await harness.sandbox_checkins(BLOCKED) == 0
    pending = PendingCheckinRepository(harness.running.database, keep_for=timedelta(hours=6))
    assert await pending.take(AN.id) == JAZZ_CODE  # still remembered, for a card that works


@pytest.mark.parametrize("backend", BACKENDS)
async def test_an_active_card_links_without_a_warning(harness: Harness) -> None:
    text = await link_reply(harness, AN, NORMAL)
    assert "gekoppeld" in text
    assert "Let op" not in text
    assert "geblokkeerd" not in text
