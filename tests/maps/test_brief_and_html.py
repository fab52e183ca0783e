"""Hotspot brief (one bilingual A4 page) and the standalone offline HTML map."""
from __future__ import annotations

import re

import folium
import pytest

from maps.print.brief import brief_file, normalise_hotspot_id
from maps.web.standalone import StandaloneError, external_resources, standalone_html
from tests import pdf_check

DATE = __import__("datetime").date(2026, 11, 25)


def _pdf_text(path) -> str:
    return pdf_check.text(path)


def test_brief_one_page_bilingual(tmp_path, scene_public):
    data, incidents = scene_public
    pdf, name = brief_file("hs-1", data, incidents, "public", DATE)
    assert name == "KGZ-TJK_Hotspot-brief-HS-001_A4_20261125.pdf"
    path = tmp_path / name
    path.write_bytes(pdf)
    assert pdf_check.page_count(path) == 1
    assert tuple(round(v) for v in pdf_check.page_size_pt(path)) == (595, 842)
    text = _pdf_text(path)
    for needle in ("Hotspot brief / Справка по очагу: HS-001",
                   "Incidents by category and month / Инциденты по категориям и месяцам",
                   "Priority score and its components", "Балл приоритета",
                   "Recommended pairs / Рекомендуемые пары",
                   "Coverage gaps nearby / Пробелы в охвате поблизости",
                   "Trend (emerging hot spot class) / Тенденция", "intensifying",
                   "CSWG Ak-Say (illustrative)", "no exchange of fire nearby → joint",
                   "HS-001 has no active mechanism", "do not imply official endorsement",
                   "не означают их официального одобрения", "© OpenStreetMap contributors",
                   "SYNTHETIC DEMO", "Data period / Период данных", "PUBLIC",
                   "Защита: ПУБЛИЧНЫЙ режим",
                   "Touches / Затрагивает: OSM/NE disagreement: DZ-001",
                   "Sensitive categories",
                   "Nearest settlements / Ближайшие населённые пункты: Ak-Say (Kyrgyzstan);",
                   "Chorkuh (Tajikistan)", "Ак-Сай / Ak-Say (Кыргызстан)"):
        assert needle in text, needle
    assert "0–1 km" in text  # distance to the line as a band in public mode
    assert "Private Person" not in text and "+996" not in text




def test_unknown_hotspot_named(scene_public):
    with pytest.raises(ValueError, match="HS-009.*known: HS-001"):
        brief_file("HS-009", scene_public[0], scene_public[1], "public", DATE)
    with pytest.raises(ValueError, match="hotspot id"):
        normalise_hotspot_id("north")


def _vendor(tmp_path, monkeypatch):
    """A tiny vendored-asset folder standing in for static/vendor."""
    import maps.web.offline as offline

    v = tmp_path / "vendor"
    (v / "lib" / "fonts").mkdir(parents=True)
    (v / "lib" / "lib.js").write_text("window.LIB_LOADED = '</script>';", encoding="utf-8")
    (v / "lib" / "fonts" / "x.woff2").write_bytes(b"\x00woff2")
    (v / "lib" / "fonts" / "x.ttf").write_bytes(b"\x00ttf")
    (v / "lib" / "lib.css").write_text(
        "@font-face{src:url(fonts/x.woff2) format('woff2'),url(fonts/x.ttf)}"
        ".a{background:url('missing.png')}", encoding="utf-8")
    monkeypatch.setattr(offline, "VENDOR_DIR", v)
    return v


def test_external_resources_detects_loads_not_links():
    doc = ('<a href="https://leafletjs.com">Leaflet</a>'
           '<script>var s="http://www.w3.org/2000/svg"</script>')
    assert external_resources(doc) == []
    assert external_resources('<script src="https://cdn.x/l.js"></script>')
    assert external_resources('<link rel="stylesheet" href="//cdn.x/a.css"/>')
    assert external_resources("<style>.a{background:url(https://x/y.png)}</style>")
    assert external_resources("<style>@import 'https://x/y.css';</style>")


def test_standalone_html_real_web_map_has_no_network_loads(scene_public):
    """F's web map with the vendored Leaflet assets, fully inlined."""
    from maps.web.html_export import html_map

    doc, name = html_map(scene_public[0], "Synthetic <test> scene", "en", DATE)
    assert name == "KGZ-TJK_Synthetic-test-scene_web_20261125.html"
    html = doc.decode("utf-8")
    assert external_resources(html) == []
    assert "/app/static" not in html
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert "L.map(" in html and "leaflet" in html.lower()
    assert "do not imply official endorsement" in html
    assert "не означают их официального одобрения" in html
    assert "© OpenStreetMap contributors" in html and "GeoNames" in html
    assert "Protection: PUBLIC" in html and "Защита: ПУБЛИЧНЫЙ режим" in html
    # which line the sides follow, and its date, as on the print
    assert "Layer dates / Даты слоёв: sides by OpenStreetMap as of December 2017" in html
    assert "Synthetic &lt;test&gt; scene" in html  # escaped title
    assert "data:font/woff2;base64," in html or "data:font/ttf;base64," in html
    # public hex counts: a layer of circles, small cells as '1–2', never a bare count
    assert "Incidents per area" in html and "1–2 × " in html
    assert "KGTJ-000001" not in html and "Private Person" not in html
    # the counts are in the layer control, and every layer it lists is defined before it
    block = re.search(r"_layers = \{(.*?)\};\s*let (\w+) = L\.control\.layers\(", html, re.S)
    overlays = dict(re.findall(r'"((?:[^"\\]|\\.)*)"\s*:\s*(\w+),', block[1]))
    assert any("Incidents per area" in name for name in overlays), list(overlays)
    for var in overlays.values():
        assert html.index(f"var {var} = ") < block.start(), var


def test_standalone_inlines_vendor_files(tmp_path, monkeypatch):
    v = _vendor(tmp_path, monkeypatch)
    import maps.web.standalone as sa

    m = folium.Map(tiles=None)
    with pytest.raises(StandaloneError, match="vendored asset|network"):  # CDN links
        standalone_html(m)
    m = folium.Map(tiles=None)
    m.default_js, m.default_css = [], []
    monkeypatch.setattr(sa, "_assets", lambda _m: [
        ("js", "/app/static/vendor/lib/lib.js", v / "lib" / "lib.js"),
        ("css", "/app/static/vendor/lib/lib.css", v / "lib" / "lib.css")])
    root = m.get_root()
    root.header.add_child(folium.Element(
        '<script src="/app/static/vendor/lib/lib.js"></script>'
        '<link rel="stylesheet" href="/app/static/vendor/lib/lib.css"/>'))
    html = standalone_html(m, ["note <b>", "second"], "T").decode("utf-8")
    assert "window.LIB_LOADED = '<\\/script>'" in html
    assert "data:font/woff2;base64,AHdvZmYy" in html
    assert "url(\"data:,\")" in html  # ttf fallback and the missing image: nothing fetched
    assert "note &lt;b&gt;" in html
    root.header.add_child(folium.Element('<script src="/app/static/vendor/other.js"></script>'))
    with pytest.raises(StandaloneError, match="other.js"):
        standalone_html(m)


def test_brief_gives_the_pair_why_in_russian_too(tmp_path, scene_public):
    """A why kept as values (why_params) is printed in English and, below it, in Russian;
    the brief stays one page."""
    from dataclasses import replace

    from analysis.why import PairWhy
    from i18n import why_text
    data, incidents = scene_public
    why = PairWhy(hotspot_id="HS-001", top=(("water_dispute", 12),), n_incidents=12,
                  extent_km=1.2, since="2024-05", kg_name="CSWG Ak-Say (illustrative)",
                  kg_name_ru=None, tj_name="CSWG Chorkuh (illustrative)", tj_name_ru=None,
                  shared=("water_dispute",), triggers=(), armed_km=15.0, window_days=90)
    pairs = data.pairs.assign(why=str(why), why_params=why.to_json())
    pdf, name = brief_file("hs-1", replace(data, pairs=pairs), incidents, "public", DATE)
    path = tmp_path / name
    path.write_bytes(pdf)
    text = " ".join(_pdf_text(path).split())
    ru = why_text(why, "ru")
    assert ru.split()[0] in text and " ".join(ru.split()[:4]) in text
    assert pdf_check.page_count(path) == 1
