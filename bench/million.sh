#!/usr/bin/env bash
# The million-article benchmark (issue 20) in one command: a cold build of N generated articles
# on the machine's disk, with its wall time, CPU time, peak memory, files and bytes written,
# beside the floor: the time to create the same folders and files, empty, from one thread and
# from as many threads as the build writes with.
#
# Usage: bench/million.sh [N=1000000]
#
# Steps: checks free disk space (about 48 KB per article: 6 KB of Markdown, 34 KB of output,
# 8 KB of the build's scratch file in $TMPDIR; ~48 GB for a million) and free inodes, and
# refuses with a message if they are short; makes the corpus with bench/gen_corpus.py in $DIR/N (once: it is kept for the next run), sets its
# permalink style, reads it once so that it is in the page cache, waits for the disk to settle
# (below), then times
#   /usr/bin/time -v cermin build --no-cache --root $DIR/N --output $DIR/N/public
# counts what it wrote, saves the output's shape and deletes it, and times bench/floor.py
# making that shape once per entry of FLOOR_THREADS, after the disk settled again (the floors
# are deleted together after the last one). The output is deleted at the end (KEEP=1 keeps
# it). A summary row is appended to $DIR/results.md.
#
# Settling: on ext4 without a journal (this project's benchmark machine), a new file or folder
# steps over every inode freed in the last 60 s (300 s while the inode's table block is dirty,
# which creating files nearby makes it again): right after a large deletion, creating files
# costs two to ten times as much. So after each deletion it makes the script runs `sync` and
# records the time in $DIR/.deleted-at, and before the build and before each floor it waits
# until SETTLE seconds have passed since the last recorded deletion (also one made by an
# earlier run). It prints each wait. Deletions by other programs on the same disk are not
# seen: keep the disk to yourself.
#
# Environment:
#   DIR=/var/tmp/cermin-million  where corpus and output go: on the disk being measured, not
#                                tmpfs (a million articles' output does not fit in memory)
#   BIN=target/release/cermin    the cermin to time (cargo build --release --locked)
#   STYLE=folders                the permalink: `folders` (/:year/:month/:day/:slug/, a folder
#                                and an index.html per article, the default) or `html`
#                                (/:year/:month/:day/:slug.html: one folder fewer per article)
#   WRITERS=                     writer threads of the build (CERMIN_WRITERS; unset: cermin's 4)
#   FLOOR_THREADS="1 4"          the floors to time, by threads; FLOOR_THREADS= times none
#   SETTLE=330                   seconds to wait after a deletion (0 on a file system other
#                                than ext4 without a journal, where there is nothing to wait for)
#   REBUILD=1                    also time a cached rebuild after one article changes (a first
#                                build writes the cache, then one article is edited and built
#                                again; the edit is undone afterwards)
#   KEEP=1                       keep the output folder
#
# The site's other settings are the example site's (bench/corpus.py: site.toml with
# paginate_by = 20): term feeds with summaries, the site feed with full text, day archives and
# the search index on.
#
# Needs: python3, GNU time (apt-get install -y time), coreutils. Takes a machine to itself:
# at a million articles, ~3 min to generate, 3-7 min to build, ~2.5 min to delete an output,
# five and a half minutes of settling after each deletion, ~1.5 min per floor.
set -euo pipefail

N=${1:-1000000}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
DIR=${DIR:-/var/tmp/cermin-million}
BIN=${BIN:-$REPO/target/release/cermin}
STYLE=${STYLE:-folders}
WRITERS=${WRITERS:-}
FLOOR_THREADS=${FLOOR_THREADS-1 4}
REBUILD=${REBUILD:-0}
KEEP=${KEEP:-0}
SITE=$DIR/$N
OUT=$SITE/public
FLOOR=$DIR/floor-$N  # floor-N-THREADS
DELETED_AT=$DIR/.deleted-at
CORPUS_KB=6
OUTPUT_KB=34  # measured: ~1.5 files and 31.7 KB on disk per article (search index included)
SCRATCH_KB=8  # the build's scratch file in $TMPDIR: bodies (~6 KB of HTML) and cards beyond 128 MB

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { echo "bench/million.sh: $*" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# Whether $DIR is on ext4 without a journal: the file system that makes new files step over
# recently freed inodes (ext4 with a journal, XFS and tmpfs do not).
ext4_without_journal() {
  local source fstype
  read -r source fstype < <(findmnt -n -o SOURCE,FSTYPE -T "$DIR")
  [[ $fstype == ext4 ]] || return 1
  ! compgen -G "/proc/fs/jbd2/$(basename "$source")-*" >/dev/null
}

# Deletes folders (the top ones in parallel: faster on a disk that discards on delete), then
# syncs and records when, for `settle`.
delete_tree() {
  local start=$SECONDS path
  for path in "$@"; do
    [[ -e $path ]] || continue
    if [[ -d $path ]]; then
      find "$path" -mindepth 1 -maxdepth 1 -print0 | xargs -0 -r -P 4 -n 1 rm -rf
    fi
    rm -rf "$path"
  done
  sync
  date +%s >"$DELETED_AT"
  log "deleted $* and synced in $((SECONDS - start)) s"
}

# Waits until SETTLE seconds have passed since the last deletion recorded in $DIR; sets
# `waited` (seconds) and `since` (seconds from that deletion to the end of the wait).
settle() {
  waited=0 since=never
  ((SETTLE > 0)) && [[ -f $DELETED_AT ]] || return 0
  local age=$(($(date +%s) - $(cat "$DELETED_AT")))
  since=$age
  ((age < SETTLE)) || return 0
  waited=$((SETTLE - age)) since=$SETTLE
  log "waiting $waited s before $1: the last deletion in $DIR was $age s ago, and new files on ext4 without a journal step over inodes freed in the last minutes (SETTLE=$SETTLE)"
  sleep "$waited"
}

# What `settle` found, for the report.
settled_note() {
  if ((SETTLE == 0)); then echo "not waited (SETTLE=0)"
  elif [[ $since == never ]]; then echo "no deletion recorded"
  else echo "$since s after a deletion ($waited s waited)"; fi
}

[[ $N =~ ^[0-9]+$ ]] && ((N > 0)) || die "N must be a number of articles, e.g. 1000000"
[[ -x $BIN ]] || die "no cermin at $BIN: build it with \`cargo build --release --locked\` or set BIN="
/usr/bin/time --version 2>&1 | grep -q GNU || die "needs GNU time at /usr/bin/time: apt-get install -y time"
case $STYLE in
  folders) PERMALINK="/:year/:month/:day/:slug/" ;;
  html) PERMALINK="/:year/:month/:day/:slug.html" ;;
  *) die "STYLE=$STYLE: use STYLE=folders (/:year/:month/:day/:slug/) or STYLE=html (/:year/:month/:day/:slug.html)" ;;
esac
[[ -z $WRITERS || ($WRITERS =~ ^[1-9][0-9]?$ && WRITERS -le 64) ]] || die "WRITERS=$WRITERS: give a number of writer threads from 1 to 64, or leave it unset"
for threads in $FLOOR_THREADS; do
  [[ $threads =~ ^[1-9][0-9]*$ ]] || die "FLOOR_THREADS=\"$FLOOR_THREADS\": give numbers of threads, e.g. \"1 4\""
done

mkdir -p "$DIR"
if [[ -z ${SETTLE:-} ]]; then
  if ext4_without_journal; then SETTLE=330; else SETTLE=0; fi
fi
[[ $SETTLE =~ ^[0-9]+$ ]] || die "SETTLE=$SETTLE: give a number of seconds"
leftovers=("$OUT" "$SITE/.cermin-cache")
for path in "$FLOOR"-*; do leftovers+=("$path"); done
for path in "${leftovers[@]}"; do
  [[ -e $path ]] || continue
  log "deleting what an earlier run left in $DIR"
  delete_tree "${leftovers[@]}"
  break
done

# ---------------------------------------------------------------- space
corpus_ready=$(cd "$HERE" && CERMIN_BENCH_DIR=$DIR python3 -c '
import pathlib, sys
from corpus import generator_stamp
stamp = pathlib.Path(sys.argv[1]) / ".corpus-stamp"
print(int(stamp.is_file() and stamp.read_text() == generator_stamp(int(sys.argv[2]), [])))' "$SITE" "$N")
need_kb=$((N * OUTPUT_KB + 1024 * 1024))  # and 1 GB to spare
((corpus_ready)) || need_kb=$((need_kb + N * CORPUS_KB))
((REBUILD)) && need_kb=$((need_kb + N * 2))  # the build cache: records and hard links
scratch=${TMPDIR:-/tmp}
scratch_kb=$((N * SCRATCH_KB))
gb() { awk -v kb="$1" 'BEGIN { printf "%.1f GB", kb / 1024 / 1024 }'; }
avail_kb() { df --output=avail -k "$1" | tail -1 | tr -d ' '; }
if [[ $(df --output=source "$scratch" | tail -1) == "$(df --output=source "$DIR" | tail -1)" ]]; then
  need_kb=$((need_kb + scratch_kb))  # the scratch file takes room on the same disk
elif (($(avail_kb "$scratch") < scratch_kb)); then
  die "the build's scratch file needs about $(gb "$scratch_kb") free in $scratch (TMPDIR); it has $(gb "$(avail_kb "$scratch")"). Free some space, or set TMPDIR= to a folder with more."
fi
free_kb=$(avail_kb "$DIR")
if ((free_kb < need_kb)); then
  die "$N articles need about $(gb "$need_kb") free in $DIR ($(gb $((N * CORPUS_KB))) of Markdown unless already made, $(gb $((N * OUTPUT_KB))) of output, $(gb "$scratch_kb") of scratch file in $scratch if on the same disk, 1 GB to spare); $(df --output=target "$DIR" | tail -1) has $(gb "$free_kb") free. Free some space, or set DIR= to a folder on a disk with more."
fi
floor_count=$(wc -w <<<"$FLOOR_THREADS")
# the corpus (1 per article), then the output or the floors kept together (~3 per article each)
need_inodes=$((N * (1 + 3 * (floor_count > 1 ? floor_count : 1))))
free_inodes=$(df --output=iavail "$DIR" | tail -1 | tr -d ' ')
if [[ $free_inodes =~ ^[0-9]+$ ]] && ((free_inodes > 0 && free_inodes < need_inodes)); then
  die "$N articles need about $need_inodes free inodes in $DIR; it has $free_inodes. Set DIR= to another file system."
fi
log "disk: $(gb "$free_kb") free in $DIR, about $(gb "$need_kb") needed; settling $SETTLE s after a deletion"

# ---------------------------------------------------------------- corpus
start=$SECONDS
log "corpus: $N articles in $SITE/content (made once, kept for the next run)"
(cd "$HERE" && CERMIN_BENCH_DIR=$DIR python3 -c 'import sys; from corpus import corpus; corpus(int(sys.argv[1]))' "$N")
sed -i -E "s|^permalink = .*|permalink = \"$PERMALINK\"|" "$SITE/site.toml"
grep -qxF "permalink = \"$PERMALINK\"" "$SITE/site.toml" || die "could not set the permalink in $SITE/site.toml"
log "corpus ready in $((SECONDS - start)) s (permalink $PERMALINK); reading it into the page cache"
find "$SITE/content" -type f -print0 | xargs -0 cat >/dev/null

# ---------------------------------------------------------------- cold build
settle "the build"
build_settled=$(settled_note)
sync
TIMES=$DIR/time-$N.txt
load_before=$(load)
log "cold build: ${WRITERS:+CERMIN_WRITERS=$WRITERS }$BIN build --no-cache (load $load_before)"
if ! env ${WRITERS:+CERMIN_WRITERS=$WRITERS} /usr/bin/time -v -o "$TIMES" "$BIN" build --no-cache --root "$SITE" --output "$OUT" >&2; then
  # A failed build removes its half-written staging folder: a deletion the next run waits for.
  sync
  date +%s >"$DELETED_AT"
  die "the build failed (its message is above; its times are in $TIMES)"
fi
load_after=$(load)
field() { sed -n "s/^[[:space:]]*$1: //p" "$TIMES"; }
wall=$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }')
user=$(field 'User time (seconds)')
system=$(field 'System time (seconds)')
cpu=$(field 'Percent of CPU this job got')
rss_kb=$(field 'Maximum resident set size (kbytes)')
log "built in $wall s (user $user s, system $system s, $cpu); load $load_before before, $load_after after"

log "counting the output"
read -r files folders bytes on_disk_kb < <(find "$OUT" -printf '%y %s %b\n' | awk '
  $1 == "f" { files++; bytes += $2 } $1 == "d" { folders++ } { blocks += $3 }
  END { printf "%d %d %.0f %.0f\n", files, folders, bytes, blocks / 2 }')

# The output and the floor never take disk space at once: the output's shape is saved, the
# output deleted (unless KEEP=1 without REBUILD), and the floors made from the shape.
SHAPE=$DIR/shape-$N.json
floors=""
if [[ -n $FLOOR_THREADS ]]; then
  python3 "$HERE/floor.py" "$OUT" --save-shape "$SHAPE" >&2
  ((KEEP && !REBUILD)) || delete_tree "$OUT" "$SITE/.cermin-cache"  # a cached rebuild makes its own
  # The floors are kept until the last is made, then deleted together: a floor made right
  # after deleting the one before would pay for that deletion (or wait for it to settle).
  made=()
  for threads in $FLOOR_THREADS; do
    settle "the floor from $threads thread(s)"
    log "floor: the same folders and files, empty, from $threads thread(s) (load $(load))"
    floor_line=$(python3 "$HERE/floor.py" "$SHAPE" "$FLOOR-$threads" --threads "$threads" --keep)
    made+=("$FLOOR-$threads")
    echo "$floor_line" >&2
    floor_s=$(echo "$floor_line" | sed -E 's/.* in ([0-9.]+) s .*/\1/')
    floor_cpu=$(echo "$floor_line" | sed -E 's/.*user ([0-9.]+) s, system ([0-9.]+) s.*/\1 + \2/')
    floors="${floors:+$floors; }$threads: $floor_s s, user + system $floor_cpu s, $(settled_note)"
  done
  delete_tree "${made[@]}"
  rm -f "$SHAPE"
elif ! ((KEEP && !REBUILD)); then
  delete_tree "$OUT" "$SITE/.cermin-cache"
fi

# ---------------------------------------------------------------- cached rebuild (optional)
rebuild=""
if ((REBUILD)); then
  settle "the first build"
  log "first build (writes the build cache)"
  env ${WRITERS:+CERMIN_WRITERS=$WRITERS} "$BIN" build --root "$SITE" --output "$OUT" >&2
  article=$(find "$SITE/content" -name '*.md' | LC_ALL=C sort | sed -n 1p)
  cp "$article" "$DIR/edited-article.bak"
  printf '\nSunting: satu kalimat baru.\n' >>"$article"
  log "cached rebuild after editing $article"
  env ${WRITERS:+CERMIN_WRITERS=$WRITERS} /usr/bin/time -v -o "$DIR/time-$N-rebuild.txt" "$BIN" build --root "$SITE" --output "$OUT" >&2
  cp "$DIR/edited-article.bak" "$article" && rm "$DIR/edited-article.bak"
  TIMES=$DIR/time-$N-rebuild.txt
  rebuild=$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f s", s }')
  rebuild="$rebuild, $(($(field 'Maximum resident set size (kbytes)') / 1024)) MiB"
fi

# ---------------------------------------------------------------- report
header="| date | articles | style | writers | build started | load before, after | cold wall | user | system | CPU | peak RSS | files | folders | bytes (on disk) | floor by threads: wall (user + system) | cached rebuild |"
if ! grep -qxF "$header" "$DIR/results.md" 2>/dev/null; then
  { [[ -s $DIR/results.md ]] && echo; echo "$header"
    echo "|---|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"; } >>"$DIR/results.md"
fi
row="| $(date -u '+%F %H:%M') | $N | $STYLE | ${WRITERS:-default} | $build_settled | $load_before; $load_after | $wall s | $user s | $system s | $cpu | $((rss_kb / 1024)) MiB | $files | $folders | $(gb $((bytes / 1024))) ($(gb "$on_disk_kb")) | ${floors:-not run} | ${rebuild:-not run} |"
echo "$row" | tee -a "$DIR/results.md"

if ((KEEP)); then
  log "output kept in $OUT"
else
  [[ -e $OUT ]] && delete_tree "$OUT" "$SITE/.cermin-cache"
fi
log "row appended to $DIR/results.md; the corpus stays in $SITE/content (rm -rf $SITE to free $(gb $((N * CORPUS_KB))))"
