#!/usr/bin/env bash
# End-to-end checks of a built site:
#   tests/e2e/run.sh PUBLIC_DIR BASE_URL
# 1. the Nu Html Checker (vnu) over every .html file: zero errors required;
# 2. check_site.py: feeds, seed junk, internal links and fragments, sitemap, robots.txt.
# Installs what it needs (feedparser, vnu-jar, Java) when missing; see tools.sh.
set -uo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 PUBLIC_DIR BASE_URL" >&2
    exit 2
fi
PUBLIC_DIR="$1"
BASE_URL="$2"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tools.sh
. "$HERE/tools.sh"

if [ ! -d "$PUBLIC_DIR" ]; then
    echo "e2e: $PUBLIC_DIR is not a directory (build the site first)" >&2
    exit 2
fi

ensure_feedparser || { echo "e2e: could not install feedparser" >&2; exit 2; }
ensure_vnu || { echo "e2e: could not install the Nu Html Checker" >&2; exit 2; }

status=0

html_count="$(find "$PUBLIC_DIR" -type f \( -name '*.html' -o -name '*.htm' \) | wc -l)"
echo "== vnu $VNU_VERSION: $html_count html file(s) in $PUBLIC_DIR"
if [ "$html_count" -eq 0 ]; then
    echo "vnu: no .html files found" >&2
    status=1
elif java -Xss1024k -jar "$VNU_JAR" --errors-only --skip-non-html --asciiquotes "$PUBLIC_DIR"; then
    echo "vnu: no errors"
else
    echo "vnu: FAILED (errors above)"
    status=1
fi

echo "== check_site"
python3 "$HERE/check_site.py" "$PUBLIC_DIR" --base-url "$BASE_URL" || status=1

if [ "$status" -eq 0 ]; then
    echo "e2e: all checks passed"
else
    echo "e2e: FAILED"
fi
exit "$status"
