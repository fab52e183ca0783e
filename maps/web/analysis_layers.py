"""The analysis layers of the web map: Gi* hex cells, hotspot clusters, communities and
recommended pairs, each one named :class:`folium.FeatureGroup`, and their legend rows.

Groups rather than bare layers, so that :func:`maps.web.webmap.build_map` can add them to a map
and :func:`maps.web.live_map.build_live_map` can hand them to streamlit-folium, which swaps
feature groups inside the mounted map when the filter changes. All coordinates EPSG:4326;
every user-supplied string is HTML-escaped before it reaches the page.
"""
from __future__ import annotations

import folium
import numpy as np

from i18n import place_name, t, vocab, why_text
from i18n.display_tables import russian_place_names
from maps import legend as sym
from maps.web.data_tooltip import with_tooltip
from maps.web.geojson_layer import StyledGeoJson
from maps.web.web_content import MapContent, _name, _tooltip_fc

ANALYSIS_KEYS = ("gistar", "clusters", "communities", "pairs")


def analysis_kinds(c: MapContent) -> tuple[str, ...]:
    """The analysis items (:data:`ANALYSIS_KEYS`) ``c`` holds."""
    have = {"gistar": c.gistar is not None and len(c.gistar) > 0 and "gi_bin" in c.gistar,
            "clusters": c.clusters is not None and len(c.clusters) > 0,
            "communities": c.communities is not None and len(c.communities) > 0,
            "pairs": c.pairs is not None and len(c.pairs) > 0}
    return tuple(k for k in ANALYSIS_KEYS if have[k])


def has_contested_clusters(c: MapContent) -> bool:
    """Whether a hotspot of ``c`` holds incidents whose side is contested (its outline is
    dashed black: :func:`_cluster_group`)."""
    cl = c.clusters
    return cl is not None and "n_contested" in cl.columns and bool(
        (cl["n_contested"].astype("Float64").fillna(0) > 0).any())


def analysis_legend(lang: str, entries: dict[str, list],
                    kinds: tuple[str, ...] = ANALYSIS_KEYS, contested: bool = True) -> None:
    """Legend rows of the analysis items ``kinds``; with ``contested``, the dashed outline of
    a hotspot holding incidents whose side is contested (issue 16)."""
    if "gistar" in kinds:
        entries["analysis"] += [
            sym.LegendEntry(t("legend.gi_hot", lang), sym.ramp_symbol(
                [sym.GI_BIN_COLOURS[b] for b in (3, 2, 1)])),
            sym.LegendEntry(t("legend.gi_cold", lang), sym.ramp_symbol(
                [sym.GI_BIN_COLOURS[b] for b in (-1, -2, -3)]))]
    if "clusters" in kinds:
        entries["analysis"].append(sym.LegendEntry(t("layer.clusters", lang), sym.area_symbol(
            sym.CLUSTER_STYLE["fillColor"], sym.CLUSTER_STYLE["color"])))
        if contested:
            entries["analysis"].append(sym.LegendEntry(t("legend.contested_hotspot", lang),
                                                       sym.contested_area_symbol()))
    if "communities" in kinds:
        entries["communities"] += [
            sym.LegendEntry(t("legend.community", lang,
                              status=vocab("community_status", s, lang)), sym.point_symbol(st))
            for s, st in sym.COMMUNITY_STATUS_STYLE.items()]
    if "pairs" in kinds:
        entries["communities"] += [
            sym.LegendEntry(t("legend.joint", lang), sym.line_symbol(sym.PAIR_STYLE["joint"])),
            sym.LegendEntry(t("legend.parallel", lang),
                            sym.line_symbol(sym.PAIR_STYLE["parallel"]))]


def _polygon_group(frame, columns: list[str], tip, keep: tuple[str, ...], name: str,
                   show: bool, style: dict, **style_by) -> folium.FeatureGroup:
    """A named group holding ``frame``'s polygons (EPSG:4326) as one :class:`StyledGeoJson`
    with the ``tip(properties)`` tooltip (``columns``: the properties kept for it)."""
    return _polygon_group_and_layer(frame, columns, tip, keep, name, show, style,
                                    **style_by)[0]


def _polygon_group_and_layer(frame, columns: list[str], tip, keep: tuple[str, ...], name: str,
                             show: bool, style: dict, **style_by
                             ) -> tuple[folium.FeatureGroup, StyledGeoJson]:
    """:func:`_polygon_group` and the polygon layer inside it."""
    from maps.web.web_layers import web_geojson
    fc = _tooltip_fc(web_geojson(frame, columns, 0.0, 1e-5), tip, keep=keep)
    fg = folium.FeatureGroup(name, show=show)
    layer = StyledGeoJson(fc, name=name, style=style, control=False, **style_by).add_to(fg)
    return fg, layer


def _gistar_group(c: MapContent, lang: str, show: bool) -> folium.FeatureGroup | None:
    sig = c.gistar[c.gistar["gi_bin"].fillna(0) != 0]
    if not len(sig):
        return None
    return _polygon_group(
        sig, ["gi_bin", "z", "count"],
        lambda p: t("tip.gi", lang, z=f"{p.get('z') or 0:.2f}", n=p.get("count")),
        ("gi_bin",), t("layer.gistar", lang), show,
        {"color": "#FFFFFF", "weight": 0.5, "fillOpacity": 0.6}, style_by="gi_bin",
        styles={b: {"fillColor": col} for b, col in sym.GI_BIN_COLOURS.items()})


def _contested_tip(p: dict, lang: str) -> str:
    """' · 7 of 30 incidents: side contested' for a hotspot holding contested incidents."""
    n, total = p.get("n_contested"), p.get("n_incidents")
    if not isinstance(n, (int, float)) or not isinstance(total, (int, float)) or not n > 0:
        return ""
    return " · " + t("side.contested_count", lang, n=int(n), total=int(total))


def _cluster_group(c: MapContent, lang: str, show: bool) -> folium.FeatureGroup:
    """Hotspot hulls: the fill (with the tooltip) under the incident symbols, the outline
    above them in a non-interactive pane (:mod:`maps.web.map_frame`), so a hotspot's edge is
    never hidden by its markers and the markers stay clickable."""
    from maps.web.map_frame import fill_style, outline_style
    name = t("layer.clusters", lang)
    fg, fill = _polygon_group_and_layer(
        c.clusters, ["hotspot_id", "rank", "n_incidents", "score",
                     *(["n_contested"] if "n_contested" in c.clusters.columns else [])],
        lambda p: t("tip.cluster", lang, rank=p.get("rank"), n=p.get("n_incidents"),
                    score=f"{p.get('score') or 0:.2f}") + _contested_tip(p, lang),
        ("n_contested",), name, show, fill_style(sym.CLUSTER_STYLE))
    StyledGeoJson({"type": "FeatureCollection", "features": [  # contested: dashed, black
        {**f, "properties": {"c": int((f["properties"].get("n_contested") or 0) > 0)}}
        for f in fill.data["features"]]}, name=name,
        style=outline_style(sym.CLUSTER_STYLE), style_by="c",
        styles={1: sym.CONTESTED_OUTLINE}, control=False).add_to(fg)
    return fg


def _community_group(c: MapContent, lang: str, show: bool) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(t("layer.communities", lang), show=show)
    for rec in c.communities.dropna(subset=["lon", "lat"]).to_dict("records"):
        style = sym.COMMUNITY_STATUS_STYLE.get(rec.get("status"),
                                               sym.COMMUNITY_STATUS_STYLE["candidate"])
        mech = rec.get("mech_type")
        tip = " – ".join(str(x) for x in (_name(rec, lang), vocab("mech_type", mech, lang)
                                          if isinstance(mech, str) else mech,
                                          vocab("community_status", rec.get("status"), lang))
                         if x is not None and not (isinstance(x, float) and np.isnan(x)))
        with_tooltip(folium.CircleMarker([rec["lat"], rec["lon"]], fill=True, **style),
                     tip).add_to(fg)
    return fg


def _pair_group(c: MapContent, lang: str, show: bool) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(t("layer.pairs", lang), show=show)
    shown = _pair_names(c, lang)
    for rec in c.pairs.to_dict("records"):
        mode = rec.get("mode", "joint")
        tip = f"{shown(rec, 'kg')} – {shown(rec, 'tj')}: " \
              f"{vocab('mode', mode, lang)}. " \
              f"{why_text(rec.get('why_params'), lang, fallback=rec.get('why', ''))}"
        with_tooltip(folium.PolyLine([[rec["kg_lat"], rec["kg_lon"]],
                                      [rec["tj_lat"], rec["tj_lon"]]],
                                     **sym.PAIR_STYLE.get(mode, sym.PAIR_STYLE["joint"])),
                     tip).add_to(fg)
    return fg


def _pair_names(c: MapContent, lang: str):
    """``shown(rec, 'kg'|'tj')``: a pair's community name in ``lang`` (Russian first where
    the registry, the pair's own "why" or, for a candidate settlement, the gazetteer has a
    Russian name)."""
    from analysis.why import why_from_json
    reg_ru: dict = {}
    places_ru: dict = {}
    if lang == "ru":
        reg = c.communities if c.communities is not None else None
        if reg is not None and {"name_ru", "community_id"} <= set(reg.columns):
            reg_ru = dict(zip(reg["community_id"].astype(str), reg["name_ru"], strict=True))
        if c.places is not None and "name_ru" in c.places:
            places_ru = russian_place_names(c.places)

    def shown(rec: dict, side: str) -> str:
        name = rec.get(f"{side}_name") or ""
        ru = reg_ru.get(str(rec.get(f"{side}_community_id"))) or places_ru.get(name)
        if lang == "ru" and not isinstance(ru, str):
            why = why_from_json(rec.get("why_params"))
            ru = getattr(why, f"{side}_name_ru", None) if why is not None else None
        return place_name(name, ru if isinstance(ru, str) else None, lang)
    return shown


def analysis_groups(c: MapContent, lang: str, show: dict[str, bool]
                    ) -> list[folium.FeatureGroup]:
    """One named group per analysis item ``c`` holds, visible on opening per ``show``
    (keyed by :data:`ANALYSIS_KEYS`), in drawing order: cells, clusters, communities,
    pairs."""
    make = {"gistar": _gistar_group, "clusters": _cluster_group,
            "communities": _community_group, "pairs": _pair_group}
    groups = [make[k](c, lang, show[k]) for k in analysis_kinds(c)]
    return [g for g in groups if g is not None]
