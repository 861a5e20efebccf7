"""Read legacy UiTPAS answers, JSON or XML, into the typed answers of :mod:`bot.uitpas.models`.

UiTPAS is loose about its own format: the check-in answer's published example sends ``pictures``
as the JSON-encoded string ``"[]"``, XML carries every number and boolean as text, dates come as
W3C/ISO-8601 strings or epoch milliseconds, and almost any field may be missing. Only ``code``
matters for deciding what happened, so only a missing ``code`` (or a body that is neither JSON
nor XML) makes an answer unreadable; an odd value in any other field is read as absent rather
than thrown away with the whole answer, because a missing title must not cost a point.

The promotions endpoints are the exception to "no code, no answer": their documented answers
(``/response/promotions/promotion*`` with ``/response/total``, and a bare ``pointsPromotionTO``)
carry no code at all, so there a recognisable body without a code is a success.

Both formats are first turned into one plain tree (dicts, lists, strings, numbers), so that the
field mapping below exists once. XML is parsed with expat directly and refuses any document type
declaration: without a DTD no entity can be declared, so no entity expansion ("billion laughs")
or external entity can happen, and no third-party hardening library is needed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, NoReturn
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from bot.uitpas.models import (
    AnswerCode,
    CheckinAnswer,
    Event,
    Organiser,
    PointsAnswer,
    Promotion,
    PromotionAnswer,
    PromotionsAnswer,
)

__all__ = [
    "UnreadableAnswer",
    "parse_checkin",
    "parse_points",
    "parse_promotion",
    "parse_promotions",
]

# XML elements whose children form a list whatever their tag, so that ``<pictures><picture/>
# </pictures>`` reads like JSON's ``"pictures": [...]`` even when it holds a single picture.
_XML_LISTS = frozenset(
    {
        "pictures",
        "balies",
        "validForCities",
        "promotions",
        "pointsPromotions",
        "applicableCardSystems",
    }
)

Tree = dict[str, Any]


class UnreadableAnswer(ValueError):
    """The body is not an answer we can read: not JSON or XML, or without the code it needs."""


def parse_checkin(body: bytes, content_type: str | None = None) -> CheckinAnswer:
    """The answer of ``POST /uitpas/enduser/checkin``."""
    tree = _read(body, content_type)
    event = tree.get("event")
    return CheckinAnswer(
        code=_code(tree),
        message=_text(tree.get("message")),
        required_permission=_text(tree.get("requiredPermission")),
        points=_points(tree.get("points")),
        saved_points=_points(tree.get("savedPoints")),
        event=_event(event) if isinstance(event, Mapping) else None,
        promotions=_promotions(tree.get("pointsPromotions")),
    )


def parse_points(body: bytes, content_type: str | None = None) -> PointsAnswer:
    """The answer of ``GET /uitpas/enduser/{uitpasNumber}``."""
    tree = _read(body, content_type)
    return PointsAnswer(
        code=_code(tree),
        message=_text(tree.get("message")),
        required_permission=_text(tree.get("requiredPermission")),
        points=_points(tree.get("points")),
    )


def parse_promotions(body: bytes, content_type: str | None = None) -> PromotionsAnswer:
    """The answer of ``GET /uitpas/passholder/pointsPromotions``."""
    tree = _read(body, content_type, top_level_list="promotions")
    listing = "promotions" in tree or "total" in tree
    code = _code(tree, default=AnswerCode.ACTION_SUCCEEDED if listing else None)
    return PromotionsAnswer(
        code=code,
        message=_text(tree.get("message")),
        required_permission=_text(tree.get("requiredPermission")),
        promotions=_promotions(tree.get("promotions")),
        total=_int(tree.get("total")),
    )


def parse_promotion(body: bytes, content_type: str | None = None) -> PromotionAnswer:
    """The answer of ``GET /uitpas/promotion/pointsPromotion/{id}``: the promotion itself."""
    tree = _read(body, content_type)
    wrapped = tree.get("pointsPromotion", tree.get("promotion"))
    fields = wrapped if isinstance(wrapped, Mapping) else tree
    is_promotion = "id" in fields or "title" in fields
    code = _code(tree, default=AnswerCode.ACTION_SUCCEEDED if is_promotion else None)
    return PromotionAnswer(
        code=code,
        message=_text(tree.get("message")),
        required_permission=_text(tree.get("requiredPermission")),
        promotion=_promotion(fields) if is_promotion else None,
    )


# --- from bytes to a plain tree ------------------------------------------------------------


def _read(body: bytes, content_type: str | None, *, top_level_list: str | None = None) -> Tree:
    """One plain tree from a JSON or XML body; the declared type wins, the first byte decides."""
    declared = (content_type or "").split(";")[0].strip().lower()
    start = body.lstrip()[:1]
    if declared.endswith("json") or (not declared.endswith("xml") and start in (b"{", b"[")):
        tree: Any = _read_json(body)
    elif declared.endswith("xml") or start == b"<":
        tree = _read_xml(body)
    else:
        _unreadable(f"neither JSON nor XML ({declared or 'no content type'})")
    if isinstance(tree, list) and top_level_list:
        tree = {top_level_list: tree}
    if not isinstance(tree, dict):
        _unreadable("the body is not an object")
    return tree


def _read_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError
        _unreadable(f"broken JSON: {type(exc).__name__}")


def _read_xml(body: bytes) -> Tree:
    builder = TreeBuilder()
    parser = expat.ParserCreate()

    def refuse_dtd(*_: object) -> NoReturn:
        raise UnreadableAnswer("XML with a document type declaration is refused")

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_dtd
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(body, True)
    except expat.ExpatError as exc:
        _unreadable(f"broken XML: {expat.errors.messages.get(exc.code, 'error')}")
    root = builder.close()
    content = _xml_value(root)
    if not isinstance(content, dict):
        _unreadable("the XML root holds no elements")
    return content


def _xml_value(element: Element) -> Any:
    """An element as JSON would have it: text for a leaf, a list or a dict otherwise."""
    children = list(element)
    text = (element.text or "").strip()
    if element.tag in _XML_LISTS and (children or not text):
        return [_xml_value(child) for child in children]
    if not children:
        return text or None  # a list element with text only stays text: '["a.png"]'
    return {child.tag: _xml_value(child) for child in children}


def _unreadable(reason: str) -> NoReturn:
    raise UnreadableAnswer(reason)


# --- from the tree to the models -----------------------------------------------------------


def _code(tree: Tree, *, default: str | None = None) -> str:
    code = _text(tree.get("code")) or default
    if not code:
        _unreadable("the answer has no code")
    try:
        return AnswerCode(code)
    except ValueError:
        return code  # a code the bot does not know by name stays a plain string


def _event(fields: Mapping[str, Any]) -> Event:
    organiser = fields.get("organiser")
    return Event(
        id=_text(fields.get("id")),
        title=_text(fields.get("title")),
        organiser=(
            Organiser(id=_text(organiser.get("id")), name=_text(organiser.get("name")))
            if isinstance(organiser, Mapping)
            else None
        ),
    )


def _promotions(value: Any) -> tuple[Promotion, ...]:
    if isinstance(value, Mapping):  # one promotion where a list was expected
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(_promotion(item) for item in value if isinstance(item, Mapping))


def _promotion(fields: Mapping[str, Any]) -> Promotion:
    return Promotion(
        id=_text(fields.get("id")),
        title=_text(fields.get("title")),
        points=_points(fields.get("points")),
        description1=_text(fields.get("description1")),
        description2=_text(fields.get("description2")),
        pictures=_pictures(fields.get("pictures")),
        max_available_units=_int(fields.get("maxAvailableUnits")),
        units_taken=_int(fields.get("unitsTaken")),
        in_spotlight=bool(_bool(fields.get("inSpotlight"))),
        cashing_period_begin=_datetime(fields.get("cashingPeriodBegin")),
        cashing_period_end=_datetime(fields.get("cashingPeriodEnd")),
        owning_card_system=_name(fields.get("owningCardSystem")),
        balies=_names(fields.get("balies")),
        cities=_names(fields.get("validForCities")),
        cash_in_state=_text(fields.get("cashInState")),
    )


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _points(value: Any) -> int | None:
    """Points as publiq's own PHP client (culturefeed) reads them: PHP's ``intval``.

    UiTPAS stores points as a double and its XML may write them as ``10.000`` or ``23.550``;
    culturefeed's ``xpath_int('points')`` is ``intval``, which keeps the whole part before the
    dot (10 and 23). Reading them as absent would cost the passholder their balance.
    """
    if isinstance(value, str):
        whole, dot, fraction = value.strip().partition(".")
        if dot and fraction.isdigit():
            value = whole
    elif isinstance(value, float) and value == value and abs(value) != float("inf"):
        value = int(value)
    return _int(value)


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return {"true": True, "false": False}.get(value.strip().lower())
    return None


def _datetime(value: Any) -> datetime | None:
    """ISO-8601 (W3C) text, or epoch milliseconds as a number or digits.

    A value without an offset is returned naive: guessing a zone would hide that it was missing.
    """
    millis = _int(value)
    if millis is not None:
        try:
            return datetime.fromtimestamp(millis / 1000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _pictures(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                return ()
        else:
            value = [text] if text else []
    if not isinstance(value, list):
        return ()
    return tuple(url for item in value if (url := _text(item)))


def _name(value: Any) -> str | None:
    """A name that comes as plain text or as an object ``{id, name}`` (balies, card systems)."""
    if isinstance(value, Mapping):
        return _text(value.get("name")) or _text(value.get("id"))
    return _text(value)


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, Mapping | str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(name for item in value if (name := _name(item)))
