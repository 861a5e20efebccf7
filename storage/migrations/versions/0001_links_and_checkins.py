"""Passholder links, check-in history and pending check-ins.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "passholder_links",
        sa.Column("telegram_user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("uitpas_number", sa.String(length=13), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("telegram_user_id"),
    )
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("result_code", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=200), nullable=True),
        sa.Column("event_title", sa.Text(), nullable=True),
        sa.Column("organiser_name", sa.Text(), nullable=True),
        sa.Column("points_saved", sa.Integer(), nullable=True),
        sa.Column("total_points", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_checkins_telegram_user_id", "checkins", ["telegram_user_id"])
    op.create_table(
        "pending_checkins",
        sa.Column("telegram_user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("checkin_code", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("telegram_user_id"),
    )


def downgrade() -> None:
    op.drop_table("pending_checkins")
    op.drop_index("ix_checkins_telegram_user_id", table_name="checkins")
    op.drop_table("checkins")
    op.drop_table("passholder_links")
