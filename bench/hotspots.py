"""Benchmark of the hotspot core; one run prints everything.

    .venv/bin/python bench/hotspots.py [--quick]
    KGTJ_DATA_DIR=... .venv/bin/python bench/hotspots.py --pipeline

1. Gi* on hex grids of ~2k, ~10k and ~40k cells (a 200 km × 100 km box, cell size chosen
   for the cell count; 5,000 incidents, half in 40 Gaussian clusters): this project
   (:func:`analysis.hexgrid.hex_weights` + :class:`analysis.gistar.GiStar`) against
   ``esda.G_Local(y, w, transform="B", star=True, permutations=0)``: the statistic alone on
   the same weights, and end to end with esda's usual weights
   (``libpysal.weights.DistanceBand``). Best of 3; max |Δz|. Bar: ≥ 5× at ~10k cells.
2. DBSCAN (eps 2 km, min 4) + cluster summaries for 1e3, 1e4, 1e5 incidents (98 % in
   Gaussian clusters of σ 1.5 km, one per 200 incidents; 2 % uniform — a denser uniform
   background percolates into one giant cluster at eps 2 km). Bar: 1e5 in ≤ 2 s.
   Monte Carlo (199 simulations) is timed separately.
3. ``--pipeline`` (instead of 1–2): :func:`analysis.hotspots.run_hotspots` end to end with
   default parameters, best of 3 after a warm-up run: on 10,000 synthetic incidents in the
   box, and on the incident store of ``KGTJ_DATA_DIR`` (study area = border buffer 20 km)
   when it holds incidents.
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.clusters import dbscan_labels, summarise_clusters  # noqa: E402
from analysis.gistar import GiStar  # noqa: E402
from analysis.hexgrid import hex_grid, hex_weights  # noqa: E402
from analysis.montecarlo import simulated_max_sizes  # noqa: E402
from geo.crs import to_lonlat  # noqa: E402
from incidents.schema import CATEGORIES, SYNTHETIC_SOURCE, conform  # noqa: E402

BOX = shapely.box(-100_000, -50_000, 100_000, 50_000)  # metres, METRIC_CRS


def best_of(fn, repeats=3):
    best, out = np.inf, None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def points(n, rng, share_clustered=0.98, n_clusters=None, sigma_m=1500.0):
    n_cl = int(n * share_clustered)
    k = n_clusters or max(1, n // 200)
    cx = rng.uniform(-95_000, 95_000, k)
    cy = rng.uniform(-45_000, 45_000, k)
    which = rng.integers(0, k, n_cl)
    x = np.r_[cx[which] + rng.normal(0, sigma_m, n_cl), rng.uniform(-100_000, 100_000, n - n_cl)]
    y = np.r_[cy[which] + rng.normal(0, sigma_m, n_cl), rng.uniform(-50_000, 50_000, n - n_cl)]
    return np.clip(x, -100_000, 100_000), np.clip(y, -50_000, 50_000)


def bench_gistar(targets, repeats):
    import esda
    import libpysal
    print("Gi* (analytic) — this project vs esda.G_Local(transform='B', star=True, "
          "permutations=0), best of", repeats)
    print(f"{'cells':>7} {'ours w':>8} {'ours Gi*':>9} {'ours tot':>9} {'esda Gi*':>9} "
          f"{'DistBand':>9} {'esda tot':>9} {'Gi* ×':>7} {'total ×':>8} {'max|Δz|':>9}")
    rng = np.random.default_rng(0)
    x, y = points(5000, rng, share_clustered=0.5, n_clusters=40, sigma_m=3000.0)
    area_km2 = shapely.area(BOX) / 1e6
    for target in targets:
        cell_m = float(np.sqrt(area_km2 / target / (np.sqrt(3) / 2)) * 1000)
        grid = hex_grid(BOX, cell_m)
        counts = grid.counts(x, y)
        t_w, w = best_of(lambda g=grid: hex_weights(g), repeats)
        t_ours, gi = best_of(lambda c=counts, w=w: GiStar(c, w), repeats)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wl = libpysal.weights.WSP(w).to_W(silence_warnings=True)
            t_esda, ref = best_of(lambda c=counts, w=wl: esda.G_Local(
                c, w, transform="B", star=True, permutations=0), repeats)
            pts = np.column_stack([grid.x_m, grid.y_m])
            t_db, wdb = best_of(lambda p=pts, d=cell_m: libpysal.weights.DistanceBand(
                p, threshold=1.01 * d, binary=True, silence_warnings=True), repeats)
            _, ref_db = best_of(lambda c=counts, w=wdb: esda.G_Local(
                c, w, transform="B", star=True, permutations=0), 1)
        dz = max(np.nanmax(np.abs(gi.Zs - ref.Zs)), np.nanmax(np.abs(gi.Zs - ref_db.Zs)))
        ours_tot, esda_tot = t_w + t_ours, t_db + t_esda
        print(f"{grid.n:>7} {t_w:>8.4f} {t_ours:>9.4f} {ours_tot:>9.4f} {t_esda:>9.4f} "
              f"{t_db:>9.4f} {esda_tot:>9.4f} {t_esda / t_ours:>7.1f} "
              f"{esda_tot / ours_tot:>8.1f} {dz:>9.1e}")


def incident_frame(x, y, rng):
    n = len(x)
    lon, lat = to_lonlat(x, y)
    fat = pd.array(rng.integers(0, 3, n), dtype="Int64")
    fat[rng.random(n) < 0.3] = pd.NA
    return conform(pd.DataFrame({
        "event_id": [f"KGTJ-{i:06d}" for i in range(1, n + 1)],
        "source_dataset": SYNTHETIC_SOURCE,
        "event_date": pd.Timestamp("2020-01-01") + pd.to_timedelta(
            rng.integers(0, 2000, n), "D"),
        "category": rng.choice(list(CATEGORIES), n), "lon": lon, "lat": lat,
        "geo_precision": 1, "side": np.where(x < 0, "KG", "TJ"), "border_dist_m": -x,
        "fatalities": fat, "injuries": pd.array(rng.integers(0, 5, n), dtype="Int64"),
        "disagreement_zone_id": np.where(rng.random(n) < 0.05, "DZ-001", None),
    }))


def bench_clusters(sizes, repeats, mc_sizes):
    print("\nDBSCAN (eps 2000 m, min_samples 4) + cluster summaries (hulls EPSG:4326, "
          "counts, sides, overlaps, event ids), best of", repeats)
    print(f"{'incidents':>10} {'clusters':>9} {'DBSCAN s':>9} {'summary s':>10} {'total s':>8} "
          f"{'bar 2 s':>8}")
    for n in sizes:
        rng = np.random.default_rng(1)
        x, y = points(n, rng)
        frame = incident_frame(x, y, rng)
        t_db, labels = best_of(lambda x=x, y=y: dbscan_labels(x, y, 2000.0, 4), repeats)
        t_sum, out = best_of(lambda f=frame, x=x, y=y, lab=labels:
                             summarise_clusters(f, x, y, lab), repeats)
        total = t_db + t_sum
        ok = "ok" if n < 100_000 or total <= 2.0 else "MISSED"
        print(f"{n:>10} {len(out):>9} {t_db:>9.3f} {t_sum:>10.3f} {total:>8.3f} {ok:>8}")
    print("\nMonte Carlo (199 random placements in the 20,000 km² box, one DBSCAN call per "
          "chunk)")
    for n in mc_sizes:
        t, sims = best_of(lambda n=n: simulated_max_sizes(BOX, n, 2000.0, 4, 199, seed=1), 1)
        print(f"{n:>10} incidents: {t:.2f} s (simulated max cluster size median "
              f"{int(np.median(sims))})")


def bench_pipeline(repeats: int) -> None:
    from analysis.hotspots import HotspotParams, run_hotspots
    print("run_hotspots end to end (default HotspotParams), best of", repeats)
    rng = np.random.default_rng(2)
    x, y = points(10_000, rng)
    cases = [("synthetic 10k (box)", incident_frame(x, y, rng), BOX)]
    import settings
    from incidents.store import IncidentStore
    from incidents.wiring import load_resources
    store = IncidentStore(settings.database_url())
    from incidents.access import LOCAL_ADMIN
    frame = store.load(principal=LOCAL_ADMIN)
    if len(frame):
        area = load_resources(store=store).engine.study_area(buffer_m=20000.0)
        cases.append((f"store {settings.data_dir()}", frame, area))
    from sklearn.cluster import DBSCAN

    from geo.crs import to_metric
    hp = HotspotParams()
    for name, frame, area in cases:
        run_hotspots(frame, area, hp)  # warm-up
        t, res = best_of(lambda f=frame, a=area: run_hotspots(f, a, hp), repeats)
        ok = frame["lon"].notna() & frame["lat"].notna()
        xy = np.column_stack(to_metric(frame.loc[ok, "lon"].to_numpy(float),
                                       frame.loc[ok, "lat"].to_numpy(float)))
        t_ref, _ = best_of(lambda p=xy: DBSCAN(eps=hp.eps_m, min_samples=hp.min_samples)
                           .fit_predict(p), repeats)
        print(f"{name}: {len(frame)} incidents, {len(res.clusters)} clusters, {t:.2f} s = "
              f"{t / t_ref:.1f}x one sklearn DBSCAN fit of the same points ({t_ref:.3f} s; "
              f"baseline: the pipeline's single peer step)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 repeat, smaller sizes")
    parser.add_argument("--pipeline", action="store_true",
                        help="time run_hotspots only (synthetic 10k and the KGTJ_DATA_DIR store)")
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    if args.pipeline:
        bench_pipeline(repeats)
        return
    bench_gistar((2_000, 10_000) if args.quick else (2_000, 10_000, 40_000), repeats)
    bench_clusters((1_000, 10_000) if args.quick else (1_000, 10_000, 100_000), repeats,
                   (100, 1_000) if args.quick else (100, 1_000, 5_000))


if __name__ == "__main__":
    main()
