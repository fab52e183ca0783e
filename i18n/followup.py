"""Sentences of the before/after evaluation and of the follow-up list, in English or
Russian, from the values of one row (:mod:`analysis.evaluation`, :mod:`analysis.followup`);
the method notes of the evaluation."""
from __future__ import annotations

import math

import pandas as pd

from i18n import t, vocab
from i18n.fmt import number_text
from i18n.method_actions import METHOD_NOTES


def ratio_text(v, lang: str = "en") -> str:
    """A ratio of the evaluation with two decimals in ``lang`` ('1,80' in Russian); '–'
    when missing, '∞' when infinite."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or pd.isna(v):
        return "–"
    if math.isinf(float(v)):
        return "∞"
    return number_text(float(v), lang, digits=2)


def _date(v) -> str:
    return "" if v is None or pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d")


def evaluation_text(row: dict, lang: str = "en", min_total: int = 10) -> str:
    """One action's evaluation in a sentence or two (``row``: one row of
    ``analysis.evaluation.evaluate_actions``)."""
    note = row.get("note") or ""
    if note in ("not_started", "not_ended", "no_data_before", "no_data_after"):
        return t(f"ev.{note}", lang)
    n_b, n_a = int(row.get("n_before") or 0), int(row.get("n_after") or 0)
    if row.get("verdict") == "too_few_to_judge":
        return t("ev.too_few", lang, n_before=n_b, n_after=n_a, min_total=min_total)
    text = t("ev.result", lang, n_before=n_b, n_after=n_a, days=int(row.get("window_days") or 0),
             **{k: ratio_text(row.get(col), lang) for k, col in (
                 ("rr", "rate_ratio"), ("lo", "ci_low"), ("hi", "ci_high"),
                 ("comp", "comparison_ratio"), ("ror", "ratio_of_ratios"),
                 ("rlo", "ror_ci_low"), ("rhi", "ror_ci_high"))},
             verdict=vocab("verdict", row.get("verdict"), lang))
    if note in ("comparison_too", "no_comparison"):
        text += " " + t(f"ev.{note}", lang)
    return text


def change_line(rec: dict, lang: str = "en") -> str:
    """One item of the Monday list (``rec``: a row of ``analysis.followup.changes``): a
    hotspot by its id and places ("HS-001 (Vorukh; Ak-Say ~5.3 km)"), a pair by its two
    communities ("Ak-Say – Vorukh"; its ids only when a name is missing)."""
    what, kind = rec["what"], rec.get("kind")
    decision = rec.get("last_decision")
    name = rec.get("subject_name")
    name = name if isinstance(name, str) and name else None
    subject = (name or rec.get("subject_id")) if kind == "pair" else \
        (f"{rec.get('subject_id')} ({name})" if name else rec.get("subject_id"))
    key = f"ch.{what}.{kind}" if what == "never_reviewed" else f"ch.{what}"
    return t(key, lang, subject=subject, hotspot=rec.get("hotspot_id"),
             n=int(rec["n"]) if rec.get("n") is not None and not pd.isna(rec.get("n")) else 0,
             since=_date(rec.get("since")), detail=rec.get("detail") or "–",
             before=rec.get("detail") or "–",
             decision=vocab("decision", decision, lang) if decision else "–")


def method_notes(lang: str = "en") -> str:
    """The method notes of the before/after evaluation (Markdown) in ``lang``."""
    return METHOD_NOTES["ru" if lang == "ru" else "en"]


ACTION_KINDS = {"scope": "action_scope", "action_type": "action_type", "status": "action_status",
                "verdict": "verdict", "place_kind": "place_kind", "what": "change",
                "last_decision": "decision", "decision": "decision", "kind": "change_kind"}


def action_display(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A display copy of an action, evaluation, review or change table: coded values as
    labels in ``lang`` (``category`` and ``partners`` lists too); numbers rounded."""
    out = frame.copy()
    for col, kind in ACTION_KINDS.items():
        if col in out.columns and kind != "change_kind":
            out[col] = out[col].astype(object).map(
                lambda v, k=kind: vocab(k, v, lang) if isinstance(v, str) and v else v)
    if "kind" in out.columns:
        out["kind"] = out["kind"].astype(object).map(
            lambda v: t(f"ch.kind.{v}", lang) if v in ("pair", "hotspot") else v)
    for col, kind in (("category", "category"), ("partners", "partner")):
        if col in out.columns:
            out[col] = out[col].astype(object).map(
                lambda v, k=kind: "; ".join(vocab(k, c, lang) for c in v.split(";") if c)
                if isinstance(v, str) else v)
    return out
