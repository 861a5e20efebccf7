"""The time, injectable: reminders, check-in windows and date parsing all ask a ``Clock``.

Tests pass a clock they can move forward instead of sleeping until an event starts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)
