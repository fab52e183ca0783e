"""The community registry (communities), managed with the incidents from now on.

Stores made before Alembic may already hold it (the registry created its own table); then
this revision leaves it as it is.

Revision ID: 0003_registry
Revises: 0002_learned_places
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_registry"
down_revision = "0002_learned_places"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not sa.inspect(op.get_bind()).has_table("communities"):
        op.create_table(
            "communities",
            sa.Column("community_id", sa.String(64), primary_key=True),
            sa.Column("name_en", sa.Text()),
            sa.Column("name_ru", sa.Text()),
            sa.Column("name_local", sa.Text()),
            sa.Column("iso3", sa.Text()),
            sa.Column("mech_type", sa.Text()),
            sa.Column("status", sa.Text()),
            sa.Column("women", sa.Text()),
            sa.Column("youth", sa.Text()),
            sa.Column("authorities", sa.Text()),
            sa.Column("priorities", sa.Text()),
            sa.Column("cross_border_contact", sa.Text()),
            sa.Column("source", sa.Text()),
            sa.Column("notes", sa.Text()),
            sa.Column("lon", sa.Float(), nullable=False),
            sa.Column("lat", sa.Float(), nullable=False),
            sa.Column("illustrative", sa.Boolean(), nullable=False),
        )


def downgrade() -> None:
    op.drop_table("communities")
