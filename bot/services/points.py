"""A passholder's balance: their current total from UiTPAS and their last check-ins from us.

The total is asked fresh every time (points change with every check-in and trade, so they are
never cached); the history is our own record of check-ins made through this bot.
"""

from __future__ import annotations

import asyncio
import logging

from bot.services.checkin import OUTCOME_UNKNOWN
from bot.services.outcomes import (
    HistoryEntry,
    NotLinked,
    PointsBalance,
    PointsOutcome,
    UitpasSilent,
    refused,
)
from bot.uitpas.api import UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import AnswerCode
from bot.uitpas.numbers import mask_uitpas_number
from storage.models import CheckinRecord
from storage.repositories import CheckinRepository, LinkRepository

log = logging.getLogger(__name__)

HISTORY_LENGTH = 5
# Successes, and the ones that may hide a point: a refused check-in is not part of a balance.
_HISTORY_CODES = (AnswerCode.ACTION_SUCCEEDED.value, OUTCOME_UNKNOWN)


class PointsService:
    def __init__(
        self, uitpas: UitpasApi, links: LinkRepository, checkins: CheckinRepository
    ) -> None:
        self._uitpas = uitpas
        self._links = links
        self._checkins = checkins

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
        )


def _entry(record: CheckinRecord) -> HistoryEntry:
    return HistoryEntry(
        at=record.created_at,
        event_title=record.event_title,
        organiser_name=record.organiser_name,
        points_saved=record.points_saved,
        uncertain=record.result_code == OUTCOME_UNKNOWN,
    )
