"""QGIS access on PostgreSQL with PostGIS: the geometry column and the public layer.

- :func:`ensure_geometry` (revision ``0006_postgis_geometry``): ``incidents.geom`` (Point,
  EPSG:4326), a GiST index, and a trigger that sets it from lon/lat on every insert and
  every change of lon/lat (imports with COPY, edits, restores alike).
- The public layer: the table ``qgis_public_layer`` holds the incidents as a public output
  shows them (:func:`sharing.protect.protect_for_public`, the protection of the public
  exports: deleted rows left out; internal, restricted and sensitive records only as
  counts in hex cells that never cross the line, an enclave or a disputed polygon; public
  records at their nearest settlement, or counted, per the layer's ``location`` option;
  no personal field), and the view ``public_incidents`` over it is what a read-only role
  may open. Never the exact coordinates of a record that is not public.
- :func:`grant_readonly` (``python -m incidents db grant-readonly ROLE``) makes the layer,
  creates the role if needed (LOGIN, no password: set one with ``ALTER ROLE``) and lets it
  read the view and nothing else.
- Once the layer exists the store keeps it in step: :func:`refresh_if_enabled` after every
  import, edit, delete, restore and demo removal; it rebuilds the layer in one
  transaction when the store's version changed (a burst of edits rebuilds it once more,
  not once per edit). If a rebuild fails the layer is emptied (never left showing a
  record that has since become restricted) and the error logged.
"""
from __future__ import annotations

import logging
import re
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

LAYER, VIEW, META = "qgis_public_layer", "public_incidents", "qgis_public_meta"
LAYER_LOCK = 0x4B47514C  # "KGQL": advisory lock of layer rebuilds
LOCATIONS = ("settlement", "hex")
_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
log = logging.getLogger(__name__)


def has_postgis(conn: sa.Connection) -> bool:
    """True on PostgreSQL with the PostGIS extension installed in this database."""
    return conn.dialect.name == "postgresql" and bool(conn.execute(sa.text(
        "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'")).scalar())


def ensure_geometry(conn: sa.Connection) -> bool:
    """Add ``incidents.geom``, its index and trigger when PostGIS is (or can be) installed;
    False (nothing done) without PostGIS."""
    if conn.dialect.name != "postgresql":
        return False
    if not has_postgis(conn):
        available = conn.execute(sa.text(
            "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")).scalar()
        if not available:
            return False
        try:
            with conn.begin_nested():
                conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
        except sa.exc.DBAPIError:  # not allowed to (no superuser): the store works without
            log.warning("PostGIS is installed but this role cannot enable it")
            return False
    for sql in (
        "ALTER TABLE incidents ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326)",
        "UPDATE incidents SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326) "
        "WHERE lon IS NOT NULL AND lat IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS ix_incidents_geom ON incidents USING GIST (geom)",
        """CREATE OR REPLACE FUNCTION kgtj_incident_geom() RETURNS trigger AS $$
           BEGIN
             IF NEW.lon IS NULL OR NEW.lat IS NULL OR NEW.lon = 'NaN' OR NEW.lat = 'NaN' THEN
               NEW.geom := NULL;
             ELSE
               NEW.geom := ST_SetSRID(ST_MakePoint(NEW.lon, NEW.lat), 4326);
             END IF;
             RETURN NEW;
           END $$ LANGUAGE plpgsql""",
        "DROP TRIGGER IF EXISTS incidents_geom ON incidents",
        "CREATE TRIGGER incidents_geom BEFORE INSERT OR UPDATE OF lon, lat ON incidents "
        "FOR EACH ROW EXECUTE FUNCTION kgtj_incident_geom()",
    ):
        conn.execute(sa.text(sql))
    return True


def _meta(conn: sa.Connection) -> dict[str, list[str]] | None:
    """The layer's settings (``location``, ``version``, ``reader`` roles), None when the
    layer was never made."""
    if conn.dialect.name != "postgresql" or conn.execute(
            sa.text(f"SELECT to_regclass('{META}')")).scalar() is None:
        return None
    out: dict[str, list[str]] = {}
    for key, value in conn.execute(sa.text(f"SELECT key, value FROM {META}")).all():
        out.setdefault(key, []).append(value)
    return out


def _set_meta(conn: sa.Connection, key: str, value: str, *, add: bool = False) -> None:
    if not add:
        conn.execute(sa.text(f"DELETE FROM {META} WHERE key = :k"), {"k": key})
    conn.execute(sa.text(f"INSERT INTO {META} (key, value) VALUES (:k, :v)"),
                 {"k": key, "v": value})


def _sql_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "bigint"
    if pd.api.types.is_float_dtype(series):
        return "double precision"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    return "text"


def _cell(value: Any, kind: str) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if kind == "date":
        return pd.Timestamp(value).date()
    if kind == "text":
        return str(value).replace("\x00", "")
    if kind == "boolean":
        return bool(value)
    if kind == "bigint":
        return int(value)
    return float(value)


def protected_frame(store, border_engine, location: str) -> pd.DataFrame:
    """The public layer's rows: ``protect_for_public`` of every stored incident."""
    from incidents.access import SYSTEM  # protected below: every row counts (as hexes)
    from sharing.protect import ProtectionOptions, protect_for_public
    gdf, _report = protect_for_public(store.load(include_deleted=True, principal=SYSTEM),
                                      border_engine,
                                      ProtectionOptions(location=location))
    return pd.DataFrame(gdf.drop(columns="geometry"))


def _rebuild(conn: sa.Connection, frame: pd.DataFrame, readers: list[str]) -> None:
    q = conn.dialect.identifier_preparer.quote
    frame = frame.drop(columns=[c for c in frame.columns if c in ("fid", "geom")])
    kinds = {c: _sql_type(frame[c]) for c in frame.columns}
    conn.execute(sa.text(f"DROP VIEW IF EXISTS {VIEW}"))
    conn.execute(sa.text(f"DROP TABLE IF EXISTS {LAYER}"))
    cols = ", ".join(f"{q(c)} {k}" for c, k in kinds.items())
    conn.execute(sa.text(f"CREATE TABLE {LAYER} (fid serial PRIMARY KEY, {cols}, "
                         "geom geometry(Point, 4326))"))
    names = [*kinds, "geom"]
    lon = pd.to_numeric(frame.get("lon"), errors="coerce")
    lat = pd.to_numeric(frame.get("lat"), errors="coerce")
    rows = []
    for i, rec in enumerate(frame.itertuples(index=False, name=None)):
        point = (None if pd.isna(lon.iloc[i]) or pd.isna(lat.iloc[i])
                 else f"SRID=4326;POINT({float(lon.iloc[i])!r} {float(lat.iloc[i])!r})")
        rows.append((*(_cell(v, k) for v, k in zip(rec, kinds.values(), strict=True)),
                     point))
    from incidents.tables import _copy_rows
    _copy_rows(conn, sa.table(LAYER), tuple(names), rows)
    conn.execute(sa.text(f"CREATE INDEX ix_{LAYER}_geom ON {LAYER} USING GIST (geom)"))
    conn.execute(sa.text(f"CREATE VIEW {VIEW} AS SELECT * FROM {LAYER}"))
    conn.execute(sa.text(f"COMMENT ON VIEW {VIEW} IS 'Public, protected incidents (as the "
                         "public exports show them): no internal or restricted record as a "
                         "point, no personal field. Rebuilt by the incident store.'"))
    for role in readers:
        conn.execute(sa.text(f"GRANT SELECT ON {VIEW} TO {q(role)}"))


def refresh(store, border_engine=None, *, force: bool = False) -> bool:
    """Rebuild the public layer if the store changed since the last rebuild (or ``force``);
    True when rebuilt. Needs the layer to exist (:func:`enable`)."""
    with store.engine.begin() as conn:
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": LAYER_LOCK})
        meta = _meta(conn)
        if meta is None:
            return False
        version = store.version()
        if not force and meta.get("version") == [version]:
            return False
        if border_engine is None:
            border_engine = store.resources().engine
        location = (meta.get("location") or ["settlement"])[0]
        _rebuild(conn, protected_frame(store, border_engine, location),
                 meta.get("reader", []))
        _set_meta(conn, "version", version)
        _set_meta(conn, "refreshed_at", pd.Timestamp.now("UTC").isoformat())
    return True


def refresh_if_enabled(store, border_engine=None) -> None:
    """After a write: rebuild the layer when it exists; on failure empty it (fail closed)
    and log the error (never raised: the write itself is already stored)."""
    if not store.url.startswith("postgresql"):
        return
    try:
        refresh(store, border_engine)
    except Exception:  # noqa: BLE001 - the write is committed; the layer must not go stale
        log.exception("the public QGIS layer could not be rebuilt; it is emptied")
        try:
            with store.engine.begin() as conn:
                if conn.execute(sa.text(f"SELECT to_regclass('{LAYER}')")).scalar():
                    conn.execute(sa.text(f"TRUNCATE {LAYER}"))
                    conn.execute(sa.text(f"DELETE FROM {META} WHERE key = 'version'"))
        except Exception:  # noqa: BLE001
            log.exception("the public QGIS layer could not be emptied")


def enable(store, location: str = "settlement", border_engine=None) -> None:
    """Make the public layer (and its settings table) and build it now."""
    if location not in LOCATIONS:
        raise ValueError(f"location must be one of {LOCATIONS}, got {location!r}")
    with store.engine.begin() as conn:
        if conn.dialect.name != "postgresql":
            raise ValueError("the QGIS layer needs PostgreSQL; on SQLite use "
                             "python -m incidents export --format gpkg")
        if not ensure_geometry(conn):
            raise ValueError("PostGIS is not available in this database "
                             "(apt-get install postgis; CREATE EXTENSION postgis)")
        conn.execute(sa.text(f"CREATE TABLE IF NOT EXISTS {META} (key text NOT NULL, "
                             "value text NOT NULL)"))
        _set_meta(conn, "location", location)
    refresh(store, border_engine, force=True)


def grant_readonly(store, role: str, location: str = "settlement",
                   border_engine=None) -> None:
    """Let ``role`` (created with LOGIN and no password when missing) read the public view,
    and nothing else."""
    if not _ROLE.match(role):
        raise ValueError(f"role name {role!r}: use lower-case letters, digits and _")
    enable(store, location, border_engine)
    with store.engine.begin() as conn:
        q = conn.dialect.identifier_preparer.quote
        exists = conn.execute(sa.text("SELECT count(*) FROM pg_roles WHERE rolname = :r"),
                              {"r": role}).scalar()
        if not exists:
            conn.execute(sa.text(f"CREATE ROLE {q(role)} LOGIN"))
        database = conn.execute(sa.text("SELECT current_database()")).scalar()
        conn.execute(sa.text(f"GRANT CONNECT ON DATABASE {q(database)} TO {q(role)}"))
        conn.execute(sa.text(f"GRANT USAGE ON SCHEMA public TO {q(role)}"))
        conn.execute(sa.text(f"GRANT SELECT ON {VIEW} TO {q(role)}"))
        conn.execute(sa.text(f"GRANT SELECT ON spatial_ref_sys, geometry_columns TO "
                             f"{q(role)}"))
        if [role] != [r for r in (_meta(conn) or {}).get("reader", []) if r == role]:
            _set_meta(conn, "reader", role, add=True)
