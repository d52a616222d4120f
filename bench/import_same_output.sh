#!/usr/bin/env bash
# Whether two cermin binaries import the same: every article file written, byte for byte, and
# the same `--explain` report (every line dropped and the rule that dropped it), on
#   bench      the 2,000 pages of bench/import_bench.py (made in /dev/shm if missing),
#   dev        the 840 pages of extraction-dev ($EXTRACTION_DEV, default ../shared/extraction-dev
#              or /work/shared/extraction-dev),
#   benchmark  the 181 pages of the article benchmark ($ARTICLE_BENCHMARK, default
#              ../article-benchmark or /work/article-benchmark),
#   golden     tests/import_golden/{html,text}, each page imported alone as the golden tests do.
# A folder is imported in one run (so batch learning sees the whole folder), into a scratch
# site per binary; the report's mention of the scratch folder is replaced before comparing.
#
# Usage: bench/import_same_output.sh BASE BIN [SET...]     (default: all four sets)
# Prints one line per set and the differences, if any; exits 1 when anything differs.
# Scratch files go under $TMPDIR (default /tmp) and are deleted at the end.
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
BASE=$(realpath "$1")
BIN=$(realpath "$2")
shift 2
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(bench dev benchmark golden)

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cermin-same-output.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The first of the given folders that exists.
first_dir() {
  for d in "$@"; do
    if [ -d "$d" ]; then
      echo "$d"
      return
    fi
  done
  echo "none of these folders exists: $*" >&2
  exit 2
}

# A scratch site: default rules, Indonesian, Jakarta time (as bench/heldout_pages.sh).
new_site() {
  rm -rf "$1"
  mkdir -p "$1/content"
  printf 'title = "T"\nbase_url = "https://uji.example"\nlanguage = "id"\ntimezone = "Asia/Jakarta"\n' > "$1/site.toml"
}

# import_with NAME BINARY SITE PATH...: imports PATH... into SITE with --explain; the report,
# with SITE written as <site>, goes to SITE.report.
import_with() {
  local binary=$1 site=$2
  shift 2
  new_site "$site"
  local status=0
  "$binary" import --explain --root "$site" "$@" > "$site.raw" 2>&1 || status=$?
  echo "exit status $status" >> "$site.raw"
  sed "s#$site#<site>#g" "$site.raw" > "$site.report"
  rm "$site.raw"
}

# same NAME: compares the two sites of one run; prints the differences.
same() {
  local name=$1 a="$WORK/base-$1" b="$WORK/bin-$1" files
  files=$(find "$a/content" -type f | wc -l)
  if diff -r "$a/content" "$b/content" > "$WORK/$name.diff" &&
    diff "$a.report" "$b.report" >> "$WORK/$name.diff"; then
    return 0
  fi
  echo "DIFFERS: $name ($files files by the base)"
  head -40 "$WORK/$name.diff"
  return 1
}

# compare_folder SET PATH...: one import of the whole folder by each binary.
compare_folder() {
  local name=$1
  shift
  import_with "$BASE" "$WORK/base-$name" "$@"
  import_with "$BIN" "$WORK/bin-$name" "$@"
  if same "$name"; then
    echo "same: $name: $(find "$WORK/base-$name/content" -type f | wc -l) files," \
      "$(grep -c . "$WORK/base-$name.report") report lines"
    rm -rf "$WORK/base-$name" "$WORK/bin-$name"
    return 0
  fi
  return 1
}

# compare_pages SET FOLDER...: each page of the folders imported alone.
compare_pages() {
  local name=$1 pages=0 differ=0 page
  shift
  for folder in "$@"; do
    for page in "$folder"/*.html "$folder"/*.txt; do
      [ -e "$page" ] || continue
      case $page in *.noarticle.txt) continue ;; esac
      pages=$((pages + 1))
      local one
      one="$name-$(basename "$page")"
      import_with "$BASE" "$WORK/base-$one" "$page"
      import_with "$BIN" "$WORK/bin-$one" "$page"
      if same "$one"; then
        rm -rf "$WORK/base-$one"* "$WORK/bin-$one"*
      else
        differ=$((differ + 1))
      fi
    done
  done
  if [ $differ -eq 0 ]; then
    echo "same: $name: $pages pages, each alone"
    return 0
  fi
  echo "DIFFERS: $name: $differ of $pages pages"
  return 1
}

failed=0
for set in "${SETS[@]}"; do
  case $set in
    bench)
      pages=$(cd "$REPO/bench" && python3 -c 'import import_bench; print(import_bench.make_pages(2000))')
      compare_folder bench "$pages" || failed=1
      ;;
    dev)
      dev=$(first_dir "${EXTRACTION_DEV:-$REPO/../shared/extraction-dev}" /work/shared/extraction-dev)
      compare_folder dev "$dev/pages" || failed=1
      ;;
    benchmark)
      benchmark=$(first_dir "${ARTICLE_BENCHMARK:-$REPO/../article-benchmark}" /work/article-benchmark)
      compare_folder benchmark "$benchmark/html" || failed=1
      ;;
    golden)
      compare_pages golden "$REPO/tests/import_golden/html" "$REPO/tests/import_golden/text" || failed=1
      ;;
    *)
      echo "unknown set: $set (bench, dev, benchmark or golden)" >&2
      exit 2
      ;;
  esac
done
exit $failed
