"""Cold-process timings: import, load_votes(), all tables, build -- against a bare `import pandas`.

Each measurement starts a fresh interpreter (so imports are cold for that process) and is repeated;
the median is reported. Writes docs/benchmarks.md. Usage: python bench/benchmark.py [--repeat N]
"""
from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = {
    "bare `import pandas`": "import pandas",
    "`import wcit_data`": "import wcit_data",
    "`load_votes()`": "import wcit_data; wcit_data.load_votes()",
    "all tables": "import wcit_data as w; [w.load(n) for n in w.list_tables()]",
}
TARGETS = {"`import wcit_data`": "<= 50 ms", "`load_votes()`": "<= 1.10x pandas", "all tables": "<= 1.20x pandas",
           "build": "<= 10 s"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(repeat: int) -> dict[str, float]:
    results = {}
    timed([sys.executable, "-c", "import pandas, wcit_data"])  # warm the OS file cache once
    baseline = statistics.median(timed([sys.executable, "-c", "pass"]) for _ in range(repeat))
    results["interpreter start (subtracted)"] = baseline
    for label, code in SNIPPETS.items():
        runs = [timed([sys.executable, "-c", code]) for _ in range(repeat)]
        results[label] = max(statistics.median(runs) - baseline, 0.0)
    with tempfile.TemporaryDirectory() as out:
        runs = [timed([sys.executable, "-m", "wcit_data", "build", "--out", out]) for _ in range(max(1, repeat // 3))]
    results["build"] = statistics.median(runs)
    return results


def verdict(label: str, value: float, pandas_s: float) -> str:
    if label == "`import wcit_data`":
        return "met" if value <= 0.050 else "missed"
    if label == "`load_votes()`":
        return "met" if value <= 1.10 * pandas_s else "missed"
    if label == "all tables":
        return "met" if value <= 1.20 * pandas_s else "missed"
    if label == "build":
        return "met" if value <= 10 else "missed"
    return ""


def report(results: dict[str, float], repeat: int) -> str:
    pandas_s = results["bare `import pandas`"]
    lines = ["# Benchmarks", "",
             f"Measured by `python bench/benchmark.py --repeat {repeat}` on {time.strftime('%Y-%m-%d')} "
             f"({platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
             f"{platform.system()}). Each figure is the median of cold interpreter runs minus the median start-up "
             "of an empty interpreter; the build is timed whole.", "",
             "| measurement | seconds | x pandas import | target | result |", "|---|---:|---:|---|---|"]
    for label, value in results.items():
        ratio = f"{value / pandas_s:.2f}" if label not in ("build", "interpreter start (subtracted)") else ""
        lines.append(f"| {label} | {value:.3f} | {ratio} | {TARGETS.get(label, '')} | "
                     f"{verdict(label, value, pandas_s)} |")
    lines += ["", "Loading reads Parquet through pyarrow, so `load_votes()` pays for importing pyarrow's "
              "Parquet reader on top of pandas; all tables add the checksum verification of every file.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    results = measure(args.repeat)
    text = report(results, args.repeat)
    (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
