"""Repositories for group announcements, members' RSVPs and check-ins, and step-by-step drafts.

Every method is one short transaction. The reminder claim is a single conditional
``UPDATE … WHERE reminder_sent_at IS NULL … RETURNING``: on PostgreSQL a second instance
running the same statement waits for the first one's row lock, re-checks the condition and
finds the row taken; on SQLite writers are serialised anyway. So each reminder is claimed by
exactly one instance, whatever the number of instances or restarts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, case, delete, func, update
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from storage.database import Database
from storage.models import Announcement, AnnouncementDraft, AnnouncementMember, utcnow
from storage.repositories import _aware
from storage.retry import transient_retry


def _fix_times(announcement: Announcement) -> Announcement:
    """SQLite hands back naive datetimes; everything here is stored as UTC."""
    for name in ("starts_at", "remind_at", "reminder_sent_at", "cancelled_at", "created_at"):
        value = getattr(announcement, name)
        if value is not None:
            setattr(announcement, name, _aware(value))
    return announcement


@dataclass(frozen=True, slots=True)
class AnnouncementCounts:
    coming: int
    opened: int
    checked_in: int


def opened_around_statement() -> Select[Any]:
    """The announcements a user (``user``) opened, not cancelled, whose event starts between
    ``earliest`` and ``latest``: what a saved check-in is counted for. Also folded into the
    statement that records a check-in's answer (``RecentCheckinCodeRepository``)."""
    announcements = Announcement.__table__  # type: ignore[attr-defined]
    members = AnnouncementMember.__table__  # type: ignore[attr-defined]
    return (
        sa_select(announcements)
        .join(members, members.c.announcement_id == announcements.c.id)
        .where(
            members.c.telegram_user_id == bindparam("user"),
            members.c.opened_at.is_not(None),
            announcements.c.cancelled_at.is_(None),
            announcements.c.starts_at >= bindparam("earliest"),
            announcements.c.starts_at <= bindparam("latest"),
        )
    )


def opened_from_rows(rows: Sequence[Any]) -> list[Announcement]:
    return [_fix_times(Announcement.model_validate(row._mapping)) for row in rows]


class AnnouncementRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    @transient_retry
    async def add(self, announcement: Announcement) -> Announcement:
        async with self._database.session() as session:
            session.add(announcement)
            await session.flush()
            await session.refresh(announcement)
        return _fix_times(announcement)

    @transient_retry
    async def set_card_message(self, announcement_id: int, message_id: int) -> None:
        async with self._database.session() as session:
            await session.exec(
                update(Announcement)
                .where(col(Announcement.id) == announcement_id)
                .values(card_message_id=message_id)
            )

    @transient_retry
    async def by_token(self, token: str) -> Announcement | None:
        async with self._database.session() as session:
            rows = await session.exec(select(Announcement).where(Announcement.token == token))
            found = rows.first()
        return _fix_times(found) if found else None

    @transient_retry
    async def by_card(self, chat_id: int, message_id: int) -> Announcement | None:
        async with self._database.session() as session:
            rows = await session.exec(
                select(Announcement).where(
                    Announcement.chat_id == chat_id, Announcement.card_message_id == message_id
                )
            )
            found = rows.first()
        return _fix_times(found) if found else None

    @transient_retry
    async def by_checkin_code(self, code: str) -> Announcement | None:
        """The newest announcement (not cancelled) whose poster carried this check-in code:
        the only place the bot learns an event's date (UiTPAS's refusals do not say)."""
        async with self._database.session() as session:
            rows = await session.exec(
                select(Announcement)
                .where(
                    Announcement.checkin_code == code,
                    col(Announcement.cancelled_at).is_(None),
                )
                .order_by(col(Announcement.starts_at).desc())
                .limit(1)
            )
            found = rows.first()
        return _fix_times(found) if found else None

    @transient_retry
    async def cancel(self, announcement_id: int, now: datetime) -> bool:
        """Cancel once; False when it already was. A cancelled reminder is never sent."""
        async with self._database.session() as session:
            result = await session.exec(
                update(Announcement)
                .where(
                    col(Announcement.id) == announcement_id,
                    col(Announcement.cancelled_at).is_(None),
                )
                .values(cancelled_at=now)
            )
            return bool(result.rowcount)

    @transient_retry
    async def reschedule_reminder(self, announcement_id: int, remind_at: datetime | None) -> bool:
        """Move (or with None: drop) a reminder that has not been claimed yet."""
        async with self._database.session() as session:
            result = await session.exec(
                update(Announcement)
                .where(
                    col(Announcement.id) == announcement_id,
                    col(Announcement.reminder_sent_at).is_(None),
                )
                .values(remind_at=remind_at)
            )
            return bool(result.rowcount)

    @transient_retry
    async def claim_due_reminders(self, now: datetime, limit: int = 20) -> list[Announcement]:
        """Mark due reminders as taken by this caller and return them; nobody else gets them."""
        due = (
            select(Announcement.id)
            .where(
                col(Announcement.remind_at) <= now,
                col(Announcement.reminder_sent_at).is_(None),
                col(Announcement.cancelled_at).is_(None),
            )
            .order_by(col(Announcement.remind_at))
            .limit(limit)
            # PostgreSQL: rows another instance is claiming right now are skipped, not waited
            # for (SQLite has one writer at a time and ignores this).
            .with_for_update(skip_locked=True)
        )
        async with self._database.session() as session:
            ids = list(await session.exec(due))
            if not ids:
                return []
            result = await session.exec(
                update(Announcement)
                .where(col(Announcement.id).in_(ids), col(Announcement.reminder_sent_at).is_(None))
                .values(reminder_sent_at=now, reminder_outcome="claimed")
                .returning(Announcement)
                .execution_options(synchronize_session=False)
            )
            claimed = list(result.scalars().all())
        return [_fix_times(announcement) for announcement in claimed]

    @transient_retry
    async def finish_reminder(self, announcement_id: int, outcome: str) -> None:
        async with self._database.session() as session:
            await session.exec(
                update(Announcement)
                .where(col(Announcement.id) == announcement_id)
                .values(reminder_outcome=outcome)
            )

    @transient_retry
    async def release_reminder(self, announcement_id: int) -> None:
        """Give a claimed reminder back, for a failure Telegram said was not a delivery."""
        async with self._database.session() as session:
            await session.exec(
                update(Announcement)
                .where(col(Announcement.id) == announcement_id)
                .values(reminder_sent_at=None, reminder_outcome="retry")
            )


class AnnouncementMemberRepository:
    """Who is coming, who opened the private chat from the card, who checked in through it."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._opened_around = opened_around_statement()

    async def _row(self, session, announcement_id: int, user_id: int) -> AnnouncementMember:  # type: ignore[no-untyped-def]
        row = await session.get(
            AnnouncementMember, (announcement_id, user_id), with_for_update=True
        )
        if row is None:
            row = AnnouncementMember(announcement_id=announcement_id, telegram_user_id=user_id)
        return row

    async def _change(self, announcement_id: int, user_id: int, change) -> AnnouncementMember:  # type: ignore[no-untyped-def]
        """Insert or update one row; a concurrent first insert is retried as an update."""
        for attempt in range(2):
            try:
                async with self._database.session() as session:
                    row = await self._row(session, announcement_id, user_id)
                    change(row)
                    session.add(row)
                return row
            except IntegrityError:
                if attempt:
                    raise
        raise AssertionError("unreachable")

    @transient_retry
    async def toggle_coming(self, announcement_id: int, user_id: int) -> bool:
        def flip(row: AnnouncementMember) -> None:
            row.coming = not row.coming

        return (await self._change(announcement_id, user_id, flip)).coming

    @transient_retry
    async def mark_opened(self, announcement_id: int, user_id: int, now: datetime) -> None:
        def opened(row: AnnouncementMember) -> None:
            row.opened_at = now

        await self._change(announcement_id, user_id, opened)

    @transient_retry
    async def mark_checked_in(self, announcement_id: int, user_id: int, now: datetime) -> None:
        def checked_in(row: AnnouncementMember) -> None:
            row.checked_in_at = row.checked_in_at or now

        await self._change(announcement_id, user_id, checked_in)

    @transient_retry
    async def counts(self, announcement_id: int) -> AnnouncementCounts:
        async with self._database.session() as session:
            rows = await session.exec(
                select(
                    func.coalesce(func.sum(case((col(AnnouncementMember.coming), 1), else_=0)), 0),
                    func.count(col(AnnouncementMember.opened_at)),
                    func.count(col(AnnouncementMember.checked_in_at)),
                ).where(AnnouncementMember.announcement_id == announcement_id)
            )
            coming, opened, checked_in = rows.one()
        return AnnouncementCounts(int(coming), int(opened), int(checked_in))

    @transient_retry
    async def opened_around(
        self, user_id: int, now: datetime, window: timedelta
    ) -> list[Announcement]:
        """Announcements this user opened whose event starts within ``window`` of ``now``.

        Asked after every check-in that saved a point, so one statement built once, without an
        ORM session (see :meth:`Database.run`)."""
        rows = await self._database.run(
            self._opened_around,
            {"user": user_id, "earliest": now - window, "latest": now + window},
        )
        return opened_from_rows(rows)

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(
            AnnouncementMember.telegram_user_id, telegram_user_id
        )


class AnnouncementDraftRepository:
    """At most one step-by-step announcement per admin per group; stale ones are forgotten."""

    def __init__(self, database: Database, *, keep_for: timedelta) -> None:
        self._database = database
        self._keep_for = keep_for

    @transient_retry
    async def save(self, draft: AnnouncementDraft) -> None:
        draft.updated_at = utcnow()
        async with self._database.session() as session:
            await session.merge(draft)

    @transient_retry
    async def get(self, chat_id: int, actor_id: int) -> AnnouncementDraft | None:
        async with self._database.session() as session:
            draft = await session.get(AnnouncementDraft, (chat_id, actor_id))
            if draft is None:
                return None
            if utcnow() - _aware(draft.updated_at) > self._keep_for:
                await session.delete(draft)
                return None
        if draft.starts_at is not None:
            draft.starts_at = _aware(draft.starts_at)
        return draft

    @transient_retry
    async def delete(self, chat_id: int, actor_id: int) -> bool:
        async with self._database.session() as session:
            result = await session.exec(
                delete(AnnouncementDraft).where(
                    col(AnnouncementDraft.chat_id) == chat_id,
                    col(AnnouncementDraft.actor_id) == actor_id,
                )
            )
            return bool(result.rowcount)

    @transient_retry
    async def take_abandoned(self, now: datetime) -> list[tuple[int, int]]:
        """Drafts nobody answered within ``keep_for``, removed in one statement (so among
        several instances exactly one gets each): (chat id, prompt message id) of those whose
        question is still in the group."""
        cutoff = now - self._keep_for
        async with self._database.session() as session:
            rows = await session.exec(
                delete(AnnouncementDraft)
                .where(col(AnnouncementDraft.updated_at) < cutoff)
                .returning(col(AnnouncementDraft.chat_id), col(AnnouncementDraft.prompt_message_id))
            )
            taken = list(rows.all())
        return [(chat_id, prompt) for chat_id, prompt in taken if prompt is not None]

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(AnnouncementDraft.actor_id, telegram_user_id)
