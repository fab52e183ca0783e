"""``python -m maps print|brief|html|areas|sources``: printed maps, hotspot briefs, offline HTML
maps, and where every layer comes from.

``sources`` prints what the Data & sources page shows (:mod:`maps.provenance`): every
layer's source, version, licence and build date, the known gaps, the vendored map software;
``--out FILE.csv`` writes the layer table instead. The other commands load the store
(filters as in ``python -m incidents list``), run the hotspot analysis and pairing
(:func:`maps.print.print_scene.load_scene`) and write one file. Public mode is the default.
Exit codes (``cli_common``): 0 ok, 2 usage, 4 a data problem, 5 anything else.

Examples::

    python -m maps print --paper A4 --orientation landscape --format pdf \\
        --title "Incidents near Vorukh" --labels en,ru --out out/
    python -m maps print --area "Isfara valley" --paper A4 --format pdf --out out/
    python -m maps print --hotspot HS-001 --out out/
    python -m maps areas
    python -m maps brief --hotspot HS-001 --out out/
    python -m maps html --out out/map.html
    python -m maps sources --lang ru

The README's example map (docs/img/example_map.png) is made from the synthetic demo with::

    KGTJ_DATA_DIR=$(mktemp -d) sh -c 'python -m incidents demo && python -m maps print \
        --format png --dpi 80 --demo-registry --date 2026-11-25 \
        --title "Incidents near the Kyrgyz–Tajik border (synthetic demo)" \
        --out-file docs/img/example_map.png'

"""
from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.cli_options import add_hotspot_options, add_pairing_options
from cli_common import EXIT_DENIED, EXIT_OK, EXIT_USAGE, CliError, run_guarded
from fileio import atomic_write, write_csv
from incidents.cli_users import add_as_argument
from incidents.filters import IncidentFilter


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from exc


def _labels(text: str) -> tuple[str, ...]:
    langs = tuple(x.strip() for x in text.split(",") if x.strip())
    if not 1 <= len(langs) <= 2 or not set(langs) <= {"en", "ru", "ky", "tg"}:
        raise argparse.ArgumentTypeError("--labels takes one or two of en, ru, ky, tg, "
                                         "e.g. en,ru")
    return langs


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        vals = tuple(float(v) for v in text.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError("--bbox is min_lon,min_lat,max_lon,max_lat") from exc
    if len(vals) != 4 or vals[0] >= vals[2] or vals[1] >= vals[3]:
        raise argparse.ArgumentTypeError("--bbox is min_lon,min_lat,max_lon,max_lat")
    return vals


def _common(p: argparse.ArgumentParser, location_default: str) -> None:
    IncidentFilter.add_cli_arguments(p)
    p.add_argument("--db", default=None, help="SQLAlchemy URL (default: KGTJ_DB_URL / local)")
    add_as_argument(p)
    p.add_argument("--mode", default="public", choices=("public", "internal"),
                   help="public (default): generalised, no personal fields")
    p.add_argument("--location", default=location_default, choices=("settlement", "hex"),
                   help="public mode: snap to settlements or count in 2 km hexes")
    p.add_argument("--hex-m", type=float, default=2000.0, help="hex width in metres (>= 2000)")
    p.add_argument("--date-coarsen", default=None, choices=("week", "month"))
    p.add_argument("--date", type=_date, default=None,
                   help="production date printed and used in the file name (default today)")
    p.add_argument("--as-of", type=_date, default=None,
                   help="analysis date YYYY-MM-DD for recency, emerging classes and the pairs' "
                        "armed-incident window (default: today, or --to when earlier)")
    p.add_argument("--demo-registry", action="store_true",
                   help="add the ILLUSTRATIVE demo mechanisms to the pairing registry")
    add_hotspot_options(p)  # the hotspots and pairs as the app's Hotspots page makes them
    add_pairing_options(p)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m maps",
                                     description="Print maps, hotspot briefs, offline HTML.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("print", help="print-ready map (PDF/PNG)")
    _common(p, "hex")
    p.add_argument("--paper", default="A4", choices=("A4", "A3"))
    p.add_argument("--orientation", default="landscape", choices=("landscape", "portrait"))
    p.add_argument("--format", default="pdf", choices=("pdf", "png"))
    p.add_argument("--dpi", type=int, default=150, help="PNG resolution")
    p.add_argument("--title", default="Incidents near the Kyrgyz–Tajik border")
    p.add_argument("--subtitle", default="")
    p.add_argument("--labels", type=_labels, default=("en", "ru"),
                   help="one or two label languages, e.g. en,ru or ky,tg")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--bbox", type=_bbox, default=None,
                       help="min_lon,min_lat,max_lon,max_lat")
    where.add_argument("--area", default=None,
                       help='a named area, e.g. "Isfara valley" (python -m maps areas)')
    where.add_argument("--hotspot", default=None,
                       help="a hotspot id, e.g. HS-001: that hotspot with a margin")
    dest = p.add_mutually_exclusive_group(required=True)
    dest.add_argument("--out", help="output folder (file named KGZ-TJK_<title>_<paper>_<date>)")
    dest.add_argument("--out-file", help="exact output file (e.g. docs/img/example_map.png)")
    b = sub.add_parser("brief", help="one-page hotspot brief (PDF)")
    _common(b, "hex")
    b.add_argument("--hotspot", required=True, help="hotspot id, e.g. HS-001")
    b.add_argument("--out", required=True, help="output folder")
    h = sub.add_parser("html", help="standalone offline HTML map")
    _common(h, "settlement")
    h.add_argument("--title", default="Incidents near the Kyrgyz–Tajik border")
    h.add_argument("--lang", default="en", choices=("en", "ru"))
    h.add_argument("--out", required=True, help="output .html file")
    h.add_argument("--basemap", default=None,
                   help="an offline basemap to embed: an .mbtiles file or a folder of XYZ "
                        "tiles (<z>/<x>/<y>.png); default: the one in <data dir>/basemap/ "
                        "if any ('none' for no basemap)")
    a = sub.add_parser("areas", help="the named areas a print can show (--area)")
    a.add_argument("--rebuild", action="store_true",
                   help="re-derive data/areas/areas.csv from the shipped gazetteer")
    s = sub.add_parser("sources", help="every layer's source, licence, version, build date")
    s.add_argument("--lang", default="en", choices=("en", "ru"))
    s.add_argument("--out", default=None, help="write the layer table to this .csv file")
    return parser


def sources(args) -> list[str]:
    """``python -m maps sources``: the layer table (or its CSV), the gaps, the software."""
    import textwrap

    from i18n import column_label, t
    from i18n.display_tables import display_values
    from layers.boundaries import read_manifest
    from maps import provenance

    manifest = read_manifest()
    table = provenance.layer_sources(manifest, lang=args.lang)
    if args.out:
        path = write_csv(table, args.out)
        return [f"written: {path} ({len(table)} layers)"]
    lines = [t("data.layers", args.lang), ""]
    shown = display_values(table, args.lang).astype(object)
    for row in shown.to_dict("records"):  # one block per layer: the texts are long
        lines.append(f"{row['file']}  [{row['layer']}]")
        for col in provenance.COLUMNS[2:]:
            if not pd.isna(row[col]) and str(row[col]):
                lines += textwrap.wrap(f"{column_label(col, args.lang)}: {row[col]}", 96,
                                       initial_indent="  ", subsequent_indent="    ",
                                       break_on_hyphens=False)
    lines += ["", t("data.gaps", args.lang)]
    lines += [f"- {g['name']} ({g['what']}): {g['status']}"
              for g in provenance.known_gaps(manifest, args.lang)]
    vendor = provenance.vendored_packages()
    vendor.columns = [column_label(c, args.lang) for c in vendor.columns]
    return lines + ["", t("data.vendor", args.lang), vendor.to_string(index=False)]


def areas(args) -> list[str]:
    """``python -m maps areas``: the named areas and how each box was derived."""
    from maps.print import areas as named

    if args.rebuild:
        table = named.derive_areas()
        path = atomic_write(named.AREAS_CSV, table.to_csv(index=False).encode("utf-8"))
        return [f"written: {path} ({len(table)} areas)"]
    return named.areas_lines()


def extent_choice(args):
    """The print's :class:`maps.print.areas.ExtentChoice` from --area / --hotspot / --bbox."""
    from maps.print.areas import ExtentChoice

    if args.area:
        return ExtentChoice("area", args.area)
    if args.hotspot:
        return ExtentChoice("hotspot", args.hotspot)
    if args.bbox:
        return ExtentChoice("bbox", bbox=args.bbox)
    return ExtentChoice()


def _scene(args):
    from maps.print.print_scene import load_scene
    from sharing.protect import ProtectionOptions

    try:
        options = ProtectionOptions(location=args.location, hex_m=args.hex_m,
                                    date_coarsen=args.date_coarsen)
    except ValueError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    flt = IncidentFilter.from_cli_args(args)
    from analysis.cli_inputs import acting, hotspot_params, pairing_params
    return load_scene(db=args.db, flt=flt, mode=args.mode, options=options,
                      demo_registry=args.demo_registry, principal=acting(args),
                      hotspot_params=hotspot_params(args), pairing=pairing_params(args))


def _write(folder: str, name: str, data: bytes) -> Path:
    return atomic_write(Path(folder) / name, data)


def run(args) -> list[str]:
    """Run one command; return the messages to print."""
    if args.command == "sources":
        return sources(args)
    if args.command == "areas":
        return areas(args)
    date = args.date or dt.date.today()
    if args.command == "print" and args.area:
        from maps.print.areas import find_area
        try:
            find_area(args.area)  # before the store is read
        except ValueError as exc:
            raise CliError(str(exc), EXIT_USAGE) from exc
    scene = _scene(args)
    report = scene.data.protection
    msgs = [report.headline()] if report is not None else []
    if args.command == "print":
        from maps.print.areas import print_bbox
        from maps.print.print_layout import PrintSpec
        from maps.print.printmap import print_map_file

        bbox = print_bbox(extent_choice(args), scene.data)
        spec = PrintSpec(title=args.title, subtitle=args.subtitle, paper=args.paper,
                         orientation=args.orientation, fmt=args.format, dpi=args.dpi,
                         labels=args.labels, mode=args.mode, production_date=date,
                         bbox=bbox)
        data, name = print_map_file(spec, scene.data)
        path = _write(*((args.out, name) if args.out else (".", args.out_file)), data)
    elif args.command == "brief":
        from maps.print.brief import brief_file

        data, name = brief_file(args.hotspot, scene.data, scene.incidents, args.mode, date)
        path = _write(args.out, name, data)
    else:
        from maps.web.html_export import html_map

        data, _ = html_map(scene.data, args.title, args.lang, date,
                           basemap=_basemap_path(args.basemap))
        path = atomic_write(args.out, data)
    return msgs + [f"written: {path} ({len(data) // 1024} KB)"]


def _basemap_path(arg: str | None):
    """The basemap ``--basemap`` names (None for 'none'), else the data folder's."""
    from pathlib import Path

    import settings
    from maps.web.local_tiles import find_basemap
    if arg is None:
        return find_basemap(settings.data_dir())
    if arg.lower() == "none":
        return None
    path = Path(arg)
    if not path.exists():
        raise ValueError(f"--basemap: {path} does not exist")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (errors are printed, not raised)."""
    from incidents.access import AccessDenied
    args = build_parser().parse_args(argv)

    def call() -> int:
        for m in run(args):
            print(m)
        return EXIT_OK

    return run_guarded(call, {AccessDenied: EXIT_DENIED})
