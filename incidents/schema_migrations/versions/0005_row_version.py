"""incidents.row_version: 0 when a row is inserted, +1 with every change (edits, imports,
soft deletes). An edit writes only if the row is still at the version its form showed
(compared in the UPDATE's WHERE clause); existing rows start at 0.

Revision ID: 0005_row_version
Revises: 0004_incident_seq
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_row_version"
down_revision = "0004_incident_seq"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incidents", sa.Column("row_version", sa.Integer(), nullable=False,
                                         server_default="0"))


def downgrade() -> None:
    op.drop_column("incidents", "row_version")
