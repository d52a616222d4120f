#!/usr/bin/env python3
"""Writes a known-item relevance set for a generated corpus (bench/gen_corpus.py).

Usage: bench/search_relevance.py CONTENT_DIR OUT.tsv [--count 40]

Takes --count articles spread over the corpus (by file name) and, for each, a query a
reader looking for that article could type, with the article as the one that must come
first: its two to four rarest title words, chosen so that no other title has them all.
The queries take turns at four forms:
  - the words;
  - the words with the last one cut to its first five letters (as typed, prefix matching);
  - two neighbouring title words in quotes (a phrase) and the rarest word;
  - the words and the article's year as a filter (`year:2024`).
Articles with no unique set of up to four title words are skipped. Standard library only.
Then: node bench/search_query.mjs PUBLIC_DIR OUT.tsv (prints the MRR).
"""

import argparse
import collections
import pathlib
import re
import sys
import unicodedata

WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.category(c).startswith("M"))
    return WORD.findall(folded)


def front(path: pathlib.Path) -> dict:
    text = path.read_text(encoding="utf-8")
    head = text.split("\n---", 2)[0]
    fields = {}
    for line in head.splitlines():
        m = re.match(r'^(title|date): "?(.*?)"?$', line)
        if m:
            fields[m.group(1)] = m.group(2).replace('\\"', '"')
    return fields


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("content")
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=40)
    args = ap.parse_args()
    files = sorted(pathlib.Path(args.content).rglob("*.md"))
    titles = {}
    for f in files:
        meta = front(f)
        titles[f] = (meta["title"], meta["date"])
    title_words = {f: set(w for w in words(t) if not w.isdigit()) for f, (t, _) in titles.items()}
    df = collections.Counter(w for ws in title_words.values() for w in ws)
    by_word = collections.defaultdict(set)
    for f, ws in title_words.items():
        for w in ws:
            by_word[w].add(f)
    # Candidates spread over the corpus, many more than needed: most synthetic titles share
    # their words with others.
    step = max(1, len(files) // (args.count * 20))
    rows = []
    for f in files[::step]:
        if len(rows) == args.count:
            break
        title, date = titles[f]
        rare = sorted(title_words[f], key=lambda w: (df[w], w))
        chosen = None
        for k in (2, 3, 4):
            pick = rare[:k]
            if len(pick) < k:
                break
            holders = set.intersection(*(by_word[w] for w in pick))
            if holders == {f}:
                chosen = pick
                break
        if not chosen:
            continue
        # In title order, as a reader would type them.
        order = [w for w in words(title) if w in chosen]
        chosen = list(dict.fromkeys(order))
        year, month, day = date[:4], date[5:7], date[8:10]
        path = f"/{year}/{month}/{day}/{f.stem}/"
        form = len(rows) % 4
        if form == 0:
            query = " ".join(chosen)
        elif form == 1:
            query = " ".join(chosen[:-1] + [chosen[-1][:5]])
        elif form == 2:
            tw = words(title)
            i = tw.index(chosen[0])
            pair = tw[i : i + 2] if i + 1 < len(tw) else tw[i - 1 : i + 1]
            others = [w for w in chosen if w not in pair]
            query = f'"{" ".join(pair)}"' + (" " + " ".join(others) if others else "")
        else:
            query = " ".join(chosen) + f" year:{year}"
        rows.append(f"{query}\t{path}")
    out = pathlib.Path(args.out)
    out.write_text(
        "# Known-item queries over a generated corpus (bench/search_relevance.py)\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(rows)} queries to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
