"""The Incidents page's edit form, bound to the record and row version it was drawn from.

- The record is read from the store when it is chosen (:data:`BOUND`: id, row version,
  values); the form's widget keys carry both (:func:`ui.form_binding.form_prefix`), so
  choosing another incident draws other widgets with that incident's values.
- A Save writes only into the record its form was drawn for, and only if that record is
  still at the version shown (``IncidentStore.update(expected_version=)``); otherwise
  nothing is written and the stored values and the user's input are shown side by side
  (:data:`CONFLICT`), with a way to load the stored record or, knowingly, save over it.
- A Save pressed on a form drawn for another incident (the choice changed in between) is
  refused the same way.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n import field_label, t
from incidents.validation import RecordError
from incidents.writes import IncidentNotFound, StaleRecord, StoreBusy
from ui import form_binding, resources
from ui.choices import labelled
from ui.incident_form import (
    EDIT_MODES,
    SAVED_NOTE,
    acting,
    busy_note,
    changes_of,
    check,
    fields,
    location,
    note_saved,
    show_errors,
    show_saved_note,
)
from ui.plain import literal

BOUND = "_edit_bound"  # {"event_id", "version", "values"} of the record the form shows
CONFLICT = "_edit_conflict"  # a refused save: what is stored and what the user entered


def _bind(event_id: str, user: str | None = None) -> dict:
    """Read ``event_id`` afresh and draw the form for it (``user`` carried over)."""
    values, version = resources.store().get_versioned(event_id, resources.principal())
    notes = st.session_state.get(SAVED_NOTE, {})
    if notes.get("edit") and notes["edit"][1] != event_id:
        del notes["edit"]  # "Saved" belongs to the record saved, not to the next one shown
    bound = {"event_id": event_id, "version": version, "values": values}
    st.session_state[BOUND] = bound
    if user:
        st.session_state[f"{_prefix(bound)}_user"] = user
    return bound


def _prefix(bound: dict) -> str:
    return form_binding.form_prefix(bound["event_id"], bound["version"])


def _refuse_stray(chosen: str, bound: dict | None) -> None:
    """A Save pressed on a form not drawn in this run (another incident was chosen, or
    the record was reloaded) writes nothing: its input is kept beside what is stored."""
    drawn = (bound["event_id"], bound["version"]) if bound else None
    for form_id, version in form_binding.submitted_forms(st.session_state):
        if form_id == chosen and (form_id, version) == drawn:
            continue  # the form drawn below: saved the normal way
        mine = form_binding.form_input(st.session_state,
                                       form_binding.form_prefix(form_id, version))
        try:
            stored, now = resources.store().get_versioned(form_id, resources.principal())
        except IncidentNotFound:
            continue
        rows = form_binding.comparison(stored, mine)
        if rows:  # nothing differs: a second click on a form already saved
            st.session_state[CONFLICT] = {
                "kind": "other_record" if form_id != chosen else "old_form",
                "event_id": form_id, "version": now, "rows": rows, "changes": None}


def _overwrite(lang: str) -> None:
    """The user saw both versions and saves their input over the stored one."""
    c = st.session_state.get(CONFLICT) or {}
    try:
        version = resources.store().update(c["event_id"], c["changes"], acting(c["user"]),
                                           engine=resources.core().engine,
                                           expected_version=c["version"])
    except StaleRecord as err:  # changed once more: show that instead
        c.update(version=err.version, rows=form_binding.comparison(
            err.stored, c["mine"], c["shown"]))
        return
    except (StoreBusy, RecordError):
        return  # the conflict stays shown; the user can try again
    resources.bump_version()
    st.session_state.pop(CONFLICT, None)
    st.session_state.pop(BOUND, None)  # the next run draws the saved record
    note_saved("edit", form_binding.form_prefix(c["event_id"], version), c["event_id"])


def _show_conflict(lang: str, chosen: str) -> None:
    c = st.session_state.get(CONFLICT)
    if not c:
        return
    st.error(t(f"edit.{c['kind']}", lang, id=c["event_id"] if c["kind"] != "other_record"
               else chosen, form_id=c["event_id"]))
    cols = ["field", "shown", "stored", "mine"] if c["kind"] == "stale" else \
        ["field", "stored", "mine"]
    table = pd.DataFrame(c["rows"], columns=["field", "shown", "stored", "mine"])[cols]
    table["field"] = table["field"].map(lambda f: field_label(f, lang))
    # st.table renders its cells as Markdown: other people's values are shown as written
    table = table.map(lambda v: literal(v) if isinstance(v, str) else v)
    st.table(table.rename(columns={k: t(f"edit.col.{k}", lang) for k in cols}))
    b1, b2, b3 = st.columns(3)
    if c["event_id"] == chosen:
        b1.button(t("edit.load_stored", lang), key="edit_load_stored",
                  on_click=lambda: st.session_state.pop(BOUND, None))
        if c.get("changes"):
            b2.button(t("edit.overwrite", lang), key="edit_overwrite", on_click=_overwrite,
                      args=(lang,))
    b3.button(t("edit.dismiss", lang), key="edit_dismiss",
              on_click=lambda: st.session_state.pop(CONFLICT, None))


def edit_form(lang: str, df: pd.DataFrame) -> str | None:
    """Edit one of the incidents ``df`` holds (any field, its location kept or set anew);
    returns the chosen event id."""
    ids = df["event_id"].tolist()
    if not ids:
        return None
    from i18n.display_tables import location_names
    from ui.incident_links import pick_label
    records = df[[c for c in ("event_id", "event_date", "category", "location")
                  if c in df]].to_dict("records")
    labels: dict[str, dict] = {}  # language → event id → label, made when first asked

    def label(i: str, lg: str) -> str:
        if lg not in labels:
            names = location_names(resources.places(), lg)
            labels[lg] = {r["event_id"]: pick_label(r, names, lg) for r in records}
        return labels[lg].get(i, i)
    eid = st.selectbox(t("inc.edit_id", lang), ids, key="edit_id",
                       format_func=labelled("edit_id", ids, label, lang))
    bound = st.session_state.get(BOUND)
    _refuse_stray(eid, bound)
    try:
        if bound is None or bound["event_id"] != eid:
            bound = _bind(eid)
        stored_version = resources.store().row_version(eid, resources.principal())
    except IncidentNotFound:
        return None
    prefix = _prefix(bound)
    if stored_version != bound["version"] and not st.session_state.get(CONFLICT):
        st.warning(t("edit.changed_elsewhere", lang, id=eid))
        st.button(t("edit.load_stored", lang), key="edit_reload",
                  on_click=lambda: st.session_state.pop(BOUND, None))
    current = bound["values"]
    place = location(prefix, lang, EDIT_MODES, current)
    place_slot = st.empty()
    with st.form(f"{prefix}_form"):
        raw, slots = fields(prefix, lang, current, edit=True)
        submitted = st.form_submit_button(t("inc.save", lang), key=f"{prefix}_save")
    show_saved_note("edit", prefix, lang)
    if submitted:
        _save(lang, bound, raw, slots, place, place_slot)
    _show_conflict(lang, eid)
    return eid


def _save(lang: str, bound: dict, raw: dict, slots: dict, place, place_slot) -> None:
    """Write the form into the record it was drawn for, if that is unchanged since."""
    eid, user = bound["event_id"], raw.get("user", "").strip()
    record, errors = check(raw, place, lang)
    if errors:
        show_errors(errors, slots, place_slot, lang)
        return
    changes = changes_of(record, bound["values"])
    try:
        if changes:
            resources.store().update(eid, changes, acting(user),
                                     engine=resources.core().engine,
                                     expected_version=bound["version"],
                                     on_busy=busy_note(lang))
            resources.bump_version()
    except RecordError as err:
        show_errors({err.field: err.reason}, slots, place_slot, lang)
        return
    except StoreBusy as err:
        st.error(t("edit.busy_gave_up", lang, s=int(err.waited_s)))
        return
    except StaleRecord as err:
        st.session_state[CONFLICT] = {
            "kind": "stale", "event_id": eid, "version": err.version, "changes": changes,
            "user": user, "mine": record, "shown": bound["values"],
            "rows": form_binding.comparison(err.stored, record, bound["values"])}
        return
    st.session_state.pop(CONFLICT, None)
    if changes:
        bound = _bind(eid, user)  # the saved record, at its new version
    note_saved("edit", _prefix(bound), eid)
