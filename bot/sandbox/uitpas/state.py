"""What changes while the sandbox runs: points, check-ins and redeemed rewards, kept in memory.

Requests arrive on uvicorn's event loop, but tests also read the state from other threads and
uvicorn may run handlers concurrently, so every read-modify-write holds one lock. In particular
"has this passholder already checked in here today?" and "save the point" happen as one step:
two simultaneous scans of the same code save one point, not two.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.sandbox.uitpas.data import DemoData


@dataclass(frozen=True, slots=True)
class Redemption:
    """A reward redeemed (v4 ``POST /rewards/redeemed``): the points it cost and its code."""

    id: str
    number: str
    reward_id: str
    at: datetime
    points: int
    code: str


@dataclass(frozen=True, slots=True)
class Checkin:
    number: str
    event_id: str
    at: datetime
    points: int


class Ledger:
    """Current points and the check-ins saved since the last reset."""

    def __init__(self, data: DemoData) -> None:
        self._lock = threading.Lock()
        self._points: dict[str, int] = {}
        self._checkins: list[Checkin] = []
        # The latest check-in per (passholder, event): the once-a-day rule without scanning
        # every check-in (the load benchmark saves thousands).
        self._latest: dict[tuple[str, str], datetime] = {}
        self._redemptions: list[Redemption] = []
        self.reset(data)

    def reset(self, data: DemoData) -> None:
        with self._lock:
            self._points = {number: p.points for number, p in data.passholders.items()}
            self._checkins = []
            self._latest = {}
            self._redemptions = []

    def add(self, number: str, points: int) -> None:
        with self._lock:
            self._points[number] = points

    def points(self, number: str) -> int:
        with self._lock:
            return self._points.get(number, 0)

    def checkins(self, number: str) -> list[Checkin]:
        with self._lock:
            return [c for c in self._checkins if c.number == number]

    def try_checkin(
        self, number: str, event_id: str, points: int, at: datetime, *, period_start: datetime
    ) -> int | None:
        """Save ``points`` unless this passholder already checked in here since ``period_start``.

        Returns the new total, or None when the check-in was refused (and nothing changed).
        """
        with self._lock:
            latest = self._latest.get((number, event_id))
            if latest is not None and latest >= period_start:
                return None
            self._points[number] = self._points.get(number, 0) + points
            self._checkins.append(Checkin(number, event_id, at, points))
            self._latest[(number, event_id)] = max(at, latest or at)
            return self._points[number]

    def redemptions(self, number: str | None = None) -> list[Redemption]:
        """Redemptions of one passholder (or everyone's), oldest first."""
        with self._lock:
            return [r for r in self._redemptions if number is None or r.number == number]

    def try_redeem(
        self, redemption: Redemption, refusal: Callable[[int, list[Redemption]], str | None]
    ) -> str | None:
        """Redeem unless ``refusal`` (given the points now and every redemption so far) names a
        reason: checked and applied as one step, so two requests at once never both pass."""
        with self._lock:
            reason = refusal(self._points.get(redemption.number, 0), list(self._redemptions))
            if reason is not None:
                return reason
            self._points[redemption.number] = self._points.get(redemption.number, 0) - (
                redemption.points
            )
            self._redemptions.append(redemption)
            return None
