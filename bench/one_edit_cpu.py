#!/usr/bin/env python3
"""CPU time (`perf stat -e task-clock`) of one-edit cached rebuilds of the image benchmark's
sites, with photos and without, alternated: the figure of issue 17 item 7 on a loaded machine.

Usage: bench/one_edit_cpu.py BIN [BIN ...] [--runs 9]

For each binary in turn: two untimed builds of each site (a new binary's first build renders
everything: its caches are another program's), then RUNS rounds of (change one article of the
site with photos, build it; the same for the site without), each build under `perf stat`.
Prints the medians and their ratio per binary. The sites are bench/image_bench.py's
(/dev/shm/cermin-bench/images-1000/{with,without}); the edited article is restored at the end.
Needs linux-perf. Standard library only.
"""
import pathlib
import statistics
import subprocess
import sys
import time

args = sys.argv[1:]
runs = 9
if "--runs" in args:
    at = args.index("--runs")
    runs = int(args[at + 1])
    del args[at:at + 2]
base = pathlib.Path("/dev/shm/cermin-bench/images-1000")
sites = {"with": base / "with", "without": base / "without"}


def build(binary: str, site: pathlib.Path) -> float:
    cmd = ["perf", "stat", "-x,", "-e", "task-clock",
           binary, "build", "--root", str(site), "--output", str(site / "public")]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return next(float(line.split(",")[0]) for line in done.stderr.splitlines() if "task-clock" in line)


edited = {k: sorted((s / "content").rglob("index.md"))[0] for k, s in sites.items()}
original = {k: e.read_text() for k, e in edited.items()}
try:
    for binary in args:
        for site in sites.values():
            build(binary, site)
            time.sleep(3)
            build(binary, site)
        ms = {k: [] for k in sites}
        for i in range(runs):
            for k, site in sites.items():
                edited[k].write_text(original[k] + f"\nKalimat tambahan nomor {i + 1}.\n")
                ms[k].append(build(binary, site))
        w, wo = statistics.median(ms["with"]), statistics.median(ms["without"])
        print(f"{binary}: with photos {w:.1f} ms, without {wo:.1f} ms, ratio {w / wo:.2f} "
              f"(with: {[round(x) for x in ms['with']]}, without: {[round(x) for x in ms['without']]})")
finally:
    for k, e in edited.items():
        e.write_text(original[k])
