"""The incident layer's clustering above 2,000 points (maps.web.incident_layer.CLUSTER_JS), run
in Chromium on a standalone map file (no server, no network): every incident is counted
once by the clusters and points in view, a cluster click zooms in to where it splits, and
incidents at one place open one popup listing them."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from incidents.schema import CATEGORIES, SYNTHETIC_SOURCE, conform
from maps.web.incident_layer import CLUSTER_THRESHOLD, LIST_MAX

MAX_ZOOM = 18  # IncidentLayer's max_zoom: above it nothing is clustered

N_SPREAD, N_SAME = CLUSTER_THRESHOLD + 500, 30
SAME = (40.05, 70.82)  # lat, lon shared by N_SAME incidents

# The cluster layer's markers: cluster sizes and single incidents, in view.
STATE = """() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const layer = Object.values(map._layers).find(l => l instanceof window.KgtjCluster);
  let clusters = 0, counted = 0, single = 0;
  layer.eachLayer(mk => { if (mk._kgtjCluster !== undefined) { clusters += 1;
    counted += mk._kgtjCount; } else { single += 1; } });
  return {zoom: map.getZoom(), clusters, counted, single,
          icons: document.querySelectorAll('.kgtj-cluster').length}; }"""


def _incidents() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = N_SPREAD + N_SAME
    lat = np.r_[40.0 + rng.normal(0, 0.05, N_SPREAD), np.full(N_SAME, SAME[0])]
    lon = np.r_[70.7 + rng.normal(0, 0.08, N_SPREAD), np.full(N_SAME, SAME[1])]
    return conform(pd.DataFrame({
        "event_id": [f"KGTJ-{i:06d}" for i in range(1, n + 1)],
        "source_dataset": SYNTHETIC_SOURCE, "event_date": pd.Timestamp("2024-05-01"),
        "time_precision": 1, "category": [CATEGORIES[i % len(CATEGORIES)] for i in range(n)],
        "lat": lat, "lon": lon, "geo_precision": 1, "verification_status": "unverified",
        "sensitivity": "internal", "location": "Synthetic place", "notes": "synthetic"}))


@pytest.fixture(scope="module")
def cluster_file(tmp_path_factory):
    """A standalone map file with the clustered incidents (built once)."""
    from layers.boundaries import load_boundaries
    from maps.web.standalone import standalone_html
    from maps.web.web_layers import prepare_base
    from maps.web.webmap import MapContent, build_map

    m = build_map(MapContent(base=prepare_base(load_boundaries()), incidents=_incidents(),
                             demo=True), lang="en", location=(40.0, 70.7), zoom=10)
    path = tmp_path_factory.mktemp("cluster") / "map.html"
    path.write_bytes(standalone_html(m, title="cluster test"))
    return path


@pytest.fixture
def cluster_page(browser, cluster_file):
    """That file opened in a new page, with every request but file: and data: refused."""
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    blocked: list[str] = []
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
              else (blocked.append(r.request.url), r.abort()))
    page = ctx.new_page()
    files: list[str] = []
    page.on("request", lambda r: files.append(r.url) if r.url.startswith("file:") else None)
    page.files = files
    page.goto(cluster_file.as_uri())
    page.wait_for_function("() => document.querySelectorAll('.kgtj-cluster').length > 0")
    page.blocked = blocked
    yield page
    ctx.close()


def test_clusters_count_every_incident_once(cluster_page):
    s = cluster_page.evaluate(STATE)
    assert s["clusters"] == s["icons"] > 0
    # the whole synthetic spread is in view at zoom 10: every incident in exactly one marker
    assert s["counted"] + s["single"] == N_SPREAD + N_SAME
    assert s["single"] < 200  # clustered: far fewer markers than incidents
    assert cluster_page.blocked == []


def test_the_standalone_file_loads_nothing_but_itself(cluster_page, cluster_file):
    """Everything is inlined: no file is looked for beside it (the country labels once made
    Leaflet look for its default marker images there)."""
    assert cluster_page.files == [cluster_file.as_uri()]
    assert cluster_page.locator(".kgtj-country-label").count() >= 2


def test_a_cluster_click_zooms_in_and_splits_it(cluster_page):
    before = cluster_page.evaluate(STATE)
    cluster_page.locator(".kgtj-cluster").first.click()
    cluster_page.wait_for_function(f"() => ({STATE})().zoom > {before['zoom']}")
    after = cluster_page.evaluate(STATE)
    assert after["zoom"] > before["zoom"]
    assert after["clusters"] + after["single"] > 0


def test_incidents_at_one_place_open_one_list_popup(cluster_page):
    page = cluster_page
    page.evaluate(f"""() => {{ const map = Object.values(window).find(v => v instanceof L.Map);
      const layer = Object.values(map._layers).find(l => l instanceof window.KgtjCluster);
      map.setView([{SAME[0]}, {SAME[1]}], layer._maxZoom, {{animate: false}}); }}""")
    # at the layer's last zoom the shared place is still one cluster; its click lists the incidents
    icon = page.wait_for_function(f"""() => {{
      const map = Object.values(window).find(v => v instanceof L.Map);
      const layer = Object.values(map._layers).find(l => l instanceof window.KgtjCluster);
      let found = null;
      layer.eachLayer(mk => {{ const p = mk.getLatLng();
        if (mk._kgtjCluster !== undefined && Math.abs(p.lat - {SAME[0]}) < 1e-4 &&
            Math.abs(p.lng - {SAME[1]}) < 1e-4) {{ found = mk._icon; }} }});
      return found; }}""").as_element()
    icon.click()
    page.wait_for_selector(".leaflet-popup-content .kgtj-pop-list")
    assert page.locator(".leaflet-popup-content .kgtj-pop").count() == LIST_MAX
    assert page.locator(".kgtj-pop-more").inner_text() == f"+{N_SAME - LIST_MAX}"
    assert page.evaluate(STATE)["zoom"] == MAX_ZOOM  # the click did not zoom further


def test_markers_are_placed_without_3d_transforms(cluster_page):
    """Each marker with a translate3d becomes a compositing layer of its own; with ~1,000
    of them Chromium stopped drawing frames for seconds after a redraw (MARKER_JS)."""
    placed = cluster_page.evaluate("""() => [...document.querySelectorAll(
      '.kgtj-inc, .kgtj-cluster')].map(e => [e.style.transform || '', e.style.left,
      e.style.top])""")
    assert len(placed) > 20
    assert not [p for p in placed if "translate3d" in p[0]]
    assert all(left.endswith("px") and top.endswith("px") for _, left, top in placed)
