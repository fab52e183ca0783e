"""An incident file that cannot be read as a whole (empty, a KML, an unreadable encoding, no
date column, too many rows...) is refused with a keyed message (ImportFileError is an
incidents.messages.KeyedError): the Incidents page shows it in the user's language
(i18n.error_text), the file's name and values as written, and its English text is what the
CLI and the reports always said."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from types import SimpleNamespace

import openpyxl
import pytest

import i18n
from incidents.importers import limits, read_any, source
from incidents.importers.result import ImportFileError
from incidents.messages import Msg

CSV = b"date,village,lat,lon\n2024-05-01,Ak-Say,39.87,70.52\n"
GEOJSON = json.dumps({"type": "FeatureCollection", "features": [{
    "type": "Feature", "geometry": {"type": "Point", "coordinates": [70.52, 39.87]},
    "properties": {"date": "2024-05-01"}}]}).encode()
KML = (b'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
       b"<Document/></kml>\n")


def _xlsx(rows: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["date", "village", "lat", "lon"])
    for _ in range(rows):
        sheet.append(["2024-05-01", "Ak-Say", 39.87, 70.52])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _not_a_workbook() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    return buf.getvalue()


class _Results(list):
    def __init__(self, best):
        super().__init__([best] if best else [])
        self._best = best

    def best(self):
        return self._best


def _fake_detector(encoding: str | None, chaos: float = 0.0):
    best = None if encoding is None else SimpleNamespace(
        encoding=encoding, chaos=chaos, coherence=0.0)
    return lambda data, **kw: _Results(best)


CASES = [  # (what, call); each call raises ImportFileError
    ("empty", lambda tmp: read_any(b"", filename="e.csv")),
    ("header only", lambda tmp: read_any(b"date,village\n", filename="h.csv")),
    ("not found", lambda tmp: read_any(tmp / "none.csv")),
    ("unknown format", lambda tmp: read_any(CSV, fmt="shapefile", filename="x.csv")),
    ("container", lambda tmp: read_any(GEOJSON, fmt="acled", filename="x.geojson")),
    ("mapping field", lambda tmp: read_any(CSV, mapping={"colour": "village"},
                                           filename="m.csv")),
    ("mapping column", lambda tmp: read_any(CSV, mapping={"event_date": "Nope"},
                                            filename="m.csv")),
    ("kml", lambda tmp: read_any(KML, filename="points.kml")),
    ("xls", lambda tmp: read_any(b"\xd0\xcf\x11\xe0" + b"x" * 64, filename="old.xls")),
    ("utf-16", lambda tmp: read_any(b"\xff\xfe" + "date\n".encode("utf-16-le") + b"a",
                                    filename="u.csv")),
    ("encoding tie", lambda tmp: read_any(b"date,village\n16.05.2025,\x98\x98\n",
                                          filename="a.csv")),
    ("no date", lambda tmp: read_any(b"village,lat\nA,39.9\n", filename="n.csv")),
    ("kobo no date", lambda tmp: read_any(b"village,_uuid\nA,1\n", fmt="kobo",
                                          filename="k.csv")),
    ("acled no date", lambda tmp: read_any(b"village,event_type\nA,Riots\n", fmt="acled",
                                           filename="a.csv")),
    ("not xlsx", lambda tmp: read_any(b"hello, world", filename="x.xlsx")),
    ("bad zip", lambda tmp: read_any(_not_a_workbook().replace(b"PK\x01\x02", b"XX\x01\x02"),
                                     filename="x.xlsx")),  # its directory broken
    ("not a workbook", lambda tmp: read_any(_not_a_workbook(), filename="x.xlsx")),
    ("long cell", lambda tmp: read_any(
        CSV + b'2024-05-02,"' + b"x" * (csv.field_size_limit() + 10) + b'",1,2\n',
        filename="big.csv")),
    ("open quote", lambda tmp: read_any(CSV + b'2024-05-02,"open,1,2\n2024-05-03,x,1,2\n',
                                        filename="q.csv")),
    ("bad vector", lambda tmp: read_any(b'{"type": "FeatureCollection", "features": [',
                                        filename="v.geojson")),
    ("no features", lambda tmp: read_any(b'{"type": "FeatureCollection", "features": []}',
                                         filename="v.geojson")),
]


def import_errors(tmp_path, monkeypatch) -> list[ImportFileError]:
    """One error per case above and per limit and encoding verdict."""
    out = []
    for what, call in CASES:  # noqa: B007 - what: the case, for a reader
        with pytest.raises(ImportFileError) as err:
            call(tmp_path)
        out.append(err.value)
    with monkeypatch.context() as mp:  # the limits, made small
        mp.setattr(limits, "MAX_XLSX_EXPANDED_MB", 0)
        with pytest.raises(ImportFileError) as err:
            read_any(_xlsx(2), filename="w.xlsx")
        out.append(err.value)
        mp.setattr(limits, "MAX_ROWS", 1)
        mp.setattr(source, "MAX_ROWS", 1)
        with pytest.raises(ImportFileError) as err:
            read_any(CSV + CSV.splitlines(keepends=True)[1] * 2, filename="r.csv")
        out.append(err.value)
        mp.setattr(limits, "MAX_ROWS", 1000)
        mp.setattr(source, "MAX_ROWS", 1000)
        mp.setattr(limits, "MAX_CELLS", 4)
        with pytest.raises(ImportFileError) as err:
            read_any(CSV + CSV.splitlines(keepends=True)[1], filename="c.csv")
        out.append(err.value)
    import charset_normalizer
    latin = b"date,village\n16.05.2025,\xe9\xe9\n"
    for guess, data in ((_fake_detector(None), latin),
                        (_fake_detector("cp1251", chaos=0.9), latin),
                        (_fake_detector("ascii"), latin),
                        (_fake_detector("latin-1"), b"date,village\n16.05.2025,\xe9\x00\n")):
        with monkeypatch.context() as mp:
            mp.setattr(charset_normalizer, "from_bytes", guess)
            with pytest.raises(ImportFileError) as err:
                read_any(data, filename="enc.csv")
            out.append(err.value)
    out.append(ImportFileError(source._csv_error("s.csv", "some other csv error", 7)))
    return out


def import_reasons(tmp_path, monkeypatch) -> list[Msg]:
    """Every keyed message the whole-file errors hold."""
    return [err.head for err in import_errors(tmp_path, monkeypatch)]


def test_every_whole_file_error_is_keyed_and_russian(tmp_path, monkeypatch):
    from tests.app.test_reasons_ru import english_words
    errors = import_errors(tmp_path, monkeypatch)
    keys = [e.head.key for e in errors if isinstance(e.head, Msg)]
    assert len(keys) == len(errors), [str(e) for e in errors if not isinstance(e.head, Msg)]
    assert len(set(keys)) == len(keys) >= 29, sorted(keys)  # one case per key
    for err in errors:
        en, ru = i18n.error_text(err, "en"), i18n.error_text(err, "ru")
        assert en == str(err) and ru != en
        values = [str(v) for _, v in err.head.params if isinstance(v, str)]
        rest = ru
        for value in sorted(values, key=len, reverse=True):
            rest = rest.replace(value, " ")
        assert not english_words(rest), (en, ru)


def test_the_english_stays_as_the_cli_wrote_it(tmp_path):
    with pytest.raises(ImportFileError) as err:
        read_any(b"village,lat\nA,39.9\n", filename="n.csv")
    assert str(err.value) == (
        "n.csv: no date column found (looked for headers such as 'date', 'Дата', "
        "'event_date'); columns are: village, lat. Give the mapping explicitly, e.g. "
        "mapping={'event_date': 'My date column'}")
    assert i18n.error_text(err.value, "ru").startswith("n.csv: не найден столбец даты")
