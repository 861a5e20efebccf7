"""The per-user value with a lifetime behind a kept code and a half-finished /family add, on
both databases: the newest value wins, it is taken once, an old one is none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from storage.database import Database
from storage.family import FamilyDraftRepository
from storage.models import FamilyDraft, PendingCheckin
from storage.repositories import PendingCheckinRepository


async def test_the_newest_value_is_taken_once_and_an_old_one_is_none(
    two_instances: tuple[Database, Database],
) -> None:
    database, other = two_instances
    for repository, model, stamp in (
        (PendingCheckinRepository, PendingCheckin, "created_at"),
        (FamilyDraftRepository, FamilyDraft, "started_at"),
    ):
        here = repository(database, keep_for=timedelta(hours=1))
        there = repository(other, keep_for=timedelta(hours=1))
        await here.put(1, "first")
        await here.put(1, "second")  # replaces: the newest is the one that counts
        await here.put(2, "theirs")
        assert await there.take(1) == "second"
        assert await here.take(1) is None  # once, whichever instance asks
        async with database.session() as session:
            old = datetime.now(UTC) - timedelta(hours=2)
            await session.exec(update(model).values({stamp: old}))  # type: ignore[call-overload]
        assert await here.take(2) is None  # too old: none, and gone
        assert await here.delete_for_user(2) == 0
