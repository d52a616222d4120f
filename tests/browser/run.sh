#!/usr/bin/env bash
# Real-browser end-to-end tests: `cermin serve --watch` (live reload, error overlay, CSS swap, 404),
# the search page of the built example site (from file:// and over HTTP under a prefix), then
# the photos of a new site with bundles, imported saved pages and hostile images (issue 17).
# Usage: tests/browser/run.sh            (from anywhere; CERMIN_BIN=/path/to/cermin to skip the build)
# Needs: node (>= 18), npm, cargo; installs Debian's chromium and playwright-core if missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
TOOLS="$HERE/.tools"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "run.sh: need root (or sudo) to run: $*" >&2; exit 1
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  echo "run.sh: installing Debian's chromium"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "run.sh: installing nodejs and npm"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
fi

# playwright-core drives the system Chromium over CDP; no browser is downloaded. 1.65 needs
# Node >= 20; Debian 12's own nodejs is 18, which 1.56 still supports.
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -ge 20 ]; then PLAYWRIGHT_VERSION="1.65.1"
elif [ "$node_major" -ge 18 ]; then PLAYWRIGHT_VERSION="1.56.1"
else echo "run.sh: node $(node --version) is too old; need Node >= 18" >&2; exit 1
fi

installed="$(node -p "try{require('$TOOLS/node_modules/playwright-core/package.json').version}catch(e){''}" 2>/dev/null || true)"
if [ "$installed" != "$PLAYWRIGHT_VERSION" ]; then
  echo "run.sh: installing playwright-core@$PLAYWRIGHT_VERSION into $TOOLS"
  mkdir -p "$TOOLS"
  npm install --no-save --no-audit --no-fund --prefix "$TOOLS" "playwright-core@$PLAYWRIGHT_VERSION"
fi

if [ -z "${CERMIN_BIN:-}" ]; then
  (cd "$REPO" && cargo build --locked)
  export CERMIN_BIN="$REPO/target/debug/cermin"
fi

export NODE_PATH="$TOOLS/node_modules${NODE_PATH:+:$NODE_PATH}"
export CERMIN_SITE="${CERMIN_SITE:-$REPO}"
node "$HERE/serve_test.mjs"
node "$HERE/search_test.mjs"

# Issue 17's judged site: a new site with page bundles, saved pages imported with their
# images and hostile image files, opened at 360 and 1350 px (photos_test.mjs says what).
photos="$(mktemp -d)"
trap 'rm -rf "$photos"' EXIT
bash "$HERE/photo_site.sh" "$photos/site" >"$photos/make.log" 2>&1 || { cat "$photos/make.log"; exit 1; }
node "$HERE/photos_test.mjs" "$photos/site/public"
