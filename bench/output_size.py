#!/usr/bin/env python3
"""Where a site's output bytes go: files and bytes by kind of output, per article.

Usage: bench/output_size.py PUBLIC_DIR [--articles N] [--markdown]

Sorts every file under PUBLIC_DIR (cermin's output, or another generator's such as Hugo's)
into kinds by its path:
  - article pages; home pages (/ and /page/N/);
  - list pages of each taxonomy (/tags/, /tags/<term>/, /tags/<term>/page/N/, the same for
    authors, sources, ...: any top-level folder that is not one of the kinds below);
  - archives: the archive index, year, month and day pages (/YYYY/, /YYYY/MM/, /YYYY/MM/DD/,
    with their /page/N/);
  - feeds by owner (the site, a taxonomy's terms, an archive period) and format (rss.xml and
    Hugo's index.xml are RSS, atom.xml Atom);
  - the search page and its index (search/, search.js, pagefind/), the sitemap, and static and
    other files (CSS, icons, robots.txt, 404.html, images).
An HTML page whose body has cermin's `kind-article` class is an article wherever it lies.
Articles are counted as the article pages unless --articles says otherwise. Prints a table
(--markdown: a Markdown table) of files, bytes, bytes per article and share of the bytes.
Standard library only.
"""

import argparse
import collections
import os
import re
import sys

YEAR = re.compile(r"^\d{4}$")
TWO_DIGITS = re.compile(r"^\d{2}$")
KIND_CLASS = re.compile(rb'<body[^>]*class="[^"]*\bkind-([a-z0-9]+)')
FEED_FORMATS = {"rss.xml": "RSS", "index.xml": "RSS", "atom.xml": "Atom"}


def without_paging(parts):
    """The folders of a page with a trailing page/N/ dropped."""
    if len(parts) >= 2 and parts[-2] == "page" and parts[-1].isdigit():
        return parts[:-2]
    return parts


def period_kind(folders):
    """'year', 'month' or 'day' for a date folder (2024, 2024/03, 2024/03/22), else None."""
    if not folders or not YEAR.match(folders[0]):
        return None
    kinds = {1: "year", 2: "month", 3: "day"}
    if len(folders) in kinds and all(TWO_DIGITS.match(p) for p in folders[1:]):
        return kinds[len(folders)]
    return None


def feed_kind(folders, name):
    owner = folders
    if owner and owner[0] in ("search", "pagefind"):
        return None
    if not owner:
        who = "site"
    elif period_kind(owner):
        who = "archive " + period_kind(owner)
    else:
        who = owner[0]
    return f"feeds: {who} ({FEED_FORMATS[name]})"


def page_kind(folders, head):
    """The kind of an HTML page at site folder `folders` (its index.html)."""
    found = KIND_CLASS.search(head)
    if found and found.group(1) == "article":
        return "article pages"
    listed = without_paging(folders)
    if not listed:
        return "home pages"
    period = period_kind(listed)
    if period:
        return f"archives: {period} pages"
    if YEAR.match(listed[0]):
        return "article pages"
    top = listed[0]
    if top == "archive" and len(listed) == 1:
        return "archives: index page"
    if top in ("search", "pagefind"):
        return "search page and index"
    if found and found.group(1) == "article":
        return "article pages"
    if len(listed) == 1:
        return f"list pages: {top} (index)"
    return f"list pages: {top} (terms)"


def kind_of(rel, path):
    parts = rel.split("/")
    name, folders = parts[-1], parts[:-1]
    if name in FEED_FORMATS:
        kind = feed_kind(folders, name)
        if kind:
            return kind
    if folders and folders[0] in ("search", "pagefind") or name in ("search.js", "search.css"):
        return "search page and index"
    if re.match(r"^sitemap[\w-]*\.xml(\.gz)?$", name) and not folders:
        return "sitemap"
    if name == "index.html":
        with open(path, "rb") as f:
            head = f.read(65536)
        return page_kind(folders, head)
    return "static and other (CSS, icons, robots, 404, images)"


def measure(public):
    kinds = collections.defaultdict(lambda: [0, 0])
    for folder, dirs, names in os.walk(public):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, public).replace(os.sep, "/")
            entry = kinds[kind_of(rel, path)]
            entry[0] += 1
            entry[1] += os.path.getsize(path)
    return kinds


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("public")
    ap.add_argument("--articles", type=int, help="articles in the site (default: article pages)")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    if not os.path.isdir(args.public):
        sys.exit(f"bench/output_size.py: {args.public} is not a folder")
    kinds = measure(args.public)
    articles = args.articles or kinds.get("article pages", [0, 0])[0] or 1
    total_files = sum(f for f, _ in kinds.values())
    total_bytes = sum(b for _, b in kinds.values())
    rows = sorted(kinds.items(), key=lambda kv: (-kv[1][1], kv[0]))
    rows.append(("total", [total_files, total_bytes]))
    header = ("kind", "files", "bytes", "bytes/article", "share")
    lines = []
    for kind, (files, size) in rows:
        lines.append(
            (
                kind,
                f"{files:,}",
                f"{size / 1e6:,.1f} MB",
                f"{size / articles:,.0f}",
                f"{100 * size / max(total_bytes, 1):.1f}%",
            )
        )
    print(f"{args.public}: {articles:,} articles")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|---|---:|---:|---:|---:|")
        for line in lines:
            print("| " + " | ".join(line) + " |")
    else:
        widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
        for r in [header, *lines]:
            print(
                "  ".join(
                    c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))
                )
            )


if __name__ == "__main__":
    main()
