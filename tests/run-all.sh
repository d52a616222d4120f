#!/usr/bin/env bash
# The whole test suite, as CI runs it (`.ci/run` calls this): lint, unit and integration tests,
# then the example site built and put through the end-to-end checks (feed parsers, the Nu Html
# Checker, link and junk checks). Installs what the checks need on a fresh machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
# One integration test runs the search page's script with node (tests/it/search.rs).
if ! command -v node >/dev/null 2>&1; then
  echo "== installing nodejs (cargo test runs the search script with it)"
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
fi
cargo test --locked

echo "== build the example site (relative links: the same public/ under any prefix and from disk)"
out="$(mktemp -d)/public"
cargo run --release --locked -- build --output "$out"
echo "== cermin check on the example site"
cargo run --release --locked -- check
bash tests/e2e/run.sh "$out" https://cermin.example.id

echo "== the example site with absolute links"
abs="$(mktemp -d)"
mkdir -p "$abs/site"
cp -r site.toml content themes static "$abs/site/"
sed -i 's/^relative_links = true/relative_links = false/' "$abs/site/site.toml"
grep -q '^relative_links = false' "$abs/site/site.toml"
cargo run --release --locked -- build --root "$abs/site" --output "$abs/public"
cargo run --release --locked -- check --root "$abs/site"
bash tests/e2e/run.sh "$abs/public" https://cermin.example.id

echo "== a site built from text with characters no page may hold (controls, noncharacters, surrogates)"
kotor="$(mktemp -d)"
cp -r tests/e2e/fixtures/hostile-text-site "$kotor/site"
cp -r themes "$kotor/site/"
cargo run --release --locked -- build --root "$kotor/site" --output "$kotor/public"
cargo run --release --locked -- check --root "$kotor/site"
bash tests/e2e/run.sh "$kotor/public" https://kotor.example

echo "== real browser: cermin serve --watch (live reload, error overlay, CSS swap, 404), the search page"
CERMIN_BIN=target/debug/cermin bash tests/browser/run.sh

echo "== end-to-end checker self-test"
bash tests/e2e/selftest.sh
echo "All tests passed."
