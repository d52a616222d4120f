#!/usr/bin/env python3
"""Import speed: pages per second of `cermin import` on a folder of HTML pages.

Usage: bench/import_bench.py [--pages 2000] [--runs 5] [--bin target/release/cermin]

Makes a folder of --pages HTML pages from the golden test pages (tests/import_golden/html),
each grown to a realistic ~100 KB with a big menu and inline scripts and given its own headline
and canonical URL, then times `cermin import --dry-run` over the folder (extraction of every
page, no writing) and prints the median pages per second. Standard library only.
"""

import argparse
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "import_golden" / "html"
WORK = pathlib.Path("/dev/shm/cermin-bench/import")


def padding() -> str:
    menu = "".join(f'<li class="menu-item"><a href="/kanal/{i}">Kanal nomor {i}</a></li>' for i in range(400))
    items = ",".join(f'{{"id":{i},"title":"Judul berita nomor {i}","url":"/news/{i}"}}' for i in range(700))
    return f'<div class="mega-menu"><ul>{menu}</ul></div><script>window.__STATE__={{"items":[{items}]}};</script>'


def make_pages(n: int) -> pathlib.Path:
    out = WORK / f"pages-{n}"
    if out.is_dir() and len(list(out.glob("*.html"))) == n:
        return out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    sources = [p for p in sorted(GOLDEN.glob("*.html")) if (GOLDEN / f"{p.stem}.expected.md").exists()]
    pad = padding()
    for i in range(n):
        src = sources[i % len(sources)].read_bytes().decode("utf-8", errors="replace")
        page = src.replace("</body>", pad + "</body>", 1).replace("<title>", f"<title>Nomor {i} ", 1)
        (out / f"page-{i:05}.html").write_text(page)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "cermin"))
    args = ap.parse_args()
    pages = make_pages(args.pages)
    site = WORK / "site"
    site.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site.toml", site / "site.toml")
    (site / "content").mkdir(exist_ok=True)
    rates = []
    for _ in range(args.runs):
        start = time.perf_counter()
        proc = subprocess.run([args.bin, "import", "--dry-run", "--root", str(site), str(pages)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
        rates.append(args.pages / elapsed)
    size = sum(p.stat().st_size for p in pages.glob("*.html")) / args.pages / 1024
    print(last)
    print(f"{args.pages} pages of ~{size:.0f} KB: median {statistics.median(rates):.0f} pages/s "
          f"(min {min(rates):.0f}, max {max(rates):.0f}) over {args.runs} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
