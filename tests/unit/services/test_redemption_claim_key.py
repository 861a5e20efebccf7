"""The redemption claim's key: a keyed HMAC of the number, never the number or its plain hash."""

from __future__ import annotations

import hashlib

from bot.sandbox.uitpas.data import CHILD, NORMAL
from bot.services.redemption import claim_key, passholder_key


def test_the_claim_key_is_a_keyed_hmac_not_the_plain_sha256() -> None:
    key = claim_key("a-callback-secret", "123:bot-token")
    kept = passholder_key(NORMAL, key)
    assert NORMAL not in kept
    assert kept != hashlib.sha256(NORMAL.encode()).hexdigest()  # not matchable by a list
    assert kept == passholder_key(NORMAL, claim_key("a-callback-secret", "other:token"))
    assert kept != passholder_key(CHILD, key)  # per member: each card its own claim


def test_the_key_comes_from_the_callback_secret_else_the_bot_token() -> None:
    from_secret = claim_key("a-callback-secret", "123:bot-token")
    from_token = claim_key(None, "123:bot-token")
    assert from_secret != from_token
    assert from_token == claim_key(None, "123:bot-token")  # every instance agrees
    assert b"bot-token" not in from_token
    assert b"a-callback-secret" not in from_secret
    assert claim_key(None, None) != claim_key(None, None)  # no secret at all: this process's
