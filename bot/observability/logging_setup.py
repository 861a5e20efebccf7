"""Logging that cannot leak a bot token, a UiTPAS number or a check-in URL.

httpx logs every request URL at INFO, and the Bot API puts the token in the URL; UiTPAS's
points endpoint puts the card number there. Those loggers are quietened, and every record is
also redacted as it is formatted, as a second line of defence.

Two formats: a text line for people, or (``LOG_FORMAT=json``) one JSON object per line for a
log collector, carrying the records' ``extra`` fields (update_id, duration_ms, answer_code...)
as fields of their own. Both are redacted the same way.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any, Literal

LogFormat = Literal["text", "json"]

_REDACTIONS = (
    (re.compile(r"(?<!\d)\d{5,}:[A-Za-z0-9_-]{30,}"), "<bot-token>"),
    (re.compile(r"(?<!\d)\d{13}(?!\d)"), "<uitpas-number>"),
    (re.compile(r"(?i)([?&](?:qr|code|checkinCode|uitpasNumber)=)[^&\s]+"), r"\1<redacted>"),
)


_known_secrets: set[str] = set()


def redact_secrets(*secrets: str | None) -> None:
    """Redact these exact values too: the patterns cannot know every shape a secret takes."""
    _known_secrets.update(secret for secret in secrets if secret and len(secret) >= 6)


def redact(text: str) -> str:
    for secret in _known_secrets:
        text = text.replace(secret, "<secret>")
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Redacts the finished line, tracebacks included, whatever the record carried."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


# What every LogRecord has; anything else on a record came from ``extra={...}``.
_RECORD_FIELDS = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys() | {"message", "asctime", "taskName"}
)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (ISO 8601, UTC), level, logger, message, extras, exc_info.

    Each string is redacted *before* encoding, so a secret holding a quote or a backslash is
    replaced whole rather than escaped past the patterns; numbers are checked as text too (a
    card number passed as an int is still a card number).
    """

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps({key: _redacted(value) for key, value in entry.items()})


def _redacted(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        text = str(value)
        return value if redact(text) == text else redact(text)
    if isinstance(value, dict):
        return {redact(str(k)): _redacted(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_redacted(item) for item in value]
    return redact(value if isinstance(value, str) else repr(value))


LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Loggers that print request URLs (tokens, card numbers) or chatter at INFO.
# httpx/httpcore log request URLs (bot token, card numbers); oauthlib logs the signature base
# string (check-in codes, card numbers); aiosqlite logs every call at DEBUG.
NOISY_LOGGERS = (
    "httpx",
    "httpcore",
    "oauthlib",
    "aiosqlite",
    "telegram.request",
    "uvicorn.access",
    "alembic.runtime.plugins",
)


def quieten_noisy_loggers() -> None:
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)


def configure_logging(level: str = "INFO", fmt: LogFormat = "text") -> None:
    """Everything to stderr, redacted, as text lines or (``fmt="json"``) JSON objects."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else RedactingFormatter(LINE_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    quieten_noisy_loggers()
