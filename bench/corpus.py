"""Shared by the bench scripts: a generated corpus with the example site's settings and theme.

One setting differs from the example site: `paginate_by = 20`, as in the Hugo site of
../shared/bench/peers/hugo (`paginate = 20`), so both make the same number of list pages. (The
example site pages by 5 to show its 17 articles on several pages; at 10,000 articles that
would be four times the home and tag pages Hugo makes.)
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
PAGINATE_BY = 20  # as the Hugo peer site
WORK = pathlib.Path(os.environ.get("CERMIN_BENCH_DIR", "/dev/shm/cermin-bench"))


def corpus(n: int, name: str = "") -> pathlib.Path:
    """WORK/<name><n>: n articles from gen_corpus.py (made once), site.toml and themes refreshed."""
    site = WORK / f"{name}{n}"
    if not (site / "content").is_dir():
        site.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(GEN), str(n), str(site)], check=True, stdout=subprocess.DEVNULL)
    settings, count = re.subn(r"(?m)^paginate_by = \d+$", f"paginate_by = {PAGINATE_BY}", (REPO / "site.toml").read_text())
    if count != 1:
        raise SystemExit("bench/corpus.py: site.toml has no `paginate_by = N` line to set")
    (site / "site.toml").write_text(settings)
    shutil.rmtree(site / "themes", ignore_errors=True)
    shutil.copytree(REPO / "themes", site / "themes")
    return site
