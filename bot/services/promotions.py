"""Promotions as one passholder sees them: a paged list with what they can afford, and details.

The list comes from :class:`~bot.services.promotion_catalogue.PromotionCatalogue` (cached per
card system); the passholder's points are fetched fresh for every page, because whether they
can afford something is the one thing they come here to learn.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace

from bot.services.outcomes import (
    ListChanged,
    NotLinked,
    PromotionDetail,
    PromotionEntry,
    PromotionListOutcome,
    PromotionPage,
    UitpasRefused,
    UitpasSilent,
    refused,
)
from bot.services.promotion_catalogue import (
    GLOBAL_REFUSALS,
    PromotionCatalogue,
    PromotionList,
    order,
)
from bot.uitpas.api import RewardTrading, UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import PointsAnswer, Promotion, PromotionAnswer, PromotionsAnswer
from bot.uitpas.numbers import mask_uitpas_number
from storage.repositories import LinkRepository

log = logging.getLogger(__name__)

PAGE_SIZE = 5
SOLD_OUT = "NOT_POSSIBLE_VOLUME_CONSTRAINT"
_NO_SUCH_PROMOTION = frozenset({"UNKNOWN_POINTS_PROMOTION_ID", "PARSE_INVALID_LONG"})


class PromotionService:
    def __init__(
        self,
        uitpas: UitpasApi,
        links: LinkRepository,
        catalogue: PromotionCatalogue,
        trading: RewardTrading | None = None,
    ) -> None:
        """``trading`` (v4): the sections that depend on the passholder, welcome rewards they
        can still get and rewards near them, asked when opened (never cached)."""
        self._uitpas = uitpas
        self._links = links
        self._catalogue = catalogue
        self._trading = trading

    async def page(
        self,
        telegram_user_id: int,
        page: int = 0,
        *,
        only_affordable: bool = False,
        listed_in: str | None = None,
        section: str = "all",
        page_size: int = PAGE_SIZE,
    ) -> PromotionListOutcome:
        """One page of the list (``page_size``: the Mini App scrolls the whole list as one).
        ``listed_in`` is the fingerprint of the list the button was made from: when the list
        changed since, the first page of the fresh list is shown and ``list_changed`` says so."""
        link = await self._links.get(telegram_user_id)
        if link is None:
            return NotLinked()
        masked = mask_uitpas_number(link.uitpas_number)
        try:
            points, listing = await asyncio.gather(
                self._uitpas.points(link.uitpas_number),
                self._catalogue.for_passholder(link.uitpas_number),
            )
        except UitpasUnavailable as error:
            log.warning("promotions without answer: %s", error.reason.value)
            return UitpasSilent(maybe_saved=False)
        if not points.succeeded or points.points is None:
            return _refused(points, masked)
        if isinstance(listing, PromotionsAnswer):
            log.info("promotions refused: %s", listing.code, extra={"answer_code": listing.code})
            return refused(listing, masked)
        changed = listed_in is not None and listed_in != listing.fingerprint
        if changed:
            page, section = 0, "all"
        asked = _PASSHOLDER_SECTIONS if self._trading is not None else ()
        if section in asked:
            return await self._passholder_section(
                link.uitpas_number, listing, points.points, page, only_affordable, section
            )
        result = _page(
            listing,
            points.points,
            page,
            only_affordable,
            changed=changed,
            section=section,
            page_size=page_size,
        )
        return replace(result, section_counts=(*result.section_counts, *_unknown(asked)))

    async def _passholder_section(
        self,
        number: str,
        listing: PromotionList,
        total: int,
        page: int,
        only_affordable: bool,
        section: str,
    ) -> PromotionListOutcome:
        """Welcome rewards or rewards near the passholder: a list of their own, paged like the
        whole list; its buttons carry the whole list's fingerprint (it is what can change)."""
        assert self._trading is not None
        try:
            answer = await self._trading.section_rewards(number, section)
        except UitpasUnavailable as error:
            log.warning("promotions section without answer: %s", error.reason.value)
            return UitpasSilent(maybe_saved=False)
        if not answer.succeeded:
            return refused(answer, mask_uitpas_number(number))
        ordered = order(answer.promotions)
        own = PromotionList(ordered, listing.fingerprint, listing.card_systems)
        result = _page(own, total, page, only_affordable, changed=False)
        counts = _page(listing, total, 0, False, changed=False).section_counts
        return replace(
            result,
            section=section,
            section_counts=(*counts, *_unknown(_PASSHOLDER_SECTIONS)),
        )

    async def detail(
        self, telegram_user_id: int, promotion_id: str, *, listed_in: str | None = None
    ) -> PromotionDetail | ListChanged | UitpasSilent | UitpasRefused | None:
        """The promotion and the passholder's current total, fetched together; None if gone.

        With the passholder's number, UiTPAS's ``cashInState`` is their own. ``listed_in``: the
        fingerprint of the list the entry was tapped in; a changed list gives ``ListChanged``.
        ``UitpasSilent`` when the promotion itself cannot be fetched: without it there is
        nothing to show, whereas the total is a courtesy that may be missing. ``UitpasRefused``
        when UiTPAS does not allow the bot to read it (a missing permission, not a gone reward).
        """
        link = await self._links.get(telegram_user_id)
        number = link.uitpas_number if link else None
        if number is not None and listed_in is not None:
            try:
                listing = await self._catalogue.for_passholder(number)
            except UitpasUnavailable:
                listing = None  # the detail itself may still come; the check is a courtesy
            if isinstance(listing, PromotionList) and listing.fingerprint != listed_in:
                return ListChanged()
        try:
            detail = await self._fetch_detail(promotion_id, number)
        except UitpasUnavailable:
            return UitpasSilent(maybe_saved=False)
        if detail is None and number is not None:
            self._catalogue.forget(number)  # gone: a cached list must not offer it again
        return detail

    async def _fetch_detail(
        self, promotion_id: str, number: str | None
    ) -> PromotionDetail | UitpasRefused | None:
        """Raises ``UitpasUnavailable`` when the promotion itself cannot be fetched."""
        promotion_request = self._uitpas.promotion(promotion_id, uitpas_number=number)
        if number is None:
            promotion_answer = await promotion_request
            points_answer: PointsAnswer | BaseException | None = None
        else:
            promotion_answer, points_answer = await asyncio.gather(
                promotion_request, self._uitpas.points(number), return_exceptions=True
            )
        if isinstance(promotion_answer, BaseException):
            raise promotion_answer
        assert isinstance(promotion_answer, PromotionAnswer)
        if promotion_answer.lacks_permission:
            return refused(promotion_answer, mask_uitpas_number(number) if number else "")
        if (
            not promotion_answer.succeeded
            and number is not None
            and promotion_answer.code not in (_NO_SUCH_PROMOTION)
        ):
            # Refused for this card (blocked, deleted...): the promotion itself is public.
            promotion_answer = await self._uitpas.promotion(promotion_id)
        if not promotion_answer.succeeded or promotion_answer.promotion is None:
            return None
        total = (
            points_answer.points
            if isinstance(points_answer, PointsAnswer) and points_answer.succeeded
            else None
        )
        state = promotion_answer.promotion.cash_in_state
        if state not in (None, "POSSIBLE"):
            # The passholder reads a sentence for it, never the state itself: it is kept here.
            log.info("promotion not cashable now: %s", state, extra={"cash_in_state": state})
        return PromotionDetail(promotion_answer.promotion, total)


def _refused(answer: PointsAnswer, masked: str) -> UitpasRefused | UitpasSilent:
    if answer.succeeded:  # a success without points: nothing usable came back
        return UitpasSilent(maybe_saved=False)
    return refused(answer, masked)


def _entry(promotion: Promotion, total: int) -> PromotionEntry:
    affordable = promotion.points is not None and promotion.points <= total
    unavailable = promotion.cash_in_state if promotion.cash_in_state in GLOBAL_REFUSALS else None
    if unavailable is None and promotion.units_left == 0:
        unavailable = SOLD_OUT
    return PromotionEntry(promotion, affordable, unavailable)


# The list's sections, like publiq's app: what each keeps of the (cached) list.
SECTIONS: dict[str, Callable[[Promotion], bool]] = {
    "all": lambda p: True,
    "spotlight": lambda p: p.in_spotlight,
    "last_chance": lambda p: p.last_chance,
    "online": lambda p: p.online,
}


# Sections asked per passholder (v4): not counted in advance, which would cost a request each.
_PASSHOLDER_SECTIONS = ("welcome", "near")


def _unknown(sections: tuple[str, ...]) -> tuple[tuple[str, int | None], ...]:
    return tuple((name, None) for name in sections)


def _page(
    listing: PromotionList,
    total: int,
    page: int,
    only_affordable: bool,
    *,
    changed: bool,
    section: str = "all",
    page_size: int = PAGE_SIZE,
) -> PromotionPage:
    keeps = SECTIONS.get(section, SECTIONS["all"])
    counts = tuple(
        (name, sum(1 for p in listing.promotions if test(p))) for name, test in SECTIONS.items()
    )
    entries = [_entry(p, total) for p in listing.promotions if keeps(p)]
    if only_affordable:
        # "Only what I can get": enough points AND tradeable now. Sold out or outside its
        # trading period is not something the passholder can get, however many points.
        entries = [e for e in entries if e.affordable and e.unavailable is None]
    page_count = max(1, -(-len(entries) // page_size))
    page = min(max(page, 0), page_count - 1)
    return PromotionPage(
        entries=tuple(entries[page * page_size : (page + 1) * page_size]),
        page=page,
        page_count=page_count,
        shown_count=len(entries),
        listed_count=len(listing.promotions),
        total_points=total,
        only_affordable=only_affordable,
        fingerprint=listing.fingerprint,
        list_changed=changed,
        section=section if section in SECTIONS else "all",
        section_counts=counts,
    )
