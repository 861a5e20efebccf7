"""Throttle windows, inactive users, and reconciliation of check-ins with unknown outcome.

Revision ID: 0002_reliability
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_reliability"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "throttle_windows",
        sa.Column("telegram_user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("telegram_user_id", "action", "window_start"),
    )
    op.create_table(
        "inactive_users",
        sa.Column("telegram_user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("telegram_user_id"),
    )
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(sa.Column("points_before", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("reconciled_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_checkins_created_at", "checkins", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_checkins_created_at", table_name="checkins")
    with op.batch_alter_table("checkins") as batch:
        batch.drop_column("reconciled_at")
        batch.drop_column("points_before")
    op.drop_table("inactive_users")
    op.drop_table("throttle_windows")
