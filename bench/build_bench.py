#!/usr/bin/env python3
"""Build benchmark: cermin on synthetic news corpora of several sizes.

Usage: bench/build_bench.py [--sizes 1000 10000 100000] [--runs 5] [--bin target/release/cermin]

For each size it makes (once) a corpus with ../shared/bench/gen_corpus.py under
/dev/shm/cermin-bench/N, with the example site's site.toml and default theme, then:
  - a warm-up build, then --runs full builds into a fresh output folder;
  - --runs no-change rebuilds over an existing output folder.
For each it records wall time, CPU time (user+sys) and peak RSS of the cermin process (from
wait4), and the pages and bytes written. Prints a Markdown table of medians.
Standard library only; Linux.
"""

import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time


from corpus import REPO, corpus  # noqa: E402


def run(cmd):
    """Runs cmd; returns (wall s, cpu s, peak RSS MB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def tree_size(path: pathlib.Path):
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "cermin"))
    args = ap.parse_args()
    rows = []
    for n in args.sizes:
        site = corpus(n)
        out = site / "public"
        build = [args.bin, "build", "--root", str(site), "--output", str(out)]
        shutil.rmtree(out, ignore_errors=True)
        run(build)  # warm-up (page cache, first run)
        fresh = []
        for _ in range(args.runs):
            shutil.rmtree(out, ignore_errors=True)
            fresh.append(run(build))
        files, size = tree_size(out)
        again = [run(build) for _ in range(args.runs)]
        med = lambda xs, i: statistics.median(x[i] for x in xs)
        rows.append((n, med(fresh, 0), med(fresh, 1), max(x[2] for x in fresh), med(again, 0), files, size))
        print(f"{n}: {fresh[-1][3].strip()}", file=sys.stderr)
    print("| articles | full build (median) | CPU time | peak RSS | no-change rebuild | files | bytes |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, wall, cpu, rss, again, files, size in rows:
        print(f"| {n:,} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB | {again:.2f} s | {files:,} | {size / 1e6:.1f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
