"""Redemption claims: one redemption per confirmation, across instances (issue 17).

Revision ID: 0007_redemptions
Revises: 0006_leases
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_redemptions"
down_revision: str | None = "0006_leases"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "redemptions",
        sa.Column("telegram_user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("passholder_key", sa.String(length=64), nullable=False),
        sa.Column("reward_id", sa.String(length=64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("result_code", sa.String(length=64), nullable=True),
        sa.Column("redemption_id", sa.String(length=64), nullable=True),
        sa.Column("holder", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempt", sa.Integer(), nullable=False, server_default=sa.text("1")),
        sa.PrimaryKeyConstraint("telegram_user_id", "passholder_key", "reward_id"),
    )


def downgrade() -> None:
    op.drop_table("redemptions")
