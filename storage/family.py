"""The family's rows (issue 16): legacy's extra cards, the remembered choice, the choosers.

Each method one short transaction, like :mod:`storage.repositories`. A chooser's go button is
taken with one conditional UPDATE (``WHERE done_at IS NULL``), so two presses, or two instances
handling one press twice, check in once.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, update
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from storage.database import Database
from storage.expiring import ExpiringValueRepository
from storage.models import FamilyCard, FamilyCheckinPrompt, FamilyChoice, FamilyDraft, utcnow
from storage.read_ahead import ReadAhead
from storage.retry import transient_retry

PROMPT_ID_BYTES = 12  # 16 URL-safe characters: unguessable, and short in a button's data


# How long family cards read ahead (with a photo's count and link) may stand in for a read.
CARDS_AHEAD_FOR = 5.0
# The family cards read ahead in this update (legacy).
_CARDS_AHEAD: ReadAhead[list[FamilyCard]] = ReadAhead("family_cards_ahead")


def read_cards_ahead(telegram_user_id: int, cards: list[dict[str, Any]], started: float) -> None:
    """The user's cards as a photo's first statement read them (``ThrottleRepository``), for
    the next :meth:`FamilyCardRepository.cards` of the same update (this task and the tasks it
    starts) instead of a read of its own: once, within CARDS_AHEAD_FOR seconds. In a context
    variable, so they die with the update and never stand in for another's read."""
    _CARDS_AHEAD.keep(
        telegram_user_id, [FamilyCard.model_validate(card) for card in cards], started
    )


class FamilyCardRepository:
    def __init__(self, database: Database) -> None:
        self._database = database
        table = FamilyCard.__table__  # type: ignore[attr-defined]
        # Built once and run without a session: every legacy photo reads the cards (one
        # round trip instead of BEGIN, SELECT, COMMIT; see Database.run).
        self._cards = (
            sa_select(table)
            .where(table.c.telegram_user_id == bindparam("user"))
            .order_by(table.c.id)
        )

    @transient_retry
    async def cards(self, telegram_user_id: int) -> list[FamilyCard]:
        ahead = _CARDS_AHEAD.take(telegram_user_id, within=CARDS_AHEAD_FOR)
        if ahead is not None:
            return ahead[0]
        rows = await self._database.run(self._cards, {"user": telegram_user_id})
        return [FamilyCard.model_validate(row._mapping) for row in rows]

    @transient_retry
    async def add(self, telegram_user_id: int, uitpas_number: str, first_name: str) -> bool:
        """False when this card is already on the account."""
        try:
            async with self._database.session() as session:
                session.add(
                    FamilyCard(
                        telegram_user_id=telegram_user_id,
                        uitpas_number=uitpas_number,
                        first_name=first_name,
                    )
                )
        except IntegrityError:
            return False
        return True

    @transient_retry
    async def rename(self, telegram_user_id: int, card_id: int, first_name: str) -> bool:
        async with self._database.session() as session:
            result = await session.exec(
                update(FamilyCard)
                .where(col(FamilyCard.telegram_user_id) == telegram_user_id)
                .where(col(FamilyCard.id) == card_id)
                .values(first_name=first_name)
            )
            return bool(result.rowcount)

    @transient_retry
    async def remove(self, telegram_user_id: int, card_id: int) -> bool:
        async with self._database.session() as session:
            result = await session.exec(
                delete(FamilyCard)
                .where(col(FamilyCard.telegram_user_id) == telegram_user_id)
                .where(col(FamilyCard.id) == card_id)
            )
            return bool(result.rowcount)

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(FamilyCard.telegram_user_id, telegram_user_id)


class FamilyChoiceRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    @transient_retry
    async def get(self, telegram_user_id: int) -> list[str] | None:
        async with self._database.session() as session:
            found = await session.get(FamilyChoice, telegram_user_id)
            return _keys(found.member_keys) if found is not None else None

    @transient_retry
    async def save(self, telegram_user_id: int, member_keys: list[str]) -> None:
        async with self._database.session() as session:
            found = await session.get(FamilyChoice, telegram_user_id)
            if found is None:
                found = FamilyChoice(telegram_user_id=telegram_user_id, member_keys="[]")
            found.member_keys = json.dumps(member_keys)
            found.chosen_at = utcnow()
            session.add(found)

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(FamilyChoice.telegram_user_id, telegram_user_id)


class FamilyPromptRepository:
    """The choosers; a user's old ones are dropped whenever they get a new one."""

    def __init__(self, database: Database, *, keep_for: timedelta) -> None:
        self._database = database
        self._keep_for = keep_for

    @transient_retry
    async def create(
        self,
        telegram_user_id: int,
        code: str,
        offered: list[list[str | None]],
        chosen: list[str],
    ) -> FamilyCheckinPrompt:
        prompt = FamilyCheckinPrompt(
            id=secrets.token_urlsafe(PROMPT_ID_BYTES),
            telegram_user_id=telegram_user_id,
            checkin_code=code,
            member_keys=json.dumps(offered),
            chosen_keys=json.dumps(chosen),
        )
        async with self._database.session() as session:
            await session.exec(
                delete(FamilyCheckinPrompt)
                .where(col(FamilyCheckinPrompt.telegram_user_id) == telegram_user_id)
                .where(col(FamilyCheckinPrompt.created_at) < utcnow() - self._keep_for)
            )
            session.add(prompt)
        return prompt

    @transient_retry
    async def get(self, telegram_user_id: int, prompt_id: str) -> FamilyCheckinPrompt | None:
        """The user's own chooser; someone else's id reads as none."""
        async with self._database.session() as session:
            found = await session.get(FamilyCheckinPrompt, prompt_id)
            if found is None or found.telegram_user_id != telegram_user_id:
                return None
            return found

    @transient_retry
    async def choose(self, telegram_user_id: int, prompt_id: str, chosen: list[str]) -> bool:
        """Store the ticks, unless the chooser was used already."""
        async with self._database.session() as session:
            result = await session.exec(
                update(FamilyCheckinPrompt)
                .where(col(FamilyCheckinPrompt.id) == prompt_id)
                .where(col(FamilyCheckinPrompt.telegram_user_id) == telegram_user_id)
                .where(col(FamilyCheckinPrompt.done_at).is_(None))
                .values(chosen_keys=json.dumps(chosen))
            )
            return bool(result.rowcount)

    @transient_retry
    async def take(self, telegram_user_id: int, prompt_id: str, at: datetime) -> bool:
        """Mark the go button pressed; True for exactly one press."""
        async with self._database.session() as session:
            result = await session.exec(
                update(FamilyCheckinPrompt)
                .where(col(FamilyCheckinPrompt.id) == prompt_id)
                .where(col(FamilyCheckinPrompt.telegram_user_id) == telegram_user_id)
                .where(col(FamilyCheckinPrompt.done_at).is_(None))
                .values(done_at=at)
            )
            return bool(result.rowcount)

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(
            FamilyCheckinPrompt.telegram_user_id, telegram_user_id
        )


class FamilyDraftRepository(ExpiringValueRepository):
    """The number of a step-by-step add, until its second answer (or ``keep_for``)."""

    model = FamilyDraft
    value = "uitpas_number"
    stamp = "started_at"

    async def start(self, telegram_user_id: int, uitpas_number: str) -> None:
        await self.put(telegram_user_id, uitpas_number)


def keys(value: str) -> list[str]:
    """A stored JSON list of member keys; anything else reads as none."""
    return _keys(value)


def _keys(value: str) -> list[str]:
    try:
        found = json.loads(value)
    except ValueError:
        return []
    return [k for k in found if isinstance(k, str)] if isinstance(found, list) else []
