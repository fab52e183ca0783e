"""The interactive web map (folium/Leaflet) used by the app and the standalone HTML export.

Two steps, so the expensive one can be cached:

1. :func:`maps.web.web_layers.prepare_base` turns boundary GeoDataFrames (shipped layers,
   COD-AB districts, official-claims overlap, curated layer) into small, simplified GeoJSON
   dicts once.
2. :func:`build_map` assembles a :class:`folium.Map` from a :class:`MapContent`: base
   layers, settlements, incidents (coloured and shaped by category), density, Gi* cells,
   clusters, communities and pairing lines, each in the layer control and the legend,
   with scale bar, fullscreen, attribution for every source, and the neutral disclaimer.
   With ``offline=True`` (default) every JS/CSS link points at the vendored copies.

All coordinates EPSG:4326. Every user-supplied string is HTML-escaped before it reaches
the page.
"""
from __future__ import annotations

import html
from collections.abc import Sequence

import folium
import numpy as np
import pandas as pd
from folium.plugins import Fullscreen

from geo.reference_line import ReferenceLine
from i18n import line_label, line_source_text, t, vocab, vocab_map
from i18n.display_tables import location_names
from incidents.schema import SYNTHETIC_SOURCE
from maps import legend as sym
from maps.web.geojson_layer import StyledGeoJson
from maps.web.incident_layer import IncidentDensity, IncidentLayer
from maps.web.offline import STATIC_URL, localize
from maps.web.safe_render import install as _install_safe_render
from maps.web.settlement_labels import SettlementLabels, curated_labels
from maps.web.web_content import (  # noqa: F401 - MapContent/BaseLayers re-exported
    BaseLayers,
    MapContent,
    _name,
    _tooltip_fc,
)

_install_safe_render()  # user text in a map is never evaluated as a template

DEFAULT_CENTER = (40.05, 70.75)  # lat, lon: Batken–Isfara–Vorukh
DEFAULT_ZOOM = 9
LAYER_KEYS = ("countries", "kgtj", "other_borders", "enclaves", "disagreement", "districts",
              "claims", "curated", "settlements", "incidents", "density", "gistar",
              "clusters", "communities", "pairs")
HIDDEN_BY_DEFAULT = frozenset({"density", "districts", "gistar"})


def _geojson(fc: dict, name: str, show: bool, style: dict, style_by: str | None = None,
             styles: dict | None = None, point_radius: float = 5) -> StyledGeoJson:
    """A base layer (its geometries are the prepared, never changed ``BaseLayers``')."""
    return StyledGeoJson(fc, name=name, style=style, style_by=style_by, styles=styles,
                         show=show, point_radius=point_radius, keep_encoding=True)


def _add_boundaries(m: folium.Map, base: BaseLayers, lang: str, show: dict[str, bool],
                    entries: list, over_tiles: bool = False) -> None:
    cname = lambda iso: vocab("country", iso, lang)  # noqa: E731
    if base.countries:
        fc = _tooltip_fc(base.countries, lambda p: _name(p, lang))
        _geojson(fc, t("layer.countries", lang), show["countries"],
                 {"color": sym.COUNTRY_EDGE, "weight": 0.8, "fillColor": sym.COUNTRY_FILL,
                  "fillOpacity": 0.15 if over_tiles else 1.0}).add_to(m)  # tiles show through
        entries.append(sym.LegendEntry(t("layer.countries", lang),
                                       sym.area_symbol(sym.COUNTRY_FILL, sym.COUNTRY_EDGE)))
    for lab in base.country_labels:  # both countries named, chosen language first
        first, second = (lab["name_ru"], lab["name_en"]) if lang == "ru" else (
            lab["name_en"], lab["name_ru"])
        sym.CountryLabel((lab["lat"], lab["lon"]),
                         f"{first} / {second}" if second and second != first else first
                         ).add_to(m)
    if base.enclaves:
        fc = _tooltip_fc(base.enclaves, lambda p: t(
            "tip.enclave", lang, name=_name(p, lang), owner=cname(p.get("owner_iso3")),
            host=cname(p.get("host_iso3")), area=float(p.get('area_km2') or 0)))
        _geojson(fc, t("layer.enclaves", lang), show["enclaves"], sym.ENCLAVE_STYLE).add_to(m)
        entries.append(sym.LegendEntry(t("layer.enclaves", lang), sym.area_symbol(
            sym.ENCLAVE_STYLE["fillColor"], sym.ENCLAVE_STYLE["color"], "3 3")))
    if base.disagreement:
        fc = _tooltip_fc(base.disagreement, lambda p: t(
            "tip.disagreement", lang, osm=p.get("osm_iso3"), ne=p.get("ne_iso3"),
            area=float(p.get('area_km2') or 0)))
        _geojson(fc, t("layer.disagreement", lang), show["disagreement"],
                 sym.DISAGREEMENT_STYLE).add_to(m)
        entries.append(sym.LegendEntry(t("layer.disagreement", lang), sym.area_symbol(
            "url(#kgtj-hatch-grey)", "#6E6E6E")))
    if base.districts:
        fc = _tooltip_fc(base.districts, lambda p: " / ".join(
            x for x in (p.get(f"admin2_name_{lang}") or p.get("admin2_name_en"),
                        p.get("admin1_name_en")) if x))
        _geojson(fc, t("layer.districts", lang), show["districts"], sym.DISTRICT_STYLE).add_to(m)
        entries.append(sym.LegendEntry(t("layer.districts", lang),
                                       sym.line_symbol({**sym.DISTRICT_STYLE, "weight": 1})))
    if base.claims:
        fc = _tooltip_fc(base.claims, lambda p: t(
            "tip.claims", lang, kg=p.get("kgz_admin2"), tj=p.get("tjk_admin2"),
            area=float(p.get('area_km2') or 0)))
        _geojson(fc, t("layer.claims", lang), show["claims"], sym.CLAIMS_STYLE).add_to(m)
        entries.append(sym.LegendEntry(t("layer.claims", lang), sym.area_symbol(
            "url(#kgtj-hatch-violet)", "#6A4C93")))
    if base.segments:
        def seg_tip(p):
            return t("tip.segment", lang, sid=p.get("segment_id"), pair=p.get("pair"),
                     km=(p.get('length_m') or 0) / 1000)
        feats = _tooltip_fc(base.segments, seg_tip, keep=("pair",))["features"]
        kgtj = [f for f in feats if f["properties"].get("pair") == "KGZ-TJK"]
        other = [f for f in feats if f["properties"].get("pair") != "KGZ-TJK"]
        if other:
            _geojson({"type": "FeatureCollection", "features": other},
                     t("layer.other_borders", lang), show["other_borders"],
                     sym.OTHER_BORDER_LINE).add_to(m)
            entries.append(sym.LegendEntry(t("layer.other_borders", lang),
                                           sym.line_symbol(sym.OTHER_BORDER_LINE)))
        if kgtj:
            _geojson({"type": "FeatureCollection", "features": kgtj}, t("layer.kgtj", lang),
                     show["kgtj"], sym.KGTJ_LINE).add_to(m)
            entries.append(sym.LegendEntry(t("layer.kgtj", lang), sym.line_symbol(sym.KGTJ_LINE)))
    if base.user_line:
        line = user_line_label(base, lang)
        fc = _tooltip_fc(base.user_line, lambda p: html.escape(t("tip.user_line", lang, line=line)))
        _geojson(fc, t("layer.user_line", lang), show["kgtj"], sym.USER_LINE).add_to(m)
        entries.append(sym.LegendEntry(t("legend.user_line", lang, line=line),
                                       sym.line_symbol(sym.USER_LINE)))
    if base.curated:
        styles = {k: {**v, "fillColor": v["color"], "fillOpacity": 0.35}
                  for k, v in sym.CURATED_STATUS_STYLE.items()}
        _geojson(_tooltip_fc(base.curated, lambda p: " – ".join(x for x in (
            p.get("name"), vocab("curated_status", p.get("status"), lang),
            p.get("status_as_of"), p.get("source"), p.get("note")) if x), keep=("status",)),
            t("layer.curated", lang), show["curated"], styles["unknown"], style_by="status",
            styles=styles, point_radius=7).add_to(m)
        for status, s in sym.CURATED_STATUS_STYLE.items():
            entries.append(sym.LegendEntry(
                t("legend.curated", lang, status=vocab("curated_status", status, lang)),
                sym.line_symbol(s)))


def _add_places(m, c: MapContent, lang: str, show: dict[str, bool],
                entries: dict[str, list]) -> None:
    if c.places is not None and len(c.places):
        p = c.places.dropna(subset=["lon", "lat"])
        alt = "name" if lang == "ru" else "name_ru"
        main = "name_ru" if lang == "ru" else "name"
        first = p[main].where(p[main].notna() & (p[main] != ""), p.get(alt, p["name"]))
        second = p[alt] if alt in p else pd.Series(pd.NA, index=p.index)
        tips = [f"{a} ({b})" if isinstance(b, str) and b and b != a else str(a)
                for a, b in zip(first.astype(object), second.astype(object), strict=True)]
        fc = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"_tip": html.escape(tip)},
             "geometry": {"type": "Point", "coordinates": [round(x, 5), round(y, 5)]}}
            for tip, x, y in zip(tips, p["lon"], p["lat"], strict=True)]}
        _geojson(fc, t("layer.settlements", lang), show["settlements"], sym.SETTLEMENT_STYLE,
                 point_radius=sym.SETTLEMENT_STYLE["radius"]).add_to(m)
        entries["boundaries"].append(sym.LegendEntry(t("layer.settlements", lang),
                                                     sym.point_symbol(sym.SETTLEMENT_STYLE)))
        labels = curated_labels(p, lang)
        if labels:  # orientation without a basemap: the border villages named, both scripts
            SettlementLabels(labels, t("layer.place_labels", lang),
                             show["settlements"]).add_to(m)


def incident_layer(inc: pd.DataFrame, lang: str, show: bool = True,
                   control: bool = True, feed_density: bool = False,
                   places: pd.DataFrame | None = None) -> IncidentLayer:
    """The incident symbols layer with its popup labels in ``lang`` (and, in Russian, the
    Russian form of place names that the settlements ``places`` have)."""
    return IncidentLayer(
        inc, labels={k: t(f"pop.{k}", lang) for k in (
            "date", "category", "place", "precision", "source", "verification",
            "fatalities", "injuries", "unknown", "id", "notes", "side")},
        side_words={"source": t("pop.side_src", lang),
                    "settlement": t("pop.side_settlement", lang),
                    "line": t("pop.side_line", lang), "contested": t("pop.side_contested", lang)},
        category_labels=vocab_map("category", lang),
        precision_labels={int(k): v for k, v in vocab_map("precision", lang).items()},
        verification_labels=vocab_map("verification", lang),
        name=t("layer.incidents", lang), show=show, control=control, feed_density=feed_density,
        place_names=location_names(places, lang))


def incident_legend(categories, lang: str, entries: dict[str, list],
                    clustered: bool = False, contested: bool = False,
                    cells_beyond: int | None = None, cell_km: float = 2.0) -> None:
    """Legend rows of the incident categories in ``categories``, of the clusters (when the
    incidents may be clustered), of the counts per cell (``cells_beyond``: the number of
    incidents above which the map shows them, cells ``cell_km`` wide) and of the density."""
    present = set(categories)
    entries["incidents"] += [sym.LegendEntry(vocab("category", cat, lang), sym.shape_svg(cat))
                             for cat in sym.CATEGORY_STYLE if cat in present]
    if contested:
        entries["incidents"].append(sym.LegendEntry(t("legend.contested", lang),
                                                    sym.contested_symbol()))
    if clustered:
        entries["incidents"].append(sym.LegendEntry(t("legend.cluster", lang),
                                                    sym.cluster_symbol()))
    if cells_beyond is not None:
        entries["incidents"].append(sym.LegendEntry(
            t("legend.cells", lang, n=cells_beyond, km=f"{cell_km:g}"), sym.cell_symbol()))
    entries["analysis"].append(sym.LegendEntry(
        f'{t("layer.density", lang)}: {t("legend.density", lang)}',
        sym.ramp_symbol(["#0000FF", "#00FFFF", "#00FF00", "#FFFF00", "#FF0000"])))


def _add_incidents(m, c: MapContent, lang: str, show: dict[str, bool],
                   entries: dict[str, list]) -> None:
    inc = c.incidents
    if inc is not None and len(inc):
        located = inc.dropna(subset=["lat", "lon"])
        layer = incident_layer(inc, lang, show["incidents"], places=c.places)
        layer.add_to(m)
        IncidentDensity(layer, t("layer.density", lang), show=show["density"]).add_to(m)
        incident_legend(located["category"].dropna().astype(str), lang, entries,
                        clustered=layer.cluster, contested=bool(
                            located.get("side_contested", pd.Series(dtype="boolean"))
                            .astype("boolean").fillna(False).any()))


def default_shown() -> dict[str, bool]:
    """Which layers (:data:`LAYER_KEYS`) are visible when a map opens."""
    return {k: k not in HIDDEN_BY_DEFAULT for k in LAYER_KEYS}


def new_entries() -> dict[str, list]:
    """Empty legend sections."""
    return {"boundaries": [], "incidents": [], "analysis": [], "communities": []}


def user_line_label(base: BaseLayers, lang: str) -> str:
    """"Treaty annex, digitised as of 13 March 2025" for the newer line ``base`` draws."""
    return line_label(ReferenceLine(**base.user_line_ref), lang)


def attribution_texts(c: MapContent, lang: str, basemap: str = "none",
                      incident_sources: tuple[str, ...] | None = None) -> list[str]:
    """Every source shown on the map, one string each (unescaped); ``incident_sources``
    names the incidents' sources instead of ``c.incidents`` (the live map's base)."""
    out = list(c.base.attributions)
    if c.places is not None and len(c.places):
        out.append(t("attr.geonames", lang))
        if "source" in c.places.columns and (c.places["source"] == "curated").any():
            out.append(t("attr.gazetteer", lang))
    if c.base.districts or c.base.claims:
        out.append(t("attr.cod", lang))
    if c.base.curated:
        out.append(t("attr.curated", lang))
    if c.base.user_line:
        out.append(t("attr.user_line", lang, line=user_line_label(c.base, lang),
                     source=line_source_text(c.base.user_line_ref["source"], lang)))
    if incident_sources is None and c.incidents is not None and len(c.incidents):
        incident_sources = tuple(c.incidents["source_dataset"].dropna().astype(str))
    notice = demo_notice(c, lang)
    if incident_sources:
        sources = sorted({vocab("source_dataset", s, lang) for s in incident_sources})
        if notice and c.demo and sources == [vocab("source_dataset", SYNTHETIC_SOURCE, lang)]:
            sources, notice = [notice], None  # "Incidents: SYNTHETIC DEMO – not real events"
        out.append(t("attr.incidents", lang, sources=", ".join(sources) or "?"))
    if notice:
        out.append(notice)
    if basemap == "osm":
        out.append(t("attr.osm_tiles", lang))
    if basemap == "local" and c.local_basemap:
        out.append(t("attr.local_tiles", lang, name=c.local_basemap.name,
                     attribution=c.local_basemap.attribution).strip())
    return out + list(c.extra_attributions)


def build_map(c: MapContent, *, lang: str = "en", basemap: str = "none",
              layers_shown: dict[str, bool] | None = None, offline: bool = True,
              asset_base_url: str = STATIC_URL, location: tuple[float, float] | None = None,
              zoom: int = DEFAULT_ZOOM, legend_open: bool = False,
              lean_assets: bool = False,
              extra_groups: Sequence[folium.FeatureGroup] = ()) -> folium.Map:
    """Assemble the web map.

    Parameters
    ----------
    c : what to draw.
    lang : 'en' or 'ru' for layer names, legend, popups, tooltips and place names.
    basemap : 'none' (default; works offline), 'osm' (OpenStreetMap tiles, online only) or
        'local' (the user's tiles in ``c.local_basemap``, embedded: offline).
    layers_shown : override which layers are visible on opening, by :data:`LAYER_KEYS`.
    offline : rewrite every JS/CSS link to the vendored copies under ``asset_base_url``.
    location, zoom : initial view (lat, lon) and zoom; with ``location`` None the map opens
        on both country names and the incidents (:mod:`maps.web.map_frame`).
    legend_open : legend expanded on opening (collapse it on small maps).
    lean_assets : leave out folium's default links no layer here uses (Bootstrap, jQuery,
        Font Awesome, awesome-markers): faster loads in the app.
    extra_groups : more layers (e.g. a standalone export's public counts), drawn above the
        analysis layers and listed in the layer control, which is added after them.
    """
    show = {**default_shown(), **(layers_shown or {})}
    m = new_map(location, zoom, basemap, c, lang=lang)
    entries = new_entries()
    _add_boundaries(m, c.base, lang, show, entries["boundaries"], basemap != "none")
    _add_places(m, c, lang, show, entries)
    _add_incidents(m, c, lang, show, entries)
    from maps.web.analysis_layers import (
        analysis_groups,
        analysis_kinds,
        analysis_legend,
        has_contested_clusters,
    )
    for group in (*analysis_groups(c, lang, show), *extra_groups):
        group.add_to(m)
    analysis_legend(lang, entries, analysis_kinds(c), contested=has_contested_clusters(c))
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    add_chrome(m, entries, lang, attribution_texts(c, lang, basemap), demo_notice(c, lang),
               legend_open)
    if offline:
        localize(m, asset_base_url, drop_unused=lean_assets)
    return m


def new_map(location: tuple[float, float] | None, zoom: int, basemap: str,
            c: MapContent | None = None, fit_incidents: bool = True,
            lang: str = "en") -> folium.Map:
    """An empty map (no tiles unless ``basemap`` is 'osm', or 'local' with the user's tiles
    in ``c.local_basemap``: :mod:`maps.web.local_tiles`) opening at ``location`` and
    ``zoom``, or, with ``location`` None, on both country names, the region's focus and
    (``fit_incidents``) the incidents of ``c`` (:func:`maps.web.map_frame.opening_bounds`);
    a map with no incidents but communities (the Communities page) opens on every one of
    them. The scale bar's units are written in ``lang``."""
    from maps.web.map_frame import FitOpening, MetricScale, OutlinePane, opening_bounds

    m = folium.Map(location=list(location or DEFAULT_CENTER), zoom_start=zoom, tiles=None,
                   control_scale=False, min_zoom=6, max_zoom=17, attribution_control=True)
    MetricScale(t("unit.m", lang), t("unit.km", lang)).add_to(m)  # no miles, no feet
    OutlinePane().add_to(m)
    points, q = (c.incidents, 0.05) if c is not None and fit_incidents else (None, 0.0)
    if fit_incidents and c is not None and (points is None or not len(points)) \
            and c.communities is not None and len(c.communities):
        points, q = c.communities, 0.0  # a map of communities alone opens on all of them
    bounds = None if location is not None or c is None else opening_bounds(
        c.base.country_labels, points, DEFAULT_CENTER, q=q)
    if bounds:
        FitOpening(bounds).add_to(m)
    if basemap == "osm":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", overlay=False,
                         control=False).add_to(m)
    elif basemap == "local" and c is not None and c.local_basemap:
        from maps.web.local_tiles import LocalTileLayer
        LocalTileLayer(c.local_basemap).add_to(m)
    return m


def demo_notice(c: MapContent, lang: str) -> str | None:
    """The map's SYNTHETIC DEMO notice for ``c`` (all demo, or demo beside real data)."""
    if c.demo:
        return t("demo.short", lang)
    return t("demo.mixed_short", lang) if c.demo_mixed else None


def add_chrome(m: folium.Map, entries: dict[str, list], lang: str, attributions: list[str],
               demo: str | None, legend_open: bool) -> None:
    """Fullscreen button, legend, disclaimer, attributions and the demo banner (``demo``:
    its text, :func:`demo_notice`)."""
    Fullscreen(position="topleft").add_to(m)
    sym.Legend(t("legend.title", lang), [
        (t("legend.boundaries", lang), entries["boundaries"]),
        (t("legend.incidents", lang), entries["incidents"]),
        (t("legend.analysis", lang), entries["analysis"]),
        (t("legend.communities", lang), entries["communities"]),
    ], open_=legend_open).add_to(m)
    sym.MapNotice(t("disclaimer", lang), attributions, banner=demo,
                  title=t("disclaimer.title", lang)).add_to(m)


def incident_at(df: pd.DataFrame, lat: float, lon: float, tol_deg: float = 1e-4) -> pd.DataFrame:
    """Incidents drawn at (lat, lon) within ``tol_deg`` (the map returns the clicked symbol's
    rounded position); several when symbols coincide."""
    if df is None or len(df) == 0 or lat is None or lon is None:
        return df.iloc[0:0] if df is not None else pd.DataFrame()
    near = (np.abs(df["lat"].to_numpy(float) - lat) <= tol_deg) & (
        np.abs(df["lon"].to_numpy(float) - lon) <= tol_deg)
    return df.loc[near]
