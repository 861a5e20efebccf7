"""``GET /events`` of UiTdatabank's Search API, with client identification.

publiq's advice, followed: the client id goes in the ``x-client-id`` header, set once on the
one ``httpx.AsyncClient``; words typed by users go to ``text`` (not the Lucene ``q``, where a
``:`` or a bracket changes the meaning); ``embed=true`` so one request carries the events,
``embedCalendarSummaries[]`` for dates in words, ``embedUitpasPrices=true`` for the
kansentarief. Every question is limited to UiTPAS events (``uitpas=true``) that are still to
come (``dateFrom`` = now). Distance searches are sorted nearest first (``sort[distance]=asc``).

The error discipline is the UiTPAS clients': a timeout, a refused connection, an answer that
is not the spec's shape, a 429 or 5xx, and a refusal of the client id (401/403) all raise
:class:`SearchUnavailable`, logged by operation and status only (never the coordinates or the
words, which are the user's).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from bot.uitdatabank.errors import SearchFailure, SearchUnavailable
from bot.uitdatabank.models import (
    Address,
    EventPage,
    EventQuery,
    SearchEvent,
    Texts,
    UitpasPrice,
    Venue,
)

log = logging.getLogger(__name__)

PRODUCTION_URL = "https://search.uitdatabank.be"
_EVENT_ID = re.compile(r"/events?/([^/?#]+)/?$")
# The Search API's limits (pagination guide): start at most 10000, limit at most 2000.
MAX_START = 10_000
MAX_LIMIT = 2_000


def _moment(value: datetime) -> str:
    """ISO-8601 with an offset and whole seconds, as the spec's ``date-time`` examples."""
    if value.tzinfo is None:
        raise ValueError("aware datetimes only: the Search API compares instants")
    return value.replace(microsecond=0).isoformat()


class SearchClient:
    def __init__(
        self,
        base_url: str,
        client_id: str,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._now = now
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            headers={"Accept": "application/json", "x-client-id": client_id},
            timeout=timeout,
            transport=transport,
        )

    def __repr__(self) -> str:  # never the client id
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def params(self, query: EventQuery) -> list[tuple[str, str]]:
        """The query string of ``query`` (a list: ``embedCalendarSummaries[]`` repeats)."""
        if not 0 <= query.start <= MAX_START or not 1 <= query.limit <= MAX_LIMIT:
            raise ValueError("start must be 0..10000 and limit 1..2000 (the Search API's limits)")
        params: list[tuple[str, str]] = [
            ("uitpas", "true"),
            ("embed", "true"),
            ("embedUitpasPrices", "true"),
            ("embedCalendarSummaries[]", "md-text"),
            ("embedCalendarSummaries[]", "lg-text"),
            ("dateFrom", _moment(max(query.happening_from or self._now(), self._now()))),
            ("start", str(query.start)),
            ("limit", str(query.limit)),
        ]
        if query.happening_to is not None:
            params.append(("dateTo", _moment(query.happening_to)))
        if query.near is not None:
            latitude, longitude = query.near
            params += [
                ("coordinates", f"{latitude:.6f},{longitude:.6f}"),
                ("distance", f"{query.within_km:g}km"),
                ("sort[distance]", "asc"),
            ]
        if query.words:
            params.append(("text", query.words))
        if query.postal_code:
            params.append(("postalCode", query.postal_code))
        if query.event_id:
            params.append(("id", query.event_id))
        return params

    async def events(self, query: EventQuery) -> EventPage:
        """One page of UiTPAS events that are still to come and match ``query``."""
        body = await self._get("/events", self.params(query))
        members = body.get("member")
        total = body.get("totalItems")
        if not isinstance(members, list) or not isinstance(total, int):
            raise SearchUnavailable(SearchFailure.UNREADABLE, "events: no member/totalItems")
        events = tuple(e for m in members if (e := parse_event(m)) is not None)
        return EventPage(total, events)

    async def event(self, event_id: str) -> SearchEvent | None:
        """One UiTPAS event that is still to come, or None when there is no such event (any
        more): an id from an old button, a cancelled or past event."""
        page = await self.events(EventQuery(event_id=event_id, limit=1))
        return next((e for e in page.events if e.id == event_id), None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _get(self, path: str, params: list[tuple[str, str]]) -> dict[str, Any]:
        try:
            response = await self._http.get(path, params=params)
        except httpx.TransportError as exc:
            failure = (
                SearchFailure.TIMEOUT
                if isinstance(exc, httpx.TimeoutException)
                else SearchFailure.CONNECTION
            )
            log.warning("Search API %s: %s", path, type(exc).__name__)
            raise SearchUnavailable(failure, type(exc).__name__) from exc
        status = response.status_code
        if status in (401, 403):
            log.error(
                "Search API refused the client id (HTTP %d): check SEARCH_API_CLIENT_ID", status
            )
            raise SearchUnavailable(SearchFailure.REFUSED, f"HTTP {status}")
        if status != 200:
            log.warning("Search API %s: HTTP %d %s", path, status, _problem_detail(response))
            raise SearchUnavailable(SearchFailure.SERVER, f"HTTP {status}")
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            log.warning("Search API %s: HTTP 200 without a JSON object", path)
            raise SearchUnavailable(SearchFailure.UNREADABLE, "not a JSON object")
        return body


def _problem_detail(response: httpx.Response) -> str:
    """The problem's ``type`` (publiq's are fixed URIs, safe to log), never its ``detail``,
    which may echo the query."""
    try:
        body = response.json()
    except ValueError:
        return ""
    problem_type = body.get("type") if isinstance(body, dict) else None
    return str(problem_type) if isinstance(problem_type, str) else ""


def parse_event(member: Any) -> SearchEvent | None:
    """An embedded event, or None when it is not one the bot can name and point to."""
    if not isinstance(member, dict):
        return None
    match = _EVENT_ID.search(str(member.get("@id", "")))
    language = member.get("mainLanguage") if isinstance(member.get("mainLanguage"), str) else "nl"
    name = Texts.of(member.get("name"), language)
    if match is None or not name:
        return None
    summary = (
        member.get("calendarSummary") if isinstance(member.get("calendarSummary"), dict) else {}
    )
    organiser = member.get("organizer") if isinstance(member.get("organizer"), dict) else {}
    same_as = member.get("sameAs")
    prices = member.get("priceInfo") if isinstance(member.get("priceInfo"), list) else []
    status = member.get("status") if isinstance(member.get("status"), dict) else {}
    return SearchEvent(
        id=match.group(1),
        name=name,
        description=Texts.of(member.get("description"), language),
        calendar_type=_text(member.get("calendarType")),
        start=_datetime(member.get("startDate")),
        end=_datetime(member.get("endDate")),
        summary_short=_summary(summary, "md", language),
        summary_long=_summary(summary, "lg", language),
        venue=_venue(member.get("location"), language),
        organiser=Texts.of(organiser.get("name"), language),
        base_price=next(
            (
                _number(p.get("price"))
                for p in prices
                if isinstance(p, dict) and p.get("category") == "base"
            ),
            None,
        ),
        uitpas_prices=tuple(
            UitpasPrice(label, price)
            for p in prices
            if isinstance(p, dict)
            and p.get("category") == "uitpas"
            and (label := Texts.of(p.get("name"), language).get("nl")) is not None
            and (price := _number(p.get("price"))) is not None
        ),
        page_url=next((u for u in same_as if isinstance(u, str) and u.startswith("https://")), None)
        if isinstance(same_as, list)
        else None,
        status=_text(status.get("type")) or "Available",
    )


def _summary(summary: dict[str, Any], size: str, language: str) -> Texts:
    pairs = {
        lang: detail["text"][size]
        for lang, detail in summary.items()
        if isinstance(detail, dict)
        and isinstance(detail.get("text"), dict)
        and isinstance(detail["text"].get(size), str)
    }
    return Texts.of(pairs, language)


def _venue(location: Any, language: str) -> Venue | None:
    if not isinstance(location, dict):
        return None
    addresses = location.get("address") if isinstance(location.get("address"), dict) else {}
    localised = (
        addresses.get(language)
        or addresses.get("nl")
        or next((a for a in addresses.values() if isinstance(a, dict)), None)
    )
    address = None
    if isinstance(localised, dict):
        address = Address(
            street=_text(localised.get("streetAddress")),
            postal_code=_text(localised.get("postalCode")),
            locality=_text(localised.get("addressLocality")),
            country=_text(localised.get("addressCountry")),
        )
    geo = location.get("geo") if isinstance(location.get("geo"), dict) else {}
    return Venue(
        name=Texts.of(location.get("name"), language),
        address=address,
        latitude=_number(geo.get("latitude")),
        longitude=_number(geo.get("longitude")),
    )


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
