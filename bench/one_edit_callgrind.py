#!/usr/bin/env python3
"""Instructions (valgrind's callgrind, user space) of one-edit cached rebuilds of the image
benchmark's two sites, by one or more binaries: steadier than time on a loaded machine.

Usage: bench/one_edit_callgrind.py LABEL=BIN [LABEL=BIN ...]

Each binary gets its own hard-linked copy (`cp -al`) of bench/image_bench.py's sites under
I17_CG (default /var/tmp/i17-cg)/LABEL-{with,without}; CERMIN_BENCH_DIR names the home of
the bench sites as for bench/image_bench.py. Per site: two warm-up builds (a new binary's
first build renders everything; the second looks at the folders the first just changed),
then two measured builds, each after an edit of the first article (replaced, never written
into: the copies share their files). The second measured build is the figure (the first
comes right after a build and looks at its just-changed folders file by file). Keeps each
profile (`LABEL-SITE.callgrind`) for callgrind_annotate. Standard library only; Linux.
"""
import os, pathlib, re, subprocess, sys, time

base = pathlib.Path(os.environ.get("I17_CG", "/var/tmp/i17-cg"))
sites = (pathlib.Path(os.environ.get("CERMIN_BENCH_DIR", "/dev/shm/cermin-bench")) / "images-1000").resolve()
bins = dict(arg.split("=", 1) for arg in sys.argv[1:])
base.mkdir(parents=True, exist_ok=True)


def write(path, text):
    tmp = path.with_name(".edit.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def instructions(profile):
    for line in profile.read_text().splitlines():
        if line.startswith("summary:") or line.startswith("totals:"):
            return int(line.split()[1])
    raise SystemExit(f"{profile}: no totals")


results = {}
for label, binary in bins.items():
    for s in ("with", "without"):
        site = base / f"{label}-{s}"
        if not site.exists():
            subprocess.run(["cp", "-al", str(sites / s), str(site)], check=True)
        build = [binary, "build", "--root", str(site), "--output", str(site / "public")]
        edited = sorted((site / "content").rglob("index.md"))[0]
        original = edited.read_text()
        try:
            for _ in range(2):
                subprocess.run(build, check=True, capture_output=True)
                time.sleep(2.5)
            counts = []
            for i in range(2):
                write(edited, original + f"\nKalimat tambahan nomor {i + 1}.\n")
                profile = base / f"{label}-{s}.callgrind"
                subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}"] + build,
                               check=True, capture_output=True)
                counts.append(instructions(profile))
                time.sleep(2.5)
        finally:
            write(edited, original)
        results[(label, s)] = counts
        print(f"{label} {s}: {', '.join(f'{c / 1e6:.1f}M' for c in counts)}", flush=True)
for label in bins:
    w, wo = results[(label, "with")][-1], results[(label, "without")][-1]
    print(f"{label}: with {w / 1e6:.1f}M, without {wo / 1e6:.1f}M, extra {(w - wo) / 1e6:+.1f}M, ratio {w / wo:.3f}")
