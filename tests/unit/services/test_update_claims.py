"""Finished marks written lazily (issue 21): with the next claim, within a short interval, on a
graceful stop; a copy in between is dropped here and held (asked again) elsewhere."""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import NamedTuple

import pytest

from bot.services import throttle as throttle_module
from bot.services.throttle import Throttle, Verdict
from bot.services.update_claims import UpdateClaims
from storage.coordination import HandledUpdateRepository, Lease, UpdateClaim
from storage.database import Database
from storage.models import PassholderLink
from storage.repositories import LinkRepository, ThrottleRepository

pytestmark = pytest.mark.empty_database


@pytest.fixture
async def repositories(database_url: str) -> AsyncIterator[list[HandledUpdateRepository]]:
    database = Database(database_url)
    await database.migrate()
    try:
        yield [
            HandledUpdateRepository(database, lease=Lease(timedelta(seconds=15), holder))
            for holder in ("one", "two")
        ]
    finally:
        await database.dispose()


class Counting(HandledUpdateRepository):
    """Counts the statements that mark updates finished on their own."""

    def __init__(self, inner: HandledUpdateRepository) -> None:
        self.__dict__.update(inner.__dict__)
        self.flushes = 0

    async def finish_many(self, update_ids, *, now=None):  # type: ignore[no-untyped-def]
        self.flushes += 1
        return await super().finish_many(update_ids, now=now)


async def test_marks_ride_on_the_next_claim_or_are_flushed_soon(
    repositories: list[HandledUpdateRepository],
) -> None:
    mine, other = Counting(repositories[0]), repositories[1]
    claims = UpdateClaims(mine, finish_within=0.2)
    assert await claims.claim(1) is UpdateClaim.MINE
    await claims.finish(1)
    assert await claims.claim(1) is UpdateClaim.FINISHED  # a copy here: known handled
    assert await other.claim(1) is UpdateClaim.HELD  # elsewhere: asked again, not taken over
    assert await claims.claim(2) is UpdateClaim.MINE  # carries 1's mark
    assert await other.claim(1) is UpdateClaim.FINISHED
    assert mine.flushes == 0
    await claims.finish(2)
    await asyncio.sleep(0.4)  # no claim came: flushed on its own
    assert mine.flushes == 1
    assert await other.claim(2) is UpdateClaim.FINISHED


async def test_a_graceful_stop_writes_the_marks_before_the_claims_are_given_up(
    repositories: list[HandledUpdateRepository],
) -> None:
    mine, other = repositories
    claims = UpdateClaims(mine, finish_within=60)
    assert await claims.claim(3) is UpdateClaim.MINE
    await claims.finish(3)
    await claims.flush()
    assert await other.claim(3) is UpdateClaim.FINISHED
    await claims.flush()  # nothing left: no statement


async def test_a_failed_flush_keeps_the_marks_for_the_next_claim(
    repositories: list[HandledUpdateRepository], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, other = repositories
    claims = UpdateClaims(mine, finish_within=0.05)

    async def down(*_args: object, **_kwargs: object) -> int:
        raise OSError("database away")

    assert await claims.claim(4) is UpdateClaim.MINE
    monkeypatch.setattr(mine, "finish_many", down)
    await claims.finish(4)
    await asyncio.sleep(0.2)
    assert await other.claim(4) is UpdateClaim.HELD  # not marked, still held
    monkeypatch.undo()
    assert await claims.claim(5) is UpdateClaim.MINE
    assert await other.claim(4) is UpdateClaim.FINISHED


class CountingFlood(ThrottleRepository):
    """Counts the statements a photo's handler makes on its own (the count, the link)."""

    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self.counts = 0
        self.links = 0

    async def hit_and_read_link(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.counts += 1
        return await super().hit_and_read_link(*args, **kwargs)

    async def link(self, telegram_user_id: int) -> PassholderLink | None:
        self.links += 1
        return await super().link(telegram_user_id)


class Instance(NamedTuple):
    claims: UpdateClaims
    throttle: Throttle
    flood: CountingFlood


@pytest.fixture
async def instances(database_url: str) -> AsyncIterator[list[Instance]]:
    """Two instances whose update claims count a private photo (as app.build_services wires
    them), the flood limit 2 photos an hour; user 7 linked."""
    databases = [Database(database_url), Database(database_url)]
    await databases[0].migrate()
    made = []
    for holder, database in zip(("one", "two"), databases, strict=True):
        flood = CountingFlood(database)
        throttle = Throttle(flood, limit=2, window=timedelta(hours=1))
        handled = HandledUpdateRepository(
            database, lease=Lease(timedelta(seconds=15), holder), photos=flood
        )
        claims = UpdateClaims(handled, finish_within=60, throttle=throttle)
        made.append(Instance(claims, throttle, flood))
    await LinkRepository(databases[0]).save(7, "0930000420206", "nl")
    to_the_hour = 3600 - time.time() % 3600
    if to_the_hour < 10:  # the test's photos in one window
        await asyncio.sleep(to_the_hour + 0.1)
    try:
        yield made
    finally:
        for database in databases:
            await database.dispose()


async def _photo_update(
    instance: Instance, update_id: int, *, handler_update_id: int | None = None
) -> tuple[UpdateClaim, Verdict | None, str | None]:
    """One webhook request of a private photo of user 7, in its own task and context: the
    claim, then (when MINE) what the photo's handler asks the throttle."""

    async def request() -> tuple[UpdateClaim, Verdict | None, str | None]:
        claim = await instance.claims.claim(update_id, photo_of=7)
        if claim is not UpdateClaim.MINE:
            return claim, None, None
        decision, link = await instance.throttle.check_reading_link(
            7, heard_from=True, update_id=handler_update_id or update_id
        )
        return claim, decision.verdict, link.uitpas_number if link else None

    return await asyncio.create_task(request(), context=contextvars.Context())


async def test_a_photo_counted_with_its_claim_is_taken_by_its_handler_without_a_round_trip(
    instances: list[Instance],
) -> None:
    """PostgreSQL: the handler takes the claim's count and link (no statement of its own),
    with the verdicts of before: the first photo over the limit gets the message, the rest
    silence; SQLite: the handler counts, to the same verdicts."""
    first, second = instances
    postgresql = first.flood._database.engine.dialect.name == "postgresql"
    seen = [await _photo_update(first, update_id) for update_id in (1, 2, 3, 4)]
    assert seen == [
        (UpdateClaim.MINE, Verdict.ALLOWED, "0930000420206"),
        (UpdateClaim.MINE, Verdict.ALLOWED, "0930000420206"),
        (UpdateClaim.MINE, Verdict.THROTTLED_NOTIFY, "0930000420206"),
        (UpdateClaim.MINE, Verdict.THROTTLED_SILENT, "0930000420206"),
    ]
    assert (first.flood.counts, first.flood.links) == ((0, 0) if postgresql else (4, 0))
    # A copy on the other instance, held by the first's lease, counts nothing.
    assert (await _photo_update(second, 4))[0] is UpdateClaim.HELD
    assert (await first.flood.hit(7, "checkin", first.throttle.photo_count(7).window_start)) == 5


async def test_a_count_kept_for_one_update_is_taken_once_and_by_that_update_only(
    instances: list[Instance], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = instances
    postgresql = first.flood._database.engine.dialect.name == "postgresql"

    async def claimed_then_asked(update_id: int, asked_for: int) -> list[Verdict]:
        async def request() -> list[Verdict]:
            assert await first.claims.claim(update_id, photo_of=7) is UpdateClaim.MINE
            verdicts = []
            for _ in range(2):  # the second time it is gone: counted anew
                decision, _link = await first.throttle.check_reading_link(
                    7, heard_from=True, update_id=asked_for
                )
                verdicts.append(decision.verdict)
            return verdicts

        return await asyncio.create_task(request(), context=contextvars.Context())

    assert await claimed_then_asked(1, 1) == [Verdict.ALLOWED, Verdict.ALLOWED]
    assert first.flood.counts == (1 if postgresql else 2)
    # Kept for update 2, asked by another update's handler: not taken, counted anew.
    verdicts = await claimed_then_asked(2, 3)
    assert verdicts == (
        [Verdict.THROTTLED_SILENT] * 2
        if postgresql
        else [Verdict.THROTTLED_NOTIFY, Verdict.THROTTLED_SILENT]
    )
    # A link read with a claim too long ago is read again alone; the count is not redone.
    monkeypatch.setattr(throttle_module, "LINK_AHEAD_FOR", 0.0)
    counts = first.flood.counts
    claim, verdict, number = await _photo_update(first, 4)
    assert (claim, verdict, number) == (
        UpdateClaim.MINE,
        Verdict.THROTTLED_SILENT,
        "0930000420206",
    )
    assert first.flood.counts == (counts if postgresql else counts + 1)
    assert first.flood.links == (1 if postgresql else 0)
