"""``initData`` validation, against Telegram's documented algorithm written out here again.

The signer below follows core.telegram.org/bots/webapps ("Validating data received via the
Mini App") step by step and shares no code with the validator, so a slip in either shows.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

import pytest

from bot.services.web_app_auth import InitDataProblem, WebAppUser, verify_init_data

TOKEN = "123456:TEST-TOKEN"
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
USER = {"id": 7001, "first_name": "An", "language_code": "nl", "allows_write_to_pm": True}


def documented_sign(fields: dict[str, str], token: str = TOKEN) -> str:
    """The hash Telegram puts in initData, as its documentation computes it."""
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()


def init_data(
    *, auth_date: datetime = NOW, user: object = USER, token: str = TOKEN, **extra: str
) -> str:
    fields = {"auth_date": str(int(auth_date.timestamp())), "query_id": "AAE-x", **extra}
    if user is not None:
        fields["user"] = json.dumps(user, separators=(",", ":"))
    fields["hash"] = documented_sign(fields, token)
    return urlencode(fields, quote_via=quote)


def verify(text: str | None, **kwargs: object) -> WebAppUser | InitDataProblem:
    return verify_init_data(text, TOKEN, max_age=HOUR, now=NOW, **kwargs)  # type: ignore[arg-type]


def test_signed_init_data_names_its_user() -> None:
    user = verify(init_data())
    assert user == WebAppUser(7001, "An", "nl", NOW)


def test_the_fields_may_come_in_any_order_and_with_more_fields() -> None:
    fields = {"user": json.dumps(USER), "auth_date": str(int(NOW.timestamp())), "chat_type": "x"}
    fields["hash"] = documented_sign(fields)
    text = urlencode(dict(reversed(list(fields.items()))))
    assert isinstance(verify(text), WebAppUser)


def test_a_signature_field_is_signed_like_any_other() -> None:
    """Telegram's newer initData carries ``signature`` (Ed25519, for third parties): part of
    the data-check-string for the bot's own HMAC check."""
    assert isinstance(verify(init_data(signature="abc_-")), WebAppUser)


@pytest.mark.parametrize("text", [None, ""])
def test_missing(text: str | None) -> None:
    assert verify(text) == InitDataProblem.MISSING


def test_another_bots_token_is_refused() -> None:
    assert verify(init_data(token="654321:OTHER")) == InitDataProblem.BAD_SIGNATURE


def test_an_altered_user_is_refused() -> None:
    text = init_data().replace("7001", "7002")
    assert verify(text) == InitDataProblem.BAD_SIGNATURE


def test_an_added_field_is_refused() -> None:
    assert verify(init_data() + "&start_param=x") == InitDataProblem.BAD_SIGNATURE


def test_a_field_given_twice_is_refused() -> None:
    """parse_qs would keep one of them: the signed and the read value could differ."""
    text = init_data()
    user = text.split("user=")[1].split("&")[0]
    assert verify(f"{text}&user={user}") == InitDataProblem.MALFORMED


def test_no_hash_is_refused() -> None:
    text = "&".join(part for part in init_data().split("&") if not part.startswith("hash="))
    assert verify(text) == InitDataProblem.BAD_SIGNATURE


@pytest.mark.parametrize("fake", ["", "00" * 32, "é" * 64, "A" * 64])
def test_a_made_up_hash_is_refused(fake: str) -> None:
    text = init_data().split("&hash=")[0] + "&hash=" + quote(fake)
    assert verify(text) == InitDataProblem.BAD_SIGNATURE


def test_an_uppercase_copy_of_the_right_hash_is_refused() -> None:
    """Telegram sends lowercase hex; accepting other spellings would only widen the door."""
    text, digest = init_data().split("&hash=")
    assert verify(f"{text}&hash={digest.upper()}") == InitDataProblem.BAD_SIGNATURE


def test_older_than_the_maximum_age_is_refused() -> None:
    assert verify(init_data(auth_date=NOW - HOUR - timedelta(seconds=1))) == (
        InitDataProblem.EXPIRED
    )
    assert isinstance(verify(init_data(auth_date=NOW - HOUR + timedelta(seconds=1))), WebAppUser)


def test_from_the_future_beyond_clock_drift_is_refused() -> None:
    assert verify(init_data(auth_date=NOW + timedelta(minutes=5))) == InitDataProblem.EXPIRED
    assert isinstance(verify(init_data(auth_date=NOW + timedelta(seconds=30))), WebAppUser)


def test_a_signed_but_unreadable_auth_date_is_refused() -> None:
    fields = {"auth_date": "yesterday", "user": json.dumps(USER)}
    fields["hash"] = documented_sign(fields)
    assert verify(urlencode(fields)) == InitDataProblem.MALFORMED


@pytest.mark.parametrize(
    "user", [None, "not json", [], {"first_name": "An"}, {"id": "7001"}, {"id": True}, {"id": -1}]
)
def test_signed_but_without_a_user_id_is_refused(user: object) -> None:
    fields = {"auth_date": str(int(NOW.timestamp()))}
    if user is not None:
        fields["user"] = user if isinstance(user, str) else json.dumps(user)
    fields["hash"] = documented_sign(fields)
    assert verify(urlencode(fields)) == InitDataProblem.NO_USER


@pytest.mark.parametrize("text", ["a=1&&b=2", "=x", "x" * 9000, "%%%"])
def test_not_a_query_string_is_refused(text: str) -> None:
    assert verify(text) in (InitDataProblem.MALFORMED, InitDataProblem.BAD_SIGNATURE)


def test_without_a_language_the_user_has_none() -> None:
    user = verify(init_data(user={"id": 7001, "first_name": "An"}))
    assert isinstance(user, WebAppUser)
    assert user.language_code is None
