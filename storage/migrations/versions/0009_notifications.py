"""Notifications (issue 19): subscriptions, wishes, what was told, the schedule each instance
claims from, and notices held for quiet hours or the daily digest.

Revision ID: 0009_notifications
Revises: 0008_family
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_notifications"
down_revision: str | None = "0008_family"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notify_subscriptions",
        sa.Column("telegram_user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(length=16), primary_key=True),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "notify_wishes",
        sa.Column("telegram_user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("reward_id", sa.String(length=64), primary_key=True),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "notify_told",
        sa.Column("telegram_user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(length=16), primary_key=True),
        sa.Column("subject", sa.String(length=128), primary_key=True),
        sa.Column("told_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "notify_schedule",
        sa.Column("telegram_user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("looked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sent_on", sa.String(length=10), nullable=True),
        sa.Column("passholder_key", sa.String(length=32), nullable=True),
    )
    op.create_index("ix_notify_schedule_due_at", "notify_schedule", ["due_at"])
    op.create_table(
        "notify_held",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=128), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
    )
    op.create_index("ix_notify_held_telegram_user_id", "notify_held", ["telegram_user_id"])


def downgrade() -> None:
    op.drop_table("notify_held")
    op.drop_table("notify_schedule")
    op.drop_table("notify_told")
    op.drop_table("notify_wishes")
    op.drop_table("notify_subscriptions")
