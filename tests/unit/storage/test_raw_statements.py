"""The per-update statements run straight on asyncpg on PostgreSQL (storage.raw_statements,
issue 21): they must read and fail exactly as through SQLAlchemy, so every guarantee the
repositories' tests check holds on either path: the same rows, a constraint violation never
retried, a lost connection retried on a fresh one, a cancelled statement stranding nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from storage.coordination import HandledUpdateRepository, Lease, RecentCheckinCodeRepository
from storage.database import Database
from storage.models import HandledUpdate
from storage.repositories import LinkRepository, ThrottleRepository, UitidTokenRepository
from storage.retry import is_transient
from tests.e2e.test_database_faults import terminate_backends
from tests.support.cancellation import cancel_after_turns

pytestmark = pytest.mark.empty_database

T0 = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC)
PID = select(func.pg_backend_pid().label("pid"))


def _per_update_statements(database: Database) -> dict[str, Any]:
    """The statements a photo's check-in runs in webhook mode, by name."""
    lease = Lease(timedelta(seconds=15), "one")
    throttle = ThrottleRepository(database, read_ahead=lambda *_: None)
    updates = HandledUpdateRepository(database, lease=lease, photos=throttle)
    codes = RecentCheckinCodeRepository(database, repeat_window=timedelta(minutes=5), lease=lease)
    tokens, links = UitidTokenRepository(database), LinkRepository(database)
    return {
        "update claim with the photo's count": updates._claim_counting.get(False),
        "the same with finished marks": updates._claim_counting.get(True),
        "finished marks": updates._finish_many,
        "update claim": updates._claim,
        "code claim and look": codes._claim_and_look,
        "answer, record and announcements": codes._answered_and_opened,
        "token rotation": tokens._save,
        "link": links._get,
    }


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
async def test_the_per_update_statements_run_past_sqlalchemy_on_postgresql_only(
    database_url: str,
) -> None:
    """A statement whose types SQLAlchemy would process is left to SQLAlchemy: this fails if
    one of the hot ones silently fell back (and lost what this module saves)."""
    database = Database(database_url)
    try:
        postgresql = database.engine.dialect.name == "postgresql"
        for name, statement in _per_update_statements(database).items():
            if statement is None:  # SQLite has no INSERT inside a WITH
                assert not postgresql, name
                continue
            assert database.runs_raw(statement) is postgresql, name
    finally:
        await database.dispose()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_raw_row_reads_as_sqlalchemy_reads_it(database: Database) -> None:
    """The same statement, raw and through SQLAlchemy: the same keys, values and types
    (aware datetimes, None for an outer join's missing side), by position, by name and by
    attribute."""
    links = LinkRepository(database)
    await links.save(7, "0930000420206", "nl")
    await links.remember_passholder_id(7, "passholder-7")
    throttle = ThrottleRepository(database, read_ahead=lambda *_: None)
    statement = throttle._hit_and_link[True]
    assert database.runs_raw(statement)
    for user in (7, 8):  # linked, and not: the link's columns None
        parameters = {"user": user, "action": "checkin", "window_start": T0}
        [raw] = await database.run(statement, parameters)
        async with database.engine.connect() as connection:
            [through] = (await connection.execute(statement, parameters)).all()
        # The same row but for the count, one more through SQLAlchemy (counted again).
        assert (raw.count, through.count) == (1, 2)
        assert raw[0] == raw._mapping["count"] == 1
        assert {**raw._mapping, "count": 2} == dict(through._mapping)
        assert {k: type(v) for k, v in raw._mapping.items()} == {
            k: type(v) for k, v in through._mapping.items()
        }
        assert tuple(raw)[1:] == tuple(through)[1:]
        assert (raw.telegram_user_id is None) is (user == 8)
    [link] = await database.run(links._get, {"user": 7})
    assert link.linked_at.tzinfo is not None
    assert link.passholder_id == "passholder-7"
    assert await links.get(7) is not None


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_refused_statement_raises_as_before_and_keeps_its_connection(
    database: Database,
) -> None:
    """A constraint violation is SQLAlchemy's IntegrityError (never retried), and the
    connection it ran on serves the next statement: nothing about it was broken."""
    table = HandledUpdate.__table__  # type: ignore[attr-defined]
    add = insert(table).values(update_id=bindparam("u"), claimed_at=bindparam("t"))
    database.prebuilt(add, PID)
    [before] = await database.run(PID, {})
    await database.run(add, {"u": 1, "t": T0})
    with pytest.raises(IntegrityError) as refused:
        await database.run(add, {"u": 1, "t": T0})
    assert not is_transient(refused.value)
    [after] = await database.run(PID, {})
    assert after.pid == before.pid


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_lost_connection_is_told_as_such_and_the_next_statement_gets_a_live_one(
    database: Database,
    database_url: str,
) -> None:
    """The server restarted: the statement on a dead connection fails as an invalidated
    connection (what storage.retry retries), and the idle ones, dead too, are thrown away
    with it, so the retry runs on a new connection rather than on the next dead one."""
    database.prebuilt(PID)
    pool = database._raw_pool
    assert pool is not None
    async with database.statements() as one, database.statements() as two:
        [first] = await one.run(PID, {})
        await two.run(PID, {})
    assert pool.idle == 2
    # Closed under it, while it is handed out: its next statement fails.
    async with database.statements() as statements:
        await statements.run(PID, {})
        assert await terminate_backends(database_url) >= 2
        with pytest.raises(DBAPIError) as lost:
            await statements.run(PID, {})
    assert lost.value.connection_invalidated
    assert is_transient(lost.value)
    assert pool.idle == 0  # the other one, dead as well, thrown away with it
    [fresh] = await database.run(PID, {})
    assert fresh.pid != first.pid
    assert pool.checked_out == 0
    # And a repository's own retry comes through the same way.
    assert await terminate_backends(database_url) >= 1
    tokens = UitidTokenRepository(database)
    await tokens.save(7, "encrypted")
    assert await tokens.get(7) == "encrypted"


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_raw_statement_cancelled_anywhere_strands_nothing(database: Database) -> None:
    """Cancelled after 0, 1, 2, … turns of the event loop (at the checkout, in the statement,
    between two statements): no connection stays handed out, and the pool still serves."""
    database.prebuilt(PID)
    pool = database._raw_pool
    assert pool is not None

    async def two_statements() -> None:
        async with database.statements() as statements:
            await statements.run(PID, {})
            await statements.run(PID, {})

    for work in (lambda: database.run(PID, {}), two_statements):
        for turns in range(12):
            await cancel_after_turns(work, turns)
            assert pool.checked_out == 0
            assert len(await database.run(PID, {})) == 1
