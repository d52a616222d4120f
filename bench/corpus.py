"""Shared by the bench scripts: a generated corpus with the example site's settings and theme."""

import os
import pathlib
import shutil
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
WORK = pathlib.Path(os.environ.get("CERMIN_BENCH_DIR", "/dev/shm/cermin-bench"))


def corpus(n: int, name: str = "") -> pathlib.Path:
    """WORK/<name><n>: n articles from gen_corpus.py (made once), site.toml and themes refreshed."""
    site = WORK / f"{name}{n}"
    if not (site / "content").is_dir():
        site.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(GEN), str(n), str(site)], check=True, stdout=subprocess.DEVNULL)
    shutil.copy(REPO / "site.toml", site / "site.toml")
    shutil.rmtree(site / "themes", ignore_errors=True)
    shutil.copytree(REPO / "themes", site / "themes")
    return site
