"""The leak check (issue 15): every public output of the CLI and of the app's downloads, made
from a store built to tempt each channel (:mod:`tests.protection.tempting`), holds

- no coordinate within 200 m of an incident that is not public (other than a shipped
  settlement, a registry community, a fixed hex-piece point or a boundary vertex), and none
  at all within 200 m of the invented safe house or house;
- no value of a personal field of those records (names, ages, phone numbers, case worker);
- no id of an internal or restricted record (event id or source id);
- no name learned from one ("Gulnora Safe House", "Aziz Karimov house"), and no learned
  name at all (public maps name settlements from the shipped gazetteer only).

Every check runs twice: with plain names, and with the invented records named and
described in hostile text (``tempting.HOSTILE``: markup, template text, ``</script>``,
mathtext, RTL marks, 10 kB), whose markers are searched as personal values. (Control, run by
hand: with every record counted as public, six outputs per world fail.)

On the code before issue 15 the public HTML labelled "Gulnora Safe House" at its exact point,
the brief named it as a pair end, internal rows were points with their ids, and
``analysis pairs --out`` wrote exact names and points with no public mode.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from scipy.spatial import cKDTree

from geo.crs import to_metric
from incidents.access import LOCAL_ADMIN, Principal
from tests.protection import tempting as tp

DATE = "2026-11-25"
LEARNED_PUBLIC = "Tash-Bulak Spring"  # learned from public rows: still never named
EXPORT_FORMATS = ("csv", "geojson", "gpkg", "kml", "xlsx")
OUTPUTS = (
    *[f"cli-export.{f}" for f in EXPORT_FORMATS],
    *[f"app-export.{f}" for f in EXPORT_FORMATS],
    "cli-print.pdf", "cli-print-bbox.pdf", "cli-print-bbox.png", "cli-brief-1.pdf",
    "cli-brief-2.pdf", "cli-map.html",
    "pairs.csv", "pairs.geojson", "gaps.csv", "gaps.geojson", "hotspots.csv",
    "hotspots.geojson", "recurrence.csv", "changes.csv", "evaluation.csv",
    "app-print.pdf", "app-map.html", "app-brief.pdf",
    "cli-print-scene", "app-print-scene",  # what the PDF/PNG draws (lines, points, labels)
)


def scene_text_and_points(data) -> tuple[str, np.ndarray]:
    """Everything a print, brief or HTML map is drawn from (``maps.print.print_data.PrintData``):
    the tables as text and the points drawn from them (a pair line's two ends, proposed
    communities, incidents or counts, labelled places)."""
    frames = [f for f in (data.incidents, data.pairs, data.gaps, data.clusters, data.places)
              if f is not None and len(f)]
    text = "\n".join(pd.DataFrame(f.drop(columns="geometry", errors="ignore")).to_csv()
                     for f in frames)
    # hotspot centres are drawn as the centre of a circle, not a point: left to the files
    pts = [tp.frame_points(pd.DataFrame(f.drop(columns=["geometry", "centroid_lon",
                                                        "centroid_lat"], errors="ignore")))
           for f in frames if f is not data.clusters]
    pts = [p for p in pts if len(p)]
    return text, np.vstack(pts) if pts else np.empty((0, 2))


def _not_public(df: pd.DataFrame) -> np.ndarray:
    """Rows no public output may show one by one (written out here, not imported, so that
    the check does not lean on the code it checks)."""
    return ((df["sensitivity"].astype("string") != "public").fillna(True)
            | (df["category"].astype("string") == "domestic_violence").fillna(False)
            ).to_numpy(dtype=bool)


def _build(tmp: Path, names: tp.Names) -> tuple[tp.Tempting, dict]:
    from analysis.demo_registry import seed_demo_registry
    from analysis.hotspots import HotspotParams, run_hotspots
    from analysis.registry import RegistryStore
    from analysis.registry_view import with_candidates
    from incidents import tables
    from incidents.store import IncidentStore
    from incidents.wiring import clear_cache, load_resources
    from layers.boundaries import attributions
    from maps.web.web_layers import prepare_base

    db = f"sqlite:///{tmp / 'incidents.sqlite'}"
    store = IncidentStore(db)
    res = load_resources(store=store)
    store.load_demo(principal=LOCAL_ADMIN, engine=res.engine, gazetteer=res.gazetteer)
    seed_demo_registry(db, res.gazetteer)
    area = res.engine.study_area(buffer_m=20000.0)
    demo = store.load(principal=LOCAL_ADMIN)
    hs = run_hotspots(demo[~_not_public(demo)], area, HotspotParams(mc_sims=9)).clusters
    registry = with_candidates(RegistryStore(db).load(), res.engine.gazetteer, area)
    base = prepare_base(res.engine.layers, claims=res.engine.claims,
                        curated=res.engine.curated,
                        attributions=tuple(attributions(res.engine.layers.manifest)))
    base_text = json.dumps(dataclasses.asdict(base), default=str)
    allowed = tp.reference_points(res, registry, demo, base_text)
    top = hs.iloc[0]
    mech = RegistryStore(db).load().dropna(subset=["lon", "lat"])
    mech_xy = np.column_stack(to_metric(mech["lon"].to_numpy(float),
                                        mech["lat"].to_numpy(float)))
    safe = tp.choose_point(  # beyond 1.5 km of a mechanism: tempting as a pair's candidate
        (top["centroid_lon"], top["centroid_lat"]), allowed, res.engine,
        radii_m=tuple(range(700, 3001, 200)), avoid_xy=mech_xy, avoid_m=1700.0)
    other = hs.iloc[min(4, len(hs) - 1)]
    located = demo.dropna(subset=["lon", "lat"])
    demo_xy = np.column_stack(to_metric(located["lon"].to_numpy(float),
                                        located["lat"].to_numpy(float)))
    house = tp.choose_point((other["centroid_lon"], other["centroid_lat"]), allowed,
                            res.engine, radii_m=tuple(range(3000, 15001, 1000)),
                            avoid_xy=demo_xy, avoid_m=3000.0)  # a cluster of its own
    spring = tp.choose_point((other["centroid_lon"], other["centroid_lat"]), allowed,
                             res.engine, radii_m=(6000, 6500, 7000))
    rows = (tp._rows(names.safe, *safe, 5, "restricted", "CASE-", tail=names.tail)
            + tp._rows(names.safe, *safe, 1, "restricted", "CASE-DV-",
                       category="domestic_violence", start="2025-06-02", tail=names.tail)
            + tp._rows(names.house, *house, 5, "internal", "HOUSE-", tail=names.tail))
    public = [dict(r, id=f"PUB-{i}", notes="spring repaired", source="community report",
                   actor1="Villagers", verification="unverified")
              for i, r in enumerate(tp._rows(LEARNED_PUBLIC, *spring, 3, "public", "P"))]
    tp.import_rows(db, tmp, rows)
    tp.import_rows(db, tmp, public)
    with store.engine.begin() as conn:  # a name learned by the code before issue 15
        conn.execute(tables.learned_places.insert().values(
            location=names.safe, lon=safe[0], lat=safe[1], geo_precision=1,
            source_dataset="kobo", source_event_id="CASE-0001", learned_at="2025-01-01"))
    # a restricted record with no place at all: public outputs withhold it, never name it
    store.add({"source_dataset": "kobo", "source_event_id": "CASE-NOPLACE-0001",
               "event_date": "2025-04-04", "category": "youth_clash",
               "notes": "Gulnora, 34, shelters here", "sensitivity": "restricted"},
              LOCAL_ADMIN, engine=res.engine)
    df = store.load(principal=LOCAL_ADMIN)
    allowed = tp.reference_points(res, registry, df, base_text)  # with the new rows' cells
    case = df[df["source_event_id"] == "CASE-0001"]["event_id"].iloc[0]
    store.update(case, {"notes": "moved; ask Dilnoza"}, principal=Principal("tester", "admin"))
    clear_cache()
    hidden = df[_not_public(df)]
    t = tp.Tempting(
        db=db, data_dir=tmp, non_public=hidden[["event_id", "source_event_id", "lon", "lat"]],
        tempting_xy=np.column_stack(to_metric(np.array([safe[0], house[0]]),
                                              np.array([safe[1], house[1]]))),
        allowed_xy=allowed, names=names)
    assert cKDTree(allowed).query(t.tempting_xy)[0].min() > tp.CLEAR_M  # a sound fixture
    store.close()
    return t, {"safe": safe, "house": house, "spring": spring}


def _cli_outputs(t: tp.Tempting, where: dict, out: Path) -> dict[str, Path]:
    from analysis.cli import main as analysis_main
    from incidents.cli import main as incidents_main
    from maps.cli import main as maps_main

    files: dict[str, Path] = {}
    for fmt in EXPORT_FORMATS:
        p = out / f"export.{fmt}"
        assert incidents_main(["export", "--format", fmt, "--out", str(p), "--db", t.db]) == 0
        files[f"cli-export.{fmt}"] = p
    lon, lat = where["safe"]
    bbox = f"{lon - 0.06},{lat - 0.05},{lon + 0.06},{lat + 0.05}"
    for key, extra in (("cli-print.pdf", ["--format", "pdf"]),
                       ("cli-print-bbox.pdf", ["--format", "pdf", "--bbox", bbox]),
                       ("cli-print-bbox.png", ["--format", "png", "--dpi", "40",
                                               "--bbox", bbox])):
        p = out / key
        assert maps_main(["print", *extra, "--demo-registry", "--date", DATE, "--db", t.db,
                          "--location", "settlement", "--out-file", str(p)]) == 0
        files[key] = p
    for i in (1, 2):
        d = out / f"brief{i}"
        assert maps_main(["brief", "--hotspot", f"HS-00{i}", "--demo-registry", "--date", DATE,
                          "--db", t.db, "--out", str(d)]) == 0
        files[f"cli-brief-{i}.pdf"] = next(d.glob("*.pdf"))
    p = out / "map.html"
    assert maps_main(["html", "--demo-registry", "--date", DATE, "--db", t.db,
                      "--out", str(p)]) == 0
    files["cli-map.html"] = p
    for cmd, extra in (("pairs", []), ("gaps", []), ("hotspots", [])):
        for ext in ("csv", "geojson"):
            p = out / f"{cmd}.{ext}"
            assert analysis_main([cmd, *extra, "--db", t.db, "--mc-sims", "9",
                                  "--demo-registry", "--out", str(p)] if cmd != "hotspots"
                                 else [cmd, "--db", t.db, "--mc-sims", "9", "--out",
                                       str(p)]) == 0
            files[f"{cmd}.{ext}"] = p
    p = out / "gistar.geojson"
    assert analysis_main(["hotspots", "--layer", "gistar", "--db", t.db, "--mc-sims", "9",
                          "--out", str(p)]) == 0
    files["gistar.geojson"] = p
    p = out / "recurrence.csv"
    assert analysis_main(["hotspots", "--layer", "recurrence", "--db", t.db, "--mc-sims", "9",
                          "--out", str(p)]) == 0
    files["recurrence.csv"] = p
    for cmd in ("changes", "evaluate"):  # the Monday list, the actions' before/after
        p = out / ("changes.csv" if cmd == "changes" else "evaluation.csv")
        assert analysis_main([cmd, "--db", t.db, "--mc-sims", "9", "--out", str(p),
                              *(["--demo-registry"] if cmd == "changes" else [])]) == 0
        files[p.name] = p
    return files


def _app_outputs() -> dict[str, tuple[bytes, str]]:
    """The app's public downloads, through the functions its buttons call (ui.downloads)."""
    from incidents.filters import IncidentFilter
    from maps.print.brief import brief_file
    from maps.print.print_layout import PrintSpec
    from maps.print.printmap import print_map_file
    from maps.web.html_export import html_map
    from sharing.export import export_bytes
    from ui import downloads, resources

    flt = IncidentFilter()
    date = dt.date(2026, 11, 25)
    got: dict[str, tuple[bytes, str]] = {}
    for fmt in EXPORT_FORMATS:
        data, name, _ = export_bytes(resources.incidents(flt), fmt, resources.core().engine,
                                     mode="public", date=date)
        got[f"app-export.{fmt}"] = (data, name)
    scene = downloads._scene(flt, None, "public")
    data, name = print_map_file(PrintSpec(title="t", mode="public", production_date=date),
                                scene.data)
    got["app-print.pdf"] = (data, name)
    data, name = html_map(scene.data, "t", "en", date)
    got["app-map.html"] = (data, name)
    data, name = brief_file("HS-001", scene.data, scene.incidents, "public", date)
    got["app-brief.pdf"] = (data, name)
    got["app-print-scene"] = scene
    return got


@pytest.fixture(scope="module", params=["plain", "hostile"])
def leak_world(request, tmp_path_factory):
    """The tempting world and every output made from it, once with plain names and once with
    the invented records named and described in hostile text (tests.hostile)."""
    names = {"plain": tp.PLAIN, "hostile": tp.HOSTILE}[request.param]
    tmp = tmp_path_factory.mktemp("tempting")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KGTJ_DATA_DIR", str(tmp))
        t, where = _build(tmp, names)
        mp.setenv("KGTJ_DB_URL", t.db)
        files = {k: (p.read_bytes(), p.name) for k, p in
                 _cli_outputs(t, where, tmp_path_factory.mktemp("out")).items()}
        files.update(_app_outputs())
        from maps.print.print_scene import load_scene as _load
        files["cli-print-scene"] = _load(db=t.db, demo_registry=True)
        extracted = {k: scene_text_and_points(v.data) if k.endswith("-scene") else
                     tp.file_text_and_points(*v) for k, v in files.items()}
    import geopandas as gpd
    import shapely

    from geo.crs import METRIC_CRS
    polys = [gpd.read_file(io.BytesIO(files[k][0])).to_crs(METRIC_CRS).geometry
             for k in ("hotspots.geojson", "gistar.geojson")]
    edges = shapely.STRtree(np.asarray([g.boundary for p in polys for g in p], dtype=object))
    return t, where, extracted, edges


def _constructed(pts: np.ndarray, t: tp.Tempting, edges) -> np.ndarray:
    """Points that are public reference points or constructions independent of any single
    incident: settlements, communities, hex-piece points and boundary vertices (within 2 m),
    rounded centres on the 0.01° grid, vertices of the public hotspot circles and Gi* cells
    (within 3 m of their outlines)."""
    import shapely
    ok = cKDTree(t.allowed_xy).query(pts)[0] <= 2.0
    ok |= tp.on_grid(pts)
    rest = np.flatnonzero(~ok)
    if len(rest):
        geoms = shapely.points(pts[rest])
        hit, _ = edges.query(geoms, predicate="dwithin", distance=3.0)
        ok[rest[np.unique(hit)]] = True
    return ok


@pytest.mark.parametrize("output", OUTPUTS)
def test_no_protected_record_leaks_into(leak_world, output):
    t, _, extracted, edges = leak_world
    text, pts = extracted[output]
    assert text.strip(), f"{output}: nothing read (the check would be empty)"
    problems = []
    if len(pts):
        pts = pts[~_constructed(pts, t, edges)]
    if len(pts):
        near_tempting = cKDTree(t.tempting_xy).query(pts)[0] < tp.LEAK_M
        if near_tempting.any():
            problems.append(f"{int(near_tempting.sum())} coordinate(s) within "
                            f"{tp.LEAK_M:g} m of the safe house / house")
        hx, hy = to_metric(t.non_public["lon"].to_numpy(float),
                           t.non_public["lat"].to_numpy(float))
        ok = np.isfinite(hx) & np.isfinite(hy)
        d_hidden = cKDTree(np.column_stack([hx[ok], hy[ok]])).query(pts)[0]
        bad = d_hidden < tp.LEAK_M
        if bad.any():
            problems.append(f"{int(bad.sum())} coordinate(s) within {tp.LEAK_M:g} m of a "
                            "non-public incident")
    for value in t.names.personal + (t.names.safe, t.names.house, LEARNED_PUBLIC):
        if value.casefold() in text.casefold():
            problems.append(f"personal value or learned name {value!r}")
    ids = set(re.findall(r"KGTJ-\d{6,}", text))
    leaked = ids & set(t.non_public["event_id"].astype(str))
    if leaked:
        problems.append(f"{len(leaked)} non-public event id(s), e.g. {sorted(leaked)[:3]}")
    assert not problems, f"{output}: " + "; ".join(problems)


def test_the_tempting_store_is_tempting(leak_world):
    """The fixture is sound: the invented records are stored, exact and not public, and the
    internal house forms a hotspot of its own in the internal analysis."""
    t, where, _, _ = leak_world
    from incidents.store import IncidentStore
    df = IncidentStore(t.db).load(principal=LOCAL_ADMIN)
    safe = df[df["location"] == t.names.safe]
    assert len(safe) == 6 and set(safe["sensitivity"]) == {"restricted"}
    assert (safe["geo_precision"] == 1).all()
    house = df[df["location"] == t.names.house]
    assert len(house) == 5 and set(house["sensitivity"]) == {"internal"}
    assert len(t.non_public) > 100  # the demo's internal and restricted rows too


def test_no_learned_place_from_a_non_public_row(leak_world):
    """``incidents geocode`` and the add form (the app's gazetteer) never find a place taken
    from an internal or restricted row; a name from public, repeated rows is learned."""
    from geo.geocode import geocode
    from incidents.store import IncidentStore
    from incidents.wiring import load_resources
    t, _, _, _ = leak_world
    store = IncidentStore(t.db)
    gaz = load_resources(store=store).gazetteer
    for name in (t.names.safe, t.names.house):
        assert geocode(name, gaz).status == "not_found", name
        assert name not in set(store.learned_places()["location"])
    assert geocode(LEARNED_PUBLIC, gaz).method == "learned"
    with sa.create_engine(t.db).connect() as conn:  # the legacy row stays stored
        from incidents import tables
        n = conn.execute(sa.select(sa.func.count()).select_from(tables.learned_places).where(
            tables.learned_places.c.location == t.names.safe)).scalar()
    assert n == 1


def test_cli_geocode_does_not_return_the_safe_house(leak_world, capsys):
    from incidents.cli import main
    t, where, _, _ = leak_world
    main(["geocode", t.names.safe, "--db", t.db])
    out = capsys.readouterr().out
    assert f"{where['safe'][0]:.4f}" not in out and "learned" not in out


def test_app_brief_of_an_internal_only_hotspot_is_refused(leak_world):
    """The app's brief button names a hotspot of the analysis of all records; in public mode
    it is matched to the public analysis, and a hotspot made only of internal records (the
    house) has no public brief."""
    from analysis.hotspots import HotspotParams, run_hotspots
    from incidents.store import IncidentStore
    from incidents.wiring import load_resources
    from sharing.public_analysis import matching_hotspot
    t, _, _, _ = leak_world
    store = IncidentStore(t.db)
    df = store.load(principal=LOCAL_ADMIN)
    area = load_resources(store=store).engine.study_area(buffer_m=20000.0)
    params = HotspotParams(mc_sims=0)
    everything = run_hotspots(df, area, params).clusters
    public = run_hotspots(df[~_not_public(df)], area, params).clusters
    house = set(df.loc[df["location"] == t.names.house, "event_id"])
    own = everything[everything["event_ids"].map(lambda s: bool(house & set(s.split(";"))))]
    assert len(own) == 1  # the internal rows make a hotspot of their own
    assert matching_hotspot(own["hotspot_id"].iloc[0], everything, public) is None
    top = matching_hotspot("HS-001", everything, public)
    assert top is not None and top in set(public["hotspot_id"])
