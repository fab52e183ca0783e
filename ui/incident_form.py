"""The Incidents page's add and edit forms: one set of fields for both; the location set by
a map click, a place name (the gazetteer's candidates) or coordinates (or, when editing,
kept as it is); each problem shown under its own field when the form is saved. Writes go
through the store (``IncidentStore.add`` / ``update``, which validate and record history).
The edit form is :mod:`ui.incident_edit`.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.geocode import geocode
from i18n import field_error, t, vocab
from i18n.display_tables import candidate_label
from i18n.fmt import date_column_format
from incidents.access import Principal
from incidents.schema import CATEGORIES, SENSITIVITIES, VERIFICATION_STATUSES
from incidents.validation import RecordError
from incidents.writes import DuplicateRecord, StoreBusy
from maps.web.webmap import MapContent, build_map
from ui import auth, resources, state
from ui.choices import key_label, labelled, option_index, vocab_label
from ui.coord_fields import WORLD, coordinate_fields
from ui.plain import literal

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
                    format_func=labelled(f"{prefix}_loc_mode", modes, key_label("inc.loc"),
                                         lang))
    lat = lon = None
    if mode == "keep":
        return {}
    if mode == "click":
        lat, lon = _pick_map(prefix, lang, current)
    elif mode == "name":
        place = st.text_input(t("inc.place", lang), key=f"{prefix}_place")
        if place:
            res = geocode(place, resources.core().gazetteer)
            # the places set aside (a lower-precedence source, far away) stay choosable
            cands = (res.candidates or ([res.place] if res.place else [])) + res.set_aside
            if res.status in ("far", "ambiguous"):
                st.warning(t(f"inc.{res.status}", lang))
            if not cands:
                st.warning(t("inc.not_found", lang))
            else:
                i = st.radio(t("inc.candidates", lang), range(len(cands)),
                             key=f"{prefix}_cand", format_func=labelled(
                                 f"{prefix}_cand", range(len(cands)),
                                 lambda k, lg: literal(candidate_label(cands[k], lg)),
                                 lang))  # radio labels are Markdown; learned names too
                lat, lon = cands[i]["lat"], cands[i]["lon"]
    else:
        c1, c2 = st.columns(2)
        lat, lon = coordinate_fields(c1, c2, lang, current, f"{prefix}_lat", f"{prefix}_lon",
                                     bounds=WORLD)
    if lat is None or lon is None:
        return None
    return {"lat": float(lat), "lon": float(lon), "geo_precision": 2 if mode == "name" else 1,
            "geocode_method": _METHOD[mode]}


def _pick_map(prefix: str, lang: str, current: dict | None
              ) -> tuple[float | None, float | None]:
    """The click-to-locate map: the settlements named (the border gazetteer's, by zoom), the
    incident being edited, and a marker where the user clicked (a group swapped into the
    mounted map, so it keeps its view). Returns the clicked (lat, lon), or Nones."""
    from maps.web.map_frame import pick_marker_group

    shown = pd.DataFrame([current]) if current else None
    at = None
    if current and pd.notna(current.get("lat")) and pd.notna(current.get("lon")):
        at = (float(current["lat"]), float(current["lon"]))
    fmap = build_map(MapContent(base=resources.base_layers(), incidents=shown,
                                places=resources.places()),
                     lang=lang, lean_assets=True, location=at, zoom=11)
    key = f"{prefix}_pick_map"
    clicked = (st.session_state.get(key) or {}).get("last_clicked")
    marker = [pick_marker_group(clicked["lat"], clicked["lng"], t(
        "inc.clicked_at", lang, lat=f"{clicked['lat']:.5f}", lon=f"{clicked['lng']:.5f}"))] \
        if clicked else None
    pick = st_folium(fmap, key=key, height=380, width="stretch",
                     returned_objects=["last_clicked"], feature_group_to_add=marker)
    clicked = (pick or {}).get("last_clicked")
    if not clicked:
        st.caption(t("inc.click_first", lang))
        return None, None
    lat, lon = clicked["lat"], clicked["lng"]
    st.info(t("inc.clicked_at", lang, lat=f"{lat:.5f}", lon=f"{lon:.5f}"))
    return lat, lon


def _reported_label(side: str, lang: str) -> str:
    return vocab("side", side, lang) if side else t("inc.side_unknown", lang)


def fields(prefix: str, lang: str, current: dict, edit: bool) -> tuple[dict, dict]:
    """The form's fields (inside ``st.form``) prefilled from ``current``: the values entered
    and, per field, the slot under it where its problem is shown."""
    slots, raw = {}, {}
    c1, c2 = st.columns(2)
    date = current.get("event_date")
    raw["event_date"] = c1.date_input(
        t("inc.date", lang), pd.Timestamp(date).date() if date is not None and not pd.isna(date)
        else dt.date.today(), key=f"{prefix}_date", format=date_column_format(lang))
    cat = current.get("category")
    raw["category"] = c2.selectbox(
        t("inc.category", lang), CATEGORIES, key=f"{prefix}_cat",
        index=option_index(CATEGORIES, cat),
        format_func=labelled(f"{prefix}_cat", CATEGORIES, vocab_label("category"), lang,
                             drop=True))
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
        index=option_index(SENSITIVITIES, sens, "internal"),
        format_func=labelled(f"{prefix}_sens", SENSITIVITIES, vocab_label("sensitivity"),
                             lang, drop=True))
    if edit:
        verif = current.get("verification_status")
        raw["verification_status"] = c6.selectbox(
            t("inc.verification", lang), VERIFICATION_STATUSES, key=f"{prefix}_verif",
            index=option_index(VERIFICATION_STATUSES, verif),
            format_func=labelled(f"{prefix}_verif", VERIFICATION_STATUSES,
                                 vocab_label("verification"), lang, drop=True))
    reported = _text(current.get("side_reported"))
    raw["side_reported"] = st.selectbox(
        t("inc.side_reported", lang), REPORTED_SIDES, key=f"{prefix}_side_rep",
        index=option_index(REPORTED_SIDES, reported),
        format_func=labelled(f"{prefix}_side_rep", REPORTED_SIDES, _reported_label, lang,
                             drop=True))
    if auth.is_local():  # signed in, the history records the account instead
        raw["user"] = st.text_input(t("inc.user", lang), key=f"{prefix}_user")
        slots["user"] = st.empty()
    return raw, slots


def acting(name: str | None) -> Principal:
    """Who writes: the signed-in account, or in local single-user mode the name typed."""
    if auth.is_local():
        return Principal((name or "").strip() or "local", auth.principal().role)
    return auth.principal()


def check(raw: dict, place: dict | None, lang: str) -> tuple[dict, dict]:
    """The record the form's values make, and the problems found (field → message)."""
    errors, record = {}, {}
    for key in ("fatalities", "injuries"):
        text = raw[key].strip()
        if text and not text.isdigit():
            errors[key] = t("inc.err.count", lang)
        record[key] = int(text) if text.isdigit() else None
    if "user" in raw and not raw["user"].strip():
        errors["user"] = t("inc.err.user", lang)
    if place is None:
        errors["location"] = t("inc.err.location", lang)
    for key in ("location", "notes", "source"):
        record[key] = raw[key].strip() or None
    if "side_reported" in raw:  # the reporter's side (issue 16): empty when not said
        record["side_reported"] = raw["side_reported"] or None
    record.update({k: raw[k] for k in ("event_date", "category", "sensitivity",
                                       "verification_status") if k in raw}, **(place or {}))
    return record, errors


def show_errors(errors: dict, slots: dict, place_slot, lang: str) -> None:
    for field, msg in errors.items():
        slot = place_slot if field in ("location", "lat", "lon") else slots.get(field)
        (slot or st).error(literal(field_error(field, msg, lang)))


def changes_of(record: dict, current: dict) -> dict:
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


REPORTED_SIDES = ("", "KG", "TJ", "UZ")  # the reporter's side: empty = not said
ADD_N = "_add_form_n"  # the add form's number: a saved form's widgets are never reused
# the add form (key prefix) this session has sent to the store and not yet seen refused: a
# second click can stop the run that saved it before that run cleared the form, and the
# second send then finds its own record (a duplicate) — which is this form saved, not a
# refusal
ADD_SENT = "_add_form_sent"
SAVED_NOTE = "_form_saved_note"  # form ("add"/"edit") → (key prefix of the next form, id)


def note_saved(form: str, prefix: str, event_id: str) -> None:
    """After a save: the form drawn next (key ``prefix``) says what was saved in every run
    while it is shown (a one-time note can be lost to a second click's rerun); rerun so
    the tables above show the write."""
    st.session_state.setdefault(SAVED_NOTE, {})[form] = (prefix, event_id)
    state.request_rerun()


def show_saved_note(form: str, prefix: str, lang: str) -> None:
    """The note :func:`note_saved` left for the form drawn with key ``prefix``."""
    kept = st.session_state.get(SAVED_NOTE, {}).get(form)
    if kept and kept[0] == prefix:
        st.success(t("inc.saved", lang, id=kept[1]))


def busy_note(lang: str):
    """A slot that tells how long a write has waited for a locked store (``on_busy``)."""
    slot = st.empty()
    return lambda waited_s: slot.info(t("edit.busy_wait", lang, s=int(waited_s)))


def add_form(lang: str) -> None:
    """Add an incident (source "internal"); its id is shown once saved, and the form comes
    back empty (new widgets: the map forgets its click). An identical incident already
    stored (a second click) is refused; a locked store is waited for."""
    n = st.session_state.setdefault(ADD_N, 0)
    prefix = f"add{n}"
    place = location(prefix, lang, ADD_MODES)
    place_slot = st.empty()
    with st.form(f"{prefix}_form"):
        raw, slots = fields(prefix, lang, {}, edit=False)
        submitted = st.form_submit_button(t("inc.save", lang), type="primary",
                                          key=f"{prefix}_save")
    show_saved_note("add", prefix, lang)
    if not submitted:
        return
    record, errors = check(raw, place, lang)
    if errors:
        show_errors(errors, slots, place_slot, lang)
        return
    on_busy = busy_note(lang)
    sent_before = st.session_state.get(ADD_SENT) == prefix
    st.session_state[ADD_SENT] = prefix  # no Streamlit call between this and the write
    try:
        new_id = resources.store().add({**record, "source_dataset": "internal"},
                                       acting(raw.get("user")),
                                       engine=resources.core().engine, on_busy=on_busy)
    except RecordError as err:
        st.session_state.pop(ADD_SENT, None)  # nothing stored
        show_errors({err.field: err.reason}, slots, place_slot, lang)
        return
    except DuplicateRecord as err:
        if not sent_before:  # another form, or another person's: refused
            st.session_state.pop(ADD_SENT, None)
            st.warning(t("edit.duplicate", lang, id=err.existing_id))
            return
        new_id = err.existing_id  # this very form, sent twice: it is saved
    except StoreBusy as err:
        st.session_state.pop(ADD_SENT, None)
        st.error(t("edit.busy_gave_up", lang, s=int(err.waited_s)))
        return
    # (the mark stays: it names this form, which the next form's number replaces)
    resources.bump_version()
    st.session_state[ADD_N] = n + 1  # a new entry's form, empty; who and how stay
    for suffix in ("loc_mode", "user"):
        if f"{prefix}_{suffix}" in st.session_state:
            st.session_state[f"add{n + 1}_{suffix}"] = st.session_state[f"{prefix}_{suffix}"]
    note_saved("add", f"add{n + 1}", new_id)
