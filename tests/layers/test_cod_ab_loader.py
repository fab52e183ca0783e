"""COD-AB loader on the two real official files (read from ../shared, never copied)."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point

from layers.cod_ab import COLUMNS, CodSchemaError, load_cod_ab


def test_both_schemas_unified(cod):
    assert list(cod.columns) == list(COLUMNS) + ["geometry"]
    assert cod.crs.to_epsg() == 4326
    assert cod.groupby("iso3").size().to_dict() == {"KGZ": 53, "TJK": 62}
    assert cod.admin2_name_en.notna().all() and cod.admin2_name_ru.notna().all()
    assert cod.admin2_pcode.notna().all() and cod.admin1_pcode.notna().all()
    kg = cod[cod.iso3 == "KGZ"]
    tj = cod[cod.iso3 == "TJK"]
    assert kg.admin2_name_ky.notna().all() and kg.admin2_name_tg.isna().all()
    assert tj.admin2_name_tg.notna().all() and tj.admin2_name_ky.isna().all()
    assert set(kg.valid_on) == {"2018-11-19"} and tj.valid_on.isna().all()
    assert kg.admin2_pcode.str.startswith("KG").all()
    assert set(tj.admin1_name_en) >= {"Sughd"}
    assert cod.geometry.is_valid.all()
    assert set(cod.source_file) == {
        "kgz_admbnda_adm2_moes_20181119.json",
        "tjk_admin_boundaries_v2.json",
    }


def test_known_districts(cod):
    def district(lon, lat):
        return cod.loc[cod.contains(Point(lon, lat)), ["iso3", "admin2_name_en"]].values.tolist()

    assert district(70.5801, 39.8513) == [["TJK", "Isfara"]]  # Vorukh belongs to Isfara
    assert district(70.8193, 40.0604) == [["KGZ", "Batken (city)"]]
    assert district(70.6253, 40.1265) == [["TJK", "Isfara"]]


def test_bytes_and_upload_objects(cod_files):
    kgz, tjk = cod_files

    class Upload:  # the shape of streamlit's UploadedFile
        name = "uploaded_tjk.json"

        def getvalue(self):
            return tjk.read_bytes()

    frame = load_cod_ab([("kg.json", kgz.read_bytes()), Upload()])
    assert frame.groupby("iso3").size().to_dict() == {"KGZ": 53, "TJK": 62}
    assert set(frame.source_file) == {"kg.json", "uploaded_tjk.json"}
    single = load_cod_ab(tjk)
    assert len(single) == 62
    assert load_cod_ab([]).empty


def test_unknown_schema_names_file_and_expected_columns(tmp_path):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"NAME": "X", "CODE": "1"},
                "geometry": {"type": "Point", "coordinates": [70.5, 40.0]},
            }
        ],
    }
    path = tmp_path / "other.geojson"
    path.write_text(json.dumps(doc))
    with pytest.raises(CodSchemaError) as err:
        load_cod_ab([path])
    text = str(err.value)
    assert "other.geojson" in text and "ADM2_PCODE" in text and "admin2Name_en" in text
    assert "CODE" in text and "NAME" in text


def test_unreadable_file_names_it():
    with pytest.raises(CodSchemaError, match="broken.json"):
        load_cod_ab([("broken.json", b"{not json")])


def test_unsupported_country_code(cod_files):
    raw = json.loads(cod_files[0].read_text(encoding="utf-8"))
    raw["features"] = raw["features"][:2]
    raw["features"][1]["properties"]["ADM0_PCODE"] = "XX"
    with pytest.raises(CodSchemaError, match="ADM0_PCODE.*XX"):
        load_cod_ab([("kg_edited.json", json.dumps(raw).encode())])
