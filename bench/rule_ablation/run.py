#!/usr/bin/env python3
"""Each rule family of `cermin import` turned off in turn, scored on the studied pages.

Usage: bench/rule_ablation/run.py BIN FAMILY... [--folder ../shared/extraction-dev]
                                  [--detail OUT.json]

BIN is a cermin built with `rules-off.patch` applied (it applies to main bf3a090; it is a
measuring tool, never merged): that build reads `CERMIN_ABLATE=name,…` and skips the named
families. FAMILY is a rule name as `--explain` prints it ("row of links", "photo credit"), a
step ("anchor", "lead", "container", "thread", "comment threads"), a group ("phrases",
"boxes", "junk elements", "class", "furniture"), a furniture tag ("furniture aside"), a class
word ("class author") or a class-word group ("classes labels"; see `class_group` in the
patch). Each family is one import of the dev and held-out-a pages (never held-out-b); the
script prints, per half, the change in wanted snippets found and unwanted snippets leaked
against a run with nothing off. `--detail` writes the snippets that changed, page by page.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import extraction_eval as ev  # noqa: E402

STUDIED = ("dev", "held-out-a")


def run(binary: str, pages: pathlib.Path, site: pathlib.Path, off: str, entries: dict) -> dict:
    """{file: (wanted found, unwanted found)} of one import with `off` turned off."""
    env = dict(os.environ, CERMIN_ABLATE=off)
    proc = subprocess.run(
        [binary, "import", "--dry-run", "--format", "json", "--root", str(site), str(pages)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    found = {}
    for line in proc.stdout.split("\n"):
        if not line:
            continue
        report = json.loads(line)
        name = pathlib.Path(report["input"]).name
        article = report.get("article")
        body = ev.reader_text(article["body"]) if article and report["status"] != "failed" else None
        entry = entries[name]
        found[name] = ({s for s in entry["with"] if ev.snippet_in(s, body)},
                       {s for s in entry["without"] if ev.snippet_in(s, body)})
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin")
    ap.add_argument("families", nargs="+")
    ap.add_argument("--folder", default=str(ev.REPO.parent / "shared" / "extraction-dev"))
    ap.add_argument("--detail", metavar="OUT.json")
    args = ap.parse_args()
    folder = pathlib.Path(args.folder).resolve()
    annotations = json.loads((folder / "annotations.json").read_text())
    entries = {v["file"]: v for k, v in annotations.items() if ev.group_of(k) in STUDIED}
    group = {v["file"]: ev.group_of(k) for k, v in annotations.items() if v["file"] in entries}
    work = pathlib.Path(tempfile.mkdtemp(prefix="cermin-ablation-"))
    pages, site = work / "pages", work / "site"
    pages.mkdir()
    (site / "content").mkdir(parents=True)
    (site / "site.toml").write_text('title = "Eval"\nbase_url = "https://example.org/"\n')
    for name in entries:
        os.symlink(folder / "pages" / name, pages / name)

    def totals(found: dict) -> dict:
        out = {h: [0, 0] for h in STUDIED}
        for name, (wanted, unwanted) in found.items():
            out[group[name]][0] += len(wanted)
            out[group[name]][1] += len(unwanted)
        return out

    base = run(args.bin, pages, site, "", entries)
    base_totals = totals(base)
    print("nothing off: " + ", ".join(f"{h} {f} found / {l} leaked"
                                       for h, (f, l) in base_totals.items()))
    detail = {}
    for family in args.families:
        found = run(args.bin, pages, site, family, entries)
        t = totals(found)
        changed = sorted(n for n in found if found[n] != base.get(n))
        cells = " | ".join(f"{h} Δfound {t[h][0] - base_totals[h][0]:+d} "
                           f"Δleaked {t[h][1] - base_totals[h][1]:+d}" for h in STUDIED)
        print(f"{family:36} {cells} | {len(changed)} pages", flush=True)
        detail[family] = [{"file": n, "group": group[n],
                           "found+": sorted(found[n][0] - base[n][0]),
                           "found-": sorted(base[n][0] - found[n][0]),
                           "leaked+": sorted(found[n][1] - base[n][1]),
                           "leaked-": sorted(base[n][1] - found[n][1])} for n in changed]
    if args.detail:
        pathlib.Path(args.detail).write_text(json.dumps(detail, ensure_ascii=False, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
