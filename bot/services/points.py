"""A passholder's balance: their current total from UiTPAS and their last check-ins from us.

The total is asked fresh every time (points change with every check-in and trade, so they are
never cached); the history is our own record of check-ins made through this bot.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from bot.services.checkin import OUTCOME_UNKNOWN
from bot.services.family import FamilyListing
from bot.services.outcomes import (
    HistoryEntry,
    NotLinked,
    PointsBalance,
    PointsOutcome,
    UitpasSilent,
    refused,
)
from bot.services.trading_outcomes import Entitlements, MemberEntitlements
from bot.uitpas.api import RewardTrading, UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import AnswerCode, PointsAnswer
from bot.uitpas.numbers import mask_uitpas_number
from bot.uitpas.trading import Coupon
from storage.models import CheckinRecord
from storage.repositories import CheckinRepository, LinkRepository

log = logging.getLogger(__name__)

HISTORY_LENGTH = 5
# Successes, and the ones that may hide a point: a refused check-in is not part of a balance.
_HISTORY_CODES = (AnswerCode.ACTION_SUCCEEDED.value, OUTCOME_UNKNOWN)


class PointsService:
    def __init__(
        self,
        uitpas: UitpasApi,
        links: LinkRepository,
        checkins: CheckinRepository,
        trading: RewardTrading | None = None,
    ) -> None:
        """``trading`` (v4): the kansentarief and the coupons are shown with the total."""
        self._uitpas = uitpas
        self._links = links
        self._checkins = checkins
        self._trading = trading

    async def balance(self, telegram_user_id: int) -> PointsOutcome:
        link = await self._links.get(telegram_user_id)
        if link is None:
            return NotLinked()
        masked = mask_uitpas_number(link.uitpas_number)
        try:
            answer, records = await asyncio.gather(
                self._uitpas.points(link.uitpas_number),
                self._checkins.recent(
                    telegram_user_id, HISTORY_LENGTH, result_codes=_HISTORY_CODES
                ),
            )
        except UitpasUnavailable as error:
            log.warning("points without answer: %s", error.reason.value)
            return UitpasSilent(maybe_saved=False)
        if answer.succeeded and answer.points is None:
            log.warning("points answer without points")
            return UitpasSilent(maybe_saved=False)  # nothing usable came back
        if not answer.succeeded or answer.points is None:
            log.info("points refused: %s", answer.code, extra={"answer_code": answer.code})
            return refused(answer, masked)
        return PointsBalance(
            masked,
            answer.points,
            tuple(_entry(r) for r in records),
            answer.messages,
            answer.end_user_message_nl,
            answer.end_user_message_en,
            answer.end_user_message_fr,
            await self._entitlements(link.uitpas_number, answer),
        )

    async def _entitlements(self, number: str, answer: PointsAnswer) -> Entitlements | None:
        """Kansentarief (from the pass just read) and coupons (asked after it, so the pass's
        id is known); a coupons request that fails leaves them out, never the total."""
        if self._trading is None:
            return None
        coupons: tuple[Coupon, ...] | None = None
        try:
            found = await self._trading.coupons(number)
        except UitpasUnavailable:
            found = None
        if found is not None and found.succeeded:
            coupons = tuple(c for c in found.coupons if c.status != "EXPIRED")
        elif found is not None:
            log.info("coupons refused: %s", found.code, extra={"answer_code": found.code})
        return Entitlements(answer.social_tariff, coupons, datetime.now(UTC))

    async def family_entitlements(self, family: object) -> tuple[MemberEntitlements, ...]:
        """Each other member's kansentarief and coupons (v4), for the ``/points`` of a family;
        ``family`` is :meth:`bot.services.family.FamilyService.members`' outcome. A member
        UiTPAS does not answer for is left out, never the others."""
        if self._trading is None or not isinstance(family, FamilyListing):
            return ()
        others = family.others
        answers = await asyncio.gather(*(self._pass_or_none(m.uitpas_number) for m in others))
        found = []
        for member, answer in zip(others, answers, strict=True):
            if answer is None:
                continue
            entitlements = await self._entitlements(member.uitpas_number, answer)
            if entitlements is not None:
                found.append(MemberEntitlements(member.first_name, entitlements))
        return tuple(found)

    async def _pass_or_none(self, number: str) -> PointsAnswer | None:
        try:
            answer = await self._uitpas.points(number)
        except UitpasUnavailable:
            return None
        if not answer.succeeded:
            log.info("member pass refused: %s", answer.code, extra={"answer_code": answer.code})
            return None
        return answer


def _entry(record: CheckinRecord) -> HistoryEntry:
    return HistoryEntry(
        at=record.created_at,
        event_title=record.event_title,
        organiser_name=record.organiser_name,
        points_saved=record.points_saved,
        uncertain=record.result_code == OUTCOME_UNKNOWN,
    )
