"""``python -m analysis actions|evaluate|review|changes``: the working groups' actions, their
before/after evaluation and the follow-up of pairs and hotspots (the Actions page's core).

- ``actions --import F.csv [--rejected fix.csv] | --export F.csv | --list |
  --remove-illustrative``: the store's actions (:mod:`incidents.action_store`); an import
  adds the valid rows and reports every other one by row, field and reason (exit 4).
- ``evaluate --out F.csv [--radius-m 3000] [--window-months 12] [--min-total 10]``: one row
  per action (:data:`analysis.evaluation.EVAL_COLUMNS`).
- ``review --hotspot HS-001 | --pair KG_ID TJ_ID --decision pair_now|parallel|not_now
  [--why TEXT] [--on DATE]``: record a review.
- ``changes [--since DATE] [--out F.csv]``: what changed since the last reviews.

Public mode (the default) counts public records only, as the other analysis commands do.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analysis.cli_inputs import acting, public_note
from cli_common import EXIT_DATA, EXIT_OK, EXIT_USAGE, CliError
from incidents.cli_users import add_as_argument


def add_parsers(sub, add_common, add_pairing) -> None:
    """Add the four sub-commands to the ``python -m analysis`` parser."""
    ac = sub.add_parser("actions", help="the working groups' actions as a CSV file")
    ac.add_argument("--db", default=None, help="SQLAlchemy URL (default: KGTJ_DB_URL / local)")
    what = ac.add_mutually_exclusive_group(required=True)
    what.add_argument("--import", dest="import_csv", metavar="CSV",
                      help="add the valid rows of this CSV (the others are reported)")
    what.add_argument("--export", dest="export_csv", metavar="CSV", help="write the actions")
    what.add_argument("--list", action="store_true", help="print the actions")
    what.add_argument("--remove-illustrative", action="store_true",
                      help="delete the invented demo actions and reviews")
    ac.add_argument("--rejected", metavar="CSV", default=None,
                    help="with --import: write the rejected rows here, to fix and import again")
    ac.add_argument("--user", default="cli",
                    help="name recorded in the history (acting as the local admin; --as "
                         "acts as an account instead)")
    add_as_argument(ac)

    ev = sub.add_parser("evaluate", help="before/after evaluation of every action")
    add_common(ev)
    ev.add_argument("--window-months", type=int, default=12,
                    help="length of the before and after windows (months)")
    ev.add_argument("--min-total", type=int, default=10,
                    help="below this many incidents before + after: too few to judge")
    ev.add_argument("--radius-m", type=float, default=3000.0,
                    help="incidents within this distance of the action's place (m)")

    rv = sub.add_parser("review", help="mark a hotspot or a pair reviewed, with a decision")
    add_common(rv, out=False)
    add_pairing(rv)
    who = rv.add_mutually_exclusive_group(required=True)
    who.add_argument("--hotspot", help="hotspot id, e.g. HS-001")
    who.add_argument("--pair", nargs=2, metavar=("KG_ID", "TJ_ID"), help="the two communities")
    rv.add_argument("--decision", required=True, choices=("pair_now", "parallel", "not_now"))
    rv.add_argument("--why", default="", help="why (required for not_now)")
    rv.add_argument("--on", default=None, help="review date YYYY-MM-DD (default today)")
    rv.add_argument("--user", default="cli",
                    help="name recorded with the review (acting as the local admin; --as "
                         "acts as an account instead)")

    ch = sub.add_parser("changes", help="what changed since the last reviews (Monday list)")
    add_common(ch, out=False)
    add_pairing(ch)
    ch.add_argument("--since", default=None,
                    help="changes since this date YYYY-MM-DD (default: each last review)")
    ch.add_argument("--out", default=None, help="also write the list to this .csv file")


def _registry_ids(db) -> set[str] | None:
    from analysis.registry import RegistryStore
    store = RegistryStore(db)
    try:
        ids = set(store.load()["community_id"].astype(str))
    finally:
        store.engine.dispose()
    return ids or None  # an empty registry checks nothing


def actions_command(args) -> int:
    """``python -m analysis actions ...``."""
    from incidents.action_store import ActionStore
    store = ActionStore(args.db)
    try:
        if args.remove_illustrative:
            from incidents.demo_actions import remove_demo_actions
            n, n_rev = remove_demo_actions(store.url, acting(args))
            print(f"{n} illustrative action(s) and {n_rev} illustrative review(s) removed")
            return EXIT_OK
        if args.list:
            rows = store.load()
            cols = ["action_id", "scope", "community_id", "partner_community_id", "category",
                    "start_date", "end_date", "status", "title_en"]
            with pd.option_context("display.width", 200, "display.max_columns", None,
                                   "display.max_colwidth", 60):
                print(rows[cols].to_string(index=False) if len(rows) else "no actions")
            return EXIT_OK
        if args.export_csv:
            rows = store.load()
            path = store.export_csv(args.export_csv)
            print(f"{len(rows)} action(s) written to {path}")
            return EXIT_OK
        result = store.import_csv(args.import_csv, acting(args),
                                  known_communities=_registry_ids(args.db))
    finally:
        store.close()
    for issue in result.issues:
        print(f"actions: {issue}", file=sys.stderr)
    print(f"{len(result.frame)} action(s) added; {len(result.rejected_rows)} rejected")
    if args.rejected and result.rejected_rows:
        from incidents.csv_rows import write_atomic
        write_atomic(args.rejected, result.rejected_csv())
        print(f"rejected rows written to {args.rejected}")
    bad = result.rejected_rows or any(i.row <= 1 for i in result.issues)
    return EXIT_DATA if bad else EXIT_OK


def _public(args, incidents: pd.DataFrame) -> pd.DataFrame:
    if getattr(args, "mode", "public") != "public":
        return incidents
    from sharing.visibility import public_rows
    out = public_rows(incidents)
    print(public_note(len(out), len(incidents)))
    return out


def evaluation_table(args, load) -> pd.DataFrame:
    """The evaluation of every stored action."""
    from analysis.evaluation import EvalParams, evaluate_actions
    from incidents.action_store import ActionStore
    incidents, area_m, _ = load(args)
    incidents = _public(args, incidents)
    store = ActionStore(args.db)
    try:
        actions = store.load()
    finally:
        store.close()
    params = EvalParams(radius_m=args.radius_m, window_months=args.window_months,
                        min_total=args.min_total,
                        as_of=pd.Timestamp(args.as_of) if args.as_of else None)
    if args.window_months < 1 or args.radius_m <= 0 or args.min_total < 1:
        raise CliError("--window-months, --radius-m and --min-total must be positive",
                       EXIT_USAGE)
    return evaluate_actions(actions, incidents, area_m, params)


def evaluate_command(args, load) -> int:
    """``python -m analysis evaluate --out F.csv``."""
    from analysis.evaluation import evaluation_csv_text
    from incidents.csv_rows import write_atomic
    if Path(args.out).suffix.lower() != ".csv":
        raise CliError(f"--out {args.out}: use a .csv file name", EXIT_USAGE)
    table = evaluation_table(args, load)
    path = write_atomic(args.out, evaluation_csv_text(table))
    counts = table["verdict"].value_counts().to_dict()
    print(f"{len(table)} action(s) evaluated ({counts}) written to {path}")
    return EXIT_OK


def _analysis(args, load):
    """(hotspot result, pairs, incidents analysed) as the pairs command computes them,
    through :func:`analysis.service.analyse`: in public mode only public records, and
    hotspots named by settlements (never by a record's own place text)."""
    from analysis.cli_inputs import cli_registry, hotspot_params, pairing_params
    from analysis.service import AnalysisRequest, analyse
    incidents, area_m, places = load(args)
    public = getattr(args, "mode", "public") == "public"
    request = AnalysisRequest(hotspot=hotspot_params(args), pairing=pairing_params(args),
                              public=public, steps=("hotspots", "pairs"))
    out = analyse(incidents, area_m, request, registry=cli_registry(args, places, area_m))
    if public:
        print(public_note(len(out.incidents), len(incidents)))
    return out.hotspots, out.pairs, out.incidents


def review_command(args, load) -> int:
    """``python -m analysis review ...``."""
    import datetime as dt

    from incidents.review_store import ReviewStore, pair_subject
    result, pairs, _ = _analysis(args, load)
    rec = {"decision": args.decision, "why": args.why,
           "reviewed_on": args.on or dt.date.today().isoformat()}
    if args.hotspot:
        from analysis.hotspot_ids import normalise_hotspot_id
        hid = normalise_hotspot_id(args.hotspot)
        hit = result.clusters[result.clusters["hotspot_id"] == hid]
        if hit.empty:
            raise CliError(f"no hotspot {hid} with these filters and parameters")
        h = hit.iloc[0]
        emerging = h.get("emerging_class")
        rec.update(subject_kind="hotspot", subject_id=hid, hotspot_id=hid,
                   lon=float(h["centroid_lon"]), lat=float(h["centroid_lat"]),
                   emerging_at_review=None if pd.isna(emerging) else str(emerging),
                   n_incidents_at_review=int(h["n_incidents"]))
    else:
        kg, tj = args.pair
        hit = pairs[(pairs["kg_community_id"] == kg) & (pairs["tj_community_id"] == tj)] \
            if len(pairs) else pairs
        rec.update(subject_kind="pair", subject_id=pair_subject(kg, tj),
                   hotspot_id=hit["hotspot_id"].iloc[0] if len(hit) else None,
                   mode_at_review=hit["mode"].iloc[0] if len(hit) else None)
    store = ReviewStore(args.db)
    try:
        rid = store.add(rec, acting(args))
    finally:
        store.close()
    print(f"review {rid} recorded: {rec['subject_kind']} {rec['subject_id']} – "
          f"{args.decision} on {rec['reviewed_on']}")
    return EXIT_OK


def changes_command(args, load) -> int:
    """``python -m analysis changes [--since DATE]``."""
    from analysis.followup import changes
    from i18n.followup import change_line
    from incidents.review_store import ReviewStore
    result, pairs, incidents = _analysis(args, load)
    store = ReviewStore(args.db)
    try:
        reviews = store.load()
    finally:
        store.close()
    try:
        since = pd.Timestamp(args.since) if args.since else None
    except ValueError as exc:
        raise CliError(f"--since {args.since!r}: not a date YYYY-MM-DD", EXIT_USAGE) from exc
    table = changes(result.clusters, pairs, incidents, reviews, since,
                    with_ids=getattr(args, "mode", "public") != "public")
    heading = f"since {since:%Y-%m-%d}" if since is not None else "since the last reviews"
    print(f"What changed {heading}: {len(table)} item(s)")
    for rec in table.to_dict("records"):
        print("- " + change_line(rec, "en"))
    if args.out:
        from incidents.csv_rows import guarded_csv_text, write_atomic
        out = table.assign(since=pd.to_datetime(table["since"]).dt.strftime("%Y-%m-%d"))
        write_atomic(args.out, guarded_csv_text(out))
        print(f"written to {args.out}")
    return EXIT_OK
