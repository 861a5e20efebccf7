"""Several instances as one bot: handled updates, recent check-in codes, shared send budget.

Revision ID: 0005_scale
Revises: 0004_v4_login
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_scale"
down_revision: str | None = "0004_v4_login"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handled_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("update_id"),
    )
    op.create_index("ix_handled_updates_claimed_at", "handled_updates", ["claimed_at"])
    op.create_table(
        "recent_checkin_codes",
        sa.Column("telegram_user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("code_digest", sa.String(length=64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("result_code", sa.String(length=64), nullable=True),
        sa.Column("points_saved", sa.Integer(), nullable=True),
        sa.Column("total_points", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("telegram_user_id", "code_digest"),
    )
    op.create_table(
        "send_windows",
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("purpose", "window_start"),
    )


def downgrade() -> None:
    op.drop_table("send_windows")
    op.drop_table("recent_checkin_codes")
    op.drop_index("ix_handled_updates_claimed_at", table_name="handled_updates")
    op.drop_table("handled_updates")
