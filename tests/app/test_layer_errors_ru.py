"""Errors of the layer files an admin uploads (places file, curated layer, COD-AB file,
reference line) are keyed messages: every problem is told in the user's language
(i18n.error_text), the user's values, file and field names inserted verbatim, and their
English text is what it always was (the CLI and logs)."""
from __future__ import annotations

import json
import re

import pytest

import i18n
from geo.places_file import PlacesFileError, read_places_bytes, read_places_file
from geo.reference_line import ReferenceLineError, parse_user_line
from incidents.messages import KeyedError, Msg
from layers.cod_ab import CodSchemaError, load_cod_ab
from layers.curated import CuratedLayerError, load_curated
from layers.uploads import UploadError, save_upload

HEAD = "name,alt_names,lat,lon,country,admin1,admin2,note\n"
PLACES_CASES = (
    b"",
    b"name,lat,stray\n",  # missing lon and country, unknown column
    (HEAD + "Ok,,40.05,70.8,KGZ,,,\n"
     ",,40.05,70.8,KGZ,,,\n"  # no name
     "A,,,70.8,KGZ,,,\n"  # lat missing
     "B,,north,70.8,KGZ,,,\n"  # not a number
     "C,,95,70.8,KGZ,,,\n"  # latitude range
     "D,,40,190,KGZ,,,\n"  # longitude range
     "E,,10,10,KGZ,,,\n"  # outside the region
     "F,,70.8,40.05,KGZ,,,\n"  # swapped
     "G,,40.05,70.8,,,,\n"  # country missing
     "H,,40.05,70.8,Narnia,,,\n"  # unknown country
     "I\x00,,40.05,70.8,KGZ,,,\n"  # a control character
     "J,,40.05\n").encode(),  # field count
    (HEAD + "".join(f"P{i},,north,70.8,KGZ,,,\n" for i in range(60))).encode(),  # cut
)


def _feature(props: dict, geometry: dict | None = None, kind: str = "Feature") -> dict:
    base = {"curated_id": "c1", "status": "agreed", "status_as_of": "2025-03-13",
            "source": "Treaty annex"}
    return {"type": kind, "properties": {**base, **props},
            "geometry": geometry if geometry is not None else
            {"type": "Point", "coordinates": [70.8, 40.05]}}


def _collection(features: list, **extra) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features, **extra}).encode()


CURATED_CASES = (
    b"\xff{",  # not JSON
    b'{"type": "Feature"}',  # not a collection
    _collection([
        _feature({"status_as_of": None, "curated_id": ""}),
        _feature({"curated_id": "c2", "status_as_of": "13.03.2025", "source": ""}),
        _feature({"curated_id": "c3", "status_as_of": "2999-01-01", "status": "won"}),
        _feature({"curated_id": "c4"}, {"type": "Circle", "coordinates": []}),
        _feature({"curated_id": "c5"}, {"type": "Point", "coordinates": ["x"]}),
        _feature({"curated_id": "c6"}, {"type": "LineString", "coordinates": []}),
        _feature({"curated_id": "c7"}, {"type": "Polygon", "coordinates": [
            [[70.8, 40.0], [70.9, 40.1], [70.9, 40.0], [70.8, 40.1], [70.8, 40.0]]]}),
        _feature({"curated_id": "c8"}, {"type": "Point", "coordinates": [10.0, 10.0]}),
        _feature({"curated_id": "c9"}, {"type": "Point", "coordinates": [40.05, 70.8]}),
        _feature({"curated_id": "c10", "kind": "segment"}),
        _feature({"curated_id": "c2"}),  # a repeated id
        _feature({"curated_id": "c11"}, kind="Thing"),
        {"type": "Feature", "properties": {"curated_id": "c12", "status": "agreed",
                                           "status_as_of": "2025-03-13", "source": "x"}},
    ], crs={"type": "name", "properties": {"name": "EPSG:3857"}}),
)

LINE_CASES = (
    (b"{}", "Line", "13.03.2025"),
    (b"{}", " ", "2025-03-13"),
    (b"\xff", "Line", "2025-03-13"),
    (_collection([]), "Line", "2025-03-13"),
    (_collection([{"type": "Feature", "properties": {}, "geometry": {"type": "Nope"}}]),
     "Line", "2025"),
    (_collection([_feature({"side": "XX"}, {"type": "Polygon", "coordinates": [
        [[70.8, 40.0], [70.9, 40.0], [70.9, 40.1], [70.8, 40.0]]]})]), "Line", "2025"),
    (_collection([_feature({"side": "KG"}, {"type": "Polygon", "coordinates": [
        [[70.8, 40.0], [70.9, 40.0], [70.8, 40.0], [70.8, 40.0]]]})]), "Line", "2025"),
    (_collection([_feature({}, {"type": "LineString", "coordinates": [
        [70.8, 40.0], [70.9, 40.1]]})]), "Line", "2025"),
    (_collection([_feature({})]), "Line", "2025"),
)


def layer_errors(tmp_path) -> list[KeyedError]:
    """One error per case above, and the COD-AB and upload ones."""
    out: list[KeyedError] = []
    for raw in PLACES_CASES:
        with pytest.raises(PlacesFileError) as err:
            read_places_bytes(raw, "places <b>1</b>.csv")
        out.append(err.value)
    with pytest.raises(PlacesFileError) as err:
        read_places_file(tmp_path / "none.csv")
    out.append(err.value)
    for raw in CURATED_CASES:
        with pytest.raises(CuratedLayerError) as err:
            load_curated(("curated.geojson", raw))
        out.append(err.value)
    for raw, name, date in LINE_CASES:
        with pytest.raises(ReferenceLineError) as err:
            parse_user_line(raw, name, date)
        out.append(err.value)
    points = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [70.8, 40.05]},
        "properties": {p: "x" for p in ("ADM0_PCODE", "ADM1_PCODE", "ADM2_PCODE", "ADM2_EN",
                                        "ADM1_EN")}}]}
    cod = [("broken.json", b"{not json"), ("other.geojson", _collection([_feature({})])),
           ("codes.geojson", json.dumps(points).encode())]
    for name, raw in cod:
        with pytest.raises(CodSchemaError) as err:
            load_cod_ab((name, raw))
        out.append(err.value)
    from incidents.access import LOCAL_ADMIN
    with pytest.raises(UploadError) as err:
        save_upload("places", b"", "x.csv", lambda b, n: None, principal=LOCAL_ADMIN,
                    data_dir=tmp_path)
    out.append(err.value)
    return out


def layer_reasons(tmp_path) -> list[Msg]:
    """Every keyed message the layer errors hold (heads, where and reasons)."""
    out = []
    for err in layer_errors(tmp_path):
        out.append(err.head)
        for where, reason in err.lines:
            out += [m for m in (where, reason) if m is not None]
        if len(err.lines) > err.limit:  # the text's last line (test_a_long_list_is_cut...)
            out.append(Msg("problems.more", n=len(err.lines) - err.limit))
    return out


# format names, codes and field names the Russian texts keep as written
_KEPT = {"GeoJSON", "Feature", "FeatureCollection", "JSON", "UTF", "WGS84", "ISO", "COD",
         "ADM0_PCODE", "NUL", "ESC", "KGZ", "TJK", "UZB", "side", "left_side"}


def _english_left(text: str, values: list[str]) -> list[str]:
    for value in sorted((v for v in values if re.search("[A-Za-z]", v)), key=len,
                        reverse=True):  # the user's words (numbers hold none)
        text = text.replace(value, " ")
    text = re.sub(r"«[^»]*»", " ", text)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_0-9]{2,}", text) if w not in _KEPT]


def test_every_layer_problem_is_keyed_and_russian(tmp_path):
    errors = layer_errors(tmp_path)
    for err in errors:
        messages = [err.head] + [m for line in err.lines for m in line if m is not None]
        plain = [m for m in messages if not isinstance(m, Msg)]
        assert not plain, (type(err).__name__, plain)
        en, ru = i18n.error_text(err, "en"), i18n.error_text(err, "ru")
        assert en == str(err)  # the English is the error's own text
        values = [str(v) for m in messages for _, v in m.params]
        assert not _english_left(ru, values), (en, ru)
        assert len(ru.splitlines()) == len(en.splitlines())
    keys = {m.key for m in layer_reasons(tmp_path)}
    assert len(keys) >= 50, sorted(keys)
    unreadable = str(errors[len(PLACES_CASES)])
    assert "none.csv: row 0" in unreadable and str(tmp_path) not in unreadable  # no path


def test_places_file_problems_name_row_field_and_value(tmp_path):
    with pytest.raises(PlacesFileError) as err:
        read_places_bytes(PLACES_CASES[2], "places <b>1</b>.csv")
    en, ru = str(err.value), i18n.error_text(err.value, "ru")
    assert en.splitlines()[0] == "11 problem(s) in the places file:"
    assert "  places <b>1</b>.csv: row 5, field 'lat': 'north' is not a number" in en
    assert ru.splitlines()[0] == "11 ошибок в файле мест:"
    assert "  places <b>1</b>.csv: строка 5, поле «lat»: «north» — не число" in ru
    assert "\x00" not in en + ru  # a control character is named, never echoed
    assert "строка 12, поле «name»: содержит управляющий символ" in ru


def test_a_long_list_is_cut_in_every_language():
    rows = "".join(f"P{i},,north,70.8,KGZ,,,\n" for i in range(60))
    with pytest.raises(PlacesFileError) as err:
        read_places_bytes((HEAD + rows).encode())
    assert str(err.value).splitlines()[-1] == "  ... and 10 more"
    assert i18n.error_text(err.value, "ru").splitlines()[-1] == "  ... и ещё 10"
    assert len(err.value.issues) == 60  # all kept for whoever reads them


def test_other_errors_are_shown_as_their_own_text():
    assert i18n.error_text(ValueError("plain"), "ru") == "plain"
