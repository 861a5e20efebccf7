"""The tables. Personal data is kept to what the features need, and keyed by Telegram user id
so that one ``DELETE … WHERE telegram_user_id = ?`` per table forgets a person completely.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, DateTime, String, Text
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
    """A passholder's UiTiD refresh token (v4), Fernet-encrypted with TOKEN_ENCRYPTION_KEY."""

    __tablename__ = "uitid_tokens"

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    refresh_token_encrypted: str = Field(sa_column=Column(Text, nullable=False), repr=False)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
