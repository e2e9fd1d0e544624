"""Stress test for issue 13, item 2: real `wcit-data build` processes killed (SIGKILL) after random delays.

Each run builds a temporary copy of the checkout into a folder holding the previous build, kills the build
after a random delay, and checks that the folder holds one whole build: every file listed in the manifest,
matching it, naming its table, nothing unlisted (old or new data, never a mix). The suite's fault-injection
sweep (tests/test_reliability_build.py) covers every moment between file writes; this covers real timing.

    python bench/stress_kill_build.py --runs 50
"""

from __future__ import annotations

import argparse
import csv
import io
import hashlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from wcit_data.build import atomic
from wcit_data.loading import TABLE_NAME_KEY, parse_manifest

ROOT = Path(__file__).resolve().parents[1]


def build_cmd(checkout: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "wcit_data", "--root", str(checkout), "build", "--out", str(out)]


def whole_build(folder: Path) -> bytes:
    """The manifest bytes when ``folder`` holds one whole build; AssertionError otherwise."""
    manifest = parse_manifest((folder / "checksums.sha256").read_text(encoding="utf-8"))
    assert {p.name for p in folder.iterdir()} == set(manifest) | {"checksums.sha256"}, "unlisted or missing files"
    for name, digest in manifest.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, f"{name} does not match"
        if name.endswith(".parquet"):
            assert pq.read_schema(folder / name).metadata[TABLE_NAME_KEY] == name[:-8].encode(), f"{name} swapped"
    return (folder / "checksums.sha256").read_bytes()


def note_variants(path: Path) -> list[str]:
    """Two versions of a curated file differing in one note (so that consecutive builds differ)."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    column = rows[0].index("note")
    out = []
    for suffix in ("", " (stress run)"):
        changed = [list(r) for r in rows]
        changed[1][column] += suffix
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(changed)
        out.append(buf.getvalue())
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=50)
    p.add_argument("--seed", type=int, default=13)
    args = p.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        checkout, out = Path(tmp) / "checkout", Path(tmp) / "out"
        shutil.copytree(ROOT / "data", checkout / "data")
        started = time.perf_counter()
        subprocess.run(build_cmd(checkout, out), check=True, capture_output=True)
        full = time.perf_counter() - started
        first = whole_build(out)
        docs = checkout / "data" / "curated" / "documents.csv"
        variants = note_variants(docs)
        states = {"old": 0, "new": 0}
        broken = 0
        for run in range(args.runs):
            docs.write_text(variants[run % 2], encoding="utf-8")  # each build changes the data
            delay = rng.uniform(0, full * 1.1)
            proc = subprocess.Popen(build_cmd(checkout, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            atomic.recover(out)
            try:
                manifest = whole_build(out)
                states["old" if manifest == first else "new"] += 1
                first = manifest
            except (AssertionError, FileNotFoundError) as exc:
                broken += 1
                print(f"run {run}: killed after {delay:.2f} s: NOT a whole build: {exc}")
        print(f"{args.runs} builds killed after 0-{full * 1.1:.1f} s (a full build takes {full:.1f} s): "
              f"{broken} folder(s) not holding one whole build; unchanged {states['old']}, switched {states['new']}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
