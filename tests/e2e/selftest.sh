#!/usr/bin/env bash
# Proves the e2e checks catch what they should:
#   tests/e2e/selftest.sh
# - fixtures/good passes check_site.py and the whole run.sh with vnu;
# - fixtures/bad fails check_site.py with every expected message and nothing else.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tools.sh
. "$HERE/tools.sh"
ensure_feedparser || { echo "selftest: could not install feedparser" >&2; exit 2; }

BASE_URL="https://cermin.example.org"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   - $*"; }
not_ok() { failed=$((failed + 1)); echo "FAIL - $*"; }

# --- good fixture
out="$(python3 "$HERE/check_site.py" "$HERE/fixtures/good" --base-url "$BASE_URL" 2>&1)"
rc=$?
if [ "$rc" -eq 0 ] && grep -qF "OK: all checks passed" <<<"$out"; then
    ok "good fixture passes check_site.py"
else
    not_ok "good fixture passes check_site.py (exit $rc)"
    echo "$out" | sed 's/^/    /'
fi

# --- bad fixture
out="$(python3 "$HERE/check_site.py" "$HERE/fixtures/bad" --base-url "$BASE_URL" 2>&1)"
rc=$?
if [ "$rc" -eq 1 ]; then ok "bad fixture exits 1"; else not_ok "bad fixture exits 1 (got $rc)"; fi

expected=(
    "[feed] rss.xml: not well-formed (bozo)"
    "[feed] atom.xml: entry 1 ('Artikel tanpa id') has no id/guid"
    "[feed] atom.xml: entry 1 ('Artikel tanpa id') has no published date"
    "[feed] tags/rusia/rss.xml: has no entries"
    "[link] atom.xml: <entry link=\"https://cermin.example.org/2022/01/27/hilang/\"> is broken"
    "[junk] index.html:10: contains 'rmol news logo'"
    "[junk] 2022/01/27/artikel/index.html:8: contains 'LAPORAN:'"
    "[junk] 2022/01/27/artikel/index.html:10: contains 'Apollo Solar Panel'"
    "[junk] atom.xml:11: contains 'Google News'"
    "[link] index.html:11: <a href=\"/tidak-ada/\"> is broken: no file tidak-ada/index.html"
    "[link] index.html:12: <img src=\"gambar/hilang.png\"> is broken: no file gambar/hilang.png"
    "[layout] index.html:12: <img src=\"gambar/hilang.png\"> has no width and height (the page shifts when it loads)"
    "[fragment] index.html:13: <a href=\"#tidak-ada-id\">: no id=\"tidak-ada-id\" in index.html"
    "[fragment] index.html:14: <a href=\"2022/01/27/artikel/#komentar\">: no id=\"komentar\" in 2022/01/27/artikel/index.html"
    "[link] index.html:15: <a href=\"../../luar.html\">: relative link climbs above the site root"
    "[link] index.html:16: <a href=\"https://cermin.example.org/arsip/2099/\"> is broken"
    "[link] 2022/01/27/artikel/index.html:11: <a href=\"../../../../tags/rusia/index.html\"> is broken"
    "[link] style.css:1: <css url=\"fonts/hilang.woff2\"> is broken"
    "[sitemap] sitemap.xml: <loc>https://cermin.example.org/2022/01/27/hilang/</loc> maps to no file"
    "[sitemap] sitemap.xml: <loc>https://lain.example.net/</loc> is not under the base URL"
    "[robots] robots.txt: has no 'Sitemap:' line"
    "[remote] index.html:19: <img src=\"https://cdn.lain.example/foto.jpg\"> loads from another host"
    "[remote] index.html:19: <source srcset=\"https://cdn.lain.example/foto.webp\"> loads from another host"
    "[remote] index.html:20: <link href=\"//cdn.lain.example/tema.css\"> loads from another host"
    "[remote] index.html:20: <script src=\"https://iklan.example/pelacak.js\"> loads from another host"
    "[remote] index.html:20: <iframe src=\"https://iklan.example/bingkai\"> loads from another host"
    "[remote] style.css:2: <css url=\"https://fonts.lain.example/huruf.css\"> loads from another host"
)
for msg in "${expected[@]}"; do
    if grep -qF -- "$msg" <<<"$out"; then ok "bad: reports $msg"; else not_ok "bad: reports $msg"; fi
done
if grep -qF "FAILED: ${#expected[@]} problem(s)" <<<"$out"; then
    ok "bad: exactly ${#expected[@]} problems (no false alarms)"
else
    not_ok "bad: exactly ${#expected[@]} problems (no false alarms)"
fi
for notmsg in "rmol.id/tidak-diperiksa" "mailto:" "#utama" "data:image"; do
    if grep -qF -- "$notmsg" <<<"$out"; then not_ok "bad: does not report $notmsg"; else ok "bad: does not report $notmsg"; fi
done
if [ "$failed" -ne 0 ]; then
    echo "--- check_site.py output on fixtures/bad:"
    echo "$out" | sed 's/^/    /'
fi

# --- the whole pipeline (vnu + check_site) on the good fixture
out="$("$HERE/run.sh" "$HERE/fixtures/good" "$BASE_URL" 2>&1)"
rc=$?
if [ "$rc" -eq 0 ]; then
    ok "run.sh passes on good fixture (vnu + check_site)"
else
    not_ok "run.sh passes on good fixture (exit $rc)"
    echo "$out" | sed 's/^/    /'
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
