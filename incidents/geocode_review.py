"""What the import report says about names: ambiguous, far, compound, learned, refused.

Issue 17: ambiguity stays a report, never a guess — the import report (its text in any
language: :func:`i18n.report_text.names_lines`) lists each ambiguous name with its
candidates, each name matched only far from the border, each compound name with the parts
it was resolved to, and the places learned and refused from the import's rows, each with
why.
"""
from __future__ import annotations

import json

import pandas as pd


def _candidate(c: dict) -> dict:
    return {"name": c.get("name"), "name_ru": c.get("name_ru"), "country": c.get("iso3"),
            "district": c.get("admin2"), "community": c.get("community"),
            "lat": c.get("lat"), "lon": c.get("lon"), "source": c.get("source"),
            "place_id": c.get("place_id")}


def names_report(names: pd.Series, status: pd.Series, candidates_json: pd.Series,
                 match: pd.Series, place_name: pd.Series) -> dict[str, list[dict]]:
    """Per distinct name: ``ambiguous`` and ``far`` (with candidates), ``compound`` (with
    the place it was resolved to). Inputs are aligned Series, one per geocoded row."""
    frame = pd.DataFrame({"name": names.astype(str), "status": status.astype(str),
                          "cands": candidates_json, "match": match.astype("string"),
                          "place": place_name.astype("string")})
    out: dict[str, list[dict]] = {"ambiguous": [], "far": [], "compound": []}
    for kind in ("ambiguous", "far"):
        sub = frame[frame["status"] == kind]
        for name, rows in sub.groupby("name", sort=True):
            text = rows["cands"].dropna()
            cands = json.loads(text.iat[0]) if len(text) else []
            out[kind].append({"name": name, "rows": len(rows),
                              "candidates": [_candidate(c) for c in cands]})
    sub = frame[(frame["status"] == "matched") & (frame["match"] == "compound")]
    for name, rows in sub.groupby("name", sort=True):
        out["compound"].append({"name": name, "rows": len(rows),
                                "resolved_to": str(rows["place"].iat[0])})
    return out


def learn_lists(gazetteer, rows: pd.DataFrame, report: pd.DataFrame,
                stored: pd.DataFrame | None, batch_id: str) -> dict[str, list[dict]]:
    """``learned`` (new places, one entry each), ``refused`` and ``waiting`` (one entry per
    row) for an import's ``rows``.

    ``report`` is ``gazetteer.learn_report(rows)`` (refusals are final there); ``stored``
    the store's learned rows that may teach after the import (``incidents.learned.
    eligible_learned``, this batch's rows marked by ``import_batch_id``): a place is newly
    learned when this batch's rows make a place that the earlier rows alone did not.
    """
    out: dict[str, list[dict]] = {"learned": [], "refused": [], "waiting": []}

    def entry(r) -> dict:
        country = getattr(r, "country", None)
        return {"name": str(r.location), "lat": float(r.lat), "lon": float(r.lon),
                "country": None if country is None or pd.isna(country) else str(country),
                "why": r.why}

    joined = pd.concat([rows.reset_index(drop=True), report[["learn_status", "why"]]
                        .reset_index(drop=True)], axis=1)
    for r in joined.itertuples(index=False):
        if str(r.learn_status).startswith("refused"):
            out["refused"].append(entry(r) | {"status": r.learn_status})
    if stored is None or stored.empty:
        stored = rows.iloc[0:0].assign(import_batch_id=pd.Series(dtype="string"))
    stored = stored.reset_index(drop=True)
    mine = (stored["import_batch_id"].astype("string") == batch_id).fillna(False)
    now = gazetteer.learn_report(stored, with_observations=False)
    before = gazetteer.learn_report(stored[~mine], with_observations=False)
    old_places = {i for i, s in zip(before["place_id"], before["learn_status"], strict=True)
                  if s in ("added", "merged")}
    was_place = pd.Series(False, index=stored.index)
    was_place[~mine] = before["place_id"].isin(list(old_places)).to_numpy()
    both = pd.concat([stored, now[["learn_status", "place_id", "why"]]], axis=1)
    both["was_place"] = was_place
    seen: set[str] = set()
    for pid, group in both[both["learn_status"].isin(["added", "merged"])].groupby(
            "place_id", sort=False):
        if group["was_place"].any() or not mine[group.index].any() or pid in seen:
            continue
        seen.add(pid)
        out["learned"].append(entry(next(group.itertuples(index=False))) | {"place_id": pid})
    placed = {(str(r.location), float(r.lon), float(r.lat)) for r in both[
        mine & both["learn_status"].isin(["added", "merged"])].itertuples(index=False)}
    for r in joined[joined["learn_status"] == "pending"].itertuples(index=False):
        if (str(r.location), float(r.lon), float(r.lat)) not in placed:
            out["waiting"].append(entry(r))
    return out
