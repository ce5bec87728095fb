"""The payments ledger: payments, redemptions, webhook events and analysis metadata.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written by hand to match ``chatscan.service.db.models``; a test compares the two. Types are
spelled out here (not imported from the models) so that this revision never changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(255)
SHORT = sa.String(64)


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("intent_id", ID, nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("currency", SHORT, nullable=False),
        sa.Column("status", SHORT, nullable=False),
        sa.Column("refunded", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("first_seen", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("intent_id", name="pk_payments"),
    )
    op.create_table(
        "redemptions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("intent_id", ID, nullable=False),
        sa.Column("analysis_id", ID, nullable=False),
        sa.Column("redeemed_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_redemptions"),
        sa.UniqueConstraint("intent_id", name="uq_redemptions_intent_id"),
    )
    op.create_table(
        "webhook_events",
        sa.Column("event_id", ID, nullable=False),
        sa.Column("type", ID, nullable=False),
        sa.Column("received_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_webhook_events"),
    )
    op.create_table(
        "analyses",
        sa.Column("id", ID, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("format", SHORT, nullable=False),
        sa.Column("mode", SHORT, nullable=False),
        sa.Column("messages_total", sa.Integer(), nullable=False),
        sa.Column("events_total", sa.Integer(), nullable=False),
        sa.Column("sequences_total", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("status", SHORT, nullable=False),
        sa.Column("payment_intent_id", ID, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_analyses"),
    )


def downgrade() -> None:
    op.drop_table("analyses")
    op.drop_table("webhook_events")
    op.drop_table("redemptions")
    op.drop_table("payments")
