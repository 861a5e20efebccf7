"""Reading UiTPAS's quirky answers: documented examples, loose types, and non-answers."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.uitpas.models import AnswerCode, Event, Organiser
from bot.uitpas.parsing import (
    UnreadableAnswer,
    parse_checkin,
    parse_points,
    parse_promotion,
    parse_promotions,
)

# The check-in answer exactly as published: note the missing comma after the code.
PUBLISHED_CHECKIN = b"""{
  "code": "ACTION_SUCCEEDED"
  "points": 5,
  "event": {
    "id": "fd1f4d98-8ee3-44f6-ae61-8d64e3b5e40c",
    "title": "Cultuurnet Vlaanderen",
    "organiser": {
      "id": "47B6FA21-ACB1-EA8F-2C231182C7DD0A19",
      "name": "CultuurNet Vlaanderen"
    }
  },
  "pointsPromotions": [
   {
      "id": 1,
      "title": "Voordeel1",
      "points": 10,
      "description1": "description 1",
      "description2": "description 2",
      "pictures": "[]",
      "maxAvailableUnits": 10,
      "inSpotlight": false
    },
   {
      "id": 1,
      "title": "Voordeel2",
      "points": 10,
      "description1": "description 1",
      "description2": "description 2",
      "pictures": "[]",
      "maxAvailableUnits": 10,
      "inSpotlight": true
    }]
}"""

# The promotions answer as documented (XML, no code).
PUBLISHED_PROMOTIONS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<response>
    <promotions>
        <promotion>
            <applicableCardSystems>
                <cardsystem><id>1</id><name>HELA</name></cardsystem>
            </applicableCardSystems>
            <balies>
                <balie><name>'t Gasthuys - Stedelijk Museum Aalst</name><id>5</id></balie>
                <balie><name>CC De Werf</name><id>7</id></balie>
            </balies>
            <cashedIn>false</cashedIn>
            <id>7</id>
            <owningCardSystem><id>1</id><name>HELA</name></owningCardSystem>
            <pictures><picture>http://picture_url/3720198_300.jpg</picture></pictures>
            <points>5</points>
            <title>Gratis stickers</title>
            <creationDate>2012-02-23T16:25:57+01:00</creationDate>
            <cashingPeriodBegin>2010-01-01T00:00:00+01:00</cashingPeriodBegin>
            <cashingPeriodEnd>2015-12-31T00:00:00+01:00</cashingPeriodEnd>
            <validForCities><city>Aalst</city><city>Erpe-Mere</city><city>Haaltert</city></validForCities>
            <maxAvailableUnits>2</maxAvailableUnits>
            <unitsTaken>2</unitsTaken>
        </promotion>
        <promotion>
            <balies><balie><name>CC De Werf</name><id>7</id></balie></balies>
            <cashedIn>false</cashedIn>
            <id>6</id>
            <points>5</points>
            <title>Gratis drankje</title>
            <maxAvailableUnits/>
            <inSpotlight>true</inSpotlight>
            <cashInState>NOT_POSSIBLE_POINTS_CONSTRAINT</cashInState>
        </promotion>
    </promotions>
    <total>2</total>
</response>"""

PUBLISHED_PROMOTION = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pointsPromotionTO>
    <balies><balie><name>CC De Werf</name><id>31413BDF</id></balie></balies>
    <id>3</id>
    <inSpotlight>false</inSpotlight>
    <pictures/>
    <points>1</points>
    <title>Gratis drankje</title>
    <maxAvailableUnits>200</maxAvailableUnits>
    <unitsTaken>2</unitsTaken>
    <cashInState>POSSIBLE</cashInState>
</pointsPromotionTO>"""


def test_the_published_checkin_example_is_unreadable_not_a_crash() -> None:
    with pytest.raises(UnreadableAnswer):
        parse_checkin(PUBLISHED_CHECKIN, "application/json")


def test_the_published_checkin_example_with_its_comma_back() -> None:
    body = PUBLISHED_CHECKIN.replace(b'"ACTION_SUCCEEDED"\n', b'"ACTION_SUCCEEDED",\n')
    answer = parse_checkin(body, "application/json")
    assert answer.code is AnswerCode.ACTION_SUCCEEDED
    assert answer.succeeded
    assert answer.points == 5
    assert answer.saved_points is None
    assert answer.event == Event(
        id="fd1f4d98-8ee3-44f6-ae61-8d64e3b5e40c",
        title="Cultuurnet Vlaanderen",
        organiser=Organiser(id="47B6FA21-ACB1-EA8F-2C231182C7DD0A19", name="CultuurNet Vlaanderen"),
    )
    first, second = answer.promotions  # two promotions sharing an id both survive
    assert (first.id, second.id) == ("1", "1")
    assert first.pictures == ()
    assert first.max_available_units == 10
    assert (first.in_spotlight, second.in_spotlight) == (False, True)
    assert answer.spotlight == (second,)


@pytest.mark.parametrize(
    ("pictures", "expected"),
    [
        (["http://a/1.png", "http://a/2.png"], ("http://a/1.png", "http://a/2.png")),
        ('["http://a/1.png"]', ("http://a/1.png",)),
        ("[]", ()),
        ("", ()),
        ("http://a/only.png", ("http://a/only.png",)),
        ("[broken", ()),
        (None, ()),
        (7, ()),
    ],
)
def test_pictures_as_array_or_json_encoded_string(pictures: object, expected: tuple) -> None:
    body = json.dumps(
        {"code": "ACTION_SUCCEEDED", "pointsPromotions": [{"id": 1, "pictures": pictures}]}
    )
    assert parse_checkin(body.encode()).promotions[0].pictures == expected


def test_numbers_and_booleans_as_strings() -> None:
    body = {
        "code": "ACTION_SUCCEEDED",
        "points": "26",
        "savedPoints": " 1 ",
        "pointsPromotions": [
            {"id": "9", "points": "10", "maxAvailableUnits": "", "inSpotlight": "TRUE"},
            {"id": 10, "points": 3.0, "maxAvailableUnits": "5", "inSpotlight": "false"},
            {"id": 11, "points": "ten", "maxAvailableUnits": True, "inSpotlight": "maybe"},
        ],
    }
    answer = parse_checkin(json.dumps(body).encode())
    assert (answer.points, answer.saved_points) == (26, 1)
    a, b, c = answer.promotions
    assert (a.points, a.max_available_units, a.in_spotlight) == (10, None, True)
    assert (b.id, b.points, b.max_available_units, b.in_spotlight) == ("10", 3, 5, False)
    assert (c.points, c.max_available_units, c.in_spotlight) == (None, None, False)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-12-31T23:59:59+01:00", datetime(2015, 12, 31, 22, 59, 59, tzinfo=UTC)),
        ("2015-12-31T22:59:59Z", datetime(2015, 12, 31, 22, 59, 59, tzinfo=UTC)),
        (1451602799000, datetime(2015, 12, 31, 22, 59, 59, tzinfo=UTC)),
        ("1451602799000", datetime(2015, 12, 31, 22, 59, 59, tzinfo=UTC)),
        ("31/12/2015", None),
        ({"date": 1}, None),
    ],
)
def test_dates_as_iso_or_epoch_millis(value: object, expected: datetime | None) -> None:
    body = json.dumps({"promotions": [{"id": 1, "cashingPeriodEnd": value}]}).encode()
    assert parse_promotions(body).promotions[0].cashing_period_end == expected


def test_a_date_without_offset_stays_naive() -> None:
    body = json.dumps({"promotions": [{"id": 1, "cashingPeriodBegin": "2015-01-01T10:00:00"}]})
    assert parse_promotions(body.encode()).promotions[0].cashing_period_begin == datetime(
        2015, 1, 1, 10
    )


def test_every_field_but_code_is_optional() -> None:
    answer = parse_checkin(b'{"code": "CHECKIN_CODE_INVALID"}')
    assert answer.code is AnswerCode.CHECKIN_CODE_INVALID
    assert not answer.succeeded
    assert (answer.points, answer.event, answer.promotions) == (None, None, ())


def test_unknown_codes_stay_plain_strings() -> None:
    answer = parse_checkin(b'{"code": "MAXIMUM_REACHED", "message": "Al gespaard", "points": 4}')
    assert answer.code == "MAXIMUM_REACHED"
    assert not isinstance(answer.code, AnswerCode)
    assert answer.message == "Al gespaard"


def test_odd_shapes_in_optional_fields_are_read_as_absent() -> None:
    body = {"code": "ACTION_SUCCEEDED", "points": {"x": 1}, "event": "Jazz", "pointsPromotions": 3}
    answer = parse_checkin(json.dumps(body).encode())
    assert (answer.points, answer.event, answer.promotions) == (None, None, ())
    event = parse_checkin(b'{"code": "ACTION_SUCCEEDED", "event": {"organiser": "x"}}').event
    assert event == Event()


def test_points_answer() -> None:
    assert parse_points(b'{"points": 4, "code": "ACTION_SUCCEEDED"}').points == 4
    xml = b"<response><code>UNKNOWN_UITPASNUMBER</code><message>Onbekend</message></response>"
    answer = parse_points(xml, "application/xml")
    assert (answer.code, answer.message, answer.points) == (
        "UNKNOWN_UITPASNUMBER",
        "Onbekend",
        None,
    )


def test_the_published_promotions_example_without_code_is_a_success() -> None:
    answer = parse_promotions(PUBLISHED_PROMOTIONS, "application/xml;charset=UTF-8")
    assert answer.code is AnswerCode.ACTION_SUCCEEDED
    assert answer.total == 2
    stickers, drink = answer.promotions
    assert stickers.id == "7"
    assert stickers.points == 5
    assert stickers.pictures == ("http://picture_url/3720198_300.jpg",)
    assert stickers.balies == ("'t Gasthuys - Stedelijk Museum Aalst", "CC De Werf")
    assert stickers.cities == ("Aalst", "Erpe-Mere", "Haaltert")
    assert stickers.owning_card_system == "HELA"
    assert (stickers.max_available_units, stickers.units_taken, stickers.units_left) == (2, 2, 0)
    assert stickers.cashing_period_end == datetime(
        2015, 12, 31, tzinfo=timezone(timedelta(hours=1))
    )
    assert stickers.in_spotlight is False
    assert drink.balies == ("CC De Werf",)  # a single balie is still a list
    assert drink.max_available_units is None  # empty: unlimited
    assert drink.units_left is None
    assert drink.in_spotlight is True
    assert drink.cash_in_state == "NOT_POSSIBLE_POINTS_CONSTRAINT"


def test_promotions_in_json_with_or_without_code() -> None:
    body = {"promotions": [{"id": 1, "title": "Koffie"}], "total": "1"}
    assert parse_promotions(json.dumps(body).encode()).code is AnswerCode.ACTION_SUCCEEDED
    assert parse_promotions(b"[]").promotions == ()  # a bare list of promotions
    error = parse_promotions(
        b'{"code": "INVALID_PARAMETERS", "message": "sort"}', "application/json"
    )
    assert (error.code, error.promotions, error.total) == ("INVALID_PARAMETERS", (), None)


def test_promotions_error_in_xml_with_required_permission() -> None:
    body = (
        b"<response><code>ACCESS_DENIED</code><message>Geen recht</message>"
        b"<requiredPermission>PERMISSION_POINTSPROMOTION</requiredPermission></response>"
    )
    answer = parse_promotions(body, "application/xml")
    assert (answer.code, answer.message) == ("ACCESS_DENIED", "Geen recht")


def test_the_published_single_promotion_is_a_success() -> None:
    answer = parse_promotion(PUBLISHED_PROMOTION, "application/xml")
    assert answer.code is AnswerCode.ACTION_SUCCEEDED
    assert answer.promotion is not None
    assert answer.promotion.id == "3"
    assert answer.promotion.pictures == ()
    assert answer.promotion.units_left == 198
    assert answer.promotion.cash_in_state == "POSSIBLE"


def test_a_single_promotion_error() -> None:
    body = b"<response><code>UNKNOWN_POINTS_PROMOTION_ID</code></response>"
    answer = parse_promotion(body)
    assert (answer.code, answer.promotion) == ("UNKNOWN_POINTS_PROMOTION_ID", None)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<response><code>&lol3;</code></response>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<response><code>&x;</code></response>"""


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        pytest.param(BILLION_LAUGHS, "application/xml", id="entity-expansion"),
        pytest.param(EXTERNAL_ENTITY, "application/xml", id="external-entity"),
        pytest.param(
            b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
            "text/html",
            id="html-502",
        ),
        pytest.param(
            b"<html><body><p>Service Unavailable</p></body></html>", None, id="html-no-doctype"
        ),
        pytest.param(b"<html><body><br></body></html>", "text/html", id="html-not-xml"),
        pytest.param(b"Bad Gateway", "text/plain", id="plain-text"),
        pytest.param(b"", None, id="empty"),
        pytest.param(b'{"code": "ACTION_SUCCEEDED"', "application/json", id="truncated-json"),
        pytest.param(b'{"points": 4}', "application/json", id="no-code"),
        pytest.param(b'{"code": ""}', "application/json", id="empty-code"),
        pytest.param(b'{"code": {"value": "X"}}', "application/json", id="code-not-text"),
        pytest.param(b'["ACTION_SUCCEEDED"]', "application/json", id="array"),
        pytest.param(b'"ACTION_SUCCEEDED"', "application/json", id="string"),
        pytest.param(b'{"code": "\xff\xfe"}', "application/json", id="not-utf8"),
        pytest.param(b"<response>ACTION_SUCCEEDED</response>", "application/xml", id="xml-leaf"),
        pytest.param(b"<response><code>X</code>", "application/xml", id="truncated-xml"),
        pytest.param(b"[" * 100_000, "application/json", id="deep-nesting"),
    ],
)
def test_bodies_that_are_not_answers_are_unreadable(body: bytes, content_type: str | None) -> None:
    with pytest.raises(UnreadableAnswer):
        parse_checkin(body, content_type)


def test_the_declared_type_wins_over_sniffing() -> None:
    with pytest.raises(UnreadableAnswer):
        parse_points(b'{"code": "ACTION_SUCCEEDED"}', "application/xml")
    assert parse_points(b'{"code": "ACTION_SUCCEEDED"}', "text/plain").succeeded


def test_an_empty_promotions_list_without_code_is_a_success_but_an_empty_object_is_not() -> None:
    assert parse_promotions(b"<response><promotions/><total>0</total></response>").total == 0
    with pytest.raises(UnreadableAnswer):
        parse_promotions(b"{}")
    with pytest.raises(UnreadableAnswer):
        parse_promotion(b"{}")


_FIELDS = ["code", "points", "event", "pointsPromotions", "promotions", "pictures", "id"]
_FIELDS += ["title", "organiser", "inSpotlight", "maxAvailableUnits", "cashingPeriodEnd", "x"]
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(_FIELDS), children, max_size=6)
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(_json_values)
def test_any_json_gives_an_answer_or_unreadable_never_another_error(value: object) -> None:
    body = json.dumps(value).encode()
    for parse in (parse_checkin, parse_points, parse_promotions, parse_promotion):
        with contextlib.suppress(UnreadableAnswer):
            parse(body, "application/json")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_an_answer_or_unreadable_never_another_error(body: bytes) -> None:
    for content_type in (None, "application/xml", "application/json"):
        with contextlib.suppress(UnreadableAnswer):
            parse_checkin(body, content_type)


# --- points as publiq's PHP client reads them -------------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"), [("10.000", 10), ("23.550", 23), ("7", 7), ("0.0", 0)]
)
def test_points_written_with_decimals_are_whole_points_as_culturefeed_reads_them(
    written: str, read: int
) -> None:
    """culturefeed reads points with ``intval``: the whole part before the dot."""
    xml = f"<response><code>ACTION_SUCCEEDED</code><points>{written}</points></response>"
    assert parse_points(xml.encode(), "application/xml").points == read
    checkin = parse_checkin(
        f"<response><code>ACTION_SUCCEEDED</code><points>{written}</points>"
        f"<savedPoints>{written}</savedPoints></response>".encode()
    )
    assert (checkin.points, checkin.saved_points) == (read, read)
    listing = parse_promotions(
        f"<response><promotions><promotion><id>1</id><title>Koffie</title>"
        f"<points>{written}</points></promotion></promotions><total>1</total></response>".encode()
    )
    assert listing.promotions[0].points == read


def test_points_as_json_decimals_are_whole_points_too() -> None:
    assert parse_points(b'{"code": "ACTION_SUCCEEDED", "points": 23.55}').points == 23


def test_points_that_are_no_number_stay_absent() -> None:
    for written in ("tien", "1.2.3", ".5", "10.abc"):
        xml = f"<response><code>ACTION_SUCCEEDED</code><points>{written}</points></response>"
        assert parse_points(xml.encode()).points is None
