#!/usr/bin/env python3
"""Writes a sample of two-word queries from a generated corpus's titles, for the bytes a
typical two-word query fetches (bench/search_query.mjs), beside the fixed hand-picked set of
bench/search_relevance/two_words.tsv.

Usage: bench/search_two_words.py CONTENT_DIR OUT.tsv [--count 200] [--seed 19]

Takes --count articles at random (seeded: the same corpus gives the same queries) and from
each title two neighbouring words of at least three letters, as a reader who remembers a
headline types them. No article is expected first (`-`): the set measures bytes, not rank.
Standard library only. Then: node bench/search_query.mjs PUBLIC_DIR OUT.tsv
"""

import argparse
import pathlib
import random
import sys

from search_relevance import front, words


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("content")
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    files = sorted(pathlib.Path(args.content).rglob("*.md"))
    rng = random.Random(args.seed)
    queries = []
    for f in rng.sample(files, min(args.count, len(files))):
        ws = words(front(f)["title"])
        pairs = [(a, b) for a, b in zip(ws, ws[1:]) if len(a) >= 3 and len(b) >= 3 and not (a.isdigit() or b.isdigit())]
        if pairs:
            a, b = rng.choice(pairs)
            queries.append(f"{a} {b}\t-\n")
    pathlib.Path(args.out).write_text(
        "# Two neighbouring title words of random articles (bench/search_two_words.py).\n" + "".join(queries)
    )
    print(f"wrote {len(queries)} queries to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
