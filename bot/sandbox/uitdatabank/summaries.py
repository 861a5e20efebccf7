"""``calendarSummary`` texts as UiTdatabank writes them, in Dutch and English (the bot's two
languages; UiTdatabank also writes French and German, which nobody here reads).

The shapes follow publiq's calendar-summaries guide: ``md`` "Za 12 december 2026", ``lg``
"Zaterdag 12 december 2026 van 20:00 tot 22:00"; a periodic event "Van ... tot ...".
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
_DAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_WORDS = {
    "nl": {"from": "van", "to": "tot", "From": "Van", "Until": "Tot"},
    "en": {"from": "from", "to": "to", "From": "From", "Until": "Until"},
}


def _date(moment: datetime, language: str, *, weekday: bool) -> str:
    local = moment.astimezone(BRUSSELS)
    day = _DAYS[language][local.weekday()]
    text = f"{local.day} {_MONTHS[language][local.month - 1]} {local.year}"
    return f"{day} {text}" if weekday else text


def summary(start: datetime, end: datetime, size: str, language: str, *, periodic: bool) -> str:
    words = _WORDS[language]
    if periodic:
        if size == "md":
            return f"{words['Until']} {_date(end, language, weekday=False)}"
        first, last = _date(start, language, weekday=False), _date(end, language, weekday=False)
        return f"{words['From']} {first} {words['to']} {last}"
    day = _date(start, language, weekday=True)
    day = day[0].upper() + day[1:]
    if size == "md":
        weekday, rest = day.split(" ", 1)
        return f"{weekday[: 2 if language == 'nl' else 3]} {rest}"
    begin = start.astimezone(BRUSSELS).strftime("%H:%M")
    finish = end.astimezone(BRUSSELS).strftime("%H:%M")
    return f"{day} {words['from']} {begin} {words['to']} {finish}"
