"""Time words in an event search: "vandaag", "today", "aujourd'hui", "dit weekend", "this
weekend", "ce week-end" (and "morgen"/"tomorrow"/"demain"). They are taken out of the words and
become a time window, in the bot's ``TIME_ZONE``: the Search API only knows instants. Phones
type "aujourd’hui" with a curly apostrophe, so both count; "après-demain" is not "demain".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

_TODAY = re.compile(r"\b(vandaag|today|aujourd['’]hui)\b", re.IGNORECASE)
_TOMORROW = re.compile(r"(?<![-\w])(morgen|tomorrow|demain)\b", re.IGNORECASE)
_WEEKEND = re.compile(r"\b(dit\s+weekend|this\s+weekend|ce\s+week-?end|week-?end)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TimedWords:
    words: str  # what is left to search for, maybe empty
    happening_from: datetime | None = None
    happening_to: datetime | None = None


def read_time_words(text: str, now: datetime, zone: ZoneInfo) -> TimedWords:
    """The words without their time words, and the window those name (the first one wins)."""
    local = now.astimezone(zone)
    midnight = datetime.combine(local.date(), time(), zone)
    window: tuple[datetime, datetime] | None = None
    for pattern, days in ((_WEEKEND, None), (_TODAY, 0), (_TOMORROW, 1)):
        if pattern.search(text) is None:
            continue
        if window is None:
            if days is None:  # from Saturday 00:00 (or now, during the weekend) to Sunday night
                saturday = midnight + timedelta(days=(5 - local.weekday()) % 7)
                if local.weekday() == 6:
                    saturday = midnight - timedelta(days=1)
                window = (max(saturday, now), saturday + timedelta(days=2))
            else:
                start = midnight + timedelta(days=days)
                window = (max(start, now), start + timedelta(days=1))
        text = pattern.sub(" ", text)
    words = " ".join(text.split())
    if window is None:
        return TimedWords(words)
    return TimedWords(words, window[0], window[1] - timedelta(seconds=1))
