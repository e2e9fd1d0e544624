"""Command line of wcit-data: query, describe and cite the WCIT-12 tables; build, validate and report.

Run `wcit-data COMMAND --help` for the arguments of a command.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# Optional dependencies -> the extra that provides them, for a one-line message instead of a traceback.
EXTRA_OF_MODULE = {"pandera": "build", "pycountry": "build", "frictionless": "build", "yaml": "build",
                   "matplotlib": "notebooks", "nbclient": "notebooks", "nbconvert": "notebooks",
                   "nbformat": "notebooks", "ipykernel": "notebooks", "jupyterlab": "notebooks",
                   "openpyxl": "publish", "jinja2": "publish", "duckdb": "duckdb"}


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
        derived = " (derived)" if getattr(v, "plenary_basis", None) == "derived" else ""
        print(f"Decision {v.vote_id}: {str(v.date)[:10]} plenary {v.plenary}{derived} by {v.method}{tally} -> {v.outcome}")
    cov = signature_coverage()
    print(f"Signature coverage: signed named {cov['signed_named']}/{cov['signatories_total']}, "
          f"not signed named {cov['not_signed_named']}/{cov['non_signatories_total']}, "
          f"unknown {cov['unknown']} (conflicting {cov['conflicting']})")
    if cov.get("confidence"):
        print("Signature confidence: " + ", ".join(f"{k} {v}" for k, v in cov["confidence"].items()))
    return 0


def cmd_describe(args) -> int:
    from wcit_data.meta import describe

    print(describe(args.table).text())
    return 0


def cmd_cite(args) -> int:
    from wcit_data.citation import cite

    print(cite(*args.source_ids, table=args.table, style=args.style))
    return 0


def cmd_tables(args) -> int:
    """One line per table: name, rows, description."""
    from wcit_data.loading import descriptor

    for res in descriptor()["resources"]:
        print(f"{res['name']:<20} {res['rows']:>6}  {res['description']}")
    return 0


def cmd_sources(args) -> int:
    """Tab-separated source_id, published date, title (all sources, or those behind one table)."""
    from wcit_data.citation import table_source_ids
    from wcit_data.loading import load

    sources = load("sources")
    if args.table:
        sources = sources[sources["source_id"].isin(table_source_ids(args.table))]
    for s in sources.itertuples(index=False):
        published = "" if s.published is None or str(s.published) in ("nan", "<NA>", "None") else s.published
        print(f"{s.source_id}\t{published}\t{s.title}")
    return 0


def cmd_lookup(args) -> int:
    """ISO3 code and short name of a Member State, from any name the state_aliases table knows."""
    from wcit_data.loading import load
    from wcit_data.states import lookup_state

    iso3 = lookup_state(args.name)
    names = load("states").set_index("iso3")
    name_column = next((c for c in ("short_name", "name", "itu_name") if c in names.columns), None)
    print(f"{iso3}\t{names.loc[iso3, name_column]}" if name_column and iso3 in names.index else iso3)
    return 0


def cmd_export(args) -> int:
    from wcit_data.publish.export import export

    tables = [name for value in args.tables or [] for name in value.split(",") if name.strip()]
    files = export(args.directory, args.format, tables=[name.strip() for name in tables] or None)
    print(f"Wrote {len(files)} file(s) to {args.directory}: " + ", ".join(f.name for f in files))
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


def cmd_site(args) -> int:
    """Build the static documentation site and check its links (exit 1 if any is broken)."""
    from wcit_data.publish.site import build_site

    links = build_site(Path(args.out), execute_notebooks=not args.no_execute)
    print(f"site -> {Path(args.out) / 'index.html'}: {links.summary()}")
    for problem in links.broken + links.external_resources:
        print(f"  {problem}", file=sys.stderr)
    return 0 if links.ok else 1


def cmd_all(args) -> int:
    """The main job: build and validate, summary, claim verdicts, the site (notebooks executed), claims report."""
    for step in (cmd_build, cmd_summary, cmd_claims):
        code = step(args)
        if code:
            return code
    from wcit_data.publish.report import run_report

    return run_report(Path(args.reports), execute=True)


def parser() -> argparse.ArgumentParser:
    from wcit_data import __version__

    p = argparse.ArgumentParser(prog="wcit-data", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--root", type=Path, default=None, help="checkout root (default: found from the cwd)")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="validate curated data and write Parquet + datapackage.json + checksums")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: src/wcit_data/data)")
    b.set_defaults(func=cmd_build)
    sub.add_parser("validate", help="validate curated data, write nothing").set_defaults(func=cmd_validate)
    sub.add_parser("claims", help="print the claim verdicts").set_defaults(func=cmd_claims)
    sub.add_parser("summary", help="print table sizes, decisions, signature coverage").set_defaults(func=cmd_summary)
    sub.add_parser("tables", help="list the tables with their row counts and descriptions").set_defaults(
        func=cmd_tables)
    d = sub.add_parser("describe", help="print the codebook of a table")
    d.add_argument("table", help="table name (see `wcit-data tables`)")
    d.set_defaults(func=cmd_describe)
    c = sub.add_parser("cite", help="BibTeX (or plain text) for the package, for sources, or for a table's sources",
                       description="Without arguments: the package. With SOURCE_IDs: those sources. With --table: "
                                   "the package and every source behind the table, as one .bib file with unique "
                                   "keys (wcit-data cite --table signatures > refs.bib).")
    c.add_argument("source_ids", nargs="*", metavar="SOURCE_ID", help="source ids (see `wcit-data sources`)")
    c.add_argument("--table", default=None, help="cite the package and all sources behind this table")
    c.add_argument("--style", choices=["bibtex", "text"], default="bibtex",
                   help="bibtex (default) or APA-like plain text")
    c.set_defaults(func=cmd_cite)
    s = sub.add_parser("sources", help="list sources: id, published date, title (tab-separated)")
    s.add_argument("--table", default=None, help="only the sources behind this table")
    s.set_defaults(func=cmd_sources)
    lk = sub.add_parser("lookup", help="resolve a state name (ITU designation, speaker label, common name) to ISO3")
    lk.add_argument("name", help='state name, e.g. "Iran (Islamic Republic of)"')
    lk.set_defaults(func=cmd_lookup)
    e = sub.add_parser("export", help="write the tables as csv (+ Frictionless descriptor), stata, parquet, "
                       "sqlite, xlsx or duckdb, with the codebook")
    e.add_argument("--format", required=True, choices=["csv", "stata", "parquet", "sqlite", "xlsx", "duckdb"],
                   help="csv: UTF-8 + datapackage.json; stata: .dta 118 with labels; sqlite: one file with keys; "
                        "xlsx: one workbook with a codebook sheet; parquet: the shipped files; duckdb: one "
                        "database with enumerations as ENUM types")
    e.add_argument("directory", type=Path, help="output folder (created if missing)")
    # comma-separated (or repeated), so that the option cannot swallow the output folder
    e.add_argument("--tables", action="append", default=None, metavar="TABLE[,TABLE...]",
                   help="only these tables, comma-separated or repeated (default: all)")
    e.set_defaults(func=cmd_export)
    i = sub.add_parser("ingest-transcript", help="register a CART transcript; its turns enter the next build")
    i.add_argument("file", help="CART transcript text file")
    i.add_argument("--plenary", type=int, required=True, help="plenary meeting number")
    i.add_argument("--date", default=None, help="YYYY-MM-DD (Dubai); default: read from the transcript header")
    i.add_argument("--source-id", default=None, help="id for the new source (default: derived from plenary and date)")
    i.add_argument("--url", default=None, help="public address of the transcript")
    i.set_defaults(func=cmd_ingest)
    h = sub.add_parser("hash-sources", help="record the sha256 of the named edited snapshots in sources.csv")
    h.add_argument("source_ids", nargs="*", metavar="SOURCE_ID", help="the source(s) whose snapshot you edited")
    h.set_defaults(func=cmd_hash)
    r = sub.add_parser("report", help="build the site (notebooks executed) in OUT/site and the claims report (--out OUT, default reports)")
    r.add_argument("--out", default="reports", help="output folder (default: reports)")
    r.add_argument("--no-execute", action="store_true", help="render the notebooks without executing them")
    r.set_defaults(func=cmd_report)
    st = sub.add_parser("site", help="build the static documentation site into OUT (offline; links checked)")
    st.add_argument("out", metavar="OUT", help="output folder for the site")
    st.add_argument("--no-execute", action="store_true", help="render the notebooks as stored, without running them")
    st.set_defaults(func=cmd_site)
    a = sub.add_parser("all", help="the main job: build, summary, claims, the site with notebooks, claims report")
    a.add_argument("--out", type=Path, default=None, help="build output folder (default: src/wcit_data/data)")
    a.add_argument("--reports", default="reports", help="folder for the site (REPORTS/site) and the claims report")
    a.set_defaults(func=cmd_all)
    return p


def missing_dependency_message(exc: ModuleNotFoundError) -> str:
    """One line naming the missing module and the install command that provides it."""
    module = (exc.name or "").split(".")[0]
    extra = EXTRA_OF_MODULE.get(module)
    install = f"pip install 'wcit-data[{extra}]'" if extra else f"pip install {module}"
    return f"wcit-data: error: this command needs the optional dependency {module!r}; install it with: {install}"


def _quiet_stdout() -> None:
    """Point stdout at devnull so that the interpreter's final flush cannot raise again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError:
        pass


def main(argv=None) -> int:
    from wcit_data.loading import DataIntegrityError

    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, LookupError, DataIntegrityError, FileNotFoundError) as exc:
        # user errors (unknown table/source/state, tampered files, no checkout): a message, not a traceback
        print(f"wcit-data: error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        print(missing_dependency_message(exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader (e.g. `head`) closed the pipe: stop quietly; point stdout at devnull so that the
        # interpreter's final flush does not raise again (recipe of the Python signal documentation)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        # e.g. a full disk or an unwritable output folder: one line, not a traceback
        print(f"wcit-data: error: {exc}", file=sys.stderr)
        _quiet_stdout()
        return 2
