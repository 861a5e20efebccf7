"""The per-update statements run straight on asyncpg (PostgreSQL), past SQLAlchemy's execution.

Why (issue 21): the statements every update runs (its claim with the photo's count, the code's
claim, the answer, the token's rotation, the finished marks) are built once with bind
parameters, so all SQLAlchemy still does per call is execution bookkeeping, and that costs more
than the statement: on this machine a claim took 419 µs of the bot's CPU through
``AsyncConnection.execute`` in autocommit against 91 µs for asyncpg's ``fetch`` of the same SQL
on the same connection; a checkout from SQLAlchemy's pool alone took 177 µs (a micro benchmark
of 3000 claims each way against the test server).

What is kept from SQLAlchemy: the SQL its asyncpg dialect compiles (once per statement, with the
same casts and parameter order), the parameters' defaults and bind processors (an array's), and
its errors: asyncpg's are translated the way its dialect translates them, so
:mod:`storage.retry` tells a lost connection (and a constraint violation) exactly as before. A
statement whose result types need a processor is not taken (:func:`compile_for_asyncpg` gives
None) and stays on SQLAlchemy.

What replaces SQLAlchemy's pool for them: :class:`RawPool`, a few asyncpg connections of its
own taken last in, first out; asyncpg's own statement cache prepares each statement once per
connection. A connection that failed with a disconnect is thrown away with every idle one (the
server restarted: they are all dead), as SQLAlchemy invalidates its pool; a statement cancelled
mid-flight terminates its connection (its protocol state is unknown).
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy import Executable
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection
from sqlalchemy.engine import URL, Dialect
from sqlalchemy.exc import DBAPIError

# What SQLAlchemy's asyncpg dialect takes from the URL for itself, not for asyncpg.connect.
_DIALECT_ONLY_ARGUMENTS = ("prepared_statement_cache_size", "prepared_statement_name_func")


def _mapping(row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(row._fields, row, strict=True))  # type: ignore[attr-defined]


def _row_type(keys: list[str]) -> Callable[[Any], tuple[Any, ...]] | None:
    """How to make a row as SQLAlchemy's ``Row`` reads on the hot path (by position, by
    attribute, through ``_mapping``) from asyncpg's record; None when ``keys`` cannot all be
    attributes."""
    if len(set(keys)) != len(keys) or not all(k.isidentifier() and k[0] != "_" for k in keys):
        return None
    named = collections.namedtuple("RawRow", keys)  # type: ignore[misc]
    row = type("RawRow", (named,), {"__slots__": (), "_mapping": property(_mapping)})
    return row._make  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class CompiledStatement:
    """One statement as asyncpg runs it: its SQL and how to order a call's parameters."""

    sql: str
    # (name, default, the type's bind processor or None) in ``$n`` order
    parameters: tuple[tuple[str, Any, Callable[[Any], Any] | None], ...]
    row: Callable[[Any], tuple[Any, ...]] | None  # None: it returns no rows

    def arguments(self, given: dict[str, Any]) -> list[Any]:
        """``given`` in ``$n`` order, a parameter it leaves out at its default (a missing
        one with none is a KeyError, where SQLAlchemy raised a StatementError)."""
        arguments = []
        for name, default, process in self.parameters:
            value = given[name] if name in given or default is _MISSING else default
            arguments.append(value if process is None else process(value))
        return arguments


_MISSING = object()


def compile_for_asyncpg(statement: Executable, dialect: Dialect) -> CompiledStatement | None:
    """``statement`` compiled once as SQLAlchemy would for asyncpg; None when it cannot be run
    raw with the same result (a result type that needs a processor, columns no row can name,
    parameters SQLAlchemy expands or computes per call)."""
    compiled: Any = statement.compile(dialect=dialect)
    positions = compiled.positiontup
    if positions is None or compiled.literal_execute_params or compiled.post_compile_params:
        return None
    parameters = []
    for name in positions:
        bind = compiled.binds[name]
        if bind.expanding or bind.callable is not None:
            return None
        default = bind.effective_value if not bind.required else _MISSING
        parameters.append((name, default, bind.type._cached_bind_processor(dialect)))
    row = None
    columns = compiled._result_columns
    if columns:
        for column in columns:
            if column.type._cached_result_processor(dialect, None) is not None:
                return None
        row = _row_type([column.keyname for column in columns])
        if row is None:
            return None
    return CompiledStatement(compiled.string, tuple(parameters), row)


def connect_arguments(url: URL, dialect: Dialect) -> dict[str, Any]:
    """What SQLAlchemy's asyncpg dialect passes to ``asyncpg.connect`` for ``url``."""
    _args, options = dialect.create_connect_args(url)  # type: ignore[arg-type]
    return {k: v for k, v in options.items() if k not in _DIALECT_ONLY_ARGUMENTS}


def translated(error: Exception, dialect: Dialect, sql: str, connection: Any) -> Exception:
    """``error`` as SQLAlchemy would have raised it from the same statement: asyncpg's errors
    as ``sqlalchemy.exc`` classes, ``connection_invalidated`` set for a disconnect."""
    dbapi: Any = dialect.loaded_dbapi
    try:
        AsyncAdapt_asyncpg_connection._handle_exception_no_connection(dbapi, error)
    except Exception as adapted:
        if adapted is error or not isinstance(adapted, dbapi.Error):
            return error  # not asyncpg's (an OSError): SQLAlchemy let those through as well
        invalidated = connection.is_closed() or dialect.is_disconnect(adapted, None, None)
        return DBAPIError.instance(
            sql,
            None,
            adapted,
            dbapi.Error,
            connection_invalidated=invalidated,
            dialect=dialect,
        )
    return error  # pragma: no cover - _handle_exception_no_connection always raises


class RawPool:
    """asyncpg connections for :class:`CompiledStatement`, at most ``size`` at once."""

    def __init__(self, connect: Callable[[], Any], dialect: Dialect, *, size: int) -> None:
        self._connect = connect
        self._dialect = dialect
        self._idle: collections.deque[asyncpg.Connection] = collections.deque()
        self._slots = asyncio.Semaphore(size)
        self.checked_out = 0  # connections handed out now (tests check none is stranded)
        self._generation = 0  # one more at each close: a connection from before is not kept

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[RawConnection]:
        """A connection to run statements on, one after the other; given back after."""
        async with self._slots:
            connection = None
            while self._idle:
                candidate = self._idle.pop()
                if not candidate.is_closed():
                    connection = candidate
                    break
            if connection is None:
                try:
                    connection = await self._connect()
                except Exception as error:
                    raise translated(error, self._dialect, "connect", _NoConnection()) from error
            raw = RawConnection(connection, self._dialect)
            generation = self._generation
            self.checked_out += 1
            try:
                yield raw
            finally:
                self.checked_out -= 1
                if raw.disconnected:
                    self.discard_idle()
                    connection.terminate()
                elif raw.clean and not connection.is_closed() and generation == self._generation:
                    self._idle.append(connection)
                else:  # cancelled mid-statement (its protocol state unknown), or closing
                    connection.terminate()

    @property
    def idle(self) -> int:
        """Connections kept for the next statement."""
        return len(self._idle)

    def discard_idle(self) -> None:
        """Throw the idle connections away (one died with the server: so did they)."""
        while self._idle:
            self._idle.pop().terminate()

    async def close(self) -> None:
        """Close the idle connections; one handed out is terminated when given back."""
        self._generation += 1
        while self._idle:
            connection = self._idle.pop()
            try:
                await asyncio.wait_for(connection.close(), timeout=5)
            except Exception:
                connection.terminate()


class _NoConnection:
    """Stands for the connection a failed connect never made: as SQLAlchemy judges a failed
    connect, by the error alone."""

    def is_closed(self) -> bool:
        return False


class RawConnection:
    """One pooled asyncpg connection, as :meth:`Database.statements` hands it out."""

    def __init__(self, connection: asyncpg.Connection, dialect: Dialect) -> None:
        self._connection = connection
        self._dialect = dialect
        self.disconnected = False
        self.clean = True  # no statement in flight, none failed

    async def run(self, statement: CompiledStatement, parameters: dict[str, Any]) -> list[Any]:
        """The statement's rows (none for one that returns none)."""
        arguments = statement.arguments(parameters)
        self.clean = False
        try:
            if statement.row is None:
                await self._connection.execute(statement.sql, *arguments)
                rows: list[Any] = []
            else:
                make = statement.row
                records = await self._connection.fetch(statement.sql, *arguments)
                rows = [make(record) for record in records]
        except Exception as error:
            raise self._failed(error, statement.sql) from error
        self.clean = True
        return rows

    async def run_counting(self, statement: CompiledStatement, parameters: dict[str, Any]) -> int:
        """How many rows an UPDATE or DELETE touched (from its command tag)."""
        arguments = statement.arguments(parameters)
        self.clean = False
        try:
            tag = await self._connection.execute(statement.sql, *arguments)
        except Exception as error:
            raise self._failed(error, statement.sql) from error
        self.clean = True
        count = tag.rpartition(" ")[2]
        return int(count) if count.isdigit() else 0

    def _failed(self, error: Exception, sql: str) -> Exception:
        result = translated(error, self._dialect, sql, self._connection)
        lost = isinstance(result, DBAPIError) and result.connection_invalidated
        if lost or isinstance(error, OSError) or self._connection.is_closed():
            self.disconnected = True
        else:  # the server refused the statement; the connection is as good as before
            self.clean = True
        return result
