#!/usr/bin/env bash
# Build time of Hugo on the N-article corpus, the peer that cermin's build is compared with.
#
# Usage: bench/run_hugo.sh N [gen_corpus.py options, e.g. --taxonomies]
#
# Makes (once) the corpus with bench/gen_corpus.py in $WORK/N/content (the folder
# bench/build_bench.py uses for the same N, so both build the same files), copies the Hugo peer
# site bench/peers/hugo to $WORK/hugo-N, and times `hugo` on it: one full build into an empty
# public/ per run (hyperfine deletes public/ before each run, untimed), after WARMUP warm-up
# runs. Wall time from hyperfine (median, min, max); CPU time (user+sys, median) and peak RSS
# (largest) from GNU time around the same runs. Appends a row to $WORK/results/table.md and
# prints it; per-run figures go to $WORK/results/hugo-N.runs.tsv.
#
# Environment:
#   RUNS=5 WARMUP=1            timed runs, discarded warm-up runs
#   WORK=/dev/shm/cermin-bench scratch folder (or $CERMIN_BENCH_DIR); tmpfs by default, so that
#                              the disk's noise stays out; set WORK=/var/tmp/... to time writes
#                              to the disk too
#   HUGO=hugo                  the Hugo binary
#
# Needs: hugo, hyperfine and GNU time (Debian: apt-get install -y hugo hyperfine time), python3.
# The machine should be otherwise idle: compare tools within one sitting, as ratios of medians.
set -euo pipefail

N=${1:?usage: bench/run_hugo.sh N [gen_corpus.py options]}
shift
HERE=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
WORK=${WORK:-${CERMIN_BENCH_DIR:-/dev/shm/cermin-bench}}
HUGO=${HUGO:-hugo}

missing=()
command -v "$HUGO" >/dev/null || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
/usr/bin/time --version 2>&1 | grep -q GNU || missing+=(time)
if ((${#missing[@]})); then
  echo "bench/run_hugo.sh needs ${missing[*]}: install with apt-get install -y ${missing[*]}" >&2
  exit 1
fi

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

suffix=""
(($#)) && suffix="-$(echo "$*" | tr -c 'a-z0-9\n' '-' | sed 's/^-*//')"
CORPUS=$WORK/$N$suffix
SITE=$WORK/hugo-$N$suffix
RES=$WORK/results
mkdir -p "$RES"

log "corpus: $N articles in $CORPUS/content (made once)"
python3 "$HERE/corpus.py" "$N" "$CORPUS" "$@" >/dev/null

# The peer site, with pagination written the way the Hugo at hand reads it.
version=$("$HUGO" version | sed -E 's/^hugo v([0-9.]+).*/\1/')
minor=$(echo "$version" | cut -d. -f2)
rm -rf "$SITE"
mkdir -p "$SITE"
cp -r "$HERE/peers/hugo/." "$SITE/"
if ((minor < 128)); then
  { echo "paginate = 20"; cat "$HERE/peers/hugo/hugo.toml"; } >"$SITE/hugo.toml"
else
  printf '\n[pagination]\n  pagerSize = 20\n' >>"$SITE/hugo.toml"
fi

TLOG=$RES/hugo-$N$suffix.time
JSON=$RES/hugo-$N$suffix.hyperfine.json
rm -f "$TLOG" "$JSON"
log "timing hugo $version: $WARMUP warm-up + $RUNS runs"
hyperfine --shell=none --style basic --runs "$RUNS" --warmup "$WARMUP" \
  --prepare "rm -rf $SITE/public" \
  --export-json "$JSON" \
  "/usr/bin/time -f '%e %U %S %M' -a -o $TLOG $HUGO --quiet --source $SITE --contentDir $CORPUS/content" >&2

files=$(find "$SITE/public" -type f | wc -l)
html=$(find "$SITE/public" -name '*.html' | wc -l)
bytes=$(find "$SITE/public" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')

[[ -f $RES/table.md ]] || {
  echo "| articles | tool | wall s: median (min–max) | CPU s (user+sys) | peak RSS | files (.html) | bytes | runs |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|"
} >"$RES/table.md"

python3 - "$JSON" "$TLOG" "$WARMUP" "$N$suffix" "hugo $version" "$files" "$html" "$bytes" \
  "$RES/hugo-$N$suffix.runs.tsv" <<'PY' | tee -a "$RES/table.md"
import json, statistics, sys
json_path, time_log, warmup, n, tool, files, html, nbytes, runs_out = sys.argv[1:]
walls = json.load(open(json_path))["results"][0]["times"]  # timed runs only
timed = [line.split() for line in open(time_log) if line[:1].isdigit()][int(warmup):]
cpus = [float(user) + float(system) for _, user, system, _ in timed]
rss = [int(kib) / 1024 for *_, kib in timed]
with open(runs_out, "w") as out:
    out.write("wall_s\tcpu_s\tpeak_rss_mib\n")
    for row in zip(walls, cpus, rss):
        out.write("%.3f\t%.2f\t%.0f\n" % row)
print(f"| {n} | {tool} | {statistics.median(walls):.2f} ({min(walls):.2f}–{max(walls):.2f}) "
      f"| {statistics.median(cpus):.2f} | {max(rss):.0f} MiB | {int(files):,} ({int(html):,}) "
      f"| {int(nbytes) / 2**20:.1f} MiB | {len(walls)} |")
PY
log "row appended to $RES/table.md"
