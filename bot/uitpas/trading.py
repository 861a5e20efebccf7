"""Typed answers for trading points (v4 only): a redemption, what was redeemed, coupons.

As in :mod:`bot.uitpas.models`, every field but ``code`` may be missing in what UiTPAS sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.uitpas.models import _Answer

# A redemption's ``redeemDate`` may be cut to the second, and clocks differ a little: one sent
# at ``t`` may be dated up to this much before (as for check-ins in the history).
REDEEM_CLOCK_TOLERANCE = timedelta(seconds=2)


@dataclass(frozen=True, slots=True)
class Redemption:
    """One ``RedeemedReward``: the code to show and how to use it (online rewards)."""

    id: str | None = None
    reward_id: str | None = None
    reward_title: str | None = None
    points: int | None = None
    redeemed_at: datetime | None = None
    code: str | None = None
    info_text: str | None = None
    info_link: str | None = None
    info_label: str | None = None


@dataclass(frozen=True, slots=True)
class RedeemAnswer(_Answer):
    """``POST /rewards/redeemed``: the redemption, or the refusal (its problem type's code)."""

    redemption: Redemption | None = None


@dataclass(frozen=True, slots=True)
class RedeemedAnswer(_Answer):
    """``GET /rewards/redeemed``, newest first."""

    redemptions: tuple[Redemption, ...] = ()
    total: int | None = None

    def of_reward_since(self, reward_id: str, since: datetime) -> Redemption | None:
        """The newest redemption of ``reward_id`` dated at or after ``since`` (less the clock
        tolerance): the trace a redemption sent at ``since`` leaves, if it happened."""
        earliest = since - REDEEM_CLOCK_TOLERANCE
        for redemption in self.redemptions:
            if redemption.reward_id != reward_id or redemption.redeemed_at is None:
                continue
            if redemption.redeemed_at >= earliest:
                return redemption
        return None


@dataclass(frozen=True, slots=True)
class Coupon:
    """A granted coupon: what it is for, from when until when, how many uses are left."""

    name: str | None = None
    description: str | None = None
    status: str | None = None  # ACTIVE or EXPIRED
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    remaining: int | None = None
    remaining_period: str | None = None  # ABSOLUTE, DAY, WEEK, ...


@dataclass(frozen=True, slots=True)
class CouponsAnswer(_Answer):
    coupons: tuple[Coupon, ...] = ()
