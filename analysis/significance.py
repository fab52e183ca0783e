"""Inference shared by every local statistic: analytic p-values, Benjamini–Hochberg FDR,
Gi_Bin-style confidence classes.

Kept apart from the statistics (as in esda's ``significance.py``) so that the whole-period
Gi* and the per-slice Gi* of the emerging hot spot analysis share one path.
"""
from __future__ import annotations

import numpy as np
from scipy.special import ndtr

# Gi_Bin magnitude → largest FDR-adjusted p-value for that class (90 / 95 / 99 % confidence)
BIN_LEVELS: tuple[tuple[int, float], ...] = ((3, 0.01), (2, 0.05), (1, 0.10))


def p_two_sided(z: np.ndarray) -> np.ndarray:
    """Two-sided normal p-value ``2 * P(Z > |z|)``; NaN z gives p = 1.

    (esda's ``p_norm`` is one-sided, ``P(Z > |z|)``: ours is twice that.)
    """
    z = np.asarray(z, float)
    p = 2.0 * ndtr(-np.abs(z))  # = scipy.stats.norm.sf(|z|), without importing scipy.stats
    return np.where(np.isnan(z), 1.0, np.minimum(p, 1.0))


def bh_adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (step-up; ``p_adj_(k) = min_{j>=k} m p_(j) / j``).

    NaN p-values are left NaN and not counted in ``m``. Reject at level q where ``p_adj <= q``.
    Equals ``statsmodels.stats.multitest.multipletests(p, method="fdr_bh")[1]``.
    """
    p = np.asarray(p, float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return out
    pv = p[ok]
    order = np.argsort(pv, kind="mergesort")
    ranked = pv[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    adj = np.empty(m)
    adj[order] = np.minimum(ranked, 1.0)
    out[ok] = adj
    return out


def gi_bins(z: np.ndarray, p_adj: np.ndarray, q: float = 0.05) -> np.ndarray:
    """ArcGIS-style Gi_Bin from FDR-adjusted p-values: ±3 (p_adj ≤ 0.01), ±2 (≤ 0.05),
    ±1 (≤ 0.10), sign of z; 0 for cells that do not survive the FDR cut ``p_adj <= q``.

    With the default q = 0.05 only classes ±2 and ±3 can occur; q = 0.10 ("exploratory")
    admits ±1.
    """
    z = np.asarray(z, float)
    p_adj = np.nan_to_num(np.asarray(p_adj, float), nan=1.0)
    mag = np.zeros(len(z), dtype=int)
    for level, cut in reversed(BIN_LEVELS):
        mag[p_adj <= cut] = level
    mag[p_adj > q] = 0
    return (np.sign(np.nan_to_num(z)) * mag).astype(int)
