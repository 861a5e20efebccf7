"""Events from UiTdatabank → text and buttons: the /events prompt, lists, details, the
announcement preview in a group, and inline-mode articles (issue 20).

Dates come in words from UiTdatabank's calendar summaries (the reader's language, else the
event's); the bot's own date words only when a summary is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from telegram.constants import ParseMode

from bot.i18n import Language, escape, plain, shorten, t
from bot.i18n.dates import format_day_and_time, when_text
from bot.services.events import (
    FIRST_RADIUS_KM,
    PAGE_SIZE,
    AgendaSilent,
    AnnouncementFields,
    EmptySearch,
    EventDetail,
    EventGone,
    EventList,
    EventListOutcome,
    ListedEvent,
    NoEventsFound,
    OutsideFlanders,
    place_text,
)
from bot.uitdatabank import SearchEvent
from bot.views.event_buttons import (
    AnnounceEvent,
    EditAnnouncement,
    EventButton,
    EventEntry,
    EventsPage,
)
from bot.views.reply import Reply

Sign = Callable[[EventButton], str | None]
ANNOUNCE_DEEP_LINK_PREFIX = "ev_"  # t.me/<bot>?startgroup=ev_<event id>
_BUTTON_TITLE_LIMIT = 40
_DESCRIPTION_LIMIT = 700


@dataclass(frozen=True, slots=True)
class Prompt:
    """A message with a reply keyboard (the 📍 button), not an inline one."""

    text: str
    keyboard: ReplyKeyboardMarkup


def prompt(language: Language) -> Prompt:
    button = KeyboardButton(t(language, "events_location_button"), request_location=True)
    keyboard = ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    return Prompt(t(language, "events_prompt"), keyboard)


def location_button_labels() -> frozenset[str]:
    """What a client without location sharing (or permission) sends when the 📍 is tapped."""
    return frozenset(t(language, "events_location_button") for language in ("nl", "en"))


def _decimal(value: float, language: Language, digits: int) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language == "nl" else text


def _km(value: float, language: Language) -> str:
    return _decimal(value, language, 1 if value < 10 else 0)


def when(event: SearchEvent, language: Language, *, long: bool = False, now: datetime) -> str:
    """publiq's advice: the ``md`` summary in lists, ``lg`` for a single-day event and for
    the details (``lg`` has the hours)."""
    long = long or event.calendar_type == "single"
    summary = (event.summary_long if long else event.summary_short).get(language)
    if summary:
        return summary
    if event.start is not None:
        return format_day_and_time(event.start, language, now=now)
    return t(language, "events_when_unknown")


def _place(event: SearchEvent, language: Language) -> str:
    return place_text(event, language) or t(language, "events_place_unknown")


def _title(event: SearchEvent, language: Language) -> str:
    return event.name.get(language) or ""


def _entry(number: int, listed: ListedEvent, language: Language, now: datetime) -> str:
    event = listed.event
    text = t(
        language,
        "events_entry",
        number=number,
        title=_title(event, language),
        when=when(event, language, now=now),
        place=_place(event, language),
    )
    if listed.distance_km is not None:
        text += t(language, "events_entry_distance", km=_km(listed.distance_km, language))
    if listed.kansentarief is not None:
        price = _decimal(listed.kansentarief, language, 2)
        text += t(language, "events_entry_kansentarief", price=price)
    return text


def problem(outcome: EventListOutcome, language: Language) -> str:
    match outcome:
        case OutsideFlanders():
            return t(language, "events_outside")
        case EmptySearch():
            return t(language, "events_empty_search")
        case AgendaSilent():
            return t(language, "events_silent")
        case NoEventsFound(page=page) if page > 0:
            return t(language, "events_none_page")
        case NoEventsFound(within_km=km) if km is not None:
            return t(language, "events_none_near", km=_km(km, language))
        case NoEventsFound(words=words):
            return t(language, "events_none_words", words=words or "")
    raise AssertionError(f"not a problem: {outcome!r}")


def event_list(outcome: EventListOutcome, language: Language, sign: Sign, now: datetime) -> Reply:
    if not isinstance(outcome, EventList):
        return Reply(problem(outcome, language))
    found = outcome
    if found.within_km is None:
        header = t(language, "events_header_words", words=found.words or "")
        kind = "x"
    elif found.widened:
        first = _km(FIRST_RADIUS_KM, language)
        header = t(
            language, "events_header_widened", first=first, km=_km(found.within_km, language)
        )
        kind = "w"
    else:
        header = t(language, "events_header_near", km=_km(found.within_km, language))
        kind = "n"
    pages = -(-found.total // PAGE_SIZE)
    lines = [header]
    if pages > 1:
        lines.append(
            t(language, "events_page", page=found.page + 1, pages=pages, total=found.total)
        )
    first = found.page * PAGE_SIZE + 1
    for number, listed in enumerate(found.events, start=first):
        lines += ["", _entry(number, listed, language, now)]
    lines += ["", t(language, "events_legend")]
    rows: list[list[InlineKeyboardButton]] = []
    for number, listed in enumerate(found.events, start=first):
        data = sign(EventEntry(listed.event.id))
        if data is not None:
            label = f"{number}. {shorten(_title(listed.event, language), _BUTTON_TITLE_LIMIT)}"
            rows.append([InlineKeyboardButton(label, callback_data=data)])
    navigation = []
    if found.page > 0 and (data := sign(EventsPage(found.page - 1, kind))) is not None:
        navigation.append(InlineKeyboardButton(t(language, "button_previous"), callback_data=data))
    if found.has_next and (data := sign(EventsPage(found.page + 1, kind))) is not None:
        navigation.append(InlineKeyboardButton(t(language, "button_next"), callback_data=data))
    if navigation:
        rows.append(navigation)
    return Reply("\n".join(lines), InlineKeyboardMarkup(rows) if rows else None)


def _address(event: SearchEvent) -> str | None:
    address = event.venue.address if event.venue is not None else None
    if address is None:
        return None
    town = " ".join(p for p in (address.postal_code, address.locality) if p)
    return ", ".join(p for p in (address.street, town) if p) or None


def event_detail(
    outcome: EventDetail | EventGone | AgendaSilent,
    language: Language,
    bot_username: str | None,
    now: datetime,
) -> Reply:
    if isinstance(outcome, AgendaSilent):
        return Reply(t(language, "events_silent"))
    if isinstance(outcome, EventGone):
        return Reply(t(language, "events_gone"))
    event = outcome.event
    lines = [t(language, "events_detail_title", title=_title(event, language))]
    if event.status != "Available":
        lines.append(t(language, "events_detail_cancelled"))
    lines.append(t(language, "events_detail_when", when=when(event, language, long=True, now=now)))
    lines.append(t(language, "events_detail_place", place=_place(event, language)))
    if (address := _address(event)) is not None:
        lines.append(t(language, "events_detail_address", address=address))
    if organiser := event.organiser.get(language):
        lines.append(t(language, "events_detail_organiser", organiser=organiser))
    if event.base_price == 0:
        lines.append(t(language, "events_detail_free"))
    elif event.base_price is not None:
        lines.append(
            t(language, "events_detail_price", price=_decimal(event.base_price, language, 2))
        )
    if outcome.kansentarief is not None:
        price = _decimal(outcome.kansentarief, language, 2)
        lines.append(t(language, "events_detail_kansentarief", price=price))
    if description := event.description.get(language):
        lines += ["", escape(shorten(description, _DESCRIPTION_LIMIT))]
    rows = []
    if event.page_url:
        rows.append([InlineKeyboardButton(t(language, "events_button_link"), url=event.page_url)])
    if bot_username:
        link = f"https://t.me/{bot_username}?startgroup={ANNOUNCE_DEEP_LINK_PREFIX}{event.id}"
        rows.append([InlineKeyboardButton(t(language, "events_button_announce"), url=link)])
    return Reply("\n".join(lines), InlineKeyboardMarkup(rows) if rows else None)


def announce_preview(
    event_id: str, fields: AnnouncementFields, language: Language, zone: ZoneInfo, sign: Sign
) -> Reply:
    assert fields.start is not None
    text = t(
        language,
        "events_announce_preview",
        title=fields.title,
        when=when_text(fields.start, zone, language),
        place=fields.place or t(language, "events_place_unknown"),
    )
    row = [
        InlineKeyboardButton(t(language, key), callback_data=data)
        for button, key in (
            (AnnounceEvent(event_id), "events_announce_confirm"),
            (EditAnnouncement(event_id), "events_announce_edit"),
        )
        if (data := sign(button)) is not None
    ]
    return Reply(text, InlineKeyboardMarkup([row]))


def announcement_line(fields: AnnouncementFields, zone: ZoneInfo) -> str:
    """The one line ``/announce`` reads: ``Title | 2026-12-12 20:00 | Place``."""
    assert fields.start is not None
    start = fields.start.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    return " | ".join(p for p in (fields.title, start, fields.place or "") if p)


def announce_edit(fields: AnnouncementFields, language: Language, zone: ZoneInfo) -> Reply:
    line = f"/announce {announcement_line(fields, zone)}"
    return Reply(t(language, "events_announce_edit_text", line=line))


def announce_no_start(fields: AnnouncementFields, language: Language) -> Reply:
    return Reply(t(language, "events_announce_no_start", title=fields.title))


def inline_articles(
    outcome: EventListOutcome, language: Language, bot_username: str | None, now: datetime
) -> list[InlineQueryResultArticle]:
    """One article per event: a message anyone can read, with a button back to the bot."""
    if not isinstance(outcome, EventList):
        return []
    articles = []
    for listed in outcome.events:
        event = listed.event
        values = {
            "title": _title(event, language),
            "when": when(event, language, now=now),
            "place": _place(event, language),
        }
        keyboard = None
        if bot_username:
            link = f"https://t.me/{bot_username}?start=ev_{event.id}"
            keyboard = InlineKeyboardMarkup(
                [[InlineKeyboardButton(t(language, "inline_open_bot"), url=link)]]
            )
        articles.append(
            InlineQueryResultArticle(
                id=event.id[:64],
                title=shorten(values["title"], 60),
                description=plain(t(language, "inline_description", **values)),
                input_message_content=InputTextMessageContent(
                    t(language, "inline_message", **values), parse_mode=ParseMode.HTML
                ),
                reply_markup=keyboard,
            )
        )
    return articles
