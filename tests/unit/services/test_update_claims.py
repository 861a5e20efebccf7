"""Finished marks written lazily (issue 21): with the next claim, within a short interval, on a
graceful stop; a copy in between is dropped here and held (asked again) elsewhere."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.services.update_claims import UpdateClaims
from storage.coordination import HandledUpdateRepository, Lease, UpdateClaim
from storage.database import Database

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
