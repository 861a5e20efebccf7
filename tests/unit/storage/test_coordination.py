"""The database claims that make several instances behave as one bot, on SQLite and on the real
PostgreSQL server, with two engines (two instances) racing for the same thing."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.services.send_budget import SendBudget
from storage.coordination import (
    EarlierCheckin,
    HandledUpdateRepository,
    Lease,
    LeaseKeeper,
    RecentCheckinCodeRepository,
    SendWindowRepository,
    TakenOver,
    UpdateClaim,
)
from storage.database import Database
from storage.models import utcnow

T0 = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC)

# The two instances migrate the database themselves, side by side, as instances start.
pytestmark = pytest.mark.empty_database


LEASE = timedelta(seconds=15)


def _leases(databases: tuple[Database, Database]) -> list[tuple[Database, Lease]]:
    """Each instance its own holder, both with a 15-second lease."""
    return [
        (database, Lease(LEASE, holder=f"instance-{i}")) for i, database in enumerate(databases)
    ]


async def test_an_update_is_taken_by_exactly_one_of_many_racing_claims(
    two_instances: tuple[Database, Database],
) -> None:
    repositories = [
        HandledUpdateRepository(database, lease=lease) for database, lease in _leases(two_instances)
    ]
    claims = [repositories[i % 2].claim(4242, now=T0) for i in range(20)]
    results = await asyncio.gather(*claims)
    assert results.count(UpdateClaim.MINE) == 1
    assert results.count(UpdateClaim.HELD) == 19  # never "finished": Telegram must send again
    assert await repositories[1].claim(4243, now=T0) is UpdateClaim.MINE  # another update


async def test_an_unfinished_update_is_taken_over_once_its_lease_lapses_and_not_before(
    two_instances: tuple[Database, Database],
) -> None:
    first, second = (
        HandledUpdateRepository(database, lease=lease) for database, lease in _leases(two_instances)
    )
    assert await first.claim(1, now=T0) is UpdateClaim.MINE
    assert await second.claim(1, now=T0 + timedelta(seconds=14)) is UpdateClaim.HELD
    # The first one died (no heartbeat): taken over seconds later, not minutes.
    assert await second.claim(1, now=T0 + timedelta(seconds=16)) is UpdateClaim.MINE
    assert await first.claim(1, now=T0 + timedelta(seconds=17)) is UpdateClaim.HELD
    await second.finish(1)
    assert await first.claim(1, now=T0 + timedelta(hours=1)) is UpdateClaim.FINISHED
    assert await first.purge_before(T0 + timedelta(days=2)) == 1
    assert await first.claim(1, now=T0 + timedelta(days=2)) is UpdateClaim.MINE


async def test_a_renewed_lease_is_never_taken_over_and_a_released_one_at_once(
    two_instances: tuple[Database, Database],
) -> None:
    (db1, lease1), (db2, lease2) = _leases(two_instances)
    slow, other = (
        HandledUpdateRepository(db1, lease=lease1),
        HandledUpdateRepository(db2, lease=lease2),
    )
    keeper = LeaseKeeper(db1, lease1)
    codes = RecentCheckinCodeRepository(db1, repeat_window=timedelta(minutes=5), lease=lease1)
    other_codes = RecentCheckinCodeRepository(db2, repeat_window=timedelta(minutes=5), lease=lease2)
    assert await slow.claim(5, now=T0) is UpdateClaim.MINE
    assert await codes.claim(7, "d" * 64, points_before=3, now=T0) is None
    # A slow instance: a minute of heartbeats every 5 s keeps both claims its own.
    for beat in range(1, 13):
        now = T0 + timedelta(seconds=5 * beat)
        assert await keeper.renew(now=now) == 2
        assert await other.claim(5, now=now + timedelta(seconds=1)) is UpdateClaim.HELD
        running = await other_codes.claim(7, "d" * 64, now=now + timedelta(seconds=1))
        assert isinstance(running, EarlierCheckin)
        assert running.result_code is None
    await slow.finish(5)
    await codes.answered(7, "d" * 64, "ACTION_SUCCEEDED", points_saved=1, total_points=4)
    assert await keeper.renew(now=T0 + timedelta(seconds=65)) == 0  # nothing running any more
    # Given up on a graceful stop: the other instance takes it without waiting for the lease.
    assert await slow.claim(6, now=utcnow()) is UpdateClaim.MINE
    assert await other.claim(6) is UpdateClaim.HELD
    assert await keeper.release_all() == 1
    assert await other.claim(6) is UpdateClaim.MINE


def _recent_codes(database: Database, holder: str = "instance") -> RecentCheckinCodeRepository:
    """Five minutes' repeat window; a running claim is a 15-second lease."""
    return RecentCheckinCodeRepository(
        database, repeat_window=timedelta(minutes=5), lease=Lease(LEASE, holder=holder)
    )


async def test_a_code_is_checked_in_once_per_window_and_the_answer_is_shared(
    two_instances: tuple[Database, Database],
) -> None:
    first, second = (_recent_codes(database) for database in two_instances)
    results = await asyncio.gather(*(repo.claim(7, "d" * 64, now=T0) for repo in (first, second)))
    assert sorted(result is None for result in results) == [False, True]
    running = await first.claim(7, "d" * 64, now=T0 + timedelta(seconds=1))
    assert running is not None
    assert running.result_code is None
    await second.answered(7, "d" * 64, "ACTION_SUCCEEDED", points_saved=1, total_points=26)
    earlier = await first.claim(7, "d" * 64, now=T0 + timedelta(minutes=4))
    assert earlier is not None
    assert (earlier.result_code, earlier.points_saved, earlier.total_points) == (
        "ACTION_SUCCEEDED",
        1,
        26,
    )
    assert await first.claim(8, "d" * 64, now=T0) is None  # another passholder
    assert await first.claim(7, "e" * 64, now=T0) is None  # another code
    assert await first.claim(7, "d" * 64, now=T0 + timedelta(minutes=6)) is None  # window over
    # The two other claims (another passholder, another code) date from T0: past the window.
    assert await second.purge(now=T0 + timedelta(minutes=6)) == 2


async def test_a_released_or_abandoned_code_claim_can_be_taken_again(
    two_instances: tuple[Database, Database],
) -> None:
    first, second = (_recent_codes(db, f"i{n}") for n, db in enumerate(two_instances))
    assert await first.claim(7, "d" * 64, now=T0) is None
    await first.release(7, "d" * 64)
    assert await second.claim(7, "d" * 64, points_before=25, now=T0) is None
    # Never answered (its instance died): taken over once the lease lapsed, not before, with
    # the points before the dead instance's check-in to settle it by, and when it started
    # (its request may be at UiTPAS until its timeout after that).
    assert isinstance(
        await first.claim(7, "d" * 64, now=T0 + timedelta(seconds=14)), EarlierCheckin
    )
    # It keeps when the dead instance claimed it: under v4 its check-in is searched from then.
    assert await first.claim(7, "d" * 64, points_before=26, now=T0 + timedelta(seconds=16)) == (
        TakenOver(points_before=25, claimed_at=T0)
    )
    # Taken over: the taker holds it now.
    assert isinstance(
        await second.claim(7, "d" * 64, now=T0 + timedelta(seconds=20)), EarlierCheckin
    )
    assert await first.delete_for_user(7) == 1


async def test_a_running_claim_older_than_the_window_is_not_robbed_while_its_lease_lives(
    two_instances: tuple[Database, Database],
) -> None:
    """A taken-over claim keeps its first claimed_at, so it may be older than the window
    while its taker still works: only a lapsed lease lets another instance take it."""
    first, second = (_recent_codes(db, f"i{n}") for n, db in enumerate(two_instances))
    assert await first.claim(7, "e" * 64, now=T0) is None
    later = T0 + timedelta(minutes=6)  # past the window; the first instance's lease lapsed
    assert await second.claim(7, "e" * 64, now=later) == TakenOver(None, claimed_at=T0)
    # The second instance holds it now (its lease runs to later + 15 s), its claim 6 min old.
    assert isinstance(
        await first.claim(7, "e" * 64, now=later + timedelta(seconds=5)), EarlierCheckin
    )
    await second.answered(7, "e" * 64, "ACTION_SUCCEEDED", points_saved=1, total_points=26)
    # Answered and older than the window: a fresh check-in of the code.
    assert await first.claim(7, "e" * 64, now=later + timedelta(seconds=6)) is None


async def test_the_send_budget_is_shared_by_instances_and_waits_for_the_next_second(
    two_instances: tuple[Database, Database],
) -> None:
    clock = [T0 + timedelta(milliseconds=400)]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += timedelta(seconds=seconds)

    budgets = [
        SendBudget(SendWindowRepository(database), per_second=3, now=lambda: clock[0], sleep=sleep)
        for database in two_instances
    ]
    for i in range(3):
        await budgets[i % 2].take()
    assert slept == []  # three sends fit in the first second, whichever instance sends them
    await budgets[1].take()
    assert slept == [pytest.approx(0.601)]  # the fourth waits for the next second
    assert await SendWindowRepository(two_instances[0]).count("bulk") == 4


async def test_racing_sends_never_exceed_the_budget(
    two_instances: tuple[Database, Database],
) -> None:
    windows = [SendWindowRepository(database) for database in two_instances]
    taken = await asyncio.gather(*(windows[i % 2].take("bulk", T0, 5) for i in range(16)))
    assert sum(taken) == 5
    assert await windows[0].purge_before(T0) == 0  # the window starts at T0: not before it
    assert await windows[1].purge_before(T0 + timedelta(seconds=1)) == 1
