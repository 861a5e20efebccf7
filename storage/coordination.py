"""What bot instances agree on through the database: who handles an update, who checks in a
code, how much bulk sending is left this second.

Each is one atomic statement (an upsert whose ``WHERE`` decides who wins), so two instances
asking at the same moment get different answers on PostgreSQL as on SQLite, without locks held
across a network call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, or_, update
from sqlmodel import col, select

from storage.database import Database
from storage.models import HandledUpdate, RecentCheckinCode, SendWindow, utcnow
from storage.retry import transient_retry


class HandledUpdateRepository:
    """Telegram update ids taken by an instance (webhook mode).

    ``claim`` and ``finish`` run for every update, so their statements are built once, with
    bind parameters, and run without an ORM session (:meth:`Database.run`).
    """

    def __init__(self, database: Database, *, take_over_after: timedelta) -> None:
        self._database = database
        self._take_over_after = take_over_after
        table = HandledUpdate.__table__  # type: ignore[attr-defined]
        self._claim = (
            database.insert(table)
            .values(update_id=bindparam("update_id"), claimed_at=bindparam("now"))
            .on_conflict_do_update(
                index_elements=["update_id"],
                set_={"claimed_at": bindparam("now")},
                where=(table.c.finished_at.is_(None))
                & (table.c.claimed_at < bindparam("stale_before")),
            )
            .returning(table.c.update_id)
        )
        self._finish = (
            update(table)
            .where(table.c.update_id == bindparam("the_update_id"))
            .values(finished_at=bindparam("now"))
        )

    @transient_retry
    async def claim(self, update_id: int, *, now: datetime | None = None) -> bool:
        """True when this caller should handle the update: nobody took it yet, or whoever did
        never finished and has had ``take_over_after`` to do so (its instance died)."""
        now = now or utcnow()
        rows = await self._database.run(
            self._claim,
            {"update_id": update_id, "now": now, "stale_before": now - self._take_over_after},
        )
        return bool(rows)

    @transient_retry
    async def finish(self, update_id: int) -> None:
        await self._database.run_counting(
            self._finish, {"the_update_id": update_id, "now": utcnow()}
        )

    @transient_retry
    async def purge_before(self, cutoff: datetime) -> int:
        """Telegram keeps an update at most 24 hours: older ids cannot come back."""
        return await self._database.delete_before(HandledUpdate.claimed_at, cutoff)


@dataclass(frozen=True, slots=True)
class EarlierCheckin:
    """The check-in of the same code a moment ago; ``result_code`` None while it runs."""

    claimed_at: datetime
    result_code: str | None
    points_saved: int | None
    total_points: int | None


class RecentCheckinCodeRepository:
    """One check-in per user and code within ``repeat_window`` (see :class:`RecentCheckinCode`)."""

    def __init__(
        self, database: Database, *, repeat_window: timedelta, running_for_at_most: timedelta
    ) -> None:
        self._database = database
        self._repeat_window = repeat_window
        # A claim still without an answer after this long belongs to an instance that died.
        self._running_for_at_most = running_for_at_most
        table = RecentCheckinCode.__table__  # type: ignore[attr-defined]
        fresh = {
            "claimed_at": bindparam("now"),
            "result_code": None,
            "points_saved": None,
            "total_points": None,
        }
        self._claim = (
            database.insert(table)
            .values(telegram_user_id=bindparam("user"), code_digest=bindparam("digest"), **fresh)
            .on_conflict_do_update(
                index_elements=["telegram_user_id", "code_digest"],
                set_=fresh,
                where=or_(
                    table.c.claimed_at < bindparam("window_start"),
                    (table.c.result_code.is_(None))
                    & (table.c.claimed_at < bindparam("abandoned_before")),
                ),
            )
            .returning(table.c.claimed_at)
        )
        self._earlier = select(
            table.c.claimed_at, table.c.result_code, table.c.points_saved, table.c.total_points
        ).where(
            table.c.telegram_user_id == bindparam("user"),
            table.c.code_digest == bindparam("digest"),
        )
        self._answered = (
            update(table)
            .where(
                table.c.telegram_user_id == bindparam("user"),
                table.c.code_digest == bindparam("digest"),
            )
            .values(
                result_code=bindparam("code"),
                points_saved=bindparam("saved"),
                total_points=bindparam("total"),
            )
        )

    @transient_retry
    async def claim(
        self, telegram_user_id: int, code_digest: str, *, now: datetime | None = None
    ) -> EarlierCheckin | None:
        """None when the caller may check in; else the earlier check-in of this code."""
        now = now or utcnow()
        key = {"user": telegram_user_id, "digest": code_digest}
        parameters = {
            **key,
            "now": now,
            "window_start": now - self._repeat_window,
            "abandoned_before": now - self._running_for_at_most,
        }
        async with self._database.engine.begin() as connection:
            if (await connection.execute(self._claim, parameters)).first() is not None:
                return None
            row = (await connection.execute(self._earlier, key)).first()
        if row is None:  # forgotten (/forget) between the two statements: nothing to repeat
            return None
        return EarlierCheckin(row.claimed_at, row.result_code, row.points_saved, row.total_points)

    @transient_retry
    async def answered(
        self,
        telegram_user_id: int,
        code_digest: str,
        result_code: str,
        *,
        points_saved: int | None,
        total_points: int | None,
    ) -> None:
        await self._database.run_counting(
            self._answered,
            {
                "user": telegram_user_id,
                "digest": code_digest,
                "code": result_code,
                "saved": points_saved,
                "total": total_points,
            },
        )

    @transient_retry
    async def release(self, telegram_user_id: int, code_digest: str) -> None:
        """The check-in got no answer: a new photo of the code should try again."""
        async with self._database.session() as session:
            await session.exec(
                delete(RecentCheckinCode).where(
                    col(RecentCheckinCode.telegram_user_id) == telegram_user_id,
                    col(RecentCheckinCode.code_digest) == code_digest,
                )
            )

    @transient_retry
    async def purge(self, *, now: datetime | None = None) -> int:
        cutoff = (now or utcnow()) - self._repeat_window
        return await self._database.delete_before(RecentCheckinCode.claimed_at, cutoff)

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(
            RecentCheckinCode.telegram_user_id, telegram_user_id
        )


class SendWindowRepository:
    """Bulk messages per purpose and one-second window, counted by every instance."""

    def __init__(self, database: Database) -> None:
        self._database = database

    @transient_retry
    async def take(self, purpose: str, window_start: datetime, limit: int) -> bool:
        """Count one more send in the window if it has room; whether it had."""
        table = SendWindow.__table__  # type: ignore[attr-defined]
        statement = (
            self._database.insert(table)
            .values(purpose=purpose, window_start=window_start, count=1)
            .on_conflict_do_update(
                index_elements=["purpose", "window_start"],
                set_={"count": table.c.count + 1},
                where=table.c.count < limit,
            )
            .returning(table.c.count)
        )
        async with self._database.session() as session:
            result = await session.exec(statement)  # type: ignore[call-overload]
            return result.first() is not None

    @transient_retry
    async def purge_before(self, cutoff: datetime) -> int:
        return await self._database.delete_before(SendWindow.window_start, cutoff)

    async def count(self, purpose: str) -> int:
        """All sends counted for ``purpose`` (tests and the benchmark read it)."""
        async with self._database.session() as session:
            rows = await session.exec(select(SendWindow.count).where(SendWindow.purpose == purpose))
            return sum(rows)
