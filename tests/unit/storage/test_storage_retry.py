"""Which database errors are retried (transient) and which never are."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError

from storage import retry
from storage.retry import is_transient, transient_retry


def error(kind: type[DBAPIError], message: str, *, invalidated: bool = False) -> DBAPIError:
    return kind("SELECT 1", {}, Exception(message), connection_invalidated=invalidated)


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (error(OperationalError, "database is locked"), True),
        (error(DBAPIError, "terminating connection due to administrator command"), True),
        (error(DBAPIError, "whatever", invalidated=True), True),
        (error(OperationalError, "no such table: checkins"), False),
        (error(IntegrityError, "UNIQUE constraint failed"), False),
        (error(IntegrityError, "database is locked", invalidated=True), False),
        (error(ProgrammingError, "syntax error"), False),
        (ValueError("database is locked"), False),
    ],
)
def test_transient_or_not(exc: BaseException, transient: bool) -> None:
    assert is_transient(exc) is transient


async def test_a_transient_failure_is_retried_and_a_real_one_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(retry, "DELAYS", (0.0, 0.0))
    calls: list[str] = []

    @transient_retry
    async def flaky(fail_with: list[BaseException]) -> str:
        calls.append("call")
        if fail_with:
            raise fail_with.pop(0)
        return "done"

    assert await flaky([error(OperationalError, "database is locked")]) == "done"
    assert len(calls) == 2
    with pytest.raises(IntegrityError):
        await flaky([error(IntegrityError, "duplicate")])
    assert len(calls) == 3
    locked = [error(OperationalError, "database is locked") for _ in range(3)]
    with pytest.raises(OperationalError):
        await flaky(locked)  # gives up after the last delay
    assert len(calls) == 6
