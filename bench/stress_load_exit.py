"""Stress test for issue 13, item 1: cold processes that load every table and exit, while the CPU is busy.

Each run is a fresh interpreter doing ``import wcit_data; [wcit_data.load(n) for n in wcit_data.list_tables()]``;
a crash at interpreter exit (e.g. SIGABRT in Arrow's thread pool) shows as a non-zero exit code.
CPU burners (one per core) keep the machine busy for the whole run.

    python bench/stress_load_exit.py --runs 1000 --parallel 4
    python bench/stress_load_exit.py --timing      # load-all time, with and without Arrow threads

Results are recorded in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

LOAD_ALL = "import wcit_data as w; [w.load(n) for n in w.list_tables()]"


def burn(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def one_run(_: int) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-c", LOAD_ALL], capture_output=True, text=True)
    return done.returncode, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""


def stress(runs: int, parallel: int, burners: int) -> int:
    stop = multiprocessing.Event()
    hogs = [multiprocessing.Process(target=burn, args=(stop,), daemon=True) for _ in range(burners)]
    for hog in hogs:
        hog.start()
    started = time.perf_counter()
    codes: collections.Counter = collections.Counter()
    messages: collections.Counter = collections.Counter()
    try:
        with ThreadPoolExecutor(parallel) as pool:
            for i, (code, last) in enumerate(pool.map(one_run, range(runs)), start=1):
                codes[code] += 1
                if code:
                    messages[last] += 1
                if i % 100 == 0:
                    print(f"  {i} runs, {sum(v for k, v in codes.items() if k)} non-zero", flush=True)
    finally:
        stop.set()
        for hog in hogs:
            hog.join(5)
    failed = sum(v for k, v in codes.items() if k)
    print(f"{runs} cold load-all processes ({parallel} at a time, {burners} CPU burners, {os.cpu_count()} cores), "
          f"{time.perf_counter() - started:.0f} s: {failed} non-zero exit(s); exit codes {dict(codes)}")
    for message, n in messages.most_common(5):
        print(f"  {n} x {message}")
    return failed


def timing(repeat: int) -> None:
    """Median in-process time to read and convert every table, with and without Arrow's thread pool."""
    import statistics

    import pyarrow as pa
    import pyarrow.parquet as pq

    import wcit_data
    from wcit_data import loading

    blobs = {n: loading.read_verified_bytes(f"{n}.parquet") for n in wcit_data.list_tables()}
    for threads in (True, False):
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            for data in blobs.values():
                pq.ParquetFile(pa.BufferReader(data)).read(use_threads=threads).to_pandas(use_threads=threads)
            times.append(time.perf_counter() - t0)
        print(f"read+convert all {len(blobs)} tables, use_threads={threads}: median {statistics.median(times) * 1000:.1f} ms "
              f"(min {min(times) * 1000:.1f} ms, {repeat} repeats)")
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for name in blobs:
            wcit_data.load(name)
        times.append(time.perf_counter() - t0)
    print(f"wcit_data.load of every table (verified, single-threaded): median {statistics.median(times) * 1000:.1f} ms")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=1000)
    p.add_argument("--parallel", type=int, default=4, help="processes run at a time")
    p.add_argument("--burners", type=int, default=os.cpu_count() or 2, help="CPU-burning processes")
    p.add_argument("--timing", action="store_true", help="measure load time with and without Arrow threads")
    p.add_argument("--repeat", type=int, default=30)
    args = p.parse_args()
    if args.timing:
        timing(args.repeat)
        return 0
    return 1 if stress(args.runs, args.parallel, args.burners) else 0


if __name__ == "__main__":
    sys.exit(main())
