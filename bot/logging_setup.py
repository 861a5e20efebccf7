"""Logging that cannot leak a bot token, a UiTPAS number or a check-in URL.

httpx logs every request URL at INFO, and the Bot API puts the token in the URL; UiTPAS's
points endpoint puts the card number there. Those loggers are quietened, and every record is
also redacted as it is formatted, as a second line of defence.
"""

from __future__ import annotations

import logging
import re

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


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(LINE_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    quieten_noisy_loggers()
