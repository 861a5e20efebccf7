"""The notifications' tables (issue 19): who wants which kind, what was told, whose turn it is.

The schedule is a queue several instances share. ``claim_due`` takes a batch of due
passholders as leases (holder and expiry, like :mod:`storage.coordination`): on PostgreSQL the
rows are picked ``FOR UPDATE SKIP LOCKED``, so two instances claiming at the same moment get
different passholders without waiting for each other; on SQLite, which has one writer at a
time, the same statement is a conditional UPDATE whose ``WHERE`` re-checks that the lease
lapsed, so a second claimer finds nothing to take. A dead instance's claims lapse after the
lease and are taken over.

Finding a notice and remembering that it was told is one transaction (:meth:`record`): the
``notify_told`` row and the ``notify_held`` row with the notice are written together, so a
restart can neither forget a found notice nor find it twice. Delivering it is marking the held
row sent (:meth:`mark_sent`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import and_, bindparam, delete, or_, select, tuple_, update

from storage.database import Database
from storage.models import NotifyHeld, NotifySchedule, NotifySubscription, NotifyTold, NotifyWish
from storage.personal_data import Deleter
from storage.retry import transient_retry


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every moment stored here is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Found:
    """A notice to remember and hold: its kind, subject and what to say (JSON)."""

    kind: str
    subject: str
    payload: str


@dataclass(frozen=True, slots=True)
class HeldNotice:
    id: int
    kind: str
    subject: str
    payload: str


@dataclass(frozen=True, slots=True)
class Turn:
    """A claimed passholder's schedule as the claim found it."""

    telegram_user_id: int
    looked_at: datetime | None
    last_sent_on: str | None
    passholder_key: str | None = None


class NotificationRepository:
    def __init__(self, database: Database) -> None:
        self._database = database
        schedule = NotifySchedule.__table__  # type: ignore[attr-defined]
        lapsed = or_(schedule.c.lease_until.is_(None), schedule.c.lease_until < bindparam("now"))
        due = and_(schedule.c.due_at <= bindparam("now"), lapsed)
        pick = (
            select(schedule.c.telegram_user_id)
            .where(due)
            .order_by(schedule.c.due_at)
            .limit(bindparam("batch"))
            .with_for_update(skip_locked=True)  # PostgreSQL; SQLite renders nothing
        )
        self._claim = (
            update(schedule)
            .where(schedule.c.telegram_user_id.in_(pick.scalar_subquery()), due)
            .values(holder=bindparam("holder"), lease_until=bindparam("until"))
            .returning(
                schedule.c.telegram_user_id,
                schedule.c.looked_at,
                schedule.c.last_sent_on,
                schedule.c.passholder_key,
            )
        )
        self._release = (
            update(schedule)
            .where(
                schedule.c.telegram_user_id == bindparam("user"),
                schedule.c.holder == bindparam("the_holder"),
            )
            .values(due_at=bindparam("due"), holder=None, lease_until=None)
        )
        self._renew = (
            update(schedule)
            .where(
                schedule.c.telegram_user_id == bindparam("user"),
                schedule.c.holder == bindparam("the_holder"),
            )
            .values(lease_until=bindparam("until"))
        )
        self._give_up = (
            update(schedule)
            .where(schedule.c.holder == bindparam("the_holder"))
            .values(holder=None, lease_until=None)
        )

    # --- subscriptions and wishes -------------------------------------------------------------

    @transient_retry
    async def kinds(self, telegram_user_id: int) -> frozenset[str]:
        async with self._database.session() as session:
            rows = await session.exec(  # type: ignore[call-overload]
                select(NotifySubscription.kind).where(
                    NotifySubscription.telegram_user_id == telegram_user_id
                )
            )
            return frozenset(rows.scalars())

    @transient_retry
    async def set_kinds(
        self, telegram_user_id: int, kinds: Iterable[str], *, now: datetime
    ) -> frozenset[str]:
        """Exactly ``kinds`` on; scheduled when any is on (due now), unscheduled when none."""
        wanted = frozenset(kinds)
        async with self._database.session() as session:
            await session.exec(  # type: ignore[call-overload]
                delete(NotifySubscription).where(
                    NotifySubscription.telegram_user_id == telegram_user_id,
                    NotifySubscription.kind.not_in(wanted),  # type: ignore[attr-defined]
                )
            )
            rows = await session.exec(  # type: ignore[call-overload]
                select(NotifySubscription.kind).where(
                    NotifySubscription.telegram_user_id == telegram_user_id
                )
            )
            have = frozenset(rows.scalars())
            for kind in sorted(wanted - have):
                session.add(
                    NotifySubscription(telegram_user_id=telegram_user_id, kind=kind, since=now)
                )
            scheduled = await session.get(NotifySchedule, telegram_user_id)
            if wanted and scheduled is None:
                session.add(NotifySchedule(telegram_user_id=telegram_user_id, due_at=now))
            elif not wanted and scheduled is not None:
                await session.delete(scheduled)
        return wanted

    @transient_retry
    async def wishes(self, telegram_user_id: int) -> frozenset[str]:
        async with self._database.session() as session:
            rows = await session.exec(  # type: ignore[call-overload]
                select(NotifyWish.reward_id).where(NotifyWish.telegram_user_id == telegram_user_id)
            )
            return frozenset(rows.scalars())

    @transient_retry
    async def toggle_wish(self, telegram_user_id: int, reward_id: str, *, now: datetime) -> bool:
        """Mark or unmark the reward; whether it is a wish now."""
        async with self._database.session() as session:
            row = await session.get(NotifyWish, (telegram_user_id, reward_id))
            if row is not None:
                await session.delete(row)
                return False
            session.add(
                NotifyWish(telegram_user_id=telegram_user_id, reward_id=reward_id, since=now)
            )
            return True

    # --- the schedule -------------------------------------------------------------------------

    @transient_retry
    async def claim_due(
        self, *, now: datetime, holder: str, until: datetime, batch: int
    ) -> list[Turn]:
        rows = await self._database.run(
            self._claim, {"now": now, "holder": holder, "until": until, "batch": batch}
        )
        return [
            Turn(r.telegram_user_id, _aware(r.looked_at), r.last_sent_on, r.passholder_key)
            for r in rows
        ]

    @transient_retry
    async def release(self, telegram_user_id: int, *, holder: str, due: datetime) -> bool:
        """Done with this passholder until ``due``; False when the claim was lost meanwhile."""
        parameters = {"user": telegram_user_id, "the_holder": holder, "due": due}
        return await self._database.run_counting(self._release, parameters) == 1

    @transient_retry
    async def renew(self, telegram_user_id: int, *, holder: str, until: datetime) -> bool:
        """Extend a claim still held; False when it lapsed and another instance took it (or
        served and released it) meanwhile."""
        parameters = {"user": telegram_user_id, "the_holder": holder, "until": until}
        return await self._database.run_counting(self._renew, parameters) == 1

    @transient_retry
    async def give_up(self, holder: str) -> int:
        """Stopping: lapse this holder's claims, so another instance takes them at once."""
        return await self._database.run_counting(self._give_up, {"the_holder": holder})

    @transient_retry
    async def unschedule(self, telegram_user_id: int) -> None:
        await self._database.delete_matching(NotifySchedule.telegram_user_id, telegram_user_id)

    # --- told and held ------------------------------------------------------------------------

    @transient_retry
    async def told(self, telegram_user_id: int) -> dict[str, frozenset[str]]:
        async with self._database.session() as session:
            rows = await session.exec(  # type: ignore[call-overload]
                select(NotifyTold.kind, NotifyTold.subject).where(
                    NotifyTold.telegram_user_id == telegram_user_id
                )
            )
            found: dict[str, set[str]] = {}
            for kind, subject in rows:
                found.setdefault(kind, set()).add(subject)
            return {kind: frozenset(subjects) for kind, subjects in found.items()}

    @transient_retry
    async def record(
        self,
        telegram_user_id: int,
        *,
        notices: Sequence[Found],
        silent: Iterable[tuple[str, str]] = (),
        forget: Iterable[tuple[str, str]] = (),
        now: datetime,
        passholder_key: str | None = None,
    ) -> None:
        """One transaction: ``notices`` told (and held for delivery), ``silent`` (kind,
        subject) remembered without a notice (the first look's baseline), ``forget`` (kind,
        subject) no longer remembered (out of reach again), the first look done (about the
        card ``passholder_key`` names)."""
        forget = list(forget)
        async with self._database.session() as session:
            if forget:
                await session.exec(  # type: ignore[call-overload]
                    delete(NotifyTold).where(
                        NotifyTold.telegram_user_id == telegram_user_id,
                        tuple_(NotifyTold.kind, NotifyTold.subject).in_(forget),
                    )
                )
            for kind, subject in {(n.kind, n.subject) for n in notices} | set(silent):
                session.add(
                    NotifyTold(
                        telegram_user_id=telegram_user_id, kind=kind, subject=subject, told_at=now
                    )
                )
            for notice in notices:
                session.add(
                    NotifyHeld(
                        telegram_user_id=telegram_user_id,
                        kind=notice.kind,
                        subject=notice.subject,
                        payload=notice.payload,
                        created_at=now,
                    )
                )
            scheduled = await session.get(NotifySchedule, telegram_user_id)
            if scheduled is not None:
                scheduled.looked_at = scheduled.looked_at or now
                scheduled.passholder_key = passholder_key or scheduled.passholder_key
                session.add(scheduled)

    @transient_retry
    async def start_afresh(self, telegram_user_id: int) -> None:
        """Another card was linked: what was told (and still waits) was about the old one."""
        async with self._database.session() as session:
            for table in (NotifyTold, NotifyHeld):
                await session.exec(  # type: ignore[call-overload]
                    delete(table).where(table.telegram_user_id == telegram_user_id)
                )
            scheduled = await session.get(NotifySchedule, telegram_user_id)
            if scheduled is not None:
                scheduled.looked_at = None
                session.add(scheduled)

    @transient_retry
    async def held(self, telegram_user_id: int) -> list[HeldNotice]:
        async with self._database.session() as session:
            rows = await session.exec(  # type: ignore[call-overload]
                select(NotifyHeld)
                .where(NotifyHeld.telegram_user_id == telegram_user_id)
                .where(NotifyHeld.sent_at.is_(None))  # type: ignore[union-attr]
                .order_by(NotifyHeld.id)
            )
            return [
                HeldNotice(row.id, row.kind, row.subject, row.payload) for row in rows.scalars()
            ]

    @transient_retry
    async def mark_sent(
        self,
        telegram_user_id: int,
        ids: Sequence[int],
        *,
        now: datetime,
        day: str,
        outcome: str = "sent",
    ) -> None:
        """The digest carrying ``ids`` went out (or is given up, ``outcome``) on ``day``."""
        async with self._database.session() as session:
            await session.exec(  # type: ignore[call-overload]
                update(NotifyHeld)
                .where(NotifyHeld.id.in_(ids))  # type: ignore[union-attr]
                .values(sent_at=now, outcome=outcome)
            )
            scheduled = await session.get(NotifySchedule, telegram_user_id)
            if scheduled is not None:
                scheduled.last_sent_on = day
                session.add(scheduled)

    @transient_retry
    async def drop_held(self, telegram_user_id: int, kind: str) -> int:
        """The passholder stopped ``kind``: what waits of it is not sent any more."""
        async with self._database.session() as session:
            result = await session.exec(  # type: ignore[call-overload]
                delete(NotifyHeld).where(
                    NotifyHeld.telegram_user_id == telegram_user_id,
                    NotifyHeld.kind == kind,
                    NotifyHeld.sent_at.is_(None),  # type: ignore[union-attr]
                )
            )
            return int(result.rowcount or 0)

    @transient_retry
    async def purge_sent_before(self, cutoff: datetime) -> int:
        """Delivered notices are kept a while for the record, then deleted (housekeeping)."""
        return await self._database.run_counting(
            delete(NotifyHeld).where(
                NotifyHeld.sent_at.is_not(None),  # type: ignore[union-attr]
                NotifyHeld.sent_at < cutoff,  # type: ignore[operator]
            ),
            {},
        )


def notification_stores(database: Database) -> list[tuple[str, Deleter, Any]]:
    """Each notification table, its deleter and the column naming the user: what /forget,
    /unlink and /privacy cover of the notifications."""
    columns = [
        ("notify_held", NotifyHeld.telegram_user_id),
        ("notify_told", NotifyTold.telegram_user_id),
        ("notify_schedule", NotifySchedule.telegram_user_id),
        ("notify_wishes", NotifyWish.telegram_user_id),
        ("notify_subscriptions", NotifySubscription.telegram_user_id),
    ]
    return [(table, partial(database.delete_matching, column), column) for table, column in columns]
