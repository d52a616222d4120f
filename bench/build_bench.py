#!/usr/bin/env python3
"""Build benchmark: cermin on synthetic news corpora of several sizes.

Usage: bench/build_bench.py [--sizes 1000 10000 100000] [--runs 5] [--bin target/release/cermin]
                            [--taxonomies] [--tags-only] [--full-term-feeds] [--content DIR]
                            [--modes cold first cached no-change]

For each size it makes (once) a corpus with bench/gen_corpus.py under
/dev/shm/cermin-bench/N (--taxonomies: N-taxonomies, with gen_corpus.py --taxonomies), or
--tags-only drops the example site.toml's [[taxonomies]], for the cost of taxonomies;
--full-term-feeds gives term feeds full text (`[feeds.terms] content = "full"`), as the Hugo
peer site's tag feeds, where the example site gives them summaries;
with --content DIR takes a copy of the articles in DIR (a content folder kept outside the
repository, or a site folder holding one) instead; gives it the example site's site.toml
and default theme, then times, after one warm-up build each, --runs of (or of --modes):
  - cold: `cermin build --no-cache` into a fresh output folder (everything parsed, rendered
    and written; what a CI build without a cache does);
  - first: `cermin build` with no `.cermin-cache/` yet, into a fresh output folder: cold plus
    writing the build cache (what a user's first build of a site does);
  - cached: `cermin build` into a fresh output folder with the build cache of the last build
    (`.cermin-cache/`) in place: unchanged articles are not parsed, unchanged pages are
    hard-linked from the cache rather than rendered;
  - no-change: `cermin build` again over the existing output folder.
For each it records wall time, CPU time (user+sys) and peak RSS of the cermin process (from
wait4), and the files and bytes written. Prints a Markdown table of medians.
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


from corpus import REPO, copied, corpus  # noqa: E402


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


def without_taxonomies(site_toml: pathlib.Path):
    """Drops every [[taxonomies]] table (to the next other table) from a site.toml."""
    kept, dropping = [], False
    for line in site_toml.read_text().splitlines(keepends=True):
        if line.startswith("["):
            dropping = line.strip() == "[[taxonomies]]"
        if not dropping:
            kept.append(line)
    site_toml.write_text("".join(kept))


def full_term_feeds(site_toml: pathlib.Path):
    """Makes the example site.toml's term feeds carry full text."""
    text = site_toml.read_text()
    summary = '[feeds.terms]\ncontent = "summary"\n'
    if summary not in text:
        raise SystemExit(f"{site_toml}: no `{summary.strip()}` to make full text")
    site_toml.write_text(text.replace(summary, '[feeds.terms]\ncontent = "full"\n'))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "cermin"))
    ap.add_argument("--taxonomies", action="store_true", help="generate with gen_corpus.py --taxonomies")
    ap.add_argument("--content", metavar="DIR", help="benchmark a copy of these articles instead of generated ones")
    ap.add_argument("--tags-only", action="store_true", help="drop the site.toml's [[taxonomies]]: tags alone, as before issue 18")
    ap.add_argument("--full-term-feeds", action="store_true", help="term feeds in full text, as Hugo's tag feeds")
    ap.add_argument("--modes", nargs="+", default=["cold", "first", "cached", "no-change"],
                    choices=["cold", "first", "cached", "no-change"], help="the modes to time")
    args = ap.parse_args()
    if args.content:
        sites = [copied(args.content, "content-" + pathlib.Path(args.content).resolve().name)]
    elif args.taxonomies:
        sites = [corpus(n, options=["--taxonomies"], suffix="-taxonomies") for n in args.sizes]
    else:
        sites = [corpus(n) for n in args.sizes]
    if args.tags_only:
        for site in sites:
            without_taxonomies(site / "site.toml")
    if args.full_term_feeds:
        for site in sites:
            full_term_feeds(site / "site.toml")
    rows = []
    for site in sites:
        n = sum(1 for _ in (site / "content").rglob("*.md"))
        out = site / "public"
        cache = site / ".cermin-cache"
        build = [args.bin, "build", "--root", str(site), "--output", str(out)]
        measured = {}
        modes = (("cold", ["--no-cache"]), ("first", []), ("cached", []), ("no-change", []))
        modes = [(mode, extra) for mode, extra in modes if mode in args.modes]
        for mode, extra in modes:
            runs = []
            for i in range(args.runs + 1):  # the first is the warm-up
                if mode in ("cold", "first"):
                    shutil.rmtree(cache, ignore_errors=True)
                if mode != "no-change":
                    shutil.rmtree(out, ignore_errors=True)
                result = run(build + extra)
                if i > 0:
                    runs.append(result)
            measured[mode] = runs
            print(f"{n} {mode}: {runs[-1][3].strip()}", file=sys.stderr)
        files, size = tree_size(out)
        rows.append((n, measured, files, size))
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    print("| articles | mode | wall (median) | CPU time | peak RSS | files | bytes |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n, measured, files, size in rows:
        for mode, runs in measured.items():
            print(
                f"| {n:,} | {mode} | {med(runs, 0):.2f} s | {med(runs, 1):.2f} s "
                f"| {max(x[2] for x in runs):.0f} MB | {files:,} | {size / 1e6:.1f} MB |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
