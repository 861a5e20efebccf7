"""The events service against the sandbox's Search API stand-in, every exchange checked
against publiq's spec (so each kind of question the bot asks is one the spec allows), and its
pure parts: time words, the Flanders outline, the buttons' data.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.sandbox.server import BackgroundServer
from bot.sandbox.uitdatabank import SEARCH_PREFIX
from bot.sandbox.uitpas_v4.uitid import DEMO_CLIENTS
from bot.services.event_times import read_time_words
from bot.services.events import (
    AnnouncementFields,
    EmptySearch,
    EventDetail,
    EventGone,
    EventList,
    EventsService,
    NoEventsFound,
    OutsideFlanders,
)
from bot.services.flanders import in_flanders_or_brussels
from bot.uitdatabank import SearchClient
from bot.views.callback_data import CallbackCodec
from bot.views.event_buttons import EventButtons, EventEntry, EventsPage
from tests.support.search_spec import SearchSpecTransport

BRUSSELS = ZoneInfo("Europe/Brussels")
WETTEREN = (51.0020, 3.8830)


class NoLinks:
    """Nobody is linked: the service asks UiTPAS nothing (in-process, for this unit test)."""

    async def get(self, telegram_user_id: int) -> None:
        return None


class NoUitpas:
    async def points(self, uitpas_number: str) -> None:
        raise AssertionError("nobody is linked: UiTPAS must not be asked")


@pytest.fixture
async def checked(
    sandbox_server: BackgroundServer,
) -> AsyncIterator[tuple[EventsService, SearchSpecTransport]]:
    url = f"{sandbox_server.url}{SEARCH_PREFIX}"
    transport = SearchSpecTransport(url)
    client = SearchClient(url, DEMO_CLIENTS[0].client_id, transport=transport)
    yield EventsService(client, NoUitpas(), NoLinks()), transport  # type: ignore[arg-type]
    await client.aclose()


async def test_widening_and_paging_ask_only_what_the_spec_allows(
    checked: tuple[EventsService, SearchSpecTransport],
) -> None:
    service, transport = checked
    first = await service.near(1, *WETTEREN)
    assert isinstance(first, EventList)
    assert first.widened
    assert first.has_next
    second = await service.near(1, *WETTEREN, 1, within_km=first.within_km)
    assert isinstance(second, EventList)
    assert not second.has_next
    assert transport.checked == ["GET /search/events 200"] * 3  # 10 km, 30 km, page 2


async def test_words_time_words_and_one_event_ask_only_what_the_spec_allows(
    checked: tuple[EventsService, SearchSpecTransport],
) -> None:
    service, transport = checked
    found = await service.matching(1, "dit weekend theater")
    assert isinstance(found, EventList | NoEventsFound)
    assert isinstance(await service.matching(1, "film"), EventList)
    detail = await service.detail(1, "e1a0c1de-0008-4a6e-9f00-000000000008")
    assert isinstance(detail, EventDetail)
    fields = await service.announcement_fields("e1a0c1de-0008-4a6e-9f00-000000000008")
    assert isinstance(fields, AnnouncementFields)
    assert fields.place == "Ladeuzeplein, Leuven"
    assert fields.start is not None
    assert len(transport.checked) == 4


async def test_what_is_not_searched(checked: tuple[EventsService, SearchSpecTransport]) -> None:
    service, transport = checked
    assert isinstance(await service.near(1, 48.8566, 2.3522), OutsideFlanders)
    assert isinstance(await service.matching(1, "  ?! "), EmptySearch)
    assert isinstance(await service.detail(1, "not an id!"), EventGone)
    assert transport.checked == []


async def test_no_search_client_is_silence_not_a_crash() -> None:
    service = EventsService(None, NoUitpas(), NoLinks())  # type: ignore[arg-type]
    assert type(await service.matching(1, "film")).__name__ == "AgendaSilent"


# --- time words -------------------------------------------------------------------------------

WEDNESDAY_NOON = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)  # 12:00 in Brussels
SATURDAY_EVENING = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)
SUNDAY_MORNING = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


def test_today_is_from_now_to_midnight() -> None:
    timed = read_time_words("jazz vandaag", WEDNESDAY_NOON, BRUSSELS)
    assert timed.words == "jazz"
    assert timed.happening_from == WEDNESDAY_NOON
    assert timed.happening_to is not None
    assert timed.happening_to.astimezone(BRUSSELS).isoformat() == "2026-12-02T23:59:59+01:00"


@pytest.mark.parametrize(
    "words", ["dit weekend", "This Weekend", "ce week-end", "Ce weekend", "week-end"]
)
def test_this_weekend_is_saturday_and_sunday(words: str) -> None:
    timed = read_time_words(f"{words} Gent", WEDNESDAY_NOON, BRUSSELS)
    assert timed.words == "Gent"
    assert timed.happening_from is not None
    assert timed.happening_to is not None
    assert timed.happening_from.isoformat() == "2026-12-05T00:00:00+01:00"
    assert timed.happening_to.isoformat() == "2026-12-06T23:59:59+01:00"


@pytest.mark.parametrize("words", ["jazz aujourd'hui", "Aujourd’hui jazz"])
def test_aujourdhui_is_from_now_to_midnight(words: str) -> None:
    timed = read_time_words(words, WEDNESDAY_NOON, BRUSSELS)
    assert timed.words == "jazz"
    assert timed.happening_from == WEDNESDAY_NOON
    assert timed.happening_to is not None
    assert timed.happening_to.astimezone(BRUSSELS).isoformat() == "2026-12-02T23:59:59+01:00"


def test_demain_is_all_of_tomorrow() -> None:
    timed = read_time_words("concert demain", WEDNESDAY_NOON, BRUSSELS)
    assert timed.words == "concert"
    assert timed.happening_from is not None
    assert timed.happening_to is not None
    assert timed.happening_from.isoformat() == "2026-12-03T00:00:00+01:00"
    assert timed.happening_to.isoformat() == "2026-12-03T23:59:59+01:00"


def test_apres_demain_is_not_tomorrow() -> None:
    timed = read_time_words("concert après-demain", WEDNESDAY_NOON, BRUSSELS)
    assert (timed.words, timed.happening_from) == ("concert après-demain", None)


@pytest.mark.parametrize("now", [SATURDAY_EVENING, SUNDAY_MORNING])
def test_during_the_weekend_it_is_the_rest_of_this_one(now: datetime) -> None:
    timed = read_time_words("weekend", now, BRUSSELS)
    assert timed.happening_from == now
    assert timed.happening_to is not None
    assert timed.happening_to.isoformat() == "2026-12-06T23:59:59+01:00"


def test_words_without_time_words_are_left_alone() -> None:
    timed = read_time_words("Vandaagse kunst", WEDNESDAY_NOON, BRUSSELS)
    assert (timed.words, timed.happening_from) == ("Vandaagse kunst", None)


# --- the outline ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "town",
    [(51.0543, 3.7174), (50.9378, 4.0403), (50.8798, 4.7005), (50.8467, 4.3525),
     (51.2194, 4.4025), (50.9307, 5.3325), (51.2093, 3.2247), (50.7966, 3.1220),
     (50.7806, 5.4640), (51.35, 3.29), (50.893, 5.647)],
)  # fmt: skip
def test_flemish_and_brussels_towns_are_in(town: tuple[float, float]) -> None:
    assert in_flanders_or_brussels(*town)


@pytest.mark.parametrize(
    "town",
    [(50.4669, 4.8675), (50.6292, 3.0573), (50.6326, 5.5797), (50.744, 3.214),
     (50.69, 4.20), (50.851, 5.691), (52.37, 4.89), (50.717, 4.601), (51.03, 2.37)],
)  # fmt: skip
def test_wallonia_and_the_neighbours_are_out(town: tuple[float, float]) -> None:
    assert not in_flanders_or_brussels(*town)


# --- the buttons ------------------------------------------------------------------------------


def test_event_buttons_are_bound_to_their_user_and_carry_no_location() -> None:
    buttons = EventButtons(CallbackCodec(b"key"))
    page = buttons.encode(1, EventsPage(1, "w"))
    entry = buttons.encode(1, EventEntry("e1a0c1de-0008-4a6e-9f00-000000000008"))
    assert page is not None
    assert entry is not None
    assert len(entry.encode()) <= 64
    assert buttons.decode(1, page) == EventsPage(1, "w")
    assert buttons.decode(2, page) is None  # someone else's
    assert buttons.decode(1, page.replace("P:1", "P:2")) is None  # tampered
    assert buttons.decode(1, "ev1:P:1::" + page.rsplit(":", 1)[1]) is None
    assert buttons.encode(1, EventEntry("../../etc")) is None
