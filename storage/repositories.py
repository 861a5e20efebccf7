"""Repositories: the only code that writes SQL, each method one short transaction.

Services receive these and never see a session, so the same service runs on SQLite and
PostgreSQL, and tests can read what was stored without knowing the schema.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlmodel import col, select

from storage.database import Database
from storage.models import (
    CheckinRecord,
    PassholderLink,
    PendingCheckin,
    UitidLoginState,
    UitidToken,
    utcnow,
)


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; everything stored here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class LinkRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def get(self, telegram_user_id: int) -> PassholderLink | None:
        async with self._database.session() as session:
            return await session.get(PassholderLink, telegram_user_id)

    async def save(self, telegram_user_id: int, uitpas_number: str, language: str) -> None:
        """Link, or re-link to another card: the newest number a user gives wins."""
        async with self._database.session() as session:
            link = await session.get(PassholderLink, telegram_user_id)
            if link is None:
                link = PassholderLink(
                    telegram_user_id=telegram_user_id, uitpas_number="", language=""
                )
            link.uitpas_number = uitpas_number
            link.language = language
            link.linked_at = utcnow()
            session.add(link)

    async def delete(self, telegram_user_id: int) -> bool:
        async with self._database.session() as session:
            result = await session.exec(
                delete(PassholderLink).where(
                    col(PassholderLink.telegram_user_id) == telegram_user_id
                )
            )
            return bool(result.rowcount)


class CheckinRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def add(self, record: CheckinRecord) -> None:
        async with self._database.session() as session:
            session.add(record)

    async def recent(
        self,
        telegram_user_id: int,
        limit: int = 5,
        *,
        result_codes: Collection[str] | None = None,
    ) -> list[CheckinRecord]:
        """The newest records first; ``result_codes`` keeps only those answers (e.g. successes)."""
        query = select(CheckinRecord).where(CheckinRecord.telegram_user_id == telegram_user_id)
        if result_codes is not None:
            query = query.where(col(CheckinRecord.result_code).in_(list(result_codes)))
        async with self._database.session() as session:
            rows = await session.exec(
                query.order_by(
                    col(CheckinRecord.created_at).desc(), col(CheckinRecord.id).desc()
                ).limit(limit)
            )
            records = list(rows)
        for record in records:
            record.created_at = _aware(record.created_at)
        return records

    async def delete_for_user(self, telegram_user_id: int) -> int:
        async with self._database.session() as session:
            result = await session.exec(
                delete(CheckinRecord).where(col(CheckinRecord.telegram_user_id) == telegram_user_id)
            )
            return int(result.rowcount or 0)


class PendingCheckinRepository:
    """At most one remembered code per user: the newest photo is the one they care about."""

    def __init__(self, database: Database, *, keep_for: timedelta) -> None:
        self._database = database
        self._keep_for = keep_for

    async def remember(self, telegram_user_id: int, checkin_code: str) -> None:
        async with self._database.session() as session:
            pending = await session.get(PendingCheckin, telegram_user_id)
            if pending is None:
                pending = PendingCheckin(telegram_user_id=telegram_user_id, checkin_code="")
            pending.checkin_code = checkin_code
            pending.created_at = utcnow()
            session.add(pending)

    async def take(self, telegram_user_id: int) -> str | None:
        """The remembered code, removed in the same transaction so it is used at most once."""
        async with self._database.session() as session:
            pending = await session.get(PendingCheckin, telegram_user_id, with_for_update=True)
            if pending is None:
                return None
            await session.delete(pending)
            if utcnow() - _aware(pending.created_at) > self._keep_for:
                return None
            return pending.checkin_code

    async def forget(self, telegram_user_id: int) -> None:
        async with self._database.session() as session:
            await session.exec(
                delete(PendingCheckin).where(
                    col(PendingCheckin.telegram_user_id) == telegram_user_id
                )
            )


class LoginStateRepository:
    """UiTiD logins in progress; each ``state`` can be taken once."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def add(self, login: UitidLoginState) -> None:
        """Store a new login; earlier unfinished logins of the same user stop working."""
        async with self._database.session() as session:
            await session.exec(
                delete(UitidLoginState).where(
                    col(UitidLoginState.telegram_user_id) == login.telegram_user_id
                )
            )
            session.add(login)

    async def take(self, state_hash: str) -> UitidLoginState | None:
        """The login for this state, removed in the same transaction (so used at most once)."""
        async with self._database.session() as session:
            login = await session.get(UitidLoginState, state_hash, with_for_update=True)
            if login is None:
                return None
            await session.delete(login)
        login.expires_at = _aware(login.expires_at)
        return login

    async def delete_for_user(self, telegram_user_id: int) -> int:
        async with self._database.session() as session:
            result = await session.exec(
                delete(UitidLoginState).where(
                    col(UitidLoginState.telegram_user_id) == telegram_user_id
                )
            )
            return int(result.rowcount or 0)


class UitidTokenRepository:
    """Encrypted refresh tokens; this class never sees a token in the clear."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def get(self, telegram_user_id: int) -> str | None:
        async with self._database.session() as session:
            row = await session.get(UitidToken, telegram_user_id)
            return row.refresh_token_encrypted if row else None

    async def save(self, telegram_user_id: int, encrypted: str) -> None:
        async with self._database.session() as session:
            row = await session.get(UitidToken, telegram_user_id)
            if row is None:
                row = UitidToken(telegram_user_id=telegram_user_id, refresh_token_encrypted="")
            row.refresh_token_encrypted = encrypted
            row.updated_at = utcnow()
            session.add(row)

    async def delete_for_user(self, telegram_user_id: int) -> int:
        async with self._database.session() as session:
            result = await session.exec(
                delete(UitidToken).where(col(UitidToken.telegram_user_id) == telegram_user_id)
            )
            return int(result.rowcount or 0)
