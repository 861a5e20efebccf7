"""One value per user that lapses: a code kept until the card is linked, the number of a
step-by-step ``/family add`` until its second answer.

Both are a row keyed by ``telegram_user_id`` holding one text and when it was put; a newer
value replaces the older (the newest is the one the user cares about), and :meth:`take`
hands it out once, removed in the same transaction, or None when it is older than
``keep_for``. A subclass names its table and the two columns; no table changes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from storage.database import Database
from storage.models import utcnow
from storage.retry import transient_retry


class ExpiringValueRepository:
    model: ClassVar[Any]  # a table keyed by telegram_user_id
    value: ClassVar[str]  # the column that holds the value
    stamp: ClassVar[str]  # the column that says when it was put

    def __init__(self, database: Database, *, keep_for: timedelta) -> None:
        self._database = database
        self._keep_for = keep_for

    @transient_retry
    async def put(self, telegram_user_id: int, value: str) -> None:
        async with self._database.session() as session:
            found = await session.get(self.model, telegram_user_id)
            if found is None:
                found = self.model(telegram_user_id=telegram_user_id, **{self.value: ""})
            setattr(found, self.value, value)
            setattr(found, self.stamp, utcnow())
            session.add(found)

    @transient_retry
    async def take(self, telegram_user_id: int) -> str | None:
        """The value, once; None when there is none or it is too old."""
        async with self._database.session() as session:
            found = await session.get(self.model, telegram_user_id, with_for_update=True)
            if found is None:
                return None
            await session.delete(found)
            if utcnow() - _aware(getattr(found, self.stamp)) > self._keep_for:
                return None
            return str(getattr(found, self.value))

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(self.model.telegram_user_id, telegram_user_id)


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; everything stored here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
