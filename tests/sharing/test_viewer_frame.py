"""The viewer's view (sharing.viewer): settlement points on their own side, no personal
field, sensitive records left out, a schema frame the map can draw."""
from __future__ import annotations

import numpy as np

from geo.crs import to_metric
from incidents.schema import COLUMNS
from sharing.viewer import viewer_frame


def test_viewer_frame_generalises_and_strips(world):
    x = np.array([-30500.0, -30400.0, -29800.0])  # near Kok-Tash (KG) and Chorku (TJ)
    y = np.array([5200.0, -5300.0, 5900.0])
    df = world.incidents_at(x, y, category=["water_dispute", "water_dispute",
                                            "domestic_violence"],
                            location=["House of A. Example </script>"] * 3,
                            nearest_place_dist_m=[12.5, 40.0, 3.0])
    out, left_out = viewer_frame(df, world.engine)
    assert list(out.columns) == list(COLUMNS)
    assert left_out == 1 and len(out) == 2  # the sensitive category: only counted elsewhere
    for col in ("actor1", "notes", "nearest_place_dist_m", "source_event_id"):
        assert out[col].isna().all(), col
    assert set(out["location"]) == {"Kok-Tash", "Chorku"}  # the settlement, not the house
    xs, ys = to_metric(out["lon"].to_numpy(float), out["lat"].to_numpy(float))
    placed = dict(zip(out["location"], ys, strict=True))
    assert placed["Kok-Tash"] > world.line_y(np.array([-30000.0]))[0]  # stays in KG
    assert placed["Chorku"] < world.line_y(np.array([-30000.0]))[0]  # stays in TJ
    assert "Example" not in out.astype(str).to_string()
