"""Vector files a person supplies reach GDAL only as GeoJSON or GeoPackage: an OGR VRT
named ``.geojson`` (which GDAL would open by its content) cannot read the server's files or
make it fetch an address, through the incident importer or the COD-AB upload."""
from __future__ import annotations

import io
import sqlite3

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo.vector_read import UnsupportedVectorFile, read_vector, vector_kind
from incidents.importers import read_any
from incidents.importers.result import ImportFileError
from layers.cod_ab import CodSchemaError, load_cod_ab

SECRET = "secret-hash-do-not-leak"


def _vrt(source: str, sql: str) -> bytes:
    return (f'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>{source}</SrcDataSource>'
            f'<SrcSQL dialect="SQLite">{sql}</SrcSQL><GeometryType>wkbPoint</GeometryType>'
            '<GeometryField encoding="WKT" field="wkt"/></OGRVRTLayer></OGRVRTDataSource>'
            ).encode()


@pytest.fixture
def server_file(tmp_path):
    """A SQLite file on the server holding a secret (as the store holds password hashes)."""
    path = tmp_path / "store.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE accounts (name TEXT, password_hash TEXT)")
    con.execute("INSERT INTO accounts VALUES ('boss', ?)", (SECRET,))
    con.commit()
    con.close()
    return path


def _stealing_vrt(path) -> bytes:
    return _vrt(str(path), "SELECT '2024-01-01' AS event_date, name AS location, "
                "password_hash AS notes, 'POINT (70.6 39.9)' AS wkt FROM accounts")


def test_gdal_alone_would_read_the_server_file(server_file):
    """The control: GDAL itself opens the VRT and returns the secret."""
    import pyogrio
    frame = pyogrio.read_dataframe(io.BytesIO(_stealing_vrt(server_file)))
    assert SECRET in frame["notes"].tolist()


def test_a_vrt_is_refused_before_gdal_opens_it(server_file):
    with pytest.raises(UnsupportedVectorFile):
        read_vector(_stealing_vrt(server_file))
    with pytest.raises(ImportFileError) as err:
        read_any(_stealing_vrt(server_file), filename="field_reports.geojson")
    assert SECRET not in str(err.value)
    with pytest.raises(CodSchemaError) as err:
        load_cod_ab(("cod.geojson", _vrt("CSV:/etc/passwd", "SELECT * FROM passwd")))
    assert "root:" not in str(err.value)


def test_the_kinds_accepted(tmp_path):
    frame = gpd.GeoDataFrame({"event_date": ["2024-01-01"]}, geometry=[Point(70.6, 39.9)],
                             crs=4326)
    gpkg = tmp_path / "x.gpkg"
    frame.to_file(gpkg, driver="GPKG")
    geojson = frame.to_json().encode()
    assert vector_kind(gpkg.read_bytes()) == "gpkg"
    assert vector_kind(b"\xef\xbb\xbf \n" + geojson + b"\n") == "geojson"
    assert len(read_vector(gpkg.read_bytes())[1]) == 1
    assert len(read_vector(geojson)[1]) == 1
    plain = tmp_path / "plain.sqlite"  # SQLite but not a GeoPackage: the generic driver
    sqlite3.connect(plain).execute("CREATE TABLE t (a)").connection.close()
    for other in (plain.read_bytes(), b"<?xml version='1.0'?><kml/>", b"a,b\n1,2\n",
                  b"[1, 2]", b""):
        assert vector_kind(other) is None
