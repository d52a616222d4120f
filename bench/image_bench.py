#!/usr/bin/env python3
"""Image benchmark: a 1,000-article site where every article is a page bundle with one
2–4 megapixel photo as its lead image, against the same site without the photos.

Usage: bench/image_bench.py [--articles 1000] [--runs 3] [--bin target/release/cermin]
                            [--photo-bin target/release/examples/photo]
                            [--modes first,cached,no-change,one-edit]

Makes (once) under /dev/shm/cermin-bench/:
  - images-N/photos/: N deterministic JPEG photos (sky, sun, hills, film grain) of 2–4
    megapixels, by `cargo run --release --example photo -- --many DIR N`;
  - images-N/with/: the generated N-article corpus (bench/gen_corpus.py), every article
    moved to a bundle `slug/index.md` with `image: foto.jpg` and its photo beside it;
  - images-N/without/: the same bundles with neither the photo nor the `image:` line.
Then times, for each site:
  - first: `cermin build` with no `.cermin-cache/` (for the photos: every variant encoded),
    into a fresh output folder; one run (it is long);
  - cached: `cermin build` into a fresh output folder with the cache of the last build;
  - no-change: `cermin build` again over the existing output folder;
  - one-edit: one article's text changed, then `cermin build` over the existing output
    folder with the cache (the everyday rebuild; the article is restored afterwards);
recording wall time, CPU time and peak RSS (wait4) and the output's files and bytes, and
prints a Markdown table of medians with the cached rebuild's ratio to the site without photos.
Without `first` in --modes the caches are kept (the image cache too: no photo is encoded) and
two builds a few seconds apart, not timed, come first, so a new binary's first render (its
caches are another program's) and the output folders' settling are not measured.
Standard library only; Linux.
"""

import argparse
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from build_bench import run, tree_size  # noqa: E402
from corpus import REPO, WORK, corpus  # noqa: E402


def photos(n: int, photo_bin: str) -> pathlib.Path:
    folder = WORK / f"images-{n}" / "photos"
    if len(list(folder.glob("photo-*.jpg"))) != n:
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([photo_bin, "--many", str(folder), str(n)], check=True)
    return folder


def bundled(n: int, name: str, photo_dir: pathlib.Path | None) -> pathlib.Path:
    """A copy of the N-article corpus with every article as a bundle (with a photo or not)."""
    source = corpus(n)
    site = WORK / f"images-{n}" / name
    stamp = site / ".bundled"
    if stamp.is_file():
        return site
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(source, site, ignore=shutil.ignore_patterns("public", ".cermin-cache", "content"))
    articles = sorted((source / "content").rglob("*.md"))
    for i, md in enumerate(articles):
        rel = md.relative_to(source / "content")
        folder = site / "content" / rel.with_suffix("")
        folder.mkdir(parents=True)
        text = md.read_text()
        if photo_dir is not None:
            # The photo as lead image: a line added to the front matter (YAML or TOML).
            if text.startswith("+++"):
                text = text.replace("\n", '\nimage = "foto.jpg"\n', 1)
            else:
                text = text.replace("\n", "\nimage: foto.jpg\n", 1)
            shutil.copyfile(photo_dir / f"photo-{i % 100000 + 1:04}.jpg", folder / "foto.jpg")
        (folder / "index.md").write_text(text)
    stamp.write_text("ok\n")
    return site


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "cermin"))
    ap.add_argument("--photo-bin", default=str(REPO / "target" / "release" / "examples" / "photo"))
    ap.add_argument("--modes", default="first,cached,no-change,one-edit")
    args = ap.parse_args()
    modes = args.modes.split(",")
    photo_dir = photos(args.articles, args.photo_bin)
    sites = [("without photos", bundled(args.articles, "without", None)),
             ("with photos", bundled(args.articles, "with", photo_dir))]
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    rows = []
    for label, site in sites:
        out, cache = site / "public", site / ".cermin-cache"
        build = [args.bin, "build", "--root", str(site), "--output", str(out)]
        measured = {}
        edited = sorted((site / "content").rglob("index.md"))[0]
        original = edited.read_text()
        if "first" not in modes:
            run(build)
            time.sleep(3)
            run(build)
        for mode in modes:
            runs = []
            count = 1 if mode == "first" else args.runs
            for i in range(count):
                if mode == "first":
                    shutil.rmtree(cache, ignore_errors=True)
                if mode in ("first", "cached"):
                    shutil.rmtree(out, ignore_errors=True)
                if mode == "one-edit":
                    edited.write_text(original + f"\nKalimat tambahan nomor {i + 1}.\n")
                runs.append(run(build))
            edited.write_text(original)
            measured[mode] = runs
            print(f"{label} {mode}: {runs[-1][3].strip()}", file=sys.stderr)
        files, size = tree_size(out)
        cache_files, cache_size = tree_size(cache / "images") if (cache / "images").is_dir() else (0, 0)
        rows.append((label, measured, files, size, cache_size))
    base = {mode: med(runs, 0) for mode, runs in rows[0][1].items()}
    base_cpu = {mode: med(runs, 1) for mode, runs in rows[0][1].items()}
    print(f"| {args.articles:,} articles | mode | wall (median) | vs. without photos | CPU time | CPU vs. without | peak RSS | files | bytes | image cache |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, measured, files, size, cache_size in rows:
        for mode, runs in measured.items():
            wall, cpu = med(runs, 0), med(runs, 1)
            print(
                f"| {label} | {mode} | {wall:.3f} s | {wall / base[mode]:.2f}× | {cpu:.3f} s | {cpu / base_cpu[mode]:.2f}× "
                f"| {max(x[2] for x in runs):.0f} MB | {files:,} | {size / 1e6:.1f} MB | {cache_size / 1e6:.1f} MB |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
