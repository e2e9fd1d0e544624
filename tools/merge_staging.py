"""One-off curation helper: merge research staging folders into data/ (sources + curated CSVs).

Usage: python tools/merge_staging.py HELPER [HELPER...]
Copies snapshots to data/sources/text/, appends registry rows (hash recomputed), and appends table
fragments to data/curated/<table>.csv (dropping exact duplicate rows). Source ids that collide with a
different text are renamed with a helper suffix, and the helper's rows are rewritten to match.
"""
import csv
import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGING = ROOT / "staging"
SOURCES = ROOT / "data" / "sources"
CURATED = ROOT / "data" / "curated"
REG_COLS = ["source_id", "title", "author", "publisher", "url", "published", "retrieved", "kind", "language",
            "licence_note", "retrieved_via", "notes", "sha256"]
TABLE_MAP = {  # staging file -> curated table
    "vote_reports": "vote_reports", "ballots": "ballot_reports", "events": "events", "sessions": "sessions",
    "interventions_secondary": "interventions_secondary", "itu_members": "itu_members",
    "aliases": "state_aliases", "participation": "participation", "conference_totals": "conference_totals",
    "signature_reports": "signature_reports", "treaty_actions": "treaty_actions", "provisions": "provisions",
    "resolutions": "resolutions", "declarations": "declarations", "documents": "documents",
    "covariates_long": "covariates_hand",
}


def read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write(path, rows, cols):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def merge(helper):
    src_dir = STAGING / helper
    reg_path = SOURCES / "sources.csv"
    registry = read(reg_path) if reg_path.exists() else []
    known = {r["source_id"]: r for r in registry}
    rename = {}
    for row in read(src_dir / "sources.csv"):
        sid = row["source_id"]
        text_path = src_dir / "text" / f"{sid}.txt"
        data = text_path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if sid in known and known[sid]["sha256"] != digest:
            rename[sid] = new = f"{sid}-{helper.replace('_', '-')}"
            sid = new
        elif sid in known:
            continue
        (SOURCES / "text" / f"{sid}.txt").write_bytes(data)
        registry.append({**row, "source_id": sid, "sha256": digest})
        known[sid] = registry[-1]
    write(reg_path, sorted(registry, key=lambda r: r["source_id"]), REG_COLS)
    for f in sorted(src_dir.glob("*.csv")):
        if f.stem == "sources":
            continue
        table = TABLE_MAP.get(f.stem)
        if table is None:
            print(f"skip {f} (no mapping)")
            continue
        rows = read(f)
        for r in rows:
            for col in ("source_id", "derivation_source_id", "transcript_source_id"):
                if r.get(col) in rename:
                    r[col] = rename[r[col]]
        out = CURATED / f"{table}.csv"
        old = read(out) if out.exists() else []
        cols = list(dict.fromkeys([*(old[0].keys() if old else []), *(rows[0].keys() if rows else [])]))
        seen, merged = set(), []
        for r in old + rows:
            key = tuple(r.get(c, "") for c in cols)
            if key not in seen:
                seen.add(key)
                merged.append(r)
        if cols:
            write(out, merged, cols)
        print(f"{helper}/{f.name} -> {out.relative_to(ROOT)}: +{len(rows)} rows ({len(merged)} total)")
    notes = src_dir / "NOTES.md"
    if notes.exists():
        dest = ROOT / "docs" / "research" / f"{helper}.md"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(notes, dest)
    if rename:
        print("renamed:", rename)


if __name__ == "__main__":
    (SOURCES / "text").mkdir(parents=True, exist_ok=True)
    CURATED.mkdir(parents=True, exist_ok=True)
    for h in sys.argv[1:]:
        merge(h)
