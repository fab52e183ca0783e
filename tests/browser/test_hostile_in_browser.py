"""The hostile-name corpus (tests/hostile.py) in Chromium: both HTML exports (the print
scene's offline map and the app's "map as shown" download) and the app's live map. Every
tooltip is opened and incidents are clicked; ``window.alert`` is hooked and the payloads set
``window.__kgtj_pwned``: nothing may run, no page error, incidents still drawn."""
from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from tests.hostile import ALERT_HOOK, HOSTILE, PWNED_JS, hostile

pytestmark = pytest.mark.browser
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
DATE = dt.date(2026, 11, 25)

# open every tooltip of every layer, then click up to 12 incidents (popups with notes)
EXERCISE = """() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  let tips = 0, hostile = 0;
  const visit = l => { if (l.getTooltip && l.getTooltip()) {
      const text = String(l.getTooltip().getContent() || "");
      if (text.includes("__kgtj_pwned")) { hostile += 1; }
      try { const c = l.getCenter ? l.getCenter() : (l.getLatLng ? l.getLatLng() : null);
            l.openTooltip(c || map.getCenter()); tips += 1; } catch (e) {} }
    if (l.eachLayer) { l.eachLayer(visit); } };
  map.eachLayer(visit);
  return [tips, hostile]; }"""
# tooltips showing a payload as text (so the hostile names did reach them)
SHOWN_AS_TEXT = """() => [...document.querySelectorAll('.leaflet-tooltip, .leaflet-popup-content')]
  .filter(e => e.textContent.includes('__kgtj_pwned')).length"""
PAIRS_DRAWN = """(colour) => {
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const d = f && f.contentDocument;
  return !!d && d.querySelectorAll(`path[stroke="${colour}"][fill="none"]`).length > 0; }"""


def _exercise(page, doc, drawn: str = ".kgtj-inc") -> dict:
    """Open tooltips and popups in ``doc`` (a page or a frame); the counts seen. ``drawn``:
    what the incidents are drawn as (symbols; a public scene draws count circles)."""
    doc.wait_for_function(f"() => document.querySelectorAll({drawn!r}).length > 0",
                          timeout=60000)
    tips, hostile_tips = doc.evaluate(EXERCISE)
    incidents = doc.locator(".kgtj-inc")
    for i in range(min(12, incidents.count())):
        incidents.nth(i).dispatch_event("click")
    page.wait_for_timeout(500)
    return {"tips": tips, "incidents": doc.locator(drawn).count(),
            "hostile_tips": hostile_tips, "as_text": doc.evaluate(SHOWN_AS_TEXT),
            "popups": doc.locator(".leaflet-popup-content").count(),
            "pwned": doc.evaluate(PWNED_JS)}


def _open(browser, url: str):
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    ctx.add_init_script(ALERT_HOOK)  # every frame, before its scripts
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog " + d.message), d.dismiss()))
    page.goto(url, wait_until="domcontentloaded")
    return ctx, page, errors


def _hostile_content():
    """A web map content with hostile text in every layer that shows text."""
    from layers.boundaries import load_boundaries
    from maps.web.web_layers import prepare_base
    from maps.web.webmap import MapContent
    from tests.app.conftest import synthetic_incidents

    n = len(HOSTILE)
    inc = synthetic_incidents(30)
    inc["location"] = [hostile(i) for i in range(len(inc))]
    inc["notes"] = [hostile(i + 1) for i in range(len(inc))]
    inc["source"] = [hostile(i + 2) for i in range(len(inc))]
    pts = [Point(70.5 + 0.01 * i, 39.9) for i in range(n)]
    curated = gpd.GeoDataFrame({
        "curated_id": [f"C{i}" for i in range(n)], "kind": "site", "name": list(HOSTILE),
        "status": "disputed", "status_as_of": "2025-03-13", "source": list(HOSTILE),
        "note": list(HOSTILE)}, geometry=pts, crs=4326)
    clusters = gpd.GeoDataFrame({"hotspot_id": ["H1"], "rank": [1], "n_incidents": [9],
                                 "score": [0.8], "places": [" / ".join(HOSTILE)]},
                                geometry=[Point(70.6, 39.95).buffer(0.02)], crs=4326)
    comm = pd.DataFrame({"name_en": list(HOSTILE), "name_ru": [hostile(i + 1) for i in range(n)],
                         "lon": [70.52 + 0.01 * i for i in range(n)], "lat": [39.87] * n,
                         "status": ["active"] * n, "mech_type": [hostile(i + 2) for i in range(n)]})
    pairs = pd.DataFrame({"kg_name": list(HOSTILE), "tj_name": [hostile(i + 3) for i in range(n)],
                          "kg_lon": [70.52] * n, "kg_lat": [39.97] * n, "tj_lon": [70.58] * n,
                          "tj_lat": [39.85] * n, "mode": ["joint"] * n,
                          "why": [hostile(i + 4) for i in range(n)]})
    places = pd.DataFrame({"name": list(HOSTILE), "name_ru": [hostile(i + 5) for i in range(n)],
                           "lon": [70.6 + 0.01 * i for i in range(n)], "lat": [39.8] * n,
                           "iso3": ["TJK"] * n})
    return MapContent(base=prepare_base(load_boundaries(), curated=curated), incidents=inc,
                      places=places, clusters=clusters, communities=comm, pairs=pairs,
                      demo=True)


@pytest.fixture(scope="module")
def export_files(tmp_path_factory):
    from maps.web.html_export import html_map
    from maps.web.standalone import standalone_html
    from maps.web.webmap import build_map
    from tests.maps.hostile_scene import hostile_scene

    folder = tmp_path_factory.mktemp("hostile_html")
    files = {}
    for mode in ("internal", "public"):
        data, _ = hostile_scene(mode)
        files[f"print_scene_{mode}"] = folder / f"scene_{mode}.html"
        files[f"print_scene_{mode}"].write_bytes(html_map(data, hostile(1), date=DATE)[0])
    files["map_as_shown"] = folder / "map.html"
    files["map_as_shown"].write_bytes(standalone_html(
        build_map(_hostile_content(), lang="en"), list(HOSTILE), title=hostile(0)))
    return files


@pytest.mark.parametrize("which", ["print_scene_internal", "print_scene_public",
                                   "map_as_shown"])
def test_html_exports_run_no_hostile_text(browser, export_files, which):
    ctx, page, errors = _open(browser, export_files[which].as_uri())
    try:
        public = which == "print_scene_public"  # counts and settlements, no popups
        seen = _exercise(page, page, "path.leaflet-interactive" if public else ".kgtj-inc")
    finally:
        ctx.close()
    assert errors == []
    assert seen["pwned"] == 0
    assert seen["incidents"] > 0 and seen["tips"] > 0 and seen["as_text"] > 0
    if not public:
        assert seen["popups"] > 0


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    """A data folder with the demo, every community renamed with a hostile name and
    incidents whose place, notes and source are hostile (all public)."""
    import sqlalchemy as sa

    import settings
    from analysis.demo_registry import load_demo_start
    from analysis.registry import RegistryStore
    from incidents.access import LOCAL_ADMIN
    from incidents.store import IncidentStore
    from incidents.wiring import load_resources

    data = tmp_path_factory.mktemp("hostile_app")
    mp = pytest.MonkeyPatch()
    mp.setenv("KGTJ_DATA_DIR", str(data))
    try:
        store = IncidentStore(settings.database_url())
        res = load_resources(store=store)
        load_demo_start(store, res.engine, res.gazetteer)
        reg = RegistryStore(store.url)
        for i, cid in enumerate(reg.load()["community_id"]):
            reg.update(cid, {"name_en": hostile(i), "name_ru": hostile(i + 1),
                             "name_local": hostile(i + 2)}, LOCAL_ADMIN)
        reg.engine.dispose()
        for i in range(len(HOSTILE)):
            store.add({"event_date": "2024-05-01", "category": "water_dispute",
                       "lat": 39.9 + 0.01 * i, "lon": 70.55, "location": hostile(i),
                       "notes": hostile(i + 1), "source_dataset": "internal",
                       "source": hostile(i + 2), "sensitivity": "public"}, LOCAL_ADMIN,
                      engine=res.engine)
        with store.engine.begin() as conn:  # older rows too, as an import would have kept
            conn.execute(sa.text("UPDATE incidents SET location = :v WHERE rowid % 7 = 0"),
                         {"v": hostile(1)})
        store.close()
    finally:
        mp.undo()
    return data


def test_app_map_runs_no_hostile_text(browser, serve_app, hostile_store):
    url, _ = serve_app(hostile_store, log_name="hostile")
    ctx, page, errors = _open(browser, url)
    try:
        frame_el = page.wait_for_selector(IFRAME, timeout=90000)
        frame = frame_el.content_frame()
        seen = _exercise(page, frame)
        # the rerun after the first draw adds hotspots, communities and pairs
        from maps.legend import PAIR_STYLE
        page.wait_for_function(PAIRS_DRAWN, arg=PAIR_STYLE["joint"]["color"], timeout=90000)
        frame = page.wait_for_selector(IFRAME).content_frame()
        seen2 = _exercise(page, frame)
    finally:
        ctx.close()
    assert errors == []
    assert seen["pwned"] == 0 and seen2["pwned"] == 0
    assert seen2["incidents"] > 0 and seen2["tips"] > 0 and seen2["popups"] > 0
    assert seen2["hostile_tips"] > 0, seen2  # the hostile names reached the tooltips
