"""A statement whose task is cancelled (a background loop stopped at shutdown, a side request
given up) gives its connection back to the pool, wherever the cancellation lands.

On SQLite, checking a connection out for :meth:`Database.run` (autocommit) sets its isolation
level with an await (a hop to aiosqlite's worker thread), after the pool has handed the
connection out and before anything holds it. Cancelled there, it was stranded until the garbage
collector found it, warned ("non-checked-in connection … will be terminated") and threw it away.
"""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, literal, select
from sqlalchemy.exc import SAWarning

from storage.database import Database
from tests.support.cancellation import cancel_after_turns

ONE = select(literal(1))


@contextmanager
def _nothing_stranded(database: Database) -> Iterator[None]:
    """Fail when a connection is still checked out, or the collector finds one, afterwards."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SAWarning)
        yield
        pool: Any = database.engine.pool
        assert pool.checkedout() == 0, pool.status()
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, SAWarning)] == []


async def _cancelled(work: Awaitable[Any]) -> None:
    try:
        await work
    except asyncio.CancelledError:
        pass
    else:
        raise AssertionError("the work was not cancelled")


def _ways_in(database: Database) -> dict[str, Callable[[], Awaitable[Any]]]:
    async def claim() -> None:
        async with database.statements() as connection:
            await connection.run(ONE, {})
            await connection.run(ONE, {})

    return {
        "run": lambda: database.run(ONE, {}),
        "run_counting": lambda: database.run_counting(ONE, {}),
        "statements": claim,
    }


async def test_a_statement_cancelled_while_its_connection_is_checked_out(
    database_url: str,
) -> None:
    """Deterministic: the task is cancelled as the pool hands it a connection, before the
    engine has set the connection up (on SQLite its isolation level: an await) and returned it."""
    database = Database(database_url)
    cancelled: list[asyncio.Task[Any]] = []  # the task to cancel at its next checkout

    def cancel_now(*_checkout: object) -> None:
        if cancelled:
            cancelled.pop().cancel()

    event.listen(database.engine.sync_engine.pool, "checkout", cancel_now)
    try:
        for name, work in _ways_in(database).items():
            await database.run(ONE, {})  # a connection in the pool, as in a running bot
            with _nothing_stranded(database):
                task = asyncio.create_task(work(), name=name)
                cancelled.append(task)
                await _cancelled(task)
        assert await database.run(ONE, {}) == [(1,)]  # and the pool still serves
    finally:
        await database.dispose()


async def test_a_statement_cancelled_anywhere_gives_its_connection_back(
    database_url: str,
) -> None:
    """Cancelled after 0, 1, 2, … turns of the event loop: at the checkout, in the statement
    or at the check-in, whichever the turn reaches."""
    database = Database(database_url)
    try:
        for work in _ways_in(database).values():
            for turns in range(12):
                await database.run(ONE, {})
                with _nothing_stranded(database):
                    await cancel_after_turns(work, turns)
    finally:
        await database.dispose()
