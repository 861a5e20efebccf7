"""What's on: UiTPAS events from UiTdatabank near a location or matching words (issue 20).

Telegram-free like every service: the handlers hand in coordinates or words and get an outcome
back. The location is used for the one search it was sent for and then forgotten: it is not
stored, not logged, not put in a button (a next page reads it again from the message the user
sent, which Telegram hands back with the button press).

A location search starts within :data:`FIRST_RADIUS_KM` and, when that finds nothing, widens
once to :data:`WIDER_RADIUS_KM`; the pages after the first keep the radius the first used. A
linked passholder with a kansentarief sees that tariff, when UiTdatabank knows it for their
card system (asked of UiTPAS alongside the search; if UiTPAS is silent, the list comes
without it rather than not at all).
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.clock import Clock, system_clock
from bot.services.event_times import read_time_words
from bot.services.flanders import in_flanders_or_brussels
from bot.uitdatabank import EventPage, EventQuery, SearchEvent, SearchUnavailable
from bot.uitpas.api import UitpasApi
from bot.uitpas.errors import UitpasUnavailable
from storage.repositories import LinkRepository

log = logging.getLogger(__name__)

PAGE_SIZE = 5
MAX_PAGE = 199  # the Search API answers up to start=10000; nobody pages that far
FIRST_RADIUS_KM = 10.0
WIDER_RADIUS_KM = 30.0
MAX_WORDS_LENGTH = 100
_SEARCHABLE = re.compile(r"\w")
EVENT_ID = re.compile(r"[0-9A-Za-z-]{1,40}")  # what a button may carry (UiTdatabank: uuids)


class EventSearch(Protocol):
    async def events(self, query: EventQuery) -> EventPage: ...

    async def event(self, event_id: str) -> SearchEvent | None: ...

    async def aclose(self) -> None: ...


@dataclass(frozen=True, slots=True)
class ListedEvent:
    event: SearchEvent
    distance_km: float | None = None  # from the location searched from, when there was one
    kansentarief: float | None = None  # the passholder's, when they have one and it is known


@dataclass(frozen=True, slots=True)
class EventList:
    events: tuple[ListedEvent, ...]
    page: int
    total: int
    within_km: float | None = None  # a location search: the radius that found these
    widened: bool = False  # nothing within FIRST_RADIUS_KM: these are further away
    words: str | None = None

    @property
    def has_next(self) -> bool:
        return (self.page + 1) * PAGE_SIZE < self.total and self.page < MAX_PAGE


@dataclass(frozen=True, slots=True)
class OutsideFlanders:
    """UiTPAS is Flemish and Brussels': a location elsewhere would only find nothing."""


@dataclass(frozen=True, slots=True)
class NoEventsFound:
    within_km: float | None = None  # a location search, even after widening
    words: str | None = None
    page: int = 0  # past the last page (the list shrank since the button was made)


@dataclass(frozen=True, slots=True)
class EmptySearch:
    """Words with nothing to search for in them ("?!", only spaces)."""


@dataclass(frozen=True, slots=True)
class AgendaSilent:
    """The Search API gave no usable answer (or is not configured): nothing is claimed."""


@dataclass(frozen=True, slots=True)
class EventDetail:
    event: SearchEvent
    kansentarief: float | None = None


@dataclass(frozen=True, slots=True)
class EventGone:
    """Not (any more) a UiTPAS event still to come: an old button, a cancelled event."""


@dataclass(frozen=True, slots=True)
class AnnouncementFields:
    """What an announcement card needs from an event, filled in from UiTdatabank."""

    title: str
    start: datetime | None
    place: str | None


EventListOutcome = EventList | OutsideFlanders | NoEventsFound | EmptySearch | AgendaSilent


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine): what a passholder would call "how far"."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def place_text(event: SearchEvent, language: str = "nl") -> str | None:
    """ "Venue, Town" (or whichever of the two is known)."""
    venue = event.venue
    if venue is None:
        return None
    name = venue.name.get(language)
    town = venue.address.locality if venue.address is not None else None
    parts = [p for p in (name, town) if p]
    if len(parts) == 2 and parts[0].casefold() == parts[1].casefold():
        parts = parts[:1]
    return ", ".join(parts) or None


class EventsService:
    def __init__(
        self,
        search: EventSearch | None,
        uitpas: UitpasApi,
        links: LinkRepository,
        *,
        clock: Clock = system_clock,
        time_zone: str = "Europe/Brussels",
        knows_kansentarief: bool = True,
    ) -> None:
        """``search`` None: no Search API client id is configured; every search is silent.
        ``knows_kansentarief`` False (legacy): the pass answer never names one, so UiTPAS is
        not asked for it."""
        self._search = search
        self._knows_kansentarief = knows_kansentarief
        self._uitpas = uitpas
        self._links = links
        self._clock = clock
        self._zone = ZoneInfo(time_zone)

    async def near(
        self,
        telegram_user_id: int,
        latitude: float,
        longitude: float,
        page: int = 0,
        *,
        within_km: float | None = None,
    ) -> EventListOutcome:
        """The nearest UiTPAS events, five a page. ``within_km``: the radius of the first page
        (from its buttons); unset, the first page is searched and widened once if need be."""
        if not in_flanders_or_brussels(latitude, longitude):
            return OutsideFlanders()
        point = (latitude, longitude)
        radii = [within_km] if within_km is not None else [FIRST_RADIUS_KM, WIDER_RADIUS_KM]
        system = asyncio.ensure_future(self._kansentarief_system(telegram_user_id))
        try:
            for radius in radii:
                query = EventQuery(near=point, within_km=radius, **_page(page))
                found = await self._page(query)
                if found is None:
                    return AgendaSilent()
                if found.events:
                    return _listed(
                        found,
                        page,
                        await system,
                        point,
                        within_km=radius,
                        widened=radius > FIRST_RADIUS_KM,
                    )
            return NoEventsFound(within_km=radii[-1], page=page)
        finally:
            if not system.done():
                system.cancel()

    async def matching(
        self, telegram_user_id: int, text: str, page: int = 0, *, personal: bool = True
    ) -> EventListOutcome:
        """UiTPAS events matching ``text``: words, and time words that narrow the dates.

        ``personal=False`` (inline mode, whose results are shared into other chats): no
        kansentarief, which is the passholder's own business."""
        text = " ".join(text.split())[:MAX_WORDS_LENGTH]
        timed = read_time_words(text, self._clock(), self._zone)
        words = timed.words if _SEARCHABLE.search(timed.words) else ""
        if not words and timed.happening_from is None:
            return EmptySearch()
        query = EventQuery(
            words=words or None,
            happening_from=timed.happening_from,
            happening_to=timed.happening_to,
            **_page(page),
        )
        found, system = await asyncio.gather(
            self._page(query),
            self._kansentarief_system(telegram_user_id) if personal else _nothing(),
        )
        if found is None:
            return AgendaSilent()
        if not found.events:
            return NoEventsFound(words=text, page=page)
        return _listed(found, page, system, None, words=text)

    async def detail(
        self, telegram_user_id: int, event_id: str
    ) -> EventDetail | EventGone | AgendaSilent:
        event = await self._event(event_id)
        if event is None or isinstance(event, AgendaSilent):
            return event or EventGone()
        system = await self._kansentarief_system(telegram_user_id)
        return EventDetail(event, event.uitpas_price_for(system) if system else None)

    async def announcement_fields(
        self, event_id: str
    ) -> AnnouncementFields | EventGone | AgendaSilent:
        """Title, start and place of an event, for an announcement card; the start is the
        first one still to come (an exhibition already open starts "now": no start)."""
        event = await self._event(event_id)
        if event is None or isinstance(event, AgendaSilent):
            return event or EventGone()
        now = self._clock()
        start = event.start if event.start is not None and event.start > now else None
        return AnnouncementFields(event.name.get("nl") or "", start, place_text(event))

    async def _event(self, event_id: str) -> SearchEvent | AgendaSilent | None:
        if self._search is None or EVENT_ID.fullmatch(event_id) is None:
            return AgendaSilent() if self._search is None else None
        try:
            return await self._search.event(event_id)
        except SearchUnavailable as error:
            log.warning("events: the Search API gave no answer (%s)", error.failure.value)
            return AgendaSilent()

    async def _page(self, query: EventQuery) -> EventPage | None:
        if self._search is None:
            log.warning("events: no SEARCH_API_CLIENT_ID (nor UITPAS_CLIENT_ID) is configured")
            return None
        try:
            return await self._search.events(query)
        except SearchUnavailable as error:
            log.warning("events: the Search API gave no answer (%s)", error.failure.value)
            return None

    async def _kansentarief_system(self, telegram_user_id: int) -> str | None:
        """The card system of the linked passholder's kansentarief, or None (not linked, none,
        legacy, or UiTPAS silent: the events are shown without it)."""
        if not self._knows_kansentarief:
            return None
        link = await self._links.get(telegram_user_id)
        if link is None:
            return None
        try:
            answer = await self._uitpas.points(link.uitpas_number)
        except UitpasUnavailable:
            return None
        return answer.kansentarief_card_system if answer.succeeded else None


async def _nothing() -> None:
    return None


def _page(page: int) -> dict[str, int]:
    page = min(max(page, 0), MAX_PAGE)
    return {"start": page * PAGE_SIZE, "limit": PAGE_SIZE}


def _listed(
    found: EventPage,
    page: int,
    system: str | None,
    point: tuple[float, float] | None,
    *,
    within_km: float | None = None,
    widened: bool = False,
    words: str | None = None,
) -> EventList:
    events = tuple(
        ListedEvent(
            event,
            distance_km(point, (event.venue.latitude, event.venue.longitude))
            if point is not None
            and event.venue is not None
            and event.venue.latitude is not None
            and event.venue.longitude is not None
            else None,
            event.uitpas_price_for(system) if system else None,
        )
        for event in found.events
    )
    return EventList(events, page, found.total, within_km, widened, words)
