"""Every page under AppTest: the app runs, widgets change results, the demo banner shows,
messages switch to Russian, an import through the page's import step reports rejections."""
from __future__ import annotations

import datetime
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

import i18n
import settings
from i18n.fmt import partial_date_text
from incidents.access import LOCAL_ADMIN
from tests.app.conftest import open_app, shown_text, slider_months
from tests.app.test_why_ru import latin_words
from ui import state

APP = str(settings.REPO_ROOT / "app.py")
PAGES = ("ui/pages/hotspots_page.py", "ui/pages/incidents_page.py",
         "ui/pages/communities_page.py", "ui/pages/data_page.py", "ui/pages/actions_page.py")

def _edit_ids(app) -> list[str]:
    """The edit picker's incident ids (its options read "id · date · category · place")."""
    return [o.split(" · ")[0] for o in app.selectbox(key="edit_id").options]



@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("app_data")


@pytest.fixture
def app(data_dir, monkeypatch):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))  # one demo store for the module
    at = open_app(AppTest.from_file(APP, default_timeout=180))
    assert not at.exception, [e.message for e in at.exception]
    return at


def _map_args(at) -> dict:
    comps = [e for e in at.get("component_instance")
             if getattr(e.proto, "component_name", "").endswith("st_folium")]
    assert comps, "no st_folium component on the page"
    return json.loads(comps[0].proto.json_args)


def _map_code(at) -> str:
    """All the map's JS: the base script, the swapped feature groups, the layer control."""
    args = _map_args(at)
    return "\n".join(args.get(k) or "" for k in ("script", "feature_group", "layer_control"))


def test_map_page_shows_demo_banner_and_all_incidents(app):
    assert any("SYNTHETIC DEMO" in w.value for w in app.warning)
    n = int(app.metric[0].value)
    assert n > 100
    args = _map_args(app)
    assert "kgtj-legend" in args["script"] or "kgtj-legend" in args["html"] + args["script"]
    assert all(link.startswith("/app/static/vendor/") for link in args["js_links"])


def test_hotspots_and_pairs_are_on_the_map_by_default_after_the_first_draw(data_dir,
                                                                          monkeypatch):
    """The first run draws the map without waiting for hotspots; the next run (in a browser
    the map's view report) computes them and the map then carries them in its groups, with
    the Gi* cells hidden on opening and the base map unchanged."""
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    app = AppTest.from_file(APP, default_timeout=180).run()
    first = _map_args(app)
    assert "map_analysis" not in [w.key for w in app.toggle]  # controls: from the next run
    assert "Hotspot clusters (DBSCAN)" not in first["layer_control"]
    assert "HS-001" not in first["feature_group"]
    assert "Hotspot clusters (DBSCAN)" in first["script"]  # the legend lists their symbols
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    after = _map_args(app)
    assert app.toggle(key="map_analysis").value is True
    assert after["script"] == first["script"]  # the mounted map stays
    groups = after["feature_group"]
    for name in ("Hotspot clusters (DBSCAN)", "Recommended pairs", "Communities",
                 "Gi* hot/cold spots"):
        assert name in after["layer_control"], name
    assert "HS-001" in groups  # the top-ranked hotspot is drawn
    assert groups.count("removeLayer(g)") == 1  # only the Gi* cells open hidden
    app.toggle(key="map_analysis").set_value(False).run()
    off = _map_args(app)
    assert "Hotspot clusters (DBSCAN)" not in off["layer_control"]
    assert "Recommended pairs" not in off["layer_control"] and "HS-001" not in off["feature_group"]
    app.toggle(key="map_analysis").set_value(True).run()


def test_category_filter_reduces_the_map_and_goes_to_the_url(app):
    before = int(app.metric[0].value)
    app.sidebar.multiselect[0].set_value(["road_crash"]).run()
    after = int(app.metric[0].value)
    assert 0 < after < before
    assert app.query_params.get("categories") in ("road_crash", ["road_crash"])
    rows = _map_args(app)["feature_group"]  # the live map swaps only the incidents
    assert rows.count('"2') >= after  # one date string per drawn incident at least


def test_filter_and_month_changes_keep_the_base_map_and_swap_the_incidents(app):
    """The live map: the base script (and so the mounted map and its view) stays the same;
    the incidents' feature group and the count follow the filter and the month."""
    base, group = _map_args(app)["script"], _map_args(app)["feature_group"]
    assert "kgtjDensity" in base and "L.markerClusterGroup" not in base
    app.sidebar.multiselect[0].set_value(["water_dispute"]).run()
    assert _map_args(app)["script"] == base
    assert _map_args(app)["feature_group"] != group
    months = slider_months(app.select_slider(key=state.MAP_MONTH))
    app.select_slider(key=state.MAP_MONTH).set_value(months[-1]).run()
    assert _map_args(app)["script"] == base
    assert "Incidents" in _map_args(app)["layer_control"]
    app.select_slider(key=state.MAP_MONTH).set_value("all").run()
    app.sidebar.multiselect[0].set_value([]).run()


def test_url_reproduces_the_view(data_dir, monkeypatch):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["categories"] = "water_dispute"
    at.run()  # the first run: the map (filtered already), no sidebar yet
    assert not at.sidebar.multiselect
    n = int(at.metric[0].value)
    at.run()  # the drawn map's view report: the sidebar, holding the URL's filter
    assert at.sidebar.multiselect[0].value == ["water_dispute"]
    assert int(at.metric[0].value) == n


def test_russian_switch_translates_messages(app):
    app.sidebar.radio[0].set_value("ru").run()
    assert any("СИНТЕТИЧЕСКИЕ" in w.value for w in app.warning)
    assert any("Карта границы" in m.value for m in app.title)
    assert app.query_params.get("lang") in ("ru", ["ru"])


def test_analysis_method_notes_follow_the_language(app):
    app.sidebar.radio[0].set_value("ru").run()
    app.switch_page("ui/pages/hotspots_page.py").run()
    assert not app.exception, [e.message for e in app.exception]
    notes = " ".join(m.value for m in app.markdown)
    assert "Точечная статистика использует" in notes and "DBSCAN (радиус" in notes
    assert "Point statistics use" not in notes


CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
ENGLISH_WHY = re.compile(r"\b(within|since|prioriti[sz]e|share|joint|parallel|incidents?|"
                         r"nearest|side|active|days?)\b")


def _labels(frame_element) -> dict[str, str]:
    """Column header shown for each column (column_config labels)."""
    return {c: v.get("label") for c, v in json.loads(frame_element.proto.columns).items()
            if c != "_index"}


def _frame_with(at, *columns):
    return next(d for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_hotspots_page_in_russian(app):
    app.sidebar.radio[0].set_value("ru").run()
    app.switch_page("ui/pages/hotspots_page.py").run()
    assert not app.exception, [e.message for e in app.exception]
    labels = [m.label for m in app.metric]
    assert len(labels) == 3 and all(CYRILLIC.search(lbl) for lbl in labels), labels
    assert "score" not in " ".join(labels).lower()
    ru_classes = {ru for _en, ru in i18n.VOCAB["emerging"].values()}
    assert app.metric[1].value in ru_classes | {"–"}
    ranked = app.dataframe[0].value
    # the demo data as generated have emerging classes (this test runs before the tests
    # that add incidents to the module's store)
    assert ranked["emerging_class"].ne("–").any()  # no class reads "–", never None
    assert set(ranked["emerging_class"]) <= ru_classes | {"–"}
    assert all(CYRILLIC.search(s) for s in ranked["sides"])
    assert _labels(app.dataframe[0])["min_border_dist_m"] == "Расстояние до линии"

    inside = _frame_with(app, "category", "verification_status")
    assert _labels(inside)["category"] == "Категория"
    assert _labels(inside)["verification_status"] == "Статус проверки"
    assert set(inside.value["category"]) <= {ru for _en, ru in i18n.VOCAB["category"].values()}

    pairs = _frame_with(app, "kg_name", "why")
    assert _labels(pairs)["why"] == "Почему" and _labels(pairs)["mode"] == "Режим"
    assert set(pairs.value["mode"]) <= {"совместно", "параллельно"}
    for why, kg, tj in pairs.value[["why", "kg_name", "tj_name"]].itertuples(index=False):
        assert CYRILLIC.search(why) and not ENGLISH_WHY.search(why), why
        assert latin_words(why, [kg, tj]) == [], why
    full = [e.value for e in app.get("text")]
    assert full and all(CYRILLIC.search(text) and not ENGLISH_WHY.search(text) for text in full)

    gaps = _frame_with(app, "missing_side", "why")
    assert _labels(gaps)["missing_side"] == "Сторона без действующего механизма"
    assert set(gaps.value["missing_side"]) <= {"кыргызская сторона", "таджикская сторона"}
    for why, name, inactive in gaps.value[["why", "proposed_name", "nearby_inactive"]] \
            .itertuples(index=False):
        assert CYRILLIC.search(why) and not ENGLISH_WHY.search(why), why
        names = [name if isinstance(name, str) else "", *str(inactive or "").split(";")]
        assert latin_words(why, names) == [], why


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app, page):
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.title, page


def test_hotspot_parameter_changes_the_result(app):
    app.switch_page("ui/pages/hotspots_page.py").run()
    rows_default = len(app.dataframe[0].value)
    app.number_input(key="hs_min").set_value(12).run()
    assert not app.exception
    rows_strict = len(app.dataframe[0].value) if app.dataframe else 0
    assert rows_strict < rows_default


def test_import_reports_rejections(app, tmp_path):
    """The page's import step (ui.importing) on a file with one bad row."""
    from ui import importing
    csv = ("date,village,lat,lon,type,notes\n"
           "2024-05-01,Ak-Sai,39.87,70.52,road_crash,ok\n"
           "not a date,Vorukh,39.85,70.58,youth_clash,<script>alert(1)</script>\n")
    app.switch_page("ui/pages/incidents_page.py").run()
    parsed = importing.read_upload(csv.encode(), "incidents.csv")
    assert parsed.rows_read == 2
    app.session_state["import_parsed"] = ("incidents.csv", parsed)
    app.run()
    app.button(key="inc_do_import").click().run()
    assert not app.exception, [e.message for e in app.exception]
    texts = " ".join(c.value for c in app.code)
    assert "rejected" in texts and "rows read:   2" in texts
    assert any("Rejected rows" in e.value for e in app.error)


def test_import_preview_names_fields_and_the_table_shows_the_new_rows(app):
    """Before the import: counts of rows ready and rejected at reading, the mapping and the
    preview by field label (no empty store columns); after it the table above counts the
    new row in the same click."""
    from ui import importing
    csv = ("date,village,lat,lon,type\n2024-05-01,Ak-Sai,39.87,70.52,road_crash\n"
           "not a date,Vorukh,39.85,70.58,youth_clash\n")
    app.switch_page("ui/pages/incidents_page.py").run()
    total = int(re.search(r"of (\d+)", app.caption[0].value)[1])
    parsed = importing.read_upload(csv.encode(), "two.csv")
    app.session_state["import_parsed"] = ("two.csv", parsed)
    app.run()
    assert any("1 rows read and ready" in c.value and "1 rejected" in c.value
               for c in app.caption)
    editor = _frame_with(app, "schema", "label", "file")
    assert _labels(editor)["label"] == "Field" and _labels(editor)["file"] == "Column in the file"
    assert dict(zip(editor.value["schema"], editor.value["file"], strict=True))["location"] == \
        "village"
    assert json.loads(editor.proto.columns)["schema"].get("hidden")  # the key, not shown
    preview = _frame_with(app, "event_date", "location", "lat")
    assert "event_id" not in preview.value.columns and "import_batch_id" not in preview.value
    assert _labels(preview)["location"] == i18n.column_label("location", "en")
    app.button(key="inc_do_import").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert re.search(rf"of {total + 1} incidents", app.caption[0].value), app.caption[0].value
    assert app.subheader and any(h.value == "Import report" for h in app.subheader)


def _map_drawn(at) -> None:
    """What the browser does once the map is drawn: streamlit-folium reports the view and
    the page reruns (AppTest has no browser, so the report is set directly)."""
    at.session_state[state.MAP_REPORTED] = True
    at.run()
    assert not at.exception, [e.message for e in at.exception]


def _chart(at) -> tuple[dict, list[dict]] | None:
    """(Vega-Lite spec, data rows of its first layer) of the first chart on the page
    (Streamlit moves a spec's inline data into Arrow tables: a top-level one into ``data``,
    a layer's into ``datasets`` by the name the spec's layer is given)."""
    import pyarrow as pa
    charts = at.get("vega_lite_chart")
    if not charts:
        return None
    proto = charts[0].proto
    spec = json.loads(proto.spec)
    assert not proto.data.data, "the chart's data should sit in its layers"
    data = spec["layer"][0]["data"]
    if "values" in data:
        return spec, data["values"]
    table = next(d.data.data for d in proto.datasets if d.name == data["name"])
    return spec, pa.ipc.open_stream(table).read_all().to_pylist()


def test_monthly_chart_follows_the_drawn_map_and_counts_the_shown_incidents(app):
    assert _chart(app) is None  # first run: the map goes first
    assert any("appear once the map has loaded" in c.value for c in app.caption)
    _map_drawn(app)
    spec, rows = _chart(app)
    assert spec["title"] == "Incidents per month by category"
    assert sum(r["n"] for r in rows) == int(app.metric[0].value)
    app.sidebar.multiselect[0].set_value(["road_crash"]).run()
    spec, rows = _chart(app)
    assert {r["category"] for r in rows} == {"Road crash"}
    assert sum(r["n"] for r in rows) == int(app.metric[0].value)


def test_offline_html_download_is_offered(app):
    _map_drawn(app)
    # the protection level is said in full beside the button, not in its label (issue 21)
    assert any(w.value == "Protection: Internal: as stored – do not share" for w in app.warning)
    app.button(key="dl_html_prepare").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any(getattr(b.proto, "label", "").startswith("Download ")
               and getattr(b.proto, "label", "").endswith(".html")
               for b in app.get("download_button"))


def test_filtered_incidents_export_is_public_by_default(data_dir, monkeypatch):
    """The Incidents page exports the sidebar's filter: public (protected, with its report)
    unless internal is chosen."""
    import sharing.export
    real, seen = sharing.export.export_bytes, []

    def spy(df, fmt, engine=None, mode="public", **kw):
        out = real(df, fmt, engine, mode=mode, **kw)
        seen.append((len(df), fmt, mode, out[2]))
        return out

    monkeypatch.setattr(sharing.export, "export_bytes", spy)
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["categories"] = "water_dispute"
    at.switch_page("ui/pages/incidents_page.py").run()
    n = int(re.search(r"^(\d+) of", at.caption[0].value)[1])
    at.button(key="dl_export_go").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert seen[-1][:3] == (n, "csv", "public") and seen[-1][3].mode == "public"
    assert any(lbl.endswith(".zip") and "_public_" in lbl for lbl in _download_labels(at))
    assert any("PUBLIC" in c.value for c in at.caption)
    at.radio(key="dl_export_mode").set_value("internal")
    at.selectbox(key="dl_export_fmt").set_value("geojson")
    at.button(key="dl_export_go").click().run()
    assert seen[-1][:3] == (n, "geojson", "internal") and seen[-1][3] is None
    assert any(lbl.endswith(".geojson") and "_internal_" in lbl
               for lbl in _download_labels(at))


def _download_labels(at) -> list[str]:
    """Labels of the download buttons on the page ("Download <file name>")."""
    return [getattr(b.proto, "label", "") for b in at.get("download_button")]


def test_print_map_download_is_public_pdf_by_default(app):
    _map_drawn(app)
    app.button(key="dl_print_go").click().run()
    assert not app.exception, [e.message for e in app.exception]
    labels = _download_labels(app)
    today = datetime.date.today().strftime("%Y%m%d")
    assert any(lbl.startswith("Download KGZ-TJK_") and lbl.endswith(f"_A4_{today}.pdf")
               for lbl in labels), labels
    assert any("Protection: PUBLIC" in c.value and "2 km hexagons" in c.value
               for c in app.caption), \
        [c.value for c in app.caption]


def test_hotspot_brief_download_is_offered(app):
    app.switch_page("ui/pages/hotspots_page.py").run()
    app.button(key="dl_brief_go").click().run()
    assert not app.exception, [e.message for e in app.exception]
    labels = _download_labels(app)
    assert any("Hotspot-brief-HS-" in lbl and lbl.endswith(".pdf") for lbl in labels), labels


def test_the_brief_pairs_with_the_pages_pairing_parameters(app, monkeypatch):
    """The brief's pairs are made with the pairing radius, armed radius and window set on
    the page (it used the defaults: the pairs on paper were not the ones on screen)."""
    from maps.print import print_scene
    seen = []
    real = print_scene.scene_from_results

    def spy(*args, **kwargs):
        seen.append(kwargs.get("pairing"))
        return real(*args, **kwargs)
    monkeypatch.setattr(print_scene, "scene_from_results", spy)
    app.switch_page("ui/pages/hotspots_page.py").run()
    app.number_input(key="hs_radius").set_value(5000).run()
    app.number_input(key="hs_armed_days").set_value(30).run()
    app.button(key="dl_brief_go").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert seen and (seen[-1].radius_m, seen[-1].armed_window_days) == (5000.0, 30)
    from analysis.pairing import PairingParams
    app.number_input(key="hs_radius").set_value(int(PairingParams().radius_m)).run()
    app.number_input(key="hs_armed_days").set_value(PairingParams().armed_window_days).run()


def _ek(app, name: str) -> str:
    """The key of the edit form's widget ``name`` (its keys carry the record and version)."""
    from ui.form_binding import form_prefix
    bound = app.session_state["_edit_bound"]
    return f"{form_prefix(bound['event_id'], bound['version'])}_{name}"


def test_add_incident_form_validates_then_saves(app):
    app.switch_page("ui/pages/incidents_page.py").run()
    app.radio(key="inc_section").set_value("add").run()
    app.radio(key="add0_loc_mode").set_value("coords").run()
    app.number_input(key="add0_lat").set_value(39.87)
    app.number_input(key="add0_lon").set_value(70.52)
    app.text_input(key="add0_fat").set_value("two")
    app.text_input(key="add0_loc").set_value("Ak-Sai <b>x</b>")
    app.button(key="add0_save").click().run()
    errors = " ".join(shown_text(e.value) for e in app.error)
    assert "fatalities" in errors and "user" in errors  # each bad field named
    assert not app.success
    before = int(app.caption[0].value.split()[0])
    app.text_input(key="add0_fat").set_value("0")
    app.text_input(key="add0_user").set_value("tester")
    app.button(key="add0_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("Saved KGTJ-" in s.value for s in app.success)
    # the same click reran the page: the count above has the new incident, the form is new
    assert int(app.caption[0].value.split()[0]) == before + 1
    assert app.text_input(key="add1_fat").value == "" and app.text_input(
        key="add1_user").value == "tester"


def test_a_new_incident_by_coordinates_starts_without_a_point(app):
    """The coordinate fields of a new incident are empty (they showed 40.0, 70.7): saved
    unchanged, the form asks for a location instead of storing a made-up point."""
    app.switch_page("ui/pages/incidents_page.py").run()
    app.radio(key="inc_section").set_value("add").run()
    app.radio(key="add0_loc_mode").set_value("coords").run()
    assert app.number_input(key="add0_lat").value is None
    assert app.number_input(key="add0_lon").value is None
    before = int(app.caption[0].value.split()[0])
    app.text_input(key="add0_user").set_value("tester")
    app.button(key="add0_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert "Choose a location." in " ".join(shown_text(e.value) for e in app.error)
    assert not app.success and int(app.caption[0].value.split()[0]) == before


def test_a_second_click_that_finds_its_own_form_saved_reports_it_saved(app, monkeypatch):
    """A double click: the first send saves the incident, then its run is stopped by the
    second click before it clears the form (simulated: the step after the write fails
    once). The second send finds the record it just stored: that is this form saved (the
    same id, the form cleared), not "an identical incident is already stored"; and the
    same form entered again afterwards is refused as a duplicate."""
    from ui import resources
    app.switch_page("ui/pages/incidents_page.py").run()
    app.radio(key="inc_section").set_value("add").run()
    n = app.session_state["_add_form_n"]
    p = f"add{n}"
    app.radio(key=f"{p}_loc_mode").set_value("coords").run()
    app.number_input(key=f"{p}_lat").set_value(39.91)
    app.number_input(key=f"{p}_lon").set_value(70.61)
    app.text_area(key=f"{p}_notes").set_value("sent twice by one double click")
    app.text_input(key=f"{p}_user").set_value("tester")
    real, calls = resources.bump_version, []

    def stopped_once():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the run was stopped by the second click")
        real()
    monkeypatch.setattr(resources, "bump_version", stopped_once)
    app.button(key=f"{p}_save").click().run()  # saved, then stopped before the form cleared
    assert app.session_state["_add_form_n"] == n
    app.button(key=f"{p}_save").click().run()  # the second click's send
    assert not app.exception, [e.message for e in app.exception]
    saved = [s.value for s in app.success if "Saved KGTJ-" in s.value]
    assert saved and not [w.value for w in app.warning if "Not saved" in w.value]
    assert app.session_state["_add_form_n"] == n + 1  # a new, empty form
    store = resources.store()
    notes = store.load(principal=store_principal())["notes"]
    assert int((notes == "sent twice by one double click").sum()) == 1
    q = f"add{n + 1}"  # the same incident entered again on the new form: refused
    app.radio(key=f"{q}_loc_mode").set_value("coords").run()
    app.number_input(key=f"{q}_lat").set_value(39.91)
    app.number_input(key=f"{q}_lon").set_value(70.61)
    app.text_area(key=f"{q}_notes").set_value("sent twice by one double click")
    app.button(key=f"{q}_save").click().run()
    assert any("Not saved" in w.value for w in app.warning)


def store_principal():
    from incidents.access import LOCAL_ADMIN
    return LOCAL_ADMIN


def _errors_in(block) -> list[str]:
    """Texts of the error messages inside an AppTest block (a form, a column)."""
    out = []
    for child in getattr(block, "children", {}).values():
        if getattr(child, "type", "") == "error":
            out.append(shown_text(child.value))
        out += _errors_in(child)
    return out


def test_form_problems_are_shown_under_their_fields(app):
    app.switch_page("ui/pages/incidents_page.py").run()
    app.radio(key="inc_section").set_value("add").run()
    app.radio(key="add0_loc_mode").set_value("click").run()  # no click yet: no location
    app.text_input(key="add0_inj").set_value("-1")
    app.button(key="add0_save").click().run()
    form = app.get("form")[0]
    inside = _errors_in(form)
    assert any(e.startswith("injuries:") for e in inside) and any(
        e.startswith("user:") for e in inside), inside
    # the count's message sits in the count's own column, beside the other count's
    columns = [c for c in app.get("column") if _errors_in(c)]
    assert any(any(e.startswith("injuries:") for e in _errors_in(c)) for c in columns)
    location = [shown_text(e.value) for e in app.error
                if shown_text(e.value).startswith("location:")]
    assert location and location[0] not in inside  # under the location chooser
    assert not app.success


def test_edit_form_changes_any_field_and_moves_the_incident(app):
    app.switch_page("ui/pages/incidents_page.py").run()
    app.radio(key="inc_section").set_value("edit").run()
    eid = _edit_ids(app)[3]
    app.selectbox(key="edit_id").set_value(eid).run()
    assert app.radio(key=_ek(app, "loc_mode")).value == "keep"
    app.radio(key=_ek(app, "loc_mode")).set_value("coords").run()
    app.number_input(key=_ek(app, "lat")).set_value(39.851)  # inside Vorukh (Tajik exclave)
    app.number_input(key=_ek(app, "lon")).set_value(70.580)
    app.selectbox(key=_ek(app, "cat")).set_value("water_dispute")
    app.text_input(key=_ek(app, "inj")).set_value("17")
    app.text_input(key=_ek(app, "user")).set_value("editor")
    app.button(key=_ek(app, "save")).click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any(f"Saved {eid}" in s.value for s in app.success), [e.value for e in app.error]
    hist = [d.value for d in app.dataframe if "changed_at" in d.value.columns][0]
    mine = hist[hist["user"] == "editor"]
    fields = set(mine["field"])
    assert {i18n.column_label(f, "en") for f in ("category", "lat", "lon", "injuries")} <= \
        fields, fields
    row = app.dataframe[0].value.set_index("event_id").loc[eid]  # no second run needed
    assert row["side"] == i18n.vocab("side", "TJ", "en")  # the border engine ran again
    assert row["category"] == i18n.vocab("category", "water_dispute", "en")
    # another incident opens with its own values, not the last one's
    other = _edit_ids(app)[4]
    app.selectbox(key="edit_id").set_value(other).run()
    assert app.radio(key=_ek(app, "loc_mode")).value == "keep"
    assert app.text_input(key=_ek(app, "user")).value == ""


def test_verification_change_is_recorded_in_history(app):
    app.switch_page("ui/pages/incidents_page.py").run()
    app.radio(key="inc_section").set_value("edit").run()
    current = app.selectbox(key=_ek(app, "verif")).value
    new = "under_review" if current != "under_review" else "verified"
    app.selectbox(key=_ek(app, "verif")).set_value(new)
    app.text_input(key=_ek(app, "user")).set_value("reviewer")
    app.button(key=_ek(app, "save")).click().run()
    assert not app.exception, [e.message for e in app.exception]
    hist = [d.value for d in app.dataframe if "changed_at" in d.value.columns][0]
    row = hist[hist["user"] == "reviewer"]
    # shown with the field's label and the status's label (English here)
    assert list(row["field"]) == ["Verification status"]
    assert list(row["new_value"]) == [i18n.vocab("verification", new)]
    assert list(row["action"]) == ["edited"]


def test_ranking_weights_drive_the_score(app):
    app.switch_page("ui/pages/hotspots_page.py").run()
    for w in ("intensity", "recency", "cross_border", "proximity"):
        app.slider(key=f"hs_w_{w}").set_value(0.0)
    app.slider(key="hs_w_severity").set_value(2.0).run()
    assert not app.exception, [e.message for e in app.exception]
    table = app.dataframe[0].value
    assert (table["score"] - table["score_severity"]).abs().max() < 1e-9
    assert table["score"].is_monotonic_decreasing


def test_pairing_radius_changes_the_recommendations(app):
    """The pairing parameters in the expander reach analysis.pairing (output changes)."""
    app.switch_page("ui/pages/hotspots_page.py").run()

    def pairs():
        frames = [d.value for d in app.dataframe if "why" in d.value.columns]
        return frames[0].to_csv(index=False) if frames else ""
    wide = pairs()
    assert not app.exception, [e.message for e in app.exception]
    assert wide
    app.number_input(key="hs_radius").set_value(1000).run()
    assert not app.exception
    assert pairs() != wide


def test_community_edit_and_add(app):
    app.switch_page("ui/pages/communities_page.py").run()
    ids = app.selectbox(key="com_edit_id").options
    assert len(ids) > 1
    from analysis.registry import RegistryStore
    stored = RegistryStore(settings.database_url()).load().set_index("community_id")
    for cid in ids[1:]:  # every existing entry opens in the form, with its own values
        app.selectbox(key="com_edit_id").set_value(cid).run()
        assert not app.exception, (cid, [e.message for e in app.exception])
        assert app.text_input(key=f"com@{cid}_name_en").value == stored.at[cid, "name_en"]
        assert app.selectbox(key=f"com@{cid}_status").value == stored.at[cid, "status"]
    app.selectbox(key="com_edit_id").set_value("").run()
    n_before = len(app.dataframe[0].value)
    app.text_input(key="com@new_name_en").set_value("Test CSWG (test)")
    app.text_input(key="com@new_name_local").set_value("Тест КЖКТ")
    app.selectbox(key="com@new_women").set_value("yes")
    app.selectbox(key="com@new_cross_border_contact").set_value("regular")
    app.text_area(key="com@new_notes").set_value("met twice with the group across the canal")
    # a new entry has no made-up point: saved without one, it says where it is missing
    assert app.number_input(key="com@new_lat").value is None
    app.button(key="com@new_save").click().run()
    assert not app.success and len(app.dataframe[0].value) == n_before
    errors = " ".join(e.value for e in app.error)
    assert "Latitude" in errors and "Longitude" in errors and "required" in errors, errors
    app.number_input(key="com@new_lat").set_value(39.87)
    app.number_input(key="com@new_lon").set_value(70.52)
    app.button(key="com@new_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.success, [e.value for e in app.error]
    table = app.dataframe[0].value  # the same click reran the page
    assert len(table) == n_before + 1
    assert app.text_input(key="com@new_name_en").value == ""  # a new entry's form again
    row = table[table["name_en"] == "Test CSWG (test)"].iloc[0]
    assert row["name_local"] == "Тест КЖКТ" and row["notes"].startswith("met twice")
    assert row["women"] == i18n.vocab("yes_no", "yes", "en")
    assert row["cross_border_contact"] == i18n.vocab("contact", "regular", "en")


def test_month_slider_shows_one_month(app):
    total = int(app.metric[0].value)
    slider = app.select_slider(key="map_month")
    months = slider_months(slider)
    assert months and len(months) == len(slider.options) - 1, slider.options
    assert slider.options[0] == "All months" and slider.options[-1] == \
        partial_date_text(months[-1], "en")  # "December 2025", not "2025-12"
    assert not any(re.fullmatch(r"\d{4}-\d{2}", o) for o in slider.options)
    month = months[len(months) // 2]
    slider.set_value(month).run()
    assert not app.exception, [e.message for e in app.exception]
    shown = int(app.metric[0].value)
    assert 0 < shown < total
    app.sidebar.radio[0].set_value("ru").run()  # the month stays, named in Russian
    assert not app.exception, [e.message for e in app.exception]
    slider = app.select_slider(key="map_month")
    assert slider.value == month and int(app.metric[0].value) == shown
    assert slider.options[0] == "Все месяцы" and partial_date_text(month, "ru") in \
        slider.options and partial_date_text(month, "ru").endswith(" г.")
    app.sidebar.radio[0].set_value("en").run()
    app.select_slider(key="map_month").set_value("all").run()


def test_hotspot_tables_show_labels_in_english_too(app):
    app.switch_page("ui/pages/hotspots_page.py").run()
    inside = _frame_with(app, "category", "verification_status")
    assert _labels(inside)["category"] == "Category"
    assert _labels(inside)["event_id"] == "Incident id"
    assert set(inside.value["category"]) <= {en for en, _ru in i18n.VOCAB["category"].values()}
    assert app.metric[2].label == "Score"
    pairs = _frame_with(app, "kg_name", "why")
    assert all(w.endswith(("→ joint", "→ parallel")) for w in pairs.value["why"])


def test_the_selected_hotspots_pairs_come_first(app):
    app.switch_page("ui/pages/hotspots_page.py").run()
    tables = [d.value for d in app.dataframe if {"kg_name", "why"} <= set(d.value.columns)]
    assert len(tables) == 2  # the selected hotspot's pairs, then all of them (expander)
    sel = app.selectbox(key=state.SELECTED_HOTSPOT).value
    mine, every = tables
    assert len(mine) and set(mine["hotspot_id"]) == {sel}
    assert len(every) > len(mine) and set(mine["kg_name"]) <= set(every["kg_name"])
    assert any(f"for {sel}: {len(mine)}." in c.value for c in app.caption)


def test_communities_and_incidents_pages_in_russian(app):
    app.sidebar.radio[0].set_value("ru").run()
    app.switch_page("ui/pages/communities_page.py").run()
    assert not app.exception, [e.message for e in app.exception]
    reg = app.dataframe[0]
    assert all(CYRILLIC.search(lbl) for lbl in _labels(reg).values()), _labels(reg)
    assert list(reg.value.columns[:3]) == ["community_id", "name_ru", "name_en"]
    # the demo entries' note, written in English in the data, in Russian (passed to i18n)
    assert reg.value["notes"].str.startswith("ИЛЛЮСТРАТИВНАЯ ДЕМО-ЗАПИСЬ").any()
    assert set(reg.value["status"]) <= {ru for _en, ru in
                                        i18n.VOCAB["community_status"].values()}
    app.switch_page("ui/pages/incidents_page.py").run()
    assert not app.exception, [e.message for e in app.exception]
    table = app.dataframe[0]
    assert all(CYRILLIC.search(lbl) for lbl in _labels(table).values()), _labels(table)
    assert set(table.value["category"]) <= {ru for _en, ru in i18n.VOCAB["category"].values()}
    assert CYRILLIC.search(" ".join(table.value["geo_precision"].dropna()))
    # place names in Russian where the gazetteer has them ("Исфара / Isfara")
    assert any(re.fullmatch(r"[^/]*[А-Яа-яЁё][^/]* / [A-Za-z' -]+", str(v))
               for v in table.value["location"]), table.value["location"].head()


def test_data_page_in_russian(app):
    """Where to get the COD-AB files and the table headers follow the language; the
    sources themselves (package names, licences) are shown as the manifest records them."""
    app.sidebar.radio[0].set_value("ru").run()
    app.switch_page("ui/pages/data_page.py").run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("data.humdata.org" in i.value and "скачайте" in i.value for i in app.info)
    layers = _frame_with(app, "file", "source", "licence")
    assert _labels(layers)["licence"] == "Лицензия"
    assert "ODbL-1.0" in " ".join(layers.value["licence"])
    packages = _frame_with(app, "package", "version")
    assert _labels(packages)["package"] == "Пакет"
    # the settlements' source is listed beside the boundaries, and the known gaps are said
    # in Russian
    assert "границы" in set(layers.value["layer"])
    assert "населённые пункты" in set(layers.value["layer"])
    gaps = " ".join(m.value for m in app.markdown)
    assert "Западная Калача" in gaps and "Western Qalacha" not in gaps
    # the table's long texts wrap in tall rows, and every field of one layer is written out
    # in full below it, in the same words as the table
    assert layers.proto.row_height >= 3 * 30
    app.selectbox(key="data_layer_pick").set_value(1).run()
    full = [x.value for x in app.text]
    row = layers.value.iloc[1]
    assert f"Файл: {row['file']}" in full and f"Слой: {row['layer']}" in full
    assert f"Внесённые изменения: {row['changes']}" in full  # whole, however long


def test_demo_beside_real_data_is_still_said_and_can_be_removed(tmp_path, monkeypatch):
    """Once the user's own incidents are in the store, the demo ones left beside them are
    still announced (banner, map notice) and the Data page removes them."""
    from incidents.access import LOCAL_ADMIN
    from ui import importing
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))  # a store of its own
    at = open_app(AppTest.from_file(APP, default_timeout=180))
    assert "SYNTHETIC DEMO data" in at.warning[0].value
    parsed = importing.read_upload(b"date,village,lat,lon,type\n"
                                   b"2024-05-01,Ak-Sai,39.87,70.52,road_crash\n", "mine.csv")
    report = importing.run_import(parsed, "mine.csv", LOCAL_ADMIN)
    assert report.inserted == 1
    at.run()
    assert "also holds SYNTHETIC DEMO incidents" in at.warning[0].value
    assert "Includes SYNTHETIC DEMO incidents" in _map_code(at)
    at.switch_page("ui/pages/data_page.py").run()
    at.button(key="data_remove_demo").click().run()
    assert not app_warnings_mention_demo(at)


def app_warnings_mention_demo(at) -> bool:
    return any("SYNTHETIC DEMO" in w.value for w in at.warning)


def test_writes_from_another_session_or_process_show_at_the_next_rerun(tmp_path, monkeypatch):
    """The cached incidents and registry are shared by every session of the server: a write
    from elsewhere (another session, the CLI) must reach a session that read them before."""
    from analysis.registry import RegistryStore
    from incidents.store import IncidentStore
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    other = open_app(AppTest.from_file(APP, default_timeout=180))
    other.switch_page("ui/pages/communities_page.py").run()
    n_reg = len(other.dataframe[0].value)
    other.switch_page("ui/pages/incidents_page.py").run()
    eid = other.dataframe[0].value["event_id"].iloc[0]
    url = settings.database_url()
    RegistryStore(url).add({"name_en": "Written elsewhere", "iso3": "KGZ", "lat": 40.0,
                            "lon": 70.7, "mech_type": "cswg", "status": "active"},
                           LOCAL_ADMIN)
    store = IncidentStore(url)
    store.update(eid, {"verification_status": "rejected"}, LOCAL_ADMIN)  # same row count
    store.close()
    other.run()
    row = other.dataframe[0].value.set_index("event_id").loc[eid]
    assert row["verification_status"] == i18n.vocab("verification", "rejected", "en")
    other.switch_page("ui/pages/communities_page.py").run()
    assert len(other.dataframe[0].value) == n_reg + 1


def test_communities_page_offers_the_registry_as_csv(app):
    """The download holds the registry shown (read back as a registry CSV)."""
    import io

    from analysis.registry import RegistryStore, read_registry_csv, registry_csv_text
    app.switch_page("ui/pages/communities_page.py").run()
    assert i18n.t("com.csv_dl", "en") in _download_labels(app)
    shown = app.dataframe[0].value
    text = registry_csv_text(RegistryStore(settings.database_url()).load())
    back = read_registry_csv(io.BytesIO(text.encode("utf-8")))
    assert back.issues == [] and sorted(back.frame["community_id"]) == \
        sorted(shown["community_id"])


def test_removing_the_demo_empties_the_store_for_good(tmp_path, monkeypatch):
    """Data & sources removes the demo incidents and the illustrative communities; the banner
    goes with the same click, and no later run or session loads the demo again."""
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    at = open_app(AppTest.from_file(APP, default_timeout=180))
    at.switch_page("ui/pages/data_page.py").run()
    at.button(key="data_remove_demo").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("illustrative communities" in s.value for s in at.success)
    assert not any("SYNTHETIC DEMO" in w.value for w in at.warning)
    again = open_app(AppTest.from_file(APP, default_timeout=180))  # a new session
    again.switch_page("ui/pages/incidents_page.py").run()
    assert again.caption[0].value.startswith("0 of 0")
    again.switch_page("ui/pages/communities_page.py").run()
    assert len(again.dataframe[0].value) == 0
