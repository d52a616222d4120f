#!/usr/bin/env python3
"""Search benchmark: what the search index costs a build, and what a query costs a reader.

Usage: bench/search_bench.py [--sizes 10000 100000] [--runs 3] [--bin target/release/cermin]

For each size it makes (once) the corpus of bench/gen_corpus.py under /dev/shm/cermin-bench/N
with the example site's settings (bench/corpus.py), then, alternating, --runs cold builds
(`cermin build --no-cache` into a fresh output folder) with `[search] enabled = true` and with
it false, recording wall time, CPU time and peak RSS (wait4). Then, on the output with search:
the index's size and file count, the known-item relevance set of bench/search_relevance.py
(MRR) and the bytes each query fetches, and the bytes of a fixed set of two-word queries
(bench/search_relevance/two_words.tsv), both with bench/search_query.mjs (needs node).
With --pagefind BIN (the `pagefind` binary of the npm package: `npm install pagefind` puts it
in node_modules/.bin/), Pagefind also indexes the same output with its defaults, --runs times,
for its time, CPU time and peak RSS, its index's files and size, and the bytes of the same
two-word queries with Pagefind's own browser API (bench/pagefind_query.mjs).
Prints a Markdown table of medians. Standard library only; Linux.
"""

import argparse
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import time

from corpus import REPO, corpus  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent


def run(cmd):
    """Runs cmd; returns (wall s, cpu s, peak RSS MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{proc.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def set_search(site: pathlib.Path, on: bool):
    toml = (site / "site.toml").read_text()
    toml, n = re.subn(r"(?m)^enabled = (true|false)$", f"enabled = {'true' if on else 'false'}", toml)
    if n != 1:
        raise SystemExit("bench/search_bench.py: the example site.toml has no `[search] enabled` line")
    (site / "site.toml").write_text(toml)


def queries(public: pathlib.Path, tsv: pathlib.Path):
    out = subprocess.run(
        ["node", str(HERE / "search_query.mjs"), str(public), str(tsv), "--json"],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out)


def pagefind(public: pathlib.Path, binary: str, runs: int):
    """Pagefind on cermin's output: [(wall, cpu, rss)], index files, index bytes, query bytes."""
    index = public / "pagefind"
    timed = []
    for i in range(runs):
        shutil.rmtree(index, ignore_errors=True)
        timed.append(run([binary, "--site", str(public)]))
        print(f"pagefind run {i + 1}: {timed[-1]}", file=sys.stderr)
    files = [p for p in index.rglob("*") if p.is_file()]
    out = subprocess.run(
        ["node", str(HERE / "pagefind_query.mjs"), str(public),
         str(HERE / "search_relevance" / "two_words.tsv"), "--json"],
        check=True, capture_output=True, text=True,
    ).stdout
    return timed, len(files), sum(p.stat().st_size for p in files), json.loads(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "cermin"))
    ap.add_argument("--pagefind", metavar="BIN", help="also time Pagefind (its binary) on the output")
    args = ap.parse_args()
    peers = []
    rows = []
    for n in args.sizes:
        site = corpus(n)
        out = site / "public"
        timed = {True: [], False: []}
        for i in range(args.runs):
            for on in (True, False):
                set_search(site, on)
                shutil.rmtree(out, ignore_errors=True)
                timed[on].append(run([args.bin, "build", "--root", str(site), "--output", str(out), "--no-cache"]))
                print(f"{n} search={on} run {i + 1}: {timed[on][-1]}", file=sys.stderr)
        set_search(site, True)
        shutil.rmtree(out, ignore_errors=True)
        run([args.bin, "build", "--root", str(site), "--output", str(out), "--no-cache"])
        files = [p for p in (out / "search").rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        relevance = site / "search-relevance.tsv"
        subprocess.run(
            [sys.executable, str(HERE / "search_relevance.py"), str(site / "content"), str(relevance)],
            check=True,
        )
        known = queries(out, relevance)
        two = queries(out, HERE / "search_relevance" / "two_words.tsv")
        rows.append((n, timed, len(files), size, known, two))
        if args.pagefind:
            peers.append((n, *pagefind(out, args.pagefind, args.runs)))
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    print("| articles | search | wall (median) | CPU time | peak RSS |")
    print("|---:|---|---:|---:|---:|")
    for n, timed, *_ in rows:
        for on in (True, False):
            print(f"| {n:,} | {'on' if on else 'off'} | {med(timed[on], 0):.2f} s | {med(timed[on], 1):.2f} s | {max(x[2] for x in timed[on]):.0f} MB |")
    print()
    print("| articles | index files | index size | known-item MRR | KB a known-item query (median / max, gzip) | KB a two-word query (median / max, gzip) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n, _, count, size, known, two in rows:
        kq = [q["gzip"] / 1024 for q in known["queries"]]
        tq = [q["gzip"] / 1024 for q in two["queries"]]
        print(
            f"| {n:,} | {count:,} | {size / 1e6:.1f} MB | {known['mrr']:.3f} "
            f"| {statistics.median(kq):.0f} / {max(kq):.0f} | {statistics.median(tq):.0f} / {max(tq):.0f} |"
        )
    if peers:
        print()
        print("| articles | Pagefind: wall (median) | CPU time | peak RSS | index files | index size | KB a two-word query (median / max; engine apart) |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for n, timed, count, size, two in peers:
            tq = [q["gzip"] / 1024 for q in two["queries"]]
            engine = max(q["engine"] for q in two["queries"]) / 1024
            print(
                f"| {n:,} | {med(timed, 0):.2f} s | {med(timed, 1):.2f} s | {max(x[2] for x in timed):.0f} MB "
                f"| {count:,} | {size / 1e6:.1f} MB | {statistics.median(tq):.0f} / {max(tq):.0f} (+{engine:.0f}) |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
