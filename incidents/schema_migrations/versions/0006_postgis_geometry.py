"""PostgreSQL with PostGIS: incidents.geom (Point, EPSG:4326) with a spatial index, kept in
step with lon/lat by a trigger (imports, COPY, edits and restores alike), so QGIS can open
the table and the public layer (:mod:`incidents.qgis_layer`).

Nothing to do on SQLite (``python -m incidents export --format gpkg`` is the way there), nor
on a PostgreSQL server without PostGIS (the store works the same without it; run
``db upgrade`` again after installing PostGIS: the revision is then applied by
:func:`incidents.qgis_layer.ensure_geometry`).

Revision ID: 0006_postgis_geometry
Revises: 0005_row_version
"""
from __future__ import annotations

from alembic import op

revision = "0006_postgis_geometry"
down_revision = "0005_row_version"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from incidents.qgis_layer import ensure_geometry
    ensure_geometry(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS incidents_geom ON incidents")
    op.execute("DROP FUNCTION IF EXISTS kgtj_incident_geom()")
    op.execute("DROP INDEX IF EXISTS ix_incidents_geom")
    op.execute("ALTER TABLE incidents DROP COLUMN IF EXISTS geom")
