"""Reading Bot API parameters the way Telegram accepts them.

Telegram takes parameters from the query string, a urlencoded or JSON body, or multipart form
data, in any mix. Clients such as python-telegram-bot send every value as a string (JSON for
non-strings), so values are normalized once here: known JSON fields are decoded, integer fields
become ``int``. Handlers and the event log then see the same typed view whatever the transport.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl

from .errors import bad_request
from .multipart import MultipartError, Upload, parse_multipart

JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "reply_parameters",
        "link_preview_options",
        "media",
    }
)
INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "reply_to_message_id",
        "message_thread_id",
        "max_connections",
        "from_chat_id",
    }
)
BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "allow_sending_without_reply",
        "has_spoiler",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "show_caption_above_media",
    }
)


def _normalize(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if name in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    if name in INT_FIELDS:
        stripped = value.strip()
        if stripped.lstrip("-").isdigit():
            return int(stripped)
        return value
    if name in BOOL_FIELDS and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    return value


def describe_upload(upload: Upload) -> dict[str, Any]:
    """How an uploaded file appears in the event log (its bytes are kept elsewhere)."""
    return {
        "file_name": upload.filename,
        "mime_type": upload.content_type,
        "size": len(upload.data),
    }


class Params(Mapping[str, Any]):
    """Normalized parameters of one call plus the files uploaded with it."""

    def __init__(self, raw: Mapping[str, Any], uploads: Mapping[str, Upload] | None = None):
        self._values = {name: _normalize(name, value) for name, value in raw.items()}
        self.uploads: dict[str, Upload] = dict(uploads or {})

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def for_log(self) -> dict[str, Any]:
        logged = dict(self._values)
        for name, upload in self.uploads.items():
            logged[name] = describe_upload(upload)
        return logged

    def text(self, name: str) -> str | None:
        value = self._values.get(name)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            raise bad_request(f'field "{name}" must be of type String')
        return str(value)

    def integer(self, name: str, *, missing: str | None = None, invalid: str | None = None) -> int:
        """An integer parameter; ``missing``/``invalid`` are Telegram's words for those cases."""
        value = self._values.get(name)
        if value is None or value == "":
            raise bad_request(missing or f'parameter "{name}" is required')
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_request(invalid or f'field "{name}" must be of type Integer')
        return value

    def optional_integer(self, name: str, default: int | None = None) -> int | None:
        if self._values.get(name) in (None, ""):
            return default
        return self.integer(name)

    def flag(self, name: str) -> bool:
        value = self._values.get(name)
        return value is True or (isinstance(value, int) and value == 1)


def read_params(query: Mapping[str, str], content_type: str, body: bytes) -> Params:
    """Collect a call's parameters from its query string and body (the body wins)."""
    raw: dict[str, Any] = dict(query)
    uploads: dict[str, Upload] = {}
    media_type = content_type.split(";", 1)[0].strip().lower()
    if body and media_type == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError as exc:
            raise bad_request("can't parse JSON encoded request") from exc
        if not isinstance(decoded, dict):
            raise bad_request("JSON object expected")
        raw.update(decoded)
    elif body and media_type == "multipart/form-data":
        try:
            parts = parse_multipart(body, content_type)
        except MultipartError as exc:
            raise bad_request(f"can't parse multipart/form-data request: {exc}") from exc
        for name, part in parts.items():
            if isinstance(part, Upload):
                uploads[name] = part
            else:
                raw[name] = part
    elif body:
        raw.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return Params(raw, uploads)
