"""Emerging hot spot analysis (space-time Gi* + Mann–Kendall), hot-spot classes.

Method (ArcGIS "Emerging Hot Spot Analysis", peers-and-methods §3.3):

1. Incidents are counted per hex cell and time slice (default quarterly, ``freq="Q"``),
   empty slices between the first and the last included. Requires ≥ ``min_slices`` (10)
   slices and ≥ ``min_incidents`` (60) incidents, else no result and a message.
2. **Space-time Gi\\*** per bin with a **time-lag neighbourhood of 1**: the neighbours of
   cell *i* in slice *t* are *i* and its distance-band neighbours in slices *t* and *t − 1*
   (ArcGIS's default "neighbourhood time step 1"); the mean and variance are those of the
   whole cube (:func:`analysis.gistar.gistar_z` on ``kron(T, W + I)``).
3. Two-sided analytic p-values, **Benjamini–Hochberg per slice** at ``q``; a bin is *hot*
   when it survives and z > 0, *cold* when it survives and z < 0.
4. Mann–Kendall trend of each cell's z series (:func:`mann_kendall_many`, the numbers of
   ``pymannkendall.original_test``).
5. Classes (hot side; cold analogues are not produced), first matching rule wins,
   ``n`` = number of slices, ``share_hot`` = hot bins / n, trend significant = MK p ≤ alpha:

   - **new**: the final bin is hot and it is the only significant bin ever.
   - **consecutive**: the final bins form one uninterrupted run of hot bins, no significant bin
     before the run, share_hot < 0.9.
   - **intensifying**: share_hot ≥ 0.9, final bin hot, significant increasing trend.
   - **diminishing**: share_hot ≥ 0.9, final bin hot, significant decreasing trend.
   - **historical**: share_hot ≥ 0.9 but the final bin is not hot.
   - **persistent**: share_hot ≥ 0.9 (final bin hot), no significant trend.
   - **oscillating**: final bin hot, share_hot < 0.9, some bin was a significant cold spot.
   - **sporadic**: final bin hot, share_hot < 0.9, never a significant cold spot.
   - otherwise **no pattern**.

   These are the predicates of ``JosiahParry/sfdep`` (``R/emerging-hostpot-classifications.R``)
   with two documented differences that follow the ArcGIS wording: "hot" always means
   significant *and* z > 0, *historical* is tested before *persistent* (so a cell that stopped
   being hot is historical even without a significant trend), and *sporadic* requires a hot
   final bin. sfdep uses a fixed threshold 0.01 without FDR; we use BH per slice.

Output DataFrame (one row per grid cell): ``cell_id``, ``class``, ``mk_tau``, ``mk_p`` (NaN
when the cell never had a significant bin; MK is not run for it), ``n_hot_slices``,
``n_cold_slices``, ``hot_final`` (bool), ``n_slices``, ``z_final`` (z of the last slice).
``frame.attrs["slices"]`` lists the slice labels (e.g. ``"2023Q1"``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import ndtr

from analysis.gistar import gistar_z, with_self_weight
from analysis.hexgrid import HexGrid
from analysis.notes import Note
from analysis.significance import bh_adjust, p_two_sided

CLASSES: tuple[str, ...] = ("new", "consecutive", "intensifying", "diminishing", "historical",
                            "persistent", "oscillating", "sporadic", "no pattern")
EMERGING_COLUMNS: dict[str, str] = {
    "cell_id": "Hex cell id (as in the gistar layer)",
    "class": f"One of {CLASSES}",
    "mk_tau": "Mann–Kendall tau of the cell's z series",
    "mk_p": "Mann–Kendall p-value (NaN when the cell never had a significant bin)",
    "n_hot_slices": "Slices in which the cell is a significant hot spot (after BH per slice)",
    "n_cold_slices": "Slices in which the cell is a significant cold spot",
    "hot_final": "The cell is a significant hot spot in the last slice",
    "n_slices": "Number of time slices",
    "z_final": "Space-time Gi* z of the last slice",
}


def mann_kendall_many(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(tau, two-sided p) of the Mann–Kendall test on each column of ``z`` (time × series).

    The same numbers as ``pymannkendall.original_test`` per column: S = Σ_{i<j} sign(z_j − z_i),
    var S = (n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)) / 18 over tie groups of size t,
    Z = (S ∓ 1) / √var S (0 when S = 0), p = 2 (1 − Φ(|Z|)), tau = S / (n(n−1)/2). NaNs are
    dropped per column as pymannkendall does; a column with < 2 values gives NaN.
    """
    z = np.asarray(z, float)
    if z.ndim == 1:
        z = z[:, None]
    n_t, m = z.shape
    if n_t == 0 or m == 0:
        return np.full(m, np.nan), np.full(m, np.nan)
    n = (~np.isnan(z)).sum(axis=0).astype(float)
    s = np.zeros(m)
    for k in range(n_t - 1):  # a NaN difference has sign NaN and counts 0 (NaN dropped)
        s += np.nansum(np.sign(z[k + 1:] - z[k]), axis=0)
    # tie groups = runs of equal values in each sorted column (NaNs sort last, never tie)
    zs = np.sort(z, axis=0).T.ravel()
    new_run = np.ones(len(zs), bool)
    new_run[1:] = zs[1:] != zs[:-1]
    new_run[::n_t] = True
    t = np.bincount(np.cumsum(new_run) - 1).astype(float)
    ties = np.bincount(np.flatnonzero(new_run) // n_t, weights=t * (t - 1) * (2 * t + 5),
                       minlength=m)
    var_s = (n * (n - 1) * (2 * n + 5) - ties) / 18
    with np.errstate(divide="ignore", invalid="ignore"):
        zscore = np.where(s > 0, (s - 1) / np.sqrt(var_s),
                          np.where(s < 0, (s + 1) / np.sqrt(var_s), 0.0))
        p = 2 * (1 - ndtr(np.abs(zscore)))  # norm.cdf is ndtr
        tau = s / (0.5 * n * (n - 1))
    few = n < 2
    return np.where(few, np.nan, tau), np.where(few, np.nan, p)


def mann_kendall(z: np.ndarray) -> tuple[float, float]:
    """(tau, two-sided p) of the Mann–Kendall test on a series (see
    :func:`mann_kendall_many`; equals ``pymannkendall.original_test``)."""
    tau, p = mann_kendall_many(np.asarray(z, float).ravel())
    return float(tau[0]), float(p[0])


def classify_series(z: np.ndarray, sig: np.ndarray, alpha: float = 0.05,
                    trend: tuple[float, float] | None = None) -> str:
    """Emerging hot spot class of one cell from its z series and significance flags.

    ``trend`` = (tau, p) when already computed; otherwise Mann–Kendall is run on ``z``.
    """
    z = np.asarray(z, float)
    sig = np.asarray(sig, bool)
    n = len(z)
    hot = sig & (z > 0)
    cold = sig & (z < 0)
    if not hot.any():
        return "no pattern"
    share_hot = hot.sum() / n
    final_hot = bool(hot[-1])
    if final_hot and sig.sum() == 1:
        return "new"
    if final_hot:
        run = n - np.flatnonzero(~hot)[-1] - 1 if (~hot).any() else n
        if not sig[: n - run].any() and share_hot < 0.9:
            return "consecutive"
    tau, p = trend if trend is not None else mann_kendall(z)
    trend_sig = p <= alpha
    if share_hot >= 0.9:
        if final_hot and trend_sig and tau > 0:
            return "intensifying"
        if final_hot and trend_sig and tau < 0:
            return "diminishing"
        if not final_hot:
            return "historical"
        return "persistent"
    if final_hot:
        return "oscillating" if cold.any() else "sporadic"
    return "no pattern"


def time_slices(dates: pd.Series, freq: str = "Q") -> tuple[np.ndarray, pd.PeriodIndex]:
    """Slice index of each date and the full range of slices between first and last."""
    periods = pd.to_datetime(dates).dt.to_period(freq)
    if periods.isna().all():
        return np.full(len(periods), -1), pd.PeriodIndex([], freq=freq)
    full = pd.period_range(periods.min(), periods.max(), freq=freq)
    idx = np.asarray(full.get_indexer(periods))
    return idx, full


def spacetime_weights(w: sp.spmatrix, n_slices: int, time_lag: int = 1) -> sp.csr_matrix:
    """``kron(T, W + I)``: bin (t, i) sees (s, j) when j is i or its neighbour and
    ``t - time_lag <= s <= t``. Bin order: slice-major (index ``t * n_cells + i``)."""
    t = sp.identity(n_slices, format="csr")
    for k in range(1, time_lag + 1):
        t = t + sp.eye(n_slices, k=-k, format="csr")
    return sp.csr_matrix(sp.kron(t, with_self_weight(w), format="csr"))


def emerging_hotspots(grid: HexGrid, w: sp.spmatrix, x_m: np.ndarray, y_m: np.ndarray,
                      dates: pd.Series, *, freq: str = "Q", min_slices: int = 10,
                      min_incidents: int = 60, q: float = 0.05, mk_alpha: float = 0.05,
                      time_lag: int = 1) -> tuple[pd.DataFrame | None, Note]:
    """Emerging hot spot classes per grid cell; returns ``(frame or None, message)``.

    ``x_m, y_m`` metres (metric CRS) and ``dates`` of the usable incidents; ``w`` the grid's
    binary weights without self-weights.
    """
    n_inc = len(x_m)
    slice_idx, slices = time_slices(pd.Series(dates).reset_index(drop=True), freq)
    n_slices = len(slices)
    if n_inc < min_incidents or n_slices < min_slices:
        return None, Note.make("emerging_too_few", min_slices=min_slices,
                               min_incidents=min_incidents, n_slices=n_slices, freq=freq,
                               n_incidents=n_inc)
    cell = grid.locate(x_m, y_m)
    ok = (cell >= 0) & (slice_idx >= 0)
    cube = np.bincount(slice_idx[ok] * grid.n + cell[ok],
                       minlength=n_slices * grid.n).astype(float)
    _, _, _, z = gistar_z(cube, spacetime_weights(w, n_slices, time_lag))
    z = z.reshape(n_slices, grid.n)
    p = p_two_sided(z)
    sig = np.vstack([bh_adjust(row) <= q for row in p])
    hot, cold = sig & (z > 0), sig & (z < 0)
    classes = np.full(grid.n, "no pattern", dtype=object)
    tau = np.full(grid.n, np.nan)
    mk_p = np.full(grid.n, np.nan)
    cells = np.flatnonzero(sig.any(axis=0))
    tau[cells], mk_p[cells] = mann_kendall_many(z[:, cells])
    for i in cells:
        classes[i] = classify_series(z[:, i], sig[:, i], mk_alpha, (tau[i], mk_p[i]))
    frame = pd.DataFrame({
        "cell_id": grid.cell_ids, "class": classes, "mk_tau": tau, "mk_p": mk_p,
        "n_hot_slices": hot.sum(axis=0), "n_cold_slices": cold.sum(axis=0),
        "hot_final": hot[-1], "n_slices": n_slices, "z_final": z[-1],
    })
    frame.attrs["slices"] = [str(s) for s in slices]
    n_pattern = int((classes != "no pattern").sum())
    return frame, Note.make("emerging_done", n_slices=n_slices, freq=freq, time_lag=time_lag,
                            q=q, mk_alpha=mk_alpha, n_pattern=n_pattern)
