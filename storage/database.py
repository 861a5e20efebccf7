"""The database engine, sessions and schema migrations.

All database work is async (aiosqlite, asyncpg) so that a slow query never blocks
python-telegram-bot's event loop. ``DATABASE_URL`` is written the way operators know it
(``sqlite:///file``, ``postgresql://…``); the async driver is chosen here.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

import asyncpg
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Executable, Row, Table, bindparam, delete, event, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.raw_statements import (
    CompiledStatement,
    RawConnection,
    RawPool,
    compile_for_asyncpg,
    connect_arguments,
)
from storage.retry import transient_retry

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: the PostgreSQL advisory lock that lets one instance at a time migrate.
_MIGRATION_LOCK_KEY = 0x75697470  # "uitp"
_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}

T = TypeVar("T")


def async_database_url(url: str) -> str:
    """``postgresql://…`` → ``postgresql+asyncpg://…``; an explicit async driver is kept."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in _ASYNC_DRIVERS:
        raise ValueError(f"unsupported database {backend!r}: use sqlite or postgresql")
    if parsed.drivername in ("sqlite", "postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername=_ASYNC_DRIVERS[backend])
    return parsed.render_as_string(hide_password=False)


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


# Connections kept open (and how many more at a burst): each instance handles up to 256
# updates at once, each holding a connection for one short statement at a time. A pool too small
# for a burst opens and closes overflow connections, each a handful of round trips to set up
# and, on asyncpg, its type introspection and every statement prepared anew: with 10 kept (and
# the per-update statements on them), `benchmarks.load --steady 20` on a busy machine
# (statements held ~100 ms, up to 18 at once) opened a connection every third check-in, 8.6
# round trips per check-in instead of 4.3. The per-update statements now have connections of
# their own on PostgreSQL (RAW_POOL_SIZE, all kept, a burst beyond waits for one); SQLAlchemy's
# pool serves the rest, taken last in, first out, so the few a quiet moment needs stay warm.
# At most 40 per instance: two instances stay within PostgreSQL's default of 100.
POOL_SIZE = 10
MAX_OVERFLOW = 10
RAW_POOL_SIZE = 20


class Database:
    """One engine per process; sessions are short and never shared between tasks.

    No ``pool_pre_ping``: it cost a round trip (three on asyncpg: BEGIN, the ping, ROLLBACK)
    per checkout, i.e. per statement on the hot path. A pooled connection that died (the
    server restarted) now fails its statement instead, SQLAlchemy then invalidates the pool,
    and every repository method retries the whole transaction (:mod:`storage.retry`).
    """

    def __init__(self, url: str) -> None:
        self.url = async_database_url(url)
        pooling: dict[str, Any] = {}
        if make_url(self.url).get_backend_name() == "postgresql":
            pooling = {
                "pool_size": POOL_SIZE,
                "max_overflow": MAX_OVERFLOW,
                "pool_use_lifo": True,
            }
        self.engine: AsyncEngine = create_async_engine(self.url, **pooling)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _enable_sqlite_foreign_keys)
        # One statement is atomic by itself: run without BEGIN and COMMIT around it, which on
        # asyncpg are a round trip each (see :meth:`run`). Shares the engine's pool.
        self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        # asyncpg sets the isolation level without an await; aiosqlite needs one, which a
        # cancellation can interrupt (see _checked_out_whole).
        self._autocommit_connection: Callable[[], AbstractAsyncContextManager[AsyncConnection]]
        if self.engine.dialect.name == "sqlite":
            self._autocommit_connection = self._checked_out_whole
        else:
            self._autocommit_connection = self._autocommit.connect
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )
        self._deletes: dict[tuple[type, str], Executable] = {}
        # PostgreSQL: the per-update statements, compiled once, run straight on asyncpg
        # connections of their own (storage.raw_statements: a fraction of the CPU).
        self._raw: dict[Executable, CompiledStatement] = {}
        self._raw_pool: RawPool | None = None
        if self.engine.dialect.name == "postgresql":
            self._raw_pool = RawPool(self._raw_connect, self.engine.dialect, size=RAW_POOL_SIZE)

    async def _raw_connect(self) -> asyncpg.Connection:
        """A connection as SQLAlchemy's asyncpg dialect makes one: the same arguments, the same
        JSON codecs (so a JSON column reads the same either way)."""
        dialect: Any = self.engine.dialect
        connection = await asyncpg.connect(**connect_arguments(make_url(self.url), dialect))
        try:
            adapted = SimpleNamespace(_connection=connection)
            await dialect.setup_asyncpg_json_codec(adapted)
            await dialect.setup_asyncpg_jsonb_codec(adapted)
        except BaseException:
            connection.terminate()
            raise
        return connection

    def prebuilt(self, *statements: Executable | None) -> None:
        """Statements built once and run for every update: on PostgreSQL, :meth:`run`,
        :meth:`run_counting` and :meth:`statements` run them on asyncpg directly
        (:mod:`storage.raw_statements`), when their types allow; elsewhere nothing changes.
        Only statements kept for the process's life: each stays compiled here."""
        if self._raw_pool is None:
            return
        for statement in statements:
            if statement is not None and statement not in self._raw:
                compiled = compile_for_asyncpg(statement, self.engine.dialect)
                if compiled is not None:
                    self._raw[statement] = compiled

    def runs_raw(self, statement: Executable) -> bool:
        """Whether :meth:`run` takes ``statement`` past SQLAlchemy (tests ask)."""
        return statement in self._raw

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session that commits when the block ends cleanly and rolls back otherwise."""
        async with self._sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def run(self, statement: Executable, parameters: dict[str, Any]) -> list[Row[Any]]:
        """One statement, atomic on its own, on a plain connection; its returned rows.

        For the statements every update runs (claims, counters): without an ORM session each
        costs about a third less CPU, and statements built once with bind parameters skip
        SQLAlchemy's per-call cache-key work. In autocommit mode, so one round trip each
        instead of three (BEGIN, the statement, COMMIT). Measured in benchmarks/load.py.
        """
        compiled = self._raw.get(statement)
        if compiled is not None:
            assert self._raw_pool is not None
            async with self._raw_pool.connection() as raw:
                return await raw.run(compiled, parameters)
        async with self._autocommit_connection() as connection:
            result = await connection.execute(statement, parameters)
            return list(result.all()) if result.returns_rows else []

    async def run_counting(self, statement: Executable, parameters: dict[str, Any]) -> int:
        """Like :meth:`run` for an UPDATE or DELETE: how many rows it touched."""
        compiled = self._raw.get(statement)
        if compiled is not None:
            assert self._raw_pool is not None
            async with self._raw_pool.connection() as raw:
                return await raw.run_counting(compiled, parameters)
        async with self._autocommit_connection() as connection:
            result = await connection.execute(statement, parameters)
            return int(result.rowcount or 0)

    @asynccontextmanager
    async def statements(self) -> AsyncIterator[Statements]:
        """Statements that each commit on their own (no transaction around them), on one
        connection: for a claim that is one atomic upsert, then a read of what it lost to."""
        statements = Statements(self)
        try:
            yield statements
        finally:
            await statements.close()

    @asynccontextmanager
    async def _checked_out_whole(self) -> AsyncIterator[AsyncConnection]:
        """``self._autocommit.connect()`` on SQLite, with a checkout no cancellation strands.

        On SQLite the engine sets the autocommit isolation level on each connection it checks
        out, with an await (a hop to aiosqlite's worker thread), after the pool has handed the
        connection out and before ``connect()`` returns it. A task cancelled at that await (a
        background loop stopped at shutdown, a side request given up) left the connection
        checked out with nothing holding it, until the garbage collector warned ("non-checked-in
        connection") and terminated it. So the checkout runs to its end in a task of its own,
        and a cancellation meanwhile gives the connection back before it is raised. The
        statement and the check-in need nothing more: a cancellation there closes the
        connection, and the close runs to its end (as ``AsyncConnection`` does on exit).
        One more task per statement, ~30 µs of CPU: only SQLite pays it (asyncpg's checkout
        has no await to interrupt).
        """
        connection = self._autocommit.connect()
        try:
            await _to_completion(connection.start())
        except asyncio.CancelledError:
            if connection.sync_connection is not None:  # checked out after all: give it back
                await _to_completion(connection.close())
            raise
        try:
            yield connection
        finally:
            await _to_completion(connection.close())

    async def delete_matching(self, column: Any, value: object) -> int:
        """Delete the rows of ``column``'s table whose ``column`` equals ``value``; how many.

        What every repository's ``delete_for_user`` (what /forget calls) comes down to; it also
        runs on every update (a user who writes is active again), so it is a plain statement.
        """
        key = (column.class_, column.key)  # not the attribute itself: its == builds SQL
        statement = self._deletes.get(key)
        if statement is None:
            statement = delete(column.class_).where(column == bindparam("value"))
            self._deletes[key] = statement
        return await self.run_counting(statement, {"value": value})

    @transient_retry
    async def count_matching(self, column: Any, value: object) -> int:
        """How many rows of ``column``'s table have ``column`` equal to ``value`` (/privacy)."""
        statement = select(func.count()).select_from(column.class_).where(column == value)
        async with self.engine.connect() as connection:
            return int((await connection.execute(statement)).scalar_one())

    async def delete_before(self, column: Any, cutoff: datetime) -> int:
        """Delete the rows of ``column``'s table whose ``column`` is before ``cutoff``; how many.

        What every purge comes down to (history past retention, spent counters and claims).
        """
        return await self.run_counting(delete(column.class_).where(column < cutoff), {})

    def insert(self, table: Table) -> Any:
        """``INSERT`` with ``ON CONFLICT`` support (upserts), in this database's dialect.

        Both dialects spell ``on_conflict_do_update`` alike, so the repositories' atomic
        claims and counters are written once for SQLite and PostgreSQL.
        """
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(table)

    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision, on this engine's own connection.

        Instances starting together behind a load balancer would otherwise run the same
        migration side by side; on PostgreSQL a transaction-wide advisory lock lets the first
        one migrate and the others then find the schema already at head.
        """
        async with self.engine.begin() as connection:
            if self.engine.dialect.name == "postgresql":
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
                )
            await connection.run_sync(_upgrade_to_head)

    async def revisions(self) -> tuple[str | None, str | None]:
        """(the schema's Alembic revision, the newest one there is): equal when migrated.

        Reads only: an operator's check (``uitpas-bot doctor``) must not change the schema.
        """
        async with self.engine.connect() as connection:
            current = await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        return current, head

    async def dispose(self) -> None:
        if self._raw_pool is not None:
            await self._raw_pool.close()
        await self.engine.dispose()


class Statements:
    """What :meth:`Database.statements` hands out: :meth:`run` and :meth:`run_counting` as
    on :class:`Database`, all on the one connection it takes at its first statement (the
    prebuilt statements' own on PostgreSQL, SQLAlchemy's for any other)."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._raw: AbstractAsyncContextManager[RawConnection] | None = None
        self._raw_connection: RawConnection | None = None
        self._connection: AbstractAsyncContextManager[AsyncConnection] | None = None
        self._sqlalchemy: AsyncConnection | None = None

    async def run(self, statement: Executable, parameters: dict[str, Any]) -> list[Row[Any]]:
        compiled = self._database._raw.get(statement)
        if compiled is not None:
            return await (await self._raw_one()).run(compiled, parameters)
        result = await (await self._sqlalchemy_one()).execute(statement, parameters)
        return list(result.all()) if result.returns_rows else []

    async def run_counting(self, statement: Executable, parameters: dict[str, Any]) -> int:
        compiled = self._database._raw.get(statement)
        if compiled is not None:
            return await (await self._raw_one()).run_counting(compiled, parameters)
        result = await (await self._sqlalchemy_one()).execute(statement, parameters)
        return int(result.rowcount or 0)

    async def _raw_one(self) -> RawConnection:
        if self._raw_connection is None:
            pool = self._database._raw_pool
            assert pool is not None
            self._raw = pool.connection()
            self._raw_connection = await self._raw.__aenter__()
        return self._raw_connection

    async def _sqlalchemy_one(self) -> AsyncConnection:
        if self._sqlalchemy is None:
            self._connection = self._database._autocommit_connection()
            self._sqlalchemy = await self._connection.__aenter__()
        return self._sqlalchemy

    async def close(self) -> None:
        """Give the connections back (a cancellation meanwhile is raised after, as
        ``async with`` would)."""
        raw, connection = self._raw, self._connection
        self._raw = self._connection = None
        self._raw_connection = self._sqlalchemy = None
        try:
            if raw is not None:
                await raw.__aexit__(None, None, None)
        finally:
            if connection is not None:
                await connection.__aexit__(None, None, None)


async def _to_completion(coroutine: Coroutine[Any, Any, T]) -> T:
    """``coroutine`` in a task of its own, awaited to its end even when the caller is cancelled
    meanwhile; the cancellation is raised once it has ended (as SQLAlchemy closes connections)."""
    task = asyncio.ensure_future(coroutine)
    cancelled: asyncio.CancelledError | None = None
    while True:
        try:
            result = await asyncio.shield(task)
        except asyncio.CancelledError as error:
            if task.done():  # the task itself was cancelled, or ended just as the caller was
                raise
            cancelled = error
        else:
            break
    if cancelled is not None:
        raise cancelled
    return result


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade_to_head(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")
