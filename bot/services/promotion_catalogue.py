"""The promotions a passholder can see, cached per card system for a few minutes.

Why this shape. UiTPAS answers ``pointsPromotions`` per passholder (``uitpasNumber``), but only two
things in that answer depend on the passholder: ``cashInState`` and, with ``filterOnUserPoints``,
which promotions are left out. Both follow from the passholder's points. Which promotions exist,
their titles, points, pictures and periods depend only on the card system(s) they belong to. So:

- The list is fetched **with** ``uitpasNumber`` (so UiTPAS scopes it to the passholder's card
  systems), ``unexpired`` and ``published``, and **without** ``filterOnUserPoints``; every page of
  it, once. Spotlight first, then by points, is our own order over the whole list.
- It is cached under its **card system key**: the set of ``owningCardSystem`` values in it. Which
  key a passholder belongs to is learned from their first fetch and remembered for a day, under a
  salted hash of the number rather than the number. A second passholder of the same card system
  then costs no list request at all, and at a busy event only points are fetched per person.
- Affordability ("can I get this?") and the "only what I can afford" filter are computed from the
  passholder's **fresh** points, never from the cached ``cashInState`` (which was computed for
  whoever fetched the list first) and never from cached points: points are not cached at all. The
  filter keeps exactly what ``filterOnUserPoints`` keeps (``points <= total``).
- Of the cached ``cashInState`` only reasons that hold for everyone are used in the list (outside
  the cashing period, sold out). The detail view asks UiTPAS for that one promotion with the
  passholder's number, so its reason is the passholder's own.

A **fingerprint** of the list (ids, titles, points and order) lets a button made from it detect
that the list changed since; it is the same after a refetch or a restart when nothing changed.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.uitpas.api import UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.models import Promotion, PromotionsAnswer

PAGE_SIZE_REQUESTED = 50  # per request to UiTPAS; the bot pages by 5 itself
MAX_REQUESTS = 10  # at most 500 promotions: far more than any card system publishes
CARD_SYSTEM_MEMORY_SECONDS = 24 * 3600
_MAX_REMEMBERED_PASSHOLDERS = 50_000
# Reasons in cashInState that do not depend on who asks.
GLOBAL_REFUSALS = frozenset({"NOT_POSSIBLE_DATE_CONSTRAINT", "NOT_POSSIBLE_VOLUME_CONSTRAINT"})


@dataclass(frozen=True, slots=True)
class PromotionList:
    promotions: tuple[Promotion, ...]
    fingerprint: str
    card_systems: str  # the cache key

    def find(self, promotion_id: str) -> Promotion | None:
        return next((p for p in self.promotions if p.id == promotion_id), None)


def order(promotions: tuple[Promotion, ...]) -> tuple[Promotion, ...]:
    """Spotlight first, then the cheapest; ties by title, then id, so the order is stable."""
    return tuple(
        sorted(
            promotions,
            key=lambda p: (
                not p.in_spotlight,
                p.points if p.points is not None else 1 << 30,
                (p.title or "").casefold(),
                p.id or "",
            ),
        )
    )


def fingerprint(promotions: tuple[Promotion, ...]) -> str:
    """Eight characters that change when an entry, its points or the order changes."""
    digest = hashlib.sha256()
    for p in promotions:
        digest.update(f"{p.id}\x1f{p.title}\x1f{p.points}\x1f{p.in_spotlight}\x1e".encode())
    return base64.urlsafe_b64encode(digest.digest()[:6]).decode("ascii")


def card_system_key(promotions: tuple[Promotion, ...]) -> str:
    return "|".join(sorted({p.owning_card_system or "" for p in promotions}))


class PromotionCatalogue:
    """Fetches and caches promotion lists; ``ttl_seconds=0`` turns the cache off."""

    def __init__(
        self,
        uitpas: UitpasApi,
        *,
        ttl_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._uitpas = uitpas
        self._ttl = ttl_seconds
        self._clock = clock
        self._salt = os.urandom(16)
        self._card_system_of: dict[bytes, tuple[str, float]] = {}
        self._lists: dict[str, tuple[PromotionList, float]] = {}
        self._fetching: dict[object, asyncio.Future[PromotionList | PromotionsAnswer]] = {}

    async def for_passholder(self, uitpas_number: str) -> PromotionList | PromotionsAnswer:
        """The passholder's list, or UiTPAS's refusal (an answer with another code).

        Raises ``UitpasUnavailable`` when UiTPAS does not answer. Refusals are not cached.
        """
        who = hashlib.sha256(self._salt + uitpas_number.encode()).digest()
        now = self._clock()
        remembered = self._card_system_of.get(who)
        key: str | None = None
        if remembered is not None and now - remembered[1] < CARD_SYSTEM_MEMORY_SECONDS:
            key = remembered[0]
            cached = self._lists.get(key)
            if cached is not None and now - cached[1] < self._ttl:
                return cached[0]
        # One request at a time per card system (or per passholder not yet placed in one), so
        # that many people asking at once after the cache expired cause one fetch.
        flight: object = ("system", key) if key is not None else ("passholder", who)
        running = self._fetching.get(flight)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[PromotionList | PromotionsAnswer] = (
            asyncio.get_running_loop().create_future()
        )
        self._fetching[flight] = future
        try:
            result = await self._fetch(uitpas_number)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as error:
            future.set_exception(error)
            future.exception()  # marked as retrieved: nobody else may be waiting
            raise
        else:
            future.set_result(result)
        finally:
            del self._fetching[flight]
        if isinstance(result, PromotionList):
            self._remember(who, result, self._clock())
        return result

    def _fresh_list_with(self, promotions: tuple[Promotion, ...]) -> PromotionList | None:
        """A cached list, still fresh, that holds every one of ``promotions``, whoever it was
        fetched for: the spotlight is refined only with what holds for everyone, so it needs
        no list of this passholder's own. At an event most passholders are new to the bot, and
        each would otherwise cost a fetch of the whole list (every page of it) per check-in."""
        wanted = {p.id for p in promotions}
        if None in wanted:
            return None
        now = self._clock()
        for listing, fetched_at in self._lists.values():
            if now - fetched_at < self._ttl and wanted <= {p.id for p in listing.promotions}:
                return listing
        return None

    def forget(self, uitpas_number: str) -> None:
        """Drop the cached list of this passholder's card system: it named a promotion UiTPAS
        no longer has, so the next list is fetched fresh rather than showing it again."""
        who = hashlib.sha256(self._salt + uitpas_number.encode()).digest()
        remembered = self._card_system_of.get(who)
        if remembered is not None:
            self._lists.pop(remembered[0], None)

    async def refine_spotlight(
        self, uitpas_number: str, promotions: tuple[Promotion, ...]
    ) -> tuple[Promotion, ...]:
        """The check-in answer's spotlight with the list's units and card-system-wide state.

        Legacy's check-in answer names the units there are, not how many are taken, so a
        sold-out promotion looks available. The (cached) list knows; only what holds for
        everyone is taken from it (a cached list may have been fetched for someone else).
        Without the list the spotlight stays as it came: the check-in itself counted.
        """
        if all(p.max_available_units is None or p.units_taken is not None for p in promotions):
            return promotions
        listing = self._fresh_list_with(promotions)
        if listing is None:
            try:
                listing = await self.for_passholder(uitpas_number)
            except UitpasUnavailable:
                return promotions
            if not isinstance(listing, PromotionList):
                return promotions
        refined = []
        for promotion in promotions:
            known = listing.find(promotion.id) if promotion.id else None
            if known is not None:
                state = known.cash_in_state if known.cash_in_state in GLOBAL_REFUSALS else None
                promotion = replace(
                    promotion,
                    max_available_units=known.max_available_units,
                    units_taken=known.units_taken,
                    cash_in_state=state or promotion.cash_in_state,
                )
            refined.append(promotion)
        return tuple(refined)

    def _remember(self, who: bytes, listing: PromotionList, now: float) -> None:
        if len(self._card_system_of) >= _MAX_REMEMBERED_PASSHOLDERS:
            self._card_system_of.clear()  # crude but bounded; it is only a cache
        self._card_system_of[who] = (listing.card_systems, now)
        if self._ttl > 0:
            self._lists[listing.card_systems] = (listing, now)

    async def _fetch(self, uitpas_number: str) -> PromotionList | PromotionsAnswer:
        collected: list[Promotion] = []
        for request in range(MAX_REQUESTS):
            answer = await self._uitpas.promotions(
                uitpas_number=uitpas_number,
                unexpired=True,
                published=True,
                sort="POINTS",
                order="ASC",
                start=request * PAGE_SIZE_REQUESTED,
                max_results=PAGE_SIZE_REQUESTED,
            )
            if not answer.succeeded:
                return answer
            collected.extend(answer.promotions)
            total = answer.total if answer.total is not None else len(collected)
            if len(answer.promotions) < PAGE_SIZE_REQUESTED or len(collected) >= total:
                break
        unique = tuple({p.id or f"#{n}": p for n, p in enumerate(collected)}.values())
        ordered = order(unique)
        return PromotionList(ordered, fingerprint(ordered), card_system_key(ordered))
