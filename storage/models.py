"""The tables. Personal data is kept to what the features need, and keyed by Telegram user id
so that one ``DELETE … WHERE telegram_user_id = ?`` per table forgets a person completely.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class PassholderLink(SQLModel, table=True):
    """A Telegram user's UiTPAS card. It belongs to the user, not to a chat."""

    __tablename__ = "passholder_links"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    uitpas_number: str = Field(max_length=13, repr=False)  # never in logs
    language: str = Field(max_length=8)
    linked_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    # v4: the passholder's id at UiTPAS, which names their family (/passholders/{id}/...);
    # known from the login or the first family read, so a check-in need not ask /me for it.
    passholder_id: str | None = Field(default=None, max_length=64, repr=False)


class CheckinRecord(SQLModel, table=True):
    """One check-in attempt that reached UiTPAS, whatever it answered.

    ``result_code`` is UiTPAS's answer code, or ``OUTCOME_UNKNOWN`` when the request was sent
    but no answer came back: such a row may hide a saved point and must not read as a failure.
    """

    __tablename__ = "checkins"

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    result_code: str = Field(max_length=64)
    event_id: str | None = Field(default=None, max_length=200)
    event_title: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    organiser_name: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    points_saved: int | None = None
    total_points: int | None = None
    # For OUTCOME_UNKNOWN: the passholder's points just before sending, so the outcome can be
    # reconciled later by comparing with their points then (never by checking in again).
    points_before: int | None = None
    reconciled_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class PendingCheckin(SQLModel, table=True):
    """A check-in code photographed before the card was linked, checked in right after linking."""

    __tablename__ = "pending_checkins"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    checkin_code: str = Field(sa_column=Column(Text, nullable=False), repr=False)
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class ThrottleWindow(SQLModel, table=True):
    """How many times a user did a throttled thing (``action``) in one fixed time window.

    Kept in the database, not in process memory, so that several bot instances behind a load
    balancer share one count: a flooder cannot multiply their rate by the instance count.
    """

    __tablename__ = "throttle_windows"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    action: str = Field(max_length=32, primary_key=True)
    window_start: datetime = Field(
        sa_column=Column(DateTime(timezone=True), primary_key=True, nullable=False)
    )
    count: int = 0


class InactiveUser(SQLModel, table=True):
    """A user Telegram refused to deliver to (they blocked the bot): send them nothing more.

    The row goes away as soon as the user writes again, or with ``/forget``.
    """

    __tablename__ = "inactive_users"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    since: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    reason: str = Field(max_length=200)


class Announcement(SQLModel, table=True):
    """An event a group admin announced: the card in the group, its reminder and check-in code.

    ``token`` is what the card's buttons and deep link carry: random, so nobody outside the
    group can guess a way to an announcement, and it says nothing about who tapped it.
    ``reminder_sent_at`` is set when an instance claims the reminder (a conditional UPDATE), so
    a reminder is claimed by exactly one instance; ``reminder_outcome`` says what became of it.
    """

    __tablename__ = "announcements"

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(sa_column=Column(String(32), nullable=False, unique=True))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    card_message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    language: str = Field(max_length=8)
    title: str = Field(sa_column=Column(Text, nullable=False))
    place: str = Field(sa_column=Column(Text, nullable=False))
    starts_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    time_zone: str = Field(max_length=64)
    checkin_code: str | None = Field(
        default=None, sa_column=Column(Text, nullable=True), repr=False
    )
    remind_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True, index=True)
    )
    reminder_sent_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    reminder_outcome: str | None = Field(default=None, max_length=32)
    cancelled_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class AnnouncementMember(SQLModel, table=True):
    """One member's relation to one announcement: coming or not, opened, checked in.

    Personal data (who is coming): only ever shown as counts, and deleted per user on request.
    """

    __tablename__ = "announcement_members"

    announcement_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("announcements.id", ondelete="CASCADE"), primary_key=True
        )
    )
    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False, index=True)
    )
    coming: bool = False
    opened_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    checked_in_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class AnnouncementDraft(SQLModel, table=True):
    """A step-by-step /announce in progress, kept in the database so a restart loses nothing.

    ``actor_id`` is the admin's user id, or the group's id for an anonymous admin (who posts
    as the group). ``prompt_message_id`` is the bot's question the admin answers by replying.
    """

    __tablename__ = "announcement_drafts"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    actor_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    step: str = Field(max_length=16)
    language: str = Field(max_length=8)
    title: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    starts_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    place: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    checkin_code: str | None = Field(
        default=None, sa_column=Column(Text, nullable=True), repr=False
    )
    poster_message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    prompt_message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class UitidLoginState(SQLModel, table=True):
    """A UiTiD login in progress (v4): what the callback needs to finish it, used once.

    Only a hash of ``state`` is kept: a database reader cannot finish someone's login with it.
    The PKCE verifier is useless without the code, which only the passholder's browser sees.
    """

    __tablename__ = "uitid_login_states"

    state_hash: str = Field(sa_column=Column(String(64), primary_key=True))
    telegram_user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    code_verifier: str = Field(sa_column=Column(Text, nullable=False), repr=False)
    language: str = Field(max_length=8)
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class UitidToken(SQLModel, table=True):
    """A passholder's UiTiD login (v4): the refresh token and the latest access token with
    when it expires, both Fernet-encrypted with TOKEN_ENCRYPTION_KEY. The access token is
    kept so that every instance reuses it until it expires, as publiq asks, instead of
    renewing (and rotating) the login each time."""

    __tablename__ = "uitid_tokens"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    refresh_token_encrypted: str = Field(sa_column=Column(Text, nullable=False), repr=False)
    access_token_encrypted: str | None = Field(
        default=None, sa_column=Column(Text, nullable=True), repr=False
    )
    # Already short of UiTiD's expiry by the client's margin (EXPIRY_MARGIN_SECONDS).
    access_expires_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class HandledUpdate(SQLModel, table=True):
    """A Telegram update taken by one bot instance (webhook mode).

    Telegram sends an update again when the answer to it was late or failed, and behind a load
    balancer the copy may reach another instance. The primary key makes "take it" one atomic
    insert that only one instance wins. ``finished_at`` tells a finished update (a copy is
    dropped) from one whose instance died while handling it (a copy is handled, once the claim
    is old enough). No personal data: update ids only.
    """

    __tablename__ = "handled_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    claimed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    finished_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    # The lease (storage.coordination.Lease): which instance works on it, and until when it
    # may without renewing. A copy arriving after ``lease_until`` is taken over.
    holder: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class RecentCheckinCode(SQLModel, table=True):
    """The last check-in of one code by one user, kept a few minutes to call UiTPAS once.

    A passholder who sends the same poster twice (a double tap, a second photo "to be sure",
    or two instances each getting one) gets the first answer again instead of a second
    request. Only a SHA-256 of the code is kept. ``result_code`` is empty while the first
    check-in is still running.
    """

    __tablename__ = "recent_checkin_codes"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    code_digest: str = Field(sa_column=Column(String(64), primary_key=True))
    claimed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    result_code: str | None = Field(default=None, max_length=64)
    points_saved: int | None = None
    total_points: int | None = None
    # The lease of the running check-in (see storage.coordination.Lease), and the points
    # before it: an instance taking over a dead one's check-in settles it with them.
    holder: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    points_before: int | None = None
    # 1 for a fresh claim, more once taken over from an instance whose lease lapsed.
    attempt: int = Field(
        default=1, sa_column=Column(Integer, nullable=False, server_default=text("1"))
    )


class SendWindow(SQLModel, table=True):
    """Messages sent in bulk (reminders) per one-second window, counted across all instances,
    so that several instances together stay under Telegram's overall sending limit."""

    __tablename__ = "send_windows"

    purpose: str = Field(max_length=32, primary_key=True)
    window_start: datetime = Field(
        sa_column=Column(DateTime(timezone=True), primary_key=True, nullable=False)
    )
    count: int = 0


class RedemptionClaim(SQLModel, table=True):
    """A reward being redeemed, or just redeemed, for one passholder through one Telegram user.

    Redeeming spends points, so it must happen once per confirmation however often it is
    asked for (a double tap, a second confirmation, Telegram sending the update again, two
    instances): the primary key makes "I redeem this" one atomic upsert only one caller wins
    (see ``storage.redemptions``). ``result_code`` is empty while the request runs (a lease,
    renewed by its instance's heartbeat), ``ACTION_SUCCEEDED`` once redeemed, or
    ``OUTCOME_UNKNOWN`` when UiTPAS did not answer and the redemption was not found (yet) in
    ``GET /rewards/redeemed``: nobody redeems it again before looking there. Only a keyed HMAC
    of the UiTPAS number is kept (``bot.services.redemption.passholder_key``), and UiTPAS's id
    of the redemption, never its code.
    """

    __tablename__ = "redemptions"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    passholder_key: str = Field(sa_column=Column(String(64), primary_key=True))
    reward_id: str = Field(sa_column=Column(String(64), primary_key=True))
    claimed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    result_code: str | None = Field(default=None, max_length=64)
    redemption_id: str | None = Field(default=None, max_length=64)
    holder: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    attempt: int = Field(
        default=1, sa_column=Column(Integer, nullable=False, server_default=text("1"))
    )


# --- Family (issue 16) -----------------------------------------------------------------------


class FamilyCard(SQLModel, table=True):
    """Legacy only: an extra card a passholder checks in for (a child's), under a first name.

    v4 keeps the family at UiTPAS; the legacy API has none, so the bot keeps these. Never a
    birth date.
    """

    __tablename__ = "family_cards"
    __table_args__ = (UniqueConstraint("telegram_user_id", "uitpas_number"),)

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    uitpas_number: str = Field(max_length=13, repr=False)  # never in logs
    first_name: str = Field(max_length=64)
    added_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class FamilyChoice(SQLModel, table=True):
    """Who was checked in together last time ("who's with you?"): member keys, JSON."""

    __tablename__ = "family_choices"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    member_keys: str = Field(sa_column=Column(Text, nullable=False))
    chosen_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class FamilyCheckinPrompt(SQLModel, table=True):
    """A "who's with you?" chooser under a photo: its code, the members ticked, and when its
    go button was taken (``done_at``, set once by a conditional UPDATE: pressed twice, the
    second press checks nobody in)."""

    __tablename__ = "family_checkin_prompts"

    id: str = Field(sa_column=Column(String(32), primary_key=True))
    telegram_user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    checkin_code: str = Field(sa_column=Column(Text, nullable=False))
    member_keys: str = Field(sa_column=Column(Text, nullable=False))  # everyone offered, JSON
    chosen_keys: str = Field(sa_column=Column(Text, nullable=False))  # ticked, JSON
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    done_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class FamilyDraft(SQLModel, table=True):
    """A step-by-step ``/family add`` between its questions: the number typed so far. Never
    the birth date (it goes to UiTPAS in the answer that brings it)."""

    __tablename__ = "family_drafts"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    uitpas_number: str = Field(max_length=13, repr=False)  # never in logs
    started_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


# --- Notifications (issue 19) ----------------------------------------------------------------


class NotifySubscription(SQLModel, table=True):
    """One kind of notice a Telegram user said yes to (a row: on; no row: off)."""

    __tablename__ = "notify_subscriptions"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    kind: str = Field(sa_column=Column(String(16), primary_key=True))
    since: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class NotifyWish(SQLModel, table=True):
    """A reward marked ⭐ "tell me when I can get this": told first when within reach."""

    __tablename__ = "notify_wishes"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    reward_id: str = Field(sa_column=Column(String(64), primary_key=True))
    since: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class NotifyTold(SQLModel, table=True):
    """What the passholder was told (or, for "within reach", found already true at the first
    look), per kind and subject, so that nothing is told twice. A within-reach row goes away
    when the reward is out of reach again: only then may it be told anew."""

    __tablename__ = "notify_told"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    kind: str = Field(sa_column=Column(String(16), primary_key=True))
    subject: str = Field(sa_column=Column(String(128), primary_key=True))
    told_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class NotifySchedule(SQLModel, table=True):
    """When a subscribed passholder is looked at next, and which instance looks now (a lease:
    claimed with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, a conditional UPDATE on SQLite).
    ``looked_at`` is empty until the first look; ``last_sent_on`` (the local day of the last
    digest) keeps it at one message a day."""

    __tablename__ = "notify_schedule"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    due_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))
    holder: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    looked_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    last_sent_on: str | None = Field(default=None, max_length=10)
    # Whose card the memory is about (a SHA-256 of the number, cut): a re-link to another card
    # starts the memory afresh, so "told" is per passholder, not per Telegram user.
    passholder_key: str | None = Field(default=None, max_length=32)


class NotifyHeld(SQLModel, table=True):
    """A notice found and not yet delivered (quiet hours, already one message today, or in
    flight): written in the same transaction as its ``notify_told`` row, so a notice is found
    once and waits here until a digest carries it (``sent_at``)."""

    __tablename__ = "notify_held"

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    kind: str = Field(sa_column=Column(String(16), nullable=False))
    subject: str = Field(sa_column=Column(String(128), nullable=False))
    payload: str = Field(sa_column=Column(Text, nullable=False))  # the notice, JSON
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    sent_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    outcome: str | None = Field(default=None, max_length=32)
