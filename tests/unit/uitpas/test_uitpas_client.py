"""The UiTPAS client against the sandbox over real HTTP, and its failure modes."""

from __future__ import annotations

import logging
import socket
import ssl
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from bot.sandbox.server import BackgroundServer
from bot.sandbox.uitpas import API_PREFIX, create_app
from bot.sandbox.uitpas.data import (
    BLOCKED,
    BRUSSELS,
    DELETED,
    GENT,
    GROUP,
    LOCAL_STOCK,
    NORMAL,
    OTHER,
    UNKNOWN,
)
from bot.uitpas.client import UitpasClient
from bot.uitpas.errors import UitpasUnavailable, UnavailableReason
from bot.uitpas.models import AnswerCode

NOW_CODE = "12345678"  # Jazz op de Grote Markt: happening now, 1 point
URL_CODE = "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8"  # starts in 3 h, 2 points
EXPIRED_CODE = "https://uitpas.be/?qr=rommelmarkt7xq2"  # ended yesterday
FUTURE_CODE = "87654321"  # in three days


class Control:
    """The sandbox's control API, for arranging and inspecting state from a test."""

    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url)

    def reset(self) -> None:
        self.http.post("/_sandbox/reset").raise_for_status()

    def passholder(self, number: str) -> dict[str, Any]:
        return self.http.get(f"/_sandbox/passholders/{number}").raise_for_status().json()

    def fault(self, **fields: Any) -> None:
        self.http.post("/_sandbox/faults", json=fields).raise_for_status()

    def answer_format(self, answer_format: str) -> None:
        self.http.post("/_sandbox/settings", json={"format": answer_format}).raise_for_status()


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    server = BackgroundServer(create_app()).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def module_control(server: BackgroundServer) -> Iterator[Control]:
    control = Control(server.url)
    yield control
    control.http.close()


@pytest.fixture
def control(module_control: Control) -> Control:
    module_control.reset()
    return module_control


# Building an SSL context costs ~40 ms; sharing one keeps the many short tests fast.
_SSL_CONTEXT = ssl.create_default_context()


def uitpas_client(
    url: str,
    key: str = "demo-key",
    secret: str = "demo-secret",  # noqa: S107 - the sandbox's published demo secret
    **kw: Any,
) -> UitpasClient:
    transport = httpx.AsyncHTTPTransport(verify=_SSL_CONTEXT)
    return UitpasClient(url + API_PREFIX, key, secret, transport=transport, **kw)


@pytest.fixture
async def client(server: BackgroundServer, control: Control) -> AsyncIterator[UitpasClient]:
    async with uitpas_client(server.url) as client:
        yield client


@pytest.fixture(params=["json", "xml"])
def answer_format(request: pytest.FixtureRequest, control: Control) -> str:
    control.answer_format(request.param)
    return request.param


# --- check-in -------------------------------------------------------------------------------


async def test_checkin_saves_a_point(
    client: UitpasClient, control: Control, answer_format: str
) -> None:
    answer = await client.checkin(NORMAL, NOW_CODE)
    assert answer.code is AnswerCode.ACTION_SUCCEEDED
    assert (answer.points, answer.saved_points) == (26, 1)
    assert answer.event is not None
    assert answer.event.title == "Jazz op de Grote Markt"
    assert answer.event.organiser is not None
    assert answer.event.organiser.name == "CC De Werf"
    assert len(answer.spotlight) >= 4
    assert len(answer.promotions) > len(answer.spotlight)
    pictured = [p for p in answer.promotions if p.pictures]
    assert pictured  # in JSON a JSON-encoded string, as in the published example
    assert all(url.startswith("http://") and url.endswith(".png") for url in pictured[0].pictures)
    assert control.passholder(NORMAL)["points"] == 26
    assert control.passholder(NORMAL)["checkins"] == 1


async def test_checkin_with_a_url_code_five_hours_before_the_start(client: UitpasClient) -> None:
    answer = await client.checkin(OTHER, f"  {URL_CODE}\n")
    assert answer.code is AnswerCode.ACTION_SUCCEEDED
    assert (answer.points, answer.saved_points) == (5, 2)


async def test_a_second_checkin_the_same_day_is_refused_and_saves_nothing(
    client: UitpasClient, control: Control, answer_format: str
) -> None:
    await client.checkin(NORMAL, NOW_CODE)
    again = await client.checkin(NORMAL, NOW_CODE)
    assert again.code == "MAXIMUM_REACHED"
    assert not again.succeeded
    assert again.message
    assert again.points == 26
    assert again.saved_points is None
    assert again.event is not None
    assert control.passholder(NORMAL)["checkins"] == 1


@pytest.mark.parametrize(
    ("number", "code", "expected", "with_event"),
    [
        (NORMAL, "99999999", AnswerCode.CHECKIN_CODE_INVALID, False),
        (NORMAL, "https://uitpas.be/?qr=doesnotexist", AnswerCode.CHECKIN_CODE_INVALID, False),
        (NORMAL, "https://uitpas.be/?qr=é ü+*~&x=1%20", AnswerCode.CHECKIN_CODE_INVALID, False),
        (NORMAL, EXPIRED_CODE, AnswerCode.CHECKIN_CODE_EXPIRED, True),
        (NORMAL, FUTURE_CODE, AnswerCode.CHECKIN_CODE_EXPIRED, True),
        (GROUP, NOW_CODE, AnswerCode.GROUPPAS_NOT_ALLOWED, False),
        ("0930056878803", NOW_CODE, AnswerCode.PARSE_INVALID_UITPASNUMBER, False),
        ("093005687880", NOW_CODE, AnswerCode.PARSE_INVALID_UITPASNUMBER, False),
        ("not a number", NOW_CODE, AnswerCode.PARSE_INVALID_UITPASNUMBER, False),
        (UNKNOWN, NOW_CODE, AnswerCode.UNKNOWN_UITPASNUMBER, False),
        (BLOCKED, NOW_CODE, AnswerCode.INVALID_CARD_STATUS_BLOCKED, False),
        (DELETED, NOW_CODE, AnswerCode.INVALID_CARD_STATUS_DELETED, False),
        (LOCAL_STOCK, NOW_CODE, AnswerCode.INVALID_CARD_STATUS, False),
    ],
)
async def test_refused_checkins_are_answers_and_save_nothing(
    client: UitpasClient,
    control: Control,
    answer_format: str,
    number: str,
    code: str,
    expected: AnswerCode,
    with_event: bool,
) -> None:
    before = control.passholder(number) if number in (NORMAL, GROUP, BLOCKED) else None
    answer = await client.checkin(number, code)
    assert answer.code is expected
    assert not answer.succeeded
    assert answer.message
    assert (answer.event is not None) is with_event
    assert answer.saved_points is None
    if before is not None:
        assert control.passholder(number) == before


# --- points and promotions ------------------------------------------------------------------


async def test_points(client: UitpasClient, answer_format: str) -> None:
    answer = await client.points(NORMAL)
    assert (answer.code, answer.points) == (AnswerCode.ACTION_SUCCEEDED, 25)
    await client.checkin(NORMAL, NOW_CODE)
    assert (await client.points(NORMAL)).points == 26


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (UNKNOWN, AnswerCode.UNKNOWN_UITPASNUMBER),
        ("0930056878803", AnswerCode.PARSE_INVALID_UITPASNUMBER),
        ("0930 0568 7880 2", AnswerCode.PARSE_INVALID_UITPASNUMBER),  # signed with %20 in the path
        (BLOCKED, AnswerCode.INVALID_CARD_STATUS_BLOCKED),
        (GROUP, AnswerCode.GROUPPAS_NOT_ALLOWED),
    ],
)
async def test_points_refused(client: UitpasClient, number: str, expected: AnswerCode) -> None:
    answer = await client.points(number)
    assert (answer.code, answer.points) == (expected, None)


async def test_promotions_read_the_same_in_xml_and_json(
    client: UitpasClient, control: Control
) -> None:
    control.answer_format("xml")
    as_xml = await client.promotions(uitpas_number=NORMAL, max_results=50)
    control.answer_format("json")
    as_json = await client.promotions(uitpas_number=NORMAL, max_results=50)
    assert as_xml == as_json
    assert as_xml.code is AnswerCode.ACTION_SUCCEEDED
    assert as_xml.total == len(as_xml.promotions) >= 16
    states = {p.cash_in_state for p in as_xml.promotions}
    assert {
        "POSSIBLE",
        "NOT_POSSIBLE_POINTS_CONSTRAINT",
        "NOT_POSSIBLE_DATE_CONSTRAINT",
        "NOT_POSSIBLE_VOLUME_CONSTRAINT",
    } <= states
    assert any(p.max_available_units is None for p in as_xml.promotions)
    assert any(not p.pictures for p in as_xml.promotions)
    assert all(p.cashing_period_begin is not None for p in as_xml.promotions)
    assert all(p.balies and p.cities and p.owning_card_system for p in as_xml.promotions)


async def test_promotions_in_the_spotlight(client: UitpasClient) -> None:
    answer = await client.promotions(in_spotlight=True, unexpired=True, published=True)
    assert len(answer.promotions) >= 4
    assert all(p.in_spotlight for p in answer.promotions)


async def test_promotions_the_passholder_can_afford(client: UitpasClient) -> None:
    answer = await client.promotions(
        uitpas_number=OTHER, filter_on_user_points=True, sort="POINTS", order="ASC"
    )
    points = [p.points for p in answer.promotions]
    assert points == sorted(points)
    assert points
    assert all(p is not None and p <= 3 for p in points)


async def test_only_what_i_can_get_asks_cash_in_state_possible(client: UitpasClient) -> None:
    """Enough points is not enough: sold out (104) and not yet cashable (109) are left out by
    ``cashInState=POSSIBLE``, and Paspartoe's cheap 202 by the card system."""
    answer = await client.promotions(
        uitpas_number=NORMAL, filter_on_user_points=True, max_results=100
    )
    found = {p.id for p in answer.promotions}
    assert {"101", "105", "108"} <= found
    assert not {"104", "109", "201", "202"} & found
    assert {p.cash_in_state for p in answer.promotions} == {"POSSIBLE"}


async def test_a_passholders_promotions_are_their_card_systems(client: UitpasClient) -> None:
    everything = await client.promotions(max_results=100)
    gent = await client.promotions(uitpas_number=NORMAL, max_results=100)
    brussels = await client.promotions(uitpas_number=BRUSSELS, max_results=100)
    assert {"201", "202", "101"} <= {p.id for p in everything.promotions}
    assert {p.owning_card_system for p in gent.promotions} == {GENT.name}
    assert {p.id for p in brussels.promotions} == {"201", "202"}


async def test_promotions_refused(client: UitpasClient) -> None:
    assert (await client.promotions(sort="NONSENSE")).code == "INVALID_PARAMETERS"
    assert (await client.promotions(uitpas_number=DELETED)).code == "INVALID_CARD"


async def test_one_promotion(client: UitpasClient, answer_format: str) -> None:
    answer = await client.promotion("102")
    assert answer.code is AnswerCode.ACTION_SUCCEEDED
    assert answer.promotion is not None
    assert answer.promotion.title == "Ticket voor een voorstelling"
    assert len(answer.promotion.pictures) == 2
    assert (await client.promotion("999")).code == "UNKNOWN_POINTS_PROMOTION_ID"
    assert (await client.promotion("abc")).code == "PARSE_INVALID_LONG"


async def test_pictures_are_served(client: UitpasClient, control: Control) -> None:
    answer = await client.promotion("101")
    assert answer.promotion is not None
    response = control.http.get(answer.promotion.pictures[0])
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


# --- consumers ------------------------------------------------------------------------------


async def test_a_wrong_secret_is_refused(server: BackgroundServer, control: Control) -> None:
    async with uitpas_client(server.url, "demo-key", "not-the-secret") as client:
        answer = await client.checkin(NORMAL, NOW_CODE)
    assert answer.code == "INVALID_SIGNATURE"
    assert control.passholder(NORMAL)["checkins"] == 0


async def test_an_unknown_consumer_is_refused(server: BackgroundServer, control: Control) -> None:
    async with uitpas_client(server.url, "nobody", "demo-secret") as client:
        assert (await client.points(NORMAL)).code == "INVALID_SIGNATURE"


async def test_a_consumer_without_the_checkin_permission(
    server: BackgroundServer, control: Control, answer_format: str
) -> None:
    async with uitpas_client(server.url, "limited-key", "limited-secret") as client:
        refused = await client.checkin(NORMAL, NOW_CODE)
        allowed = await client.points(NORMAL)
    assert refused.code == "ACCESS_DENIED"
    assert "punt sparen met QR code" in (refused.message or "")
    assert allowed.points == 25
    assert control.passholder(NORMAL)["checkins"] == 0


# --- no usable answer -----------------------------------------------------------------------


async def test_a_timeout_after_sending(server: BackgroundServer, control: Control) -> None:
    control.fault(path="enduser/checkin", delay=0.5)
    async with uitpas_client(server.url, timeout=0.1) as c:
        with pytest.raises(UitpasUnavailable) as caught:
            await c.checkin(NORMAL, NOW_CODE)
    assert caught.value.reason is UnavailableReason.TIMEOUT
    assert caught.value.sent is True


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_a_refused_connection_was_not_sent() -> None:
    async with uitpas_client(f"http://127.0.0.1:{_closed_port()}", timeout=2) as client:
        with pytest.raises(UitpasUnavailable) as caught:
            await client.checkin(NORMAL, NOW_CODE)
    assert caught.value.reason is UnavailableReason.CONNECTION
    assert caught.value.sent is False


async def test_an_html_502_page_is_unreadable(client: UitpasClient, control: Control) -> None:
    page = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"
    control.fault(path="enduser/checkin", status=502, body=page, content_type="text/html")
    with pytest.raises(UitpasUnavailable) as caught:
        await client.checkin(NORMAL, NOW_CODE)
    assert caught.value.reason is UnavailableReason.UNREADABLE
    assert caught.value.sent is True
    assert "502" in str(caught.value)
    # The fault applied once; the next check-in reaches the sandbox.
    assert (await client.checkin(NORMAL, NOW_CODE)).succeeded


async def test_broken_json_is_unreadable(client: UitpasClient, control: Control) -> None:
    control.fault(
        path="/uitpas/enduser/",
        status=200,
        body='{"code": "ACTION_SUCCEEDED"',
        content_type="application/json",
    )
    with pytest.raises(UitpasUnavailable) as caught:
        await client.points(NORMAL)
    assert caught.value.reason is UnavailableReason.UNREADABLE


async def test_a_connection_closed_mid_answer(client: UitpasClient, control: Control) -> None:
    control.fault(path="pointsPromotions", close=True)
    with pytest.raises(UitpasUnavailable) as caught:
        await client.promotions()
    assert caught.value.reason is UnavailableReason.CONNECTION
    assert caught.value.sent is True


async def test_a_400_with_a_code_is_an_answer(client: UitpasClient, control: Control) -> None:
    body = '{"code": "SOMETHING_NEW", "message": "Nieuw"}'
    control.fault(path="checkin", status=400, body=body, content_type="application/json")
    answer = await client.checkin(NORMAL, NOW_CODE)
    assert (answer.code, answer.message) == ("SOMETHING_NEW", "Nieuw")


# --- privacy --------------------------------------------------------------------------------


async def test_numbers_and_codes_never_reach_the_logs(
    client: UitpasClient, control: Control, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.uitpas")
    await client.checkin(NORMAL, URL_CODE)
    await client.points(NORMAL)
    control.fault(path="checkin", status=502, body="<html>oops</html>", content_type="text/html")
    with pytest.raises(UitpasUnavailable) as caught:
        await client.checkin(NORMAL, URL_CODE)
    records = [r for r in caplog.records if r.name.startswith("bot.uitpas")]
    assert records  # the client does log, just not these
    logged = "\n".join(r.getMessage() for r in records) + str(caught.value)
    for secret in (NORMAL, NORMAL[4:10], URL_CODE, "ndm24bawzzswzunwa2hotji8", "demo-secret"):
        assert secret not in logged
    assert "demo-secret" not in repr(client)


# --- the request itself ---------------------------------------------------------------------


async def test_requests_as_uitpas_expects_them() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(400, json={"code": "ANYTHING"})

    transport = httpx.MockTransport(handler)
    async with UitpasClient(
        "https://test.uitid.be/uitid/rest/", "k", "s", transport=transport
    ) as c:
        await c.checkin(NORMAL, URL_CODE)
        await c.points(NORMAL)
        await c.promotions(in_spotlight=True, unexpired=False, uitpas_number=NORMAL)
        await c.promotion("7")
        await c.points("0930/../x")
    checkin, points, promotions, promotion, odd = seen
    assert checkin.method == "POST"
    assert str(checkin.url) == "https://test.uitid.be/uitid/rest/uitpas/enduser/checkin"
    assert checkin.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(checkin.content.decode()) == {
        "uitpasNumber": [NORMAL],
        "checkinCode": [URL_CODE],
    }
    assert str(points.url) == f"https://test.uitid.be/uitid/rest/uitpas/enduser/{NORMAL}"
    assert promotions.url.path == "/uitid/rest/uitpas/passholder/pointsPromotions"
    assert dict(promotions.url.params) == {
        "uitpasNumber": NORMAL,
        "inSpotlight": "true",
        "unexpired": "false",
        "start": "0",
        "max": "20",
    }
    assert promotion.url.path == "/uitid/rest/uitpas/promotion/pointsPromotion/7"
    assert odd.url.raw_path == b"/uitid/rest/uitpas/enduser/0930%2F..%2Fx"  # stays one segment
    for request in seen:
        assert request.headers["Authorization"].startswith("OAuth ")
    for request in (checkin, points, odd):
        assert request.headers["Accept"] == "application/json"
    # publiq documents the promotion answers only in XML, so those two calls ask for XML.
    for request in (promotions, promotion):
        assert request.headers["Accept"] == "application/xml"


@pytest.mark.parametrize(
    ("error", "reason", "sent"),
    [
        (httpx.ConnectTimeout("t"), UnavailableReason.TIMEOUT, False),
        (httpx.PoolTimeout("t"), UnavailableReason.TIMEOUT, False),
        (httpx.ReadTimeout("t"), UnavailableReason.TIMEOUT, True),
        (httpx.WriteTimeout("t"), UnavailableReason.TIMEOUT, True),
        (httpx.ConnectError("refused"), UnavailableReason.CONNECTION, False),
        (httpx.RemoteProtocolError("closed"), UnavailableReason.CONNECTION, True),
        (httpx.ReadError("reset"), UnavailableReason.CONNECTION, True),
    ],
)
async def test_transport_failures(
    error: httpx.TransportError, reason: UnavailableReason, sent: bool
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    transport = httpx.MockTransport(handler)
    async with UitpasClient("http://uitpas.test/uitid/rest", "k", "s", transport=transport) as c:
        with pytest.raises(UitpasUnavailable) as caught:
            await c.checkin(NORMAL, NOW_CODE)
    assert (caught.value.reason, caught.value.sent) == (reason, sent)


# --- refusals of the bot itself ---------------------------------------------------------------


def _answering(status: int, body: bytes, content_type: str) -> httpx.MockTransport:
    return httpx.MockTransport(
        lambda request: httpx.Response(status, content=body, headers={"Content-Type": content_type})
    )


@pytest.mark.parametrize("status", [401, 403])
@pytest.mark.parametrize(
    ("body", "content_type"),
    [(b"", "text/plain"), (b"<html><body>Forbidden</body></html>", "text/html")],
)
async def test_a_bare_401_or_403_refuses_the_bot_rather_than_being_unavailable(
    status: int, body: bytes, content_type: str, caplog: pytest.LogCaptureFixture
) -> None:
    transport = _answering(status, body, content_type)
    async with UitpasClient("https://test.uitid.be/uitid/rest", "k", "s", transport=transport) as c:
        with caplog.at_level(logging.ERROR, logger="bot.uitpas.client"):
            checkin = await c.checkin(NORMAL, NOW_CODE)
            points = await c.points(NORMAL)
            listing = await c.promotions(uitpas_number=NORMAL)
            one = await c.promotion("7")
    for answer in (checkin, points, listing, one):
        assert answer.refuses_the_bot
        assert not answer.succeeded
        assert answer.http_status == status
    assert "refuses the bot's credentials" in caplog.text
    assert NORMAL not in caplog.text


async def test_a_bare_500_is_still_unavailable() -> None:
    transport = _answering(500, b"", "text/plain")
    async with UitpasClient("https://test.uitid.be/uitid/rest", "k", "s", transport=transport) as c:
        with pytest.raises(UitpasUnavailable) as raised:
            await c.points(NORMAL)
    assert raised.value.reason is UnavailableReason.UNREADABLE


async def test_access_denied_logs_the_required_permission(
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = (
        b'<?xml version="1.0"?><response><code>ACCESS_DENIED</code>'
        b"<message>Geen toegang</message><requiredPermission>PASSHOLDER_SEARCH</requiredPermission>"
        b"</response>"
    )
    transport = _answering(403, body, "application/xml")
    async with UitpasClient("https://test.uitid.be/uitid/rest", "k", "s", transport=transport) as c:
        with caplog.at_level(logging.ERROR, logger="bot.uitpas.client"):
            answer = await c.promotions(uitpas_number=NORMAL)
    assert answer.code == "ACCESS_DENIED"
    assert answer.required_permission == "PASSHOLDER_SEARCH"
    assert answer.refuses_the_bot
    assert "requiredPermission=PASSHOLDER_SEARCH" in caplog.text
    assert NORMAL not in caplog.text
