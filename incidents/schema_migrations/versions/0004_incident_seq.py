"""PostgreSQL: incidents.seq drawn from a sequence, so concurrent imports never collide.

Nothing to do on SQLite (one writer at a time takes the next free number).

Revision ID: 0004_incident_seq
Revises: 0003_registry
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_incident_seq"
down_revision = "0003_registry"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("CREATE SEQUENCE IF NOT EXISTS incident_seq")
    start = bind.execute(sa.text("SELECT coalesce(max(seq), 0) FROM incidents")).scalar()
    if start:
        bind.execute(sa.text("SELECT setval('incident_seq', :v)"), {"v": int(start)})


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE IF EXISTS incident_seq")
