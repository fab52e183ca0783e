"""``python -m analysis hotspots|pairs|gaps [filters] --out FILE(.geojson|.csv)``;
``python -m analysis registry --import|--export CSV`` (the community registry);
``python -m analysis actions|evaluate|review|changes`` (:mod:`analysis.cli_actions`).

The same core functions the app calls: incidents from :class:`incidents.store.IncidentStore`
filtered by :class:`incidents.filters.IncidentFilter` (its CLI arguments), the study area from
the default border engine (:func:`incidents.wiring.load_resources`), then
:func:`analysis.hotspots.run_hotspots`, :func:`analysis.pairing.recommend_pairs` or
:func:`analysis.gaps.coverage_gaps`. The registry is the store's ``communities`` table (or
``--registry-csv``) plus candidate settlements from the gazetteer.

Outputs: ``.geojson`` (EPSG:4326; hotspots = hull polygons or hex cells, pairs = LineStrings
between the two communities, gaps = points) or ``.csv`` (no geometry column; hotspot layers
keep centroid/cell coordinates). Exit codes (``cli_common``): 0 ok, 2 usage, 4 a data problem
(``registry --import``: some rows rejected, the valid ones added), 5 anything else.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from analysis import cli_actions
from analysis.cli_inputs import (
    acting,
    cli_registry,
    hotspot_params,
    load_inputs,
    pairing_params,
    public_note,
)
from analysis.cli_options import add_hotspot_options, add_pairing_options
from analysis.dates import date_text
from analysis.gaps import gaps_geodataframe
from analysis.hotspots import HotspotResult
from analysis.pairing import PairingParams, pairs_geodataframe
from analysis.registry import (
    RegistryStore,
    write_registry_csv,
)
from analysis.service import AnalysisRequest, analyse
from cli_common import EXIT_DATA, EXIT_DENIED, EXIT_OK, EXIT_USAGE, CliError, run_guarded
from fileio import atomic_path, atomic_write, write_csv
from geo.study import STUDY_BUFFER_M
from incidents.cli_users import add_as_argument
from incidents.filters import IncidentFilter

LAYERS = ("clusters", "gistar", "emerging", "admin", "recurrence")


def _add_common(p: argparse.ArgumentParser, out: bool = True) -> None:
    IncidentFilter.add_cli_arguments(p)
    p.add_argument("--db", default=None, help="SQLAlchemy URL (default: KGTJ_DB_URL / local)")
    add_as_argument(p)
    if out:
        p.add_argument("--out", required=True, help="output file, .geojson or .csv")
    p.add_argument("--mode", default="public", choices=("public", "internal"),
                   help="public (default): the analysis of public records only, without "
                        "incident points or ids (sharing.public_analysis); internal: all "
                        "records, exact")
    p.add_argument("--buffer-m", type=float, default=STUDY_BUFFER_M,
                   help="study area: buffer either side of the KG–TJ line (m)")
    add_hotspot_options(p)
    p.add_argument("--as-of", default=None,
                   help="analysis date YYYY-MM-DD for recency, emerging classes and the "
                        "armed-incident window (default: today, or --to when earlier); "
                        "printed with the results")


def _add_pairing(p: argparse.ArgumentParser) -> None:
    add_pairing_options(p)
    p.add_argument("--registry-csv", default=None, help="use this registry CSV, not the store")
    p.add_argument("--demo-registry", action="store_true",
                   help="add the ILLUSTRATIVE demo mechanisms (invented, at real settlements)")
    p.add_argument("--no-candidates", action="store_true",
                   help="do not add gazetteer settlements as candidate communities")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Hotspots, pairing recommendations and coverage gaps.")
    sub = parser.add_subparsers(dest="command", required=True)
    hs = sub.add_parser("hotspots", help="hotspot layers (clusters, Gi* cells, emerging, ...)")
    _add_common(hs)
    hs.add_argument("--layer", choices=LAYERS, default="clusters")
    for name, text in (("pairs", "pairing recommendations"), ("gaps", "coverage gaps")):
        p = sub.add_parser(name, help=text)
        _add_common(p)
        _add_pairing(p)
    rg = sub.add_parser("registry", help="the store's community registry as a CSV file")
    rg.add_argument("--db", default=None, help="SQLAlchemy URL (default: KGTJ_DB_URL / local)")
    add_as_argument(rg)
    what = rg.add_mutually_exclusive_group(required=True)
    what.add_argument("--import", dest="import_csv", metavar="CSV",
                      help="add the valid rows of this CSV (the others are reported)")
    what.add_argument("--export", dest="export_csv", metavar="CSV", help="write the registry")
    what.add_argument("--remove-illustrative", action="store_true",
                      help="delete the invented demo entries (illustrative = true)")
    rg.add_argument("--rejected", metavar="CSV", default=None,
                    help="with --import: write the rejected rows here, to fix and import again")
    cli_actions.add_parsers(sub, _add_common, _add_pairing)
    return parser


def registry_command(args) -> int:
    """``python -m analysis registry --import|--export CSV`` (as the Communities page)."""
    store = RegistryStore(args.db)
    if args.remove_illustrative:
        n = store.remove_illustrative(acting(args))
        print(f"{n} illustrative registry entry(ies) removed")
        return EXIT_OK
    if args.export_csv:
        rows = store.load()
        path = write_registry_csv(rows, args.export_csv)
        print(f"{len(rows)} registry row(s) written to {path}")
        return EXIT_OK
    result = store.import_csv(args.import_csv, acting(args))
    for issue in result.issues:
        print(f"registry: {issue}", file=sys.stderr)
    print(f"{len(result.frame)} row(s) added; {len(result.rejected_rows)} rejected")
    if args.rejected and result.rejected_rows:
        atomic_write(args.rejected, result.rejected_csv())
        print(f"rejected rows written to {args.rejected}")
    return EXIT_OK if not result.rejected_rows else EXIT_DATA


def _table_layer(result: HotspotResult, layer: str) -> pd.DataFrame:
    if layer == "clusters":
        return result.clusters
    if layer == "gistar":
        return result.gistar
    if layer == "emerging":
        if result.emerging is None:
            raise CliError(str(result.emerging_message))
        return result.emerging
    if layer == "admin":
        return result.admin_counts
    rec = result.recurrence
    return gpd.GeoDataFrame(rec, geometry=gpd.points_from_xy(rec["lon"], rec["lat"]), crs=4326)


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` to ``.geojson`` (needs a geometry) or ``.csv`` (geometry dropped)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".geojson", ".csv"):
        raise CliError(f"--out {path}: use a .geojson or .csv file name", EXIT_USAGE)
    out = frame.copy()
    for col in out.columns:
        if col != "geometry" and pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        return write_csv(pd.DataFrame(out.drop(columns="geometry", errors="ignore")), path)
    if not isinstance(out, gpd.GeoDataFrame):
        raise CliError("this layer has no geometry: write it as .csv", EXIT_USAGE)
    for col in out.columns:
        if col != "geometry" and out[col].dtype == object:
            out[col] = out[col].astype("string")
    with atomic_path(path) as tmp:
        out.to_file(tmp, driver="GeoJSON")
    return path


def run(args, load: Callable = load_inputs) -> tuple[pd.DataFrame, list[str]]:
    """Run one command; returns the table to write and messages for the user.

    Public mode (the default) analyses public records only and writes no incident point or
    id (:mod:`analysis.service`, :mod:`sharing.public_analysis`)."""
    from sharing import public_analysis as pa
    incidents, area_m, places = load(args)
    public = getattr(args, "mode", "public") == "public"
    steps = ("hotspots",) if args.command == "hotspots" else ("hotspots", args.command)
    request = AnalysisRequest(hotspot=hotspot_params(args), public=public, steps=steps,
                              pairing=pairing_params(args) if len(steps) > 1
                              else PairingParams())
    registry = cli_registry(args, places, area_m) if len(steps) > 1 else None
    out = analyse(incidents, area_m, request, registry=registry)
    messages = []
    if public:
        messages.append(public_note(len(out.incidents), len(incidents), "analysed"))
    result = out.hotspots
    messages.append(f"analysis date: {date_text(result.as_of)} (recency, emerging classes and "
                    "the armed-incident window count back from it; set it with --as-of)")
    messages += list(result.messages)
    if args.command == "hotspots":
        table = _table_layer(result, args.layer)
        if public and args.layer == "clusters":
            table = pa.public_clusters(table)
        elif public and args.layer == "recurrence":
            table = pa.public_recurrence(table)
        return table, messages
    if args.command == "pairs":
        messages.append(f"{len(out.pairs)} pair recommendation(s).")
        return pairs_geodataframe(out.pairs), messages
    messages.append(f"{len(out.gaps)} coverage gap(s).")
    return gaps_geodataframe(pa.public_gaps(out.gaps) if public else out.gaps), messages


def main(argv: Sequence[str] | None = None, load: Callable = load_inputs) -> int:
    from incidents.access import AccessDenied
    args = build_parser().parse_args(argv)
    denied = {AccessDenied: EXIT_DENIED}  # the --as account's role does not allow it
    if args.command == "registry":
        return run_guarded(lambda: registry_command(args), denied)
    if args.command == "actions":
        return run_guarded(lambda: cli_actions.actions_command(args), denied)
    if args.command in ("evaluate", "review", "changes"):
        command = getattr(cli_actions, f"{args.command}_command")
        return run_guarded(lambda: command(args, load), denied)

    def call() -> int:
        table, messages = run(args, load)
        path = write_table(table, args.out)
        for m in messages:
            print(m)
        print(f"{len(table)} row(s) written to {path}")
        return EXIT_OK

    return run_guarded(call, denied)
