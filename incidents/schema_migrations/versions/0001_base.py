"""Base tables: incidents, import_batches, quarantine, incident_history.

The incidents columns as they stood when the store moved to Alembic (schema version 1 of
the hand-written list); later columns are added by later revisions.

Revision ID: 0001_base
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_base"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("event_id", sa.String(32), primary_key=True),
        sa.Column("source_dataset", sa.Text(), nullable=True),
        sa.Column("source_event_id", sa.Text(), nullable=True),
        sa.Column("import_batch_id", sa.Text(), nullable=True),
        sa.Column("created_at", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.Text(), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("event_date_end", sa.Date(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=True),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("disorder_type", sa.Text(), nullable=True),
        sa.Column("event_type", sa.Text(), nullable=True),
        sa.Column("sub_event_type", sa.Text(), nullable=True),
        sa.Column("actor1", sa.Text(), nullable=True),
        sa.Column("actor1_type", sa.Text(), nullable=True),
        sa.Column("actor2", sa.Text(), nullable=True),
        sa.Column("actor2_type", sa.Text(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("injuries", sa.Integer(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("admin1_given", sa.Text(), nullable=True),
        sa.Column("admin2_given", sa.Text(), nullable=True),
        sa.Column("geocode_method", sa.Text(), nullable=True),
        sa.Column("geocode_match", sa.Text(), nullable=True),
        sa.Column("geocode_candidates", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("side", sa.Text(), nullable=True),
        sa.Column("enclave", sa.Text(), nullable=True),
        sa.Column("border_dist_m", sa.Float(), nullable=True),
        sa.Column("border_segment_id", sa.Text(), nullable=True),
        sa.Column("disagreement_zone_id", sa.Text(), nullable=True),
        sa.Column("claims_overlap_id", sa.Text(), nullable=True),
        sa.Column("curated_ids", sa.Text(), nullable=True),
        sa.Column("admin1_pcode", sa.Text(), nullable=True),
        sa.Column("admin1_name", sa.Text(), nullable=True),
        sa.Column("admin2_pcode", sa.Text(), nullable=True),
        sa.Column("admin2_name", sa.Text(), nullable=True),
        sa.Column("nearest_place", sa.Text(), nullable=True),
        sa.Column("nearest_place_dist_m", sa.Float(), nullable=True),
        sa.Column("in_study_area", sa.Boolean(), nullable=True),
        sa.Column("location_flag", sa.Text(), nullable=True),
        sa.Column("verification_status", sa.Text(), nullable=True),
        sa.Column("sensitivity", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("notes_shareable", sa.Boolean(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("review_flags", sa.Text(), nullable=True),
        sa.Column("extra", sa.Text(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_incidents_date_cat", "incidents", ["event_date", "category"])
    op.create_table(
        "import_batches",
        sa.Column("batch_id", sa.String(32), primary_key=True),
        sa.Column("file_name", sa.Text()),
        sa.Column("format", sa.String(32)),
        sa.Column("sha256", sa.String(64)),
        sa.Column("source_dataset", sa.Text()),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("finished_at", sa.String(40)),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("user", sa.Text()),
        sa.Column("report_json", sa.Text()),
    )
    op.create_table(
        "quarantine",
        sa.Column("quarantine_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("batch_id", sa.String(32), nullable=False),
        sa.Column("row_number", sa.Integer()),
        sa.Column("field", sa.Text()),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw_json", sa.Text()),
        sa.Column("resolved", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_quarantine_batch_id", "quarantine", ["batch_id"])
    op.create_table(
        "incident_history",
        sa.Column("history_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("changed_at", sa.String(40), nullable=False),
        sa.Column("user", sa.Text()),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("batch_id", sa.String(32)),
        sa.Column("field", sa.Text()),
        sa.Column("old_value", sa.Text()),
        sa.Column("new_value", sa.Text()),
    )
    op.create_index("ix_incident_history_event_id", "incident_history", ["event_id"])


def downgrade() -> None:
    for name in ("incident_history", "quarantine", "import_batches", "incidents"):
        op.drop_table(name)
