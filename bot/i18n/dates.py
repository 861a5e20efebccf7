"""Dates in the user's language, independent of the machine's locale.

``strftime("%B")`` follows the process locale, which on a server is usually C/English and
cannot be switched per user without races between threads, so month and weekday names live
here, as tables rather than catalogue sentences. Promotion periods are shown in Belgian time
(UiTPAS is Flemish); announcements in the group's time zone.

French writes the time of day with an "h" in running text, as Belgian French usage and its
typographic rules do: ``14 h 30``, ``20 h`` for the full hour (the no-break spaces keep it on
one line). ``14:30`` is the digital-display form (CLDR's), right in a timetable but not in a
sentence such as "samedi 5 décembre à 14 h 30". The first of the month is ``1er``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.i18n import DEFAULT_LANGUAGE, Language, t

_WEEKDAYS: dict[Language, tuple[str, ...]] = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
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
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
}  # fmt: skip
_AT: dict[Language, str] = {"nl": "om", "en": "at", "fr": "à"}
# Between a date and its time of day in the points history: "12 mei, 14:05", "12 mai à 14 h 05".
_DATE_TIME: dict[Language, str] = {"nl": ", ", "en": ", ", "fr": " à "}


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


def _day_and_month(day: datetime, language: Language) -> str:
    """``1 december`` / ``1er décembre`` (the day without a leading zero)."""
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {_MONTHS[language][day.month - 1]}"


def format_date(moment: datetime, language: Language, *, with_year: bool = True) -> str:
    """``31 december 2026`` / ``31 December 2026`` / ``31 décembre 2026``."""
    day = local(moment)
    text = _day_and_month(day, language)
    return f"{text} {day.year}" if with_year else text


def format_day_and_time(
    moment: datetime, language: Language, *, now: datetime, zone: tzinfo | None = None
) -> str:
    """``12 mei, 14:05`` / ``12 mai à 14 h 05`` in ``zone`` (default Belgian time); the year
    is added when it is not this year's."""
    zone = zone or BELGIUM
    day = moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)
    same_year = day.year == now.astimezone(zone).year
    date = format_date(day, language, with_year=not same_year)
    return f"{date}{_DATE_TIME[language]}{_clock(day, language)}"


def weekday_name(weekday: int, language: Language) -> str:
    return _WEEKDAYS[language][weekday]


def day_text(moment: datetime, zone: ZoneInfo, language: Language) -> str:
    """``vrijdag 12 december 2026`` / ``vendredi 12 décembre 2026``."""
    in_zone = moment.astimezone(zone)
    weekday = _WEEKDAYS[language][in_zone.weekday()]
    return f"{weekday} {_day_and_month(in_zone, language)} {in_zone.year}"


def clock_text(moment: datetime, zone: ZoneInfo, language: Language = DEFAULT_LANGUAGE) -> str:
    """``20:00`` / ``20 h``, ``14 h 30`` in French."""
    return _clock(moment.astimezone(zone), language)


def _clock(moment: datetime, language: Language) -> str:
    if language != "fr":
        return f"{moment:%H:%M}"
    if moment.minute == 0:
        return f"{moment.hour}\u00a0h"
    return f"{moment.hour}\u00a0h\u00a0{moment.minute:02d}"


def when_text(moment: datetime, zone: ZoneInfo, language: Language) -> str:
    """``vrijdag 12 december 2026 om 20:00`` / ``vendredi 12 décembre 2026 à 20 h``."""
    clock = clock_text(moment, zone, language)
    return f"{day_text(moment, zone, language)} {_AT[language]} {clock}"


def time_left_text(left: timedelta, language: Language) -> str:
    """``over 45 minuten`` / ``in 2 hours``: minutes below 90, hours below 36, then days."""
    minutes = max(1, round(left.total_seconds() / 60))
    if minutes < 90:
        return t(language, "in_minutes", count=minutes)
    hours = round(minutes / 60)
    if hours < 36:
        return t(language, "in_hours", count=hours)
    return t(language, "in_days", count=round(hours / 24))
