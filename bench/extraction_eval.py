#!/usr/bin/env python3
"""Article extraction quality of `cermin import` on the extraction-dev pages.

Usage: bench/extraction_eval.py [FOLDER] [--bin target/release/cermin]
                                [--half dev|held-out|held-out-a|held-out-b|all]
                                [--show-misses N] [--worst N] [--from dev|held-out-a|studied]
                                [--page FILE] [--alone BIN [--compare N]] [--self-test]
                                [--extractor cermin|trafilatura] [--trafilatura-python PY]
                                [--trafilatura-wins N]

FOLDER (default ../shared/extraction-dev, relative to the repository) holds `pages/` and
`annotations.json` (see its README.md). Every page is imported in one `cermin import --dry-run
--format json` run over a folder of links to the pages (nothing is copied into the repository);
the body of each extracted article is turned into the text a reader sees (Markdown syntax and
link targets removed, whitespace collapsed) and scored as that evaluation does: a `with` snippet
found is a true positive, missing a false negative; a `without` snippet found a false positive,
absent a true negative. A page that is refused counts all its `with` snippets as missed.

The pages are split by a hash of their key into a dev half (looked at while tuning) and a
held-out half. Since round 5 a second, fixed hash splits the held-out half again: held-out-a
(may be studied: its misses can be listed) and held-out-b (only measured, never listed, so that
one figure stays on pages nobody tuned on). Figures are printed for every group and for all.
`--worst`, `--show-misses` and `--page` only ever show dev or held-out-a pages. Standard library
only.

With `--alone target/release/examples/readability_alone` (`cargo build --release --locked
--example readability_alone`), the readability crate cermin builds on is also scored alone, with
its default settings, on the same pages; `--compare N` then lists the N dev-half pages where
`cermin import` finds fewer right snippets than the crate alone (most lost first), and counts the
dev pages where both miss.

With `--extractor trafilatura`, trafilatura's `extract()` (default settings, plain text, the
page's URL given) is scored instead of cermin, on the same pages with the same metric; it runs
in the Python named by `--trafilatura-python` (default `$TRAFILATURA_PYTHON`, else `python3`),
which must have the `trafilatura` package (`python3 -m venv VENV && VENV/bin/pip install
trafilatura lxml_html_clean`). cermin is not run then, so `--half all` is allowed: held-out-b
appears only in the aggregate lines, as for cermin. `--trafilatura-wins N` (with cermin, on
dev or held-out-a) also runs trafilatura and lists N studied pages where it finds a `with`
snippet cermin misses or avoids a `without` snippet cermin leaks (most snippets first).
"""

import argparse
import collections
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent


def half_of(key: str) -> str:
    """The deterministic split: the first byte of the key's SHA-256, even or odd."""
    return "dev" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "held-out"


def group_of(key: str) -> str:
    """dev, held-out-a or held-out-b: the held-out half split again by the first byte of a
    second hash (SHA-256 of "held-out split/" and the key), even or odd."""
    if half_of(key) == "dev":
        return "dev"
    second = hashlib.sha256(("held-out split/" + key).encode()).digest()[0]
    return "held-out-a" if second % 2 == 0 else "held-out-b"


GROUPS = ("dev", "held-out-a", "held-out-b", "held-out", "all")
STUDIED = ("dev", "held-out-a")


def in_group(key: str, group: str) -> bool:
    return group == "all" or group in (half_of(key), group_of(key))


# ---------------------------------------------------------------------------------------
# Markdown to the text a reader sees

ESCAPED = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
IMAGE = re.compile(r"!\[([^\]]*)\]\((?:<[^>]*>|(?:[^()\s]|\([^()]*\))*)(?:\s+\"[^\"]*\")?\)")
LINK = re.compile(r"\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]\((?:<[^>]*>|(?:[^()\s]|\([^()]*\))*)(?:\s+\"[^\"]*\")?\)")
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
EMPHASIS = re.compile(r"(?<![\\\w])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
CODE = re.compile(r"(`+)(.+?)\1")
BLOCK_PREFIX = re.compile(r"^\s{0,3}(?:>\s?)*\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+)?")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|nbsp|apos);")


def _entity(m: re.Match) -> str:
    name = m.group(1)
    named = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "nbsp": " ", "apos": "'"}
    if name in named:
        return named[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    return chr(code)


def inline_text(line: str) -> str:
    """A line's inline Markdown as text: images go, links keep their text, emphasis and code
    marks go, escapes are undone."""
    # Escaped characters are set aside first so that `\*` or `\[` is never read as syntax.
    kept: list = []

    def hide(m: re.Match) -> str:
        kept.append(m.group(1))
        return f"\x00{len(kept) - 1}\x00"

    line = ESCAPED.sub(hide, line)
    line = CODE.sub(lambda m: m.group(2).strip(), line)
    line = IMAGE.sub("", line)
    for _ in range(3):  # links inside links' text (an image link) unwrap in a few passes
        line = LINK.sub(lambda m: m.group(1), line)
    line = AUTOLINK.sub(lambda m: m.group(1), line)
    for _ in range(3):
        line = EMPHASIS.sub(lambda m: m.group(2), line)
    line = re.sub(r"<br\s*/?>", " ", line)
    line = ENTITY.sub(_entity, line)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], line)


def reader_text(markdown: str) -> str:
    """The body as a reader sees it, whitespace collapsed."""
    out = []
    fenced = False
    for raw in markdown.splitlines():
        if re.match(r"^\s{0,3}(```|~~~)", raw):
            fenced = not fenced
            continue
        if fenced:
            out.append(raw)
            continue
        if TABLE_RULE.match(raw) and "-" in raw and ("|" in raw or raw.strip().startswith(":")):
            continue
        if THEMATIC_BREAK.match(raw):
            continue
        line = BLOCK_PREFIX.sub("", raw, count=1)
        if line.strip().startswith("|"):  # a table row: its cells, apart
            line = " ".join(c.strip() for c in line.strip().strip("|").split("|"))
        line = line.rstrip("\\")  # a hard line break
        out.append(inline_text(line))
    return visible(" ".join(" ".join(out).split()))


def visible(text: str) -> str:
    """Text without soft hyphens: invisible to a reader, and in some snippets and not in
    others, so both sides are compared without them."""
    return text.replace("\u00ad", "")


def self_test() -> None:
    cases = [
        ("# Title\n\nSome **bold** and *em* text.", "Title Some bold and em text."),
        ("A [link](https://x.org/a_(b)) here.", "A link here."),
        ("![photo](https://x.org/p.jpg)\n\n*Caption here*", "Caption here"),
        ("- one\n- two\n1. three\n2) four", "one two three four"),
        ("> quoted\n> line", "quoted line"),
        ("Price is 5 \\* 3 \\[sic\\] and a\\_b", "Price is 5 * 3 [sic] and a_b"),
        ("| a | b |\n| --- | --- |\n| 1 | 2 |", "a b 1 2"),
        ("snake_case_name and 2*3*4", "snake_case_name and 2*3*4"),
        ("Line one\\\nline two", "Line one line two"),
        ("[![img](i.png)](https://x.org)", ""),
        ("[![A (b) c.](<https://x.org/a b.jpg>)](<https://x.org/a b.jpg>) Text", "Text"),
        ("Use `code` and <https://x.org>", "Use code and https://x.org"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("---\n\n\\# not a heading\n\n1\\. not a list", "# not a heading 1. not a list"),
        ("[a [nested] link](/u \"title\")", "a [nested] link"),
    ]
    bad = 0
    for md, want in cases:
        got = reader_text(md)
        if got != want:
            bad += 1
            print(f"FAIL {md!r}: {got!r} != {want!r}")
    print(f"self-test: {len(cases) - bad} of {len(cases)} cases right")
    if bad:
        sys.exit(1)


# ---------------------------------------------------------------------------------------
# Running the importer and scoring


def run_import(binary: str, folder: pathlib.Path, entries: dict) -> tuple:
    """Imports every page in one run; returns ({file: report}, seconds)."""
    return import_files(binary, [folder / "pages" / e["file"] for e in entries.values()])


def import_files(binary: str, files: list) -> tuple:
    """`cermin import --dry-run --format json` of `files` (linked into a scratch folder, with a
    scratch site) in one run; returns ({file name: report}, seconds)."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="cermin-eval-"))
    try:
        pages = work / "pages"
        pages.mkdir()
        for file in files:
            os.symlink(file, pages / file.name)
        site = work / "site"
        (site / "content").mkdir(parents=True)
        (site / "site.toml").write_text('title = "Eval"\nbase_url = "https://example.org/"\n')
        start = time.perf_counter()
        proc = subprocess.run(
            [binary, "import", "--dry-run", "--format", "json", "--root", str(site), str(pages)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        if not proc.stdout.strip():
            sys.exit(f"cermin import printed nothing: {proc.stderr}")
        reports = {}
        for line in proc.stdout.split("\n"):
            if not line:
                continue
            r = json.loads(line)
            reports[pathlib.Path(r["input"]).name] = r
        return reports, seconds
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_alone(binary: str, folder: pathlib.Path, entries: dict) -> dict:
    """The readability crate alone on every page: {file: text or None}."""
    lines = "".join(f"{folder / 'pages' / e['file']}\t{key}\n" for key, e in entries.items())
    proc = subprocess.run([binary], input=lines, stdout=subprocess.PIPE, text=True, check=True)
    texts = {}
    for line in proc.stdout.splitlines():
        r = json.loads(line)
        texts[r["file"]] = None if r["text"] is None else visible(" ".join(r["text"].split()))
    return texts


# trafilatura's extract() on each page: file and URL in on stdin, one JSON line out per page.
TRAFILATURA_RUNNER = r"""
import json, sys
import trafilatura
for line in sys.stdin:
    path, url = line.rstrip("\n").split("\t")
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = trafilatura.extract(data, url=url)
    except Exception:  # a page it cannot read scores as nothing found
        text = None
    print(json.dumps({"file": path.rsplit("/", 1)[-1], "text": text}), flush=True)
"""


def trafilatura_python(given) -> str:
    return given or os.environ.get("TRAFILATURA_PYTHON") or "python3"


def run_trafilatura(python: str, folder: pathlib.Path, entries: dict) -> tuple:
    """trafilatura on every page: ({file: text or None}, seconds)."""
    lines = "".join(f"{folder / 'pages' / e['file']}\t{key}\n" for key, e in entries.items())
    start = time.perf_counter()
    proc = subprocess.run([python, "-c", TRAFILATURA_RUNNER], input=lines,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"trafilatura failed ({python}; is the package installed?): "
                 f"{proc.stderr.strip()[-400:]}")
    texts = {}
    for line in proc.stdout.split("\n"):
        if line:
            r = json.loads(line)
            texts[r["file"]] = None if r["text"] is None else visible(" ".join(r["text"].split()))
    return texts, seconds


def snippet_in(snippet: str, text) -> bool:
    return text is not None and visible(" ".join(snippet.split())) in text


def wrong_snippets(entry: dict, text) -> int:
    """Missed `with` plus found `without` snippets of one page's text."""
    found = lambda s: text is not None and visible(" ".join(s.split())) in text
    return sum(not found(s) for s in entry["with"]) + sum(found(s) for s in entry["without"])


def refusal_kind(reason: str) -> str:
    """A refusal's reason without its numbers, for counting."""
    return re.sub(r"\d+", "N", re.sub(r'\(".*"\)', '("…")', reason))


class Score:
    def __init__(self):
        self.tp = self.fn = self.fp = self.tn = 0
        self.pages = 0
        self.refused = collections.Counter()

    def add(self, entry: dict, text, reason):
        self.pages += 1
        if reason is not None:
            self.refused[refusal_kind(reason)] += 1
        found = lambda s: text is not None and visible(" ".join(s.split())) in text
        for s in entry["with"]:
            if found(s):
                self.tp += 1
            else:
                self.fn += 1
        for s in entry["without"]:
            if found(s):
                self.fp += 1
            else:
                self.tn += 1

    def line(self) -> str:
        p = self.tp / max(1, self.tp + self.fp)
        r = self.tp / max(1, self.tp + self.fn)
        f1 = 2 * p * r / max(1e-9, p + r)
        acc = (self.tp + self.tn) / max(1, self.tp + self.tn + self.fp + self.fn)
        return (f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  acc {acc:.3f}  "
                f"(TP {self.tp} FN {self.fn} FP {self.fp} TN {self.tn}; "
                f"{sum(self.refused.values())} of {self.pages} pages refused)")


def print_page(entry: dict, body, refused) -> None:
    """One page: why it was refused, or its text, then each snippet found or not."""
    if refused:
        print(f"refused: {refused}")
    print(body if body is not None else "(no body)")
    print()
    found = lambda s: body is not None and visible(" ".join(s.split())) in body
    for s in entry["with"]:
        print(f"{'  found' if found(s) else ' MISSED'} with:    {s}")
    for s in entry["without"]:
        print(f"{'LEAKED ' if found(s) else '  clean'} without: {s}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(REPO.parent / "shared" / "extraction-dev"))
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "cermin"))
    ap.add_argument("--half", default="all", choices=list(GROUPS),
                    help="which pages to import: dev (tuned on), held-out-a (may be studied), "
                         "held-out-b (only measured), held-out (a and b) or all; figures are "
                         "printed per group")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N",
                    help="print N studied pages (see --from) with missed or leaked snippets")
    ap.add_argument("--worst", type=int, default=0, metavar="N",
                    help="print the N studied pages (see --from) with the most missed and "
                         "leaked snippets")
    ap.add_argument("--from", dest="study", default="studied",
                    choices=["dev", "held-out-a", "studied"],
                    help="where --worst and --show-misses take pages from: dev, held-out-a or "
                         "both (studied); never held-out-b")
    ap.add_argument("--page", metavar="FILE",
                    help="print one studied page's extracted text and its snippets, found or not")
    ap.add_argument("--alone", metavar="BIN",
                    help="also score the readability crate alone (examples/readability_alone)")
    ap.add_argument("--compare", type=int, default=0, metavar="N",
                    help="with --alone: print N dev-half pages where the crate alone does better")
    ap.add_argument("--self-test", action="store_true", help="test the Markdown-to-text step")
    ap.add_argument("--extractor", default="cermin", choices=["cermin", "trafilatura"],
                    help="what is scored: cermin import (default) or trafilatura's extract() "
                         "(then cermin is not run; held-out-b only in the aggregate lines)")
    ap.add_argument("--trafilatura-python", metavar="PY",
                    help="a Python with the trafilatura package (default $TRAFILATURA_PYTHON, "
                         "else python3)")
    ap.add_argument("--trafilatura-wins", type=int, default=0, metavar="N",
                    help="with cermin: list N studied pages (see --from) where trafilatura "
                         "finds a wanted snippet cermin misses or avoids one cermin leaks")
    args = ap.parse_args()
    if args.self_test:
        self_test()
        return 0
    folder = pathlib.Path(args.folder).resolve()
    annotations = json.loads((folder / "annotations.json").read_text())
    if args.page:
        annotations = {k: v for k, v in annotations.items() if v["file"] == args.page}
        if not annotations:
            sys.exit(f"no page {args.page} in annotations.json")
        key = next(iter(annotations))
        if group_of(key) not in STUDIED:
            sys.exit(f"{args.page} is a held-out-b page: it is only measured, never shown")
    entries = {k: v for k, v in annotations.items() if in_group(k, args.half)}
    python = trafilatura_python(args.trafilatura_python)
    if args.extractor == "trafilatura":
        return score_trafilatura(python, folder, entries)
    reports, seconds = run_import(args.bin, folder, entries)
    rival = None
    if args.trafilatura_wins:
        rival, _ = run_trafilatura(python, folder, entries)
    wins = []  # (snippets, file, found by trafilatura only, leaked by cermin only)

    alone = run_alone(args.alone, folder, entries) if args.alone else None
    scores = collections.defaultdict(Score)  # (half, counting) -> Score
    losses = []  # (snippets lost against the crate alone, file, ours wrong, alone wrong)
    both_miss = 0
    misses = []
    for key, entry in sorted(entries.items()):
        report = reports.get(entry["file"])
        if report is None:
            sys.exit(f"no result for {entry['file']}")
        article = report.get("article")
        body = reader_text(article["body"]) if article else None
        refused = report["reason"] if report["status"] == "failed" else None
        half = group_of(key)
        if args.page:
            print_page(entry, body, refused)
            return 0
        for h in (half, half_of(key), "all") if half != "dev" else (half, "all"):
            # As the evaluation counts: a refused page found nothing.
            scores[(h, "as imported")].add(entry, None if refused else body, refused)
            # The body extractor alone: pages refused after extraction (no date, no
            # headline) still have their body scored.
            scores[(h, "body found")].add(entry, body, None if body is not None else refused)
            if alone is not None:
                scores[(h, "crate alone")].add(entry, alone.get(entry["file"]), None)
        if alone is not None and half == "dev":
            ours, theirs = wrong_snippets(entry, body), wrong_snippets(entry, alone.get(entry["file"]))
            if ours > theirs:
                losses.append((ours - theirs, entry["file"], ours, theirs))
            elif ours and theirs:
                both_miss += 1
        if rival is not None and half in STUDIED and args.study in (half, "studied"):
            theirs = rival.get(entry["file"])
            only_found = [s for s in entry["with"]
                          if snippet_in(s, theirs) and not snippet_in(s, body)]
            only_leaked = [s for s in entry["without"]
                           if snippet_in(s, body) and not snippet_in(s, theirs)]
            if only_found or only_leaked:
                wins.append((f"{entry['file']} ({half})", only_found, only_leaked))
        if half in STUDIED and args.study in (half, "studied") and body is not None:
            missed = [s for s in entry["with"] if visible(" ".join(s.split())) not in body]
            leaked = [s for s in entry["without"] if visible(" ".join(s.split())) in body]
            if missed or leaked:
                misses.append((f"{entry['file']} ({half})", missed, leaked))

    print(f"{len(entries)} pages in {seconds:.1f} s: {len(entries) / seconds:.1f} pages/s")
    for half in GROUPS:
        for counting in ("as imported", "body found", "crate alone"):
            s = scores.get((half, counting))
            if s:
                print(f"{half:10} {counting:12} {s.line()}")
    refused = scores[("all", "as imported")].refused
    if refused:
        print("refused, by reason:")
        for reason, n in refused.most_common():
            print(f"  {n:4}  {reason}")
    shown = misses[: args.show_misses]
    if args.worst:
        # Most wrong snippets first; ties by name, so the list is the same each run.
        shown = sorted(misses, key=lambda m: (-(len(m[1]) + len(m[2])), m[0]))[: args.worst]
    if alone is not None:
        lost = sum(loss[0] for loss in losses)
        print(f"dev pages worse than the crate alone: {len(losses)} ({lost} snippets); "
              f"dev pages where both are wrong and cermin no worse: {both_miss}")
        for diff, file, ours, theirs in sorted(losses, key=lambda x: (-x[0], x[1]))[: args.compare]:
            print(f"  {diff:3} lost  {file}  (cermin {ours} wrong, crate alone {theirs})")
    if rival is not None:
        print(f"studied pages where trafilatura does better on a snippet: {len(wins)} "
              f"({sum(len(w[1]) for w in wins)} wanted snippets only it finds, "
              f"{sum(len(w[2]) for w in wins)} unwanted snippets only cermin leaks)")
        for file, found, leaked in sorted(wins, key=lambda w: (-len(w[1]) - len(w[2]), w[0]))[
                : args.trafilatura_wins]:
            print(f"\n{file}")
            for s in found:
                print(f"  only trafilatura finds: {s[:120]}")
            for s in leaked:
                print(f"  only cermin leaks:      {s[:120]}")
    for file, missed, leaked in shown:
        print(f"\n{file}")
        for s in missed:
            print(f"  missed: {s[:120]}")
        for s in leaked:
            print(f"  leaked: {s[:120]}")
    return 0


def score_trafilatura(python: str, folder: pathlib.Path, entries: dict) -> int:
    """trafilatura's figures per group; held-out-b pages are only summed, never listed."""
    texts, seconds = run_trafilatura(python, folder, entries)
    scores = collections.defaultdict(Score)
    for key, entry in sorted(entries.items()):
        half = group_of(key)
        for h in (half, half_of(key), "all") if half != "dev" else (half, "all"):
            scores[h].add(entry, texts.get(entry["file"]), None)
    print(f"{len(entries)} pages in {seconds:.1f} s: {len(entries) / seconds:.1f} pages/s "
          f"(trafilatura)")
    for half in GROUPS:
        if half in scores:
            print(f"{half:10} {'trafilatura':12} {scores[half].line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
