"""Enforce the snapshot rule for other people's prose: keep only the passages the dataset cites.

* A non-ITU source that no row cites is removed from the registry (its queries stay in docs/research/).
* In a cited non-ITU source, every `[...]`-separated passage without a cited evidence string is dropped.
ITU documents (ITU pages, Final Acts, CART transcripts) may be kept as retrieved; data extracts (covariate
CSVs, the ISO code list) are data, not prose, and stay whole. Run after merging research, then build.
"""
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wcit_data.build import Build, Inputs  # noqa: E402
from wcit_data.build.sources import SourceRegistry, cited_snippets, kept_whole, normalise, split_passages  # noqa: E402

def main():
    tables = Build(Inputs(ROOT)).run()
    cited = cited_snippets(tables)
    for frame in tables.values():  # a transcript is cited by the turns parsed from it
        if "transcript_source_id" in frame.columns:
            for sid in frame["transcript_source_id"].dropna():
                cited.setdefault(sid, [])
    registry = SourceRegistry(ROOT / "data" / "sources")
    keep_rows, removed, trimmed = [], [], 0
    for row in registry.rows:
        sid = row["source_id"]
        if kept_whole(sid, row.get("publisher")):
            keep_rows.append(row)
            continue
        if sid not in cited:
            registry.snapshot_path(sid).unlink()
            removed.append(sid)
            continue
        text = registry.text(sid)
        passages = split_passages(text)
        kept = [p for p in passages if any(e in normalise(p) for e in cited[sid])]
        if len(kept) < len(passages):
            registry.snapshot_path(sid).write_text("\n[...]\n".join(p.strip("\n") for p in kept) + "\n",
                                                   encoding="utf-8")
            trimmed += 1
        keep_rows.append(row)
    registry.rows = keep_rows
    registry.rehash()
    print(f"removed {len(removed)} uncited sources, trimmed {trimmed} snapshots")
    print("\n".join(removed))


if __name__ == "__main__":
    main()
