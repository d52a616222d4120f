#!/usr/bin/env python3
"""One-edit cached rebuilds of the image benchmark's sites by two binaries, interleaved
build by build (A with, B with, A without, B without) so both see the same machine load.

Usage: bench/one_edit_interleaved.py BIN_A BIN_B RUNS

A new binary's first build renders everything (its caches are another program's), so the
two binaries cannot take turns on one site: each gets its own copy of bench/image_bench.py's
two sites, hard-linked (`cp -al`, made here once) under /var/tmp/i17-bench/{main,mine}-*.
Edits replace the edited article (rename), never write into it: the copies share their
files with the bench sites. Prints medians (and minimums) of `perf stat -e task-clock`.
I17_BENCH (default /var/tmp/i17-bench) names another folder for the copies, and
CERMIN_BENCH_DIR another home of the bench sites (as for bench/image_bench.py).
Needs linux-perf. Standard library only.
"""
import os, pathlib, statistics, subprocess, sys, time
base = pathlib.Path(os.environ.get("I17_BENCH", "/var/tmp/i17-bench"))
sites = (pathlib.Path(os.environ.get("CERMIN_BENCH_DIR", "/dev/shm/cermin-bench")) / "images-1000").resolve()
bins = {"main": sys.argv[1], "mine": sys.argv[2]}
runs = int(sys.argv[3])
base.mkdir(parents=True, exist_ok=True)
for b in bins:
    for s in ("with", "without"):
        if not (base / f"{b}-{s}").exists():
            subprocess.run(["cp", "-al", str(sites / s), str(base / f"{b}-{s}")], check=True)
def build(b, site):
    cmd = ["perf", "stat", "-x,", "-e", "task-clock", bins[b], "build", "--root", str(site), "--output", str(site / "public")]
    d = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return next(float(l.split(",")[0]) for l in d.stderr.splitlines() if "task-clock" in l)
cells = [(b, s) for s in ("with", "without") for b in ("main", "mine")]
edited = {c: sorted((base / f"{c[0]}-{c[1]}" / "content").rglob("index.md"))[0] for c in cells}
original = {c: e.read_text() for c, e in edited.items()}
def write(path, text):
    tmp = path.with_name(".edit.tmp"); tmp.write_text(text); os.replace(tmp, path)
ms = {c: [] for c in cells}
try:
    for c in cells:
        build(c[0], base / f"{c[0]}-{c[1]}"); time.sleep(2.5); build(c[0], base / f"{c[0]}-{c[1]}")
    for i in range(runs):
        for c in cells:
            write(edited[c], original[c] + f"\nKalimat tambahan nomor {i + 1}.\n")
            ms[c].append(build(c[0], base / f"{c[0]}-{c[1]}"))
finally:
    for c, e in edited.items():
        write(e, original[c])
for b in ("main", "mine"):
    w, wo = statistics.median(ms[(b, "with")]), statistics.median(ms[(b, "without")])
    print(f"{b}: with {w:.1f} ms, without {wo:.1f} ms, ratio {w/wo:.2f}; min with {min(ms[(b,'with')]):.1f}, min without {min(ms[(b,'without')]):.1f}")
