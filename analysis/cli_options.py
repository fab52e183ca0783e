"""The analysis parameters as command-line options, shared by ``python -m analysis`` and
``python -m maps`` (prints and briefs analyse as the app's Hotspots page does): the options'
defaults are :class:`analysis.hotspots.HotspotParams`' and
:class:`analysis.pairing.PairingParams`'; :mod:`analysis.cli_inputs` builds the parameters
back from the parsed arguments."""
from __future__ import annotations

import argparse

from analysis.hotspots import HotspotParams
from analysis.pairing import PairingParams

_HP, _PP = HotspotParams(), PairingParams()


def add_hotspot_options(p: argparse.ArgumentParser) -> None:
    """DBSCAN, Gi*, Monte Carlo, emerging and ranking options (metres for distances)."""
    p.add_argument("--eps-m", type=float, default=_HP.eps_m, help="DBSCAN radius (m)")
    p.add_argument("--min-samples", type=int, default=_HP.min_samples,
                   help="DBSCAN minimum incidents")
    p.add_argument("--cell-m", type=float, default=_HP.cell_m, help="hex cell spacing (m)")
    p.add_argument("--mc-sims", type=int, default=_HP.mc_sims, help="Monte Carlo simulations")
    p.add_argument("--seed", type=int, default=_HP.seed, help="Monte Carlo seed")
    p.add_argument("--fdr-q", type=float, default=_HP.fdr_q, help="Benjamini–Hochberg q")
    p.add_argument("--slice", default=_HP.emerging_freq,
                   help="emerging time slice (pandas period, e.g. Q, M)")
    p.add_argument("--weights", default=None,
                   help="ranking weights, e.g. intensity=1,severity=2,recency=1,"
                        "cross_border=1,proximity=1")


def add_pairing_options(p: argparse.ArgumentParser) -> None:
    """Community search radius and the armed-incident rule of pairing (metres, days)."""
    p.add_argument("--radius-m", type=float, default=_PP.radius_m, help="community search radius")
    p.add_argument("--cross-border-m", type=float, default=_PP.cross_border_dist_m,
                   help="hotspot is cross-border within this distance of the line")
    p.add_argument("--armed-radius-m", type=float, default=_PP.armed_radius_m,
                   help="parallel work when an armed incident is this close (m)")
    p.add_argument("--armed-days", type=int, default=_PP.armed_window_days,
                   help="... in this many days before the analysis date")
