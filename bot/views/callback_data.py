"""Signed, versioned callback data for the promotions list: stateless, so buttons survive restarts.

Telegram hands callback data back verbatim, but any client can send any callback data for a
message it can see, so the data is treated like user input. Each button carries everything the
bot needs to answer it (no server-side state to lose on a restart), plus:

- a **fingerprint** of the promotions list it was made from, so a button pressed after the list
  changed is recognised as stale instead of opening the wrong page or the wrong entry;
- an **HMAC** over the Telegram user id and the payload (the user id itself is not in the data),
  so forged data, or a button pressed by someone other than the user it was made for, is
  refused. The key comes from ``CALLBACK_SECRET``, or is derived from the bot token.

Never a UiTPAS number: the data holds only a page number, a filter flag, a public promotion id
and the fingerprint. Format (ASCII, at most 64 bytes, ``p1`` = promotions, version 1)::

    p1:L:<page>:<only affordable 0|1>:<fingerprint>:<mac>   a page of the list (edits in place)
    p1:D:<promotion id>:<page>:<only affordable 0|1>:<fingerprint>:<mac>
                                                            an entry of that list: its details,
                                                            with the page to go back to
    p1:D:<promotion id>:<fingerprint>:<mac>                 the same, back to the first page
                                                            (older buttons, or too long ids)
    p1:O:<only affordable 0|1>:<mac>                        open the list in a new message

The check-in reply's spotlight buttons keep their older unsigned ``promo:<id>`` form: it names a
public promotion and nothing else, and messages sent before this format existed still carry it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

PREFIX = "p1:"
SPOTLIGHT_PREFIX = "promo:"  # the check-in reply's buttons
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit
MAX_PAGE = 999
_MAC_BYTES = 9  # 72 bits, 12 base64url characters: far beyond guessing through a chat
_ID = re.compile(r"[A-Za-z0-9_-]{1,30}")
_FINGERPRINT = re.compile(r"[A-Za-z0-9_-]{4,16}")
_KEY_LABEL = b"uitpas-bot callback data v1"


@dataclass(frozen=True, slots=True)
class ListPage:
    page: int
    only_affordable: bool
    fingerprint: str


@dataclass(frozen=True, slots=True)
class ListEntry:
    """An entry of a list page; ``page`` and ``only_affordable`` say where ◀️ goes back to."""

    promotion_id: str
    fingerprint: str
    page: int = 0
    only_affordable: bool = False


@dataclass(frozen=True, slots=True)
class OpenList:
    only_affordable: bool


@dataclass(frozen=True, slots=True)
class SpotlightEntry:
    """A spotlight button under a check-in reply: a promotion id, not tied to any list."""

    promotion_id: str


Button = ListPage | ListEntry | OpenList | SpotlightEntry


def is_promotion_id(value: str) -> bool:
    """Ids the buttons can carry: UiTPAS's are digits; anything odd gets no button."""
    return _ID.fullmatch(value) is not None


class CallbackCodec:
    """Encodes buttons for one user and checks what comes back."""

    def __init__(self, key: bytes) -> None:
        if not key:
            raise ValueError("the callback key must not be empty")
        self._key = key

    @classmethod
    def from_settings(cls, secret: str | None, bot_token: str) -> CallbackCodec:
        """The explicit secret, or a key derived from the bot token (never the token itself).

        A derived key changes when the token is revoked; old buttons then read as forged and
        get a fresh list, which is the right outcome for a bot whose token leaked.
        """
        if secret:
            return cls(secret.encode())
        return cls(hmac.new(bot_token.encode(), _KEY_LABEL, hashlib.sha256).digest())

    def encode(self, telegram_user_id: int, button: Button) -> str | None:
        """The callback data, or None when it cannot be represented within 64 bytes."""
        match button:
            case ListPage(page=page, only_affordable=flag, fingerprint=fingerprint):
                if not 0 <= page <= MAX_PAGE:
                    return None
                payload = f"{PREFIX}L:{page}:{int(flag)}:{fingerprint}"
            case ListEntry(promotion_id=promotion_id, fingerprint=fingerprint):
                if not is_promotion_id(promotion_id) or not 0 <= button.page <= MAX_PAGE:
                    return None
                where = f"{button.page}:{int(button.only_affordable)}:"
                payload = f"{PREFIX}D:{promotion_id}:{where}{fingerprint}"
                data = f"{payload}:{self._mac(telegram_user_id, payload)}"
                if len(data.encode()) <= CALLBACK_DATA_LIMIT:
                    return data
                payload = f"{PREFIX}D:{promotion_id}:{fingerprint}"  # back to the first page
            case OpenList(only_affordable=flag):
                payload = f"{PREFIX}O:{int(flag)}"
            case SpotlightEntry(promotion_id=promotion_id):
                if not is_promotion_id(promotion_id):
                    return None
                return SPOTLIGHT_PREFIX + promotion_id
        data = f"{payload}:{self._mac(telegram_user_id, payload)}"
        return data if len(data.encode()) <= CALLBACK_DATA_LIMIT else None

    def decode(self, telegram_user_id: int, data: str) -> Button | None:
        """The button, or None when the data is forged, damaged or not this user's."""
        if data.startswith(SPOTLIGHT_PREFIX):
            promotion_id = data.removeprefix(SPOTLIGHT_PREFIX)
            return SpotlightEntry(promotion_id) if is_promotion_id(promotion_id) else None
        if not data.startswith(PREFIX) or len(data.encode()) > CALLBACK_DATA_LIMIT:
            return None
        payload, _, mac = data.rpartition(":")
        if not hmac.compare_digest(mac, self._mac(telegram_user_id, payload)):
            return None
        return _parse(payload.removeprefix(PREFIX).split(":"))

    def _mac(self, telegram_user_id: int, payload: str) -> str:
        message = f"{telegram_user_id}:{payload}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()[:_MAC_BYTES]
        return base64.urlsafe_b64encode(digest).decode("ascii")


def _parse(fields: list[str]) -> Button | None:
    """The fields of an authentic payload; still checked, in case an old version signed them."""
    match fields:
        case ["L", page, flag, fingerprint] if (
            page.isdigit() and int(page) <= MAX_PAGE and flag in ("0", "1")
        ) and _FINGERPRINT.fullmatch(fingerprint):
            return ListPage(int(page), flag == "1", fingerprint)
        case ["D", promotion_id, fingerprint] if is_promotion_id(
            promotion_id
        ) and _FINGERPRINT.fullmatch(fingerprint):
            return ListEntry(promotion_id, fingerprint)
        case ["D", promotion_id, page, flag, fingerprint] if (
            is_promotion_id(promotion_id)
            and page.isdigit()
            and int(page) <= MAX_PAGE
            and flag in ("0", "1")
            and _FINGERPRINT.fullmatch(fingerprint)
        ):
            return ListEntry(promotion_id, fingerprint, int(page), flag == "1")
        case ["O", flag] if flag in ("0", "1"):
            return OpenList(flag == "1")
    return None
