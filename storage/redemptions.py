"""Who redeems a reward: one atomic claim per (user, passholder, reward), as a lease.

Built like the check-in code claims (:class:`storage.coordination.RecentCheckinCodeRepository`):
one upsert whose ``WHERE`` decides who wins, the same on PostgreSQL and SQLite, no lock held
across the call to UiTPAS. What a claim may replace:

- a finished redemption only when the confirmation being answered was made **after** it
  (``issued_before``): the passholder saw the new total and asked again. Every copy of an
  older confirmation (a double tap, a second confirmation message, a retried update) finds
  the redemption and is answered with it;
- a running one only once its lease lapsed (its instance died): the taker must look in
  ``GET /rewards/redeemed`` before redeeming (:class:`TakenOverRedemption`);
- never one whose outcome is unknown: whoever finds it looks first, then :meth:`release`\\ s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, bindparam, case, delete, or_, update
from sqlmodel import select

from storage.coordination import Lease, _lapsed
from storage.database import Database
from storage.models import RedemptionClaim, utcnow
from storage.retry import transient_retry

REDEEMED = "ACTION_SUCCEEDED"
OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN"


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every moment stored here is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class EarlierRedemption:
    """The claim someone else holds: running (``result_code`` None), redeemed, or unknown."""

    claimed_at: datetime
    result_code: str | None
    redemption_id: str | None


@dataclass(frozen=True, slots=True)
class TakenOverRedemption:
    """The caller took over a claim whose instance died while redeeming: that instance may
    have sent the redemption, from ``claimed_at`` on."""

    claimed_at: datetime


class RedemptionClaimRepository:
    def __init__(self, database: Database, *, lease: Lease) -> None:
        self._database = database
        self._lease = lease
        table = RedemptionClaim.__table__  # type: ignore[attr-defined]
        running = table.c.result_code.is_(None)
        self._claim = (
            database.insert(table)
            .values(
                telegram_user_id=bindparam("user"),
                passholder_key=bindparam("key"),
                reward_id=bindparam("reward"),
                claimed_at=bindparam("now"),
                result_code=None,
                redemption_id=None,
                holder=bindparam("holder"),
                lease_until=bindparam("until"),
                attempt=1,
            )
            .on_conflict_do_update(
                index_elements=["telegram_user_id", "passholder_key", "reward_id"],
                set_={
                    "result_code": None,
                    "redemption_id": None,
                    "holder": bindparam("holder"),
                    "lease_until": bindparam("until"),
                    # Taken over: keep when the dead instance claimed (search from then on).
                    "claimed_at": case((running, table.c.claimed_at), else_=bindparam("now")),
                    "attempt": case((running, table.c.attempt + 1), else_=1),
                },
                where=or_(
                    and_(
                        table.c.result_code == REDEEMED,
                        table.c.claimed_at < bindparam("issued_before"),
                    ),
                    running & _lapsed(table),
                ),
            )
            .returning(table.c.attempt, table.c.claimed_at)
        )
        key = (
            (table.c.telegram_user_id == bindparam("user"))
            & (table.c.passholder_key == bindparam("key"))
            & (table.c.reward_id == bindparam("reward"))
        )
        self._earlier = select(
            table.c.claimed_at, table.c.result_code, table.c.redemption_id
        ).where(key)
        self._answered = (
            update(table)
            .where(key)
            .values(
                result_code=bindparam("code"),
                redemption_id=bindparam("redemption"),
                lease_until=None,
            )
        )
        self._release = delete(table).where(key)

    @transient_retry
    async def claim(
        self,
        telegram_user_id: int,
        passholder_key: str,
        reward_id: str,
        *,
        issued_before: datetime,
        now: datetime | None = None,
    ) -> EarlierRedemption | TakenOverRedemption | None:
        """None: the caller redeems. ``issued_before``: a redemption claimed before this moment
        is an earlier one the passholder already saw; one claimed since is this one's."""
        now = now or utcnow()
        parameters = {
            "user": telegram_user_id,
            "key": passholder_key,
            "reward": reward_id,
            "now": now,
            "issued_before": issued_before,
            "holder": self._lease.holder,
            "until": self._lease.until(now),
        }
        async with self._database.engine.begin() as connection:
            won = (await connection.execute(self._claim, parameters)).first()
            if won is not None:
                if won.attempt > 1:
                    return TakenOverRedemption(_aware(won.claimed_at))
                return None
            key = {"user": telegram_user_id, "key": passholder_key, "reward": reward_id}
            row = (await connection.execute(self._earlier, key)).first()
        if row is None:  # released between the two statements: the next tap claims it
            return EarlierRedemption(now, None, None)
        return EarlierRedemption(_aware(row.claimed_at), row.result_code, row.redemption_id)

    @transient_retry
    async def answered(
        self,
        telegram_user_id: int,
        passholder_key: str,
        reward_id: str,
        result_code: str,
        *,
        redemption_id: str | None = None,
    ) -> None:
        """Redeemed (with UiTPAS's id of it), or unknown: the claim stops being a lease."""
        await self._database.run_counting(
            self._answered,
            {
                "user": telegram_user_id,
                "key": passholder_key,
                "reward": reward_id,
                "code": result_code,
                "redemption": redemption_id,
            },
        )

    @transient_retry
    async def release(self, telegram_user_id: int, passholder_key: str, reward_id: str) -> None:
        """Not redeemed (refused, never sent, or found not to have happened): free again."""
        await self._database.run_counting(
            self._release, {"user": telegram_user_id, "key": passholder_key, "reward": reward_id}
        )

    @transient_retry
    async def purge_before(self, cutoff: datetime) -> int:
        """Claims older than any confirmation that could still be answered (never a running
        one: its lease says when it may be taken over)."""
        async with self._database.session() as session:
            result = await session.exec(
                delete(RedemptionClaim).where(
                    RedemptionClaim.claimed_at < cutoff,  # type: ignore[arg-type]
                    RedemptionClaim.result_code.is_not(None),  # type: ignore[union-attr]
                )
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(
            RedemptionClaim.telegram_user_id, telegram_user_id
        )

    @transient_retry
    async def exists(self, telegram_user_id: int, passholder_key: str, reward_id: str) -> bool:
        """Whether a claim with this key lives (the redemption service looks for claims made
        under an older key while they last)."""
        async with self._database.engine.connect() as connection:
            key = {"user": telegram_user_id, "key": passholder_key, "reward": reward_id}
            return (await connection.execute(self._earlier, key)).first() is not None
