"""Actions of the working groups (with their history) and reviews of pairs and hotspots.

Revision ID: 0007_actions_reviews
Revises: 0006_postgis_geometry
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_actions_reviews"
down_revision = "0006_postgis_geometry"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = ("scope", "community_id", "partner_community_id", "title_en", "title_ru",
            "title_local", "category", "place_kind", "line_wkt", "settlement", "action_type",
            "partners", "status", "notes", "attachments", "source")
    op.create_table(
        "actions",
        sa.Column("action_id", sa.String(64), primary_key=True),
        *[sa.Column(c, sa.Text()) for c in text],
        sa.Column("lon", sa.Float()),
        sa.Column("lat", sa.Float()),
        sa.Column("place_radius_m", sa.Float()),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("women", sa.Integer()),
        sa.Column("youth", sa.Integer()),
        sa.Column("illustrative", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "action_history",
        sa.Column("history_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("action_id", sa.String(64), nullable=False, index=True),
        sa.Column("changed_at", sa.String(40), nullable=False),
        sa.Column("user", sa.Text()),
        sa.Column("change", sa.String(16), nullable=False),
        sa.Column("field", sa.Text()),
        sa.Column("old_value", sa.Text()),
        sa.Column("new_value", sa.Text()),
    )
    op.create_table(
        "reviews",
        sa.Column("review_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("subject_kind", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.Text(), nullable=False, index=True),
        sa.Column("hotspot_id", sa.Text()),
        sa.Column("lon", sa.Float()),
        sa.Column("lat", sa.Float()),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("why", sa.Text()),
        sa.Column("mode_at_review", sa.Text()),
        sa.Column("emerging_at_review", sa.Text()),
        sa.Column("n_incidents_at_review", sa.Integer()),
        sa.Column("user", sa.Text()),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("illustrative", sa.Boolean(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reviews")
    op.drop_table("action_history")
    op.drop_table("actions")
