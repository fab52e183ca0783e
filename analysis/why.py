"""The "why" of a recommended pair and of a coverage gap, as values that render in English here
and in Russian through ``i18n.why_text``, which reads them as plain data (their JSON) and
never imports this module.

:class:`PairWhy` (built by :mod:`analysis.pairing`) and :class:`GapWhy` (by
:mod:`analysis.gaps`) hold the numbers, category codes, names (Latin and, when known,
Russian), ids and dates of one explanation. ``str()`` gives the English text of the ``why``
column (CLI, exports, briefs); ``to_json()`` is stored beside it in ``why_params`` and
:func:`why_from_json` reads it back. Pure: no pandas, geometry or Streamlit.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from geo.reference_line import date_words

CATEGORY_WORDS: dict[str, tuple[str, str]] = {
    "road_crash": ("road crash", "road crashes"),
    "border_guard_incident": ("border-guard incident", "border-guard incidents"),
    "youth_clash": ("youth clash", "youth clashes"),
    "water_dispute": ("water dispute", "water disputes"),
    "land_pasture_dispute": ("land/pasture dispute", "land/pasture disputes"),
    "infrastructure_dispute": ("infrastructure dispute", "infrastructure disputes"),
    "protest": ("protest", "protests"),
    "domestic_violence": ("domestic-violence case", "domestic-violence cases"),
    "other": ("other incident", "other incidents"),
}
SIDE_WORD = {"KG": "Kyrgyz", "TJ": "Tajik"}


def plural(category: str, n: int) -> str:
    """'1 road crash', '5 road crashes'."""
    one, many = CATEGORY_WORDS.get(category, (category, category))
    return f"{n} {one if n == 1 else many}"


def join_words(items: list[str], conj: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (``conj`` between the last two)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conj} " + items[-1]


@dataclass(frozen=True)
class PairWhy:
    """Why a KG–TJ pair is recommended for a hotspot.

    ``top``: up to three (category, count) of the hotspot, most frequent first (empty: only
    ``n_incidents`` is named); ``extent_km``: hotspot radius (km); ``since``: first incident
    month, "YYYY-MM"; ``shared``: shared prioritised categories; ``triggers``: armed incidents
    (event_id, "YYYY-MM-DD") within ``armed_km`` km in the last ``window_days`` days.
    """

    hotspot_id: str
    top: tuple[tuple[str, int], ...]
    n_incidents: int
    extent_km: float
    since: str
    kg_name: str
    kg_name_ru: str | None
    tj_name: str
    tj_name_ru: str | None
    shared: tuple[str, ...]
    triggers: tuple[tuple[str, str], ...]
    armed_km: float
    window_days: int
    as_of: str = ""  # the analysis date, "YYYY-MM-DD": the window ends on it

    kind = "pair"

    @property
    def mode(self) -> str:
        """'parallel' when an armed incident is named, else 'joint'."""
        return "parallel" if self.triggers else "joint"

    def __str__(self) -> str:
        what = join_words([plural(c, n) for c, n in self.top]) if self.top \
            else f"{self.n_incidents} incidents"
        text = (f"{what} within {self.extent_km:g} km since {date_words(self.since)} "
                f"({self.hotspot_id})")
        names = f"{self.kg_name} (KG) and {self.tj_name} (TJ)"
        if self.shared:
            words = join_words([CATEGORY_WORDS.get(c, (c, c))[1] for c in self.shared])
            text += f"; {names} both prioritise {words}"
        else:
            text += f"; {names} share no prioritised problem"
        window = f"in the {self.window_days} days before {date_words(self.as_of)}" \
            if self.as_of else f"in the last {self.window_days} days"
        if self.triggers:
            named = ", ".join(f"{e} ({d})" for e, d in self.triggers)
            return text + f"; armed incident(s) within {self.armed_km:g} km {window}: " \
                          f"{named} → parallel"
        return text + f"; no exchange of fire within {self.armed_km:g} km {window} → joint"

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind, **asdict(self)}, ensure_ascii=False)


@dataclass(frozen=True)
class GapWhy:
    """Why a hotspot side is a coverage gap.

    ``sides``: the hotspot's sides label (``analysis.clusters.sides_label``); ``side``: the
    missing side, KG or TJ; ``radius_km``: search radius (km); ``inactive``: registry
    entries nearby that are not active, (name, name_ru, status); ``best``: the proposed
    candidate (name, name_ru, distance in km), or None.
    """

    hotspot_id: str
    n_incidents: int
    sides: str
    radius_km: float
    side: str
    inactive: tuple[tuple[str, str | None, str], ...]
    best: tuple[str, str | None, float] | None

    kind = "gap"

    def __str__(self) -> str:
        text = (f"{self.hotspot_id} ({self.n_incidents} incidents, {self.sides}) has no "
                f"active mechanism within {self.radius_km:g} km on the "
                f"{SIDE_WORD.get(self.side, self.side)} side")
        if self.inactive:
            text += " (only " + ", ".join(f"{n} [{st}]" for n, _ru, st in self.inactive) + ")"
        if self.best is None:
            return text + "; no candidate settlement in the registry on that side"
        where = "inside the hotspot's area" if self.best[2] == 0 else f"at {self.best[2]:.1f} km"
        return text + f"; nearest candidate settlement: {self.best[0]} {where}"

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind, **asdict(self)}, ensure_ascii=False)


def text_or_none(value) -> str | None:
    """A non-blank text cell as str, anything else (NA, None, blank) as None."""
    return str(value) if isinstance(value, str) and value.strip() else None


def _tuples(items) -> tuple:
    return tuple(tuple(i) for i in items or ())


def why_from_json(text) -> PairWhy | GapWhy | None:
    """The :class:`PairWhy` / :class:`GapWhy` of a ``why_params`` cell; None when the cell is
    empty or not such a JSON object (never raises)."""
    try:
        data = json.loads(text) if isinstance(text, str) and text else None
        if not isinstance(data, dict):
            return None
        kind = data.pop("kind", None)
        if kind == "pair":
            for key in ("top", "triggers"):
                data[key] = _tuples(data.get(key))
            data["shared"] = tuple(data.get("shared") or ())
            return PairWhy(**data)
        if kind == "gap":
            data["inactive"] = _tuples(data.get("inactive"))
            data["best"] = tuple(data["best"]) if data.get("best") else None
            return GapWhy(**data)
    except (TypeError, ValueError):
        return None
    return None
