#!/usr/bin/env bash
# The million-article benchmark (issue 20) in one command: a cold build of N generated articles
# on the machine's disk, with its wall time, CPU time, peak memory, files and bytes written,
# beside the floor: the time to create the same folders and files, empty.
#
# Usage: bench/million.sh [N=1000000]
#
# Steps: checks free disk space (about 46 KB per article: 6 KB of Markdown, 40 KB of output;
# ~46 GB for a million) and free inodes, and refuses with a message if they are short; makes
# the corpus with bench/gen_corpus.py in $DIR/N (once: it is kept for the next run), reads it
# once so that it is in the page cache, runs `sync`, then times
#   /usr/bin/time -v cermin build --no-cache --root $DIR/N --output $DIR/N/public
# counts what it wrote, and times bench/floor.py on that output. The output is deleted at the
# end (KEEP=1 keeps it). A summary row is appended to $DIR/results.md.
#
# Environment:
#   DIR=/var/tmp/cermin-million  where corpus and output go: on the disk being measured, not
#                                tmpfs (a million articles' output does not fit in memory)
#   BIN=target/release/cermin    the cermin to time (cargo build --release --locked)
#   REBUILD=1                    also time a cached rebuild after one article changes (a first
#                                build writes the cache, then one article is edited and built
#                                again; the edit is undone afterwards)
#   KEEP=1                       keep the output folder
#
# Needs: python3, GNU time (apt-get install -y time), coreutils. Takes a machine to itself:
# at a million articles, ~3 min to generate, ~5 min to build, minutes to count and delete.
set -euo pipefail

N=${1:-1000000}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
DIR=${DIR:-/var/tmp/cermin-million}
BIN=${BIN:-$REPO/target/release/cermin}
REBUILD=${REBUILD:-0}
KEEP=${KEEP:-0}
SITE=$DIR/$N
OUT=$SITE/public
FLOOR=$DIR/floor-$N
CORPUS_KB=6
OUTPUT_KB=40  # measured: ~1.5 files and ~40 KB on disk per article (search index included)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { echo "bench/million.sh: $*" >&2; exit 1; }
# Deleting a million files takes minutes; parallel removals of the top folders go faster on a
# disk that discards on delete.
delete_output() {
  log "deleting the output and the build cache"
  local start=$SECONDS
  if [[ -d $OUT ]]; then
    find "$OUT" -mindepth 1 -maxdepth 1 -print0 | xargs -0 -r -P 4 -n 1 rm -rf
    rm -rf "$OUT"
  fi
  rm -rf "$SITE/.cermin-cache"
  log "deleted in $((SECONDS - start)) s"
}

[[ $N =~ ^[0-9]+$ ]] && ((N > 0)) || die "N must be a number of articles, e.g. 1000000"
[[ -x $BIN ]] || die "no cermin at $BIN: build it with \`cargo build --release --locked\` or set BIN="
/usr/bin/time --version 2>&1 | grep -q GNU || die "needs GNU time at /usr/bin/time: apt-get install -y time"

mkdir -p "$DIR"
if [[ -e $OUT || -e $FLOOR || -e $SITE/.cermin-cache ]]; then
  log "deleting what an earlier run left in $DIR"
  rm -rf "$OUT" "$FLOOR" "$SITE/.cermin-cache"
fi

# ---------------------------------------------------------------- space
corpus_ready=$(cd "$HERE" && CERMIN_BENCH_DIR=$DIR python3 -c '
import pathlib, sys
from corpus import generator_stamp
stamp = pathlib.Path(sys.argv[1]) / ".corpus-stamp"
print(int(stamp.is_file() and stamp.read_text() == generator_stamp(int(sys.argv[2]), [])))' "$SITE" "$N")
need_kb=$((N * OUTPUT_KB + 1024 * 1024))  # and 1 GB to spare
((corpus_ready)) || need_kb=$((need_kb + N * CORPUS_KB))
((REBUILD)) && need_kb=$((need_kb + N * 2))  # the build cache: records and hard links
free_kb=$(df --output=avail -k "$DIR" | tail -1 | tr -d ' ')
gb() { awk -v kb="$1" 'BEGIN { printf "%.1f GB", kb / 1024 / 1024 }'; }
if ((free_kb < need_kb)); then
  die "$N articles need about $(gb "$need_kb") free in $DIR ($(gb $((N * CORPUS_KB))) of Markdown unless already made, $(gb $((N * OUTPUT_KB))) of output, 1 GB to spare); $(df --output=target "$DIR" | tail -1) has $(gb "$free_kb") free. Free some space, or set DIR= to a folder on a disk with more."
fi
need_inodes=$((N * 4))  # corpus, output (~1.3 per article) and the floor's copy of its tree
free_inodes=$(df --output=iavail "$DIR" | tail -1 | tr -d ' ')
if [[ $free_inodes =~ ^[0-9]+$ ]] && ((free_inodes > 0 && free_inodes < need_inodes)); then
  die "$N articles need about $need_inodes free inodes in $DIR; it has $free_inodes. Set DIR= to another file system."
fi
log "disk: $(gb "$free_kb") free in $DIR, about $(gb "$need_kb") needed"

# ---------------------------------------------------------------- corpus
start=$SECONDS
log "corpus: $N articles in $SITE/content (made once, kept for the next run)"
(cd "$HERE" && CERMIN_BENCH_DIR=$DIR python3 -c 'import sys; from corpus import corpus; corpus(int(sys.argv[1]))' "$N")
log "corpus ready in $((SECONDS - start)) s; reading it into the page cache, then sync"
find "$SITE/content" -type f -print0 | xargs -0 cat >/dev/null
sync

# ---------------------------------------------------------------- cold build
TIMES=$DIR/time-$N.txt
log "cold build: $BIN build --no-cache"
/usr/bin/time -v -o "$TIMES" "$BIN" build --no-cache --root "$SITE" --output "$OUT" >&2
field() { sed -n "s/^[[:space:]]*$1: //p" "$TIMES"; }
wall=$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }')
user=$(field 'User time (seconds)')
system=$(field 'System time (seconds)')
cpu=$(field 'Percent of CPU this job got')
rss_kb=$(field 'Maximum resident set size (kbytes)')

log "counting the output"
files=$(find "$OUT" -type f | wc -l)
folders=$(find "$OUT" -type d | wc -l)
bytes=$(find "$OUT" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')
on_disk_kb=$(du -sk "$OUT" | cut -f1)

# The output and the floor never take disk space at once: the output's shape is saved, the
# output deleted (unless KEEP=1 without REBUILD), and the floor made from the shape.
SHAPE=$DIR/shape-$N.json
python3 "$HERE/floor.py" "$OUT" --save-shape "$SHAPE" >&2
((KEEP && !REBUILD)) || delete_output  # the cached rebuild makes its own output again
log "floor: the same folders and files, empty"
floor_line=$(python3 "$HERE/floor.py" "$SHAPE" "$FLOOR")
rm -f "$SHAPE"
echo "$floor_line" >&2
floor_s=$(echo "$floor_line" | sed -E 's/.* in ([0-9.]+) s .*/\1/')

# ---------------------------------------------------------------- cached rebuild (optional)
rebuild=""
if ((REBUILD)); then
  log "first build (writes the build cache)"
  "$BIN" build --root "$SITE" --output "$OUT" >&2
  article=$(find "$SITE/content" -name '*.md' | LC_ALL=C sort | sed -n 1p)
  cp "$article" "$DIR/edited-article.bak"
  printf '\nSunting: satu kalimat baru.\n' >>"$article"
  log "cached rebuild after editing $article"
  /usr/bin/time -v -o "$DIR/time-$N-rebuild.txt" "$BIN" build --root "$SITE" --output "$OUT" >&2
  cp "$DIR/edited-article.bak" "$article" && rm "$DIR/edited-article.bak"
  TIMES=$DIR/time-$N-rebuild.txt
  rebuild=$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f s", s }')
  rebuild="$rebuild, $(($(field 'Maximum resident set size (kbytes)') / 1024)) MiB"
fi

# ---------------------------------------------------------------- report
[[ -f $DIR/results.md ]] || {
  echo "| date | articles | cold wall | user | system | CPU | peak RSS | files | folders | bytes (on disk) | floor: create files+folders | cached rebuild |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$DIR/results.md"
row="| $(date -u +%F) | $N | $wall s | $user s | $system s | $cpu | $((rss_kb / 1024)) MiB | $files | $folders | $(gb $((bytes / 1024))) ($(gb "$on_disk_kb")) | $floor_s s | ${rebuild:-not run} |"
echo "$row" | tee -a "$DIR/results.md"

if ((KEEP)); then
  log "output kept in $OUT"
else
  delete_output
fi
log "row appended to $DIR/results.md; the corpus stays in $SITE/content (rm -rf $SITE to free $(gb $((N * CORPUS_KB))))"
