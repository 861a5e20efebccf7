"""Quiet hours: ``21-9`` (from 21:00 to 09:00 in TIME_ZONE nothing is sent), or ``off``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

_HOURS = re.compile(r"(\d{1,2})-(\d{1,2})")


@dataclass(frozen=True, slots=True)
class QuietHours:
    start: int | None  # None: off
    end: int | None
    zone: ZoneInfo

    @classmethod
    def parse(cls, text: str, zone: ZoneInfo) -> QuietHours:
        """``"21-9"`` or ``"off"``; anything else is a ValueError with what is expected."""
        cleaned = text.strip().lower()
        if cleaned in ("off", "uit", ""):
            return cls(None, None, zone)
        match = _HOURS.fullmatch(cleaned)
        if match is None:
            raise ValueError(f"quiet hours {text!r}: expected START-END hours, e.g. 21-9, or off")
        start, end = int(match[1]), int(match[2])
        if not (0 <= start <= 23 and 0 <= end <= 23) or start == end:
            raise ValueError(f"quiet hours {text!r}: two different hours from 0 to 23, e.g. 21-9")
        return cls(start, end, zone)

    def holds(self, moment: datetime) -> bool:
        """Whether ``moment`` falls in the quiet hours."""
        if self.start is None or self.end is None:
            return False
        hour = moment.astimezone(self.zone).hour
        if self.start < self.end:
            return self.start <= hour < self.end
        return hour >= self.start or hour < self.end

    def ends_after(self, moment: datetime) -> datetime:
        """When the quiet hours around ``moment`` end (``moment`` itself when not quiet)."""
        if not self.holds(moment) or self.end is None:
            return moment
        local = moment.astimezone(self.zone)
        end = datetime.combine(local.date(), time(self.end), self.zone)
        if end <= local:
            end = datetime.combine(local.date() + timedelta(days=1), time(self.end), self.zone)
        return end

    def day_of(self, moment: datetime) -> str:
        """The local day ``moment`` belongs to (one digest per passholder per day)."""
        return moment.astimezone(self.zone).date().isoformat()

    def next_day(self, moment: datetime) -> datetime:
        """The start of the next local day (a digest went out today)."""
        local = moment.astimezone(self.zone)
        return datetime.combine(local.date() + timedelta(days=1), time(0), self.zone)
