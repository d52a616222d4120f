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
cargo test --locked

echo "== build the example site"
out="$(mktemp -d)/public"
cargo run --release --locked -- build --output "$out"
echo "== cermin check on the example site"
cargo run --release --locked -- check
echo "== end-to-end checks: absolute links"
bash tests/e2e/run.sh "$out" https://cermin.example.id

echo "== end-to-end checks: relative links (the same public/ under any prefix and from disk)"
rel="$(mktemp -d)"
mkdir -p "$rel/site"
cp -r site.toml content themes static "$rel/site/"
sed -i 's/^relative_links = false/relative_links = true/' "$rel/site/site.toml"
cargo run --release --locked -- build --root "$rel/site" --output "$rel/public"
cargo run --release --locked -- check --root "$rel/site"
bash tests/e2e/run.sh "$rel/public" https://cermin.example.id

echo "== real browser: cermin serve --watch (live reload, error overlay, CSS swap, 404)"
CERMIN_BIN=target/debug/cermin bash tests/browser/run.sh

echo "== end-to-end checker self-test"
E2E_SKIP_VNU=1 bash tests/e2e/selftest.sh
echo "All tests passed."
