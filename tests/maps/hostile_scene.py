"""The print scene of ``tests/maps/conftest.py`` with hostile text (``tests.hostile``) in
every name a map, brief or export shows: settlement names, community (pair) names, the
reasons, hotspot places, incident places, notes and sources."""
from __future__ import annotations

from types import SimpleNamespace

from maps.print.print_data import build_print_data
from sharing.protect import ProtectionOptions
from tests.hostile import HOSTILE, hostile
from tests.maps import conftest as scene


def hostile_scene(mode: str = "internal"):
    layers = scene._layers()
    places = scene._places()
    places["name"] = [hostile(i) for i in range(len(places))]
    places["name_ru"] = [hostile(i + 3) for i in range(len(places))]
    engine = SimpleNamespace(layers=layers, claims=None, curated=None,
                             gazetteer=SimpleNamespace(places=places))
    inc = scene._incidents()
    inc["location"] = [hostile(i) for i in range(len(inc))]
    inc["notes"] = [hostile(i + 1) for i in range(len(inc))]
    inc["source"] = [hostile(i + 2) for i in range(len(inc))]
    clusters = scene._clusters(inc)
    clusters["places"] = "; ".join(HOSTILE[:-1])
    pairs = scene._pairs()
    pairs = pairs.loc[[0] * len(HOSTILE)].reset_index(drop=True)
    pairs["kg_name"] = list(HOSTILE)
    pairs["tj_name"] = [hostile(i + 4) for i in range(len(HOSTILE))]
    pairs["why"] = [hostile(i + 2) for i in range(len(HOSTILE))]
    gaps = scene._gaps()
    gaps["why"] = hostile(3) + " " + hostile(4)
    data = build_print_data(inc, engine, layers, mode=mode,
                            options=ProtectionOptions(location="hex"), clusters=clusters,
                            pairs=pairs, gaps=gaps, places=places,
                            filters_text="categories: " + hostile(2))
    return data, inc
