"""Retry a short transaction when the database was briefly unavailable, not when it said no.

Two things happen in production that are nobody's fault: the SQLite file is locked by another
writer for longer than its busy timeout, and the PostgreSQL server restarts (or a proxy drops
idle connections), so a pooled connection dies under a running transaction. Both leave nothing
half-written (the transaction rolled back), so running the same short transaction again is
safe, and it is what keeps a check-in UiTPAS already saved from being lost from the history.
Constraint violations and programming errors are never retried.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

DELAYS = (0.2, 0.5, 1.0, 2.0, 4.0)  # ~8 s in all, on top of SQLite's own 5 s busy timeout

_TRANSIENT_WORDS = (
    "database is locked",
    "database is busy",
    "connection was closed",
    "connection is closed",
    "terminating connection",
    "server closed the connection",
    "connection refused",
    "cannot connect now",
    "the database system is starting up",
    "the database system is shutting down",
)


def is_transient(error: BaseException) -> bool:
    if isinstance(error, IntegrityError):
        return False
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, OperationalError | InterfaceError | DBAPIError | OSError):
        text = str(error).lower()
        return isinstance(error, InterfaceError) or any(word in text for word in _TRANSIENT_WORDS)
    return False


def transient_retry(function: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Run ``function`` (one whole transaction) again after a transient database failure."""

    @functools.wraps(function)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt, delay in enumerate((*DELAYS, None), start=1):
            try:
                return await function(*args, **kwargs)
            except Exception as error:
                if delay is None or not is_transient(error):
                    raise
                log.warning(
                    "database unavailable in %s (attempt %d, %s); retrying in %.1f s",
                    function.__qualname__,
                    attempt,
                    type(error).__name__,
                    delay,
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    return wrapper


def unretried(method: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """A bound repository method without its own :func:`transient_retry`, for use inside
    another retried method: retries nested in retries would multiply the waits."""
    inner = getattr(method, "__wrapped__", None)
    if inner is None:
        return method
    return inner.__get__(method.__self__)  # type: ignore[attr-defined,no-any-return]
