"""One-page hotspot brief (A4 portrait PDF), English and Russian headings.

For one hotspot of ``analysis.hotspots.run_hotspots``: a map inset, incidents by category
and month, the emerging (trend) class, the priority score and its components, the
recommended KG–TJ pairs with their mode and "why", coverage gaps nearby, the data period
and sources, the data protection applied and the neutral disclaimer. Public mode (the
default) keeps the inset generalised, shows category counts under 3 as "1–2" and leaves
sensitive categories out of the monthly chart.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.hotspot_ids import hotspot_rows, normalise_hotspot_id  # noqa: F401 - re-exported
from fileio import product_filename
from geo.crs import to_lonlat, to_metric
from i18n import side_summary_text, t, vocab, why_text
from incidents.schema import CATEGORIES, SENSITIVE_CATEGORIES
from maps.legend import CATEGORY_STYLE, CLUSTER_STYLE
from maps.print.brief_flow import CONT, MARGIN, Flow, fit_text, top_of
from maps.print.canvas import page_figure
from maps.print.print_data import PrintData
from maps.print.print_layers import category_label
from maps.print.print_layout import PrintSpec
from maps.print.print_text import bi, disclaimer, en, protection_lines
from maps.print.printmap import _font, _rule, _wrap, draw_map
from sharing.fields import border_dist_band
from sharing.protect import MIN_CELL_COUNT, SMALL_CELL_LABEL

INSET_HALF_M = 9000.0
GAPS_NEAR_M = 15000.0
MAX_PAIRS = 3  # drawn on the brief's map; all are listed
LOWER_TOP = 0.37  # pairs, gaps and "what was done" start here at the latest
LOWER_PT = 6.3
PAGE_IN = (8.27, 11.69)
SUMMARY_FLOOR = 0.735  # the score chart's title starts below this


def brief_filename(hotspot_id: str, date: dt.date) -> str:
    """``KGZ-TJK_Hotspot-brief-HS-001_A4_YYYYMMDD.pdf``."""
    return product_filename(f"Hotspot-brief-{hotspot_id}", "A4", date, "pdf")


def _hotspot(data: PrintData, hotspot_id: str) -> pd.Series:
    return hotspot_rows(data.clusters, hotspot_id).iloc[0]


def _count_text(n, public: bool) -> str:
    if n is None or pd.isna(n):
        return "unknown"
    n = int(n)
    return SMALL_CELL_LABEL if public and 0 < n < MIN_CELL_COUNT else str(n)


def render_brief(hotspot_id: str, data: PrintData, incidents: pd.DataFrame | None = None,
                 mode: str = "public", production_date: dt.date | None = None) -> bytes:
    """The brief as PDF bytes.

    Parameters
    ----------
    hotspot_id : e.g. "HS-001" (see :func:`normalise_hotspot_id`).
    data : print data with ``clusters`` (and ``pairs``, ``gaps`` when available).
    incidents : the filtered incident rows the analysis ran on (for the monthly chart);
        only counts leave this function.
    mode : "public" (default) or "internal"; must match how ``data`` was prepared.
    production_date : date printed (default today).
    """
    hid = normalise_hotspot_id(hotspot_id)
    _hotspot(data, hid)  # a clear error before anything is drawn
    date = production_date or dt.date.today()
    pages = brief_figures(hid, data, incidents, mode, date)
    return pdf_pages(pages, title=f"{en('brief_title')} {hid}",
                     subject=data.protection.headline() if data.protection else "")


def brief_figures(hid: str, data: PrintData, incidents: pd.DataFrame | None, mode: str,
                  date: dt.date) -> list[Figure]:
    """The brief's pages as figures (Agg canvases): the first with the map, summary and
    charts; the sections that do not fit it flow onto more pages."""
    h = _hotspot(data, hid)
    public = mode == "public"

    def page() -> tuple[Figure, float, float]:
        fig = page_figure(PAGE_IN)
        fig.text(0.05, 0.975, f"{bi('brief_title')}: {h['hotspot_id']}{CONT}", fontsize=11,
                 fontweight="bold", va="top")
        return fig, 0.94, _brief_footer(fig, data, date) + MARGIN

    with _font():
        fig = page_figure(PAGE_IN)
        _header(fig, h, data, mode, date)
        _inset(fig, h, data, mode, date)
        rest = _summary(fig, h, public, data.places)
        _scores(fig, h)
        chart_bottom = _monthly(fig, h, incidents, public)
        floor = _brief_footer(fig, data, date) + MARGIN
        flow = Flow(new_page=page)
        top = min(LOWER_TOP, chart_bottom - 0.012)
        fig.add_artist(_rule(fig, 0.05, top + 0.005, 0.90))
        flow.start(fig, top, floor)
        if rest:  # the summary's lines that did not fit beside the map
            flow.section("summary", rest, {"fontsize": 8.5, "fontweight": "bold"},
                         {"fontsize": LOWER_PT, "linespacing": 1.3}, continued=True)
        _lower(flow, data, h, hid)
    return flow.pages


def pdf_pages(pages: list[Figure], title: str = "", subject: str = "") -> bytes:
    """Pages as one PDF, deterministically (no creation date)."""
    from matplotlib.backends.backend_pdf import PdfPages

    buf = io.BytesIO()
    meta = {"CreationDate": None, "Title": title, "Subject": subject,
            "Creator": "kgtj-border-incidents"}
    with _font(), PdfPages(buf, metadata=meta) as pdf:
        for fig in pages:
            pdf.savefig(fig)
    return buf.getvalue()


def brief_file(hotspot_id: str, data: PrintData, incidents: pd.DataFrame | None = None,
               mode: str = "public", production_date: dt.date | None = None
               ) -> tuple[bytes, str]:
    """``(pdf bytes, file name)`` for download buttons and the CLI."""
    date = production_date or dt.date.today()
    hid = normalise_hotspot_id(hotspot_id)
    return render_brief(hid, data, incidents, mode, date), brief_filename(hid, date)


def _header(fig, h, data: PrintData, mode: str, date) -> None:
    fig.text(0.05, 0.975, f"{bi('brief_title')}: {h['hotspot_id']}", fontsize=15,
             fontweight="bold", va="top")
    fig.text(0.05, 0.945, f"{bi('period')}: {data.period_text()}  ·  {bi('produced')}: "
             f"{date:%Y-%m-%d}", fontsize=8, va="top", color="#333333")
    colour = "#3B3B3B" if mode == "public" else "#A63603"
    fig.text(0.95, 0.975, bi(mode), ha="right", va="top", fontsize=7.5, color="white",
             fontweight="bold", bbox={"boxstyle": "round,pad=0.3", "fc": colour, "ec": "none"})
    if data.synthetic:
        fig.text(0.05, 0.932, bi("synthetic"), ha="left", va="top", fontsize=6.8,
                 color="#A63603", fontweight="bold")


def _inset(fig, h, data: PrintData, mode: str, date) -> None:
    x, y = to_metric(np.array([h["centroid_lon"]], dtype=float),
                     np.array([h["centroid_lat"]], dtype=float))
    cx, cy = float(x[0]), float(y[0])
    lon, lat = to_lonlat(np.array([cx - INSET_HALF_M, cx + INSET_HALF_M]),
                         np.array([cy - INSET_HALF_M, cy + INSET_HALF_M]))
    spec = PrintSpec(title=f"brief {h['hotspot_id']}", paper="A4", orientation="portrait",
                     mode=mode, production_date=date, max_labels=14, inset=False,
                     bbox=(lon[0], lat[0], lon[1], lat[1]))
    pairs = data.pairs
    if pairs is not None and len(pairs):
        pairs = pairs[pairs["hotspot_id"].astype(str) == str(h["hotspot_id"])].head(MAX_PAIRS)
    inset_data = replace(data, pairs=pairs, incident_sources=[])  # banner is in the header
    rect = (0.05, 0.585, 0.47, 0.325)
    ax = fig.add_axes(rect)
    draw_map(ax, spec, inset_data, 8.27 * rect[2], 11.69 * rect[3], 0.85)


def _places_lines(text, places: pd.DataFrame | None) -> list[str]:
    """The hotspot's nearest settlements, each with its own country (gazetteer), in English
    and, where it reads differently, in Russian."""
    if not isinstance(text, str) or not text:
        return []
    from i18n.display_tables import localise_places, place_countries, russian_place_names
    countries = place_countries(places) if places is not None else {}
    names_ru = russian_place_names(places) if places is not None else {}
    en_text = localise_places(text, {}, "en", countries)
    ru_text = localise_places(text, names_ru, "ru", countries)
    return [f"{bi('places')}: {en_text}", *([f"    {ru_text}"] if ru_text != en_text else [])]


def _summary(fig, h, public: bool, places: pd.DataFrame | None = None) -> list[str]:
    """The summary beside the map; returns the lines that did not fit there."""
    dist = h.get("min_border_dist_m")
    dist_text = (border_dist_band(pd.Series([dist])).iloc[0] if public else
                 f"{float(dist) / 1000:.1f} km") if dist is not None and pd.notna(dist) \
        else "unknown"
    trend = h.get("emerging_class")
    trend = trend if isinstance(trend, str) and trend else "—"
    counts = [(c, h.get(f"n_{c}")) for c in CATEGORIES]
    cat_lines = [f"  {category_label(c)}: {_count_text(n, public)}" for c, n in counts
                 if n is not None and pd.notna(n) and int(n) > 0]
    lines = [
        f"{bi('rank')}: {int(h['rank'])}    {bi('n_incidents')}: {int(h['n_incidents'])}",
        *_places_lines(h.get("places"), places),
        f"{bi('fatalities')}: {_count_text(h.get('fatalities'), public)}    "
        f"{bi('injuries')}: {_count_text(h.get('injuries'), public)}",
        f"{bi('sides')}: {h.get('sides', '?')}    {bi('dist_line')}: {dist_text}",
        *_contested_lines(h),
        f"{bi('emerging')}: {trend}",
        *_areas(h), "", *cat_lines,
    ]
    fig.text(0.55, 0.91, bi("summary", "\n"), fontsize=9, fontweight="bold", va="top")
    return fit_text(fig, 0.55, 0.877, "\n".join(lines), 3.3, SUMMARY_FLOOR)


def _contested_lines(h) -> list[str]:
    """Why the hotspot's incidents have a contested side, in English and in Russian
    (``incidents.sides.SideSummary``; text without its key, e.g. from a CSV, in Russian
    as its count only); nothing when none of its incidents has a contested side."""
    text = h.get("contested_text")
    if not isinstance(text, str) or not text:
        return []
    if hasattr(text, "compose"):
        return [str(text), side_summary_text(text, "ru")]
    n, total = h.get("n_contested"), h.get("n_incidents")
    if n is None or pd.isna(n) or total is None or pd.isna(total):
        return [text]
    return [text, t("side.contested_count", "ru", n=int(n), total=int(total))]


def _areas(h) -> list[str]:
    """Derived/disputed areas the hotspot touches (ids), as one line, or nothing."""
    parts = []
    for col, word in (("disagreement_zones", "OSM/NE disagreement"),
                      ("claims_overlaps", "official-claims overlap"), ("curated_ids", "curated")):
        value = h.get(col)
        if isinstance(value, str) and value.strip():
            parts.append(f"{word}: {value.replace(';', ', ')}")
    return ["Touches / Затрагивает: " + "; ".join(parts)] if parts else []


def _score_name(col: str) -> str:
    """``"Intensity\nИнтенсивность"`` (i18n's hotspot column labels)."""
    from i18n import t
    from i18n.strings import STRINGS
    key = f"hs.col.{col}"
    if key not in STRINGS:
        return col.removeprefix("score_").replace("_", " ")
    return f"{t(key, 'en')}\n{t(key, 'ru')}"


def _scores(fig, h) -> None:
    comps = [c for c in h.index if c.startswith("score_")]
    ax = fig.add_axes((0.70, 0.595, 0.25, 0.105))
    vals = [float(h[c]) if pd.notna(h[c]) else 0.0 for c in comps]
    names = [_score_name(c) for c in comps]
    ax.barh(names[::-1], vals[::-1], color=CLUSTER_STYLE["color"], height=0.6)
    ax.set_xlim(0, 1)
    ax.tick_params(labelsize=6)
    ax.set_title(f"{bi('score', chr(10))}: {float(h['score']):.2f}", fontsize=7, loc="left",
                 fontweight="bold")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _monthly(fig, h, incidents: pd.DataFrame | None, public: bool) -> float:
    """The monthly chart by category; returns its lowest point with its legend and note
    (figure fraction)."""
    fig.text(0.05, 0.565, bi("by_category"), fontsize=9, fontweight="bold", va="top")
    ax = fig.add_axes((0.08, 0.42, 0.62, 0.115))
    ids = set(str(h.get("event_ids") or "").split(";")) - {""}
    rows = incidents[incidents["event_id"].astype(str).isin(ids)] if incidents is not None \
        else pd.DataFrame(columns=["event_date", "category"])
    note = ""
    if public:
        sens = rows["category"].isin(SENSITIVE_CATEGORIES)
        if "sensitivity" in rows.columns:
            sens |= rows["sensitivity"].astype(str) == "restricted"
        if sens.any():
            note = (f"Sensitive categories ({_count_text(int(sens.sum()), True)}) are not "
                    "charted by month.")
        rows = rows[~sens.to_numpy(dtype=bool)]
    if len(rows) == 0:
        ax.text(0.5, 0.5, "no dated incidents / нет датированных инцидентов", ha="center",
                va="center", fontsize=7)
        ax.set_axis_off()
        return _lowest(fig, ax)
    month = pd.to_datetime(rows["event_date"]).dt.to_period("M")
    table = pd.crosstab(month, rows["category"].astype(str))
    full = pd.period_range(table.index.min(), table.index.max(), freq="M")
    table = table.reindex(full, fill_value=0)
    x = np.arange(len(table))
    bottom = np.zeros(len(table))
    for cat in [c for c in CATEGORIES if c in table.columns]:
        colour = CATEGORY_STYLE.get(cat, CATEGORY_STYLE["other"])[0]
        ax.bar(x, table[cat].to_numpy(), bottom=bottom, color=colour, width=0.9,
               label=_wrap(fig, category_label(cat), 2.0, 5.8))
        bottom += table[cat].to_numpy()
    step = max(1, len(x) // 8)
    ax.set_xticks(x[::step], [str(p) for p in table.index[::step]], fontsize=6)
    ax.tick_params(axis="y", labelsize=6)
    ax.set_xlim(-0.6, len(x) - 0.4)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=5.8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if note:
        ax.text(0, -0.22, note + " / Чувствительные категории не показаны по месяцам.",
                transform=ax.transAxes, fontsize=6, va="top", color="#555555")
    return _lowest(fig, ax)


def _lowest(fig, ax) -> float:
    """Lowest point of an axes with its labels, legend and texts (figure fraction)."""
    return ax.get_tightbbox(fig.canvas.get_renderer()).y0 / fig.bbox.height


def _why(r: pd.Series) -> str:
    """A pair's or gap's why in English and, when kept as values, in Russian below it."""
    en_why = str(r["why"])
    ru_why = why_text(r.get("why_params"), "ru", fallback=en_why)
    return en_why if ru_why == en_why else f"{en_why}\n    {ru_why}"


def _pair_text(data: PrintData, hid: str) -> str:
    pairs = data.pairs
    rows = pairs[pairs["hotspot_id"].astype(str) == hid] \
        if pairs is not None and len(pairs) else pd.DataFrame()
    if rows.empty:
        return bi("none")
    return "\n".join(
        f"{i}. {r['kg_name']} (KG) — {r['tj_name']} (TJ); {bi('mode')}: "
        f"{vocab('mode', r['mode'], 'en')} / {vocab('mode', r['mode'], 'ru')}; "
        f"score / балл {float(r['score']):.2f}\n    {_why(r)}"
        for i, (_, r) in enumerate(rows.iterrows(), start=1))


def _gap_text(data: PrintData, h) -> str:
    gaps = data.gaps
    if gaps is None or not len(gaps):
        return bi("none")
    gx, gy = to_metric(gaps["centroid_lon"].to_numpy(float),
                       gaps["centroid_lat"].to_numpy(float))
    hx, hy = to_metric(np.array([h["centroid_lon"]]), np.array([h["centroid_lat"]]))
    near = (gaps["hotspot_id"].astype(str) == str(h["hotspot_id"])).to_numpy() | (
        np.hypot(gx - hx[0], gy - hy[0]) <= GAPS_NEAR_M)
    rows = gaps[near]
    return "\n".join(f"• {_why(r)}" for _, r in rows.iterrows()) if len(rows) else bi("none")


def _done_text(data: PrintData, h) -> str:
    """The actions near the hotspot, each with its before/after in English and Russian."""
    from analysis.evaluation import actions_near
    from i18n.followup import evaluation_text
    near = actions_near(data.actions, h.get("geometry")) if data.actions is not None else None
    if near is None or near.empty:
        return bi("none")
    lines = []
    for r in near.to_dict("records"):
        title_ru = r.get("title_ru") if isinstance(r.get("title_ru"), str) else ""
        lines.append(f"• {r['action_id']} {r['title_en']}: {evaluation_text(r, 'en')}")
        lines.append(f"    {title_ru + ': ' if title_ru else ''}{evaluation_text(r, 'ru')}")
    return "\n".join(lines)


def _lower(flow: Flow, data: PrintData, h, hid: str) -> None:
    """Recommended pairs, coverage gaps and what was done, one after the other below the
    monthly chart; what does not fit above the footer goes on under the same heading on a
    new page (:class:`maps.print.brief_flow.Flow`), so no text runs into another or the footer."""
    sections = [("pairs", _pair_text(data, hid)), ("gaps", _gap_text(data, h)),
                ("done", _done_text(data, h))]
    head = {"fontsize": 8.5, "fontweight": "bold"}
    body = {"fontsize": LOWER_PT, "linespacing": 1.3}
    for key, text in sections:
        flow.section(key, _wrap(flow.fig, text, 7.3, LOWER_PT, hang="    ").split("\n"),
                     head, body)


def _brief_footer(fig, data: PrintData, date) -> float:
    """The sources, disclaimer and protection at the page's foot, however long; returns
    the top of the footer (its rule), figure fraction."""
    d_en, d_ru = disclaimer(data.as_of())
    lines = [f"{bi('boundaries')}: {data.versions()}  ·  {bi('layer_dates')}: {data.layer_dates()}",
             f"{bi('sources')}: " + "; ".join(data.attributions()), d_en, d_ru]
    lines += protection_lines(data.protection)
    if data.protection is not None and data.protection.mode == "public":
        lines.append("Review before sharing: naming a place as a hotspot can stigmatise "
                     "it. / Проверьте перед распространением: обозначение места как "
                     "очага может стигматизировать его.")
    foot = fig.text(0.05, 0.012, "\n".join(_wrap(fig, x, 7.4, 5.6) for x in lines),
                    fontsize=5.6, va="bottom", color="#333333", linespacing=1.3)
    top = top_of(fig, foot) + 0.006
    fig.add_artist(_rule(fig, 0.05, top, 0.90))
    return top
