#!/usr/bin/env bash
# Runs every cargo-fuzz target in turn for SECONDS each (default 60), seeded with the example
# site's articles and the import golden pages. Needs a nightly toolchain (`rustup toolchain
# install nightly`) and cargo-fuzz (`cargo install cargo-fuzz`). New interesting inputs
# collect in fuzz/corpus/<target>/, crashes in fuzz/artifacts/<target>/ (both git-ignored);
# a crash stops the run and prints the command that replays it.
#   bash fuzz/run.sh 600                 # ten minutes per target
#   TARGETS="markdown" bash fuzz/run.sh  # one target
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seconds="${1:-60}"
targets="${TARGETS:-front_matter markdown text_import html_import}"
for target in $targets; do
    case "$target" in
        front_matter | markdown) seeds=../content ;;
        text_import) seeds=../tests/import_golden/text ;;
        html_import) seeds=../tests/import_golden/html ;;
        *) echo "unknown target $target" >&2; exit 2 ;;
    esac
    mkdir -p "corpus/$target"
    echo "== $target for ${seconds}s"
    cargo +nightly fuzz run -O -a --codegen-units 4 "$target" "corpus/$target" "$seeds" -- \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 -len_control=10 \
        -print_final_stats=1
done
