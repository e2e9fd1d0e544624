"""Command line: `wcit-data build | validate | claims | summary | ingest-transcript | hash-sources | report | all`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_build(args) -> int:
    from wcit_data.build import BuildError, build

    try:
        tables = build(root=args.root, out_dir=args.out)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Built {len(tables)} tables: " + ", ".join(f"{n} ({len(f)})" for n, f in tables.items()))
    return 0


def cmd_validate(args) -> int:
    """Validate the curated inputs without writing anything."""
    from wcit_data.build import Build, BuildError, Inputs, find_root

    try:
        Build(Inputs(find_root(args.root))).run()
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("All tables valid; every evidence string found in its source.")
    return 0


def cmd_claims(args) -> int:
    from wcit_data.loading import load

    claims = load("claims")
    width = max(len(c) for c in claims["claim_id"])
    for c in claims.itertuples(index=False):
        reason = c.explanation if len(c.explanation) <= 150 else c.explanation[:147] + "..."
        print(f"{c.claim_id:<{width}}  {c.author:<16.16} {c.verdict.upper():<17} {reason}")
    counts = claims["verdict"].value_counts().to_dict()
    print("\nVerdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


def cmd_summary(args) -> int:
    from wcit_data.loading import list_tables, load
    from wcit_data.meta import signature_coverage

    print("wcit-data tables (rows):")
    for name in list_tables():
        print(f"  {name:<20} {len(load(name)):>6}")
    votes = load("votes")
    for v in votes.itertuples(index=False):
        tally = "" if v.yes is None or str(v.yes) == "<NA>" else f" {v.yes}-{v.no}-{v.abstain}"
        print(f"Decision {v.vote_id}: {v.date} plenary {v.plenary} by {v.method}{tally} -> {v.outcome}")
    cov = signature_coverage()
    print(f"Signature coverage: signed named {cov['signed_named']}/{cov['signatories_total']}, "
          f"not signed named {cov['not_signed_named']}/{cov['non_signatories_total']}, "
          f"unknown {cov['unknown']} (conflicting {cov['conflicting']})")
    return 0


def cmd_describe(args) -> int:
    from wcit_data.meta import describe

    book = describe(args.table)
    print(f"{book['name']} ({book['rows']} rows): {book['description']}")
    if book["primary_key"]:
        print(f"primary key: {', '.join(book['primary_key'])}")
    for c in book["columns"]:
        allowed = f" [{', '.join(map(str, c['allowed_values']))}]" if c["allowed_values"] else ""
        print(f"  {c['name']:<22} {c['type']:<9} {'required' if c['required'] else '        '}  "
              f"{c['description']}{allowed}")
    return 0


def cmd_cite(args) -> int:
    from wcit_data.meta import cite

    print(cite(args.source_id))
    return 0


def cmd_ingest(args) -> int:
    from wcit_data.build.ingest import ingest_transcript

    sid = ingest_transcript(Path(args.file), plenary=args.plenary, date=args.date, root=args.root,
                            source_id=args.source_id, url=args.url)
    print(f"Registered transcript as source {sid}; run `wcit-data build` to add its turns.")
    return 0


def cmd_hash(args) -> int:
    """Record the sha256 of the named snapshots only: an edit elsewhere keeps failing the build."""
    from wcit_data.build import find_root
    from wcit_data.build.sources import SourceRegistry

    registry = SourceRegistry(find_root(args.root) / "data" / "sources")
    if not args.source_ids:
        stale = registry.stale()
        listed = ", ".join(stale) if stale else "none"
        print(f"Name the source id(s) whose snapshot edit you intend, e.g. `wcit-data hash-sources "
              f"{stale[0] if stale else 'SOURCE_ID'}`. Snapshots that differ from their registered sha256: {listed}",
              file=sys.stderr)
        return 2
    changes = registry.rehash(args.source_ids)
    for sid, old, new in changes:
        print(f"{sid}: sha256 {old[:12] or '(none)'}... -> {new[:12]}...")
    unchanged = len(set(args.source_ids)) - len(changes)
    print(f"Updated {len(changes)} hash(es) in data/sources/sources.csv ({unchanged} already current)")
    return 0


def cmd_report(args) -> int:
    from wcit_data.publish.report import run_report

    return run_report(Path(args.out), execute=not args.no_execute)


def cmd_all(args) -> int:
    """The main job: build and validate, summary, claim verdicts, notebooks to HTML, claims report."""
    for step in (cmd_build, cmd_summary, cmd_claims):
        code = step(args)
        if code:
            return code
    from wcit_data.publish.report import run_report

    return run_report(Path(args.reports), execute=True)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wcit-data", description=__doc__)
    p.add_argument("--root", type=Path, default=None, help="checkout root (default: found from the cwd)")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="validate curated data and write Parquet + datapackage.json + checksums")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: src/wcit_data/data)")
    b.set_defaults(func=cmd_build)
    sub.add_parser("validate", help="validate curated data, write nothing").set_defaults(func=cmd_validate)
    sub.add_parser("claims", help="print the claim verdicts").set_defaults(func=cmd_claims)
    sub.add_parser("summary", help="print table sizes, decisions, signature coverage").set_defaults(func=cmd_summary)
    d = sub.add_parser("describe", help="print the codebook of a table")
    d.add_argument("table")
    d.set_defaults(func=cmd_describe)
    c = sub.add_parser("cite", help="BibTeX for the package, or for one source")
    c.add_argument("source_id", nargs="?", default=None)
    c.set_defaults(func=cmd_cite)
    i = sub.add_parser("ingest-transcript", help="register a CART transcript; its turns enter the next build")
    i.add_argument("file")
    i.add_argument("--plenary", type=int, required=True)
    i.add_argument("--date", default=None, help="YYYY-MM-DD (Dubai); default: read from the transcript header")
    i.add_argument("--source-id", default=None)
    i.add_argument("--url", default=None)
    i.set_defaults(func=cmd_ingest)
    h = sub.add_parser("hash-sources", help="record the sha256 of the named edited snapshots in sources.csv")
    h.add_argument("source_ids", nargs="*", metavar="SOURCE_ID", help="the source(s) whose snapshot you edited")
    h.set_defaults(func=cmd_hash)
    r = sub.add_parser("report", help="execute the notebooks to HTML and write the claims report")
    r.add_argument("--out", default="reports")
    r.add_argument("--no-execute", action="store_true")
    r.set_defaults(func=cmd_report)
    a = sub.add_parser("all", help="the main job: build, summary, claims, notebooks and report")
    a.add_argument("--out", type=Path, default=None, help="build output folder (default: src/wcit_data/data)")
    a.add_argument("--reports", default="reports", help="folder for notebook HTML and the claims report")
    a.set_defaults(func=cmd_all)
    return p


def main(argv=None) -> int:
    from wcit_data.loading import DataIntegrityError

    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, LookupError, DataIntegrityError, FileNotFoundError) as exc:
        # user errors (unknown table/source/state, tampered files, no checkout): a message, not a traceback
        print(f"wcit-data: error: {exc}", file=sys.stderr)
        return 2
