#!/usr/bin/env bash
# Makes the site issue 17 is judged on, in DIR (which must not exist), and builds it into
# DIR/public: a new site (`cermin init`) with page bundles, pages saved with their images
# ("Save page as… complete", a `wget -p` tree, a SingleFile page with `data:` URIs) imported
# from disk with no network, and hostile image files beside the photos (a corrupt JPEG, a PNG
# claiming 30,000 × 30,000 pixels, a `.jpg` that is a GIF, a `.jpg` that is text, an SVG with
# a script). The photos are the example site's own. Prints the build's and the imports'
# output; fails if a command fails or a warning for a hostile file is missing.
# Usage: tests/browser/photo_site.sh DIR     (CERMIN_BIN=/path/to/cermin)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CERMIN="${CERMIN_BIN:?set CERMIN_BIN to the cermin binary}"
DIR="$1"
SITE="$DIR/site"
INBOX="$DIR/inbox"
PHOTOS="$REPO/content"
LARI="$PHOTOS/2025/10/lari-pagi-jakarta-diikuti-8000-pelari" # foto.jpg 1600×1067, rute.jpg 900×600
KULINER="$PHOTOS/2025/06/festival-kuliner-nusantara-kota-tua"  # foto.jpg 1200×900
CUACA="$PHOTOS/2026/11/cuaca-ekstrem-penyeberangan-merak-bakauheni-ditunda" # foto.jpg 1600×900
BUS="$PHOTOS/2024/05/bus-listrik-blok-m-kota-beroperasi-penuh/bus-listrik.png" # 640×360

"$CERMIN" init "$SITE" >/dev/null
sed -i 's|^base_url = .*|base_url = "https://cermin.example.id"|; s|^language = .*|language = "id"|' "$SITE/site.toml"
# A site default image for articles without one (social cards).
mkdir -p "$SITE/static/images"
cp "$KULINER/foto.jpg" "$SITE/static/images/bawaan.jpg"
sed -i 's|^author = .*|&\ndefault_image = "/images/bawaan.jpg"|' "$SITE/site.toml"

PARAGRAPHS='Warga kota memadati jalan utama sejak pagi untuk melihat acara yang digelar pemerintah daerah bersama komunitas setempat.

Panitia mencatat ribuan peserta datang dari berbagai kecamatan, dan petugas mengatur lalu lintas di sekitar lokasi acara.

Acara berlangsung tertib hingga siang hari, dan panitia berencana menggelar kegiatan serupa tahun depan dengan peserta lebih banyak.'

# bundle SLUG DATE TITLE FRONT_MATTER_EXTRA BODY_EXTRA: content/YYYY/MM/SLUG/index.md
bundle() {
  local slug="$1" date="$2" title="$3" extra="$4" body="$5"
  local folder="$SITE/content/${date:0:4}/${date:5:2}/$slug"
  mkdir -p "$folder"
  cat >"$folder/index.md" <<EOF
---
title: "$title"
date: ${date}T08:00:00+07:00
author: "Redaksi Cermin"
tags: [foto, kota]
category: News
$extra
---
$PARAGRAPHS

$body

Penutup: panitia mengucapkan terima kasih kepada warga.
EOF
  echo "$folder"
}

b="$(bundle lari-pagi 2026-11-20 "Lari Pagi Diikuti Ribuan Pelari" \
  $'image: foto.jpg\nimage_caption: "Pelari melintasi Bundaran HI."' \
  '![Peta rute lari pagi](rute.jpg)')"
cp "$LARI/foto.jpg" "$LARI/rute.jpg" "$b/"

b="$(bundle cuaca-ekstrem 2026-11-21 "Cuaca Ekstrem, Penyeberangan Ditunda" \
  $'image: foto.jpg\nimage_caption: "Kapal bersandar di pelabuhan."' \
  '![Bus listrik di halte](bus.png)')"
cp "$CUACA/foto.jpg" "$b/"
cp "$BUS" "$b/bus.png"

# The hostile files, shown by an article that also has a good photo.
b="$(bundle berkas-rusak 2026-11-22 "Berkas Gambar Rusak Tidak Menghentikan Situs" \
  $'image: foto.jpg\nimage_caption: "Festival kuliner."' \
  $'![Foto rusak](rusak.jpg)\n\n![Foto terpotong](terpotong.jpg)\n\n![Bom piksel](bom.png)\n\n![GIF bernama jpg](gif.jpg)\n\n![Teks bernama jpg](teks.jpg)\n\n![SVG dengan skrip](jahat.svg)')"
cp "$KULINER/foto.jpg" "$b/"
# A JPEG broken after its first bytes, and one cut short (published as far as it goes).
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00rusak, bukan data gambar' >"$b/rusak.jpg"
head -c 30000 "$LARI/foto.jpg" >"$b/terpotong.jpg"
# A PNG header claiming 30,000 × 30,000 pixels (CRC right), with nothing behind it.
python3 - "$b/bom.png" <<'EOF'
import struct, sys, zlib
ihdr = b"IHDR" + struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
data = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + ihdr + struct.pack(">I", zlib.crc32(ihdr))
idat = b"IDAT" + zlib.compress(b"\0" * 1000)
data += struct.pack(">I", len(idat) - 4) + idat + struct.pack(">I", zlib.crc32(idat))
open(sys.argv[1], "wb").write(data)
EOF
# A 1 × 1 GIF.
printf 'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;' >"$b/gif.jpg"
echo "Ini bukan gambar, hanya catatan." >"$b/teks.jpg"
cat >"$b/jahat.svg" <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>fetch("https://pelacak.example/x")</script><rect width="10" height="10"/></svg>
EOF

# An article with no photo: the site's default image is its social card.
bundle tanpa-foto 2026-11-19 "Rapat Warga Membahas Jalan Desa" "" "" >/dev/null

# Saved pages, imported from disk.
saved_page() { # TITLE URL DATE IMAGES_HTML [OG_IMAGE: the lead photo's address on the web]
  cat <<EOF
<!doctype html><html lang="id"><head><meta charset="utf-8">
${5:+<meta property="og:image" content="$5">}
<title>$1</title>
<link rel="canonical" href="$2">
<meta property="article:published_time" content="$3">
</head><body><article><h1>$1</h1>
<p>Air Sungai Ciliwung meluap dan merendam ratusan rumah di Kampung Melayu, Jakarta Timur, Senin pagi, dengan ketinggian air mencapai satu meter.</p>
$4
<p>Badan Penanggulangan Bencana Daerah mencatat sedikitnya seribu warga mengungsi ke masjid dan sekolah di sekitar permukiman mereka.</p>
<p>Pemerintah kota berencana membangun tanggul baru di sepanjang sungai agar air tidak lagi masuk ke permukiman warga tahun depan.</p>
</article></body></html>
EOF
}
mkdir -p "$INBOX/complete/Banjir_files" "$INBOX/wget/asal.example/2026/11/23" "$INBOX/wget/asal.example/img" "$INBOX/singlefile"
# "Save page as… complete": page.html + page_files/.
saved_page "Banjir Rendam Kampung Melayu" "https://asal.example/2026/11/24/banjir.html" "2026-11-24T14:05:00+07:00" \
  '<figure><img src="./Banjir_files/foto%20utama.jpg" alt="Warga mengungsi"><figcaption>Warga mengungsi.</figcaption></figure>
<p><img src="Banjir_files/rute.jpg" alt="Peta genangan"></p>' \
  "https://cdn.asal.example/foto/2026/11/foto%20utama.jpg?w=1200" >"$INBOX/complete/Banjir.html"
cp "$CUACA/foto.jpg" "$INBOX/complete/Banjir_files/foto utama.jpg"
cp "$LARI/rute.jpg" "$INBOX/complete/Banjir_files/rute.jpg"
# A `wget -p` tree: the host's folder, images by site path and by address.
saved_page "Jembatan Baru Dibuka untuk Warga" "https://asal.example/2026/11/23/jembatan.html" "2026-11-23T10:00:00+07:00" \
  '<p><img src="/img/jembatan.jpg" alt="Jembatan baru"></p>
<p><img src="https://asal.example/img/bus.png?v=2" alt="Bus di jembatan"></p>' \
  "https://asal.example/img/jembatan.jpg" >"$INBOX/wget/asal.example/2026/11/23/jembatan.html"
cp "$LARI/foto.jpg" "$INBOX/wget/asal.example/img/jembatan.jpg"
cp "$BUS" "$INBOX/wget/asal.example/img/bus.png?v=2"
# A SingleFile page: the image inlined as a `data:` URI.
saved_page "Pasar Malam Kembali Digelar" "https://asal.example/2026/11/25/pasar.html" "2026-11-25T19:00:00+07:00" \
  "<p><img src=\"data:image/jpeg;base64,$(base64 -w0 "$KULINER/foto.jpg")\" alt=\"Pasar malam\"></p>" >"$INBOX/singlefile/pasar.html"

for page in "$INBOX/complete/Banjir.html" "$INBOX/wget" "$INBOX/singlefile/pasar.html"; do
  # No network: a proxy that does not exist would make any download fail loudly.
  http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 "$CERMIN" import --root "$SITE" "$page"
done

# Their lead photos (og:image, an address on the web) are the files saved beside them.
for article in banjir-rendam-kampung-melayu jembatan-baru-dibuka-untuk-warga; do
  grep -q '^image: "[a-z-]*\.jpg"$' "$SITE/content/2026/11/$article/index.md" ||
    { echo "photo_site.sh: $article's lead image is not its saved photo" >&2; exit 1; }
done

log="$DIR/build.log"
"$CERMIN" build --root "$SITE" --output "$DIR/public" 2>&1 | tee "$log"
for expected in "rusak.jpg: is a broken JPEG image" "terpotong.jpg: is a JPEG cut short" \
  "bom.png: claims 30000 × 30000 pixels" \
  "gif.jpg holds a GIF image" "teks.jpg: is not a JPEG, PNG, WebP or GIF image" \
  "jahat.svg holds a <script>"; do
  grep -qF "$expected" "$log" || { echo "photo_site.sh: no warning \"$expected\" in the build's output" >&2; exit 1; }
done
