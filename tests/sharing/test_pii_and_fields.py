"""Personal fields out, PII scan on notes, dates coarsened, report in plain words."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from sharing.fields import DROPPED_FIELDS
from sharing.pii import scan_notes, scan_text
from sharing.protect import ProtectionOptions, protect, protect_for_public

PII_TEXTS = {
    "phone": ["Call +996 555 123 456", "звоните 0555 12 34 56", "TJ +992 92 777 1234",
              "tel. 927771234"],
    "email": ["write to aziz.k@mail.ru"],
    "name_with_age": ["Aziz, 23, was beaten", "Азиз (23 года) пострадал",
                      "a 17-year-old boy"],
    "passport_or_id": ["passport AN1234567", "паспорт № 1234567"],
}
CLEAN = ["Clash on 2021-04-29 near the canal", "From 29.04.2021 to 01.05.2021",
         "Water dispute over canal, 3 injured", "200 people protested", "Road 12, km 45"]


@pytest.mark.parametrize("kind,text", [(k, t) for k, ts in PII_TEXTS.items() for t in ts])
def test_scan_finds_personal_data(kind, text):
    assert kind in [k for k, _ in scan_text(text)]


@pytest.mark.parametrize("text", CLEAN)
def test_scan_leaves_ordinary_text(text):
    assert scan_text(text) == []


def test_scan_notes_names_rows_and_masks():
    notes = pd.Series(["fine", "Call +996 555 123 456", None])
    found = scan_notes(notes, pd.Series(["E1", "E2", "E3"]))
    assert [(f.row, f.label, f.kind) for f in found] == [(1, "E2", "phone")]
    assert "123 456" not in found[0].excerpt


def _frame(world, n=4, **cols):
    x = np.full(n, -30000.0) + np.arange(n) * 10
    y = np.full(n, 20000.0)
    return world.incidents_at(x, y, **cols)


def test_public_rows_have_no_personal_fields(world):
    df = _frame(world, actor1="Aziz Karimov", actor2="Private person",
                location="house of Aziz Karimov", extra=json.dumps({"phone": "+996555"}),
                geocode_match="x", border_dist_m=1234.0, source_event_id="kobo-uuid-1",
                source="monitor Aziz")
    out, report = protect_for_public(df, world.engine,
                                     ProtectionOptions(location="settlement"))
    assert (out["record_type"] == "incident").all()
    assert not set(DROPPED_FIELDS) & set(out.columns)
    text = out.drop(columns="geometry").astype(str).to_csv()
    for secret in ("Aziz", "Karimov", "+996555", "kobo-uuid-1", "monitor"):
        assert secret not in text
    assert set(out["border_dist_band"]) == {"1–5 km"}
    assert any("actor1" in line for line in report.lines())


def test_published_sources_keep_their_ids(world):
    df = _frame(world, n=2, source_dataset=["acled", "kobo"],
                source_event_id=["KGZ1234", "uuid-77"], source=["AKIpress", "monitor"])
    out, _ = protect_for_public(df, world.engine, ProtectionOptions(location="settlement"))
    assert out["source_event_id"].tolist()[0] == "KGZ1234"
    assert pd.isna(out["source_event_id"].tolist()[1]) and pd.isna(out["source"].tolist()[1])


def test_notes_only_shareable_and_clean(world):
    notes = ["Canal gate damaged", "Aziz, 23, injured; call +996 555 123 456",
             "Secret note", "Fence built"]
    df = _frame(world, notes=notes, notes_shareable=[True, True, False, False])
    opts = ProtectionOptions(location="settlement", keep_notes_marked_shareable=True)
    out, report = protect_for_public(df, world.engine, opts)
    kept = dict(zip(out["event_id"], out["notes"], strict=True))
    assert kept["KGTJ-000001"] == "Canal gate damaged"
    assert all(pd.isna(kept[k]) for k in ("KGTJ-000002", "KGTJ-000003", "KGTJ-000004"))
    assert report.pii_rows == {"KGTJ-000002": ["phone", "name_with_age"]}
    assert any("KGTJ-000002" in w and "withheld" in w for w in report.warnings)
    # without the option, no note at all
    out2, _ = protect_for_public(df, world.engine, ProtectionOptions(location="settlement"))
    assert out2["notes"].isna().all()


@pytest.mark.parametrize("unit,expected", [("week", "2024-05-13"), ("month", "2024-05-01")])
def test_dates_coarsened(world, unit, expected):
    df = _frame(world, n=1, event_date=pd.Timestamp("2024-05-15"))
    # a count of one is a small cell: its period is the whole quarter (issue 15)
    for loc, col, want in (("settlement", "event_date", expected),
                           ("hex", "period_start", "2024-04-01")):
        out, report = protect_for_public(
            df, world.engine, ProtectionOptions(location=loc, date_coarsen=unit))
        assert out[col].iloc[0] == pd.Timestamp(want)
        assert unit in report.headline()
    assert df["event_date"].iloc[0] == pd.Timestamp("2024-05-15")


def test_report_is_plain_and_serialisable(world):
    df = _frame(world)
    out, report = protect_for_public(df, world.engine, ProtectionOptions())
    d = json.loads(json.dumps(report.to_dict(), default=str))
    assert d["mode"] == "public" and d["n_input"] == 4 and d["n_output"] == len(out)
    assert "2 km hexagons" in report.headline()
    internal_df, internal = protect(df, world.engine, mode="internal")
    assert internal_df is df and "INTERNAL" in internal.headline()
    with pytest.raises(ValueError, match="mode"):
        protect(df, world.engine, mode="secret")


def test_missing_columns_named(world):
    with pytest.raises(ValueError, match="lon"):
        protect_for_public(pd.DataFrame({"event_id": ["a"]}), world.engine)
