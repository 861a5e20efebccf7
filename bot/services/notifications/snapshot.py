"""One look at a passholder for the notifications: only the UiTPAS requests its kinds need.

Within reach and last chance need the points and the card system's rewards (the shared,
cached :class:`PromotionCatalogue`: one list request per card system, not per passholder);
the kansentarief comes with the points (v4's ``/passes``); coupons and welcome rewards are one
request each (v4 only). A kind that is off costs nothing, so a passholder with everything off
costs no request at all (the scheduler does not even claim them).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot.services.family import FamilyListing, FamilyService, Member
from bot.services.notifications.kinds import (
    ALL_KINDS,
    COUPONS,
    KANSENTARIEF,
    LEGACY_KINDS,
    REWARD_KINDS,
    WELCOME,
    CouponState,
    MemberState,
    Reward,
    Snapshot,
    Tariff,
)
from bot.services.promotion_catalogue import GLOBAL_REFUSALS, PromotionCatalogue, PromotionList
from bot.uitpas.api import RewardTrading, UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import Promotion

log = logging.getLogger(__name__)


class LookRefused(Exception):
    """UiTPAS answered, but not with the passholder's data (a blocked card, a refused login)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class SnapshotReader:
    def __init__(
        self,
        uitpas: UitpasApi,
        catalogue: PromotionCatalogue,
        trading: RewardTrading | None = None,
        family: FamilyService | None = None,
    ) -> None:
        """``trading`` (v4): coupons and welcome rewards; without it only the legacy kinds.
        ``family`` (v4, the family at UiTPAS): the members' kansentarief and coupons too."""
        self._uitpas = uitpas
        self._catalogue = catalogue
        self._trading = trading
        self._family = family

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds this API can tell."""
        return ALL_KINDS if self._trading is not None else LEGACY_KINDS

    async def read(
        self,
        number: str,
        kinds: Iterable[str],
        wishes: frozenset[str],
        telegram_user_id: int | None = None,
    ) -> Snapshot:
        """Raises ``UitpasUnavailable`` when UiTPAS does not answer, LookRefused on a refusal.
        With ``telegram_user_id`` (v4), the family members' kansentarief and coupons too."""
        kinds = frozenset(kinds) & frozenset(self.kinds)
        points: int | None = None
        tariff: Tariff | None = None
        if kinds & (REWARD_KINDS | {KANSENTARIEF}):
            answer = await self._uitpas.points(number)
            if not answer.succeeded or answer.points is None:
                raise LookRefused(answer.code)
            points = answer.points
            if KANSENTARIEF in kinds and answer.social_tariff is not None:
                tariff = Tariff(
                    answer.social_tariff.status,
                    answer.social_tariff.end_date,
                    answer.end_user_message_nl,
                    answer.end_user_message_en,
                    answer.end_user_message_fr,
                )
        rewards = None
        if kinds & REWARD_KINDS:
            listing = await self._catalogue.for_passholder(number)
            if not isinstance(listing, PromotionList):
                raise LookRefused(listing.code)
            rewards = tuple(
                _reward(p)
                for p in listing.promotions
                if p.id and p.points is not None
                if p.kind != "WELCOME"
            )
        coupons = None
        welcome = None
        if self._trading is not None and COUPONS in kinds:
            found = await self._trading.coupons(number)
            if found.succeeded:
                coupons = tuple(
                    CouponState(c.name or "", c.valid_until, c.status != "EXPIRED")
                    for c in found.coupons
                )
            else:
                log.info("coupons refused: %s", found.code, extra={"answer_code": found.code})
        if self._trading is not None and WELCOME in kinds:
            section = await self._trading.section_rewards(number, "welcome")
            if section.succeeded:
                welcome = tuple(_reward(p) for p in section.promotions if p.id)
            else:
                log.info("welcome refused: %s", section.code, extra={"answer_code": section.code})
        members: tuple[MemberState, ...] = ()
        if telegram_user_id is not None and kinds & {KANSENTARIEF, COUPONS}:
            members = await self._members(telegram_user_id, kinds)
        return Snapshot(points, rewards, tariff, coupons, welcome, wishes, members)

    async def _members(
        self, telegram_user_id: int, kinds: frozenset[str]
    ) -> tuple[MemberState, ...]:
        """The other members of a family at UiTPAS; one who does not answer is left out."""
        if self._family is None or self._trading is None or not self._family.at_uitpas:
            return ()
        listing = await self._family.members(telegram_user_id, with_points=False)
        if not isinstance(listing, FamilyListing):
            return ()
        states = []
        for member in listing.others:
            try:
                states.append(await self._member(member, kinds))
            except (UitpasUnavailable, LookRefused):
                continue
        return tuple(states)

    async def _member(self, member: Member, kinds: frozenset[str]) -> MemberState:
        assert self._trading is not None
        tariff = None
        if KANSENTARIEF in kinds:
            answer = await self._uitpas.points(member.uitpas_number)
            if not answer.succeeded:
                raise LookRefused(answer.code)
            if answer.social_tariff is not None:
                tariff = Tariff(
                    answer.social_tariff.status,
                    answer.social_tariff.end_date,
                    answer.end_user_message_nl,
                    answer.end_user_message_en,
                    answer.end_user_message_fr,
                )
        coupons = None
        if COUPONS in kinds:
            found = await self._trading.coupons(member.uitpas_number)
            if found.succeeded:
                coupons = tuple(
                    CouponState(c.name or "", c.valid_until, c.status != "EXPIRED")
                    for c in found.coupons
                )
        return MemberState(member.handle, member.first_name or "", tariff, coupons)


def _reward(promotion: Promotion) -> Reward:
    assert promotion.id is not None
    return Reward(
        promotion.id,
        promotion.title or "",
        promotion.points or 0,
        promotion.cashing_period_end,
        promotion.last_chance,
        promotion.in_spotlight,
        promotion.cash_in_state not in GLOBAL_REFUSALS,
    )
