"""The UiTPAS sandbox on its own: OAuth checks, check-in rules in time, promotions, control API."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import httpx
import pytest
import zxingcpp
from PIL import Image

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.uitpas import API_PREFIX, cli, create_app
from bot.sandbox.uitpas.data import (
    BRUSSELS,
    CARD_SYSTEM,
    NORMAL,
    OTHER,
    PASPARTOE,
    Event,
    demo_data,
    is_wellformed_number,
    luhn_check_digit,
)
from bot.sandbox.uitpas.posters import poster, write_posters
from bot.uitpas.client import UitpasClient
from bot.uitpas.numbers import luhn_valid
from bot.uitpas.parsing import parse_checkin, parse_promotions
from bot.uitpas.signing import FORM_CONTENT_TYPE, ConsumerAuth

BRUSSELS_WINTER = timezone(timedelta(hours=1))
MONDAY = datetime(2025, 3, 3, 10, 0, tzinfo=BRUSSELS_WINTER)  # a Monday, 10:00
CHECKIN = "/uitpas/enduser/checkin"
PROMOTIONS = "/uitpas/passholder/pointsPromotions"


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    server = BackgroundServer(create_app()).start()
    yield server
    server.stop()


@pytest.fixture
def http(server: BackgroundServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url) as http:
        http.post("/_sandbox/reset").raise_for_status()
        yield http


def signed(
    http: httpx.Client,
    method: str,
    path: str,
    *,
    form: str | None = None,
    params: dict[str, str] | None = None,
    key: str = "demo-key",
    secret: str = "demo-secret",  # noqa: S107 - the sandbox's published demo secret
    nonce: str | None = None,
    timestamp: str | None = None,
    send_form: str | None = None,
    accept: str | None = None,
) -> httpx.Response:
    """A consumer request built by hand, so a test can replay or tamper with it."""
    url = http.build_request(method, API_PREFIX + path, params=params).url
    auth = ConsumerAuth(key, secret).authorization(
        method, str(url), form, nonce=nonce, timestamp=timestamp
    )
    headers = {"Authorization": auth}
    if form is not None:
        headers["Content-Type"] = FORM_CONTENT_TYPE
    if accept:
        headers["Accept"] = accept
    body = send_form if send_form is not None else form
    return http.request(method, url, content=body, headers=headers)


def _xml(body: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(body)  # noqa: S314 - the sandbox's own answer, no DTD


def state(http: httpx.Client, number: str) -> dict[str, Any]:
    return http.get(f"/_sandbox/passholders/{number}").raise_for_status().json()


# --- demo data ------------------------------------------------------------------------------


def test_demo_numbers_are_luhn_valid_by_an_independent_check() -> None:
    data = demo_data(MONDAY)
    assert luhn_check_digit("093005687880") == "2"
    assert luhn_check_digit("100000052000") == "6"
    assert {NORMAL, OTHER} <= set(data.passholders)
    for number in data.passholders:
        assert is_wellformed_number(number)
        assert luhn_valid(number)
    assert not is_wellformed_number("0930056878803")
    assert not is_wellformed_number("093005687880２")  # a full-width digit is not a digit here


def test_demo_world_has_what_the_demo_needs() -> None:
    data = demo_data(MONDAY)
    happening = [e for e in data.events if e.start <= MONDAY <= e.end]
    assert any(not e.long_running for e in happening)
    assert any(e.long_running for e in data.events)
    assert any(e.end < MONDAY - timedelta(hours=5) for e in data.events)  # ended yesterday
    assert any(e.checkin_code.isdigit() for e in data.events)
    assert any(e.checkin_code.startswith("https://") for e in data.events)
    assert len(data.promotions) >= 16
    assert sum(p.in_spotlight for p in data.promotions) >= 4
    assert any(not p.pictures for p in data.promotions)
    assert any(p.max_available_units is None for p in data.promotions)
    assert len({p.id for p in data.promotions}) == len(data.promotions)
    assert demo_data(MONDAY) == data  # deterministic


# --- OAuth ----------------------------------------------------------------------------------


def test_a_replayed_request_is_refused(http: httpx.Client) -> None:
    stamp = str(int(time.time()))
    first = signed(http, "GET", f"/uitpas/enduser/{NORMAL}", nonce="replay-1", timestamp=stamp)
    again = signed(http, "GET", f"/uitpas/enduser/{NORMAL}", nonce="replay-1", timestamp=stamp)
    assert first.status_code == 200
    assert again.status_code == 401
    assert again.json()["code"] == "INVALID_NONCE"


@pytest.mark.parametrize("offset", [-3600, 3600])
def test_a_timestamp_outside_the_window_is_refused(http: httpx.Client, offset: int) -> None:
    stamp = str(int(time.time()) + offset)
    response = signed(http, "GET", f"/uitpas/enduser/{NORMAL}", timestamp=stamp)
    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_OAUTH_REQUEST"


def test_an_unsigned_request_is_refused(http: httpx.Client) -> None:
    response = http.get(API_PREFIX + PROMOTIONS)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/xml")
    assert parse_promotions(response.content).code == "INVALID_OAUTH_REQUEST"


def test_a_tampered_body_is_refused_and_saves_nothing(http: httpx.Client) -> None:
    response = signed(
        http,
        "POST",
        CHECKIN,
        form=f"uitpasNumber={OTHER}&checkinCode=12345678",
        send_form=f"uitpasNumber={NORMAL}&checkinCode=12345678",
    )
    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_SIGNATURE"
    assert state(http, NORMAL)["checkins"] == 0


def test_a_tampered_query_is_refused(http: httpx.Client) -> None:
    url = http.build_request("GET", API_PREFIX + PROMOTIONS, params={"max": "1"}).url
    auth = ConsumerAuth("demo-key", "demo-secret").authorization("GET", str(url))
    response = http.get(str(url).replace("max=1", "max=50"), headers={"Authorization": auth})
    assert response.status_code == 401
    assert parse_promotions(response.content).code == "INVALID_SIGNATURE"


def test_access_denied_in_xml_names_the_permission(http: httpx.Client) -> None:
    response = signed(
        http,
        "POST",
        CHECKIN,
        form=f"uitpasNumber={NORMAL}&checkinCode=12345678",
        key="limited-key",
        secret="limited-secret",
        accept="application/xml",
    )
    assert response.status_code == 400
    root = _xml(response.content)
    assert root.tag == "response"
    assert root.findtext("code") == "ACCESS_DENIED"
    assert root.findtext("requiredPermission") == "punt sparen met QR code"


def test_default_formats(http: httpx.Client) -> None:
    promotions = signed(http, "GET", PROMOTIONS, params={"max": "2"})
    assert promotions.headers["content-type"].startswith("application/xml")
    root = _xml(promotions.content)
    assert len(root.findall("promotions/promotion")) == 2
    assert int(root.findtext("total") or 0) >= 16
    checkin = signed(http, "POST", CHECKIN, form=f"uitpasNumber={NORMAL}&checkinCode=12345678")
    assert checkin.headers["content-type"].startswith("application/json")
    assert checkin.json()["pointsPromotions"][0]["pictures"].startswith("[")  # the quirk


# --- check-in rules in time -----------------------------------------------------------------


async def _checkin(server: BackgroundServer, code: str, number: str = NORMAL) -> str:
    async with UitpasClient(server.url + API_PREFIX, "demo-key", "demo-secret") as client:
        return (await client.checkin(number, code)).code


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    return FakeClock(MONDAY)


@pytest.fixture(scope="module")
def clocked_server(clock: FakeClock) -> Iterator[BackgroundServer]:
    with serving(create_app(clock=clock)) as server:
        yield server


@pytest.fixture
def at_monday(clock: FakeClock, clocked_server: BackgroundServer) -> BackgroundServer:
    """The clocked sandbox, reset to a demo world built around Monday 10:00."""
    clock.now = MONDAY
    httpx.post(f"{clocked_server.url}/_sandbox/reset").raise_for_status()
    return clocked_server


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (timedelta(hours=2 + 5) - timedelta(minutes=1), "ACTION_SUCCEEDED"),  # 5 h after the end
        (timedelta(hours=2 + 5) + timedelta(minutes=1), "CHECKIN_CODE_EXPIRED"),
        (-timedelta(hours=1 + 5) + timedelta(minutes=1), "ACTION_SUCCEEDED"),  # 5 h before
        (-timedelta(hours=1 + 5) - timedelta(minutes=1), "CHECKIN_CODE_EXPIRED"),
    ],
)
async def test_the_checkin_window(
    at_monday: BackgroundServer, clock: FakeClock, after: timedelta, expected: str
) -> None:
    clock.now = MONDAY + after  # "Jazz" runs from 09:00 to 12:00
    assert await _checkin(at_monday, "12345678") == expected


async def test_once_a_week_for_a_long_running_event(
    at_monday: BackgroundServer, clock: FakeClock
) -> None:
    code = next(e.checkin_code for e in demo_data(MONDAY).events if e.long_running)
    assert await _checkin(at_monday, code) == "ACTION_SUCCEEDED"
    clock.now = MONDAY + timedelta(days=6, hours=13)  # Sunday 23:00
    assert await _checkin(at_monday, code) == "MAXIMUM_REACHED"
    clock.now = MONDAY + timedelta(days=7)  # next Monday
    assert await _checkin(at_monday, code) == "ACTION_SUCCEEDED"


async def test_once_a_day_for_an_ordinary_event() -> None:
    clock = FakeClock(MONDAY)
    data = demo_data(MONDAY)
    festival = Event(
        "festival", "Driedaags festival", data.events[0].organiser,
        MONDAY, MONDAY + timedelta(days=3), "FESTIVAL-1",
    )  # fmt: skip
    data = dataclasses.replace(data, events=(*data.events, festival))
    with serving(create_app(data, clock=clock)) as server:
        assert await _checkin(server, "FESTIVAL-1") == "ACTION_SUCCEEDED"
        clock.now = MONDAY + timedelta(hours=13)  # 23:00, the same day
        assert await _checkin(server, "FESTIVAL-1") == "MAXIMUM_REACHED"
        clock.now = MONDAY + timedelta(hours=14)  # 00:00 the next day
        assert await _checkin(server, "FESTIVAL-1") == "ACTION_SUCCEEDED"
        assert await _checkin(server, "FESTIVAL-1", OTHER) == "ACTION_SUCCEEDED"  # per passholder
        async with httpx.AsyncClient() as http:
            mine = (await http.get(f"{server.url}/_sandbox/passholders/{NORMAL}")).json()
        assert (mine["points"], mine["checkins"]) == (27, 2)


async def test_concurrent_scans_save_one_point(
    server: BackgroundServer, http: httpx.Client
) -> None:
    async with UitpasClient(server.url + API_PREFIX, "demo-key", "demo-secret") as client:
        answers = await asyncio.gather(*(client.checkin(NORMAL, "12345678") for _ in range(8)))
    codes = sorted(a.code for a in answers)
    assert codes == ["ACTION_SUCCEEDED"] + ["MAXIMUM_REACHED"] * 7
    assert (state(http, NORMAL)["points"], state(http, NORMAL)["checkins"]) == (26, 1)


async def test_added_passholders_check_in_like_the_demo_ones(
    server: BackgroundServer, http: httpx.Client
) -> None:
    async with httpx.AsyncClient(base_url=server.url) as control:
        created = await control.post("/_sandbox/passholders", json={"count": 3, "points": 4})
        refused = await control.post("/_sandbox/passholders", json={"count": 0})
    assert created.status_code == 201
    assert refused.status_code == 400
    numbers = created.json()["numbers"]
    assert len(set(numbers)) == 3
    assert all(luhn_valid(number) and number not in (NORMAL, OTHER) for number in numbers)
    async with UitpasClient(server.url + API_PREFIX, "demo-key", "demo-secret") as client:
        first = await client.checkin(numbers[0], "12345678")
        again = await client.checkin(numbers[0], "12345678")
        other = await client.checkin(numbers[1], "12345678")
    assert (first.code, first.points) == ("ACTION_SUCCEEDED", 5)
    assert again.code == "MAXIMUM_REACHED"
    assert other.code == "ACTION_SUCCEEDED"
    assert (state(http, numbers[2])["points"], state(http, numbers[2])["checkins"]) == (4, 0)


# --- promotions -----------------------------------------------------------------------------


def _promotions(http: httpx.Client, **params: str) -> dict[str, Any]:
    response = signed(http, "GET", PROMOTIONS, params=params, accept="application/json")
    return {"status": response.status_code, **response.json()}


def test_paging_keeps_the_total(http: httpx.Client) -> None:
    everything = _promotions(http, max="100")
    page = _promotions(http, start="5", max="3")
    assert page["total"] == everything["total"] == len(everything["promotions"])
    assert [p["id"] for p in page["promotions"]] == [p["id"] for p in everything["promotions"][5:8]]


def test_sorting(http: httpx.Client) -> None:
    titles = [
        p["title"] for p in _promotions(http, sort="TITLE", order="ASC", max="100")["promotions"]
    ]
    assert titles == sorted(titles, key=str.casefold)
    points = [p["points"] for p in _promotions(http, sort="POINTS", max="100")["promotions"]]
    assert points == sorted(points, reverse=True)  # DESC by default
    created = [p["creationDate"] for p in _promotions(http, max="100")["promotions"]]
    assert created == sorted(created, reverse=True)  # CREATION_DATE by default


def test_published_and_unexpired(http: httpx.Client) -> None:
    all_ids = {p["id"] for p in _promotions(http, max="100")["promotions"]}
    published = {p["id"] for p in _promotions(http, published="true", max="100")["promotions"]}
    unexpired = {p["id"] for p in _promotions(http, unexpired="true", max="100")["promotions"]}
    assert "116" in all_ids - published  # published in 15 days
    assert "115" in all_ids - unexpired  # cashing period ended yesterday
    assert "115" in published - unexpired or "115" not in published


def test_points_range(http: httpx.Client) -> None:
    found = _promotions(http, minPoints="10", maxPoints="20", max="100")["promotions"]
    assert found
    assert all(10 <= p["points"] <= 20 for p in found)
    refused = _promotions(http, minPoints="20", maxPoints="10")
    assert (refused["status"], refused["code"]) == (400, "INVALID_INTERVAL_MIN_HIGHER_THAN_MAX")


@pytest.mark.parametrize(
    "params", [{"inSpotlight": "yes"}, {"max": "ten"}, {"start": "-1"}, {"order": "UP"}]
)
def test_invalid_parameters(http: httpx.Client, params: dict[str, str]) -> None:
    refused = _promotions(http, **params)
    assert (refused["status"], refused["code"]) == (400, "INVALID_PARAMETERS")


def test_cash_in_state_follows_the_passholders_points(http: httpx.Client) -> None:
    def state_of(promotion_id: str) -> str:
        found = _promotions(http, uitpasNumber=OTHER, max="100")["promotions"]
        return next(p["cashInState"] for p in found if p["id"] == promotion_id)

    assert state_of("105") == "POSSIBLE"  # 3 points, OTHER has 3
    assert state_of("111") == "NOT_POSSIBLE_POINTS_CONSTRAINT"  # 6 points
    for code in ("12345678", "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8"):
        answer = signed(http, "POST", CHECKIN, form=f"uitpasNumber={OTHER}&checkinCode={code}")
        assert parse_checkin(answer.content).succeeded
    assert state_of("111") == "POSSIBLE"  # 3 + 1 + 2 = 6
    assert state_of("104") == "NOT_POSSIBLE_VOLUME_CONSTRAINT"
    assert state_of("109") == "NOT_POSSIBLE_DATE_CONSTRAINT"


def test_one_promotion_in_xml_is_a_points_promotion_to(http: httpx.Client) -> None:
    response = signed(http, "GET", "/uitpas/promotion/pointsPromotion/102")
    root = _xml(response.content)
    assert root.tag == "pointsPromotionTO"
    assert root.find("code") is None
    assert len(root.findall("pictures/picture")) == 2
    assert root.findtext("owningCardSystem/name") == CARD_SYSTEM


# --- pictures, control API, posters, CLI ----------------------------------------------------


def test_pictures(http: httpx.Client) -> None:
    picture = http.get("/media/promotions/102-1.png")
    assert picture.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(picture.content)).size == (640, 400)
    assert http.get("/media/promotions/102-7.png").status_code == 404
    assert http.get("/media/promotions/104-0.png").status_code == 404  # 104 has no picture


def test_faults_apply_times_then_stop(http: httpx.Client) -> None:
    fault = {"path": "pointsPromotions", "status": 503, "body": "busy", "times": 2}
    assert http.post("/_sandbox/faults", json=fault).status_code == 201
    assert http.get("/_sandbox/faults").json()[0]["remaining"] == 2
    statuses = [signed(http, "GET", PROMOTIONS).status_code for _ in range(3)]
    assert statuses == [503, 503, 200]
    assert http.get("/_sandbox/faults").json() == []


def test_faults_until_cleared_and_never_on_the_control_api(http: httpx.Client) -> None:
    http.post("/_sandbox/faults", json={"path": "/", "status": 500, "times": None})
    assert signed(http, "GET", f"/uitpas/enduser/{NORMAL}").status_code == 500
    assert signed(http, "GET", f"/uitpas/enduser/{NORMAL}").status_code == 500
    assert http.get("/_sandbox/events").status_code == 200
    http.delete("/_sandbox/faults")
    assert signed(http, "GET", f"/uitpas/enduser/{NORMAL}").status_code == 200


@pytest.mark.parametrize(
    "fault", [{}, {"path": ""}, {"path": "x", "times": 0}, {"path": "x", "colour": "red"}, []]
)
def test_bad_faults_are_refused(http: httpx.Client, fault: Any) -> None:
    assert http.post("/_sandbox/faults", json=fault).status_code == 400


def test_reset_restores_points_and_settings(http: httpx.Client) -> None:
    signed(http, "POST", CHECKIN, form=f"uitpasNumber={NORMAL}&checkinCode=12345678")
    http.post("/_sandbox/settings", json={"format": "xml"})
    http.post("/_sandbox/faults", json={"path": "nothing-matches", "times": None})
    assert state(http, NORMAL)["points"] == 26
    http.post("/_sandbox/reset")
    assert (state(http, NORMAL)["points"], state(http, NORMAL)["checkins"]) == (25, 0)
    assert http.get("/_sandbox/settings").json() == {"format": "negotiate"}
    assert http.get("/_sandbox/faults").json() == []
    assert http.post("/_sandbox/settings", json={"format": "yaml"}).status_code == 400
    assert http.get("/_sandbox/passholders/0000000000000").status_code == 404


def test_a_poster_prints_its_dates_in_the_zone_it_is_given() -> None:
    """The web chat draws posters on the bot's TIME_ZONE clock (issue 15.14): a poster in
    Tokyo time is the poster of the same event with its dates written in Tokyo time."""
    tokyo = ZoneInfo("Asia/Tokyo")
    event = demo_data(datetime(2026, 12, 2, 3, 0, tzinfo=UTC)).events[0]  # starts 02:00 UTC
    in_tokyo = dataclasses.replace(
        event, start=event.start.astimezone(tokyo), end=event.end.astimezone(tokyo)
    )
    drawn = poster(event, tokyo).tobytes()
    assert drawn == poster(in_tokyo).tobytes()
    assert drawn != poster(event).tobytes()  # 02:00 UTC is 11:00 in Tokyo


def test_posters_carry_readable_qr_codes(tmp_path: Path) -> None:
    data = demo_data(MONDAY)
    paths = write_posters(tmp_path / "posters", data)
    assert len(paths) == len(data.events)
    for path, event in zip(paths, data.events, strict=True):
        image = Image.open(path)
        assert image.size == (1240, 1754)
        decoded = [result.text for result in zxingcpp.read_barcodes(image)]
        assert decoded == [event.checkin_code]


def test_run_sandbox_prints_what_the_bot_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[tuple[str, int]] = []
    monkeypatch.setattr(
        cli.uvicorn, "run", lambda app, host, port, **_: served.append((host, port))
    )
    cli.run_sandbox(port=8765, posters_dir=tmp_path)
    out = capsys.readouterr().out
    assert served == [("127.0.0.1", 8765)]
    assert "UITPAS_API_URL=http://127.0.0.1:8765/uitid/rest" in out
    assert "demo-key / demo-secret" in out
    assert NORMAL in out
    assert "12345678" in out
    assert str(tmp_path) in out
    assert len(list(tmp_path.glob("*.png"))) >= 5


def test_promotions_honour_card_systems_and_cash_in_state(http: httpx.Client) -> None:
    """The legacy parameters: owningCardSystemId / applicableCardSystemId (repeatable), a
    passholder's own card system by default, and the cashInState filter."""

    def ids(**params: str) -> set[str]:
        return {p["id"] for p in _promotions(http, max="100", **params)["promotions"]}

    assert ids(owningCardSystemId=str(PASPARTOE.id)) == {"201", "202"}
    assert ids(applicableCardSystemId=str(PASPARTOE.id)) == {"201", "202"}
    assert {"201", "101"} <= ids()  # no passholder, no card system: everything
    assert ids(uitpasNumber=BRUSSELS) == {"201", "202"}
    assert not {"201", "202"} & ids(uitpasNumber=NORMAL)
    possible = _promotions(http, max="100", uitpasNumber=OTHER, cashInState="POSSIBLE")
    assert {p["cashInState"] for p in possible["promotions"]} == {"POSSIBLE"}
    assert {p["id"] for p in possible["promotions"]} == {"105", "108", "112"}  # OTHER has 3
