"""Who is calling the Mini App's API: the Telegram user in a valid ``initData``, or nobody.

Telegram hands the Mini App a query string (``Telegram.WebApp.initData``) signed with a key
only Telegram and this bot know, and documents the check ("Validating data received via the
Mini App", core.telegram.org/bots/webapps):

    data_check_string = the fields except ``hash``, sorted by key, as ``key=value``, joined by "\\n"
    secret_key        = HMAC_SHA256(key="WebAppData", message=bot_token)
    valid             = hex(HMAC_SHA256(key=secret_key, message=data_check_string)) == hash

Everything the API does for a user starts from :func:`verify_init_data`'s answer; a user id in
a request body or URL is never read. Small on purpose, so it can be read in one go: the
standard library's ``hmac`` does the cryptography, :func:`hmac.compare_digest` the comparing.
No library: aiogram has this check, but as part of a second bot framework beside
python-telegram-bot; the PyPI packages that do only this (init-data-py, telegram-webapp-auth)
would be one more dependency to vet and follow for some thirty lines over the standard
library, and the tests would be needed all the same (tests/unit/services/test_web_app_auth.py,
from the documented algorithm; the emulator signs initData as Telegram does).

Refused (and answered 401 by the web route): no ``initData``; a string that is not a query
string, or names a field twice (which value was signed?); no ``hash`` or a wrong one; no
``auth_date``, or one older than ``max_age`` or further in the future than the clocks may
drift; no ``user``, or one without an integer id.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from urllib.parse import parse_qsl

_SECRET_KEY_SALT = b"WebAppData"
# Telegram's clock and ours: an auth_date this far ahead is still taken as "now".
CLOCK_SKEW = timedelta(seconds=60)
# initData is a few hundred bytes; a header far larger is not Telegram's.
MAX_INIT_DATA_LENGTH = 8192


class InitDataProblem(StrEnum):
    MISSING = "missing"
    MALFORMED = "malformed"
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"
    NO_USER = "no_user"


@dataclass(frozen=True, slots=True)
class WebAppUser:
    """The user Telegram vouches for; ``auth_date``: when Telegram opened the Mini App."""

    id: int
    first_name: str
    language_code: str | None
    auth_date: datetime


def secret_key(bot_token: str) -> bytes:
    return hmac.new(_SECRET_KEY_SALT, bot_token.encode(), hashlib.sha256).digest()


def data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def verify_init_data(
    init_data: str | None,
    bot_token: str,
    *,
    max_age: timedelta,
    now: datetime | None = None,
) -> WebAppUser | InitDataProblem:
    if not init_data:
        return InitDataProblem.MISSING
    if len(init_data) > MAX_INIT_DATA_LENGTH:
        return InitDataProblem.MALFORMED
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return InitDataProblem.MALFORMED
    fields = dict(pairs)
    if len(fields) != len(pairs):  # a field twice: the signed value and the read one may differ
        return InitDataProblem.MALFORMED
    given = fields.get("hash", "")
    expected = hmac.new(
        secret_key(bot_token), data_check_string(fields).encode(), hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest(expected.encode(), given.encode()):
        return InitDataProblem.BAD_SIGNATURE
    try:
        signed_at = datetime.fromtimestamp(int(fields.get("auth_date", "")), UTC)
    except (ValueError, OverflowError, OSError):
        return InitDataProblem.MALFORMED
    now = now or datetime.now(UTC)
    if signed_at < now - max_age or signed_at > now + CLOCK_SKEW:
        return InitDataProblem.EXPIRED
    return _user(fields.get("user"), signed_at)


def _user(text: str | None, signed_at: datetime) -> WebAppUser | InitDataProblem:
    try:
        user = json.loads(text or "")
    except ValueError:
        return InitDataProblem.NO_USER
    if not isinstance(user, dict):
        return InitDataProblem.NO_USER
    user_id = user.get("id")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        return InitDataProblem.NO_USER
    language = user.get("language_code")
    return WebAppUser(
        id=user_id,
        first_name=str(user.get("first_name") or ""),
        language_code=language if isinstance(language, str) else None,
        auth_date=signed_at,
    )
