"""Announcements rendered for Telegram: the group card, prompts, reminder, stats, private chat.

Group texts are in the language stored with the announcement (the announcing admin's).
Nothing here ever receives a check-in code, a UiTPAS number or a member's name.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Html, Language, language_for, t
from bot.i18n.dates import clock_text, day_text, time_left_text, weekday_name, when_text
from bot.services.announcements import DEEP_LINK_PREFIX, Ask, Opened, OpenStatus, Step
from bot.services.published_announcement import MemberCounts, PublishedAnnouncement
from bot.services.when import WhenProblem
from bot.views import family as family_views
from bot.views.reply import Reply

RSVP_PREFIX = "rsvp:"
CHECK_IN_NOW_PREFIX = "acheckin:"


def language_of(announcement: PublishedAnnouncement) -> Language:
    return language_for(announcement.language)


def deep_link(bot_username: str, token: str) -> str:
    return f"https://t.me/{bot_username}?start={DEEP_LINK_PREFIX}{token}"


def _zone(announcement: PublishedAnnouncement) -> ZoneInfo:
    return ZoneInfo(announcement.time_zone)


def _head(announcement: PublishedAnnouncement, language: Language) -> str:
    return t(
        language,
        "open_event",
        title=announcement.title,
        when=when_text(announcement.starts_at, _zone(announcement), language),
        place=announcement.place,
    )


def _save_point_button(
    announcement: PublishedAnnouncement, bot_username: str
) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        t(language_of(announcement), "button_save_point"),
        url=deep_link(bot_username, announcement.token),
    )


def card_keyboard(announcement: PublishedAnnouncement, bot_username: str) -> InlineKeyboardMarkup:
    coming = InlineKeyboardButton(
        t(language_of(announcement), "button_coming"),
        callback_data=RSVP_PREFIX + announcement.token,
    )
    return InlineKeyboardMarkup([[coming], [_save_point_button(announcement, bot_username)]])


def card(announcement: PublishedAnnouncement, counts: MemberCounts, bot_username: str) -> Reply:
    """The announcement in the group: what, when, where, how many are coming (never who)."""
    language = language_of(announcement)
    if announcement.cancelled_at is not None:
        return Reply(t(language, "card_cancelled") + "\n" + _head(announcement, language))
    coming = (
        t(language, "card_coming", count=counts.coming)
        if counts.coming
        else t(language, "card_coming_none")
    )
    point = "card_point_code" if announcement.has_checkin_code else "card_point_photo"
    text = "\n".join([_head(announcement, language), "", coming, t(language, point)])
    return Reply(text, card_keyboard(announcement, bot_username))


def ask(ask: Ask, language: Language, zone: ZoneInfo) -> str:
    """The question for the next step, after what was wrong with the last answer, if anything."""
    lines = []
    if ask.too_long is not None:
        lines.append(t(language, "announce_too_long", limit=ask.too_long))
    if ask.problem is not None:
        lines.append(_when_problem(ask, language, zone))
    if ask.step is Step.TITLE:
        lines.append(t(language, "announce_ask_title"))
    elif ask.step is Step.WHEN:
        lines.append(t(language, "announce_ask_when", title=ask.title or ""))
    else:
        lines.append(t(language, "announce_ask_place", title=ask.title or ""))
    return "\n".join(lines)


def _when_problem(ask: Ask, language: Language, zone: ZoneInfo) -> str:
    assert ask.problem is not None
    problem, found = ask.problem.problem, ask.problem.found
    simple = {
        WhenProblem.UNREADABLE: "when_unreadable",
        WhenProblem.NO_TIME: "when_no_time",
        WhenProblem.NO_SUCH_DATE: "when_no_such_date",
    }
    if problem in simple or found is None:
        return t(language, simple.get(problem, "when_unreadable"))
    date = day_text(found, zone, language)
    if problem is WhenProblem.WEEKDAY_MISMATCH:
        weekday = weekday_name(found.astimezone(zone).weekday(), language)
        date = date.split(" ", 1)[1]  # "12 december 2026", the weekday is said separately
        return t(language, "when_weekday_mismatch", date=date, weekday=weekday)
    if problem is WhenProblem.PAST:
        return t(language, "when_past", date=when_text(found, zone, language))
    return t(language, "when_too_far", date=date)


def reminder(announcement: PublishedAnnouncement, left: timedelta, bot_username: str) -> Reply:
    language = language_of(announcement)
    text = t(
        language,
        "reminder",
        title=announcement.title,
        left=time_left_text(left, language),
        time=clock_text(announcement.starts_at, _zone(announcement), language),
        place=announcement.place,
    )
    # Only the deep link: RSVPs are counted on the card, which the reminder replies to.
    return Reply(text, InlineKeyboardMarkup([[_save_point_button(announcement, bot_username)]]))


def stats(announcement: PublishedAnnouncement, counts: MemberCounts) -> Reply:
    return Reply(
        t(
            language_of(announcement),
            "stats",
            title=announcement.title,
            coming=counts.coming,
            opened=counts.opened,
            checked_in=counts.checked_in,
        )
    )


def opened(outcome: Opened, language: Language) -> list[Reply]:
    """What a member reads in private after the deep link: the event, then what to do."""
    announcement = outcome.announcement
    head = _head(announcement, language)
    status = outcome.status
    if status is OpenStatus.CANCELLED:
        return [Reply(t(language, "open_cancelled") + "\n" + head)]
    if status is OpenStatus.OVER:
        return [Reply(head + "\n\n" + t(language, "open_over"))]
    if status is OpenStatus.CHECKED:
        assert outcome.checkin is not None
        return [Reply(head), family_views.checkin_or_chooser(outcome.checkin, language)]
    if status is OpenStatus.LINK_FIRST:
        return [Reply(head + "\n\n" + t(language, "open_link_first_code_kept"))]
    lines = [head, ""]
    keyboard = None
    if status is OpenStatus.NOT_OPEN_YET:
        assert outcome.opens_at is not None
        opens = when_text(outcome.opens_at, _zone(announcement), language)
        lines.append(t(language, "open_not_yet", opens=Html(opens)))
        button = InlineKeyboardButton(
            t(language, "button_check_in_now"),
            callback_data=CHECK_IN_NOW_PREFIX + announcement.token,
        )
        keyboard = InlineKeyboardMarkup([[button]])
    else:
        lines.append(t(language, "open_send_photo"))
    if not outcome.linked:
        lines.append(t(language, "open_link_first"))
    return [Reply("\n".join(lines), keyboard)]
