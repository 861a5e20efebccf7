"""The Search API client against the sandbox's stand-in, over HTTP, held to publiq's spec.

Every exchange goes through :class:`SearchSpecTransport`: the client's requests and the
stand-in's answers (event bodies included, against UiTdatabank's JSON schemas) must validate.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from bot.sandbox.server import BackgroundServer
from bot.sandbox.uitdatabank import SEARCH_PREFIX
from bot.sandbox.uitdatabank.api import distance_km
from bot.sandbox.uitdatabank.listings import LISTINGS
from bot.sandbox.uitpas_v4.uitid import DEMO_CLIENTS
from bot.uitdatabank import EventQuery, SearchClient, SearchUnavailable
from bot.uitdatabank.errors import SearchFailure
from tests.support.search_spec import SearchSpecTransport

GENT = (51.0543, 3.7174)  # Korenmarkt
NINOVE = (50.8283, 4.0245)  # 12 km from Aalst's events, none closer
CLIENT_ID = DEMO_CLIENTS[0].client_id


@pytest.fixture
def search_url(sandbox_server: BackgroundServer) -> str:
    return f"{sandbox_server.url}{SEARCH_PREFIX}"


@pytest.fixture
async def checked(search_url: str) -> AsyncIterator[tuple[SearchClient, SearchSpecTransport]]:
    transport = SearchSpecTransport(search_url)
    client = SearchClient(search_url, CLIENT_ID, transport=transport, timeout=2)
    yield client, transport
    await client.aclose()


async def test_nearest_first_within_the_distance(
    checked: tuple[SearchClient, SearchSpecTransport],
) -> None:
    client, transport = checked
    page = await client.events(EventQuery(near=GENT, within_km=10))
    names = [e.name.get("nl") for e in page.events]
    assert names == ["Orgelconcert in de kathedraal", "Kinderatelier in het STAM"]
    assert page.total == 2
    distances = [distance_km(GENT, (e.venue.latitude, e.venue.longitude)) for e in page.events]
    assert distances == sorted(distances)
    assert transport.checked == ["GET /search/events 200"]  # validated against the spec


async def test_events_carry_what_the_bot_shows(
    checked: tuple[SearchClient, SearchSpecTransport],
) -> None:
    client, _ = checked
    page = await client.events(EventQuery(near=GENT, within_km=10))
    organ = page.events[0]
    assert organ.venue is not None
    assert organ.venue.address is not None
    assert organ.venue.address.locality == "Gent"
    assert organ.venue.name.get("nl") == "Sint-Baafskathedraal"
    assert organ.organiser.get("en") == "Sint-Baafskathedraal Gent"  # falls back to Dutch
    assert organ.summary_short.get(
        "en",
    ).startswith(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
    assert " van " in (organ.summary_long.get("nl") or "")
    assert organ.base_price == 12.0
    assert organ.uitpas_price_for("UiTPAS Regio Gent") == 2.4
    assert organ.uitpas_price_for("Paspartoe") is None
    assert organ.page_url is not None
    assert organ.page_url.startswith("https://www.uitinvlaanderen.be/")
    assert organ.description.get("nl")


async def test_only_uitpas_events_still_to_come_are_asked_for(
    checked: tuple[SearchClient, SearchSpecTransport], sandbox_server: BackgroundServer
) -> None:
    client, _ = checked
    page = await client.events(EventQuery(words="rommelmarkt"))
    assert page.events == ()  # it ended yesterday
    async with httpx.AsyncClient(base_url=sandbox_server.url) as control:
        [recorded] = (await control.get("/_sandbox/search/requests")).json()
    asked = "&".join(f"{name}={value}" for name, value in recorded)
    assert "uitpas=true" in asked
    assert "embed=true" in asked
    assert "embedUitpasPrices=true" in asked
    assert "dateFrom=" in asked
    assert "text=rommelmarkt" in asked


async def test_words_find_events_anywhere_in_flanders(
    checked: tuple[SearchClient, SearchSpecTransport],
) -> None:
    client, _ = checked
    page = await client.events(EventQuery(words="Film Leuven"))
    assert [e.name.get("nl") for e in page.events] == ["Zomerfilm op het Ladeuzeplein"]


async def test_a_time_window_narrows_the_events(
    checked: tuple[SearchClient, SearchSpecTransport],
) -> None:
    client, _ = checked
    everything = await client.events(EventQuery(limit=30))
    soonest = min(e.start for e in everything.events if e.start is not None)
    first_day = await client.events(EventQuery(happening_to=soonest + timedelta(hours=1), limit=30))
    assert 0 < first_day.total < everything.total


async def test_pages_of_five(checked: tuple[SearchClient, SearchSpecTransport]) -> None:
    client, _ = checked
    first = await client.events(EventQuery(limit=5))
    second = await client.events(EventQuery(start=5, limit=5))
    upcoming = sum(1 for _ in LISTINGS) - 1  # the rommelmarkt is over
    assert first.total == second.total == upcoming
    assert len(first.events) == 5
    assert len(second.events) == upcoming - 5
    assert not {e.id for e in first.events} & {e.id for e in second.events}


async def test_one_event_by_id(checked: tuple[SearchClient, SearchSpecTransport]) -> None:
    client, _ = checked
    found = await client.event("e1a0c1de-0008-4a6e-9f00-000000000008")
    assert found is not None
    assert found.name.get("nl") == "Zomerfilm op het Ladeuzeplein"
    assert await client.event("e1a0c1de-0003-4a6e-9f00-000000000003") is None  # over


async def test_nothing_near_is_an_empty_page_not_an_error(
    checked: tuple[SearchClient, SearchSpecTransport],
) -> None:
    client, _ = checked
    assert (await client.events(EventQuery(near=NINOVE, within_km=10))).events == ()
    assert len((await client.events(EventQuery(near=NINOVE, within_km=30, limit=30))).events) >= 3


async def test_an_unknown_client_id_is_refused_by_the_stand_in(search_url: str) -> None:
    transport = SearchSpecTransport(search_url)
    client = SearchClient(search_url, "nobody", transport=transport)
    with pytest.raises(SearchUnavailable) as refused:
        await client.events(EventQuery())
    await client.aclose()
    assert refused.value.failure is SearchFailure.REFUSED
    assert transport.checked == ["GET /search/events 401"]


async def test_past_the_limits_is_the_documented_404(search_url: str) -> None:
    """The client refuses to ask past the limits; the stand-in answers the guide's 404."""
    client = SearchClient(search_url, CLIENT_ID)
    with pytest.raises(ValueError, match="limit"):
        await client.events(EventQuery(limit=2001))
    await client.aclose()
    transport = SearchSpecTransport(search_url, check_requests=False)
    async with httpx.AsyncClient(transport=transport) as http:
        answer = await http.get(
            f"{search_url}/events", params={"start": "15000"}, headers={"x-client-id": CLIENT_ID}
        )
    assert answer.status_code == 404
    assert answer.json()["type"] == "https://api.publiq.be/probs/url/not-found"


@pytest.mark.parametrize(
    ("fault", "failure"),
    [
        (
            {"status": 503, "body": "<html>down</html>", "content_type": "text/html"},
            SearchFailure.SERVER,
        ),
        ({"status": 200, "body": "not json"}, SearchFailure.UNREADABLE),
        ({"delay": 3.0}, SearchFailure.TIMEOUT),
    ],
)
async def test_no_usable_answer_is_search_unavailable(
    search_url: str, sandbox_server: BackgroundServer, fault: dict, failure: SearchFailure
) -> None:
    async with httpx.AsyncClient(base_url=sandbox_server.url) as control:
        (
            await control.post("/_sandbox/faults", json={"path": "/search/events", **fault})
        ).raise_for_status()
    client = SearchClient(search_url, CLIENT_ID, timeout=1)
    with pytest.raises(SearchUnavailable) as unavailable:
        await client.events(EventQuery())
    await client.aclose()
    assert unavailable.value.failure is failure


async def test_a_refused_connection_is_search_unavailable() -> None:
    client = SearchClient("http://127.0.0.1:9", CLIENT_ID, timeout=1)
    with pytest.raises(SearchUnavailable) as unavailable:
        await client.events(EventQuery())
    await client.aclose()
    assert unavailable.value.failure is SearchFailure.CONNECTION


def test_the_client_id_is_never_in_its_repr() -> None:
    assert CLIENT_ID not in repr(SearchClient("https://search.uitdatabank.be", CLIENT_ID))
