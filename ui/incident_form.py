"""The Incidents page's add and edit forms: one set of fields for both; the location set by
a map click, a place name (the gazetteer's candidates) or coordinates (or, when editing,
kept as it is); each problem shown under its own field when the form is saved. Writes go
through the store (``IncidentStore.add`` / ``update``, which validate and record history).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.geocode import geocode
from i18n import field_error, t, vocab
from i18n.tables import candidate_label
from incidents.schema import CATEGORIES, SENSITIVITIES, VERIFICATION_STATUSES
from incidents.validation import RecordError
from maps.webmap import MapContent, build_map
from ui import resources, state

ADD_MODES = ("click", "name", "coords")
EDIT_MODES = ("keep", "click", "name", "coords")
_METHOD = {"click": "map_click", "name": "gazetteer", "coords": "coordinates"}


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _count_text(value) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))


def location(prefix: str, lang: str, modes: tuple[str, ...], current: dict | None = None
             ) -> dict | None:
    """The location chooser: ``{"lat", "lon", "geo_precision", "geocode_method"}`` as chosen,
    ``{}`` for "keep it as it is" (editing), None while none is chosen."""
    mode = st.radio(t("inc.loc_mode", lang), modes, horizontal=True, key=f"{prefix}_loc_mode",
                    format_func=lambda m: t(f"inc.loc.{m}", lang))
    lat = lon = None
    if mode == "keep":
        return {}
    if mode == "click":
        shown = pd.DataFrame([current]) if current else None
        pick = st_folium(build_map(MapContent(base=resources.base_layers(), incidents=shown),
                                   lang=lang, lean_assets=True),
                         key=f"{prefix}_pick_map", height=380, width="stretch",
                         returned_objects=["last_clicked"])
        clicked = (pick or {}).get("last_clicked")
        if clicked:
            lat, lon = clicked["lat"], clicked["lng"]
            st.info(t("inc.clicked_at", lang, lat=f"{lat:.5f}", lon=f"{lon:.5f}"))
        else:
            st.caption(t("inc.click_first", lang))
    elif mode == "name":
        place = st.text_input(t("inc.place", lang), key=f"{prefix}_place")
        if place:
            res = geocode(place, resources.core().gazetteer)
            cands = res.candidates or ([res.place] if res.place else [])
            if not cands:
                st.warning(t("inc.not_found", lang))
            else:
                labels = [candidate_label(c, lang) for c in cands]
                i = st.radio(t("inc.candidates", lang), range(len(cands)),
                             format_func=lambda k: labels[k], key=f"{prefix}_cand")
                lat, lon = cands[i]["lat"], cands[i]["lon"]
    else:
        c1, c2 = st.columns(2)
        cur = current or {}
        lat = c1.number_input(t("inc.lat", lang), -90.0, 90.0,
                              float(cur.get("lat") or 40.0), format="%.5f", key=f"{prefix}_lat")
        lon = c2.number_input(t("inc.lon", lang), -180.0, 180.0,
                              float(cur.get("lon") or 70.7), format="%.5f", key=f"{prefix}_lon")
    if lat is None or lon is None:
        return None
    return {"lat": float(lat), "lon": float(lon), "geo_precision": 2 if mode == "name" else 1,
            "geocode_method": _METHOD[mode]}


def fields(prefix: str, lang: str, current: dict, edit: bool) -> tuple[dict, dict]:
    """The form's fields (inside ``st.form``) prefilled from ``current``: the values entered
    and, per field, the slot under it where its problem is shown."""
    slots, raw = {}, {}
    c1, c2 = st.columns(2)
    date = current.get("event_date")
    raw["event_date"] = c1.date_input(
        t("inc.date", lang), pd.Timestamp(date).date() if date is not None and not pd.isna(date)
        else dt.date.today(), key=f"{prefix}_date")
    cat = current.get("category")
    raw["category"] = c2.selectbox(
        t("inc.category", lang), CATEGORIES, key=f"{prefix}_cat",
        index=CATEGORIES.index(cat) if cat in CATEGORIES else 0,
        format_func=lambda c: vocab("category", c, lang))
    raw["location"] = st.text_input(t("inc.location_text", lang),
                                    _text(current.get("location")), key=f"{prefix}_loc")
    c3, c4 = st.columns(2)
    raw["fatalities"] = c3.text_input(t("inc.fatalities", lang),
                                      _count_text(current.get("fatalities")), key=f"{prefix}_fat")
    slots["fatalities"] = c3.empty()
    raw["injuries"] = c4.text_input(t("inc.injuries", lang),
                                    _count_text(current.get("injuries")), key=f"{prefix}_inj")
    slots["injuries"] = c4.empty()
    raw["notes"] = st.text_area(t("inc.notes", lang), _text(current.get("notes")),
                                key=f"{prefix}_notes")
    raw["source"] = st.text_input(t("inc.source", lang), _text(current.get("source")),
                                  key=f"{prefix}_source")
    c5, c6 = st.columns(2)
    sens = current.get("sensitivity", "internal")
    raw["sensitivity"] = c5.selectbox(
        t("inc.sensitivity", lang), SENSITIVITIES, key=f"{prefix}_sens",
        index=SENSITIVITIES.index(sens) if sens in SENSITIVITIES else 1,
        format_func=lambda v: vocab("sensitivity", v, lang))
    if edit:
        verif = current.get("verification_status")
        raw["verification_status"] = c6.selectbox(
            t("inc.verification", lang), VERIFICATION_STATUSES, key=f"{prefix}_verif",
            index=VERIFICATION_STATUSES.index(verif) if verif in VERIFICATION_STATUSES else 0,
            format_func=lambda v: vocab("verification", v, lang))
    raw["user"] = st.text_input(t("inc.user", lang), key=f"{prefix}_user")
    slots["user"] = st.empty()
    return raw, slots


def check(raw: dict, place: dict | None, lang: str) -> tuple[dict, dict]:
    """The record the form's values make, and the problems found (field → message)."""
    errors, record = {}, {}
    for key in ("fatalities", "injuries"):
        text = raw[key].strip()
        if text and not text.isdigit():
            errors[key] = t("inc.err.count", lang)
        record[key] = int(text) if text.isdigit() else None
    if not raw["user"].strip():
        errors["user"] = t("inc.err.user", lang)
    if place is None:
        errors["location"] = t("inc.err.location", lang)
    for key in ("location", "notes", "source"):
        record[key] = raw[key].strip() or None
    record.update({k: raw[k] for k in ("event_date", "category", "sensitivity",
                                       "verification_status") if k in raw}, **(place or {}))
    return record, errors


def _show(errors: dict, slots: dict, place_slot, lang: str) -> None:
    for field, msg in errors.items():
        slot = place_slot if field in ("location", "lat", "lon") else slots.get(field)
        (slot or st).error(field_error(field, msg, lang))


def _changes(record: dict, current: dict) -> dict:
    """The fields of ``record`` that differ from the stored ``current`` row."""
    def same(a, b) -> bool:
        if a is None or (not isinstance(a, str) and pd.isna(a)):
            return b is None or (not isinstance(b, str) and pd.isna(b))
        if isinstance(a, dt.date):
            return b is not None and not pd.isna(b) and pd.Timestamp(b).date() == a
        if isinstance(a, float) and b is not None and not pd.isna(b):
            return abs(a - float(b)) < 1e-9
        return a == b
    return {k: v for k, v in record.items() if not same(v, current.get(k))}


def add_form(lang: str) -> None:
    """Add an incident (source "internal"); its id is shown once saved."""
    place = location("add", lang, ADD_MODES)
    place_slot = st.empty()
    with st.form("add_form"):
        raw, slots = fields("add", lang, {}, edit=False)
        submitted = st.form_submit_button(t("inc.save", lang), type="primary", key="add_save")
    state.show_saved("add")
    if not submitted:
        return
    record, errors = check(raw, place, lang)
    if errors:
        _show(errors, slots, place_slot, lang)
        return
    try:
        new_id = resources.store().add({**record, "source_dataset": "internal"},
                                       raw["user"].strip(), engine=resources.core().engine)
        resources.bump_version()
        state.forget("add_", keep=("add_loc_mode", "add_user"))  # a new entry's form, empty
        state.saved("add", t("inc.saved", lang, id=new_id))
    except RecordError as err:
        _show({err.field: err.reason}, slots, place_slot, lang)


def _forget_edits() -> None:
    """Another incident was chosen: its own values fill the form, not the last one's."""
    state.forget("edit_", keep=("edit_id",))


def edit_form(lang: str, df: pd.DataFrame) -> str | None:
    """Edit one of the incidents ``df`` holds (any field, its location kept or set anew);
    returns the chosen event id."""
    ids = df["event_id"].tolist()
    if not ids:
        return None
    eid = st.selectbox(t("inc.edit_id", lang), ids, key="edit_id", on_change=_forget_edits)
    current = df[df["event_id"] == eid].iloc[0].to_dict()
    place = location("edit", lang, EDIT_MODES, current)
    place_slot = st.empty()
    with st.form(f"edit_form_{eid}"):
        raw, slots = fields("edit", lang, current, edit=True)
        submitted = st.form_submit_button(t("inc.save", lang), key="edit_save")
    state.show_saved("edit")
    if submitted:
        record, errors = check(raw, place, lang)
        if errors:
            _show(errors, slots, place_slot, lang)
            return eid
        try:
            changes = _changes(record, current)
            if changes:
                resources.store().update(eid, changes, raw["user"].strip(),
                                         engine=resources.core().engine)
                resources.bump_version()
            state.saved("edit", t("inc.saved", lang, id=eid))
        except RecordError as err:
            _show({err.field: err.reason}, slots, place_slot, lang)
    return eid
