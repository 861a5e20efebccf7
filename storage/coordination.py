"""What bot instances agree on through the database: who handles an update, who checks in a
code, how much bulk sending is left this second.

Whatever one instance takes for itself (an update, a check-in code) is a :class:`Lease`: it
names the instance and lapses unless renewed, so a dead instance's work is taken over within
seconds and a living one's never.

Each is one atomic statement (an upsert whose ``WHERE`` decides who wins), so two instances
asking at the same moment get different answers on PostgreSQL as on SQLite, without locks held
across a network call.
"""

from __future__ import annotations

import enum
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    ColumnElement,
    Integer,
    Table,
    any_,
    bindparam,
    case,
    delete,
    exists,
    literal,
    or_,
    true,
    update,
)
from sqlalchemy import insert as sa_insert
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from storage.announcements import opened_around_statement, opened_from_rows
from storage.database import Database, Statements
from storage.models import (
    Announcement,
    CheckinRecord,
    HandledUpdate,
    RecentCheckinCode,
    RedemptionClaim,
    SendWindow,
    utcnow,
)
from storage.repositories import CountedPhoto, PhotoCount, ThrottleRepository
from storage.retry import transient_retry, unretried


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Lease:
    """How long a claim holds without renewal, and whose it is: one mechanism for every claim.

    A claim is not a flag but a lease: it names its instance (``holder``) and an expiry the
    instance pushes forward while it works (:class:`LeaseKeeper`, a heartbeat). A dead
    instance stops renewing, so its claims lapse within ``duration`` and another instance
    takes them over; a slow but living one keeps renewing and is never robbed.
    """

    def __init__(self, duration: timedelta, holder: str | None = None) -> None:
        self.duration = duration
        self.holder = holder or new_holder_id()

    def until(self, now: datetime) -> datetime:
        return now + self.duration


def new_holder_id() -> str:
    """This instance's name in its claims: random, so a restarted process is a new holder."""
    return uuid.uuid4().hex[:32]


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every moment stored here is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _lapsed(table: Table) -> ColumnElement[bool]:
    """A claim nobody renews any more; a claim without lease predates leases (0006)."""
    return or_(table.c.lease_until.is_(None), table.c.lease_until < bindparam("now"))


# Every leased table, with what makes one of its claims still running (renewed by its holder).
def _leased_tables() -> list[tuple[Table, ColumnElement[bool]]]:
    updates = HandledUpdate.__table__  # type: ignore[attr-defined]
    codes = RecentCheckinCode.__table__  # type: ignore[attr-defined]
    redemptions = RedemptionClaim.__table__  # type: ignore[attr-defined]
    return [
        (updates, updates.c.finished_at.is_(None)),
        (codes, codes.c.result_code.is_(None)),
        (redemptions, redemptions.c.result_code.is_(None)),
    ]


class LeaseKeeper:
    """Renews (heartbeat) and gives up (graceful stop) all of one holder's running claims."""

    def __init__(self, database: Database, lease: Lease) -> None:
        self._database = database
        self._lease = lease
        self._renew = [
            update(table)
            .where(table.c.holder == bindparam("the_holder"), running)
            .values(lease_until=bindparam("until"))
            for table, running in _leased_tables()
        ]
        self._release = [
            update(table)
            .where(table.c.holder == bindparam("the_holder"), running)
            .values(lease_until=None)
            for table, running in _leased_tables()
        ]
        database.prebuilt(*self._renew, *self._release)

    @property
    def lease(self) -> Lease:
        return self._lease

    @transient_retry
    async def renew(self, *, now: datetime | None = None) -> int:
        """Push every running claim of this holder to ``now + duration``; how many."""
        until = self._lease.until(now or utcnow())
        parameters = {"the_holder": self._lease.holder, "until": until}
        return sum([await self._database.run_counting(s, parameters) for s in self._renew])

    @transient_retry
    async def release_all(self) -> int:
        """Lapse this holder's running claims now, so another instance takes them at once."""
        parameters = {"the_holder": self._lease.holder}
        return sum([await self._database.run_counting(s, parameters) for s in self._release])


class UpdateClaim(enum.Enum):
    """What a claim on an update id found."""

    MINE = "mine"  # nobody had it, or its holder's lease lapsed: handle it
    FINISHED = "finished"  # handled already: a copy is answered 200 and dropped
    HELD = "held"  # another living instance works on it: Telegram must send it again later


class HandledUpdateRepository:
    """Telegram update ids taken by an instance (webhook mode), as leases (:class:`Lease`).

    ``claim`` and ``finish`` run for every update, so their statements are built once, with
    bind parameters, and run without an ORM session (:meth:`Database.run`).
    """

    def __init__(
        self, database: Database, *, lease: Lease, photos: ThrottleRepository | None = None
    ) -> None:
        """``photos``: the flood counters, whose count of a private photo
        :meth:`claim_counting` folds into the claim of its update (PostgreSQL)."""
        self._database = database
        self._lease = lease
        self._photos = photos
        table = HandledUpdate.__table__  # type: ignore[attr-defined]
        # Its parameters are named apart from the table's columns: an UPDATE folded into the
        # same statement (the finished marks) would take same-named ones as values to set.
        self._claim = (
            database.insert(table)
            .values(
                update_id=bindparam("claim_id"),
                claimed_at=bindparam("now"),
                holder=bindparam("claim_holder"),
                lease_until=bindparam("until"),
            )
            .on_conflict_do_update(
                index_elements=["update_id"],
                set_={"holder": bindparam("claim_holder"), "lease_until": bindparam("until")},
                where=(table.c.finished_at.is_(None)) & _lapsed(table),
            )
            .returning(table.c.update_id)
        )
        self._state = select(table.c.finished_at).where(table.c.update_id == bindparam("update_id"))
        # Updates handled here marked finished, several at once (see UpdateClaims): on
        # PostgreSQL as an array, one prepared statement whatever their number, and folded into
        # the next claim as a CTE; on SQLite a list, run before the claim on its connection.
        postgresql = database.engine.dialect.name == "postgresql"
        finished_ids = (
            table.c.update_id == any_(bindparam("finished_ids", type_=ARRAY(BigInteger)))
            if postgresql
            else table.c.update_id.in_(bindparam("finished_ids", expanding=True))
        )
        self._finish_many = (
            update(table)
            .where(finished_ids, table.c.finished_at.is_(None))
            .values(finished_at=bindparam("now"))
        )
        self._claim_finishing = (
            self._claim.add_cte(self._finish_many.cte("finished")) if postgresql else None
        )
        # The claim, and when won a photo counted with it (ThrottleRepository.counting_with),
        # without and with the finished marks: one statement on PostgreSQL.
        self._claim_counting: dict[bool, Any] = {}
        counting = photos.counting_with(self._claim.cte("claimed")) if photos is not None else None
        if counting is not None:
            self._claim_counting = {
                False: counting,
                True: counting.add_cte(self._finish_many.cte("finished")),
            }
        self._release = (
            update(table)
            .where(
                table.c.update_id == bindparam("the_update_id"),
                table.c.holder == bindparam("the_holder"),
                table.c.finished_at.is_(None),
            )
            .values(lease_until=None)
        )
        database.prebuilt(
            self._claim,
            self._state,
            self._finish_many,
            self._claim_finishing,
            *self._claim_counting.values(),
            self._release,
        )

    def _claim_parameters(self, update_id: int, now: datetime) -> dict[str, Any]:
        return {
            "claim_id": update_id,
            "now": now,
            "claim_holder": self._lease.holder,
            "until": self._lease.until(now),
        }

    @transient_retry
    async def claim(
        self,
        update_id: int,
        *,
        now: datetime | None = None,
        finishing: Sequence[int] = (),
    ) -> UpdateClaim:
        """MINE when this caller should handle the update: nobody took it yet, or whoever did
        stopped renewing its lease (its instance died).

        ``finishing``: updates this instance handled, marked finished (:meth:`finish_many`)
        with the claim, in its statement on PostgreSQL; never ``update_id`` itself."""
        now = now or utcnow()
        parameters = self._claim_parameters(update_id, now)
        claim = self._claim
        async with self._database.statements() as connection:
            if finishing and self._claim_finishing is not None:
                claim = self._claim_finishing
                parameters["finished_ids"] = list(finishing)
            elif finishing:  # SQLite: first, so a retry finds them marked and claims again
                await connection.run_counting(
                    self._finish_many, {"finished_ids": list(finishing), "now": now}
                )
            if await connection.run(claim, parameters):
                return UpdateClaim.MINE
            return await self._lost(connection, update_id)

    async def _lost(self, connection: Statements, update_id: int) -> UpdateClaim:
        """What a claim lost to: a handled update (FINISHED) or a running one (HELD)."""
        rows = await connection.run(self._state, {"update_id": update_id})
        if rows and rows[0].finished_at is not None:
            return UpdateClaim.FINISHED
        return UpdateClaim.HELD  # (or purged in between: the next copy finds it free)

    @transient_retry
    async def claim_counting(
        self,
        update_id: int,
        photo: PhotoCount,
        *,
        now: datetime | None = None,
        finishing: Sequence[int] = (),
    ) -> tuple[UpdateClaim, CountedPhoto | None]:
        """:meth:`claim` of an update bringing a private photo, and when it is MINE the photo
        counted in its flood window, the user's inactive mark cleared and the link read
        (:meth:`ThrottleRepository.counting_with`), all in the claim's statement on
        PostgreSQL: what the photo's handler would do in a round trip of its own, done in
        this one. The count is written only with a claim won, in the same atomic statement,
        so a copy that is HELD or FINISHED counts nothing, and a retry after a lost
        connection (which finds the claim taken if the first try committed) never counts
        twice. None instead of the count where it is not folded (SQLite, or no ``photos``):
        the handler counts the photo itself."""
        if not self._claim_counting:
            return await unretried(self.claim)(update_id, now=now, finishing=finishing), None
        assert self._photos is not None
        now = now or utcnow()
        parameters = {**self._claim_parameters(update_id, now), **photo.parameters()}
        if finishing:
            parameters["finished_ids"] = list(finishing)
        statement = self._claim_counting[bool(finishing)]
        async with self._database.statements() as connection:
            started = time.monotonic()
            rows = await connection.run(statement, parameters)
            if rows:
                counted = self._photos.read_counted(photo.telegram_user_id, rows[0], started)
                return UpdateClaim.MINE, counted
            return await self._lost(connection, update_id), None

    async def finish(self, update_id: int) -> None:
        await self.finish_many((update_id,))

    @transient_retry
    async def finish_many(self, update_ids: Sequence[int], *, now: datetime | None = None) -> int:
        """Mark these updates finished in one statement; how many were not marked yet."""
        if not update_ids:
            return 0
        return await self._database.run_counting(
            self._finish_many, {"finished_ids": list(update_ids), "now": now or utcnow()}
        )

    @transient_retry
    async def release(self, update_id: int) -> None:
        """Not finished and given up (stopping): the next copy is taken at once."""
        await self._database.run_counting(
            self._release, {"the_update_id": update_id, "the_holder": self._lease.holder}
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


@dataclass(frozen=True, slots=True)
class TakenOver:
    """The caller took over a check-in of this code whose instance died while it ran.

    That instance may have called UiTPAS: ``points_before`` (None when unknown) is what the
    taker compares the points now with, instead of checking in a second time blindly; under
    v4, ``claimed_at`` (when that instance claimed the code, just before it sent it) is from
    when on the passholder's history is searched for its check-in.
    """

    points_before: int | None
    claimed_at: datetime | None = None


class RecentCheckinCodeRepository:
    """One check-in per user and code within ``repeat_window`` (see :class:`RecentCheckinCode`).

    A running check-in is a lease (:class:`Lease`) renewed by its instance's heartbeat.
    """

    def __init__(self, database: Database, *, repeat_window: timedelta, lease: Lease) -> None:
        self._database = database
        self._repeat_window = repeat_window
        self._lease = lease
        table = RecentCheckinCode.__table__  # type: ignore[attr-defined]
        running = table.c.result_code.is_(None)
        fresh = {
            "claimed_at": bindparam("now"),
            "result_code": None,
            "points_saved": None,
            "total_points": None,
            "holder": bindparam("holder"),
            "lease_until": bindparam("until"),
        }
        self._claim = (
            database.insert(table)
            .values(
                telegram_user_id=bindparam("user"),
                code_digest=bindparam("digest"),
                points_before=bindparam("before"),
                attempt=1,
                **fresh,
            )
            .on_conflict_do_update(
                index_elements=["telegram_user_id", "code_digest"],
                set_={
                    **fresh,
                    # Taken over from a dead instance: keep when it claimed and its points
                    # before, count the attempt.
                    "claimed_at": case((running, table.c.claimed_at), else_=bindparam("now")),
                    "points_before": case(
                        (running, table.c.points_before), else_=bindparam("before", type_=Integer)
                    ),
                    "attempt": case((running, table.c.attempt + 1), else_=1),
                },
                # A running claim is taken over only once its lease lapsed, never because it is
                # older than the window (it keeps its first claimed_at when taken over).
                where=or_(
                    ~running & (table.c.claimed_at < bindparam("window_start")),
                    running & _lapsed(table),
                ),
            )
            .returning(table.c.attempt, table.c.points_before, table.c.claimed_at)
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
        history = CheckinRecord.__table__  # type: ignore[attr-defined]
        self._unknown_waiting = exists().where(
            history.c.telegram_user_id == bindparam("user"),
            history.c.result_code == bindparam("unknown"),
            history.c.reconciled_at.is_(None),
        )
        self._is_unknown_waiting = select(self._unknown_waiting.label("waiting"))
        # The history row written with UiTPAS's answer; its columns as bind parameters
        # named apart from the claim's (``r_…``), so one statement can carry both.
        self._record_columns = [c.key for c in history.c if c.key != "id"]
        self._add_record = sa_insert(history).values(
            {key: bindparam(f"r_{key}", type_=history.c[key].type) for key in self._record_columns}
        )
        self._claim_and_look = None
        self._answered_with_record = None
        self._answered_and_opened: Any = None
        if database.engine.dialect.name == "postgresql":
            # PostgreSQL runs an INSERT inside a WITH: the claim, what it lost to (the row as
            # the statement found it) and whether an unknown outcome waits, in one round trip.
            won = self._claim.cte("won")
            earlier = table.alias("earlier")
            one = sa_select(literal(1).label("one")).subquery("one")
            self._claim_and_look = sa_select(
                won.c.attempt,
                won.c.points_before,
                won.c.claimed_at,
                earlier.c.claimed_at.label("earlier_claimed_at"),
                earlier.c.result_code,
                earlier.c.points_saved,
                earlier.c.total_points,
                self._unknown_waiting.label("unknown_waiting"),
            ).select_from(
                one.outerjoin(won, true()).outerjoin(
                    earlier,
                    (earlier.c.telegram_user_id == bindparam("user"))
                    & (earlier.c.code_digest == bindparam("digest")),
                )
            )
            # The answer kept for repeats and the history row, in one atomic statement.
            self._answered_with_record = self._add_record.add_cte(self._answered.cte("answered"))
            # The same, reading the announcements the user opened around now (what a saved
            # check-in is counted for) as its result: the two writes are unreferenced CTEs,
            # which PostgreSQL runs all the same.
            self._answered_and_opened = (
                opened_around_statement()
                .add_cte(self._answered.cte("answered"))
                .add_cte(self._add_record.cte("recorded"))
            )
        database.prebuilt(
            self._claim,
            self._earlier,
            self._answered,
            self._is_unknown_waiting,
            self._add_record,
            self._claim_and_look,
            self._answered_with_record,
            self._answered_and_opened,
        )

    def _claim_parameters(
        self,
        telegram_user_id: int,
        code_digest: str,
        points_before: int | None,
        now: datetime | None,
    ) -> dict[str, Any]:
        now = now or utcnow()
        return {
            "user": telegram_user_id,
            "digest": code_digest,
            "now": now,
            "window_start": now - self._repeat_window,
            "holder": self._lease.holder,
            "until": self._lease.until(now),
            "before": points_before,
        }

    @transient_retry
    async def claim(
        self,
        telegram_user_id: int,
        code_digest: str,
        *,
        points_before: int | None = None,
        now: datetime | None = None,
    ) -> EarlierCheckin | TakenOver | None:
        """None when the caller may check in; TakenOver when it takes over a dead instance's
        check-in of the code (settle before checking in); else the earlier check-in."""
        key = {"user": telegram_user_id, "digest": code_digest}
        parameters = self._claim_parameters(telegram_user_id, code_digest, points_before, now)
        async with self._database.statements() as connection:
            claimed = await connection.run(self._claim, parameters)
            if claimed:
                won = claimed[0]
                if won.attempt > 1:
                    return TakenOver(won.points_before, _aware(won.claimed_at))
                return None
            rows = await connection.run(self._earlier, key)
        if not rows:  # forgotten (/forget) between the two statements: nothing to repeat
            return None
        row = rows[0]
        return EarlierCheckin(row.claimed_at, row.result_code, row.points_saved, row.total_points)

    @transient_retry
    async def claim_and_look(
        self,
        telegram_user_id: int,
        code_digest: str,
        *,
        unknown_code: str,
        points_before: int | None = None,
        now: datetime | None = None,
    ) -> tuple[EarlierCheckin | TakenOver | None, bool]:
        """:meth:`claim`, and whether the user has a check-in with result ``unknown_code``
        not reconciled yet (what a check-in settles first): one round trip on PostgreSQL,
        where the claim's usual second statement (what it lost to) is folded in too."""
        if self._claim_and_look is None:  # SQLite: no INSERT inside a WITH
            # The look first: a retry after a failed look must not find its own claim.
            rows = await self._database.run(
                self._is_unknown_waiting, {"user": telegram_user_id, "unknown": unknown_code}
            )
            claimed = await unretried(self.claim)(
                telegram_user_id, code_digest, points_before=points_before, now=now
            )
            return claimed, bool(rows[0].waiting)
        parameters = {
            **self._claim_parameters(telegram_user_id, code_digest, points_before, now),
            "unknown": unknown_code,
        }
        [row] = await self._database.run(self._claim_and_look, parameters)
        waiting = bool(row.unknown_waiting)
        if row.attempt is not None:
            if row.attempt > 1:
                return TakenOver(row.points_before, _aware(row.claimed_at)), waiting
            return None, waiting
        if row.earlier_claimed_at is not None:
            earlier = EarlierCheckin(
                row.earlier_claimed_at, row.result_code, row.points_saved, row.total_points
            )
            return earlier, waiting
        # Lost to a claim committed after this statement began (invisible to its read):
        # read it now, as :meth:`claim` does.
        key = {"user": telegram_user_id, "digest": code_digest}
        found = await self._database.run(self._earlier, key)
        if not found:  # forgotten (/forget) in between: nothing to repeat
            return None, waiting
        first = found[0]
        return EarlierCheckin(
            first.claimed_at, first.result_code, first.points_saved, first.total_points
        ), waiting

    async def answered_with_record(
        self,
        record: CheckinRecord,
        code_digest: str,
        *,
        points_saved: int | None,
        total_points: int | None,
        opened_between: tuple[datetime, datetime] | None = None,
    ) -> list[Announcement] | None:
        """The history row of a check-in UiTPAS answered with a point, and the code marked
        answered (:meth:`answered`) with the record's code: one atomic statement on
        PostgreSQL, so no instance ever finds the row without the mark; two on SQLite, the
        row first (what :meth:`CheckinService` relies on when it takes over), each retried on
        its own, so a retry never writes the row twice.

        ``opened_between`` (earliest, latest): on PostgreSQL the same statement also reads the
        announcements the user opened whose event starts then
        (:meth:`AnnouncementMemberRepository.opened_around`), and returns them; None when it
        did not read them (SQLite, or not asked)."""
        parameters: dict[str, Any] = {
            f"r_{key}": value for key, value in record.model_dump(exclude={"id"}).items()
        }
        answer = {
            "user": record.telegram_user_id,
            "digest": code_digest,
            "code": record.result_code,
            "saved": points_saved,
            "total": total_points,
        }
        if self._answered_with_record is None:
            await self._run(self._add_record, parameters)
            await self._run(self._answered, answer)
            return None
        if opened_between is None:
            await self._run(self._answered_with_record, {**parameters, **answer})
            return None
        earliest, latest = opened_between
        rows = await self._run(
            self._answered_and_opened,
            {**parameters, **answer, "earliest": earliest, "latest": latest},
        )
        return opened_from_rows(rows)

    @transient_retry
    async def _run(self, statement: Any, parameters: dict[str, Any]) -> list[Any]:
        return await self._database.run(statement, parameters)

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

    @transient_retry
    async def count(self, purpose: str) -> int:
        """All sends counted for ``purpose`` (tests and the benchmark read it)."""
        async with self._database.session() as session:
            rows = await session.exec(select(SendWindow.count).where(SendWindow.purpose == purpose))
            return sum(rows)
