"""Public maps (HTML export, print) show cells holding contested incidents as contested:
a dashed outline and 'n side contested', never a verdict and never a protected record."""
from __future__ import annotations

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from maps.print.print_data import build_print_data  # noqa: E402
from maps.print.print_layers import draw_public_counts  # noqa: E402
from maps.print.print_text import bi  # noqa: E402
from sharing.protect import ProtectionOptions  # noqa: E402
from tests.maps import conftest as scene  # noqa: E402
from tests.maps.conftest import DATE  # noqa: E402


def _public(contested_rows: int):
    """The synthetic scene, its first ``contested_rows`` incidents (in the hotspot) with a
    contested side; hex counts without categories so the cells are large enough to count."""
    layers, places = scene._layers(), scene._places()
    inc = scene._incidents()
    flag = np.zeros(len(inc), dtype=bool)
    flag[:contested_rows] = True
    inc["side_contested"] = flag
    engine = SimpleNamespace(layers=layers, claims=None, curated=None,
                             gazetteer=SimpleNamespace(places=places))
    return build_print_data(inc, engine, layers, mode="public",
                            options=ProtectionOptions(location="hex", by_category=False),
                            places=places, filters_text="all")


def test_html_export_marks_contested_cells():
    from maps.web.html_export import html_map

    html = html_map(_public(40), "Contested", "en", DATE)[0].decode("utf-8")
    assert "side contested / сторона оспаривается:" in html
    assert '"dashArray": "4 3"' in html
    assert "KGTJ-000001" not in html and "Private Person" not in html
    assert "Area with incidents whose side is contested (dashed ring)" in html  # the key
    plain = html_map(_public(0), "Plain", "en", DATE)[0].decode("utf-8")
    assert "сторона оспаривается:" not in plain and '"dashArray": "4 3"' not in plain
    assert "Area with incidents whose side is contested" not in plain


def test_print_counts_ring_contested_cells():
    data = _public(40)
    counts = data.incidents
    fig, ax = plt.subplots()
    try:
        handles = draw_public_counts(ax, counts, 40.0)
        rings = [c for c in ax.collections if c.get_gid() == "contested"]
        assert len(rings) == 1 and len(rings[0].get_offsets()) >= 1
        assert bi("contested_counts") in [label for _, label in handles]
    finally:
        plt.close(fig)
    fig, ax = plt.subplots()
    try:
        handles = draw_public_counts(ax, _public(0).incidents, 40.0)
        assert not [c for c in ax.collections if c.get_gid() == "contested"]
        assert bi("contested_counts") not in [label for _, label in handles]
    finally:
        plt.close(fig)


def test_hotspot_tooltip_counts_contested_incidents():
    from dataclasses import replace

    from maps.web.html_export import html_map

    data = _public(0)
    clusters = scene._clusters(scene._incidents()).assign(n_contested=7)
    for lang, text in (("en", "7 of 40 incidents: side contested"),
                       ("ru", "7 из 40 инцидентов: сторона оспаривается")):
        html = html_map(replace(data, clusters=clusters), "H", lang, DATE)[0].decode("utf-8")
        assert text in html
    html = html_map(replace(data, clusters=clusters.assign(n_contested=0)), "H", "en",
                    DATE)[0].decode("utf-8")
    assert "side contested" not in html.split("Hotspot #1")[1][:200]


def test_brief_says_contested_in_both_languages(tmp_path):
    from dataclasses import replace

    from maps.print.brief import brief_file
    from tests import pdf_check

    inc = scene._incidents()
    clusters = scene._clusters(inc).assign(
        n_contested=7, contested_text="7 of 40 incidents: side contested — the source says "
                                      "KG, the line says TJ")
    data = replace(_public(0), clusters=clusters)
    pdf, name = brief_file("HS-001", data, inc, "public", DATE)
    (tmp_path / name).write_bytes(pdf)
    text = " ".join(pdf_check.text(tmp_path / name).split())
    assert "7 of 40 incidents: side contested" in text
    assert "7 из 40 инцидентов: сторона оспаривается" in text


def test_contested_hotspot_outline_dashed_on_web_and_print():
    from dataclasses import replace

    from maps.print.print_layers import draw_hotspots
    from maps.web.html_export import html_map

    clusters = scene._clusters(scene._incidents())
    data = _public(0)
    html = html_map(replace(data, clusters=clusters.assign(n_contested=7)), "H", "en",
                    DATE)[0].decode("utf-8")
    assert '"dashArray":"6 4"' in html and '"c":1' in html
    plain = html_map(replace(data, clusters=clusters.assign(n_contested=0)), "H", "en",
                     DATE)[0].decode("utf-8")
    assert '"c":1' not in plain
    for n, expect in ((7, True), (0, False)):
        fig, ax = plt.subplots()
        try:
            handles = draw_hotspots(ax, clusters.assign(n_contested=n), True)
            dashed = [c for c in ax.collections if c.get_gid() == "contested_hotspot"]
            assert bool(dashed) is expect
            assert (bi("contested_hotspot") in [label for _, label in handles]) is expect
        finally:
            plt.close(fig)
