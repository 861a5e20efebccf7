"""What a service tells the Telegram layer happened; the handlers turn these into messages.

They are plain data so that services stay free of Telegram types and every branch can be
asserted on in tests without parsing reply texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.services.card_status import CardStatusProblem
from bot.services.checkin_codes import CodeRejection
from bot.services.trading_outcomes import Entitlements
from bot.uitpas.models import (
    CheckinAnswer,
    Event,
    PassMessage,
    PointsAnswer,
    Promotion,
    PromotionAnswer,
    PromotionsAnswer,
)
from bot.uitpas.numbers import NumberProblem


class ImageProblem(StrEnum):
    UNREADABLE = "unreadable"
    NO_QR_CODE = "no_qr_code"
    AMBIGUOUS = "ambiguous"  # two decoders read different texts: never guess which


@dataclass(frozen=True, slots=True)
class PhotoNotUsable:
    problem: ImageProblem


@dataclass(frozen=True, slots=True)
class CodeNotUsable:
    rejection: CodeRejection


@dataclass(frozen=True, slots=True)
class AwaitingLink:
    """The code is remembered; it is checked in as soon as the user links a card.

    ``by_login``: linking is a UiTiD login (v4), not a typed number."""

    by_login: bool = False


class Settled(StrEnum):
    """What became of a check-in whose answer never came, judged by the points since (legacy)
    or by the passholder's transaction history (v4)."""

    SAVED = "saved"  # the points went up, or the check-in is in the history: it did work
    NOT_SAVED = "not_saved"  # the points stayed the same, or no check-in after the grace period
    UNCLEAR = "unclear"  # the points went down (traded meanwhile), no before-value, or older
    STILL_UNKNOWN = "still_unknown"  # UiTPAS silent again, or maybe still processing


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """``event`` when the history named it; ``total_points`` may be unknown under v4 (no
    points are read before a check-in); ``by_history``: judged by the history, not points."""

    settled: Settled
    points_saved: int | None = None
    total_points: int | None = None
    event: Event | None = None
    by_history: bool = False


@dataclass(frozen=True, slots=True)
class CheckinWindow:
    """When an announced event's check-in opens and closes, for a code UiTPAS refused as
    expired: ``not_yet`` when it has not opened, else it has closed. ``title`` is the
    announcement's; ``time_zone`` the one its admin typed the date in."""

    title: str
    opens_at: datetime
    closes_at: datetime
    time_zone: str
    not_yet: bool


@dataclass(frozen=True, slots=True)
class CheckinAnswered:
    """UiTPAS answered; ``answer.code`` says whether a point was saved.

    ``earlier`` reports on a previous check-in with unknown outcome, settled just before this.
    ``login_url`` with ``LOGIN_REQUIRED`` (v4): a fresh UiTiD login link; the code is kept and
    checked in once the passholder logged in again. ``window`` with ``CHECKIN_CODE_EXPIRED``,
    when the bot knows the event's date from an announcement.
    """

    answer: CheckinAnswer
    masked_number: str
    codes_in_photo: int = 1
    earlier: Reconciliation | None = None
    login_url: str | None = None
    window: CheckinWindow | None = None  # an expired code of an announced event


@dataclass(frozen=True, slots=True)
class UitpasSilent:
    """No usable answer. ``maybe_saved`` when the request was sent: the point may exist.

    ``can_recheck`` when the outcome can be settled later: the points before sending are known
    (legacy), or the passholder's history will tell (v4).
    """

    maybe_saved: bool
    can_recheck: bool = False
    earlier: Reconciliation | None = None


@dataclass(frozen=True, slots=True)
class CheckinRepeated:
    """The same code from the same passholder a moment ago: UiTPAS was not asked again.

    ``result_code`` is None while that check-in still runs, else its (successful) answer code.
    """

    result_code: str | None
    points_saved: int | None = None
    total_points: int | None = None


CheckinOutcome = (
    PhotoNotUsable | CodeNotUsable | AwaitingLink | CheckinAnswered | UitpasSilent | CheckinRepeated
)


@dataclass(frozen=True, slots=True)
class LinkResult:
    """Linked. ``card_problem``: the card is not active (blocked, not handed out yet), which
    the passholder is warned about; a code photographed before is then not checked in."""

    masked_number: str
    pending_code: str | None
    card_problem: CardStatusProblem | None = None


@dataclass(frozen=True, slots=True)
class CardRefused:
    """UiTPAS says the card can never be used again (deleted): nothing was stored."""

    masked_number: str
    problem: CardStatusProblem


@dataclass(frozen=True, slots=True)
class NumberNotValid:
    """The typed text is no UiTPAS number, so nothing was stored; nearly always a typo.

    ``problem`` and ``digit_count`` are what the reply needs to say what to fix.
    """

    problem: NumberProblem
    digit_count: int


@dataclass(frozen=True, slots=True)
class ReplaceAsked:
    """Another card is linked already: nothing changed; the passholder is asked first."""

    current_masked: str
    new_masked: str


LinkOutcome = LinkResult | NumberNotValid | ReplaceAsked | CardRefused


@dataclass(frozen=True, slots=True)
class PromotionDetail:
    promotion: Promotion
    total_points: int | None  # None: not linked, or UiTPAS did not say


@dataclass(frozen=True, slots=True)
class NotLinked:
    """The user has no card linked: nothing personal to show yet."""


@dataclass(frozen=True, slots=True)
class UitpasRefused:
    """UiTPAS answered with a code other than success (card blocked, unknown number, ...).

    ``required_permission``: the bot is not allowed this (v4: a 403), not the passholder.
    """

    code: str
    message: str | None
    masked_number: str
    required_permission: str | None = None
    end_user_message_nl: str | None = None
    end_user_message_en: str | None = None
    end_user_message_fr: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One check-in from our own history; ``uncertain`` when UiTPAS never answered it."""

    at: datetime
    event_title: str | None
    organiser_name: str | None
    points_saved: int | None
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class PointsBalance:
    masked_number: str
    total: int
    recent: tuple[HistoryEntry, ...]
    messages: tuple[PassMessage, ...] = ()  # the pass's messages, which must be shown
    end_user_message_nl: str | None = None
    end_user_message_en: str | None = None
    end_user_message_fr: str | None = None
    entitlements: Entitlements | None = None  # v4: kansentarief and coupons


PointsOutcome = PointsBalance | NotLinked | UitpasRefused | UitpasSilent


@dataclass(frozen=True, slots=True)
class PromotionEntry:
    promotion: Promotion
    affordable: bool  # the passholder's fresh total covers its points
    unavailable: str | None  # a reason that holds for everyone (sold out, period), or None


@dataclass(frozen=True, slots=True)
class PromotionPage:
    """One page of the list as this passholder sees it now."""

    entries: tuple[PromotionEntry, ...]
    page: int  # from 0, already clamped to the pages that exist
    page_count: int
    shown_count: int  # entries on all pages of this view (after the filter)
    listed_count: int  # entries in the whole list, filter or not
    total_points: int
    only_affordable: bool
    fingerprint: str
    list_changed: bool = False  # the button pressed was made from an older list
    section: str = "all"  # the part of the list shown (spotlight, last chance, online)
    # Every section and its size (None: asked only when opened).
    section_counts: tuple[tuple[str, int | None], ...] = ()


PromotionListOutcome = PromotionPage | NotLinked | UitpasRefused | UitpasSilent


@dataclass(frozen=True, slots=True)
class ListChanged:
    """A button from an older version of the list: show the fresh list instead."""


def refused(
    answer: PointsAnswer | PromotionsAnswer | PromotionAnswer, masked: str
) -> UitpasRefused:
    """A refusal as the views need it: the code, UiTPAS's words, and a missing permission."""
    return UitpasRefused(
        answer.code,
        answer.message,
        masked,
        answer.required_permission if answer.lacks_permission else None,
        answer.end_user_message_nl,
        answer.end_user_message_en,
        answer.end_user_message_fr,
    )
