//! The search index `cermin build` writes (`search/` in the output), the search page and the
//! header's search box, read back the way the search page's script reads them.

use std::collections::BTreeMap;
use std::process::Command;

use base64::Engine;
use serde_json::Value;

use crate::common::{Fixture, SITE_TOML, repo, snapshot};

fn with_search(extra: &str) -> String {
    format!("{SITE_TOML}{extra}\n[search]\nenabled = true\n")
}

/// The data of an index file: `cerminSearch("<name>",<json>);`.
fn data(text: &str, name: &str) -> Value {
    let head = format!("cerminSearch(\"{name}\",");
    let json = text
        .strip_prefix(&head)
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{name} is not a cerminSearch call: {text:.80}"));
    serde_json::from_str(json).unwrap()
}

/// The built index, read as the search page reads it.
struct Index<'a> {
    f: &'a Fixture,
    root: Value,
}

impl<'a> Index<'a> {
    fn open(f: &'a Fixture) -> Index<'a> {
        let root = data(&f.read("search/root.js"), "root");
        Index { f, root }
    }

    fn chunk(&self, name: &str) -> Value {
        data(&self.f.read(&format!("search/{name}.js")), name)
    }

    /// The site paths of the documents `term` is in (oldest first).
    fn paths_of(&self, term: &str) -> Vec<String> {
        let chunks = self.root["chunks"].as_array().unwrap();
        let at = chunks
            .iter()
            .rposition(|c| c[0].as_str().unwrap() <= term)
            .unwrap_or(0);
        let name = chunks[at][1].as_str().unwrap();
        let chunk = self.chunk(name);
        let terms = chunk["terms"].as_array().unwrap();
        let Some(i) = terms.iter().position(|t| t == term) else {
            return Vec::new();
        };
        let lengths: Vec<usize> = chunk["lengths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_u64().unwrap() as usize)
            .collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(chunk["postings"].as_str().unwrap())
            .unwrap();
        let start: usize = lengths[..i].iter().sum();
        let list = &bytes[start..start + lengths[i]];
        let (mut pos, mut doc, mut docs) = (0, 0u64, Vec::new());
        while pos < list.len() {
            let (mut n, mut shift) = (0u64, 0);
            loop {
                let b = list[pos];
                pos += 1;
                n |= u64::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            doc += n;
            docs.push(doc);
            pos += 1; // the impact
        }
        assert_eq!(
            docs.len() as u64,
            chunk["counts"][i].as_u64().unwrap(),
            "{term}"
        );
        docs.into_iter().map(|d| self.path_of(d)).collect()
    }

    fn path_of(&self, doc: u64) -> String {
        let per = self.root["docs_per_meta"].as_u64().unwrap();
        let rows = self.chunk(&format!("m/{}", doc / per));
        rows[(doc % per) as usize][1].as_str().unwrap().to_string()
    }
}

fn news_site(extra_toml: &str) -> Fixture {
    let f = Fixture::with_config(&with_search(extra_toml));
    f.article(
        "content/bangun.md",
        "Pemkot Membangun Jembatan",
        "2024-03-01T10:00:00+07:00",
        "tags: [Kota]\nsource_name: \"Kabar Ibu Kota\"\ncategory: \"Metro Raya\"\n",
        "Warga menyambut <em>jembatan</em> baru &amp; taman.",
    );
    f.article(
        "content/rencana.md",
        "Rencana Pembangunan Pasar",
        "2025-06-01T10:00:00+07:00",
        "tags: [Ekonomi]\nsource: \"https://www.warta.example.id/a\"\n",
        "Pedagang menunggu pembangunannya selesai.",
    );
    f.article(
        "content/lain.md",
        "Festival Kuliner",
        "2023-01-01T10:00:00+07:00",
        "",
        "Café dan kedai kopi.",
    );
    f
}

#[test]
fn the_index_holds_stems_folded_words_and_filters() {
    let f = news_site("");
    f.build_ok(&[]);
    let index = Index::open(&f);
    assert_eq!(index.root["documents"], 3);
    assert_eq!(index.root["stemmer"], "id");
    // Oldest first; "membangun", "pembangunan" and "pembangunannya" are one stem.
    assert_eq!(
        index.paths_of("bangun"),
        ["/2024/03/01/bangun/", "/2025/06/01/rencana/"]
    );
    assert_eq!(index.paths_of("cafe"), ["/2023/01/01/lain/"]);
    assert_eq!(
        index.paths_of("em"),
        Vec::<String>::new(),
        "markup is not text"
    );
    assert_eq!(index.paths_of("year:2025"), ["/2025/06/01/rencana/"]);
    assert_eq!(index.paths_of("tag:kota"), ["/2024/03/01/bangun/"]);
    assert_eq!(
        index.paths_of("source:kabar-ibu-kota"),
        ["/2024/03/01/bangun/"]
    );
    assert_eq!(
        index.paths_of("source:warta-example-id"),
        ["/2025/06/01/rencana/"]
    );
    assert_eq!(
        index.paths_of("category:metro-raya"),
        ["/2024/03/01/bangun/"]
    );
    // What a result shows.
    let rows = index.chunk("m/0");
    assert_eq!(
        rows[1],
        serde_json::json!([
            "Pemkot Membangun Jembatan",
            "/2024/03/01/bangun/",
            "Jumat, 1 Maret 2024",
            "2024-03-01",
            "Kabar Ibu Kota",
            "Warga menyambut jembatan baru & taman."
        ])
    );
    let sources: Vec<&str> = index.root["filters"]["source"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[1].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["Kabar Ibu Kota", "warta.example.id"]);
    assert_eq!(
        index.root["filters"]["category"],
        serde_json::json!([["category:metro-raya", "Metro Raya", 1]])
    );
}

#[test]
fn the_search_page_and_header_box_come_with_the_switch() {
    let f = news_site("relative_links = true\n");
    f.build_ok(&[]);
    let page = f.read("search/index.html");
    assert!(
        page.contains(r#"<script src="../search.js" data-index="../search/root.js" data-home="../index.html" data-relative="true"></script>"#),
        "{page}"
    );
    assert!(page.contains(r#"<label class="search-label" for="search-q">Cari artikel</label>"#));
    let article = f.read("2024/03/01/bangun/index.html");
    assert!(
        article.contains(
            r#"<form class="site-search" role="search" method="get" action="../../../../search/index.html">"#
        ),
        "{article}"
    );
    assert!(
        !article.contains("search.js"),
        "only the search page loads the script"
    );
    assert!(f.exists("search.js"));
}

#[test]
fn the_search_page_has_one_search_box_and_its_filter_menus_from_the_start() {
    let f = news_site("relative_links = true\n");
    f.build_ok(&[]);
    let page = f.read("search/index.html");
    // The header's box would be a second search form above the page's own.
    assert!(!page.contains("site-search"), "{page}");
    // The menus are laid out before the index loads (no layout shift when it does); the
    // script enables them.
    assert!(
        page.contains(r#"<div class="search-filter"><label for="search-year">Tahun</label> <select id="search-year" name="year" data-filter="year" disabled><option value="">Semua</option></select></div>"#),
        "{page}"
    );
    assert_eq!(
        page.matches(r#"<div class="search-filter"><label"#).count(),
        4
    );
}

#[test]
fn without_the_switch_there_is_no_search() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01T10:00:00+07:00", "", "Isi.");
    f.build_ok(&[]);
    assert!(!f.exists("search"));
    assert!(!f.read("index.html").contains("site-search"));
}

#[test]
fn a_theme_without_a_search_page_is_told_what_to_do() {
    let f = news_site("");
    std::fs::remove_file(f.root().join("themes/default/templates/search.html")).unwrap();
    let run = f.build(&[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr.trim_end(),
        "error: missing template `search.html`: site.toml has `[search] enabled = true` but the theme `default` has no templates/search.html; copy the default theme's into themes/default/templates/ or the site's templates/, or set `enabled = false`"
    );
    assert!(!f.exists("index.html"));
}

#[test]
fn a_misspelt_search_setting_names_its_line() {
    let f = Fixture::with_config(&format!("{SITE_TOML}[search]\nenable = true\n"));
    let run = f.build(&[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(
            "site.toml:7:1: invalid site.toml: unknown field `enable`, expected `enabled`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_search_script_folds_and_stems_as_the_index_does() {
    let out = Command::new("node")
        .arg(repo().join("tests/search/vectors.test.mjs"))
        .output()
        .expect("node runs (the search page's script is tested with it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.ends_with(" vectors checked, 0 disagree\n"),
        "{stdout}"
    );
}

/// Deterministic filler text: `n` words of a 3,000-word vocabulary.
fn filler(seed: u64, n: usize) -> String {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            format!("kata{}", x % 3000)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The search files of the output: path → bytes.
fn search_files(f: &Fixture) -> BTreeMap<String, Vec<u8>> {
    snapshot(&f.root().join("public"))
        .into_iter()
        .filter(|(p, _)| p.starts_with("search/") && p != "search/index.html")
        .collect()
}

#[test]
fn a_cached_build_rewrites_only_the_chunks_whose_terms_changed() {
    let f = Fixture::with_config(&with_search(""));
    for i in 0..300 {
        let day = 1 + i % 28;
        f.article(
            &format!("content/a{i}.md"),
            &format!("Artikel {i}"),
            &format!("2024-01-{day:02}T{:02}:00:00+07:00", i % 24),
            "",
            &filler(i as u64, 150),
        );
    }
    f.build_ok(&[]);
    let before = search_files(&f);
    let term_chunks = before.keys().filter(|p| p.starts_with("search/t/")).count();
    assert!(
        term_chunks >= 8,
        "{term_chunks} term chunks: too few to tell"
    );
    // The newest article, with two words no other has.
    f.article(
        "content/baru.md",
        "Zebra",
        "2024-02-01T10:00:00+07:00",
        "",
        "zulu",
    );
    let run = f.build_ok(&[]);
    let after = search_files(&f);
    let changed: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // The root, the last result chunk, and the chunks of its terms (its words, its year, and
    // the title word "artikel" it does not have is unchanged).
    let new_terms = ["zebra", "zulu", "year:2024"];
    for path in &changed {
        if path.as_str() == "search/root.js" || path.starts_with("search/m/") {
            continue;
        }
        let text =
            String::from_utf8(after.get(*path).or(before.get(*path)).unwrap().clone()).unwrap();
        let name = path.trim_start_matches("search/").trim_end_matches(".js");
        let chunk = data(&text, name);
        let terms = chunk["terms"].as_array().unwrap();
        assert!(
            terms
                .iter()
                .any(|t| new_terms.contains(&t.as_str().unwrap())),
            "{path} changed but holds none of {new_terms:?}"
        );
    }
    let result_chunks: Vec<_> = changed
        .iter()
        .filter(|p| p.starts_with("search/m/"))
        .collect();
    assert_eq!(result_chunks, [&&"search/m/18.js".to_string()]);
    assert!(changed.len() <= 6, "{changed:?}");
    assert!(run.stdout.contains(" unchanged) into "), "{}", run.stdout);
}
