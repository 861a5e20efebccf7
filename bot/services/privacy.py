"""What the bot keeps about a passholder, how long, and forgetting all of it on request."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.uitpas.numbers import mask_uitpas_number
from storage.personal_data import PersonalData
from storage.repositories import CheckinRepository, LinkRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PrivacySummary:
    masked_number: str | None
    checkins_kept: int
    retention_days: int
    # Every store /forget empties, and how many rows each holds about this user now: read
    # from the same registry, so what /privacy tells and what /forget deletes cannot differ.
    held: dict[str, int] = field(default_factory=dict)


class PrivacyService:
    def __init__(
        self,
        personal_data: PersonalData,
        links: LinkRepository,
        checkins: CheckinRepository,
        *,
        retention: timedelta,
    ) -> None:
        self._personal_data = personal_data
        self._links = links
        self._checkins = checkins
        self.retention = retention

    async def summary(self, telegram_user_id: int) -> PrivacySummary:
        link = await self._links.get(telegram_user_id)
        return PrivacySummary(
            masked_number=mask_uitpas_number(link.uitpas_number) if link else None,
            checkins_kept=await self._checkins.count_for_user(telegram_user_id),
            retention_days=self.retention.days,
            held=await self._personal_data.held(telegram_user_id),
        )

    async def forget(self, telegram_user_id: int) -> int:
        """Delete every row about the user in every registered store; the rows deleted."""
        deleted = await self._personal_data.forget(telegram_user_id)
        log.info("user forgotten", extra={"rows_deleted": sum(deleted.values())})
        return sum(deleted.values())

    async def purge_expired_history(self, *, now: datetime | None = None) -> int:
        """Delete check-in history older than the retention period (default 365 days)."""
        cutoff = (now or datetime.now(UTC)) - self.retention
        deleted = await self._checkins.purge_older_than(cutoff)
        if deleted:
            log.info("purged %d check-ins older than %d days", deleted, self.retention.days)
        return deleted
