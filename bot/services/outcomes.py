"""What a service tells the Telegram layer happened; the handlers turn these into messages.

They are plain data so that services stay free of Telegram types and every branch can be
asserted on in tests without parsing reply texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.services.checkin_codes import CodeRejection
from bot.uitpas.models import CheckinAnswer, Promotion


class ImageProblem(StrEnum):
    UNREADABLE = "unreadable"
    NO_QR_CODE = "no_qr_code"


@dataclass(frozen=True, slots=True)
class PhotoNotUsable:
    problem: ImageProblem


@dataclass(frozen=True, slots=True)
class CodeNotUsable:
    rejection: CodeRejection


@dataclass(frozen=True, slots=True)
class AwaitingLink:
    """The code is remembered; it is checked in as soon as the user links a card."""


class Settled(StrEnum):
    """What became of a check-in whose answer never came, judged by the points since."""

    SAVED = "saved"  # the points went up: the check-in did work
    NOT_SAVED = "not_saved"  # the points stayed the same after the grace period
    UNCLEAR = "unclear"  # the points went down (traded meanwhile), or no before-value
    STILL_UNKNOWN = "still_unknown"  # UiTPAS silent again, or maybe still processing


@dataclass(frozen=True, slots=True)
class Reconciliation:
    settled: Settled
    points_saved: int | None = None
    total_points: int | None = None


@dataclass(frozen=True, slots=True)
class CheckinAnswered:
    """UiTPAS answered; ``answer.code`` says whether a point was saved.

    ``earlier`` reports on a previous check-in with unknown outcome, settled just before this.
    """

    answer: CheckinAnswer
    masked_number: str
    codes_in_photo: int = 1
    earlier: Reconciliation | None = None


@dataclass(frozen=True, slots=True)
class UitpasSilent:
    """No usable answer. ``maybe_saved`` when the request was sent: the point may exist.

    ``can_recheck`` when the points before sending are known, so the outcome can be settled.
    """

    maybe_saved: bool
    can_recheck: bool = False
    earlier: Reconciliation | None = None


CheckinOutcome = PhotoNotUsable | CodeNotUsable | AwaitingLink | CheckinAnswered | UitpasSilent


@dataclass(frozen=True, slots=True)
class LinkResult:
    masked_number: str
    pending_code: str | None


@dataclass(frozen=True, slots=True)
class PromotionDetail:
    promotion: Promotion
    total_points: int | None  # None: not linked, or UiTPAS did not say
