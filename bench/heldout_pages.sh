#!/bin/bash
# Imports each page NAME.{html,txt} that has a NAME.expected.md in the given folders with
# the CLI (default rules, no URL, timezone Asia/Jakarta) and compares the content file with
# the expected article, leaving out the `id:` line. Prints the differing lines of each page
# and the number of exact pages.
# usage: [ONLY=PREFIX] bench/heldout_pages.sh BIN FOLDER...
# e.g. the held-out Indonesian pages among the golden pages:
#   ONLY=heldout bench/heldout_pages.sh target/release/cermin tests/import_golden/html tests/import_golden/text
BIN=$1; shift; exact=0; total=0
for folder in "$@"; do
  for exp in "$folder"/${ONLY:-}*.expected.md; do
    [ -e "$exp" ] || continue
    src=$(ls "${exp%.expected.md}".{html,txt} 2>/dev/null | head -1)
    d=$(mktemp -d); mkdir -p "$d/content"
    printf 'title = "T"\nbase_url = "https://uji.example"\nlanguage = "id"\ntimezone = "Asia/Jakarta"\n' > "$d/site.toml"
    "$BIN" import --root "$d" "$src" > "$d/out" 2>&1
    got=$(find "$d/content" -name '*.md' | head -1)
    total=$((total+1))
    name=$(basename "$exp" .expected.md)
    if [ -n "$got" ] && diff -q <(grep -v '^id: ' "$got") "$exp" > /dev/null; then
      exact=$((exact+1)); echo "== $name: exact"
    elif [ -n "$got" ]; then
      echo "== $name: differs (< got, > expected)"; diff <(grep -v '^id: ' "$got") "$exp" | grep '^[<>]'
    else
      echo "== $name: refused"; cat "$d/out"
    fi
    rm -rf "$d"
  done
done
echo "$BIN: $exact of $total exact"
