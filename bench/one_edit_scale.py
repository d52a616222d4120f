#!/usr/bin/env python3
"""One-edit cached rebuilds of a big corpus by two binaries, taking turns round by round:
the figure of issue 20 item 1 ("a rebuild after one article changes (cached)").

Usage: bench/one_edit_scale.py SITE_A BIN_A SITE_B BIN_B [--runs 4] [--arg ARG]...

One site per binary (a corpus of bench/gen_corpus.py with a site.toml and themes/; SITE_B may
be `cp -al SITE_A SITE_B` made before either was built: the edit replaces the article by
rename, so the copies never share it). Each is built once with
its own binary first (its cache is that binary's), untimed. Then each round, for A and then
B: a line is appended to the first article of content/2023/01/ (by sorted path), 2.1 s of
sleep (a file changed in the last two seconds is read whatever its stamp), and a timed cached
build (`/usr/bin/time`, `CERMIN_TIMINGS=1`, output in the site's public/). --arg passes an
argument to both builds (`--arg=--verify-output`). Prints each run and a Markdown table of
medians: wall, user, system, CPU (user + system), peak RSS, with the load average seen before
each run. The edited articles are restored at the end. Standard library only.
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument("site_a", type=pathlib.Path)
parser.add_argument("bin_a")
parser.add_argument("site_b", type=pathlib.Path)
parser.add_argument("bin_b")
parser.add_argument("--runs", type=int, default=4)
parser.add_argument("--arg", action="append", default=[])
args = parser.parse_args()
sites = {"a": args.site_a, "b": args.site_b}
bins = {"a": args.bin_a, "b": args.bin_b}


def build(key: str, timed: bool) -> dict:
    site = sites[key]
    with tempfile.NamedTemporaryFile("r") as out:
        cmd = ["/usr/bin/time", "-o", out.name, "-f", "%e %U %S %M",
               bins[key], "build", "--root", str(site), "--output", str(site / "public"), *args.arg]
        env = dict(os.environ, CERMIN_TIMINGS="1") if timed else os.environ
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise SystemExit(f"{bins[key]} failed:\n{done.stderr}")
        wall, user, system, rss = out.read().split()[-4:]
    phases = [line for line in done.stderr.splitlines() if line.startswith("timing build:")]
    return {"wall": float(wall), "user": float(user), "sys": float(system),
            "cpu": float(user) + float(system), "rss": int(rss) / 1024, "phases": phases}


def replace(path: pathlib.Path, text: str) -> None:
    tmp = path.with_name(".edit.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


edited = {k: sorted((s / "content/2023/01").glob("*.md"))[0] for k, s in sites.items()}
original = {k: e.read_text() for k, e in edited.items()}
runs = {k: [] for k in sites}
try:
    for key in sites:
        build(key, False)
    for i in range(args.runs):
        for key in sites:
            replace(edited[key], original[key] + f"\nKalimat tambahan nomor {i + 1}.\n")
            time.sleep(2.1)
            load = os.getloadavg()[0]
            run = build(key, True)
            run["load"] = load
            runs[key].append(run)
            print(f"{key} {i + 1}: wall {run['wall']:.2f} s, user {run['user']:.2f} s, "
                  f"sys {run['sys']:.2f} s, CPU {run['cpu']:.2f} s, {run['rss']:.0f} MB, "
                  f"load {load:.1f}", flush=True)
            for line in run["phases"]:
                print("   ", line, flush=True)
finally:
    for key, path in edited.items():
        replace(path, original[key])

print("\n| binary | runs | wall (median) | user (median) | system (median) | CPU (median) | peak RSS (median) | load |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
for key in sites:
    rs = runs[key]

    def span(field: str, fmt: str) -> str:
        values = [r[field] for r in rs]
        return f"{min(values):{fmt}}–{max(values):{fmt}} ({statistics.median(values):{fmt}})"

    loads = [r["load"] for r in rs]
    print(f"| {bins[key]} | {len(rs)} | {span('wall', '.2f')} s | {span('user', '.2f')} s | "
          f"{span('sys', '.2f')} s | {span('cpu', '.2f')} s | {span('rss', '.0f')} MB | "
          f"{min(loads):.1f}–{max(loads):.1f} |")
