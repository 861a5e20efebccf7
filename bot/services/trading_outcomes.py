"""What the trading services (redeeming online, the redeemed list, history, coupons) tell the
Telegram layer, or a Mini App, happened: plain data, free of Telegram types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.uitpas.models import Promotion, SocialTariff, Transaction, _Answer
from bot.uitpas.trading import Coupon, Redemption

MEMBER_GONE = "FAMILY_MEMBER_GONE"  # a member's button, but they are no longer in the family


@dataclass(frozen=True, slots=True)
class Whose:
    """The card to act on. ``main``: the passholder's own card; otherwise a family member's,
    with their first name (the replies say whose points) and, under v4, their passholder id
    (their history is asked by it, with the parent's login)."""

    uitpas_number: str
    main: bool = True
    first_name: str | None = None
    passholder_id: str | None = None
    handle: str | None = None


@dataclass(frozen=True, slots=True)
class MemberTab:
    """One member as a button: the handle it carries and the first name it shows."""

    handle: str
    first_name: str | None
    main: bool


@dataclass(frozen=True, slots=True)
class RedeemOffer:
    """What the passholder confirms: the reward, its cost, their total and what is left.

    ``issued_at`` goes into the confirm button: a redemption claimed after it is this
    confirmation's own (see ``storage.redemptions``)."""

    promotion: Promotion
    total_points: int
    points_after: int
    masked_number: str
    issued_at: datetime
    expired_before: bool = False  # the button tapped was too old: this is a fresh offer
    whose: Whose | None = None  # a family member's points (None or main: the passholder's)


@dataclass(frozen=True, slots=True)
class Redeemed:
    """Redeemed: the code and how to use it, and the total after (None: UiTPAS did not say).

    ``repeated``: this confirmation was redeemed before (a second tap, a retried update): the
    same redemption is shown again, nothing was redeemed now. ``recovered``: UiTPAS did not
    answer the redemption, and it was found in ``GET /rewards/redeemed``."""

    redemption: Redemption | None
    title: str | None
    points_spent: int | None
    total_points: int | None
    repeated: bool = False
    recovered: bool = False
    whose: Whose | None = None  # a family member's points (None or main: the passholder's)


@dataclass(frozen=True, slots=True)
class RedeemRefused:
    """UiTPAS refused the redemption, or redeem-status says it cannot be done now.

    ``code``: the answer code of the problem type (e.g. ``REWARD_VOLUME_CONSTRAINT``) or the
    cashInState of redeem-status (e.g. ``NOT_POSSIBLE_POINTS_CONSTRAINT``)."""

    code: str
    end_user_message_nl: str | None = None
    end_user_message_en: str | None = None
    required_permission: str | None = None
    end_user_message_fr: str | None = None
    whose: Whose | None = None  # refused for a family member: the reply says for whom

    @classmethod
    def of(cls, answer: _Answer) -> RedeemRefused:
        """UiTPAS's refusal: its code, its words for the passholder, a permission missing."""
        return cls(
            answer.code,
            answer.end_user_message_nl,
            answer.end_user_message_en,
            answer.required_permission if answer.lacks_permission else None,
            answer.end_user_message_fr,
        )


@dataclass(frozen=True, slots=True)
class RedeemRunning:
    """Another tap on the same confirmation is being redeemed right now."""


@dataclass(frozen=True, slots=True)
class RedeemUnknown:
    """UiTPAS did not answer and the redemption is not (yet) in the redeemed list: it may
    have happened. Nothing is redeemed again until the list tells."""


@dataclass(frozen=True, slots=True)
class RedeemNotAvailable:
    """Redeeming in the chat does not exist here: the legacy API, or not an online reward."""

    legacy: bool = False


@dataclass(frozen=True, slots=True)
class RedeemedPage:
    """``GET /rewards/redeemed`` for the passholder (or a family member), one page."""

    redemptions: tuple[Redemption, ...]
    page: int
    page_count: int
    masked_number: str
    whose: Whose | None = None
    family: tuple[MemberTab, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """One page of the passholder's history. ``own_only``: legacy, where only the check-ins
    made through this bot are known (``transactions`` are then built from those)."""

    transactions: tuple[Transaction, ...]
    page: int
    page_count: int
    masked_number: str
    own_only: bool = False
    uncertain: tuple[bool, ...] = ()  # per line (legacy): UiTPAS never answered that check-in
    # With a family (v4): whose history this is, and the members to switch to (the
    # passholder first); () without a family.
    whose: Whose | None = None
    family: tuple[MemberTab, ...] = ()


@dataclass(frozen=True, slots=True)
class Entitlements:
    """Kansentarief and coupons, for ``/points`` (v4); None where UiTPAS did not say."""

    social_tariff: SocialTariff | None
    coupons: tuple[Coupon, ...] | None
    now: datetime


def page_count(total: int, page_size: int) -> int:
    """How many pages ``total`` lines fill (at least one, the empty page)."""
    return max(1, -(-total // page_size))


@dataclass(frozen=True, slots=True)
class MemberRedeemStatus:
    """Whether one family member can redeem the reward now (their own redeem-status), and
    why not when they cannot."""

    member: MemberTab
    points: int | None
    refusal: RedeemRefused | None  # None: they can


@dataclass(frozen=True, slots=True)
class WhosePoints:
    """An online reward, with a family: whose points pay for it, one member at a time."""

    promotion: Promotion
    members: tuple[MemberRedeemStatus, ...]  # the passholder first


@dataclass(frozen=True, slots=True)
class MemberEntitlements:
    """A family member's kansentarief and coupons, under the passholder's own in ``/points``."""

    first_name: str | None
    entitlements: Entitlements
