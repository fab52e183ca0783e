"""Print maps checked in pure Python (pypdf): page size, text, fonts, determinism, reference
image; one test rasterises the PDF with poppler when it is installed."""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from maps.print.labels import label_text
from maps.print.print_layout import PrintSpec, print_filename, short_title
from maps.print.printmap import build_figure, render_print_map
from tests import pdf_check

DATE = __import__("datetime").date(2026, 11, 25)
REFERENCE = Path(__file__).parent / "data" / "reference_print_A4_landscape_40dpi.png"
MAX_MEAN_ABS_DIFF = 3.0  # of 255, averaged over all pixels and channels


def _pdf(tmp_path, data, **spec) -> Path:
    spec = PrintSpec(**({"title": "Synthetic test scene", "production_date": DATE} | spec))
    path = tmp_path / print_filename(spec.title, spec.paper, DATE, "pdf")
    path.write_bytes(render_print_map(spec, data))
    return path


def _text(path: Path) -> str:
    return pdf_check.text(path)


@pytest.mark.parametrize("paper,orientation,size", [
    ("A4", "landscape", (842, 595)), ("A4", "portrait", (595, 842)),
    ("A3", "landscape", (1191, 842)), ("A3", "portrait", (842, 1191)),
])
def test_page_size_and_one_page(tmp_path, scene_public, paper, orientation, size):
    path = _pdf(tmp_path, scene_public[0], paper=paper, orientation=orientation)
    w, h = pdf_check.page_size_pt(path)
    assert (round(w), round(h)) == size
    assert pdf_check.page_count(path) == 1


def test_pdf_carries_title_disclaimer_sources_scale_and_protection(tmp_path, scene_public):
    path = _pdf(tmp_path, scene_public[0], subtitle="Water and land disputes, 2024–2025")
    text = _text(path)
    for needle in ("Synthetic test scene", "Water and land disputes, 2024–2025",
                   "do not imply official endorsement or acceptance",
                   "не означают их официального одобрения",
                   "not as a verdict", "© OpenStreetMap contributors", "GeoNames",
                   "SYNTHETIC DEMO", "Legend / Условные обозначения",
                   "categories: all; 2024-01-01 – 2025-06-30",  # filters applied
                   "PUBLIC", "2 km hexagons", "fewer than 3 shown as '1–2'",
                   "ПУБЛИЧНЫЙ режим", "Защита: ПУБЛИЧНЫЙ",  # the panel's and the footer's
                   "2026-11-25", "2026-11-01",  # production date, status as of
                   "as of December 2017", "на декабрь 2017",  # the disclaimer's, worded
                   "countries-land-10m 0.6.0", "KGZ-TJK_Synthetic-test-scene_A4_20261125"):
        assert needle in text, needle
    assert re.search(r"\b\d+ km\b", text), "scale bar text missing"
    assert "N" in text  # north arrow letter
    assert "Private Person" not in text and "+996" not in text
    assert "PUBLIC" in pdf_check.metadata(path).get("Subject", "")


def test_bilingual_labels_of_both_sides_with_kyrgyz_and_tajik_letters(tmp_path,
                                                                     scene_internal):
    data = scene_internal[0]
    text = _text(_pdf(tmp_path, data, mode="internal", labels=("ky", "tg")))
    assert "Үңкүр" in text  # Kyrgyz ү ң
    assert "Чоркуҳ" in text  # Tajik ҳ
    text_ru = _text(_pdf(tmp_path, data, mode="internal", labels=("en", "ru")))
    for name in ("Ak-Say", "Ак-Сай", "Chorkuh", "Чоркух"):
        assert name in text_ru, name
    fonts = pdf_check.font_names(tmp_path / print_filename("Synthetic test scene", "A4", DATE,
                                                           "pdf"))
    assert any("DejaVuSans" in f for f in fonts), fonts


def test_labels_do_not_overlap(scene_internal):
    spec = PrintSpec(title="t", mode="internal", production_date=DATE)
    fig = build_figure(spec, scene_internal[0])
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    names = {label_text(r, ("en", "ru")) for _, r in scene_internal[0].places.iterrows()}
    boxes = [t.get_window_extent(renderer) for t in ax.texts
             if t.get_text() in names and t.get_gid() != "halo"]
    assert len(boxes) >= 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_public_map_refuses_unprotected_points(scene_internal):
    with pytest.raises(ValueError, match="protected"):
        render_print_map(PrintSpec(title="t", mode="public"), scene_internal[0])


def test_pdf_is_deterministic(scene_public):
    spec = PrintSpec(title="Determinism", production_date=DATE)
    assert render_print_map(spec, scene_public[0]) == render_print_map(spec, scene_public[0])


def test_reference_render_within_tolerance(scene_public):
    spec = PrintSpec(title="Synthetic test scene", fmt="png", dpi=40, production_date=DATE)
    png = render_print_map(spec, scene_public[0])
    if os.environ.get("KGTJ_UPDATE_REFERENCE") == "1":
        REFERENCE.write_bytes(png)
    got = imread(io.BytesIO(png))
    ref = imread(REFERENCE)
    assert got.shape == ref.shape == (330, 467, 4)
    diff = np.abs(got[..., :3].astype(float) - ref[..., :3].astype(float)).mean() * 255
    assert diff < MAX_MEAN_ABS_DIFF, f"mean abs pixel difference {diff:.2f}"
    # the comparison can fail: a blank page differs from the reference by far more
    blank = np.ones_like(ref[..., :3])
    assert np.abs(blank - ref[..., :3]).mean() * 255 > 5 * MAX_MEAN_ABS_DIFF


def test_rasterised_pdf_has_a_map(tmp_path, scene_public):
    path = _pdf(tmp_path, scene_public[0])
    img = imread(pdf_check.rasterise(path, tmp_path / "page"))
    assert img.shape[1] > img.shape[0]  # landscape
    map_area = img[int(0.15 * img.shape[0]):int(0.75 * img.shape[0]),
                   int(0.03 * img.shape[1]):int(0.70 * img.shape[1]), :3]
    assert map_area.std() > 0.02  # drawn, not blank


def test_file_names_follow_ocha_pattern():
    assert print_filename("Incidents near Vorukh, 2024", "A3", DATE, "pdf") == \
        "KGZ-TJK_Incidents-near-Vorukh-2024_A3_20261125.pdf"
    assert short_title("Инциденты у Ворух") == "Intsidenty-u-Vorukh"
    with pytest.raises(ValueError):
        print_filename("x", "A5", DATE, "pdf")
    with pytest.raises(ValueError, match="paper"):
        PrintSpec(paper="Letter")


def test_curated_and_claims_layers_drawn_neutrally_with_their_date(scene_public):
    import dataclasses

    import geopandas as gpd
    import shapely

    data = scene_public[0]
    x0, y0, x1, y1 = data.layers.countries.total_bounds
    mid = (y0 + y1) / 2
    curated = gpd.GeoDataFrame(
        {"curated_id": ["C1", "C2"], "kind": ["segment", "segment"], "name": ["a", "b"],
         "status": ["disputed", "undemarcated"], "status_as_of": ["2025-03-13", "2024-01-01"],
         "source": ["Border treaty 2025 (user)", "Field note"], "note": [None, None]},
        geometry=[shapely.LineString([(x0 + 0.05, mid), (x0 + 0.1, mid + 0.02)]),
                  shapely.LineString([(x0 + 0.12, mid), (x0 + 0.15, mid)])], crs=4326)
    claims = gpd.GeoDataFrame({"overlap_id": ["OV-1"]}, geometry=[shapely.box(
        x0 + 0.05, mid - 0.03, x0 + 0.1, mid)], crs=4326)
    data = dataclasses.replace(data, curated=curated, claims=claims)
    fig = build_figure(PrintSpec(title="t", production_date=DATE), data)
    texts = " ".join(t.get_text() for t in fig.findobj(
        lambda a: hasattr(a, "get_text") and callable(a.get_text)))
    assert "Curated: disputed" in texts and "Curated: undemarcated" in texts
    assert "Overlap of official admin. claims (COD-AB)" in texts
    assert "as of 2025-03-13" in texts  # the latest curated status date
    assert "Border treaty 2025 (user)" in texts and "OCHA COD-AB" in texts


def test_public_period_is_coarsened_with_the_dates(scene_public):
    from types import SimpleNamespace

    from maps.print.print_data import build_print_data
    from sharing.protect import ProtectionOptions

    data, inc = scene_public
    inc = inc.assign(sensitivity="public")  # a public product states its public records' dates
    engine = SimpleNamespace(layers=data.layers, claims=None, curated=None,
                             gazetteer=SimpleNamespace(places=data.places))
    exact = build_print_data(inc, engine, data.layers, mode="public")
    month = build_print_data(inc, engine, data.layers, mode="public",
                             options=ProtectionOptions(date_coarsen="month"))
    first, last = exact.period
    assert month.period_text() == (f"{first:%Y-%m}-01 – "
                                   f"{(last + __import__('pandas').offsets.MonthEnd(0)):%Y-%m-%d}")
    assert month.period_text() != exact.period_text()


def test_public_period_and_sources_are_the_public_records_own(scene_public):
    """A restricted record later than every public one, from a source of its own, changes
    neither the period nor the sources a public product states (it is only counted)."""
    from types import SimpleNamespace

    import pandas as pd

    from maps.print.print_data import build_print_data

    data, inc = scene_public
    inc = inc.assign(sensitivity="public")
    engine = SimpleNamespace(layers=data.layers, claims=None, curated=None,
                             gazetteer=SimpleNamespace(places=data.places))
    late = inc.iloc[[0]].assign(event_id="KGTJ-999999", sensitivity="restricted",
                                event_date=pd.Timestamp("2030-11-30"),
                                source_dataset="Internal monitoring records")
    public = build_print_data(pd.concat([inc, late], ignore_index=True), engine, data.layers,
                              mode="public")
    alone = build_print_data(inc, engine, data.layers, mode="public")
    assert public.period == alone.period and "2030" not in public.period_text()
    assert "Internal monitoring records" not in public.incident_sources
    internal = build_print_data(pd.concat([inc, late], ignore_index=True), engine,
                                data.layers, mode="internal")
    assert "2030" in internal.period_text()  # an internal product states everything


def test_every_product_file_is_named_by_one_function():
    """Print map, brief, offline HTML map and data export: one name pattern, one function
    (fileio.product_filename) — each product's name is that function's answer."""
    import datetime as dt

    from fileio import product_filename
    from maps.print.brief import brief_filename
    from maps.web.standalone import standalone_filename
    from sharing.export import export_bytes

    day = dt.date(2026, 11, 25)
    assert print_filename("Map", "A3", day, "png") == product_filename("Map", "A3", day, "png")
    assert brief_filename("HS-004", day) == product_filename("Hotspot-brief-HS-004", "A4", day,
                                                             "pdf")
    assert standalone_filename("Карта", day) == product_filename("Karta", "web", day, "html")
    import pandas as pd

    from incidents.access import LOCAL_ADMIN
    from incidents.schema import conform
    _, name, _ = export_bytes(conform(pd.DataFrame()), "geojson", None, mode="internal",
                              date=day, principal=LOCAL_ADMIN)
    assert name == product_filename("incidents", "internal", day, "geojson")
