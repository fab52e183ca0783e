"""quarantine.reason_key and quarantine.reason_params: each rejection reason's key and its
params as a JSON object (``incidents.messages.Msg``), kept beside its English ``reason``, so
that a reason read back renders in the reader's language from its key, never by
recognising its English.

Rows stored before this revision keep their English only (both new columns NULL): they are
shown as stored, in English, in every language (``incidents.messages.stored_msg``).

Revision ID: 0010_quarantine_keys
Revises: 0009_accounts
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_quarantine_keys"
down_revision = "0009_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quarantine", sa.Column("reason_key", sa.String(64)))
    op.add_column("quarantine", sa.Column("reason_params", sa.Text()))


def downgrade() -> None:
    op.drop_column("quarantine", "reason_params")
    op.drop_column("quarantine", "reason_key")
