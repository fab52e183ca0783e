"""An import's full report in the user's language (``i18n.report_text``): its English is
exactly what ``ImportReport.summary()`` printed before the sentences were keyed (the
fixture was written by that code), its Russian has no English words beyond the user's data
and codes, plural forms follow Babel, and user data is inserted as written."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from i18n.report_text import report_text
from incidents.messages import Msg
from incidents.report import ImportReport, RejectedEntry
from tests.app.test_why_ru import latin_words

GOLDEN = Path(__file__).parent / "fixtures" / "import_report_summary_en.json"
HOSTILE = "{n} </script> $x$ \u0000 {0} %s"


def _cand(name, name_ru, iso3, district, community, lat, lon, source) -> dict:
    return {"name": name, "name_ru": name_ru, "country": iso3, "district": district,
            "community": community, "lat": lat, "lon": lon, "source": source,
            "place_id": "p1"}


def full_report(n_rejected: int = 3, file_name: str = "incidents.csv",
                far_rows: int = 21) -> ImportReport:
    """A report with every kind of line (test data: invented names and values)."""
    rejected = [RejectedEntry(9, "event_date", Msg("date.unrecognised", value="yesterday"),
                              {"date": "yesterday"}),
                RejectedEntry(None, None, "a reason stored before keys"),
                RejectedEntry(12, "fatalities", Msg("count.not_number", value="many",
                                                    what="deaths"))]
    rejected += [RejectedEntry(20 + i, "lat", Msg("coord.not_finite", value="inf",
                                                  axis="latitude"))
                 for i in range(max(0, n_rejected - 3))]
    rejected = rejected[:n_rejected]
    return ImportReport(
        rows_read=10 + len(rejected), inserted=7, updated=1, duplicates=2, rejected=rejected,
        warnings=[Msg("warn.zero_point", rows="3, 4"), Msg("warn.demo")],
        flagged_possible_duplicates=1, outside_study_area=2, geocoded=5, unresolved=3,
        batch_id="b-123", file_name=file_name, format="table", encoding="cp1251",
        encoding_confidence=0.87,
        category_rules={"'Battles' → border_guard_incident": 4,
                        "fighting_state_forces → border_guard_incident": 2},
        sides={"by settlement": 4, "by line": 3, "by reported": 1, "contested": 2},
        ambiguous_names=[{"name": "Ak-Sai", "rows": 1, "candidates": [
            _cand("Ak-Sai", "Ак-Сай", "KGZ", "Batken", "Ak-Sai AO", 39.87, 70.52, "curated"),
            _cand("Aksay", None, "TJK", None, None, 40.1, 69.9, "geonames")]}],
        far_names=[{"name": "Vorukh <b>", "rows": far_rows, "candidates": [
            _cand("Vorukh", "Ворух", None, "Isfara", None, 39.85, 70.58, "user")]}],
        compound_names=[{"name": "Ak-Sai/Tash-Tumshuk", "rows": 2, "resolved_to": "Ak-Sai"}],
        learned_places=[{"name": "Kok-Tash", "lat": 39.9, "lon": 70.6, "country": "KGZ",
                         "why": Msg("learn.rows_merged", n=3, m=2), "place_id": "learned:1"}],
        learn_refused=[{"name": "Vorukh", "lat": 39.86, "lon": 70.57, "country": None,
                        "why": Msg("learn.side_unknown", name="Vorukh", iso3="TJK",
                                   source="curated", km=1.25),
                        "status": "refused_side_unknown"}],
        learn_waiting=[{"name": "Sogment", "lat": 39.8, "lon": 70.4, "country": "KGZ",
                        "why": Msg("learn.pending", n=1, min=2)}],
    )


REPORTS = {"full": (lambda: full_report(), {}), "many": (lambda: full_report(60), {}),
           "many_short": (lambda: full_report(60), {"max_rejected": 5}),
           "plain": (lambda: ImportReport(rows_read=2, inserted=2), {}),
           "utf8": (lambda: ImportReport(rows_read=0, encoding="utf-8-sig",
                                         encoding_confidence=1.0, file_name=HOSTILE,
                                         format="csv"), {})}
# the report's data and codes, left in Latin letters in Russian: names, codes, raw values,
# rule names, a reason stored before keys (shown as written), the CLI command `quarantine`
DATA = ["incidents.csv", "table", "b-123", "Ak-Sai AO", "Ak-Sai/Tash-Tumshuk", "Ak-Sai",
        "Aksay", "Vorukh <b>", "Vorukh", "Batken", "Isfara", "Kok-Tash", "Sogment", "KGZ",
        "TJK", "GeoNames", "cp1251", "Battles", "fighting_state_forces", "yesterday", "many",
        "inf", "a reason stored before keys", "JSON", "quarantine"]


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_english_is_the_report_as_it_was(name):
    make, kw = REPORTS[name]
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    assert report_text(make(), "en", **kw) == expected


def test_russian_report_has_no_english_words():
    text = report_text(full_report(60), "ru", max_rejected=5)
    assert latin_words(text, DATA) == []
    for line in ("  отклонено:       60 (сохранено в карантине)",
                 "  предупреждение: синтетические демонстрационные данные: не реальные события",
                 "  кодировка текста: cp1251 (определена автоматически, уверенность 0,87)",
                 "    «Battles» → Инцидент с пограничниками: 4",
                 "    строка 9: Дата: «yesterday» – дата не распознана; запишите её как "
                 "дд.мм.гггг, дд/мм/гггг, гггг-мм-дд или «16 мая 2025»",
                 "    строка –: -: a reason stored before keys"):
        assert line in text.splitlines(), line
    assert "Ак-Сай / Ak-Sai (KGZ, Batken, Ak-Sai AO; 39.8700, 70.5200; курируемый список)" \
        in text
    assert "3 согласующиеся строки; 2 точки объединены в одно место" in text
    assert "в 1,2 км" in text and "стороны: страна названного населённого пункта: 4" in text


@pytest.mark.parametrize(("n", "word"), [(1, "строка"), (2, "строки"), (5, "строк"),
                                         (21, "строка"), (22, "строки"), (111, "строк")])
def test_russian_plural_forms_of_rows(n, word):
    far = report_text(full_report(far_rows=n), "ru").splitlines()
    assert f"    «Vorukh <b>» ({n} {word}): Ворух / Vorukh (?, Isfara; 39.8500, 70.5800; " \
        "места пользователя)" in far
    more = report_text(full_report(3 + n), "ru", max_rejected=3).splitlines()
    assert more[-1] == f"    … и ещё {n} {word} (см. отчёт JSON или команду `quarantine`)"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_user_data_is_inserted_as_written(lang):
    rep = full_report(file_name=HOSTILE)
    rep.far_names[0]["name"] = HOSTILE
    rep.learned_places[0]["name"] = "{name} {0:plural:a|b}"
    rep.rejected[0] = RejectedEntry(9, "event_date", Msg("date.unrecognised", value=HOSTILE))
    text = report_text(rep, lang)
    assert text.splitlines()[0].startswith(("Import of " if lang == "en" else "Импорт ")
                                           + HOSTILE + " [table]")
    assert text.count(HOSTILE) == 3
    assert "{name} {0:plural:a|b}" in text


def test_other_languages_fall_back_to_english():
    assert report_text(full_report(), "de") == report_text(full_report(), "en")
