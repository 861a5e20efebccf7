"""Validation of ``reply_markup`` the way the Bot API checks it.

Inline keyboards are the part that bites: callback_data over 64 bytes or a button without an
action is rejected by Telegram, and a bot that only ever ran against a lenient fake would find
out in production.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from .errors import bad_request
from .web_apps import check_web_app

CALLBACK_DATA_MAX_BYTES = 64
INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_MARKUP_ERROR = "can't parse reply keyboard markup JSON object"


def _check_inline_button(button: Any) -> dict[str, Any]:
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    if not isinstance(button.get("text"), str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    actions = [name for name in INLINE_ACTIONS if name in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    data = button.get("callback_data")
    if "callback_data" in button and (
        not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_MAX_BYTES
    ):
        raise bad_request("BUTTON_DATA_INVALID")
    if "web_app" in button:
        web_app = check_web_app(button["web_app"], what="inline keyboard button")
        button = {**button, "web_app": web_app}
    if "url" in button:
        url = button["url"]
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https", "tg") or not parts.netloc:
            raise bad_request("BUTTON_URL_INVALID")
    return dict(button)


def _button_text(button: Any) -> Any:
    """A reply keyboard button is a bare string or an object with ``text``."""
    return button.get("text") if isinstance(button, dict) else button


def _rows(markup: dict[str, Any], field: str, kind: str) -> list[list[Any]]:
    rows = markup.get(field)
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{field}" of the {kind} must be an Array of Arrays')
    return rows


def parse_reply_markup(value: Any) -> dict[str, Any] | None:
    """The validated markup, or ``None`` when there is none."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise bad_request(_MARKUP_ERROR) from None
    if not isinstance(value, dict):
        raise bad_request(_MARKUP_ERROR)
    if "inline_keyboard" in value:
        rows = _rows(value, "inline_keyboard", "InlineKeyboardMarkup")
        return {"inline_keyboard": [[_check_inline_button(b) for b in row] for row in rows]}
    if "keyboard" in value:
        for row in _rows(value, "keyboard", "ReplyKeyboardMarkup"):
            if not all(isinstance(_button_text(button), str) for button in row):
                raise bad_request(
                    'can\'t parse keyboard button: Field "text" must be of type String'
                )
        return dict(value)
    if value.get("remove_keyboard") is True or value.get("force_reply") is True:
        return dict(value)
    raise bad_request(_MARKUP_ERROR)


def inline_keyboard(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """The part of ``markup`` that Telegram keeps on the message (only non-empty inline ones)."""
    if markup and markup.get("inline_keyboard"):
        return {"inline_keyboard": markup["inline_keyboard"]}
    return None


def has_callback(message: dict[str, Any], data: str) -> bool:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return any(button.get("callback_data") == data for row in rows for button in row)
