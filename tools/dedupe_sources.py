"""Fold sources renamed by merge_staging.py (same id, different excerpt) back into one snapshot.

Identical (after normalisation) or contained texts collapse to the larger; differing excerpts of the same
page are concatenated with a `[...]` line, as the contract prescribes. Curated references are repointed.
"""
import glob
import hashlib
import os
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from wcit_data.build.sources import normalise  # noqa: E402

SUFFIXES = ["-plenaries", "-votes", "-sig-europe", "-sig-americas-asia", "-sig-africa-arab", "-states", "-texts",
            "-covariates", "-sig2-asia-arab-cis", "-sig2-americas-africa-europe", "-texts2", "-plenaries2"]


def main():
    reg = pd.read_csv(ROOT / "data/sources/sources.csv", dtype=str, keep_default_na=False)
    ids = set(reg.source_id)
    rep = {}
    for sid in sorted(ids):
        for suf in SUFFIXES:
            if sid.endswith(suf) and sid[: -len(suf)] in ids:
                base = sid[: -len(suf)]
                pa, pb = ROOT / f"data/sources/text/{base}.txt", ROOT / f"data/sources/text/{sid}.txt"
                ta, tb = pa.read_text(encoding="utf-8"), pb.read_text(encoding="utf-8")
                a, b = normalise(ta), normalise(tb)
                if a == b or b in a:
                    pass
                elif a in b:
                    pa.write_text(tb, encoding="utf-8")
                else:
                    pa.write_text(ta.rstrip("\n") + "\n[...]\n" + tb, encoding="utf-8")
                os.remove(pb)
                rep[sid] = base
    reg = reg[~reg.source_id.isin(rep)].copy()
    reg["sha256"] = [hashlib.sha256((ROOT / f"data/sources/text/{s}.txt").read_bytes()).hexdigest() for s in reg.source_id]
    reg.to_csv(ROOT / "data/sources/sources.csv", index=False, lineterminator="\n")
    for f in glob.glob(str(ROOT / "data/curated/*.csv")):
        d = pd.read_csv(f, dtype=str, keep_default_na=False)
        changed = False
        for c in ["source_id", "derivation_source_id", "transcript_source_id"]:
            if c in d.columns:
                n = d[c].map(lambda v: rep.get(v, v))
                changed |= bool((n != d[c]).any())
                d[c] = n
        if changed:
            d.drop_duplicates().to_csv(f, index=False, lineterminator="\n")
    print(rep)


if __name__ == "__main__":
    main()
