"""Download buttons for the products of maps/ and sharing/: print map (PDF/PNG), hotspot
brief (PDF), the offline interactive map (HTML) and the filtered incidents as a data file
(CSV, GeoJSON, GeoPackage, KML, XLSX; as ``python -m incidents export``). Public mode is
the default; the protection applied is shown next to the button. Files are built only on
request."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import folium
import streamlit as st

from i18n import protection_text, t
from i18n.filter_text import filter_text_both
from incidents.filters import IncidentFilter
from ui import resources
from ui.choices import key_label, labelled

MIME = {"pdf": "application/pdf", "png": "image/png", "html": "text/html",
        "zip": "application/zip", "csv": "text/csv", "geojson": "application/geo+json",
        "gpkg": "application/geopackage+sqlite3",
        "kml": "application/vnd.google-earth.kml+xml",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
DATA_FORMATS = ("csv", "geojson", "gpkg", "kml", "xlsx")  # incidents.format_writers.FORMATS
MODES = ("public", "internal")  # protection of an output; public is the default
ORIENTATIONS = ("landscape", "portrait")
PRINT_FILES = ("pdf", "png")
LABEL_LANGS = ("en,ru", "ru,en", "en,ky", "en,tg", "en")  # a print's label languages
EXTENTS = ("area", "hotspot", "bbox", "data")  # what a print covers


def _scene(flt: IncidentFilter, hp: dict | None, mode: str, pp: dict | None = None):
    """``maps.print.print_scene.Scene`` of the filtered incidents and their cached analysis (in
    public mode the analysis of the public records only: issue 15), paired with the page's
    pairing parameters ``pp`` (``analysis.pairing.PairingParams`` fields; the defaults
    without)."""
    from analysis.pairing import PairingParams
    from maps.print.print_scene import scene_from_results
    from sharing.visibility import public_filter
    from ui import action_resources
    core = resources.core()
    analysed = public_filter(flt) if mode == "public" else flt
    return scene_from_results(resources.incidents(flt), core.engine, core.gazetteer,
                              resources.hotspots(analysed, hp), resources.registry(), mode=mode,
                              filters_text=filter_text_both(flt), cod_used=core.cod_loaded,
                              actions=action_resources.actions(),
                              pairing=PairingParams(**pp) if pp else None)


def _label_langs(value: str, lang: str) -> str:
    """The label languages of a print as shown, e.g. "English + Russian"."""
    return " + ".join(t(f"lang.name.{code}", lang) for code in value.split(","))


def _mode(lang: str, key: str) -> str:
    """Public or internal, asked only of those allowed internal outputs (a viewer's are
    always public, whatever widget state the client sends)."""
    if not resources.principal().can("export_internal"):
        return "public"
    picked = st.radio(t("dl.mode", lang), MODES, key=key,
                      format_func=labelled(key, MODES, key_label("dl.mode"), lang))
    return "internal" if picked == "internal" else "public"  # anything else: public


def _offer(data: bytes, name: str, ext: str, lang: str, key: str, scene=None) -> None:
    if scene is not None and scene.data.protection is not None:
        st.caption(protection_text(scene.data.protection, lang))
    st.download_button(t("dl.download", lang, name=name), data=data, file_name=name,
                       mime=MIME[ext], key=key)


def share_panel(flt: IncidentFilter, lang: str, make_map: Callable[[], folium.Map],
                attributions: list[str], hp: dict | None = None) -> None:
    """Under the map, the page's full width (issue 21: in the narrow column beside the map
    the selects hid their values and a button its protection level): the print map and the
    offline HTML map (:func:`print_panel`), then the map exactly as shown
    (:func:`map_buttons`)."""
    with st.expander(t("dl.title", lang)):
        print_panel(flt, lang, hp)
        map_buttons(make_map, lang, attributions)


def print_panel(flt: IncidentFilter, lang: str, hp: dict | None = None) -> None:
    """Print map (A4/A3, landscape/portrait, PDF/PNG) and the offline HTML map.
    matplotlib and the print modules load only when a file is asked for (cold start)."""
    mode = _mode(lang, "dl_print_mode")
    title = st.text_input(t("dl.map_title", lang), t("map.title", lang),
                          key=f"dl_title_{lang}")  # each language its own default title
    c1, c2, c3, c4 = st.columns([2, 3, 3, 4])
    paper = c1.selectbox(t("dl.paper", lang), ("A4", "A3"), key="dl_paper")
    orientation = c2.selectbox(t("dl.orientation", lang), ORIENTATIONS, key="dl_orient",
                               format_func=labelled("dl_orient", ORIENTATIONS,
                                                    key_label("dl"), lang))
    fmt = c3.selectbox(t("dl.format", lang), PRINT_FILES, key="dl_fmt",
                       format_func=labelled("dl_fmt", PRINT_FILES, key_label("dl.file"), lang))
    labels = c4.selectbox(t("dl.labels", lang), LABEL_LANGS, key="dl_labels",
                          format_func=labelled("dl_labels", LABEL_LANGS, _label_langs, lang))
    choice = _extent_choice(flt, hp, mode, lang)
    b1, b2 = st.columns(2)
    if b1.button(t("dl.prepare_print", lang), key="dl_print_go", width="stretch"):
        from maps.print.areas import print_bbox
        from maps.print.print_layout import PrintSpec
        from maps.print.printmap import print_map_file
        with st.spinner("…"):
            scene = _scene(flt, hp, mode)
            try:
                if choice is None:
                    raise ValueError(t("dl.extent.bbox_help", lang))
                bbox = print_bbox(choice, scene.data)
            except ValueError as exc:
                st.error(str(exc))
                return
            spec = PrintSpec(title=title, paper=paper, orientation=orientation, fmt=fmt,
                             labels=tuple(labels.split(",")), mode=mode,
                             production_date=dt.date.today(), bbox=bbox)
            data, name = print_map_file(spec, scene.data)
        _offer(data, name, fmt, lang, "dl_print", scene)
    if b2.button(t("dl.prepare_html", lang), key="dl_html_go", width="stretch"):
        from maps.web.html_export import html_map
        with st.spinner("…"):
            scene = _scene(flt, hp, mode)
            data, name = html_map(scene.data, title, lang, dt.date.today())
        _offer(data, name, "html", lang, "dl_html", scene)


def _extent_choice(flt: IncidentFilter, hp: dict | None, mode: str, lang: str):
    """The print's extent (:class:`maps.print.areas.ExtentChoice`): all data, a named area, a
    hotspot (of the analysis the print will use) or a typed box; None when not usable."""
    from maps.print.areas import ExtentChoice, load_areas
    from sharing.visibility import public_filter

    kind = st.radio(t("dl.extent", lang), EXTENTS, key="dl_extent", horizontal=True,
                    format_func=labelled("dl_extent", EXTENTS, key_label("dl.extent"), lang))
    if kind == "area":
        areas = load_areas()
        names = {lg: dict(zip(areas["name"], areas["name_ru" if lg == "ru" else "name"],
                              strict=True)) for lg in ("en", "ru")}
        keys = list(names["en"])
        return ExtentChoice("area", st.selectbox(
            t("dl.extent.area", lang), keys, key="dl_area", format_func=labelled(
                "dl_area", keys, lambda k, lg: names.get(lg, names["en"])[k], lang)))
    if kind == "hotspot":
        analysed = public_filter(flt) if mode == "public" else flt
        clusters = resources.hotspots(analysed, hp).clusters
        ids = [str(h) for h in clusters["hotspot_id"]] if len(clusters) else []
        if not ids:
            st.info(t("dl.extent.no_hotspots", lang))
            return None
        return ExtentChoice("hotspot", st.selectbox(t("dl.extent.hotspot", lang), ids,
                                                    key="dl_hotspot"))
    if kind == "bbox":
        from maps.print.areas import area_bbox
        start = ",".join(f"{v:g}" for v in area_bbox("isfara-valley"))  # a shipped box
        text = st.text_input(t("dl.extent.bbox", lang), start,
                             help=t("dl.extent.bbox_help", lang), key="dl_bbox")
        try:
            return ExtentChoice("bbox", bbox=tuple(float(v) for v in text.split(",")))
        except ValueError:
            st.error(t("dl.extent.bbox_help", lang))
            return None
    return ExtentChoice()


def export_panel(flt: IncidentFilter, lang: str) -> None:
    """The incidents of the current filter as a data file, public (protected) by default;
    built on request."""
    with st.expander(t("dl.export_title", lang)):
        mode = _mode(lang, "dl_export_mode")
        fmt = st.selectbox(t("dl.format", lang), DATA_FORMATS, key="dl_export_fmt",
                           format_func=labelled("dl_export_fmt", DATA_FORMATS,
                                                key_label("dl.fmt"), lang))
        if st.button(t("dl.prepare_export", lang), key="dl_export_go"):
            from sharing.export import export_bytes
            with st.spinner("…"):
                data, name, report = export_bytes(resources.incidents(flt), fmt,
                                                  resources.core().engine, mode=mode,
                                                  principal=resources.principal(), lang=lang)
            st.caption(protection_text(report, lang) if report is not None
                       else t("prot.internal", lang))
            st.download_button(t("dl.download", lang, name=name), data=data, file_name=name,
                               mime=MIME[name.rsplit(".", 1)[1]], key="dl_export")


def brief_button(hotspot_id: str, flt: IncidentFilter, lang: str, hp: dict | None,
                 pp: dict | None = None) -> None:
    """One-page bilingual brief of the selected hotspot (public by default), its hotspots
    and pairs made with the page's parameters ``hp`` and ``pp``."""
    mode = _mode(lang, "dl_brief_mode")
    if st.button(t("dl.prepare_brief", lang), key="dl_brief_go"):
        from maps.print.brief import brief_file
        with st.spinner("…"):
            scene = _scene(flt, hp, mode, pp)
            hid = hotspot_id
            if mode == "public":  # the public analysis numbers its own hotspots
                from sharing.public_analysis import matching_hotspot
                hid = matching_hotspot(hotspot_id, resources.hotspots(flt, hp).clusters,
                                       scene.hotspots.clusters)
            if hid is None:
                st.info(t("dl.brief_no_public", lang))
                return
            data, name = brief_file(hid, scene.data, scene.incidents, mode, dt.date.today())
        _offer(data, name, "pdf", lang, "dl_brief", scene)


def map_buttons(make_map: Callable[[], folium.Map], lang: str, attributions: list[str]
                ) -> None:
    """The map exactly as shown (``make_map()``, built on request), as one offline HTML file
    (internal: not generalised; its protection level said in full beside the button)."""
    from maps.web.standalone import standalone_filename, standalone_html
    if not resources.principal().can("export_internal"):  # a viewer: public outputs only
        return
    st.divider()
    st.markdown(f"**{t('dl.shown_map', lang)}**")
    st.warning(f"{t('dl.mode', lang)}: {t('dl.mode.internal', lang)}")
    if st.button(t("dl.prepare_shown", lang), key="dl_html_prepare"):
        today = dt.date.today()
        title = t("map.title", lang)
        lines = [f"{title} – {today:%Y-%m-%d}", *attributions, t("disclaimer", lang)]
        name = standalone_filename(title, today)
        st.download_button(t("dl.download", lang, name=name),
                           data=standalone_html(make_map(), lines, title=title),
                           file_name=name, mime="text/html", key="dl_html")
