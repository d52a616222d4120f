//! Property tests on arbitrary input (stable-Rust fuzzing): front matter, Markdown with
//! sanitizing, text-dump import and HTML import never panic, and never hang, on any input.
//! Found inputs that once failed are kept below as regression cases.

use std::path::Path;

use cermin::config::Config;
use cermin::import::{Rules, html, text};
use proptest::prelude::*;

fn config() -> Config {
    config_in("Asia/Jakarta")
}

fn config_in(timezone: &str) -> Config {
    Config::parse(
        Path::new("."),
        Path::new("site.toml"),
        &format!("title = \"F\"\ntimezone = \"{timezone}\"\n"),
    )
    .unwrap()
}

/// Time zones from the farthest ahead of UTC (+14) to the farthest behind (-11).
const TIME_ZONES: &[&str] = &[
    "UTC",
    "Asia/Jakarta",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "America/New_York",
];

/// Dates within a day of the first and last years outputs can write (1 and 9999), written
/// with an offset, in UTC, or as a local date.
fn date_near_the_limits() -> impl Strategy<Value = String> {
    let day = prop_oneof![
        (Just(0i32), Just(12u32), Just(31u32)),
        (Just(1), Just(1), Just(1)),
        (Just(1), Just(1), Just(2)),
        (Just(9999), Just(12), Just(31)),
        (Just(9998), Just(12), Just(31)),
        (Just(10000), Just(1), Just(1)),
    ];
    let offset = prop_oneof![
        Just(String::new()),
        Just("Z".to_string()),
        (-12i32..=14, prop::bool::ANY).prop_map(|(h, half)| format!(
            "{}{:02}:{}",
            if h < 0 { '-' } else { '+' },
            h.abs(),
            if half { "30" } else { "00" }
        )),
    ];
    (day, 0u32..24, 0u32..60, offset).prop_map(|((y, m, d), h, min, off)| {
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00{off}")
    })
}

/// Text holding characters no page may hold, raw and as YAML escapes and character references.
fn dirty_text() -> impl Strategy<Value = String> {
    prop::string::string_regex("([a-zA-Z ]|\\\\x01|\\\\x7f|\\\\u0085|\\\\uFDD0|\\\\uFFFF|\\\\U0010FFFE|&#1;|&#x9F;|&#xD800;|&#xFDEF;|&#0;|\u{1}|\u{b}|\u{85}|\u{fdd0}|\u{1fffe}){1,24}")
        .unwrap()
}

/// Whether a character is one no page or feed may hold.
fn is_invalid(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || (0xFDD0..=0xFDEF).contains(&u)
        || u % 0x10000 >= 0xFFFE
}

/// Every text of an article a page or feed may show.
fn texts(a: &cermin::content::Article) -> Vec<String> {
    let mut texts = vec![
        a.title.to_string(),
        a.description.to_string(),
        a.summary_html.to_string(),
        a.content_html.html().unwrap().into_owned(),
        a.image_caption().unwrap_or_default().to_string(),
        a.source_name.as_deref().unwrap_or_default().to_string(),
        serde_json::to_string(a.extra()).unwrap(),
    ];
    texts.extend(a.authors.iter().map(|n| n.to_string()));
    texts.extend(a.tags.iter().map(|t| t.name.clone()));
    texts.extend(a.toc.iter().map(|t| t.title.clone()));
    texts
}

/// Text leaning towards the characters parsers care about.
fn markupish() -> impl Strategy<Value = String> {
    prop::string::string_regex("([-<>/a-zA-Z\"'=#*_\\[\\]()!`\n :|+.0-9{}&;\\\\]|<script>|<img |---\n|\\+\\+\\+\n|title: |date: |tags: |\u{0}|é|\u{202e}){0,120}")
        .unwrap()
}

proptest! {
    // 300 cases in CI; PROPTEST_CASES=N for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        .. ProptestConfig::default()
    })]

    #[test]
    fn front_matter_and_articles_never_panic(front in markupish(), body in markupish()) {
        let config = config();
        for text in [format!("---\n{front}\n---\n{body}"), format!("+++\n{front}\n+++\n{body}"), front.clone()] {
            let _ = cermin::content::parse_article(&config, Path::new("content/f.md"), &text);
        }
    }

    #[test]
    fn dates_near_the_limits_are_refused_or_writable_by_every_output(
        date in date_near_the_limits(),
        updated in date_near_the_limits(),
        tz in prop::sample::select(TIME_ZONES),
    ) {
        use chrono::Datelike;
        let text = format!("---\ntitle: T\ndate: {date}\nupdated: {updated}\n---\nIsi.\n");
        match cermin::content::parse_article(&config_in(tz), Path::new("content/t.md"), &text) {
            Ok((a, _)) => {
                for d in [Some(a.date), a.updated()].into_iter().flatten() {
                    prop_assert!((1..=9999).contains(&d.year()), "{d}");
                    prop_assert!((1..=9999).contains(&d.naive_utc().year()), "{d}");
                    // What feeds and sitemaps write, which chrono refuses (by panicking)
                    // outside those years.
                    let _ = (d.to_rfc2822(), d.to_rfc3339());
                }
            }
            Err(e) => {
                let e = e.to_string();
                prop_assert!(e.contains("is out of range (years 1 to 9999 in UTC and in the site's time zone)") || e.contains("is not a date"), "{}", e);
            }
        }
    }

    #[test]
    fn no_field_keeps_characters_no_page_may_hold(
        fields in prop::collection::vec(dirty_text(), 8),
        body in dirty_text(),
    ) {
        let q = |i: usize| format!("\"{}\"", fields[i].replace('"', ""));
        let text = format!(
            "---\ntitle: {}x\ndate: 2024-01-02\nauthor: {}\ntags: [{}, {}]\nsummary: {}\nsource_name: {}\nimage_caption: {}\nextra:\n  k: {}\n---\n\n# {body}\n\n{body}\n\n<p>{body}</p>\n",
            q(0), q(1), q(2), q(3), q(4), q(5), q(6), q(7),
        );
        if let Ok((a, _)) = cermin::content::parse_article(&config(), Path::new("content/k.md"), &text) {
            for t in texts(&a) {
                prop_assert!(!t.chars().any(is_invalid), "{:?}", t);
            }
        }
    }

    #[test]
    fn long_names_never_make_a_segment_files_cannot_have(
        tag in prop_oneof![
            prop::string::string_regex("[a-z]{150,450}").unwrap(),
            prop::string::string_regex("(中国|日本|한국|Ελλάδα| ){40,160}").unwrap(),
        ],
        slug in prop_oneof![
            prop::string::string_regex("[a-z0-9-]{150,450}").unwrap(),
            prop::string::string_regex("(中国|東京|서울| ){40,160}").unwrap(),
        ],
    ) {
        let text = format!("---\ntitle: T\ndate: 2024-01-02\nslug: \"{slug}\"\ntags: [\"{tag}\"]\n---\nIsi.\n");
        match cermin::content::parse_article(&config(), Path::new("content/p.md"), &text) {
            Ok((a, _)) => {
                prop_assert!(a.path.split('/').all(|s| s.len() <= 200), "{}", a.path);
                prop_assert!(a.tags.iter().all(|t| t.slug.len() <= 200));
            }
            Err(e) => {
                for line in e.to_string().lines() {
                    prop_assert!(line.contains("makes a URL segment of") && line.ends_with("bytes; the limit is 200: set a shorter `slug`") || line.contains("; the limit is 200: shorten it"), "{}", line);
                }
            }
        }
    }

    #[test]
    fn markdown_output_is_always_sanitized(body in markupish()) {
        let html = cermin::markdown::render(&body).html;
        let lower = html.to_lowercase();
        prop_assert!(!lower.contains("<script"), "{}", html);
        prop_assert!(!lower.contains("javascript:"), "{}", html);
    }

    #[test]
    fn text_import_never_panics(dump in markupish()) {
        let _ = text::extract(&dump, &Rules::default(), None);
    }

    #[test]
    fn html_import_never_panics(page in markupish(), bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = html::extract(page.as_bytes(), &Rules::default(), Some("https://x.example/a"));
        let _ = html::extract(&bytes, &Rules::default(), None);
        let wrapped = format!("<html><head><title>{page}</title></head><body><article><h1>{page}</h1><p>{page}</p></article></body></html>");
        let _ = html::extract(wrapped.as_bytes(), &Rules::default(), None);
    }
}

#[test]
fn regressions() {
    let config = config();
    for text in [
        "---\n---\n",
        "---\ntitle: [\n---\n",
        "+++\ndate = 1979-05-27T07:32:00Z\n+++\n",
        "\u{feff}---\ntitle: a\ndate: 2020-01-01\n---\n",
    ] {
        let _ = cermin::content::parse_article(&config, Path::new("content/r.md"), text);
    }
}

/// Inputs cargo-fuzz found (`fuzz/`), kept in `tests/fuzz_regressions/<target>/`: each goes
/// through the entry point of its target again, and must neither panic nor take long.
#[test]
fn inputs_found_by_cargo_fuzz() {
    let config = config();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut replayed = 0;
    for target in ["front_matter", "markdown", "text_import", "html_import"] {
        let Ok(entries) = std::fs::read_dir(dir.join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            let started = std::time::Instant::now();
            match target {
                "front_matter" => {
                    let _ =
                        cermin::content::parse_article(&config, Path::new("content/f.md"), &text);
                }
                "markdown" => {
                    let html = cermin::markdown::render(&text).html.to_lowercase();
                    assert!(!html.contains("<script"), "{}", path.display());
                }
                "text_import" => {
                    let _ = text::extract(&text, &Rules::default(), None);
                }
                _ => {
                    // The extractor turns a panic into this message; it must not need to.
                    if let Err(e) = html::extract(
                        &bytes,
                        &Rules::default(),
                        Some("https://x.example/berita/a"),
                    ) {
                        assert!(!e.0.contains("internal error"), "{}: {e}", path.display());
                    }
                }
            }
            let took = started.elapsed();
            assert!(took.as_secs() < 10, "{} took {took:?}", path.display());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no inputs in {}", dir.display());
}

/// A site folder with the default theme and `site.toml` for `timezone`.
fn site_in(timezone: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for entry in walkdir::WalkDir::new(&theme) {
        let entry = entry.unwrap();
        let to = dir
            .path()
            .join("themes/default")
            .join(entry.path().strip_prefix(&theme).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        format!("title = \"F\"\nbase_url = \"https://f.example\"\ntimezone = \"{timezone}\"\n"),
    )
    .unwrap();
    dir
}

proptest! {
    // Whole sites are slower: 24 cases in CI; PROPTEST_CASES=N for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        .. ProptestConfig::default()
    })]

    /// Dates near the limits, characters no page may hold in every field and long names,
    /// through the whole pipeline (pages, feeds, sitemap, JSON-LD), with future articles
    /// published: an error or a site whose every file is clean, never a panic.
    #[test]
    fn whole_sites_from_hostile_articles_render_clean_or_fail_cleanly(
        date in date_near_the_limits(),
        updated in date_near_the_limits(),
        tz in prop::sample::select(TIME_ZONES),
        title in dirty_text(),
        tag in prop_oneof![dirty_text(), prop::string::string_regex("[a-z]{190,210}").unwrap()],
        body in dirty_text(),
    ) {
        let site = site_in(tz);
        let article = |date: &str| format!(
            "---\ntitle: \"{}x\"\ndate: {date}\nupdated: {updated}\nauthor: \"{title}\"\ntags: [\"{tag}\", B]\nimage_caption: \"{title}\"\n---\n\n## {body}\n\n{body}\n",
            title.replace('"', ""),
        );
        std::fs::write(site.path().join("content/a.md"), article(&date)).unwrap();
        std::fs::write(site.path().join("content/b.md"), article("2024-01-02")).unwrap();
        let options = cermin::session::SessionOptions { future: true, ..Default::default() };
        match cermin::session::render_fresh(site.path(), options) {
            Ok(files) => {
                let pages_and_feeds = files
                    .iter()
                    .filter(|(path, _)| [".html", ".xml", ".json", ".txt"].iter().any(|e| path.ends_with(e)));
                for (path, file) in pages_and_feeds {
                    let bytes = file.bytes().unwrap();
                    let text = String::from_utf8_lossy(&bytes);
                    prop_assert!(!text.chars().any(is_invalid), "{}: {}", path, text);
                    prop_assert!(!text.contains("+10000") && !text.contains("-0001-"), "{}", path);
                }
            }
            Err(e) => prop_assert!(e.to_string().contains("content/"), "{}", e),
        }
    }
}

/// Element names that nest in different ways (auto-closing, formatting, tables, links).
fn nesting_tag() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "div",
        "span",
        "section",
        "p",
        "b",
        "li",
        "ul",
        "table",
        "td",
        "a",
        "blockquote",
        "em",
    ])
}

proptest! {
    // Deep pages are slow to parse in a debug build: fewer cases, each a few hundred levels
    // past the flattening depth.
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn deeply_nested_pages_never_panic(tags in prop::collection::vec(nesting_tag(), 300..900), text_every in 1usize..40) {
        let mut page = String::from("<html><head><title>Judul</title></head><body>");
        for (i, tag) in tags.iter().enumerate() {
            page.push_str(&format!("<{tag}>"));
            if i % text_every == 0 {
                page.push_str("Kalimat berita yang cukup panjang untuk dibaca. ");
            }
        }
        let result = html::extract(page.as_bytes(), &Rules::default(), None);
        if let Err(e) = result {
            prop_assert!(!e.0.contains("internal error"), "{}", e.0);
        }
    }
}
