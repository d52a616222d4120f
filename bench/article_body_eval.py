#!/usr/bin/env python3
"""Body F1 of `cermin import` on the article extraction benchmark (4-word shingles).

Usage: bench/article_body_eval.py [FOLDER] [--bin target/release/cermin]
                                  [--half studied|held-out|all] [--worst N] [--page KEY]

FOLDER is a checkout of https://github.com/scrapinghub/article-extraction-benchmark (181 real
article pages from as many sites, saved as `html/<key>.html.gz`, and `ground-truth.json` with
each page's article body written out by hand); default `$ARTICLE_BENCHMARK`. Nothing of it is
copied into this repository. This is the metric issue 15 is judged by: a page's text and its
truth are cut into 4-word shingles (`\\w+` tokens), true / false positives and false negatives
are counted per page and normalized so that long pages do not weigh more, precision and recall
are the means over pages, and F1 is made from those means, as the benchmark's `evaluate.py`
does. The benchmark's README lists other extractors' figures on the same pages
(trafilatura 2.0.0: F1 0.958; readability.js 0.947; dom_smoothie, the crate cermin builds on:
0.865).

Every page is imported in one `cermin import --dry-run --format json` run; the body is turned
into the text a reader sees as bench/extraction_eval.py does; a refused page scores nothing.

The pages are split by the same hash as extraction_eval.py: the `studied` half may be looked
at (`--worst` and `--page` only show it); the `held-out` half is only measured, never listed,
so that one figure stays on pages nobody tuned on. Standard library only.
"""

import argparse
import collections
import json
import os
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from extraction_eval import REPO, half_of, import_files, reader_text  # noqa: E402

TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> collections.Counter:
    tokens = TOKEN.findall(text or "")
    return collections.Counter(
        tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_counts(truth: str, found: str) -> tuple:
    """(tp, fp, fn) of one page, normalized to sum to 1."""
    want, got = shingles(truth), shingles(found)
    tp = fp = fn = 0
    for key in want.keys() | got.keys():
        w, g = want.get(key, 0), got.get(key, 0)
        tp += min(w, g)
        fp += max(0, g - w)
        fn += max(0, w - g)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_of(tp, fp, fn) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall_of(tp, fp, fn) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(counts: list) -> tuple:
    """(precision, recall, F1) as the benchmark makes them: means over pages."""
    ps = [precision_of(*c) for c in counts if c[0] + c[1] > 0]
    rs = [recall_of(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def group_of(key: str) -> str:
    return "studied" if half_of(key) == "dev" else "held-out"


def run_import(binary: str, folder: pathlib.Path, keys: list) -> tuple:
    """Imports every page in one run; returns ({key: report}, seconds)."""
    reports, seconds = import_files(binary, [folder / "html" / f"{key}.html.gz" for key in keys])
    return {name.split(".")[0]: r for name, r in reports.items()}, seconds


def body_of(report: dict):
    """The reader's text of an imported page, or None when it was refused."""
    article = report.get("article")
    if not article:
        return None
    return reader_text(article.get("body", ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default=os.environ.get("ARTICLE_BENCHMARK"))
    parser.add_argument("--bin", default=str(REPO / "target/release/cermin"))
    parser.add_argument("--half", default="studied", choices=["studied", "held-out", "all"])
    parser.add_argument("--worst", type=int, default=0,
                        help="list the N studied pages with the lowest F1")
    parser.add_argument("--page", help="print one studied page's truth and text")
    args = parser.parse_args()
    if not args.folder:
        sys.exit("name the benchmark's folder (a checkout of "
                 "github.com/scrapinghub/article-extraction-benchmark) or set ARTICLE_BENCHMARK")
    folder = pathlib.Path(args.folder)
    truth = json.loads((folder / "ground-truth.json").read_text())

    if args.page:
        if args.page not in truth:
            sys.exit(f"no page {args.page} in {folder / 'ground-truth.json'}")
        if group_of(args.page) != "studied":
            sys.exit(f"{args.page} is a held-out page: it is measured, never shown")
        reports, _ = run_import(args.bin, folder, [args.page])
        print("URL:", truth[args.page].get("url"))
        print("TRUTH:\n" + truth[args.page]["articleBody"])
        print("\nCERMIN:\n" + str(body_of(reports[args.page])))
        return 0

    groups = ["studied", "held-out"] if args.half == "all" else [args.half]
    keys = sorted(k for k in truth if group_of(k) in groups)
    reports, seconds = run_import(args.bin, folder, keys)
    per_page = {}
    refused = collections.Counter()
    for key in keys:
        report = reports.get(key, {})
        body = body_of(report)
        if body is None:
            refused[group_of(key)] += 1
        per_page[key] = page_counts(truth[key].get("articleBody", ""), body or "")

    for group in groups + (["all"] if len(groups) > 1 else []):
        counts = [c for k, c in per_page.items() if group == "all" or group_of(k) == group]
        p, r, f1 = scores(counts)
        n_refused = sum(refused.values()) if group == "all" else refused[group]
        print(f"{group:<9} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  "
              f"({len(counts)} pages, {n_refused} refused)")
    print(f"{len(keys) / seconds:.0f} pages/s ({seconds:.2f} s)")

    if args.worst:
        studied = [k for k in per_page if group_of(k) == "studied"]
        for key in sorted(studied, key=lambda k: scores([per_page[k]])[2])[:args.worst]:
            p, r, f1 = scores([per_page[key]])
            print(f"{f1:.3f}  P {p:.3f}  R {r:.3f}  {key}  {truth[key].get('url')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
