"""End to end: a check-in code outside its window says which side and when (issue 15, point 5).

Neither UiTPAS API sends an event's dates with a refused check-in: legacy's
``CHECKIN_CODE_EXPIRED`` carries only the event's id, title and organiser, v4's
``checkin-code-expired`` problem only its words for the passholder. The bot knows the dates
when a group admin announced the event with its poster: then the reply says whether check-in
has not opened yet or has closed, and when it opens or closed (5 hours before or after the
start), in words, in the announcement's time zone.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.i18n.dates import when_text
from bot.sandbox.telegram.client import TgUser
from bot.sandbox.uitpas.data import NORMAL
from tests.support.groups import (
    BRUSSELS,
    GROUP,
    MIA,
    MovableClock,
    announce,
    from_now,
    make_group,
    typed,
)
from tests.support.harness import AN, BACKENDS, JOHN, Harness, StartBot
from tests.support.images import poster_photo

READING_CODE = "87654321"  # sandbox: "Voorleesuurtje in de bib", starts in three days
FLEA_MARKET_CODE = "https://uitpas.be/?qr=rommelmarkt7xq2"  # sandbox: ended yesterday
CHECKIN_WINDOW = timedelta(hours=5)


async def announce_with_poster(harness: Harness, code: str, line: str) -> None:
    """The admin answers the poster of ``code`` in the group with an announcement."""
    poster = await harness.telegram.send_photo(AN, poster_photo(code), chat_id=GROUP)
    await announce(harness, line, reply_to=poster["message_id"])


async def private_photo_reply(harness: Harness, user: TgUser, code: str) -> str:
    calls = await harness.telegram.calls()
    after = calls[-1].seq if calls else 0
    await harness.telegram.send_photo(user, poster_photo(code))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id, after=after)
    return reply.text or ""


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_code_before_its_window_says_when_check_in_opens(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock, reminders=False) as harness:
        await make_group(harness, bot_status="administrator")
        starts = from_now(clock, days=3)
        await announce_with_poster(
            harness, READING_CODE, f"/announce Voorlezen | {typed(starts)} | Bib"
        )
        await harness.link(MIA, NORMAL)
        text = await private_photo_reply(harness, MIA, READING_CODE)
        assert "nog niet" in text
        assert "niet meer (of nog niet)" not in text
        assert when_text(starts - CHECKIN_WINDOW, BRUSSELS, "nl") in text
        assert "Voorleesuurtje in de bib" in text or "Voorlezen" in text  # UiTPAS's, or ours
        assert "Er is geen punt gespaard" in text
        assert await harness.sandbox_checkins(NORMAL) == 0


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_code_after_its_window_says_when_check_in_closed(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock, reminders=False) as harness:
        await make_group(harness, bot_status="administrator")
        starts = from_now(clock, hours=2)
        await announce_with_poster(
            harness, FLEA_MARKET_CODE, f"/announce Rommelmarkt | {typed(starts)} | Dender"
        )
        clock.advance(timedelta(hours=8))  # the bot's clock: the event is long over
        await harness.link(JOHN, NORMAL)
        text = await private_photo_reply(harness, JOHN, FLEA_MARKET_CODE)
        assert "closed" in text
        assert "no longer (or not yet)" not in text
        assert when_text(starts + CHECKIN_WINDOW, BRUSSELS, "en") in text
        assert "Rommelmarkt" in text
