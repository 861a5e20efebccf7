"""``GET /events`` of the Search API over the sandbox's demo events (see :mod:`.listings`).

What it honours, as publiq documents it: client identification (``x-client-id`` header or
``clientId`` parameter, a 401 problem otherwise), ``uitpas``, ``text`` (every word, in name,
description, place, town and organiser), ``postalCode``, ``id``, ``coordinates`` with
``distance``, ``dateFrom``/``dateTo``, the default ``availableFrom``/``availableTo`` filters
(now, unless ``*``), ``sort[distance]``, ``start``/``limit`` (404 problems past 10000/2000, as
the pagination guide shows), ``embed``, ``embedUitpasPrices``, ``embedCalendarSummaries[]``.
Anything else in the query is ignored, as the real API ignores what it does not know.

``GET /_sandbox/search/requests`` lists the queries it answered, as ``[name, value]`` pairs
(without the client id), so a test can see what the bot asked — check it against the spec,
and see that it asked nothing it should not have.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.sandbox.uitdatabank.listings import LISTINGS, Listing
from bot.sandbox.uitdatabank.summaries import summary
from bot.sandbox.uitpas.data import DemoData, Event

IO = "https://io.uitdatabank.be"
_COORDINATES = re.compile(r"^\s*([-+]?\d{1,2}(?:\.\d+)?),\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")
_DISTANCE = re.compile(r"^\s*(\d+\.?\d*)\s*(km|m)\s*$")
_SUMMARY_SIZES = ("xs", "sm", "md", "lg", "xl")


def problem(status: int, kind: str, title: str, detail: str | None = None) -> Response:
    body = {"type": f"https://api.publiq.be/probs/{kind}", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    return JSONResponse(body, status, media_type="application/problem+json")


def _not_found(detail: str) -> Response:
    return problem(404, "url/not-found", "Not Found", detail)


def _fold(text: str) -> str:
    """Lower case without accents: "Café" matches "cafe", as Elasticsearch's folding does."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine), as Elasticsearch's geo_distance (arc)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _moment(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "+"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


class SearchStandIn:
    def __init__(
        self,
        data: Callable[[], DemoData],
        now: Callable[[], datetime],
        client_ids: Callable[[], frozenset[str]],
    ) -> None:
        self._data = data
        self._now = now
        self._client_ids = client_ids
        self.requests: list[list[tuple[str, str]]] = []

    def reset(self) -> None:
        self.requests.clear()

    async def events(self, request: Request) -> Response:
        query = request.query_params
        client_id = request.headers.get("x-client-id") or query.get("clientId")
        if client_id not in self._client_ids():
            return problem(401, "auth/unauthorized", "Unauthorized")
        self.requests.append([(k, v) for k, v in query.multi_items() if k != "clientId"])
        try:
            start = int(query.get("start", "0"))
            limit = int(query.get("limit", "30"))
        except ValueError:
            return _not_found('The "start" and "limit" parameters should be integers')
        if not 0 <= start <= 10_000:
            return _not_found('The "start" parameter should be between 0 and 10000')
        if not 0 <= limit <= 2_000:
            return _not_found('The "limit" parameter should be between 0 and 2000')
        now = self._now()
        found = [(e, LISTINGS[e.id]) for e in self._data().events if e.id in LISTINGS]
        if query.get("uitpas") == "false":
            found = []  # every demo event is a UiTPAS event
        found = [(e, ls) for e, ls in found if self._available(e, query, now)]
        window = self._window(query)
        if isinstance(window, Response):
            return window
        date_from, date_to = window
        found = [
            (e, ls)
            for e, ls in found
            if (date_from is None or e.end >= date_from) and (date_to is None or e.start <= date_to)
        ]
        if text := query.get("text") or query.get("q"):
            words = [_fold(w.strip('"*')) for w in text.split() if w.strip('"*')]
            found = [(e, ls) for e, ls in found if all(w in _haystack(e, ls) for w in words)]
        if postal_code := query.get("postalCode"):
            found = [(e, ls) for e, ls in found if ls.place.postal_code == postal_code]
        if event_id := query.get("id"):
            found = [(e, ls) for e, ls in found if e.id == event_id]
        near = self._near(query)
        if isinstance(near, Response):
            return near
        if near is not None:
            point, radius = near
            found = [(e, ls) for e, ls in found if distance_km(point, _at(ls)) <= radius]
        found.sort(key=lambda pair: (pair[0].start, pair[0].id))
        sort = query.get("sort[distance]")
        if sort is not None:
            if near is None or sort not in ("asc", "desc"):
                return _not_found("sort[distance] needs coordinates and distance, asc or desc")
            found.sort(key=lambda pair: distance_km(near[0], _at(pair[1])), reverse=sort == "desc")
        page = found[start : start + limit]
        embed = query.get("embed") == "true"
        members = [
            self._body(e, ls, query) if embed else {"@id": _event_id(e), "@type": "Event"}
            for e, ls in page
        ]
        return JSONResponse(
            {
                "@context": "http://www.w3.org/ns/hydra/context.jsonld",
                "@type": "PagedCollection",
                "itemsPerPage": limit,
                "totalItems": len(found),
                "member": members,
            }
        )

    def _available(self, event: Event, query: Any, now: datetime) -> bool:
        """The default filters: published (availableFrom) and not over (availableTo = end)."""
        available_to = query.get("availableTo", "")
        if available_to != "*" and query.get("disableDefaultFilters") != "true":
            moment = _moment(available_to) if available_to else now
            if moment is not None and event.end < moment:
                return False
        return True

    def _window(self, query: Any) -> tuple[datetime | None, datetime | None] | Response:
        bounds: list[datetime | None] = []
        for name in ("dateFrom", "dateTo"):
            value = query.get(name)
            moment = _moment(value) if value else None
            if value and moment is None:
                return _not_found(f'The "{name}" parameter should be an ISO-8601 datetime')
            bounds.append(moment)
        return bounds[0], bounds[1]

    def _near(self, query: Any) -> tuple[tuple[float, float], float] | Response | None:
        coordinates, distance = query.get("coordinates"), query.get("distance")
        if coordinates is None and distance is None:
            return None
        point = _COORDINATES.match(coordinates or "")
        radius = _DISTANCE.match(distance or "")
        if point is None or radius is None:
            return _not_found("coordinates and distance must be given together and valid")
        km = float(radius.group(1)) / (1 if radius.group(2) == "km" else 1000)
        return (float(point.group(1)), float(point.group(2))), km

    def _body(self, event: Event, listing: Listing, query: Any) -> dict[str, Any]:
        place = listing.place
        start, end = event.start.isoformat(), event.end.isoformat()
        body: dict[str, Any] = {
            "@id": _event_id(event),
            "@type": "Event",
            "mainLanguage": "nl",
            "name": {"nl": event.title},
            "description": {"nl": listing.description},
            "terms": [
                {"id": listing.event_type[0], "label": listing.event_type[1], "domain": "eventtype"}
            ],
            "location": {
                "@id": f"{IO}/places/{place.id}",
                "mainLanguage": "nl",
                "name": {"nl": place.name},
                "address": {
                    "nl": {
                        "addressCountry": "BE",
                        "addressLocality": place.locality,
                        "postalCode": place.postal_code,
                        "streetAddress": place.street,
                    }
                },
                "geo": {"latitude": place.latitude, "longitude": place.longitude},
            },
            "organizer": {
                "@id": f"{IO}/organizers/{event.organiser.id.lower()}",
                "mainLanguage": "nl",
                "name": {"nl": event.organiser.name},
            },
            "calendarType": "periodic" if listing.periodic else "single",
            "startDate": start,
            "endDate": end,
            "status": {"type": "Available"},
            "availableTo": end,
            "workflowStatus": "APPROVED",
            "audience": {"audienceType": "everyone"},
            "labels": ["UiTPAS Regio Gent"],
            "sameAs": [f"https://www.uitinvlaanderen.be/agenda/e/{_slug(event.title)}/{event.id}"],
            "priceInfo": [
                {
                    "category": "base",
                    "name": {"nl": "Basistarief", "en": "Base tariff"},
                    "price": listing.base_price,
                    "priceCurrency": "EUR",
                }
            ],
        }
        if not listing.periodic:
            body["subEvent"] = [
                {
                    "id": 0,
                    "startDate": start,
                    "endDate": end,
                    "status": {"type": "Available"},
                    "bookingAvailability": {"type": "Available"},
                }
            ]
        if query.get("embedUitpasPrices") == "true":
            body["priceInfo"] += [
                {
                    "category": "uitpas",
                    "name": {"nl": label},
                    "price": price,
                    "priceCurrency": "EUR",
                }
                for label, price in listing.uitpas_prices
            ]
        sizes = [
            value.split("-")[0]
            for value in query.getlist("embedCalendarSummaries[]")
            if value.endswith("-text") and value.split("-")[0] in _SUMMARY_SIZES
        ]
        if sizes:
            body["calendarSummary"] = {
                language: {
                    "text": {
                        size: summary(
                            event.start, event.end, size, language, periodic=listing.periodic
                        )
                        for size in sizes
                    }
                }
                for language in ("nl", "en")
            }
        return body

    async def requests_seen(self, request: Request) -> Response:
        if request.method == "DELETE":
            self.requests.clear()
        return JSONResponse(self.requests)

    def routes(self) -> list[Route]:
        return [Route("/events", self.events), Route("/events/", self.events)]

    def control_routes(self) -> list[Route]:
        return [Route("/_sandbox/search/requests", self.requests_seen, methods=["GET", "DELETE"])]


def _event_id(event: Event) -> str:
    return f"{IO}/events/{event.id}"


def _at(listing: Listing) -> tuple[float, float]:
    return listing.place.latitude, listing.place.longitude


def _haystack(event: Event, listing: Listing) -> str:
    place = listing.place
    return _fold(
        " ".join(
            (
                event.title,
                listing.description,
                place.name,
                place.locality,
                place.postal_code,
                place.street,
                event.organiser.name,
                listing.event_type[1],
            )
        )
    )


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(title)).strip("-")
