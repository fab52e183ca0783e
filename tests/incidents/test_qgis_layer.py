"""QGIS on PostgreSQL/PostGIS: incidents.geom kept in step with lon/lat; the public view
holds only what a public export shows (no internal or restricted row as a point, no exact
coordinates of one) and follows edits; a read-only role reads the view and nothing else."""
from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from incidents import qgis_layer
from incidents.access import LOCAL_ADMIN, Principal
from incidents.cli import main
from incidents.wiring import open_store
from tests.incidents.store_fakes import FakeEngine, parsed, record


@pytest.fixture
def pg_store(pg_url):
    store = open_store(pg_url)
    with store.engine.connect() as conn:
        if not qgis_layer.has_postgis(conn):
            pytest.skip("PostGIS not installed on the test PostgreSQL server")
    yield store
    store.close()


@pytest.fixture
def role(pg_server_url, pg_url):
    """A role name unused on the server (roles are server-wide), dropped afterwards."""
    name = f"kgtj_ro_{uuid.uuid4().hex[:8]}"
    yield name
    for url in (pg_url, pg_server_url):
        admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.execute(sa.text("SELECT count(*) FROM pg_roles WHERE rolname = :r"),
                                  {"r": name}).scalar()
            if exists:
                conn.execute(sa.text(f"DROP OWNED BY {name}" if url == pg_url
                                     else f"DROP ROLE {name}"))
        admin.dispose()


def test_geometry_column_follows_lon_lat(pg_store):
    pg_store.import_parsed(parsed([record(i) for i in range(3)]), engine=FakeEngine(),
                           gazetteer=None, file_name="g.csv", principal=LOCAL_ADMIN)
    pg_store.update("KGTJ-000002", {"lon": 70.9, "lat": 40.1},
                    principal=Principal("ana", "admin"),
                    engine=FakeEngine())
    with pg_store.engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT event_id, lon, lat, ST_X(geom), ST_Y(geom), ST_SRID(geom), "
            "GeometryType(geom) FROM incidents ORDER BY seq")).all()
        index = conn.execute(sa.text(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_incidents_geom'")).scalar()
    assert len(rows) == 3 and "gist" in index.lower()
    for _eid, lon, lat, x, y, srid, kind in rows:
        assert (x, y, srid, kind) == (pytest.approx(lon), pytest.approx(lat), 4326, "POINT")
    assert rows[1][1:3] == (70.9, 40.1)


def _exact_points(df):
    return {(round(x, 6), round(y, 6)) for x, y in zip(df["lon"], df["lat"], strict=True)
            if x == x and y == y}


def test_public_view_for_a_read_only_role(pg_store, role, pg_url, capsys):
    pg_store.load_demo(principal=LOCAL_ADMIN)
    stored = pg_store.load(principal=LOCAL_ADMIN)
    non_public = stored[stored["sensitivity"] != "public"]
    assert len(non_public) > 50  # the demo has internal and restricted rows in hotspots
    assert main(["db", "grant-readonly", role, "--db", pg_url]) == 0
    assert f"role {role}" in capsys.readouterr().out

    url = sa.engine.make_url(pg_url).set(username=role, password=None)
    reader = sa.create_engine(url)
    try:
        with reader.connect() as conn:
            view = conn.execute(sa.text(
                "SELECT record_type, event_id, sensitivity, lon, lat, ST_X(geom), ST_Y(geom) "
                "FROM public_incidents")).mappings().all()
        assert len(view) > 0
        points = [r for r in view if r["record_type"] == "incident"]
        assert points and {r["sensitivity"] for r in points} == {"public"}
        ids = {r["event_id"] for r in view if r["event_id"] is not None}
        assert ids and not ids & set(non_public["event_id"])
        assert all(r["event_id"] is None for r in view if r["record_type"] != "incident")
        # a point the view shows at a non-public record's exact place is a settlement's own
        # point (the demo puts records at villages), never a private spot
        from incidents.wiring import load_resources
        from sharing.context import context_from_engine
        places = context_from_engine(load_resources(pg_url).engine).places
        settlements = _exact_points(places)
        shown = {(round(r["lon"], 6), round(r["lat"], 6)) for r in view}
        assert (shown & _exact_points(non_public)) <= settlements
        private_spots = _exact_points(non_public) - settlements
        assert private_spots and not shown & private_spots
        assert all(r["st_x"] == pytest.approx(r["lon"]) for r in view)
        for sql in ("SELECT count(*) FROM incidents", "SELECT count(*) FROM incident_history",
                    "SELECT count(*) FROM qgis_public_layer",
                    "INSERT INTO public_incidents (record_type) VALUES ('x')",
                    "DELETE FROM public_incidents",
                    "UPDATE incidents SET notes = 'x'",
                    "CREATE TABLE mine (x int)"):
            with reader.connect() as conn, pytest.raises(sa.exc.ProgrammingError,
                                                         match="permission denied"):
                conn.execute(sa.text(sql))
                conn.commit()
    finally:
        reader.dispose()

    # the layer follows edits: a public record made restricted leaves the view at once
    target = stored[stored["sensitivity"] == "public"]["event_id"].iloc[0]
    pg_store.update(target, {"sensitivity": "restricted"}, principal=Principal("ana", "admin"))
    reader = sa.create_engine(url)
    try:
        with reader.connect() as conn:
            after = conn.execute(sa.text(
                "SELECT count(*) FROM public_incidents WHERE event_id = :e"),
                {"e": target}).scalar()
            total = conn.execute(sa.text("SELECT count(*) FROM public_incidents")).scalar()
    finally:
        reader.dispose()
    assert after == 0 and total > 0


def test_on_sqlite_the_way_is_the_gpkg_export(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    assert main(["db", "publish-qgis", "--db", url]) == 4
    assert "export --format gpkg" in capsys.readouterr().err
