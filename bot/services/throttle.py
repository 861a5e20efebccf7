"""Flood control for check-ins: a person sends a few photos at an event, not fifty a minute.

Every photo costs a download, a QR decode and a UiTPAS request, and a check-in code could be
guessed by sending many. So each user may check in ``limit`` times per ``window``; the first
photo over the limit gets one clear message, the rest of that window are ignored silently
(answering each would be a flood of our own).

The counts live in the database (:class:`storage.repositories.ThrottleRepository`) rather than
in process memory: with several bot instances behind a load balancer sharing PostgreSQL, a
per-process counter would let a flooder multiply their rate by the number of instances. Fixed
windows let a burst straddle two windows (at most twice the limit in one window's time),
which is acceptable for this purpose and costs one upsert per photo.

In webhook mode on PostgreSQL a private photo is counted in the statement that claims its
update (:meth:`Throttle.photo_count`, ``UpdateClaims.claim``), which also reads the link: the
photo's handler takes that count (:meth:`Throttle.check_reading_link`) instead of counting it
again, one round trip fewer per photo (issue 21).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from storage.models import PassholderLink
from storage.read_ahead import ReadAhead
from storage.repositories import CountedPhoto, PhotoCount, ThrottleRepository

CHECKIN_ACTION = "checkin"
# A link read with the update's claim stands in for the handler's read this long after the
# claim's statement started; later (the update waited behind another of the same user, which
# may have changed the link) the link alone is read again. The count is taken however late:
# counting again would count the photo twice.
LINK_AHEAD_FOR = 1.0


@dataclass(frozen=True, slots=True)
class _CountedWithClaim:
    """A photo counted by the claim of ``update_id``, in the window starting ``window_start``."""

    update_id: int
    window_start: datetime
    counted: CountedPhoto


# Per user, the photo count of the update being handled, taken by its handler (in a context
# variable: it belongs to that update's task alone, see storage.read_ahead).
_COUNTED: ReadAhead[_CountedWithClaim] = ReadAhead("photo_counted_with_claim")


class Verdict(StrEnum):
    ALLOWED = "allowed"
    THROTTLED_NOTIFY = "throttled_notify"  # the first one over the limit: say so, once
    THROTTLED_SILENT = "throttled_silent"


@dataclass(frozen=True, slots=True)
class ThrottleDecision:
    verdict: Verdict
    retry_in_seconds: int = 0

    @property
    def allowed(self) -> bool:
        return self.verdict == Verdict.ALLOWED


class Throttle:
    def __init__(self, repository: ThrottleRepository, *, limit: int, window: timedelta) -> None:
        if limit < 1 or window.total_seconds() < 1:
            raise ValueError("a throttle needs a limit of at least 1 and a window of 1 s or more")
        self._repository = repository
        self.limit = limit
        self.window = window

    def _window_start(self, now: datetime) -> datetime:
        seconds = int(self.window.total_seconds())
        epoch = int(now.timestamp())
        return datetime.fromtimestamp(epoch - epoch % seconds, UTC)

    async def check(
        self,
        telegram_user_id: int,
        action: str = CHECKIN_ACTION,
        *,
        now: datetime | None = None,
        heard_from: bool = False,
    ) -> ThrottleDecision:
        """``heard_from``: the user wrote, so they can be reached again (what
        :meth:`ReachabilityService.heard_from` does), in the same database round trip."""
        now = now or datetime.now(UTC)
        start = self._window_start(now)
        count = await self._repository.hit(telegram_user_id, action, start, seen=heard_from)
        return self._decide(count, start, now)

    def photo_count(self, telegram_user_id: int, *, now: datetime | None = None) -> PhotoCount:
        """A private photo of this user, to count with the claim of its update."""
        start = self._window_start(now or datetime.now(UTC))
        return PhotoCount(telegram_user_id, CHECKIN_ACTION, start)

    def counted_with_claim(self, update_id: int, photo: PhotoCount, counted: CountedPhoto) -> None:
        """``photo`` was counted (and the inactive mark cleared) by the claim of
        ``update_id``: for that update's :meth:`check_reading_link` to take, once."""
        kept = _CountedWithClaim(update_id, photo.window_start, counted)
        _COUNTED.keep(photo.telegram_user_id, kept, counted.started)

    async def check_reading_link(
        self, telegram_user_id: int, *, heard_from: bool = False, update_id: int | None = None
    ) -> tuple[ThrottleDecision, PassholderLink | None]:
        """:meth:`check` for a photo, and the user's link, which the check-in reads next:
        one database round trip instead of two (where the database can), and none when the
        claim of update ``update_id`` counted the photo already (:meth:`counted_with_claim`):
        that count decides, and its link is used while fresh."""
        now = datetime.now(UTC)
        if update_id is not None:
            taken = _COUNTED.take(telegram_user_id, within=math.inf)
            if taken is not None and taken[0].update_id == update_id:
                ahead = taken[0]
                link = ahead.counted.link
                if time.monotonic() - ahead.counted.started > LINK_AHEAD_FOR:
                    link = await self._repository.link(telegram_user_id)
                return self._decide(ahead.counted.count, ahead.window_start, now), link
        start = self._window_start(now)
        count, link = await self._repository.hit_and_read_link(
            telegram_user_id, CHECKIN_ACTION, start, seen=heard_from
        )
        return self._decide(count, start, now), link

    def _decide(self, count: int, start: datetime, now: datetime) -> ThrottleDecision:
        if count <= self.limit:
            return ThrottleDecision(Verdict.ALLOWED)
        retry_in = max(1, int((start + self.window - now).total_seconds() + 0.999))
        verdict = Verdict.THROTTLED_NOTIFY if count == self.limit + 1 else Verdict.THROTTLED_SILENT
        return ThrottleDecision(verdict, retry_in)

    async def purge(self, *, now: datetime | None = None) -> int:
        """Drop windows that ended over a day ago; they count nothing any more."""
        now = now or datetime.now(UTC)
        return await self._repository.purge_before(now - max(self.window, timedelta(days=1)))
