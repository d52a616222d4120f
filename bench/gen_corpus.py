#!/usr/bin/env python3
"""Writes a deterministic corpus of synthetic Indonesian news articles for the benchmarks.

Usage: bench/gen_corpus.py N DIR [--seed S] [--taxonomies]

Writes N front-matter Markdown articles to DIR/content/YYYY/MM/<slug>.md, dated over three
years (2023-2025, +07:00). Front matter: title, date, author, tags (2-5 of 300, Zipf-like),
source (the article's URL at its outlet) and source_name (36 invented outlets, Zipf-like),
summary. 335 reporters write for the outlets, each for one; about one article in nine has
two. Each article belongs to one of seven sections (Politik, Ekonomi, ...), which steers its
title, tags and text. Bodies are 500-900 words in paragraphs, with an occasional `##`
heading, quote, list or "Baca juga" link; about 5% have a fenced code block.

By default the front matter holds only keys today's cermin knows, so a build prints no
warnings: a second author is the second item of `author: [...]`, and the section is not
written. --taxonomies writes what issue 18 (taxonomies) reads: `category:`, and two authors in
its three spellings (`author: "A, B"`, `author: "A dan B"`, `authors: [...]`); one byline in
fifty is written in capitals or with a doubled space, as name variants that must share a
page. Both modes draw the same random numbers, so titles, dates, tags, bodies and file names
are the same; only those front matter lines differ.

Article i is made from (seed, i) alone and file names are made unique in index order, so the
first 1,000 articles of the 10,000 corpus are the 1,000 corpus, byte for byte. Articles are
written as they are made (memory stays flat): 100,000 take about 12 s of one core.
Standard library only (Python 3.9+).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import random
import re
import sys
from datetime import date, timedelta

import corpus_words as W

DEFAULT_SEED = 14
FIRST_DAY = date(2023, 1, 1)
DAYS = (date(2025, 12, 31) - FIRST_DAY).days + 1
# Share of articles published in each hour of the day (a newsroom's rhythm, WIB).
HOUR_WEIGHTS = [1, 1, 1, 1, 2, 4, 6, 8, 9, 9, 9, 8, 8, 8, 8, 8, 7, 7, 6, 6, 5, 4, 3, 2]
# Chance of a second reporter; about one in nine articles has one, as the second draw is
# sometimes the first reporter again.
TWO_AUTHORS = 0.125
# Sentences in each section's bank; a power of two, so that any odd stride visits them all.
SENTENCES_PER_SECTION = 4096
SMALL_WORDS = {"di", "ke", "dari", "dan", "untuk", "yang", "dengan", "pada", "atau", "soal", "dalam"}


def zipf_cumulative(n: int, exponent: float) -> list[float]:
    """Cumulative weights 1/rank^exponent for ranks 1..n (for bisect sampling)."""
    return list(itertools.accumulate(1.0 / (r**exponent) for r in range(1, n + 1)))


def pick(rng: random.Random, items: list, cumulative: list[float]):
    return items[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]


def headline_case(text: str) -> str:
    """`kasus dugaan korupsi` -> `Kasus Dugaan Korupsi`; small words and acronyms kept."""
    words = []
    for i, word in enumerate(text.split(" ")):
        if word.lower() in SMALL_WORDS and i > 0:
            words.append(word.lower())
        else:
            words.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(words)


def mid_sentence(actor: str) -> str:
    """An actor as it reads after the start of a sentence: common nouns in lower case."""
    words = actor.split(" ")
    if words[0].isupper():
        return actor
    common = len(words) > 1 and any(w[:1].islower() for w in words[1:])
    single_common = len(words) == 1 and not actor.isupper() and actor not in PROPER_SINGLE
    return actor[0].lower() + actor[1:] if common or single_common else actor


# Single-word actors that are names, so keep their capital mid-sentence.
PROPER_SINGLE = {"Bawaslu", "Polda", "Polres", "Ombudsman"}


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def capitalize(s: str) -> str:
    return s[:1].upper() + s[1:]


# ---------------------------------------------------------------- who writes where


def build_outlets() -> tuple[list[dict], list[float]]:
    """Outlets with their reporters; reporters get a Zipf-like share of their outlet's work."""
    rng = random.Random("reporters")
    names = [f"{g} {f}" for g in W.GIVEN_NAMES for f in W.FAMILY_NAMES]
    rng.shuffle(names)
    shares = zipf_cumulative(len(W.OUTLETS), 1.0)
    total = shares[-1]
    outlets, taken = [], 0
    for k, (name, host, style) in enumerate(W.OUTLETS):
        share = 1.0 / (k + 1) / total
        staff = max(3, round(330 * share))
        reporters = names[taken : taken + staff]
        taken += staff
        outlets.append(
            {
                "name": name,
                "host": host,
                "style": style,
                "reporters": reporters,
                "cumulative": zipf_cumulative(len(reporters), 0.8),
            }
        )
    return outlets, shares


OUTLETS, OUTLET_CUMULATIVE = build_outlets()
SECTIONS = [name for name, _ in W.CATEGORIES]
SECTION_CUMULATIVE = list(itertools.accumulate(share for _, share in W.CATEGORIES))


# ---------------------------------------------------------------- tags


def build_tags() -> tuple[list[str], dict[str, list[float]], dict[str, str]]:
    """300 tags in order of popularity, and per section cumulative weights favouring its own."""
    owner: dict[str, str] = {}
    tags: list[str] = []
    for section, text in W.SECTION_TAGS.items():
        for tag in text.replace("\n", "").split("|"):
            tags.append(tag.strip())
            owner[tag.strip()] = section
    tags += [t.strip() for t in W.GENERAL_TAGS] + W.CITIES
    rng = random.Random("tag-popularity")
    rng.shuffle(tags)
    popular = ["Pemilu", "Korupsi", "Inflasi", "Sepak Bola", "Jakarta", "Kecerdasan Buatan", "Film", "Nasional"]
    tags = popular + [t for t in tags if t not in popular]
    base = [1.0 / (rank**0.9) for rank in range(1, len(tags) + 1)]
    cumulative = {}
    for section in SECTIONS:
        weights = [
            w * (6.0 if owner.get(t) == section else 0.08 if t in owner else 1.0) for t, w in zip(tags, base)
        ]
        cumulative[section] = list(itertools.accumulate(weights))
    return tags, cumulative, owner


TAGS, TAG_CUMULATIVE, TAG_SECTION = build_tags()
TAG_SET = set(TAGS)


def pick_tags(rng: random.Random, section: str, place: str) -> list[str]:
    count = pick(rng, [2, 3, 4, 5], [30, 65, 90, 100])
    tags = [place] if place in TAG_SET and rng.random() < 0.35 else []
    while len(tags) < count:
        tag = pick(rng, TAGS, TAG_CUMULATIVE[section])
        if tag not in tags:
            tags.append(tag)
    return tags


# ---------------------------------------------------------------- sentences
# Each section has a bank of sentences made once from its words; `§P` in them stands for the
# article's place. Articles draw sentences from the bank, so making one costs a few dozen
# random picks instead of one per word.


def make_sentence(rng: random.Random, words: dict) -> str:
    actor = rng.choice(words["actors"])
    thing = rng.choice(words["things"])
    event = rng.choice(words["events"])
    verb = rng.choice(W.VERBS)
    number = rng.randint(2, 98)
    templates = (
        lambda: f"{actor} {rng.choice(W.SAY)} bahwa {thing} {rng.choice(W.TRENDS)} {number} {rng.choice(W.UNITS)} dibandingkan periode yang sama tahun lalu.",
        lambda: f"{actor} {verb} {thing} di §P {rng.choice(W.TIMES)}.",
        lambda: f"Dalam {event} di §P {rng.choice(W.TIMES)}, {mid_sentence(actor)} {verb} {thing} secara {rng.choice(W.ADJECTIVES)}.",
        lambda: f"{rng.choice(W.CONNECTORS)}, {mid_sentence(actor)} juga {verb} {thing} {rng.choice(W.REASONS)}.",
        lambda: "Menurut {}, {} harus ditangani dengan langkah yang {} dan {}.".format(
            mid_sentence(actor), thing, *rng.sample(W.ADJECTIVES, 2)
        ),
        lambda: f'"Kami akan terus {verb} {thing} bersama semua pihak," {rng.choice(W.SAY_SHORT)} {rng.choice(W.GIVEN_NAMES)}, {rng.choice(W.ROLES)} di §P.',
        lambda: f"Data yang dihimpun redaksi menunjukkan {thing} di §P {rng.choice(W.TRENDS)} sekitar {number} persen {rng.choice(W.TIMES)}.",
        lambda: f"Hingga berita ini diturunkan, {mid_sentence(actor)} belum memberikan keterangan resmi terkait {thing}.",
        lambda: f"Warga §P berharap {thing} tidak lagi ditunda {rng.choice(W.REASONS)}.",
        lambda: f"{actor} menilai {thing} masih belum {rng.choice(W.ADJECTIVES)} sehingga perlu dibahas ulang dalam {event} berikutnya.",
        lambda: f"Sebanyak {number} {rng.choice(W.UNITS)} dialokasikan untuk {thing} di §P {rng.choice(W.TIMES)}.",
        lambda: f"{rng.choice(W.CONNECTORS)}, {event} itu dihadiri perwakilan dari {rng.randint(3, 40)} daerah dan sejumlah pengamat.",
        lambda: f"Ia menambahkan, {thing} menjadi prioritas karena berdampak langsung pada kehidupan warga §P.",
        lambda: f"Pihaknya {rng.choice(W.SAY)} akan {verb} {thing} {rng.choice(W.REASONS)}.",
    )
    return rng.choice(templates)()


def build_banks() -> dict[str, list[tuple[str, int]]]:
    banks = {}
    for section in SECTIONS:
        rng = random.Random(f"sentences:{section}")
        words = W.SECTION_WORDS[section]
        bank = []
        for _ in range(SENTENCES_PER_SECTION):
            s = make_sentence(rng, words)
            bank.append((s, s.count(" ") + 1))
        banks[section] = bank
    return banks


BANKS = build_banks()


def make_title(rng: random.Random, section: str, place: str) -> str:
    words = W.SECTION_WORDS[section]
    actor = rng.choice(words["actors"])
    thing = headline_case(rng.choice(words["things"]))
    event = headline_case(rng.choice(words["events"]))
    verb = rng.choice(words["headline_verbs"])
    templates = (
        lambda: f"{actor} {verb} {thing} di {place}",
        lambda: f"{thing} di {place} {rng.choice(W.HEADLINE_TRENDS)} {rng.randint(2, 60)} Persen",
        lambda: f"{place}: {actor} {verb} {thing}",
        lambda: f"Soal {thing} di {place}, {actor} Minta Semua Pihak Menahan Diri",
        lambda: f"{actor} {verb} {thing} Jelang {event}",
        lambda: f"{event} di {place}, {actor} {verb} {thing}",
        lambda: f"Warga {place} Keluhkan {thing} {rng.choice(W.HEADLINE_TIMES)}",
        lambda: f"{rng.randint(3, 9)} Hal yang Perlu Diketahui soal {thing} di {place}",
    )
    return headline_case(rng.choice(templates)())


# ---------------------------------------------------------------- body parts


def code_block(rng: random.Random, place: str) -> str:
    lang = rng.choice(W.CODE_LANGS)
    a, b, c = rng.randint(10, 900), rng.randint(10, 900), rng.randint(1, 28)
    key = slugify(place)
    snippets = {
        "python": f'''import csv
import statistics

def rata_rata_harga(berkas: str, kota: str) -> float:
    """Rata-rata harga harian sebuah kota dari berkas CSV."""
    with open(berkas, newline="") as f:
        harga = [float(r["harga"]) for r in csv.DictReader(f) if r["kota"] == kota]
    return statistics.mean(harga) if harga else 0.0

print(f"{{rata_rata_harga('harga-{key}.csv', '{place}'):.2f}}")''',
        "javascript": f'''async function muatData(kota) {{
  const res = await fetch(`/api/statistik?kota=${{encodeURIComponent(kota)}}`);
  if (!res.ok) throw new Error(`gagal: ${{res.status}}`);
  const data = await res.json();
  return data.filter((baris) => baris.nilai > {a});
}}

muatData("{place}").then((hasil) => console.table(hasil));''',
        "bash": f'''#!/bin/sh
set -eu
# Unduh data harian lalu hitung barisnya.
for hari in $(seq 1 {c}); do
  curl -fsS "https://data.contoh.example/{key}/$hari.csv" >> {key}.csv
done
wc -l {key}.csv''',
        "sql": f'''SELECT kecamatan, SUM(jumlah) AS total
FROM laporan_warga
WHERE kota = '{place}'
  AND dibuat >= DATE '2024-01-{c:02d}'
GROUP BY kecamatan
HAVING SUM(jumlah) > {a}
ORDER BY total DESC;''',
        "json": f'''{{
  "kota": "{place}",
  "periode": "2024-{c % 12 + 1:02d}",
  "indikator": {{ "target": {a}, "realisasi": {b} }},
  "sumber": ["dinas", "survei lapangan"]
}}''',
        "yaml": f'''pemantauan:
  kota: {place}
  jadwal: "*/{c % 30 + 1} * * * *"
  ambang:
    peringatan: {a}
    darurat: {a + b}''',
        "go": f'''package main

import "fmt"

func main() {{
	laporan := map[string]int{{"{place}": {a}, "lainnya": {b}}}
	total := 0
	for _, n := range laporan {{
		total += n
	}}
	fmt.Println("total laporan:", total)
}}''',
        "rust": f'''fn selisih(target: u32, realisasi: u32) -> i64 {{
    i64::from(realisasi) - i64::from(target)
}}

fn main() {{
    let kota = "{place}";
    println!("{{kota}}: selisih {{}}", selisih({a}, {b}));
}}''',
    }
    return f"Berikut contoh kode yang dipakai tim data untuk mengolahnya:\n\n```{lang}\n{snippets[lang]}\n```"


def article_url(rng: random.Random, outlet: dict, section: str, day: date, slug: str) -> str:
    number = rng.randrange(100_000, 10_000_000)
    host, style = outlet["host"], outlet["style"]
    if style == "date":
        return f"https://{host}/{section.lower()}/{day:%Y/%m/%d}/{slug}"
    if style == "id":
        return f"https://{host}/read/{number}/{slug}"
    if style == "berita":
        return f"https://{host}/berita/{number}-{slug}"
    return f"https://{host}/{day:%Y/%m/%d}/{number}/{slug}"


def body(rng: random.Random, section: str, place: str, outlet: dict) -> str:
    bank = BANKS[section]
    # A walk through the bank with an odd stride: no sentence comes twice in one article.
    at, stride = rng.randrange(SENTENCES_PER_SECTION), rng.randrange(1, SENTENCES_PER_SECTION, 2)
    target = rng.randint(500, 820)  # lists, quotes and code add up to ~80 more
    paragraphs, words = [], 0
    while words < target:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            sentences.append(bank[at])
            at = (at + stride) % SENTENCES_PER_SECTION
        words += sum(n for _, n in sentences)
        text = " ".join(s for s, _ in sentences)
        if rng.random() < 0.08:
            first, second, rest = text.split(" ", 2)
            text = f"**{first} {second}** {rest}"
        paragraphs.append(text.replace("§P", place))
    paragraphs[0] = f"**{place.upper()}** — {paragraphs[0]}"

    extras = []
    if rng.random() < 0.2:
        quote, _ = bank[at]
        extras.append("> " + quote.replace("§P", place))
    if rng.random() < 0.2:
        things = rng.sample(W.SECTION_WORDS[section]["things"], 3)
        extras.append("\n".join(f"- {capitalize(t)} {rng.choice(W.TRENDS)} {rng.randint(2, 60)} persen." for t in things))
    if rng.random() < 0.33:
        anchor = make_title(rng, section, place)
        url = f"https://{outlet['host']}/berita/{rng.randrange(100_000, 10_000_000)}-{slugify(anchor)}"
        extras.append(f"Baca juga: [{anchor}]({url})")
    if rng.random() < (0.3 if section == "Teknologi" else 0.022):
        extras.append(code_block(rng, place))
    headings = rng.sample(W.HEADINGS, rng.choice([0, 0, 1, 1, 2, 3]))
    inserts = extras + [f"## {h}" for h in headings]
    rng.shuffle(inserts)
    # After distinct paragraphs, never after the last: each insert is followed by text.
    slots = sorted(rng.sample(range(len(paragraphs) - 1), min(len(inserts), len(paragraphs) - 1)))
    for slot, insert in reversed(list(zip(slots, inserts))):
        paragraphs.insert(slot + 1, insert)
    return "\n\n".join(paragraphs) + "\n"


# ---------------------------------------------------------------- one article


def article(seed: int, i: int) -> dict:
    """Article i of the corpus: depends on (seed, i) only."""
    rng = random.Random(f"{seed}:{i}")
    section = pick(rng, SECTIONS, SECTION_CUMULATIVE)
    place = rng.choice(W.COUNTRIES if section == "Internasional" else W.CITIES)
    outlet = pick(rng, OUTLETS, OUTLET_CUMULATIVE)
    first = pick(rng, outlet["reporters"], outlet["cumulative"])
    second = pick(rng, outlet["reporters"], outlet["cumulative"])
    two = rng.random() < TWO_AUTHORS and second != first
    spelling, variant = rng.random(), rng.random()
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
    minute, second_of_minute = rng.randrange(60), rng.randrange(60)
    title = make_title(rng, section, place)
    summary = " ".join(s for s, _ in rng.choices(BANKS[section], k=2)).replace("§P", place)
    slug = slugify(title)
    return {
        "section": section,
        "title": title,
        "date": f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second_of_minute:02d}+07:00",
        "month": f"{day:%Y/%m}",
        "authors": [first, second] if two else [first],
        "spelling": spelling,
        "variant": variant,
        "tags": pick_tags(rng, section, place),
        "source": article_url(rng, outlet, section, day, slug),
        "source_name": outlet["name"],
        "summary": summary,
        "body": body(rng, section, place, outlet),
        "slug": slug,
    }


def quoted(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def byline(a: dict, taxonomies: bool) -> str:
    """The front matter lines naming the author(s)."""
    names = a["authors"]
    if not taxonomies:
        return f"author: {quoted(names[0])}" if len(names) == 1 else f"author: [{', '.join(map(quoted, names))}]"
    if len(names) == 1:
        name = names[0]
        if a["variant"] < 0.01:
            name = name.upper()
        elif a["variant"] < 0.02:
            name = name.replace(" ", "  ")
        return f"author: {quoted(name)}"
    if a["spelling"] < 0.5:
        return f"author: {quoted(', '.join(names))}"
    if a["spelling"] < 0.75:
        return f"author: {quoted(' dan '.join(names))}"
    return f"authors: [{', '.join(map(quoted, names))}]"


def render(a: dict, taxonomies: bool) -> str:
    lines = [
        "---",
        f"title: {quoted(a['title'])}",
        f"date: {a['date']}",
        byline(a, taxonomies),
    ]
    if taxonomies:
        lines.append(f"category: {quoted(a['section'])}")
    lines += [
        f"tags: [{', '.join(map(quoted, a['tags']))}]",
        f"source: {quoted(a['source'])}",
        f"source_name: {quoted(a['source_name'])}",
        f"summary: {quoted(a['summary'])}",
        "---",
        "",
        a["body"],
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 2)[2],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("dir", help="site folder: articles go to DIR/content/")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    ap.add_argument("--taxonomies", action="store_true",
                    help="also write `category:` and issue 18's multi-author spellings")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be 0 or more")

    content = os.path.join(args.dir, "content")
    taken: set[str] = set()
    made_dirs: set[str] = set()
    total_bytes = with_code = two_authors = 0
    for i in range(args.n):
        a = article(args.seed, i)
        base = a["slug"][:80].rsplit("-", 1)[0] if len(a["slug"]) > 80 else a["slug"]
        name, k = base, 2
        while f"{a['month']}/{name}" in taken:
            name, k = f"{base}-{k}", k + 1
        taken.add(f"{a['month']}/{name}")
        folder = os.path.join(content, a["month"])
        if folder not in made_dirs:
            os.makedirs(folder, exist_ok=True)
            made_dirs.add(folder)
        data = render(a, args.taxonomies).encode()
        with open(os.path.join(folder, name + ".md"), "wb") as f:
            f.write(data)
        total_bytes += len(data)
        with_code += "\n```" in a["body"]
        two_authors += len(a["authors"]) == 2
    print(
        f"wrote {args.n} articles ({total_bytes / 1e6:.1f} MB; {with_code} with code, "
        f"{two_authors} with two authors) to {content}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
