"""The import report on names (issue 17): ambiguous and far names listed with their
candidates, rows waiting; compound names resolved to their parts at precision 2; a district
column resolving a shared name. Real geocoder, fixture border gazetteer (tests/geo/fixtures:
real rows of Arka, Kek-Tash, Chorkuh, Maksat; fictitious "Twinkishlak", "Farkishlak")."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from geo.gazetteer import Gazetteer
from i18n.report_text import report_text
from incidents.access import LOCAL_ADMIN
from incidents.store import IncidentStore
from tests.incidents.store_fakes import FakeEngine, parsed, record

FIXTURE = Path(__file__).parents[1] / "geo" / "fixtures" / "border_settlements_test.csv"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.build(curated_files=[FIXTURE])


def test_names_in_the_import_report(tmp_path, gaz):
    nan = float("nan")

    def name_only(i: int, location: str, **kw) -> dict:
        return record(i, location=location, lon=nan, lat=nan, geo_precision=pd.NA,
                      geocode_method="unresolved", **kw)

    recs = [name_only(1, "Kek-Tash / Chorkuh"), name_only(2, "near Arka"),
            name_only(3, "с. Максат"), name_only(4, "Twinkishlak"),
            name_only(5, "Twinkishlak", admin2_given="Leilek"),
            name_only(6, "Farkishlak", country="KGZ"),
            name_only(7, "Twinkishlak")]
    store = IncidentStore(f"sqlite:///{tmp_path / 's.sqlite'}")
    rep = store.import_parsed(parsed(recs), engine=FakeEngine(), gazetteer=gaz,
                              file_name="names.csv", principal=LOCAL_ADMIN)
    assert (rep.inserted, rep.geocoded, rep.unresolved) == (7, 4, 3)
    df = store.load(principal=LOCAL_ADMIN).set_index("source_event_id")
    assert df.loc["KGZ0001", "geo_precision"] == 2
    assert df.loc["KGZ0001", "geocode_method"] == "border_gazetteer"
    assert "cur:KGZ-BAT-kek-tash+cur:TJK-ISF-chorkuh" in df.loc["KGZ0001", "geocode_match"]
    assert df.loc["KGZ0005", "lat"] == pytest.approx(40.10)  # the district column chose
    assert df.loc["KGZ0004", "review_flags"] == "geocode_ambiguous"
    assert df.loc["KGZ0006", "review_flags"] == "geocode_far"
    assert len(json.loads(df.loc["KGZ0004", "geocode_candidates"])) == 2
    # the report: each ambiguous name once, with its candidates and rows
    [amb] = rep.ambiguous_names
    assert (amb["name"], amb["rows"]) == ("Twinkishlak", 2)
    assert sorted(c["district"] for c in amb["candidates"]) == ["Batken", "Leilek"]
    [far] = rep.far_names
    assert far["name"] == "Farkishlak" and far["candidates"][0]["country"] == "KGZ"
    # "с. Максат" is Maksat itself (the settlement word is no part of the name's key)
    assert {c["name"] for c in rep.compound_names} == {"Kek-Tash / Chorkuh", "near Arka"}
    assert df.loc["KGZ0003", "geocode_match"] == "Maksat (cur:KGZ-LEI-maksat)"
    assert "  неоднозначные названия (строки ждут выбора; столбец района разрешает их): 1" in \
        report_text(rep, "ru").splitlines()
    text = report_text(rep, "en")
    assert "ambiguous names" in text and "Othercommunity" in text and "Testcommunity" in text
    assert "far from the border" in text and "compound names" in text
    assert json.loads(rep.to_json())["ambiguous_names"][0]["name"] == "Twinkishlak"
