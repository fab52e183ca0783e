"""A large CSV is imported in chunks (incidents.stream_import): the same rows, row numbers,
rejections and duplicates as a whole-file import, and still atomic."""
from __future__ import annotations

import pandas as pd
import pytest

from incidents import stream_import
from incidents.cli import main
from incidents.wiring import open_store

ROWS = [
    "2024-05-01,Ak-Say,39.87,70.52,youth_clash,first",
    "",
    "2024-05-02,Vorukh,39.85,70.58,water_dispute,\"two\nlines\"",
    "not a date,Vorukh,39.85,70.58,youth_clash,bad date",
    "2024-05-03,Ak-Say,-0.0,1e-320,youth_clash,outside",
    "2024-05-01,Ak-Say,39.87,70.52,youth_clash,first",  # the same as row 2
    "2024-05-04,Chorkuh,39.97,70.60,road_crash,=1+1",
] * 4 + ["2024-06-01,Isfara,40.12,70.62,water_dispute,last"]


def _csv(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("date,village,lat,lon,type,notes\n" + "\n".join(ROWS) + "\n",
                    encoding="utf-8")
    return path


def _import(tmp_path, name, path, capsys) -> tuple[dict, pd.DataFrame]:
    import json
    db = f"sqlite:///{tmp_path / (name + '.sqlite')}"
    out = tmp_path / f"{name}.json"
    assert main(["import", str(path), "--db", db, "--report", str(out)]) == 0
    capsys.readouterr()
    store = open_store(db)
    try:
        from incidents.access import LOCAL_ADMIN
        rows = store.load(principal=LOCAL_ADMIN)
    finally:
        store.close()
    keep = ["event_date", "category", "location", "lat", "lon", "notes"]
    rows = pd.DataFrame(rows)[keep].sort_values(keep).reset_index(drop=True)
    return json.loads(out.read_text()), rows


def test_chunks_give_the_same_import_as_the_whole_file(tmp_path, monkeypatch, capsys):
    path = _csv(tmp_path)
    whole, rows_whole = _import(tmp_path, "whole", path, capsys)
    monkeypatch.setattr(stream_import, "STREAM_BYTES", 0)
    called = []
    real = stream_import.import_stream
    monkeypatch.setattr(stream_import, "import_stream",
                        lambda *a, **k: called.append(1) or real(*a, **k, chunk_rows=5))
    chunked, rows_chunked = _import(tmp_path, "chunked", path, capsys)
    assert called and len(rows_whole) == 4  # the distinct good rows
    for key in ("rows_read", "inserted", "updated", "duplicates", "rejected_count"):
        assert chunked[key] == whole[key], key
    assert [(r["row_number"], r["field"]) for r in chunked["rejected"]] == \
        [(r["row_number"], r["field"]) for r in whole["rejected"]]
    pd.testing.assert_frame_equal(rows_chunked, rows_whole)
    assert any("chunks" in w for w in chunked["warnings"])


def test_a_failing_chunk_leaves_the_store_unchanged(tmp_path, monkeypatch):
    from incidents import import_writer
    path = _csv(tmp_path)
    monkeypatch.setattr(stream_import, "STREAM_BYTES", 0)
    monkeypatch.setattr(stream_import, "CHUNK_ROWS", 5)
    calls = []
    real = import_writer.write_import

    def fail_third(*a, **k):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(*a, **k)
    monkeypatch.setattr(import_writer, "write_import", fail_third)
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    with pytest.raises(OSError):
        from incidents.file_import import import_file
        from incidents.wiring import load_resources
        store = open_store(db)
        res = load_resources(store=store)
        try:
            from incidents.access import LOCAL_ADMIN
            import_file(path, store, engine=res.engine, gazetteer=res.gazetteer,
                        principal=LOCAL_ADMIN)
        finally:
            store.close()
    assert len(calls) == 3
    store = open_store(db)
    try:
        from incidents.access import LOCAL_ADMIN
        assert store.count(principal=LOCAL_ADMIN) == 0
    finally:
        store.close()


def test_a_source_id_repeated_in_a_later_chunk_is_rejected_as_in_a_whole_file(
        tmp_path, monkeypatch, capsys):
    import io

    from incidents.importers.acled_layout import synthetic_acled_csv
    df = pd.read_csv(io.BytesIO(synthetic_acled_csv(12, seed=4)), dtype=str,
                     keep_default_na=False, encoding="utf-8-sig")
    df.loc[9, "event_id_cnty"] = df.loc[1, "event_id_cnty"]  # same id, other content
    df.loc[10] = df.loc[2]  # an exact repeat: a duplicate
    path = tmp_path / "acled.csv"
    df.to_csv(path, index=False)
    whole, rows_whole = _import(tmp_path, "whole", path, capsys)
    monkeypatch.setattr(stream_import, "STREAM_BYTES", 0)
    monkeypatch.setattr(stream_import, "CHUNK_ROWS", 4)
    chunked, rows_chunked = _import(tmp_path, "chunked", path, capsys)
    assert whole["rejected_count"] >= 1
    for key in ("rows_read", "inserted", "updated", "duplicates", "rejected_count"):
        assert chunked[key] == whole[key], key
    assert [(r["row_number"], r["field"], r["reason"]) for r in chunked["rejected"]] == \
        [(r["row_number"], r["field"], r["reason"]) for r in whole["rejected"]]
    pd.testing.assert_frame_equal(rows_chunked, rows_whole)
