"""What the services need from UiTPAS, independent of which API generation answers.

Two implementations: :class:`bot.uitpas.client.UitpasClient` (legacy, consumer requests) and
:class:`bot.uitpas.v4.client.V4Client` (v4, client and user tokens). The services and handlers
do not know which one runs. ``checkin`` takes the Telegram user id because v4 checks in with
the passholder's own login; the legacy client ignores it.

:class:`CheckinHistory` is what only v4 has: the passholder's transaction history, which names
the event of a check-in and tells whether a check-in without answer landed.
"""

from __future__ import annotations

from typing import Protocol

from bot.uitpas.models import (
    CheckinAnswer,
    PointsAnswer,
    PromotionAnswer,
    PromotionsAnswer,
    TransactionsAnswer,
)
from bot.uitpas.trading import CouponsAnswer, RedeemAnswer, RedeemedAnswer


class UitpasApi(Protocol):
    async def checkin(
        self, uitpas_number: str, checkin_code: str, *, telegram_user_id: int | None = None
    ) -> CheckinAnswer: ...

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


class CheckinHistory(Protocol):
    async def transactions(
        self,
        *,
        telegram_user_id: int,
        limit: int = 20,
        start: int = 0,
        passholder_id: str | None = None,
    ) -> TransactionsAnswer:
        """``passholder_id``: a family member's, asked with the passholder's own login."""
        ...


class RewardTrading(Protocol):
    """What only v4 has for trading points: redeeming online, what was redeemed, coupons.

    Each takes the UiTPAS number of the passholder whose points are used, so a family
    member's card is the same call with another number."""

    async def redeem(
        self, uitpas_number: str, reward_id: str, *, telegram_user_id: int | None = None
    ) -> RedeemAnswer:
        """``telegram_user_id``: redeem with that passholder's own login (their card or a
        family member's)."""
        ...

    async def redeemed(
        self, uitpas_number: str, *, start: int = 0, limit: int = 20
    ) -> RedeemedAnswer: ...

    async def coupons(self, uitpas_number: str) -> CouponsAnswer: ...

    async def section_rewards(self, uitpas_number: str, section: str) -> PromotionsAnswer:
        """``welcome``: welcome rewards they can still get; ``near``: near where they live."""
        ...
