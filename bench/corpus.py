"""Shared by the bench scripts: a generated corpus with the example site's settings and theme.

The corpus comes from bench/gen_corpus.py and is made once per size under WORK (default
/dev/shm/cermin-bench, or $CERMIN_BENCH_DIR); it is made again when the generator or its
options change (a stamp file records them).

One setting differs from the example site: `paginate_by = 20`, as in the Hugo peer site of
bench/peers/hugo (`paginate = 20`), so both make the same number of list pages. (The example
site pages by 5 to show its few articles on several pages; at 10,000 articles that would be
four times the home and tag pages Hugo makes.)
"""

import hashlib
import os
import pathlib
import re
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
GEN = HERE / "gen_corpus.py"
PAGINATE_BY = 20  # as the Hugo peer site
WORK = pathlib.Path(os.environ.get("CERMIN_BENCH_DIR", "/dev/shm/cermin-bench"))


def generator_stamp(n: int, options: list[str]) -> str:
    """What a corpus was made with: its size, options and the generator's source."""
    digest = hashlib.sha256()
    for source in (GEN, HERE / "corpus_words.py"):
        digest.update(source.read_bytes())
    return f"n={n} options={' '.join(options)} generator={digest.hexdigest()[:16]}\n"


def generate(n: int, site: pathlib.Path, options: list[str] = ()) -> pathlib.Path:
    """site/content/ with n generated articles; made again only if the stamp differs."""
    options = list(options)
    stamp = site / ".corpus-stamp"
    wanted = generator_stamp(n, options)
    if stamp.is_file() and stamp.read_text() == wanted and (site / "content").is_dir():
        return site
    shutil.rmtree(site / "content", ignore_errors=True)
    site.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(GEN), str(n), str(site), *options], check=True)
    stamp.write_text(wanted)
    return site


def with_example_settings(site: pathlib.Path) -> pathlib.Path:
    """Gives site the example site's site.toml (paged by PAGINATE_BY) and themes/."""
    settings, count = re.subn(
        r"(?m)^paginate_by = \d+$", f"paginate_by = {PAGINATE_BY}", (REPO / "site.toml").read_text()
    )
    if count != 1:
        raise SystemExit("bench/corpus.py: site.toml has no `paginate_by = N` line to set")
    (site / "site.toml").write_text(settings)
    shutil.rmtree(site / "themes", ignore_errors=True)
    shutil.copytree(REPO / "themes", site / "themes")
    return site


def corpus(n: int, name: str = "", options: list[str] = (), suffix: str = "") -> pathlib.Path:
    """WORK/<name><n><suffix>: n generated articles with the example site's settings and theme."""
    return with_example_settings(generate(n, WORK / f"{name}{n}{suffix}", options))


def content_stamp(content: pathlib.Path) -> str:
    """Where a copied content folder came from and what it held (files, bytes, newest change)."""
    files = size = newest = 0
    for folder, _, names in os.walk(content):
        for name in names:
            info = os.stat(os.path.join(folder, name))
            files, size, newest = files + 1, size + info.st_size, max(newest, info.st_mtime_ns)
    return f"copy of {content} files={files} bytes={size} newest={newest}\n"


def copied(content: str, name: str) -> pathlib.Path:
    """WORK/<name>: a copy of a content folder kept outside the repository (a real mirror's
    articles, say) with the example site's settings and theme. Copied, so that the benchmarks
    may write, edit and delete there without touching the original; copied again when the
    original changes. `content` is a content folder, or a site folder that holds content/."""
    source = pathlib.Path(content).resolve()
    if (source / "content").is_dir():
        source = source / "content"
    if not source.is_dir():
        raise SystemExit(f"{content}: no such folder (pass a content folder or a site folder holding content/)")
    site = WORK / name
    stamp = site / ".corpus-stamp"
    wanted = content_stamp(source)
    if not (stamp.is_file() and stamp.read_text() == wanted):
        shutil.rmtree(site / "content", ignore_errors=True)
        site.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, site / "content")
        stamp.write_text(wanted)
    return with_example_settings(site)


if __name__ == "__main__":
    # bench/corpus.py N DIR [gen_corpus.py options]: DIR/content/ with N generated articles,
    # made only when missing or made by another generator or options (for the shell scripts).
    generate(int(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:])
    print(pathlib.Path(sys.argv[2]) / "content")
