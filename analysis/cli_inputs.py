"""What the analysis commands read from their arguments: parameters, the analysis date,
incidents and study area from the store, and the registry (:mod:`analysis.cli` and
:mod:`analysis.cli_actions` share them)."""
from __future__ import annotations

import datetime as dt
import sys

import pandas as pd

from analysis.dates import analysis_date
from analysis.hotspots import HotspotParams
from analysis.pairing import PairingParams
from analysis.ranking import RankingWeights
from analysis.registry import RegistryStore, read_registry_csv
from analysis.registry_view import with_candidates
from cli_common import EXIT_USAGE, CliError
from incidents.filters import IncidentFilter


def _weights(text: str | None) -> RankingWeights:
    if not text:
        return RankingWeights()
    try:
        items = dict(kv.split("=", 1) for kv in text.split(","))
        return RankingWeights(**{k.strip(): float(v) for k, v in items.items()})
    except (TypeError, ValueError) as exc:
        raise CliError(f"--weights {text!r}: {exc}", EXIT_USAGE) from exc


def cli_analysis_date(args) -> pd.Timestamp:
    """--as-of, else today, or the filter's --to when earlier (:mod:`analysis.dates`)."""
    try:
        date_to = dt.date.fromisoformat(args.date_to) if getattr(args, "date_to", None) \
            else None
        return analysis_date(getattr(args, "as_of", None), date_to)
    except ValueError as exc:
        raise CliError(f"--as-of / --to: {exc}", EXIT_USAGE) from exc


def hotspot_params(args) -> HotspotParams:
    """HotspotParams from parsed CLI arguments."""
    return HotspotParams(eps_m=args.eps_m, min_samples=args.min_samples, cell_m=args.cell_m,
                         mc_sims=args.mc_sims, seed=args.seed, fdr_q=args.fdr_q,
                         emerging_freq=args.slice, weights=_weights(args.weights),
                         as_of=cli_analysis_date(args))


def pairing_params(args) -> PairingParams:
    """PairingParams from parsed CLI arguments."""
    return PairingParams(radius_m=args.radius_m, cross_border_dist_m=args.cross_border_m,
                         armed_radius_m=args.armed_radius_m, armed_window_days=args.armed_days,
                         as_of=cli_analysis_date(args))


def acting(args):
    """Who a command acts as: the account ``--as`` names (its role applies; looked up once),
    else the person at the machine, the local admin (named ``--user`` where the command
    records a name)."""
    if getattr(args, "principal", None) is None:
        if getattr(args, "as_account", None):
            from incidents.cli_users import acting_without_store
            args.principal = acting_without_store(args)
        else:
            from incidents.access import LOCAL_ADMIN, Principal, Role
            user = getattr(args, "user", None)
            try:
                args.principal = Principal(user, Role.ADMIN) if user else LOCAL_ADMIN
            except ValueError as exc:
                raise CliError(f"--user {user!r}: {exc}", EXIT_USAGE) from None
    return args.principal


def load_inputs(args):
    """(incidents, study area in metres, gazetteer places or None) from the store/settings:
    the records the acting account may read (:func:`acting`); internal mode needs a member."""
    from incidents.wiring import load_resources, open_store
    me = acting(args)
    if getattr(args, "mode", "public") != "public":
        me.require("read_internal")
    store = open_store(args.db)
    try:
        incidents = store.load(IncidentFilter.from_cli_args(args), principal=me)
        res = load_resources(store=store)
    finally:
        store.close()
    places = getattr(res.gazetteer, "places", None)
    return incidents, res.engine.study_area(buffer_m=args.buffer_m), places


def cli_registry(args, places, study_area_m) -> pd.DataFrame:
    """The registry for pairs/gaps: --registry-csv or the store, plus demo and candidates."""
    if args.registry_csv:
        imported = read_registry_csv(args.registry_csv)
        for issue in imported.issues:
            print(f"registry: {issue}", file=sys.stderr)
        reg = imported.frame
    else:
        reg = RegistryStore(args.db).load()
    return with_candidates(reg, places, study_area_m, demo=args.demo_registry,
                           candidates=not args.no_candidates)


def public_note(n_public: int, n_all: int, verb: str = "counted") -> str:
    """What a public-mode command says about the records it left out (``verb``: what it
    did with the public ones, e.g. "analysed")."""
    return (f"public mode: {n_public} public record(s) of {n_all} {verb}; internal and "
            "restricted records are left out.")
