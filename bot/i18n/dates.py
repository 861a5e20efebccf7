"""Dates in words, Dutch and English: "vrijdag 12 december 2026 om 20:00".

Kept out of the catalogues because they are tables, not sentences, and Python's locale
machinery depends on what the host has installed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import Language, t

_WEEKDAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
}  # fmt: skip
_AT = {"nl": "om", "en": "at"}


def weekday_name(weekday: int, language: Language) -> str:
    return _WEEKDAYS[language][weekday]


def day_text(moment: datetime, zone: ZoneInfo, language: Language) -> str:
    """``vrijdag 12 december 2026``."""
    local = moment.astimezone(zone)
    weekday = _WEEKDAYS[language][local.weekday()]
    return f"{weekday} {local.day} {_MONTHS[language][local.month - 1]} {local.year}"


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
