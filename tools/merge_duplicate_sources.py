"""Merge sources registered more than once under the same URL into one source_id.

One URL, one source_id: the canonical id is the one whose snapshot is longest (ties: most cited, then
alphabetical). The cited passages of the other snapshots that the canonical text lacks are appended after a
`[...]` line; empty registry fields are filled from the merged rows. Old ids are recorded in
data/sources/aliases.csv, which the build applies when it reads curated CSVs, so nothing that cites an old
id breaks. Idempotent: run it again and nothing changes.
"""

from __future__ import annotations

import collections
import csv
import glob
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from wcit_data.build.sources import (  # noqa: E402
    ALIAS_COLUMNS, REGISTRY_COLUMNS, SourceRegistry, normalise, split_passages)

SOURCES = ROOT / "data" / "sources"


def citation_counts() -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for path in glob.glob(str(ROOT / "data/curated/*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for key, value in row.items():
                    if key and key.endswith("source_id") and value:
                        counts[value] += 1
    return counts


def merged_text(texts: list[str]) -> str:
    """The first text, plus every passage of the others it does not already contain."""
    merged = texts[0].rstrip("\n")
    for text in texts[1:]:
        for passage in split_passages(text):
            if passage.strip() and normalise(passage) not in normalise(merged):
                merged += "\n[...]\n" + passage.strip("\n")
    return merged + "\n"


def main() -> None:
    registry = SourceRegistry(SOURCES)
    cited = citation_counts()
    by_url: dict[str, list[dict]] = collections.defaultdict(list)
    for row in registry.rows:
        if row["url"].startswith(("http://", "https://")):  # a local path is not an address of one page
            by_url[row["url"]].append(row)
    alias_path = SOURCES / "aliases.csv"
    aliases = list(csv.DictReader(open(alias_path, encoding="utf-8"))) if alias_path.exists() else []
    dropped = set()
    for url, group in sorted(by_url.items()):
        if len(group) < 2:
            continue
        texts = {r["source_id"]: registry.text(r["source_id"]) for r in group}
        group.sort(key=lambda r: (-len(normalise(texts[r["source_id"]])), -cited[r["source_id"]], r["source_id"]))
        keep, others = group[0], group[1:]
        registry.snapshot_path(keep["source_id"]).write_text(
            merged_text([texts[r["source_id"]] for r in group]), encoding="utf-8")
        for other in others:
            for key in REGISTRY_COLUMNS:
                if not keep.get(key) and other.get(key):
                    keep[key] = other[key]
            aliases.append({"alias": other["source_id"], "source_id": keep["source_id"],
                            "reason": "same URL registered twice; passages merged into one snapshot"})
            registry.snapshot_path(other["source_id"]).unlink()
            dropped.add(other["source_id"])
        print(f"{keep['source_id']} <- {', '.join(o['source_id'] for o in others)}")
    registry.rows = [r for r in registry.rows if r["source_id"] not in dropped]
    registry.rehash()
    aliases.sort(key=lambda a: a["alias"])
    with open(alias_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=ALIAS_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(aliases)


if __name__ == "__main__":
    main()
