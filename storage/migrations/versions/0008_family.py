"""The family (issue 16): legacy's extra cards, the remembered choice, the check-in choosers,
and a step-by-step add between its questions.

Revision ID: 0008_family
Revises: 0007_redemptions
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_family"
down_revision: str | None = "0007_redemptions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "family_cards",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("uitpas_number", sa.String(length=13), nullable=False),
        sa.Column("first_name", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("telegram_user_id", "uitpas_number"),
    )
    op.create_index("ix_family_cards_telegram_user_id", "family_cards", ["telegram_user_id"])
    op.create_table(
        "family_choices",
        sa.Column("telegram_user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("member_keys", sa.Text(), nullable=False),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "family_checkin_prompts",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("checkin_code", sa.Text(), nullable=False),
        sa.Column("member_keys", sa.Text(), nullable=False),
        sa.Column("chosen_keys", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "ix_family_checkin_prompts_telegram_user_id",
        "family_checkin_prompts",
        ["telegram_user_id"],
    )
    op.create_table(
        "family_drafts",
        sa.Column("telegram_user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("uitpas_number", sa.String(length=13), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("family_drafts")
    op.drop_table("family_checkin_prompts")
    op.drop_table("family_choices")
    op.drop_table("family_cards")
