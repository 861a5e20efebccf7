"""Dates in the user's language, independent of the machine's locale.

``strftime("%B")`` follows the process locale, which on a server is usually C/English and
cannot be switched per user without races between threads, so month and weekday names live
here, as tables rather than catalogue sentences. Promotion periods are shown in Belgian time
(UiTPAS is Flemish); announcements in the group's time zone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.i18n import Language, t

_WEEKDAYS: dict[Language, tuple[str, ...]] = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
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
_AT: dict[Language, str] = {"nl": "om", "en": "at"}


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


def format_day_and_time(
    moment: datetime, language: Language, *, now: datetime, zone: tzinfo | None = None
) -> str:
    """``12 mei, 14:05`` in ``zone`` (default Belgian time); the year is added when it is not
    this year's."""
    zone = zone or BELGIUM
    day = moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)
    same_year = day.year == now.astimezone(zone).year
    return f"{format_date(day, language, with_year=not same_year)}, {day:%H:%M}"


def weekday_name(weekday: int, language: Language) -> str:
    return _WEEKDAYS[language][weekday]


def day_text(moment: datetime, zone: ZoneInfo, language: Language) -> str:
    """``vrijdag 12 december 2026``."""
    in_zone = moment.astimezone(zone)
    weekday = _WEEKDAYS[language][in_zone.weekday()]
    return f"{weekday} {in_zone.day} {_MONTHS[language][in_zone.month - 1]} {in_zone.year}"


def clock_text(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


def when_text(moment: datetime, zone: ZoneInfo, language: Language) -> str:
    """``vrijdag 12 december 2026 om 20:00``."""
    return f"{day_text(moment, zone, language)} {_AT[language]} {clock_text(moment, zone)}"


def time_left_text(left: timedelta, language: Language) -> str:
    """``over 45 minuten`` / ``in 2 hours``: minutes below 90, hours below 36, then days."""
    minutes = max(1, round(left.total_seconds() / 60))
    if minutes < 90:
        return t(language, "in_minutes", count=minutes)
    hours = round(minutes / 60)
    if hours < 36:
        return t(language, "in_hours", count=hours)
    return t(language, "in_days", count=round(hours / 24))
