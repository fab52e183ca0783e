"""Rejection reasons and record errors in Russian (i18n.reason_text).

Every reason the importers, the import writer and the validation produce on the malformed
cases (the existing ones of tests/incidents/test_import_malformed.py and the extra cases
below) is a keyed message (incidents.messages.Msg) rendered in Russian from its key
(i18n.messages_ru), never by matching its English text, with no English words left outside
the user's values; every key has English and Russian text and is produced by some case.
The actions', reviews' and registry's checks are keyed too. A reason read back from the store
is rebuilt from its key and params (incidents.messages.stored_msg); plain text is shown as
written, never parsed.
"""
from __future__ import annotations

import io
import re
import string
from dataclasses import fields
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import i18n
from i18n.messages_ru import MESSAGES_RU, WORDS
from incidents.access import LOCAL_ADMIN as ADMIN  # noqa: E402
from incidents.access import Principal, Role  # noqa: E402
from incidents.actions import (
    ACTION_COLUMNS,
    ACTION_STATUSES,
    ACTION_TYPES,
    PARTNERS,
    PLACE_KINDS,
    SCOPES,
)
from incidents.filters import IncidentFilter
from incidents.importers import read_any
from incidents.importers.fields import parse_count
from incidents.messages import EN, Msg, stored_msg
from incidents.review_store import DECISIONS, SUBJECT_KINDS
from incidents.schema import (
    CATEGORIES,
    COLUMNS,
    DTYPES,
    GEOCODE_METHODS,
    SENSITIVITIES,
    SOURCE_DATASETS,
    VERIFICATION_STATUSES,
)
from incidents.store import IncidentStore
from incidents.validation import RecordError, validate_record
from tests.app.conftest import shown_text
from tests.app.test_import_errors_ru import import_reasons
from tests.app.test_layer_errors_ru import layer_reasons
from tests.incidents.store_fakes import FakeEngine, record
from tests.incidents.test_import_malformed import GOOD, ROW_CASES, _csv

FIXTURES = Path(__file__).parents[1] / "incidents" / "fixtures"

# bad rows in the layout of test_import_malformed.HEAD (date,village,type,lat,lon,deaths,
# injured,verification,geo_precision,notes), beyond its ROW_CASES
EXTRA_ROWS = (
    "31/02/2024,A,protest,39.9,70.6,,,,,x",          # dd/mm/yyyy out of range
    "2025-13,A,protest,39.9,70.6,,,,,x",             # month 13
    "12345,A,protest,39.9,70.6,,,,,x",               # number outside the Excel range
    "01.01.1850,A,protest,39.9,70.6,,,,,x",          # before 1900
    "16.05.2025,A,protest,39.9,70.6,2000000,,,,x",   # implausible count
    "16.05.2025,A,protest,,70.6,,,,,x",              # longitude without latitude
    "16.05.2025,A,protest,40 N 5 E,70.6,,,,,x",      # two hemisphere letters
    "16.05.2025,A,protest,40.5 3,70.6,,,,,x",        # decimals before the last part
    "16.05.2025,A,protest,40 75 0,70.6,,,,,x",       # minutes >= 60
    "16.05.2025,A,protest,inf,70.6,,,,,x",           # not finite
    "16.05.2025,A,protest,39.9,200,,,,,x",           # longitude out of range
    "16.05.2025,A,protest,39.9,70.6,,many,,,x",      # words for injured people
    "16.05.2025,A,protest,10.5,10.5,,,,,x",          # outside the region (swapped too)
    "16.05.2025,A,protest,70.6 E,70.6,,,,,x",        # a longitude in the latitude column
)
OTHER_HEAD = "date,date end,village,time precision,sensitivity,coordinates"
OTHER_ROWS = (
    "16.05.2025,14.05.2025,A,,,",                    # end before start
    "16.05.2025,,A,9,,",                              # time precision code
    "16.05.2025,,A,,secret,",                         # sensitivity vocabulary
    "16.05.2025,,A,,,abc",                            # not a coordinate pair
    '16.05.2025,,A,,,"40.05, 400"',                   # longitude in a pair out of range
    '16.05.2025,,A,,,"400, 70.6"',                    # latitude in a pair out of range
)


def _reasons_of(parsed) -> list[str]:
    return [r.reason for r in parsed.rejected]


def _ucdp_reasons() -> list[str]:
    frame = pd.read_csv(FIXTURES / "ucdp_ged.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "date_prec"] = "9"
    frame.loc[1, "where_prec"] = "9"
    frame.loc[2, "type_of_violence"] = "4"
    parsed = read_any(frame.to_csv(index=False).encode(), filename="ged.csv")
    assert parsed.format == "ucdp"
    return _reasons_of(parsed)  # with the fixture's own year-only row


def _writer_reasons(tmp_path) -> list[str]:
    data = (b"id,date,village,lat,lon\nA1,16.05.2025,A,39.9,70.6\n"
            b"A1,17.05.2025,B,39.9,70.6\nA2,not a date,C,39.9,70.6\n")  # parser's: kept keyed
    store = IncidentStore(f"sqlite:///{tmp_path / 'reasons.sqlite'}")
    hidden = (b"id,date,village,lat,lon,sensitivity\nR1,16.05.2025,A,39.9,70.6,restricted\n",
              b"id,date,village,lat,lon,sensitivity\nR1,18.05.2025,A,39.9,70.6,internal\n")
    try:
        report = store.import_parsed(read_any(data, filename="dup.csv"), principal=ADMIN,
                                     engine=FakeEngine(),
                                     gazetteer=None, file_name="dup.csv")
        store.import_parsed(read_any(hidden[0], filename="r.csv"), principal=ADMIN,
                            engine=FakeEngine(), gazetteer=None, file_name="r.csv")
        editor = store.import_parsed(  # an editor's row updating a restricted record
            read_any(hidden[1], filename="e.csv"), principal=Principal("ed", Role.EDITOR),
            engine=FakeEngine(), gazetteer=None, file_name="e.csv")
        with pytest.raises(RecordError) as side:  # a reviewer's side without a reason
            store.set_side("KGTJ-000001", "KG", " ", ADMIN)
    finally:
        store.close()
    assert len(report.rejected) == 2 and len(editor.rejected) == 1, report.rejected
    return [r.reason for r in report.rejected + editor.rejected] + [side.value.reason]


def _validation_reasons() -> list[str]:
    base = {k: v for k, v in record(1).items()}
    bad = [
        ({"category": "protest"}, False),                              # required missing
        ({**base, "category": "picnic"}, False),                       # vocabulary
        ({**base, "lat": 100.0}, False),                               # range
        ({**base, "event_date_end": pd.Timestamp("2020-01-01")}, False),
        ({**base, "event_date": "not a date"}, False),                 # type
        ({**base, "fatalities": 1.5}, False),
        ({**base, "colour": "red"}, False),                            # unknown field
        ({**base, "event_id": "KGTJ-000001"}, False),                  # store-managed
        ({"category": None}, True),                                    # removing required
    ]
    out = []
    for rec, partial in bad:
        with pytest.raises(RecordError) as err:
            validate_record(rec, partial=partial)
        out.append(err.value.reason)
    return out


@pytest.fixture(scope="module")
def produced_reasons(tmp_path_factory) -> list[str]:
    """Every distinct reason the malformed cases produce."""
    reasons = []
    for _, bad, _, _ in ROW_CASES:
        reasons += _reasons_of(read_any(_csv(GOOD, bad, GOOD), filename="a.csv"))
    reasons += _reasons_of(read_any(_csv(*EXTRA_ROWS), filename="b.csv"))
    reasons += _reasons_of(read_any(_csv(*OTHER_ROWS, head=OTHER_HEAD), filename="c.csv"))
    reasons += _reasons_of(read_any(b"date,village\n05/16/2025,A\n02/30/2025,B\n",
                                    filename="md.csv"))
    reasons += _ucdp_reasons()
    reasons += _writer_reasons(tmp_path_factory.mktemp("writer"))
    reasons += _validation_reasons()
    reasons += _filter_link_reasons()
    reasons += _account_reasons(tmp_path_factory.mktemp("accounts"))
    return sorted(set(reasons))


def _account_reasons(folder: Path) -> list[str]:
    """Why an account cannot be created or changed (incidents.accounts)."""
    from incidents.accounts import AccountError, AccountStore
    store = IncidentStore(f"sqlite:///{folder / 'acc.sqlite'}")
    accounts = AccountStore(store.engine)
    out = []
    tries = [lambda: accounts.add("<b>x</b>", "viewer", ADMIN, password="long enough 1"),
             lambda: accounts.add("viewer1", "viewer", ADMIN, password="short"),
             lambda: accounts.add("viewer1", "viewer", ADMIN, password="x" * 2000),
             lambda: accounts.add("viewer1", "viewer", ADMIN, email="not an address"),
             lambda: accounts.add("viewer1", "viewer", ADMIN),
             lambda: accounts.add("admin1", "admin", ADMIN, password="long enough 1"),
             lambda: accounts.add("ADMIN1", "viewer", ADMIN, password="long enough 1"),
             lambda: accounts.get("nobody"),
             lambda: accounts.disable("admin1", ADMIN)]
    try:
        for attempt in tries:
            try:
                attempt()
            except AccountError as err:
                out.append(err.reason)
    finally:
        store.close()
    assert len(out) == len(tries) - 1  # all but the first admin's creation
    return out


def _filter_link_reasons() -> list[str]:
    """What a filter link (the page address) with values the app ignores produces."""
    _, warnings = IncidentFilter.from_query_params({
        "date_from": "2025-02-30", "date_to": "2020-01-01", "categories": "road_crash,picnic",
        "geo_precisions": "1,9", "min_severity": "3", "include_deleted": "maybe"})
    swapped = IncidentFilter.from_query_params({"date_from": "2025-01-02",
                                                "date_to": "2025-01-01"})[1]
    return warnings + swapped


@pytest.fixture(scope="module")
def action_reasons() -> list[str]:
    return sorted(set(_action_reasons()))


def _action_reasons() -> list[str]:
    """Every reason of the actions' and reviews' checks (incidents.actions, review_store)."""
    from incidents.actions import validate_actions
    from incidents.review_store import check_review
    good = {"action_id": "A-1", "scope": "community", "community_id": "K-1", "title_en": "t",
            "category": "road_crash", "place_kind": "point", "lon": 70.5, "lat": 39.9,
            "start_date": "2022-01-01", "end_date": "2022-02-01",
            "action_type": "other", "status": "done"}
    bad = [{}, {"action_id": "A-1"}, {"title_en": "", "category": "", "community_id": ""},
           {"category": "speeding", "community_id": "NOPE"},
           {"scope": "joint"}, {"scope": "parallel"}, {"lon": "inf"}, {"lat": "north"},
           {"women": "2.5"}, {"place_kind": "line", "line_wkt": "POINT (70 40)"},
           {"place_kind": "line", "line_wkt": "LINESTRING (70 40, 100 40)"},
           {"lon": ""}, {"place_kind": "settlement", "lon": ""}, {"lon": 10.0},
           {"place_kind": "settlement", "settlement": "", "place_radius_m": ""},
           {"start_date": "01/02/2022"}, {"start_date": ""}, {"end_date": "2021-01-01"},
           {"end_date": ""}, {"status": "stopped", "end_date": ""}, {"illustrative": "maybe"},
           {"action_type": "football"}]
    frame = pd.DataFrame([{**good, **b} for b in bad]).assign(stray="x")
    _, issues, _ = validate_actions(frame, 2, existing_ids={"A-1"},
                                    known_communities={"K-1"})
    out = [i.reason for i in issues]
    from incidents.actions import read_actions_csv
    out += [i.reason for i in read_actions_csv(io.BytesIO(b"title_en\nx\n")).issues]
    out += [i.reason for i in check_review({"subject_kind": "x", "subject_id": "",
                                            "decision": "not_now", "why": "",
                                            "reviewed_on": "soon"})]
    return out


_CODES = {str(w) for group in (COLUMNS, CATEGORIES, VERIFICATION_STATUSES, SENSITIVITIES,
                               GEOCODE_METHODS, DTYPES.values())
          for w in group}  # not SIDES: "outside" is an English word of the reasons
_CODES |= {w for s in SOURCE_DATASETS for w in s.split()}
_CODES |= {"UCDP", "Excel", "date_prec", "where_prec", "type_of_violence"}
_CODES |= {f.name for f in fields(IncidentFilter)}  # a filter link's parameter names
_CODES |= {*ACTION_TYPES, *PARTNERS, *SCOPES, *PLACE_KINDS, *ACTION_STATUSES, *ACTION_COLUMNS,
           *DECISIONS, *SUBJECT_KINDS, "WKT", "LINESTRING", "true", "false"}
# layer files (places, curated, COD-AB, reference line): formats, codes and properties
_CODES |= {"GeoJSON", "Feature", "FeatureCollection", "JSON", "UTF", "WGS84", "ISO", "COD",
           "ADM0_PCODE", "NUL", "ESC", "KGZ", "TJK", "UZB", "side", "left_side"}
# file formats and the programs named in the import's whole-file errors
_CODES |= {"CSV", "XLSX", "xls", "xlsx", "GeoPackage", "QGIS", "Google", "Earth", "KoBo"}


def english_words(text: str) -> list[str]:
    """Latin words of 3+ letters left after removing quoted values and schema codes."""
    rest = re.sub(r"«[^»]*»|'[^']*'", " ", text)
    words = re.findall(r"[A-Za-z][\w\[\]]*", rest)
    return [w for w in words if w not in _CODES and len(re.sub(r"[^A-Za-z]", "", w)) >= 3]


def test_the_cases_produce_many_distinct_reasons(produced_reasons):
    assert len(produced_reasons) >= 40, produced_reasons


def test_every_produced_reason_is_keyed_and_rendered_from_its_key(produced_reasons):
    plain = [r for r in produced_reasons if not isinstance(r, Msg)]
    assert not plain, f"reasons that are not keyed messages: {plain}"
    for reason in produced_reasons:
        ru = i18n.reason_text(reason, "ru")
        assert ru == reason.render(MESSAGES_RU, WORDS)
        assert ru != reason, reason
        assert english_words(reason), reason  # the check below can fail
        assert not english_words(ru), (reason, ru)
        assert i18n.reason_text(reason, "en") == reason == EN[reason.key].format(
            **dict(reason.params))


def test_reasons_rebuilt_from_key_and_params_render_the_same(produced_reasons):
    """The quarantine table keeps each reason's key and params (JSON) beside its English:
    rebuilt from them, every reason is the same message; without a key, the English as
    stored, shown as written in every language (never parsed)."""
    for reason in produced_reasons:
        back = stored_msg(str(reason), reason.key, reason.params_json())
        assert isinstance(back, Msg) and back == reason and back.key == reason.key
        assert i18n.reason_text(back, "ru") == i18n.reason_text(reason, "ru"), reason
        plain = stored_msg(str(reason), None, None)
        assert type(plain) is str and i18n.reason_text(plain, "ru") == str(reason)


def test_every_key_is_produced_and_has_english_and_russian_text(produced_reasons,
                                                                action_reasons, tmp_path,
                                                                monkeypatch):
    assert set(EN) == set(MESSAGES_RU)
    unused = {k for k in EN if not k.startswith(("warn.", "learn."))} - {
        r.key for r in produced_reasons + action_reasons + _registry_reasons()
        + layer_reasons(tmp_path) + import_reasons(tmp_path, monkeypatch)}
    # the import warnings (warn.*): tests/i18n/test_import_warnings_ru.py; why a name is
    # learned (learn.*): tests/geo/test_gazetteer_learn.py
    assert not unused, f"keys no case produces: {unused}"


@pytest.mark.parametrize("key", sorted(k for k in EN if not k.startswith("warn.")))
def test_keyed_texts_keep_their_placeholders_and_are_russian(key):
    """(The import warnings' keys, with their codes: tests/i18n/test_import_warnings_ru.py.)"""
    def names(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}
    forms = {f for f in WORDS if "_" in f and f.split("_")[0] in names(EN[key])}
    assert names(MESSAGES_RU[key]) <= names(EN[key]) | forms
    assert names(EN[key]) <= names(MESSAGES_RU[key]) | {f.split("_")[0] for f in
                                                        names(MESSAGES_RU[key])}
    assert not english_words(re.sub(r"\{[^{}]*\}", " ", MESSAGES_RU[key])), key  # specs too


def test_action_and_review_checks_are_keyed_and_russian(action_reasons):
    plain = [r for r in action_reasons if not isinstance(r, Msg)]
    assert not plain, f"action/review checks that are not keyed messages: {plain}"
    assert len({r.key for r in action_reasons}) >= 25
    for reason in action_reasons:
        ru = i18n.reason_text(reason, "ru")
        assert ru != reason and not english_words(ru), (reason, ru)


def _registry_reasons() -> list[str]:
    from analysis.registry import read_registry_csv, validate_registry
    good = {"community_id": "K-1", "name_en": "x", "iso3": "KGZ", "mech_type": "cswg",
            "status": "active", "lon": "70.5", "lat": "39.9", "illustrative": "false"}
    bad = [{"community_id": "K-0"}, {"name_en": ""}, {"iso3": "XXX"}, {"status": "asleep"},
           {"priorities": "picnic"}, {"lon": "north"}, {"lon": "10.0"},
           {"illustrative": "maybe"}]
    frame = pd.DataFrame([{**good, **b} for b in bad]).assign(stray="x")
    _, issues, _ = validate_registry(frame, 2, existing_ids={"K-0"})
    issues += read_registry_csv(io.BytesIO(b"community_id\nK-1\n")).issues  # no name_en, ...
    return [i.reason for i in issues]


def test_registry_checks_are_keyed_and_russian():
    from analysis.registry import (
        CONTACT_STATUSES,
        ISO3S,
        MECH_TYPES,
        REGISTRY_COLUMNS,
        STATUSES,
    )
    codes = {*REGISTRY_COLUMNS, *MECH_TYPES, *STATUSES, *CONTACT_STATUSES, *CATEGORIES, *ISO3S}
    reasons = _registry_reasons()
    assert {r.key for r in reasons} >= {"row.id_repeated", "row.missing_name",
                                         "row.unknown_categories", "row.unknown_columns",
                                         "row.missing_columns"}
    assert all(isinstance(r, Msg) for r in reasons), reasons
    for reason in reasons:
        ru = i18n.reason_text(reason, "ru")
        assert ru != reason, reason
        assert not [w for w in english_words(ru) if w not in codes], (reason, ru)


def test_the_closed_word_sets_have_russian_words():
    for kind, words in WORDS.items():
        for en, ru in words.items():
            assert ru and (ru != en or "_" in en), (kind, en)


def test_values_are_carried_over_verbatim_and_stay_plain_text():
    values, why = parse_count(pd.Series(["<b>много</b> & co"]), "deaths")
    ru = i18n.reason_text(why.iloc[0], "ru")
    assert ru.startswith("«<b>много</b> & co» – не число погибших;")
    cat = Msg("ucdp.violence", value="<script>alert(1)</script>")
    assert cat == "type_of_violence '<script>alert(1)</script>' is not 1, 2 or 3"
    ru = i18n.reason_text(cat, "ru")
    assert "«<script>alert(1)</script>»" in ru
    assert "&lt;" not in ru  # escaping is the display's job
    lat = i18n.reason_text(Msg("coord.pair_out_of_range", value="40.05, 400",
                               axis="longitude", range="-180..180"), "ru")
    assert lat == "долгота в «40.05, 400» вне диапазона -180..180"
    row = i18n.reason_text(Msg("row.cells", n=11, width=10), "ru")
    assert row.startswith("ячеек в строке: 11, в заголовке: 10;")
    # a value that itself looks like a reason, or a template, is still only a value
    nested = Msg("date.early", value="is before 1900 {value} {0}")
    assert i18n.reason_text(nested, "ru") == "«is before 1900 {value} {0}» – дата раньше 1900 года"
    # the same English as plain text (no key) is shown as written, never parsed
    assert i18n.reason_text(str(nested), "ru") == str(nested)
    back = stored_msg(str(nested), nested.key, nested.params_json())
    assert i18n.reason_text(back, "ru") == i18n.reason_text(nested, "ru")


def test_unknown_reasons_fall_back_to_english_and_never_raise():
    assert i18n.reason_text("a reason nobody wrote a template for", "ru") == \
        "a reason nobody wrote a template for"
    unknown_detail = Msg("coord.not_axis", value="x", axis="latitude",
                         detail="some new parser message")
    assert i18n.reason_text(unknown_detail, "ru") == \
        "«x» – не широта (some new parser message)"
    with pytest.raises(KeyError):
        Msg("no.such.key")
    assert i18n.reason_text(None, "ru") == ""
    assert i18n.reason_text("the date is empty", "kg") == "the date is empty"


def test_field_errors_name_the_field_in_the_language():
    unknown = Msg("record.unknown_field")
    assert i18n.field_error("fatalities", unknown, "en") == "fatalities: unknown field"
    assert i18n.field_error("fatalities", unknown, "ru") == "Погибшие: неизвестное поле"
    assert i18n.field_error("no_such", "x", "ru") == "no_such: x"
    for name in COLUMNS:
        assert i18n.field_label(name, "ru") != name, name


def test_rejected_rows_shown_in_russian_and_downloaded_for_reimport():
    from ui import importing
    parsed = read_any(_csv(GOOD, "31.02.2024,Ak-Sai <b>,protest,39.9,70.6,,,,,x"),
                      filename="a.csv")
    report = SimpleNamespace(rejected=parsed.rejected)
    en = importing.rejected_frame(report)
    ru = importing.rejected_frame(report, "ru")
    assert en["reason"].iloc[0] == parsed.rejected[0].reason
    assert ru["reason"].iloc[0] == ("«31.02.2024» – недопустимая дата (день или месяц вне "
                                    "диапазона)")
    assert ru["field"].iloc[0] == "Дата" and ru["raw:village"].iloc[0] == "Ak-Sai <b>"
    csv = pd.read_csv(io.StringIO(importing.rejected_csv(report, "ru")), dtype=str,
                      keep_default_na=False)
    assert csv["rejected_reason"].iloc[0] == parsed.rejected[0].reason
    assert csv["rejected_reason_ru"].iloc[0] == ru["reason"].iloc[0]
    csv.loc[0, "date"] = "28.02.2024"  # the user fixes the cell and imports the file again
    again = read_any(csv.to_csv(index=False).encode(), filename="fixed.csv")
    assert not again.rejected and len(again.frame) == 1
    row = again.frame.iloc[0]
    assert row["event_date"] == pd.Timestamp("2024-02-28") and row["lat"] == 39.9
    assert row["location"] == "Ak-Sai <b>" and row["category"] == "protest"


def test_incidents_page_shows_rejections_and_form_errors_in_russian(tmp_path, monkeypatch):
    """The Incidents page's import step in Russian: the rejection reason, the field and the
    form errors are Russian, and so is the full text report."""
    from streamlit.testing.v1 import AppTest

    import settings
    from ui import importing
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    from tests.app.conftest import open_app
    app = open_app(AppTest.from_file(str(settings.REPO_ROOT / "app.py"), default_timeout=180))
    app.sidebar.radio[0].set_value("ru").run()
    app.switch_page("ui/pages/incidents_page.py").run()
    csv = ("date,village,lat,lon,type,notes\n"
           "2024-05-01,Ak-Sai,39.87,70.52,road_crash,ok\n"
           "yesterday,Vorukh,39.85,70.58,youth_clash,<script>alert(1)</script>\n")
    app.session_state["import_parsed"] = ("incidents.csv", importing.read_upload(
        csv.encode(), "incidents.csv"))
    app.run()
    app.button(key="inc_do_import").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("Отклонённые строки: 1" in e.value for e in app.error)
    [rej] = [d.value for d in app.dataframe if "reason" in d.value.columns]
    assert rej["reason"].tolist() == [
        "«yesterday» – дата не распознана; запишите её как дд.мм.гггг, дд/мм/гггг, "
        "гггг-мм-дд или «16 мая 2025»"]
    assert rej["field"].tolist() == ["Дата"]
    assert rej["raw:notes"].tolist() == ["<script>alert(1)</script>"]
    [full] = [e for e in app.expander if e.label == "Полный отчёт (текст)"]
    [code] = full.code  # the full report in Russian, the rejected row's reason with it
    assert code.value.startswith("Импорт incidents.csv [table], пакет ")
    assert "  прочитано строк: 2" in code.value.splitlines()
    assert "    строка 3: Дата: «yesterday» – дата не распознана" in code.value
    assert "rows read" not in code.value and "rejected rows" not in code.value

    app.radio(key="inc_section").set_value("add").run()
    app.radio(key="add0_loc_mode").set_value("coords").run()
    app.text_input(key="add0_fat").set_value("two")
    app.button(key="add0_save").click().run()
    errors = [shown_text(e.value) for e in app.error]
    assert any(e.startswith("Погибшие: ") for e in errors), errors
    assert "Пользователь: Укажите, кто вносит правку." in errors


def test_rejected_rows_csv_guards_formula_cells():
    """A cell a spreadsheet would run (=…) is written with a leading quote, as in the CLI's
    quarantine export; plain signed numbers are left alone."""
    from incidents.report import ImportReport, RejectedEntry
    from ui.importing import rejected_csv
    entry = RejectedEntry(3, "event_date", "the date is empty",
                          {"notes": "=cmd|' /C calc'!A0", "lat": "-39.9"})
    rows = pd.read_csv(io.StringIO(rejected_csv(ImportReport(rows_read=1, rejected=[entry]))),
                       dtype=str)
    assert rows.loc[0, "notes"] == "'=cmd|' /C calc'!A0"
    assert rows.loc[0, "lat"] == "-39.9"
