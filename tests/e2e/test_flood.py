"""Floods: one user sending 50 photos in a minute is throttled with one clear message, the
check-in endpoint cannot be used to guess codes, and everybody else keeps being served.

The counter is in the database, so several bot instances share it: the last tests run two
throttles on two engines against one database, as two instances would.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

from bot.sandbox.uitpas.data import NORMAL
from bot.services.throttle import Throttle, Verdict
from storage.database import Database
from storage.repositories import CheckinRepository, ThrottleRepository
from tests.support.harness import AN, JOHN, Harness, StartBot, say
from tests.support.images import qr_png

THROTTLED = "Je stuurt heel veel foto's na elkaar"


async def test_fifty_photos_in_a_minute_are_throttled_and_others_are_served(
    harness: Harness,
) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    # Windows are fixed minutes: a flood straddling a boundary may get 2 x 10 (documented).
    # Start the flood well inside a minute so the count below is exact.
    second = datetime.now(UTC).second
    if second > 45:
        await asyncio.sleep(61 - second)
    guesses = [qr_png(f"{10_000_000 + n}", scale=4) for n in range(50)]  # brute-forcing codes
    for image in guesses:
        await harness.telegram.send_photo(AN, image)
    started = time.monotonic()
    john = await say(harness, JOHN, "/help")
    john_waited = time.monotonic() - started
    assert "/link" in john
    assert john_waited < 3.0, f"John waited {john_waited:.1f} s behind An's flood"

    await harness.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: THROTTLED in (c.text or ""), timeout=60
    )
    await asyncio.sleep(1.0)  # let the silently dropped rest pass through
    replies = [
        c
        for c in await harness.telegram.calls()
        if c.method == "sendMessage" and c.chat_id == AN.id
    ]
    texts = [c.text or "" for c in replies[1:]]  # after the link confirmation
    assert sum(THROTTLED in text for text in texts) == 1  # one clear message, not forty
    assert len(texts) == 11  # ten answered photos and that message
    attempts = await CheckinRepository(harness.running.database).recent(AN.id, limit=100)
    assert len(attempts) == 10  # only ten codes ever reached UiTPAS
    assert "Over ongeveer" in texts[-1]


async def test_photos_are_read_again_when_the_window_has_passed(start_bot: StartBot) -> None:
    async with start_bot(checkin_limit=2, checkin_window_seconds=2) as harness:
        await say(harness, AN, f"/link {NORMAL}")
        for _ in range(4):
            await harness.telegram.send_photo(AN, qr_png("99999999", scale=4))
        await harness.telegram.wait_for_call(
            "sendMessage", chat_id=AN.id, where=lambda c: THROTTLED in (c.text or "")
        )
        await asyncio.sleep(2.1)
        await harness.telegram.send_photo(AN, qr_png("12345678", scale=4))
        reply = await harness.telegram.wait_for_call(
            "sendMessage", chat_id=AN.id, where=lambda c: "Je spaarde" in (c.text or "")
        )
        assert "Je spaarde 1 punt" in reply.text


async def test_two_instances_share_one_limit(database_url: str) -> None:
    """A flooder spreading photos over two instances gets the limit once, not twice."""
    first, second = Database(database_url), Database(database_url)
    await first.migrate()
    try:
        window = timedelta(minutes=1)
        throttles = [
            Throttle(ThrottleRepository(db), limit=10, window=window) for db in (first, second)
        ]
        now = datetime(2026, 11, 26, 20, 0, 5, tzinfo=UTC)
        verdicts = [(await throttles[n % 2].check(AN.id, now=now)).verdict for n in range(14)]
        assert verdicts[:10] == [Verdict.ALLOWED] * 10
        assert verdicts[10] == Verdict.THROTTLED_NOTIFY
        assert verdicts[11:] == [Verdict.THROTTLED_SILENT] * 3
        assert (await throttles[1].check(JOHN.id, now=now)).allowed  # per user
        later = now + window
        assert (await throttles[0].check(AN.id, now=later)).allowed  # next window
    finally:
        await first.dispose()
        await second.dispose()


async def test_concurrent_hits_are_counted_exactly(database_url: str) -> None:
    """Twenty photos at the same instant on two engines: counts 1..20, none lost or doubled."""
    first, second = Database(database_url), Database(database_url)
    await first.migrate()
    try:
        repositories = [ThrottleRepository(first), ThrottleRepository(second)]
        start = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)
        counts = await asyncio.gather(
            *(repositories[n % 2].hit(AN.id, "checkin", start) for n in range(20))
        )
        assert sorted(counts) == list(range(1, 21))
    finally:
        await first.dispose()
        await second.dispose()


async def test_old_windows_are_purged(database_url: str) -> None:
    database = Database(database_url)
    await database.migrate()
    try:
        throttle = Throttle(ThrottleRepository(database), limit=1, window=timedelta(minutes=1))
        now = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)
        await throttle.check(AN.id, now=now - timedelta(days=2))
        await throttle.check(AN.id, now=now)
        assert await throttle.purge(now=now) == 1
        assert (await throttle.check(AN.id, now=now)).verdict == Verdict.THROTTLED_NOTIFY
    finally:
        await database.dispose()
