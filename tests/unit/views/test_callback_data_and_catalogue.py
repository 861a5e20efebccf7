"""Fast unit tests: signed callback data, the promotions cache, and dates per language.

The catalogue tests use an in-process fake UiTPAS (counting calls) on top of the end-to-end
tests, which prove the same against the sandbox over HTTP.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.i18n.dates import format_date, format_day_and_time
from bot.services.promotion_catalogue import PromotionCatalogue, PromotionList
from bot.uitpas.models import PointsAnswer, Promotion, PromotionAnswer, PromotionsAnswer
from bot.views.callback_data import (
    CallbackCodec,
    ListEntry,
    ListPage,
    OpenList,
    SpotlightEntry,
)

CODEC = CallbackCodec.from_settings(None, "123:secret-token")


@pytest.mark.parametrize(
    "button",
    [
        ListPage(3, True, "abcdEFGH"),
        ListPage(0, False, "a-_b1234"),
        ListEntry("101", "abcdEFGH"),
        ListEntry("x" * 30, "abcdEFGH"),
        OpenList(False),
        SpotlightEntry("104"),
    ],
)
def test_round_trip_within_64_bytes(button: object) -> None:
    data = CODEC.encode(7001, button)  # type: ignore[arg-type]
    assert data is not None
    assert len(data.encode()) <= 64
    assert CODEC.decode(7001, data) == button


def test_tampered_other_user_and_other_key_are_refused() -> None:
    data = CODEC.encode(7001, ListPage(1, False, "abcdEFGH"))
    assert data is not None
    assert CODEC.decode(7002, data) is None  # made for someone else
    assert CODEC.decode(7001, data.replace(":L:1:", ":L:2:")) is None
    assert CallbackCodec.from_settings(None, "123:other-token").decode(7001, data) is None
    assert CallbackCodec.from_settings("explicit", "123:secret-token").decode(7001, data) is None
    for junk in ("", "p1:", "p1:L", "p1:L:1:0:fp:mac", "promo:", "promo:1 2", "x" * 200):
        assert CODEC.decode(7001, junk) is None


def test_ids_that_do_not_fit_get_no_button() -> None:
    assert CODEC.encode(7001, ListEntry("x" * 31, "abcdEFGH")) is None
    assert CODEC.encode(7001, ListEntry("a:b", "abcdEFGH")) is None
    assert CODEC.encode(7001, SpotlightEntry("<b>")) is None
    assert CODEC.encode(7001, ListPage(1000, False, "abcdEFGH")) is None


def test_the_derived_key_is_stable_and_not_the_token() -> None:
    again = CallbackCodec.from_settings(None, "123:secret-token")
    data = CODEC.encode(1, OpenList(True))
    assert data is not None
    assert again.decode(1, data) == OpenList(True)
    assert "secret-token" not in data


class CountingUitpas:
    """Just enough of UitpasApi for the catalogue, counting list requests."""

    def __init__(self, promotions: tuple[Promotion, ...]) -> None:
        self.promotions_list = promotions
        self.list_requests = 0
        self.refuse = False

    async def promotions(self, **query: object) -> PromotionsAnswer:
        self.list_requests += 1
        await asyncio.sleep(0.01)
        if self.refuse:
            return PromotionsAnswer(code="INVALID_CARD")
        start, size = int(query["start"]), int(query["max_results"])  # type: ignore[call-overload]
        page = self.promotions_list[start : start + size]
        return PromotionsAnswer(
            code="ACTION_SUCCEEDED", promotions=page, total=len(self.promotions_list)
        )

    async def points(self, uitpas_number: str) -> PointsAnswer:  # pragma: no cover - unused
        raise NotImplementedError

    async def promotion(
        self, promotion_id: str, **_: object
    ) -> PromotionAnswer:  # pragma: no cover
        raise NotImplementedError


def promotions(count: int, system: str = "UiTPAS Dender") -> tuple[Promotion, ...]:
    return tuple(
        Promotion(id=str(n), title=f"P{n}", points=n % 7, in_spotlight=n % 5 == 0,
                  owning_card_system=system)
        for n in range(count)
    )  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_cached_per_card_system_until_the_ttl() -> None:
    uitpas, clock = CountingUitpas(promotions(120)), Clock()
    catalogue = PromotionCatalogue(uitpas, ttl_seconds=300, clock=clock)  # type: ignore[arg-type]
    first = await catalogue.for_passholder("0930056878802")
    assert isinstance(first, PromotionList)
    assert len(first.promotions) == 120
    assert uitpas.list_requests == 3  # 50 + 50 + 20: every page, once
    assert [p.in_spotlight for p in first.promotions[:24]] == [True] * 24
    assert await catalogue.for_passholder("0930056878802") == first
    assert uitpas.list_requests == 3
    clock.now += 301
    again = await catalogue.for_passholder("0930056878802")
    assert uitpas.list_requests == 6
    assert isinstance(again, PromotionList)
    assert again.fingerprint == first.fingerprint  # same list, same fingerprint


async def test_many_at_once_cause_one_fetch_and_refusals_are_not_cached() -> None:
    uitpas = CountingUitpas(promotions(3))
    catalogue = PromotionCatalogue(uitpas, ttl_seconds=300)  # type: ignore[arg-type]
    results = await asyncio.gather(*(catalogue.for_passholder("1") for _ in range(10)))
    assert uitpas.list_requests == 1
    assert len({id(r) for r in results}) == 1
    uitpas.refuse = True
    refused = await catalogue.for_passholder("2")
    assert isinstance(refused, PromotionsAnswer)
    assert refused.code == "INVALID_CARD"
    uitpas.refuse = False
    assert isinstance(await catalogue.for_passholder("2"), PromotionList)


async def test_a_new_passholders_spotlight_is_refined_from_any_fresh_list_that_holds_it() -> None:
    """At an event most passholders are new to the bot: their check-in's spotlight is refined
    from the list fetched for someone else (units left hold for everyone), not a new fetch."""
    listed = tuple(
        replace(p, max_available_units=10, units_taken=10 if p.id == "5" else 2)
        for p in promotions(12)
    )
    uitpas, clock = CountingUitpas(listed), Clock()
    catalogue = PromotionCatalogue(uitpas, ttl_seconds=300, clock=clock)  # type: ignore[arg-type]
    await catalogue.for_passholder("0930056878802")
    assert uitpas.list_requests == 1
    # legacy's check-in answer names the units there are, not how many are taken
    spotlight = tuple(replace(p, units_taken=None) for p in listed if p.id in ("0", "5"))
    refined = await catalogue.refine_spotlight("0930000000005", spotlight)
    assert uitpas.list_requests == 1  # a passholder the catalogue never saw: no fetch
    assert [(p.id, p.units_taken) for p in refined] == [("0", 2), ("5", 10)]
    unknown = (Promotion(id="999", title="new", max_available_units=5),)
    await catalogue.refine_spotlight("0930000000005", unknown)
    assert uitpas.list_requests == 2  # not in any list: the passholder's own is fetched
    clock.now += 301
    await catalogue.refine_spotlight("0930000000013", spotlight)
    assert uitpas.list_requests == 3  # the lists are stale: fetched again


async def test_zero_ttl_turns_the_cache_off() -> None:
    uitpas = CountingUitpas(promotions(3))
    catalogue = PromotionCatalogue(uitpas, ttl_seconds=0)  # type: ignore[arg-type]
    await catalogue.for_passholder("1")
    await catalogue.for_passholder("1")
    assert uitpas.list_requests == 2


def test_dates_in_dutch_and_english_whatever_the_locale() -> None:
    moment = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
    assert format_date(moment, "nl") == "31 december 2026"
    assert format_date(moment, "en") == "31 December 2026"
    late = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)  # already 1 April in Brussels
    assert format_date(late, "nl") == "1 april 2026"
    now = datetime(2026, 5, 1, tzinfo=UTC)
    assert format_day_and_time(late, "nl", now=now) == "1 april, 00:30"
    assert format_day_and_time(late, "en", now=datetime(2027, 1, 1, tzinfo=UTC)) == (
        "1 April 2026, 00:30"
    )
