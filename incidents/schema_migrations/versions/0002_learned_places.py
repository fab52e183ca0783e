"""Place names learned from rows with exact (precision-1) coordinates.

Revision ID: 0002_learned_places
Revises: 0001_base
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_learned_places"
down_revision = "0001_base"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learned_places",
        sa.Column("learned_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("geo_precision", sa.Integer(), nullable=False),
        sa.Column("source_dataset", sa.Text()),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1_given", sa.Text()),
        sa.Column("admin2_given", sa.Text()),
        sa.Column("source_event_id", sa.Text()),
        sa.Column("import_batch_id", sa.String(32)),
        sa.Column("learned_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("learned_places")
