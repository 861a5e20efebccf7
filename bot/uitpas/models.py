"""Typed answers of the legacy UiTPAS API.

Every field but ``code`` is optional in what UiTPAS sends, so every field but ``code`` is optional
here too: a missing title must not cost a passholder their point.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum


class AnswerCode(StrEnum):
    """The answer codes the bot knows by name. UiTPAS may send others; they stay plain strings."""

    ACTION_SUCCEEDED = "ACTION_SUCCEEDED"
    CHECKIN_CODE_EXPIRED = "CHECKIN_CODE_EXPIRED"
    CHECKIN_CODE_INVALID = "CHECKIN_CODE_INVALID"
    GROUPPAS_NOT_ALLOWED = "GROUPPAS_NOT_ALLOWED"
    PARSE_INVALID_UITPASNUMBER = "PARSE_INVALID_UITPASNUMBER"
    UNKNOWN_UITPASNUMBER = "UNKNOWN_UITPASNUMBER"
    INVALID_CARD_STATUS_BLOCKED = "INVALID_CARD_STATUS_BLOCKED"
    INVALID_CARD_STATUS_DELETED = "INVALID_CARD_STATUS_DELETED"
    INVALID_CARD_STATUS = "INVALID_CARD_STATUS"
    # Not a UiTPAS code: the v4 backend needs the passholder's own UiTiD login, and there is
    # none (never logged in, or the login expired or was revoked). The user is sent to /link.
    LOGIN_REQUIRED = "LOGIN_REQUIRED"
    # Not a UiTPAS code either: a 401/403 without a readable body. Only the bot's own
    # credentials or permissions can be wrong then, so it is a refusal of the bot.
    CONSUMER_REFUSED = "CONSUMER_REFUSED"


# Not UiTPAS codes either: a v4 problem type the bot does not know, read by its HTTP status
# alone. One message for both, which never names a code (the type is logged instead).
REFUSED = "REFUSED"  # a 4xx other than 401, 403, 404 and 429
NOT_FOUND = "NOT_FOUND"  # a 404
UNKNOWN_PROBLEM_CODES = frozenset({REFUSED, NOT_FOUND})


@dataclass(frozen=True, slots=True)
class PassMessage:
    """One of ``GET /passes``'s ``messages``: the spec says they MUST be shown to the user."""

    level: str  # INFO, WARN or ERROR
    text: str


@dataclass(frozen=True, slots=True)
class Organiser:
    id: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str | None = None
    title: str | None = None
    organiser: Organiser | None = None


@dataclass(frozen=True, slots=True)
class Promotion:
    """A points promotion ("omruilvoordeel"); the check-in answer carries a subset of fields."""

    id: str | None = None
    title: str | None = None
    points: int | None = None
    description1: str | None = None
    description2: str | None = None
    pictures: tuple[str, ...] = ()
    max_available_units: int | None = None  # None: unlimited
    units_taken: int | None = None
    in_spotlight: bool = False
    cashing_period_begin: datetime | None = None
    cashing_period_end: datetime | None = None
    owning_card_system: str | None = None
    balies: tuple[str, ...] = ()
    # v4: (balie, its address) for each organizer UiTPAS gave an address for, so that an
    # offline reward says where to go; the legacy API names its balies only.
    addresses: tuple[tuple[str, str], ...] = ()
    cities: tuple[str, ...] = ()
    cash_in_state: str | None = None
    # v4 redeem-status: its human ``message`` (Dutch, for the passholder) with the reason, and
    # whether UiTPAS refused the bot the permission to ask (403): then ``cash_in_state`` is
    # only what holds for everyone.
    cash_in_message: str | None = None
    redeem_status_forbidden: bool = False
    # v4: redeemable online (in the chat, with a code), about to end, and the reward type.
    online: bool = False
    last_chance: bool = False
    kind: str | None = None  # POINTS or WELCOME

    @property
    def redeemable_online_now(self) -> bool:
        """redeem-status said this passholder can redeem it, and it is an online reward."""
        return self.online and self.cash_in_state == "POSSIBLE"

    @property
    def units_left(self) -> int | None:
        """Units still available, or None when unlimited or unknown."""
        if self.max_available_units is None:
            return None
        return max(self.max_available_units - (self.units_taken or 0), 0)


# Refusals of the bot itself (its consumer key, secret, signature or permissions), as opposed to
# refusals of what the passholder asked: only the operator can fix these.
CONSUMER_REFUSAL_STATUSES = frozenset({401, 403})
CONSUMER_REFUSAL_CODES = frozenset({"ACCESS_DENIED", "CONSUMER_REFUSED"})


@dataclass(frozen=True, slots=True)
class _Answer:
    code: str
    message: str | None = None
    http_status: int | None = None
    # The v4 API's ``endUserMessage.nl``: written for passholders, shown to Dutch users as is.
    end_user_message_nl: str | None = None
    # ``endUserMessage.en``/``.fr`` when v4 sends them: English and French users get their
    # own, else the Dutch one.
    end_user_message_en: str | None = None
    end_user_message_fr: str | None = None
    # With an ``ACCESS_DENIED``, the permission the bot's consumer lacks: for the operator's log.
    # Set only when a permission is what is missing (v4: every 403), so the user can be told
    # that the bot is not allowed, rather than that something failed.
    required_permission: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.code == AnswerCode.ACTION_SUCCEEDED

    @property
    def refuses_the_bot(self) -> bool:
        """UiTPAS refused the bot's credentials or permissions, not the passholder's request."""
        return self.http_status in CONSUMER_REFUSAL_STATUSES or self.code in CONSUMER_REFUSAL_CODES

    @property
    def lacks_permission(self) -> bool:
        """UiTPAS does not allow the bot this operation (v4: a 403, with the permission the
        spec names for it): only publiq can grant it. Legacy refusals keep their own words."""
        return self.http_status == 403 and self.required_permission is not None

    def end_user_message(self, language: str) -> str | None:
        """v4's message for the passholder: in their language if sent, else the Dutch one."""
        return end_user_message(
            self.end_user_message_nl, self.end_user_message_en, language, self.end_user_message_fr
        )


def end_user_message_in(
    nl: str | None, en: str | None, language: str, fr: str | None = None
) -> str | None:
    """``endUserMessage`` in exactly the user's language, or None when UiTPAS sent none in it."""
    return {"nl": nl, "en": en, "fr": fr}.get(language)


def end_user_message(
    nl: str | None, en: str | None, language: str, fr: str | None = None
) -> str | None:
    """``endUserMessage`` in the user's language (``en``, ``fr``) when sent, else ``nl`` (the
    one publiq always provides), whatever the language."""
    return end_user_message_in(nl, en, language, fr) or nl


@dataclass(frozen=True, slots=True)
class CheckinAnswer(_Answer):
    points: int | None = None  # the total, including what this check-in saved
    saved_points: int | None = None
    event: Event | None = None
    promotions: tuple[Promotion, ...] = field(default=())

    @property
    def spotlight(self) -> tuple[Promotion, ...]:
        return tuple(p for p in self.promotions if p.in_spotlight)


@dataclass(frozen=True, slots=True)
class SocialTariff:
    """The pass's ``socialTariff`` (kansentarief). ``ACTIVE`` with ``end_date`` in the past is
    publiq's grace period: still entitled, but to be renewed."""

    status: str  # ACTIVE, EXPIRED or NONE
    end_date: datetime | None = None


@dataclass(frozen=True, slots=True)
class PointsAnswer(_Answer):
    points: int | None = None
    messages: tuple[PassMessage, ...] = ()  # the pass's ``messages``: to be shown
    # v4 only: the name of the card system whose kansentarief the pass has right now
    # (``socialTariff.status`` ACTIVE), so an event can show that tariff; legacy says nothing.
    kansentarief_card_system: str | None = None
    social_tariff: SocialTariff | None = None  # v4 only


# A transaction's ``creationDate`` may be cut to the second (publiq's own examples are), and two
# machines' clocks differ a little: a check-in sent at ``t`` may be dated up to this much before.
TRANSACTION_CLOCK_TOLERANCE = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class Transaction:
    """One line of the passholder's v4 history: points saved (positive) or spent (negative).

    For a check-in, ``title`` is the event's and ``location`` where it took place: the only
    place v4 names the event of a check-in, whose own answer carries only points.
    """

    title: str | None = None
    location: str | None = None
    created: datetime | None = None
    points: int | None = None

    @property
    def event(self) -> Event | None:
        if not self.title:
            return None
        return Event(title=self.title, organiser=Organiser(name=self.location or None))


@dataclass(frozen=True, slots=True)
class TransactionsAnswer(_Answer):
    """``GET /passholders/me/transactions``, newest first."""

    transactions: tuple[Transaction, ...] = ()
    total: int | None = None  # ``totalItems``: all lines, not only this page

    def saved_since(self, since: datetime, *, points: int | None = None) -> Transaction | None:
        """The newest transaction that saved points (``points`` of them, if given) and is
        dated at or after ``since`` (less :data:`TRANSACTION_CLOCK_TOLERANCE`): the trace a
        check-in sent at ``since`` leaves, if it landed."""
        return next(self._saved_since(since, points), None)

    def saved_count_since(self, since: datetime, *, points: int | None = None) -> int:
        """How many transactions :meth:`saved_since` could have answered: 1 when the one it
        answers can only be that check-in's."""
        return sum(1 for _ in self._saved_since(since, points))

    def _saved_since(self, since: datetime, points: int | None) -> Iterator[Transaction]:
        earliest = since - TRANSACTION_CLOCK_TOLERANCE
        for transaction in self.transactions:
            if transaction.created is None or transaction.points is None:
                continue
            if transaction.created < earliest or transaction.points <= 0:
                continue
            if points is None or transaction.points == points:
                yield transaction


@dataclass(frozen=True, slots=True)
class PromotionsAnswer(_Answer):
    promotions: tuple[Promotion, ...] = ()
    total: int | None = None


@dataclass(frozen=True, slots=True)
class PromotionAnswer(_Answer):
    promotion: Promotion | None = None
