"""What the services need from UiTPAS, independent of which API generation answers.

The legacy client implements it today; a v4 client can implement it later without the
services or handlers knowing which one runs.
"""

from __future__ import annotations

from typing import Protocol

from bot.uitpas.models import CheckinAnswer, PointsAnswer, PromotionAnswer, PromotionsAnswer


class UitpasApi(Protocol):
    async def checkin(self, uitpas_number: str, checkin_code: str) -> CheckinAnswer: ...

    async def points(self, uitpas_number: str) -> PointsAnswer: ...

    async def promotions(
        self,
        *,
        uitpas_number: str | None = None,
        in_spotlight: bool | None = None,
        filter_on_user_points: bool | None = None,
        unexpired: bool | None = None,
        published: bool | None = None,
        sort: str | None = None,
        order: str | None = None,
        start: int = 0,
        max_results: int = 20,
    ) -> PromotionsAnswer: ...

    async def promotion(
        self, promotion_id: str, *, uitpas_number: str | None = None
    ) -> PromotionAnswer: ...

    async def aclose(self) -> None: ...
