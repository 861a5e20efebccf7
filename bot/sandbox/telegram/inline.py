"""Inline mode, as Telegram does it: a user types ``@bot words`` in any chat, the bot gets an
``inline_query`` update and answers with ``answerInlineQuery``; the user picks a result, which
is posted in that chat as the user's own message "via @bot".

The checks are Telegram's: the answer must come within :data:`ANSWER_SECONDS` and only once
(``QUERY_TOO_OLD`` otherwise), at most 50 results with unique ids of 1-64 bytes, an article
needs a title and an ``input_message_content`` whose text parses (HTML included), buttons are
inline keyboards, and the results button carries a valid ``start_parameter``.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from .errors import QUERY_TOO_OLD, bad_request
from .formatting import format_text
from .keyboards import inline_keyboard, parse_reply_markup

ANSWER_SECONDS = 10.0  # Telegram: an inline query must be answered within about 10 seconds
MAX_RESULTS = 50
QUERY_LIMIT = 256  # characters of the query Telegram sends
_START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")
CHAT_TYPES = frozenset({"sender", "private", "group", "supergroup", "channel"})


@dataclass
class InlineQuery:
    id: str
    user: dict[str, Any]
    query: str
    chat_type: str | None
    asked_at: float = field(default_factory=time.monotonic)
    answer: dict[str, Any] | None = None

    def update(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "from": self.user, "query": self.query, "offset": ""}
        if self.chat_type is not None:
            body["chat_type"] = self.chat_type
        return body


def new_query(user: dict[str, Any], query: str, chat_type: str | None) -> InlineQuery:
    if chat_type is not None and chat_type not in CHAT_TYPES:
        raise bad_request(f"chat_type must be one of {sorted(CHAT_TYPES)}")
    return InlineQuery(str(secrets.randbits(62)), user, query[:QUERY_LIMIT], chat_type)


def _json(value: Any, what: str) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {what} JSON object") from None
    return value


def check_answer(
    query: InlineQuery | None, raw_results: Any, raw_button: Any, *, strict_html: bool
) -> dict[str, Any]:
    """The stored answer of a valid ``answerInlineQuery``, or the error Telegram gives."""
    if query is None or query.answer is not None:
        raise bad_request(QUERY_TOO_OLD)
    if time.monotonic() - query.asked_at > ANSWER_SECONDS:
        raise bad_request(QUERY_TOO_OLD)
    results = _json(raw_results, "inline query results")
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(results) > MAX_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    checked = []
    for result in results:
        if not isinstance(result, dict):
            raise bad_request("can't parse InlineQueryResult JSON object")
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        checked.append(_check_result(result, strict_html=strict_html))
    answer: dict[str, Any] = {"results": checked}
    button = _json(raw_button, "InlineQueryResultsButton")
    if button is not None:
        if not isinstance(button, dict) or not isinstance(button.get("text"), str):
            raise bad_request("can't parse InlineQueryResultsButton JSON object")
        start = button.get("start_parameter")
        if ("web_app" in button) == (start is not None):
            raise bad_request("exactly one of web_app and start_parameter must be given")
        if start is not None and (
            not isinstance(start, str) or _START_PARAMETER.fullmatch(start) is None
        ):
            raise bad_request("START_PARAM_INVALID")
        answer["button"] = button
    query.answer = answer
    return answer


def _check_result(result: dict[str, Any], *, strict_html: bool) -> dict[str, Any]:
    if result.get("type") != "article":
        # The bot only sends articles; any other type is out of the emulator's scope.
        raise bad_request(f"the emulator supports article results only, not {result.get('type')!r}")
    title = result.get("title")
    if not isinstance(title, str) or not title.strip():
        raise bad_request(
            'can\'t parse InlineQueryResultArticle: Field "title" must be of type String'
        )
    content = result.get("input_message_content")
    if not isinstance(content, dict) or not isinstance(content.get("message_text"), str):
        raise bad_request(
            'can\'t parse InputMessageContent: Field "message_text" must be of type String'
        )
    text, entities = format_text(
        content["message_text"],
        content.get("parse_mode"),
        content.get("entities"),
        strict=strict_html,
    )
    if not text:
        raise bad_request("MESSAGE_EMPTY")
    if len(text) > 4096:
        raise bad_request("MESSAGE_TOO_LONG")
    checked = dict(result)
    checked["_message"] = {"text": text, **({"entities": entities} if entities else {})}
    markup = result.get("reply_markup")
    if markup is not None:
        parsed = parse_reply_markup(markup)
        if parsed is None or "inline_keyboard" not in parsed:
            raise bad_request("inline keyboard expected")
        checked["_message"]["reply_markup"] = inline_keyboard(parsed)
    return checked


def chosen_message(answer: dict[str, Any], result_id: str, bot: dict[str, Any]) -> dict[str, Any]:
    """The fields of the message a chosen result becomes: the user's, "via" the bot."""
    for result in answer["results"]:
        if result["id"] == result_id:
            fields = {k: v for k, v in result["_message"].items() if v is not None}
            fields["via_bot"] = bot
            return fields
    raise bad_request("no result with that id in the answer")


def public(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer as the control API shows it (without the emulator's own notes)."""
    results = [{k: v for k, v in r.items() if not k.startswith("_")} for r in answer["results"]]
    return {**answer, "results": results}
