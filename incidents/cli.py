"""Command line: ``python -m incidents import|geocode|export|demo|list|quarantine|history|edit``
(and ``db``).

Every command takes ``--db URL`` (default :func:`settings.database_url`, ``KGTJ_DB_URL``)
and ``--as ACCOUNT``: the CLI acts as the local admin (``local`` in the history) unless
``--as`` names an account, whose role then applies (:mod:`incidents.cli_users`; ``users``
manages accounts).
Exit codes: 0 success; 2 bad arguments; 3 the input file cannot be read (nothing written);
4 a record or export problem (named in the message); 5 any other failure.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from cli_common import (
    EXIT_DATA,
    EXIT_DENIED,
    EXIT_FILE,
    EXIT_OK,
    EXIT_OTHER,
    EXIT_USAGE,
    CliError,
    run_guarded,
)
from fileio import atomic_write
from i18n.report_text import report_text
from incidents import db_cli
from incidents.cli_users import (
    acting_principal,
    acting_without_store,
    add_as_argument,
    add_users_parser,
)
from incidents.filters import IncidentFilter

IMPORT_FORMATS = ("auto", "acled", "ucdp", "kobo", "table", "geojson", "gpkg")
LIST_COLUMNS = ["event_id", "event_date", "category", "location", "side", "side_basis",
                "side_contested", "fatalities",
                "geo_precision", "verification_status", "source_dataset", "review_flags"]


def _mapping(items: Sequence[str] | None) -> dict[str, str] | None:
    if not items:
        return None
    out = {}
    for item in items:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise CliError(f"--mapping {item!r}: expected field=column", EXIT_USAGE)
        out[field.strip()] = column.strip()
    return out


def _store(args):
    """The store, with the acting principal as ``args.principal``."""
    from incidents.wiring import open_store
    store = open_store(args.db)
    args.principal = acting_principal(args, store.engine)
    return store


def _resources(store):
    from incidents.wiring import load_resources
    return load_resources(store=store)


def _filtered(store, args) -> pd.DataFrame:
    return store.load(IncidentFilter.from_cli_args(args), principal=args.principal)


def cmd_import(args) -> int:
    from incidents.file_import import import_file
    path = Path(args.path)
    if not path.is_file():
        raise CliError(f"{path}: no such file", EXIT_FILE)
    store = _store(args)
    res = _resources(store)
    report = import_file(path, store, engine=res.engine, gazetteer=res.gazetteer,
                         fmt=args.format, mapping=_mapping(args.mapping),
                         source_dataset=args.source_dataset, principal=args.principal)
    print(report_text(report, args.lang, max_rejected=args.max_rejected))
    if args.report:
        atomic_write(args.report, report.to_json())
        print(f"report written to {args.report}")
    if report.rows_read and len(report.rejected) == report.rows_read:
        print(f"error: every row of {path.name} was rejected ({report.rows_read}); nothing "
              "was imported (the rows are in the quarantine)", file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def cmd_reenrich(args) -> int:
    from incidents.reenrich import reenrich
    store = _store(args)
    report = reenrich(store, _resources(store).engine, args.principal)
    print("\n".join(report.lines()))
    return EXIT_OK


def cmd_line(args) -> int:
    from geo import reference_line as rl
    # changing the line needs an admin, as uploading layers (the core checks it too)
    me = acting_without_store(args) if args.remove or args.set else None
    if me is not None:
        me.require("layers")
    if args.remove:
        found = rl.remove_user_line(principal=me)
        print("the user's line was removed" if found else "no user line was set")
    elif args.set:
        if not args.date or not args.name:
            raise CliError("--set needs --date YYYY[-MM[-DD]] and --name", EXIT_USAGE)
        try:
            ref = rl.save_user_line(Path(args.set).read_bytes(), args.name, args.date,
                                    args.source or "", principal=me)
        except rl.ReferenceLineError as exc:
            raise CliError(f"{Path(args.set).name}: {exc}", EXIT_FILE) from exc
        print(f"reference line now: {ref.label}; run `python -m incidents reenrich` to "
              "recompute the stored incidents")
        return EXIT_OK
    ref = rl.current_ref()
    print(f"reference line: {ref.label}" + (f" ({ref.source})" if ref.source else ""))
    if ref.line_id != rl.SHIPPED.line_id:
        print(f"elsewhere: {rl.SHIPPED.label}")
    return EXIT_OK


def cmd_geocode(args) -> int:
    from geo.geocode import geocode
    from geo.geocode_report import format_result, result_json
    store = _store(args)
    gaz = _resources(store).gazetteer
    result = geocode(args.name, gaz, iso3=args.country, admin=args.admin)
    print(result_json(result) if args.json else format_result(result))
    return EXIT_OK


def cmd_export(args) -> int:
    from sharing.export import export
    store = _store(args)
    df = _filtered(store, args)
    engine = _resources(store).engine if args.mode == "public" else None
    report = export(df, args.format, args.out, mode=args.mode, engine=engine,
                    principal=args.principal, lang=args.lang)
    print(f"{len(df)} incident(s) exported to {args.out} ({args.format}, {args.mode})")
    if report is not None:
        print("\n".join(report.lines(args.lang)))
    return EXIT_OK


def cmd_demo(args) -> int:
    store = _store(args)
    from incidents.demo_actions import remove_demo_actions, seed_demo_actions
    if args.remove:
        n = store.remove_demo(args.principal)  # checks the right before anything goes
        n_actions, _ = remove_demo_actions(store.url, args.principal)
        print(f"{n} synthetic demo incident(s) and {n_actions} illustrative "
              "action(s) removed; the illustrative registry entries go with: python -m "
              "analysis registry --remove-illustrative")
        return EXIT_OK
    if not args.replace and not store.is_empty() and not store.has_only_demo():
        print("note: the store holds real incidents; the synthetic demo rows are added "
              "beside them (marked SYNTHETIC DEMO)")
    res = _resources(store)
    report = store.load_demo(engine=res.engine, gazetteer=res.gazetteer, replace=args.replace,
                             principal=args.principal)
    print("SYNTHETIC DEMO DATA – not real events")
    print(report_text(report, "en"))
    if args.replace:
        remove_demo_actions(store.url, args.principal)
    n_actions = seed_demo_actions(store.url, res.gazetteer)
    print(f"{n_actions} illustrative demo action(s) added (invented; python -m analysis "
          "actions --list)")
    return EXIT_OK


def cmd_list(args) -> int:
    store = _store(args)
    df = _filtered(store, args)
    shown = df[LIST_COLUMNS].head(args.limit).copy()
    shown["event_date"] = shown["event_date"].dt.strftime("%Y-%m-%d")
    with pd.option_context("display.width", 200, "display.max_columns", None,
                           "display.max_colwidth", 40):
        print(shown.to_string(index=False) if len(shown) else "(no incidents)")
    print(f"{min(len(df), args.limit)} of {len(df)} incident(s) shown")
    from geo.reference_line import current_ref
    print(f"side: resolved from reviewer > settlement > reported > line; line: "
          f"{current_ref().label}")
    return EXIT_OK


def cmd_quarantine(args) -> int:
    store = _store(args)
    if args.out:
        from fileio import write_csv
        rows = store.quarantine_rows(args.principal, args.batch)
        write_csv(rows, args.out)
        print(f"{len(rows)} quarantined row(s) written to {args.out}: fix them and import "
              "the file again")
        return EXIT_OK
    q = store.quarantine(args.principal, batch_id=args.batch, include_resolved=args.all)
    if q.empty:
        print("quarantine is empty")
        return EXIT_OK
    for r in q.itertuples(index=False):
        print(f"#{r.quarantine_id} batch {r.batch_id} row {r.row_number}: "
              f"{r.field or '-'}: {r.reason}\n    raw: {r.raw_json}")
    print(f"{len(q)} quarantined row(s)")
    return EXIT_OK


def cmd_history(args) -> int:
    store = _store(args)
    from sharing.fields import history_view
    store.get(args.event_id, args.principal)
    h = history_view(store.history(args.event_id, args.principal), may_see_personal=args.personal)
    for r in h.itertuples(index=False):
        change = f" {r.field}: {r.old_value!s} → {r.new_value!s}" if r.field else ""
        print(f"{r.changed_at} {r.user or '-'} {r.action}"
              f"{' batch ' + r.batch_id if r.batch_id else ''}{change}")
    return EXIT_OK


def cmd_edit(args) -> int:
    """Change fields of one incident; with ``--expect-version`` only if unchanged since."""
    changes = _mapping(args.set)
    if not changes:
        raise CliError("edit: give at least one --set FIELD=VALUE", EXIT_USAGE)
    store = _store(args)
    engine = _resources(store).engine if {"lon", "lat"} & set(changes) else None
    version = store.update(args.event_id, changes, args.principal, engine=engine,
                           expected_version=args.expect_version)
    print(f"{args.event_id}: version {version}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (every sub-command has ``--db``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=None, metavar="URL",
                        help="SQLAlchemy URL of the store (default: KGTJ_DB_URL or SQLite "
                             "in the data folder)")
    add_as_argument(common)
    parser = argparse.ArgumentParser(prog="python -m incidents",
                                     description="Kyrgyz–Tajik border incident store")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", parents=[common], help="import an incident file")
    p.add_argument("path")
    p.add_argument("--format", default="auto", choices=IMPORT_FORMATS)
    p.add_argument("--mapping", nargs="*", metavar="FIELD=COLUMN",
                   help="explicit column mapping, e.g. event_date=Дата location=Село "
                        "(give PATH before --mapping)")
    p.add_argument("--source-dataset", default=None)
    p.add_argument("--report", default=None, metavar="REPORT.json")
    p.add_argument("--max-rejected", type=int, default=200,
                   help="rejected rows to print (all are in --report and `quarantine`)")
    p.add_argument("--lang", default="en", choices=("en", "ru"),
                   help="language of the printed import report and of a file-level error")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("geocode", parents=[common], help="look a place name up offline")
    p.add_argument("name")
    p.add_argument("--country", choices=("KGZ", "TJK", "UZB"), default=None)
    p.add_argument("--admin", default=None, help="district or region name as evidence")
    p.add_argument("--json", action="store_true",
                   help='print one JSON object {"query", "status", "candidates"}')
    p.set_defaults(func=cmd_geocode)

    p = sub.add_parser("export", parents=[common], help="export incidents to a file")
    p.add_argument("--format", required=True, choices=("csv", "geojson", "gpkg", "kml",
                                                       "xlsx"))
    p.add_argument("--out", required=True)
    p.add_argument("--mode", default="public", choices=("public", "internal"),
                   help="public (default): protected for sharing; internal: as stored")
    p.add_argument("--lang", default="en", choices=("en", "ru"),
                   help="language of the protection report written with a public file")
    IncidentFilter.add_cli_arguments(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("demo", parents=[common], help="load the synthetic demo data")
    p.add_argument("--replace", action="store_true",
                   help="remove earlier synthetic demo rows first")
    p.add_argument("--remove", action="store_true",
                   help="remove the synthetic demo rows (and load nothing)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("list", parents=[common], help="list incidents")
    p.add_argument("--limit", type=int, default=50)
    IncidentFilter.add_cli_arguments(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("quarantine", parents=[common], help="show rejected rows")
    p.add_argument("--batch", default=None)
    p.add_argument("--all", action="store_true", help="include resolved rows")
    p.add_argument("--out", default=None, metavar="FIX.csv",
                   help="write the rows' original cells to a CSV to fix and re-import")
    p.set_defaults(func=cmd_quarantine)

    p = sub.add_parser("reenrich", parents=[common],
                       help="recompute every stored incident's enrichment and sides "
                            "(after a new reference line, COD-AB file or gazetteer)")
    p.set_defaults(func=cmd_reenrich)

    p = sub.add_parser("line", parents=[common],
                       help="show or set the reference line behind side_line")
    p.add_argument("--set", default=None, metavar="LINE.geojson",
                   help="a newer line: polygons with property side, or lines with left_side")
    p.add_argument("--date", default=None, help="the line's date, YYYY[-MM[-DD]]")
    p.add_argument("--name", default=None, help="e.g. 'Treaty of 13 March 2025, annex'")
    p.add_argument("--source", default=None, help="where the line comes from")
    p.add_argument("--remove", action="store_true", help="back to the shipped 2017 line")
    p.set_defaults(func=cmd_line)

    p = sub.add_parser("history", parents=[common], help="edit history of one incident")
    p.add_argument("event_id")
    p.add_argument("--personal", action="store_true",
                   help="show earlier values of personal fields (notes, actors, place as "
                        "given, coordinates); by default only that they changed")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("edit", parents=[common], help="change fields of one incident")
    p.add_argument("event_id")
    p.add_argument("--set", nargs="+", metavar="FIELD=VALUE", required=True,
                   help="new values, e.g. notes='gate repaired' verification_status=verified")
    p.add_argument("--expect-version", type=int, default=None, metavar="N",
                   help="write only if the incident is still at row version N (see "
                        "`edit` output); refused (exit 4) if it changed since")
    p.set_defaults(func=cmd_edit)

    db_cli.register(sub, common)
    add_users_parser(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (errors are printed to stderr, not raised)."""
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if getattr(args, "func", None) is db_cli.cmd_db and args.path is None and len(rest) == 1 \
            and not rest[0].startswith("-"):
        # ``db dump --as NAME FILE``: argparse gives an optional positional nothing when an
        # option separates it from the action before it
        args.path, rest = rest[0], []
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    from incidents.access import AccessDenied
    from incidents.format_writers import ExportError
    from incidents.importers.result import ImportFileError
    from incidents.store import IncidentNotFound
    from incidents.validation import RecordError
    from incidents.writes import StaleRecord, StoreBusy
    return run_guarded(lambda: args.func(args), {
        AccessDenied: EXIT_DENIED, ImportFileError: EXIT_FILE, FileNotFoundError: EXIT_FILE,
        IsADirectoryError: EXIT_FILE,
        IncidentNotFound: EXIT_DATA, RecordError: EXIT_DATA, ExportError: EXIT_DATA,
        StaleRecord: EXIT_DATA, StoreBusy: EXIT_OTHER}, text=_error_text(args))


def _error_text(args):
    """How an expected error is worded: in the language of ``--lang`` when the command has
    one (``import --lang ru``: a file that cannot be read is told in Russian)."""
    lang = getattr(args, "lang", "en")
    if lang == "en":
        return str
    from i18n import error_text
    return lambda err: error_text(err, lang)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
