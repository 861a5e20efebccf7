"""Dates in the user's language, independent of the machine's locale.

``strftime("%B")`` follows the process locale, which on a server is usually C/English and
cannot be switched per user without races between threads, so month names live here. Times are
shown in Belgian time: UiTPAS is Flemish, and so are its cashing periods.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.i18n import Language

_MONTHS: dict[Language, tuple[str, ...]] = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def _belgian_time() -> tzinfo:
    try:
        return ZoneInfo("Europe/Brussels")
    except ZoneInfoNotFoundError:  # a system without tz data: UTC is off by an hour or two
        return UTC


BELGIUM = _belgian_time()


def local(moment: datetime) -> datetime:
    """In Belgian time; a moment without a zone is taken to be Belgian time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=BELGIUM)
    return moment.astimezone(BELGIUM)


def format_date(moment: datetime, language: Language, *, with_year: bool = True) -> str:
    """``31 december 2026`` / ``31 December 2026`` (the day without a leading zero)."""
    day = local(moment)
    text = f"{day.day} {_MONTHS[language][day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def format_day_and_time(moment: datetime, language: Language, *, now: datetime) -> str:
    """``12 mei, 14:05``; the year is added when it is not this year's."""
    day = local(moment)
    same_year = day.year == local(now).year
    return f"{format_date(day, language, with_year=not same_year)}, {day:%H:%M}"
