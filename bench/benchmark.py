"""Cold-process timings of the loader against a bare `import pandas` process, measured interleaved.

Each round runs every command once in a fresh interpreter, in the order baseline, candidates (A, B, C, A, B, C
...), so machine drift hits baseline and candidates alike; a command's ratio is the median over rounds of its
time divided by the same round's baseline time. Whole process times are compared (nothing is subtracted).
Loading a table imports pandas, so a loader ratio below 1.0 means the measurement is broken and is reported
as such, never as a result. Writes docs/benchmarks.md.

Usage: python bench/benchmark.py [--rounds N] [--build-runs N]
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "bare `import pandas`"
COMMANDS = {
    BASELINE: "import pandas",
    "`import wcit_data`": "import wcit_data",
    "`load_votes()`": "import wcit_data; wcit_data.load_votes()",
    "all tables": "import wcit_data as w; [w.load(n) for n in w.list_tables()]",
}
# Maximum ratio to the baseline process; None: no ratio target.
RATIO_TARGETS = {"`load_votes()`": 1.10, "all tables": 1.15}
# Commands that import pandas themselves, so that their ratio cannot honestly fall below 1.0.
INCLUDES_BASELINE = {"`load_votes()`", "all tables"}
IMPORT_TARGET_S = 0.050  # `import wcit_data` beyond an empty interpreter
BUILD_TARGET_S = 10.0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(code: str) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one fresh interpreter running ``code``."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start, _children_cpu() - cpu


def measure(rounds: int) -> tuple[dict, dict, dict]:
    """Per command, its wall and CPU time in each round; and an empty interpreter's wall time per round."""
    for code in COMMANDS.values():  # warm the OS file cache; not recorded
        timed(code)
    wall: dict[str, list[float]] = {label: [] for label in COMMANDS}
    cpu: dict[str, list[float]] = {label: [] for label in COMMANDS}
    empty: list[float] = []
    for _ in range(rounds):
        empty.append(timed("pass")[0])
        for label, code in COMMANDS.items():
            wall_s, cpu_s = timed(code)
            wall[label].append(wall_s)
            cpu[label].append(cpu_s)
    return wall, cpu, empty


def time_build(runs: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        durations = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "wcit_data", "build", "--out", out], check=True,
                           capture_output=True, cwd=ROOT)
            durations.append(time.perf_counter() - start)
    return statistics.median(durations)


def ratios(times: dict[str, list[float]], label: str) -> list[float]:
    """Per round: the command's time over the same round's baseline time."""
    return [t / b for t, b in zip(times[label], times[BASELINE])]


def verdict(label: str, value: float) -> str:
    if label in INCLUDES_BASELINE and value < 1.0:
        return "BROKEN measurement (ratio < 1.0 for a command that imports pandas)"
    target = RATIO_TARGETS.get(label)
    if target is None:
        return ""
    return "met" if value <= target else "missed"


def report(wall: dict, cpu: dict, empty: list[float], build_s: float, rounds: int, build_runs: int,
           load: str) -> str:
    empty_s = statistics.median(empty)
    lines = ["# Benchmarks", "",
             f"Measured by `python bench/benchmark.py --rounds {rounds} --build-runs {build_runs}` on "
             f"{time.strftime('%Y-%m-%d')} ({platform.python_implementation()} {platform.python_version()}, "
             f"{platform.machine()}, {platform.system()}, {os.cpu_count()} CPUs, load average {load} at the start). "
             f"Every command runs in a fresh interpreter; the commands are interleaved ({rounds} rounds of "
             "baseline, then each candidate), and a ratio is the median over rounds of the command's "
             "whole-process time divided by the same round's baseline time, so drift of the machine cancels. "
             "Both wall-clock time and CPU time (user + system of the child process) are given: on a shared, "
             "loaded machine CPU time is the steadier of the two. A loader ratio below 1.0 would mean a broken "
             "measurement (loading imports pandas) and is reported as such.", "",
             "| command | wall s (median) | wall ratio | CPU s (median) | CPU ratio | CPU ratio min-max "
             "| target | result (CPU) | result (wall) |", "|---|---:|---:|---:|---:|---:|---|---|---|"]
    for label in COMMANDS:
        wall_ratio = statistics.median(ratios(wall, label))
        cpu_rounds = ratios(cpu, label)
        cpu_ratio = statistics.median(cpu_rounds)
        target = f"<= {RATIO_TARGETS[label]:.2f}x" if label in RATIO_TARGETS else ""
        result_cpu, result_wall = verdict(label, cpu_ratio), verdict(label, wall_ratio)
        if label == "`import wcit_data`":
            cost = statistics.median(wall[label]) - empty_s
            target = f"<= {IMPORT_TARGET_S * 1000:.0f} ms over an empty interpreter (wall)"
            result_cpu, result_wall = "", f"{'met' if cost <= IMPORT_TARGET_S else 'missed'} ({cost * 1000:.0f} ms)"
        lines.append(f"| {label} | {statistics.median(wall[label]):.3f} | {wall_ratio:.3f} | "
                     f"{statistics.median(cpu[label]):.3f} | {cpu_ratio:.3f} | {min(cpu_rounds):.2f}-"
                     f"{max(cpu_rounds):.2f} | {target} | {result_cpu} | {result_wall} |")
    lines += [f"| empty interpreter (`pass`) | {empty_s:.3f} |  |  |  |  |  |  |  |",
              f"| `wcit-data build` (median of {build_runs}) | {build_s:.3f} |  |  |  |  | "
              f"<= {BUILD_TARGET_S:.0f} s |  | {'met' if build_s <= BUILD_TARGET_S else 'missed'} |", "",
              "Loading reads each Parquet file single-threaded, applies the published types (categoricals with "
              "the schema's values, dates, Int64) from the shipped descriptor, and verifies every file's "
              "checksum.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21, help="interleaved rounds (default 21)")
    parser.add_argument("--build-runs", type=int, default=3, help="timed builds (default 3)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    wall, cpu, empty = measure(args.rounds)
    text = report(wall, cpu, empty, time_build(args.build_runs), args.rounds, args.build_runs, load)
    if not args.no_write:
        (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
