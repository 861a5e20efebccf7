"""One promotion, seen by one passholder: does their total cover it?"""

from __future__ import annotations

import asyncio

from bot.services.outcomes import PromotionDetail
from bot.uitpas.api import UitpasApi
from bot.uitpas.models import PointsAnswer, PromotionAnswer
from storage.repositories import LinkRepository


class PromotionService:
    def __init__(self, uitpas: UitpasApi, links: LinkRepository) -> None:
        self._uitpas = uitpas
        self._links = links

    async def detail(self, telegram_user_id: int, promotion_id: str) -> PromotionDetail | None:
        """The promotion and the passholder's current total, fetched together; None if gone.

        Points are asked fresh every time: they change with every check-in and trade.
        Raises ``UitpasUnavailable`` when the promotion itself cannot be fetched.
        """
        link = await self._links.get(telegram_user_id)
        promotion_request = self._uitpas.promotion(promotion_id)
        if link is None:
            promotion_answer = await promotion_request
            points_answer: PointsAnswer | BaseException | None = None
        else:
            promotion_answer, points_answer = await asyncio.gather(
                promotion_request,
                self._uitpas.points(link.uitpas_number),
                return_exceptions=True,
            )
        if isinstance(promotion_answer, BaseException):
            raise promotion_answer
        assert isinstance(promotion_answer, PromotionAnswer)
        if not promotion_answer.succeeded or promotion_answer.promotion is None:
            return None
        total = (
            points_answer.points
            if isinstance(points_answer, PointsAnswer) and points_answer.succeeded
            else None
        )
        return PromotionDetail(promotion_answer.promotion, total)
