#!/usr/bin/env bash
# Lighthouse (mobile and desktop, all four categories) on pages of a built site, served on
# 127.0.0.1 by python3's http.server; fails when a category scores under 100. Not part of CI
# (run.sh): about 30 s a page and mode, and its performance score depends on the machine.
# Usage: tests/browser/lighthouse.sh PUBLIC_DIR [PAGE...]     (pages: site paths, default /)
# e.g.   tests/browser/photo_site.sh /tmp/ps && tests/browser/lighthouse.sh /tmp/ps/public \
#          / /2026/11/20/lari-pagi/ /2026/11/22/berkas-rusak/ /2026/11/24/banjir-rendam-kampung-melayu/
# Needs node, npm, python3 and /usr/bin/chromium (CERMIN_BROWSER); installs lighthouse into
# tests/browser/.tools/lighthouse (apart from run.sh's playwright-core: npm would remove it).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="$HERE/.tools/lighthouse"
LIGHTHOUSE_VERSION="12.8.2"
PUBLIC="$(cd "$1" && pwd)"
shift
PAGES=("${@:-/}")

if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$TOOLS"
  npm install --no-save --no-audit --no-fund --prefix "$TOOLS" "lighthouse@$LIGHTHOUSE_VERSION"
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$PUBLIC" >/dev/null 2>&1 &
server=$!
out="$(mktemp -d)"
trap 'kill "$server"; rm -rf "$out"' EXIT
sleep 1

export CHROME_PATH="${CERMIN_BROWSER:-/usr/bin/chromium}"
status=0
for page in "${PAGES[@]}"; do
  for mode in mobile desktop; do
    preset=()
    [ "$mode" = desktop ] && preset=(--preset=desktop)
    report="$out/report.json"
    "$TOOLS/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$page" "${preset[@]}" \
      --chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$report" --quiet
    line="$(node -e '
      const r = require(process.argv[1]);
      const scores = Object.values(r.categories).map((c) => `${c.id}=${Math.round(c.score * 100)}`);
      console.log(scores.join(" "));
      process.exit(Object.values(r.categories).every((c) => c.score === 1) ? 0 : 1);
    ' "$report")" || status=1
    echo "$page $mode: $line"
  done
done
exit "$status"
