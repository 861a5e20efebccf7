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

    p1:L:<page>:<only affordable 0|1>:<fingerprint>[:<section>]:<mac>   a page of the list
                                                            (edits in place)
    p1:D:<promotion id>:<page>:<only affordable 0|1>:<fingerprint>:<mac>
                                                            an entry of that list: its details,
                                                            with the page to go back to
    p1:D:<promotion id>:<fingerprint>:<mac>                 the same, back to the first page
                                                            (older buttons, or too long ids)
    p1:O:<only affordable 0|1>:<mac>                        open the list in a new message

Trading (issue 17) has its own prefix, ``r1`` (same MAC), so that its buttons reach its own
handler::

    r1:A:<promotion id>[:<member>]:<mac>    "redeem": whose points (with a family), or ask
                                            for confirmation (with that member's points)
    r1:C:<promotion id>:<issued>[:<member>]:<mac>
                                            "confirm": redeem (issued: base-36 Unix seconds)
    r1:X:<promotion id>:<mac>               "cancel" the confirmation
    r1:R:<page>:<fresh 0|1>[:<member>]:<mac>
                                            what was redeemed, a page (1: a new message)
    r1:H:<page>[:<member>]:<mac>            /history, a page

``<member>`` is a family member's handle (16 hex digits of a digest of their key, see
:attr:`bot.services.family.Member.handle`): never a number, never UiTPAS's own id.

The check-in reply's spotlight buttons keep their older unsigned ``promo:<id>`` form: it names a
public promotion and nothing else, and messages sent before this format existed still carry it.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import re
from dataclasses import dataclass

PREFIX = "p1:"
TRADING_PREFIX = "r1:"
# The list's sections (issue 17), each one letter in the data; "all" is written as nothing,
# so the buttons of before sections existed still read.
SECTIONS = {
    "all": "",
    "spotlight": "s",
    "last_chance": "l",
    "online": "o",
    "welcome": "w",
    "near": "n",
}
_SECTION_OF = {letter: name for name, letter in SECTIONS.items() if letter}
SPOTLIGHT_PREFIX = "promo:"  # the check-in reply's buttons
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit
MAX_PAGE = 999
_MAC_BYTES = 9  # 72 bits, 12 base64url characters: far beyond guessing through a chat
_ID = re.compile(r"[A-Za-z0-9_-]{1,30}")
_FINGERPRINT = re.compile(r"[A-Za-z0-9_-]{4,16}")
_KEY_LABEL = b"uitpas-bot callback data v1"
_MEMBER = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True, slots=True)
class ListPage:
    page: int
    only_affordable: bool
    fingerprint: str
    section: str = "all"  # one of SECTIONS: a part of the list, like publiq's app shows


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


@dataclass(frozen=True, slots=True)
class RedeemAsk:
    """``member`` None: whose points, if there is a family; else that member's confirmation."""

    promotion_id: str
    member: str | None = None


@dataclass(frozen=True, slots=True)
class RedeemConfirm:
    """The confirm button of one confirmation: ``issued`` (Unix seconds) says which one."""

    promotion_id: str
    issued: int
    member: str | None = None


@dataclass(frozen=True, slots=True)
class RedeemCancel:
    promotion_id: str


@dataclass(frozen=True, slots=True)
class RedeemedList:
    """``fresh``: opened from /promotions (a new message); paging edits the list in place."""

    page: int
    fresh: bool = False
    member: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryList:
    page: int
    member: str | None = None


TradingButton = RedeemAsk | RedeemConfirm | RedeemCancel | RedeemedList | HistoryList
Button = ListPage | ListEntry | OpenList | SpotlightEntry | TradingButton


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
            case ListPage(page=page, only_affordable=flag, fingerprint=fingerprint, section=part):
                if not 0 <= page <= MAX_PAGE or part not in SECTIONS:
                    return None
                payload = f"{PREFIX}L:{page}:{int(flag)}:{fingerprint}"
                if SECTIONS[part]:
                    payload += f":{SECTIONS[part]}"
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
            case _:
                payload = _trading_payload(button)
                if payload is None:
                    return None
        data = f"{payload}:{self._mac(telegram_user_id, payload)}"
        return data if len(data.encode()) <= CALLBACK_DATA_LIMIT else None

    def decode(self, telegram_user_id: int, data: str) -> Button | None:
        """The button, or None when the data is forged, damaged or not this user's."""
        if data.startswith(SPOTLIGHT_PREFIX):
            promotion_id = data.removeprefix(SPOTLIGHT_PREFIX)
            return SpotlightEntry(promotion_id) if is_promotion_id(promotion_id) else None
        ours = data.startswith((PREFIX, TRADING_PREFIX))
        if not ours or len(data.encode()) > CALLBACK_DATA_LIMIT:
            return None
        payload, _, mac = data.rpartition(":")
        if not hmac.compare_digest(mac, self._mac(telegram_user_id, payload)):
            return None
        if payload.startswith(TRADING_PREFIX):
            return _parse_trading(payload.removeprefix(TRADING_PREFIX).split(":"))
        return _parse(payload.removeprefix(PREFIX).split(":"))

    def sign_payload(self, telegram_user_id: int, payload: str) -> str:
        """``payload:<mac>`` for another feature's buttons (the events'), with this key."""
        return f"{payload}:{self._mac(telegram_user_id, payload)}"

    def verified_payload(self, telegram_user_id: int, data: str) -> str | None:
        """The payload of ``sign_payload``'s data, or None when forged or not this user's."""
        payload, _, mac = data.rpartition(":")
        return payload if hmac.compare_digest(mac, self._mac(telegram_user_id, payload)) else None

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
        case ["L", page, flag, fingerprint, letter] if (
            (page.isdigit() and int(page) <= MAX_PAGE and flag in ("0", "1"))
            and _FINGERPRINT.fullmatch(fingerprint)
            and letter in _SECTION_OF
        ):
            return ListPage(int(page), flag == "1", fingerprint, _SECTION_OF[letter])
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


def _trading_payload(button: Button) -> str | None:
    member = getattr(button, "member", None)
    if member is not None and not _MEMBER.fullmatch(member):
        return None
    tail = f":{member}" if member is not None else ""
    match button:
        case RedeemAsk(promotion_id=promotion_id) if is_promotion_id(promotion_id):
            return f"{TRADING_PREFIX}A:{promotion_id}{tail}"
        case RedeemConfirm(promotion_id=promotion_id, issued=issued) if (
            is_promotion_id(promotion_id) and issued >= 0
        ):
            return f"{TRADING_PREFIX}C:{promotion_id}:{_base36(issued)}{tail}"
        case RedeemCancel(promotion_id=promotion_id) if is_promotion_id(promotion_id):
            return f"{TRADING_PREFIX}X:{promotion_id}"
        case RedeemedList(page=page, fresh=fresh) if 0 <= page <= MAX_PAGE:
            return f"{TRADING_PREFIX}R:{page}:{int(fresh)}{tail}"
        case HistoryList(page=page) if 0 <= page <= MAX_PAGE:
            return f"{TRADING_PREFIX}H:{page}{tail}"
    return None


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if number == 0:
            return text


_BASE36 = re.compile(r"[0-9a-z]{1,8}")


def _parse_trading(fields: list[str]) -> TradingButton | None:
    member = None
    if fields[0] in ("A", "C", "R", "H") and len(fields) == _MEMBER_FIELD[fields[0]] + 1:
        member = fields.pop()
        if not _MEMBER.fullmatch(member):
            return None
    found = _parse_trading_fields(fields)
    if member is None or found is None:
        return found
    return dataclasses.replace(found, member=member)  # type: ignore[type-var]


# Where a member's handle follows: the number of fields before it, per kind.
_MEMBER_FIELD = {"A": 2, "C": 3, "R": 3, "H": 2}


def _parse_trading_fields(fields: list[str]) -> TradingButton | None:
    match fields:
        case ["A", promotion_id] if is_promotion_id(promotion_id):
            return RedeemAsk(promotion_id)
        case ["C", promotion_id, issued] if is_promotion_id(promotion_id) and _BASE36.fullmatch(
            issued
        ):
            return RedeemConfirm(promotion_id, int(issued, 36))
        case ["X", promotion_id] if is_promotion_id(promotion_id):
            return RedeemCancel(promotion_id)
        case ["R", page, fresh] if page.isdigit() and int(page) <= MAX_PAGE and fresh in ("0", "1"):
            return RedeemedList(int(page), fresh == "1")
        case ["H", page] if page.isdigit() and int(page) <= MAX_PAGE:
            return HistoryList(int(page))
    return None
