"""How sandbox answers look on the wire: JSON, or XML in the legacy API's shape.

The two formats differ the way the real API's do, so that a client reading only one of them
fails here first: XML carries everything as text (``<inSpotlight>true</inSpotlight>``, empty
``<maxAvailableUnits/>`` for "unlimited", W3C dates with an offset), lists are wrapped
(``<pictures><picture>..``), and JSON dates are epoch milliseconds, as Java JSON mappers write
them by default.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from starlette.responses import Response

from bot.sandbox.uitpas.answers import Answer, EncodedInJson

JSON = "application/json;charset=UTF-8"
XML = "application/xml;charset=UTF-8"

# List fields and the tag of each of their items.
_ITEM_TAGS = {
    "pictures": "picture",
    "balies": "balie",
    "validForCities": "city",
    "promotions": "promotion",
    "pointsPromotions": "pointsPromotion",
    "applicableCardSystems": "cardsystem",
}


def wants_json(accept: str | None, *, default_json: bool) -> bool:
    """JSON when asked for; otherwise the endpoint's own default unless XML is asked for."""
    accept = (accept or "").lower()
    if "json" in accept:
        return True
    if "xml" in accept:
        return False
    return default_json


def render(answer: Answer, *, as_json: bool) -> Response:
    if as_json:
        body = json.dumps(_json_ready(answer.payload), default=_json_value, ensure_ascii=False)
        return Response(body.encode("utf-8"), answer.status, media_type=JSON)
    root = Element(answer.xml_root)
    _fill(root, answer.payload)
    body = tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, answer.status, media_type=XML)


def _json_ready(value: Any) -> Any:
    if isinstance(value, EncodedInJson):
        return json.dumps(list(value))
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return int(value.timestamp() * 1000)
    raise TypeError(f"cannot render {type(value).__name__} as JSON")


def _fill(element: Element, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        child = SubElement(element, name)
        if isinstance(value, list):
            item_tag = _ITEM_TAGS.get(name, "item")
            for item in value:
                _set(SubElement(child, item_tag), item)
        else:
            _set(child, value)


def _set(element: Element, value: Any) -> None:
    if isinstance(value, dict):
        _fill(element, value)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif isinstance(value, datetime):
        element.text = value.isoformat(timespec="seconds")
    elif value is not None:
        element.text = str(value)
