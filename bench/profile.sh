#!/usr/bin/env bash
# Profile of one cold build (no cache, fresh output) of the N-article corpus with `perf`.
# Usage: bench/profile.sh [N=10000] > bench/profile-10k.txt     (N generated articles)
#        bench/profile.sh DIR > profile.txt                      (a copy of the articles in DIR,
#                                                                 a content folder kept elsewhere)
# Needs linux-perf (apt-get install linux-perf). Prints the per-phase timings cermin reports
# (CERMIN_TIMINGS), then perf's inclusive time of cermin's own functions and the top
# functions by self time.
set -euo pipefail
N=${1:-10000}
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${BIN:-$HERE/../target/release/cermin}
if [[ $N =~ ^[0-9]+$ ]]; then
  SITE=$(cd "$HERE" && python3 -c 'import sys; from corpus import corpus; print(corpus(int(sys.argv[1])))' "$N")
else
  SITE=$(cd "$HERE" && python3 -c 'import sys, pathlib; from corpus import copied
print(copied(sys.argv[1], "profile-" + pathlib.Path(sys.argv[1]).resolve().name))' "$N")
  N=$(find "$SITE/content" -name '*.md' | wc -l)
fi
OUT=$(mktemp -d /dev/shm/cermin-profile.XXXXXX)
DATA=$OUT.perf
trap 'rm -rf "$OUT" "$DATA"' EXIT
echo "# cermin build --no-cache, $N articles, $(nproc) cores, $(date -u +%F)"
echo
echo "## Phases (CERMIN_TIMINGS=1; 'timing total' lines are CPU time summed over tasks)"
CERMIN_TIMINGS=1 perf record -q -F 250 --call-graph dwarf,16384 -o "$DATA" \
  "$BIN" build --no-cache --root "$SITE" --output "$OUT/public" 2>&1 | sed 's/^/    /'
# The reports below are cut short with `head`: perf then dies of SIGPIPE, which is expected.
set +o pipefail
echo
echo "## Inclusive share of samples, cermin's functions and the libraries they call"
perf report -i "$DATA" --children --sort symbol --stdio 2>/dev/null \
  | grep -E '^ +[0-9.]+%' | grep -E 'cermin::|tera::Tera::render|syntect::|pulldown_cmark::|serde_yaml|do_syscall_64|exc_page_fault' \
  | awk '{printf "    %7s  %s\n", $1, substr($0, index($0, "]") + 2)}' | sed 's/ *$//' | head -45
echo
echo "## Top 30 functions by self time"
perf report -i "$DATA" --no-children --sort dso,symbol --stdio 2>/dev/null \
  | grep -E '^ +[0-9.]+%' | awk '{printf "    %7s  %-10s %s\n", $1, $2, substr($0, index($0, "]") + 2)}' | sed 's/ *$//' | head -30
