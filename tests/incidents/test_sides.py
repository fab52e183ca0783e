"""Three sides, one resolved (issue 16): real importers, the shipped line, the CLI export.

Every row here is fictitious and written by this module (never ACLED's): ``acled_no_inter``
lays its rows out like a re-shaped ACLED export without inter1/inter2 (BOM, dd/mm/yyyy and
"dd Month yyyy" dates, country, admin1–3, location, geo_precision). Actors are "Test …"
names that say military, border service or police, the dates are chosen to match no
reported clash, and only the village names and their coordinates are real: a gazetteer
match is what the tests need.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from incidents.access import LOCAL_ADMIN as ADMIN  # noqa: F401
from incidents.access import Principal
from incidents.cli import main
from incidents.importers import read_any
from incidents.sides import COMPARED, PRECEDENCE, reported_sides, resolve_sides
from incidents.wiring import open_store

FIXTURES = Path(__file__).parent / "fixtures"
ACLED_HEADER = (
    "\ufeffevent_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
    "sub_event_type,actor1,assoc_actor_1,actor2,assoc_actor_2,civilian_targeting,iso,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp\n")
_PV, _CA = "Political violence", "Central Asia"
_BATTLE = f"{_PV},Battles,Armed clash"
# id, date as a file writes it, event type fields, actor1, actor2, targeting, iso, country,
# admin1-3, location, lat, lon, geo_precision, fatalities (fictitious rows, real villages)
NO_INTER_ROWS = (
    ("TSTK1", "13/02/2013", _BATTLE, "Test military (side A)", "Test border service (side B)",
     "", "417", "Kyrgyzstan", "Batken", "Leilek", "Jangy-Jer", "Arka", "40.1978", "69.8881",
     "1", "0"),
    ("TSTK2", "14 February 2013", _BATTLE, "Test border service (side A)",
     "Test military (side B)", "", "417", "Kyrgyzstan", "Batken", "Leilek", "Jangy-Jer",
     "Maksat", "", "", "2", "2"),
    ("TSTK3", "21/10/2012", f"{_PV},Explosions/Remote violence,"
     "Shelling/artillery/missile attack", "Test military (side A)", "", "", "417",
     "Kyrgyzstan", "Batken", "Batken", "Ak-Sai", "Ak-Sai", "39.8744", "70.5221", "1", ""),
    ("TSTK4", "22 October 2012", f"{_PV},Violence against civilians,Attack",
     "Test military (side A)", "Test civilians (side B)", "civilian targeting", "417",
     "Kyrgyzstan", "Batken", "Leilek", "Kulundu", "Internatsionalnoye", "", "", "2", "1"),
    ("TSTT1", "23/10/2012", _BATTLE, "Test military (side B)", "Test police (side A)", "",
     "762", "Tajikistan", "Sughd", "Isfara", "", "Vorukh", "39.8513", "70.5801", "1", "0"),
    ("TSTT2", "24/10/2012", "Demonstrations,Riots,Mob violence", "Test rioters (side A)",
     "Test rioters (side B)", "", "762", "Tajikistan", "Sughd", "Isfara", "", "Vorukh",
     "39.8513", "70.5801", "1", "0"),
    ("TSTK5", "03 March 2011", "Demonstrations,Protests,Peaceful protest",
     "Test protesters (side B)", "", "", "417", "Kyrgyzstan", "Chuy", "Bishkek", "",
     "Bishkek", "42.87", "74.59", "1", "0"),
)


# a riot whose notes name water is a water dispute (categories rule 4), never a youth clash
NO_INTER_NOTES = {"TSTT2": "test row (fictitious): canal water"}


def _no_inter_line(i: int, row: tuple[str, ...]) -> str:
    (sid, date, types, actor1, actor2, targeting, iso, country, admin1, admin2, admin3,
     location, lat, lon, precision, killed) = row
    year = date[-4:]
    return (f"{sid},{date},{year},1,{types},{actor1},,{actor2},,{targeting},{iso},{_CA},"
            f"{country},{admin1},{admin2},{admin3},{location},{lat},{lon},{precision},"
            f"Test source,National,{NO_INTER_NOTES.get(sid, 'test row (fictitious)')},{killed},,"
            f"{1700000001 + i}\n")


@pytest.fixture
def acled_no_inter(tmp_path) -> Path:
    """The fictitious ACLED-layout file without interaction codes, written for one test."""
    path = tmp_path / "fictitious_acled_layout_no_interaction.csv"
    path.write_text(ACLED_HEADER + "".join(_no_inter_line(i, r)
                                           for i, r in enumerate(NO_INTER_ROWS)),
                    encoding="utf-8")
    return path

CONTRACT_ROW = (
    ACLED_HEADER +
    "TSTC1,13/02/2013,2013,1,Political violence,Battles,Armed clash,Test forces A,,"
    "Test forces B,,,417,Central Asia,Kyrgyzstan,Batken,Leilek,Jangy-Jer,Arka,40.1978,"
    "69.8881,1,Test source,National,test row (fictitious),0,,1700000000\n")
SIDE_PROPS = ("side", "side_reported", "side_settlement", "side_line", "side_basis",
              "side_contested")


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'sides.sqlite'}"


def _export(db, tmp_path) -> list[dict]:
    out = tmp_path / "out.geojson"
    assert main(["export", "--format", "geojson", "--mode", "internal", "--out", str(out),
                 "--db", db]) == 0
    return [f["properties"] for f in json.loads(out.read_text())["features"]]


def test_contract_arka_row_is_kg_by_source_and_contested(db, tmp_path):
    path = tmp_path / "arka.csv"
    path.write_text(CONTRACT_ROW, encoding="utf-8")
    assert main(["import", str(path), "--db", db]) == 0
    props = _export(db, tmp_path)
    assert len(props) == 1
    p = props[0]
    assert set(SIDE_PROPS) <= set(p)
    assert p["side"] == "KG"
    assert p["side_basis"] in ("settlement", "reported")
    assert p["side_contested"] is True
    assert p["side_reported"] == "KG"
    assert p["side_line"] == "TJ"  # the December 2017 OSM line puts Arka in Tajikistan
    assert p["side_line_ref"] == "osm-2017-12"


def test_acled_layout_without_interaction_codes(db, acled_no_inter, tmp_path, capsys):
    assert main(["import", str(acled_no_inter), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "fighting_state_forces → border_guard_incident: 4" in out
    assert "violence_against_civilians_by_state_forces → border_guard_incident: 1" in out
    df = open_store(db).load(principal=ADMIN).set_index("source_event_id")
    # dd/mm/yyyy and "dd Month yyyy" both read
    assert df.loc["TSTK1", "event_date"] == pd.Timestamp("2013-02-13")
    assert df.loc["TSTK2", "event_date"] == pd.Timestamp("2013-02-14")
    # armed clashes and shelling between state forces: never youth clashes
    for sid in ("TSTK1", "TSTK2", "TSTK3", "TSTT1"):
        assert df.loc[sid, "category"] == "border_guard_incident", sid
    # an attack on civilians by the military stays findable as such
    assert df.loc["TSTK4", "category"] == "border_guard_incident"
    assert df.loc["TSTK4", "event_type"] == "Violence against civilians"
    assert (df["category"] != "youth_clash").all()
    # the source's country is kept per row as the reported side, and in extra as written
    assert df.loc["TSTK1", "side_reported"] == "KG" and df.loc["TSTT1", "side_reported"] == "TJ"
    assert json.loads(df.loc["TSTK1", "extra"])["country"] == "Kyrgyzstan"
    # Arka: the source says KG, the 2017 line says TJ → KG, contested
    assert df.loc["TSTK1", "side"] == "KG" and bool(df.loc["TSTK1", "side_contested"])
    # a name-only row (no coordinates) goes to geocoding and keeps the source's side
    assert pd.isna(df.loc["TSTK2", "lon"]) and df.loc["TSTK2", "side"] == "KG"
    assert df.loc["TSTK2", "side_basis"] == "reported"
    # Vorukh: a Tajik exclave by every answer → not contested by disagreement
    assert df.loc["TSTT1", "side"] == "TJ" and df.loc["TSTT1", "side_line"] == "TJ"


def test_generic_file_with_per_row_source_column(db, tmp_path):
    path = tmp_path / "generic.csv"
    path.write_text(
        "source_dataset,event_id,event_date,sub_event_type,latitude,longitude,location,"
        "country,category\n"
        "ACLED,G1,2013-02-13,Armed clash,40.1978,69.8881,Arka,Kyrgyzstan,armed clash\n"
        "media monitor,G2,2013-02-14,,,,Maksat,Kyrgyzstan,перестрелка\n"
        "internal,G3,2013-02-15,,39.8513,70.5801,Vorukh,Tajikistan,stone-throwing\n",
        encoding="utf-8")
    assert read_any(path).format == "table"  # no event_id_cnty: never taken as ACLED
    assert main(["import", str(path), "--db", db]) == 0
    df = open_store(db).load(principal=ADMIN).set_index("source_event_id")
    assert df.loc["G1", "source_dataset"] == "acled"
    assert df.loc["G2", "source_dataset"] == "other"
    assert json.loads(df.loc["G2", "extra"])["source_dataset_given"] == "media monitor"
    assert df.loc["G3", "source_dataset"] == "internal"
    assert df.loc["G1", "side_reported"] == "KG" and bool(df.loc["G1", "side_contested"])


def test_precedence_and_contestedness():
    frame = pd.DataFrame({
        "side_reviewed": [pd.NA, pd.NA, pd.NA, "TJ", pd.NA],
        "side_settlement": ["KG", pd.NA, pd.NA, "KG", pd.NA],
        "side_reported": ["KG", "KG", pd.NA, "KG", "TJ"],
        "side_line": ["TJ", "TJ", "KG", "TJ", "outside"],
        "claims_overlap_id": [pd.NA, pd.NA, "OV-1", pd.NA, pd.NA],
        "disagreement_zone_id": [pd.NA, pd.NA, "DZ-3", pd.NA, pd.NA],
    }, dtype="string")
    out = resolve_sides(frame)
    assert out["side"].tolist() == ["KG", "KG", "KG", "TJ", "TJ"]
    assert out["side_basis"].tolist() == ["settlement", "reported", "line", "reviewer",
                                          "reported"]
    # the reviewer resolves the side but the sources still disagree; 'outside' (water)
    # disagrees with nothing
    assert out["side_contested"].tolist() == [True, True, True, True, False]
    assert out["side_contested_zone"].tolist()[2] == "OV-1;DZ-3"


def _one_row(row: dict) -> tuple:
    """The module docstring's rules for one row, written plainly (the reference)."""
    def given(col):
        v = row.get(col)
        return None if v is None or pd.isna(v) else v
    answers = [(name, given(col)) for name, col in PRECEDENCE]
    side, basis = next(((v, name) for name, v in answers
                        if v in COMPARED or (name == "line" and v is not None)), (None, None))
    zone = ";".join(z for z in (given("claims_overlap_id"), given("disagreement_zone_id"))
                    if z is not None) or None
    told = {v for _, v in answers if v in COMPARED}
    return side, basis, len(told) > 1 or zone is not None, zone


@pytest.mark.parametrize("seed", range(4))
def test_resolved_sides_match_the_rules_row_by_row(seed):
    """Random answers (sides, 'outside', odd text, missing in three spellings, columns
    absent, a shuffled index) resolved at once as the rules say row by row."""
    rng = np.random.default_rng(seed)
    pool = np.array([None, pd.NA, np.nan, "KG", "TJ", "UZ", "outside", "kg", "KG ",
                     "<b>TJ</b>"], dtype=object)
    zones = np.array([None, pd.NA, "OC-1", "DZ-2", "a;b"], dtype=object)
    n = 400
    cols = {col: rng.choice(pool, n) for _, col in PRECEDENCE}
    cols["claims_overlap_id"] = rng.choice(zones, n)
    cols["disagreement_zone_id"] = rng.choice(zones, n)
    frame = pd.DataFrame(cols, index=rng.permutation(n) * 3 + 1)
    frame = frame.drop(columns=[c for c in frame.columns if rng.uniform() < 0.2])
    if seed % 2:
        frame = frame.astype("string")
    before = frame.copy()
    out = resolve_sides(frame)
    pd.testing.assert_frame_equal(frame, before)  # the input is left as it was
    for i, row in zip(frame.index, frame.to_dict("records"), strict=True):
        side, basis, contested, zone = _one_row(row)
        got = out.loc[i]
        assert (None if pd.isna(got["side"]) else got["side"]) == side, (row, got)
        assert (None if pd.isna(got["side_basis"]) else got["side_basis"]) == basis
        assert bool(got["side_contested"]) == contested, (row, got)
        assert (None if pd.isna(got["side_contested_zone"]) else
                got["side_contested_zone"]) == zone


def test_reported_country_words():
    got = reported_sides(pd.Series(["Kyrgyzstan", " KGZ", "Таджикистан", "762", "Uzbekistan",
                                    "Kazakhstan", "", None]))
    assert got.tolist()[:5] == ["KG", "KG", "TJ", "TJ", "UZ"]
    assert got.isna().tolist()[5:] == [True, True, True]


def test_reviewer_side_with_reason_goes_to_history(db, tmp_path):
    path = tmp_path / "arka.csv"
    path.write_text(CONTRACT_ROW, encoding="utf-8")
    assert main(["import", str(path), "--db", db]) == 0
    store = open_store(db)
    eid = store.load(principal=ADMIN)["event_id"].iloc[0]
    from incidents.validation import RecordError
    with pytest.raises(RecordError, match="reason"):
        store.set_side(eid, "TJ", "", principal=Principal("rev", "admin"))
    store.set_side(eid, "TJ", "checked with both working groups", principal=Principal("rev",
                                                                                      "admin"))
    row = store.get(eid, ADMIN)
    assert row["side"] == "TJ" and row["side_basis"] == "reviewer"
    assert bool(row["side_contested"])  # still contested: the sources disagree
    h = store.history(eid, ADMIN)
    changed = dict(zip(h["field"], h["new_value"], strict=True))
    assert changed["side_reviewed"] == "TJ" and changed["side"] == "TJ"
    assert changed["side_review_reason"] == "checked with both working groups"
    store.set_side(eid, None, "", principal=Principal("rev", "admin"))
    assert store.get(eid, ADMIN)["side_basis"] == "reported"


def test_old_store_migrates_side_line_and_reported(tmp_path):
    """A store written before the sides gains the columns, filled from what it holds."""
    import shutil

    import sqlalchemy as sa
    db = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES.parent / "fixtures_store" / "store_made_before_alembic.sqlite", db)
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:  # one row whose source said Kyrgyzstan, the line Tajikistan
        eid = conn.execute(sa.text("SELECT event_id FROM incidents WHERE side = 'TJ' "
                                   "ORDER BY event_id LIMIT 1")).scalar()
        conn.execute(sa.text("UPDATE incidents SET extra = :x WHERE event_id = :e"),
                     {"x": json.dumps({"country": "Kyrgyzstan"}), "e": eid})
    store = open_store(f"sqlite:///{db}")
    row = store.get(eid, ADMIN)
    assert row["side_line"] == "TJ" and row["side_reported"] == "KG"
    assert row["side"] == "KG" and row["side_basis"] == "reported"
    assert bool(row["side_contested"]) and row["side_line_ref"] == "osm-2017-12"
    others = store.load(principal=ADMIN, include_deleted=True)
    others = others[others["event_id"] != eid]
    assert (others["side"] == others["side_line"]).all()
    assert set(others["side_basis"]) == {"line"}


LINE_POLYGON = ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
                '{"side":"KG"},"geometry":{"type":"Polygon","coordinates":[[[69.85,40.17],'
                '[69.93,40.17],[69.93,40.23],[69.85,40.23],[69.85,40.17]]]}}]}')


def test_user_line_becomes_the_reference_and_reenrich_reports(db, acled_no_inter, tmp_path, capsys):
    """A fictitious newer 'line' (a polygon around Arka given to KG) answers side_line
    where it covers a point; reenrich recomputes and reports what changed."""
    assert main(["import", str(acled_no_inter), "--db", db]) == 0
    line = tmp_path / "line.geojson"
    line.write_text(LINE_POLYGON, encoding="utf-8")
    assert main(["line", "--set", str(line), "--date", "2025-03-13", "--name",
                 "Test polygon (fictitious)", "--db", db]) == 0
    capsys.readouterr()
    assert main(["reenrich", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Test polygon (fictitious) as of 13 March 2025" in out
    assert "1 changed" in out and "side_line 1" in out
    df = open_store(db).load(principal=ADMIN).set_index("source_event_id")
    assert df.loc["TSTK1", "side_line"] == "KG"
    assert df.loc["TSTK1", "side_line_ref"] == "user-2025-03-13"
    assert not bool(df.loc["TSTK1", "side_contested"])  # source and the new line agree
    assert df.loc["TSTT1", "side_line_ref"] == "osm-2017-12"  # not covered: the 2017 line
    # the distance's sign follows the newer line (no Tajik polygon: the 2017 distance)
    dist_m = df.loc["TSTK1", "border_dist_m"]
    assert dist_m > 0
    assert main(["line", "--remove", "--db", db]) == 0
    assert main(["reenrich", "--db", db]) == 0
    back = open_store(db).load(principal=ADMIN).set_index("source_event_id").loc["TSTK1"]
    assert back["side_line"] == "TJ"
    assert back["border_dist_m"] == pytest.approx(-dist_m)


def test_bad_user_line_is_refused(tmp_path):
    from geo.reference_line import ReferenceLineError, parse_user_line
    with pytest.raises(ReferenceLineError, match="side"):
        parse_user_line(LINE_POLYGON.replace('"KG"', '"north"').encode(), "x", "2025-03-13")
    with pytest.raises(ReferenceLineError, match="date"):
        parse_user_line(LINE_POLYGON.encode(), "x", "March 2025")


def test_line_string_with_left_side():
    """A line digitised west → east with Kyrgyzstan on its left (north)."""
    import numpy as np

    from geo.crs import to_metric
    from geo.reference_line import parse_user_line
    doc = ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
           '{"left_side":"KG"},"geometry":{"type":"LineString","coordinates":'
           '[[69.8,40.1],[70.0,40.1]]}}]}')
    line = parse_user_line(doc.encode(), "test line", "2025")
    x, y = to_metric(np.array([69.9, 69.9, 72.0]), np.array([40.12, 40.08, 40.1]))
    assert line.sides(x, y).tolist() == ["KG", "TJ", None]  # the last is out of reach


def test_filter_side_contested(db, acled_no_inter, tmp_path, capsys):
    assert main(["import", str(acled_no_inter), "--db", db]) == 0
    capsys.readouterr()
    assert main(["list", "--db", db, "--side", "contested"]) == 0
    out = capsys.readouterr().out
    assert "Arka" in out and "Vorukh" not in out
    assert "OpenStreetMap as of December 2017, before the 13 March 2025 treaty" in out
    from incidents.filters import IncidentFilter
    flt, warnings = IncidentFilter.from_query_params({"sides": "TJ,contested"})
    assert not warnings and "whose side is contested" in flt.describe()


def test_with_the_shipped_border_gazetteer_the_village_decides(db, acled_no_inter,
                                                               monkeypatch):
    """With the cited border gazetteer (data/gazetteer), Arka and Maksat are Kyrgyz villages
    whatever the 2017 line says, and Vorukh is Tajik: side_basis 'settlement'."""
    from incidents.wiring import clear_cache
    monkeypatch.delenv("KGTJ_GAZETTEER_FILES")  # the shipped files (tests opt in)
    clear_cache()
    try:
        assert main(["import", str(acled_no_inter), "--db", db]) == 0
        df = open_store(db).load(principal=ADMIN).set_index("source_event_id")
    finally:
        clear_cache()
    for sid in ("TSTK1", "TSTK2"):  # Arka (coordinates), Maksat (name only, geocoded)
        assert df.loc[sid, "side_settlement"] == "KG", sid
        assert df.loc[sid, "side"] == "KG" and df.loc[sid, "side_basis"] == "settlement"
        assert df.loc[sid, "side_line"] == "TJ" and bool(df.loc[sid, "side_contested"])
    assert df.loc["TSTT1", "side_settlement"] == "TJ" and df.loc["TSTT1", "side"] == "TJ"


def test_reenrich_report_in_russian():
    """The Data & sources page shows the re-enrichment report in the user's language."""
    from geo.reference_line import SHIPPED
    from i18n import line_label, reenrich_lines
    from incidents.reenrich import ReenrichReport

    report = ReenrichReport(rows=12, changed_rows=2, by_column={"side_line": 2},
                            side_changes={"TJ → KG": 1}, contested_before=3,
                            contested_after=1, line=SHIPPED.label)
    assert reenrich_lines(report, "en") == report.lines()
    ru = reenrich_lines(report, "ru", line_label(SHIPPED, "ru"))
    text = "; ".join(ru)
    assert "пересчитано инцидентов: 12; изменено: 2" in text
    assert "сторона TJ → KG: 1" in text and "было 3, стало 1" in text
    assert "декабрь 2017" in text
    assert not any(w in text for w in ("recomputed", "changed", "before", "reference line"))
