"""Signed callback data of the events' buttons (issue 20), with the promotions' key.

Like the promotions' buttons (:mod:`bot.views.callback_data`) they are stateless and bound to
one user by an HMAC, and never carry anything personal: a page number and which radius, or a
public UiTdatabank event id. Not the location: a next page reads it again from the location
message the list replies to. Format (ASCII, at most 64 bytes)::

    ev1:P:<page>:<n|w|x>:<mac>     a page: n within 10 km, w widened, x a search by words
    ev1:D:<event id>:<mac>         an event's details (private chat)
    ev1:A:<event id>:<mac>         announce it in this group (the admin who asked)
    ev1:E:<event id>:<mac>         change it before announcing
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.views.callback_data import CALLBACK_DATA_LIMIT, CallbackCodec

EVENTS_PREFIX = "ev1:"
_ID = re.compile(r"[0-9A-Za-z-]{1,40}")
_MAX_PAGE = 199


@dataclass(frozen=True, slots=True)
class EventsPage:
    page: int
    kind: str  # "n": near, within the first radius; "w": near, widened; "x": by words


@dataclass(frozen=True, slots=True)
class EventEntry:
    event_id: str


@dataclass(frozen=True, slots=True)
class AnnounceEvent:
    event_id: str


@dataclass(frozen=True, slots=True)
class EditAnnouncement:
    event_id: str


EventButton = EventsPage | EventEntry | AnnounceEvent | EditAnnouncement
_LETTERS = {EventEntry: "D", AnnounceEvent: "A", EditAnnouncement: "E"}


class EventButtons:
    def __init__(self, codec: CallbackCodec) -> None:
        self._codec = codec

    def encode(self, telegram_user_id: int, button: EventButton) -> str | None:
        match button:
            case EventsPage(page=page, kind=kind):
                if not 0 <= page <= _MAX_PAGE or kind not in ("n", "w", "x"):
                    return None
                payload = f"{EVENTS_PREFIX}P:{page}:{kind}"
            case (
                EventEntry(event_id=event_id)
                | AnnounceEvent(event_id=event_id)
                | EditAnnouncement(event_id=event_id)
            ):
                if _ID.fullmatch(event_id) is None:
                    return None
                payload = f"{EVENTS_PREFIX}{_LETTERS[type(button)]}:{event_id}"
        data = self._codec.sign_payload(telegram_user_id, payload)
        return data if len(data.encode()) <= CALLBACK_DATA_LIMIT else None

    def decode(self, telegram_user_id: int, data: str) -> EventButton | None:
        if not data.startswith(EVENTS_PREFIX) or len(data.encode()) > CALLBACK_DATA_LIMIT:
            return None
        payload = self._codec.verified_payload(telegram_user_id, data)
        if payload is None:
            return None
        match payload.removeprefix(EVENTS_PREFIX).split(":"):
            case ["P", page, kind] if (
                page.isdigit() and int(page) <= _MAX_PAGE and kind in ("n", "w", "x")
            ):
                return EventsPage(int(page), kind)
            case [letter, event_id] if _ID.fullmatch(event_id):
                kinds = {"D": EventEntry, "A": AnnounceEvent, "E": EditAnnouncement}
                return kinds[letter](event_id) if letter in kinds else None
        return None
