//! Property tests on arbitrary input (stable-Rust fuzzing): front matter, Markdown with
//! sanitizing, text-dump import and HTML import never panic, and never hang, on any input.
//! Found inputs that once failed are kept below as regression cases.

use std::path::Path;

use cermin::config::Config;
use cermin::import::{Rules, html, text};
use proptest::prelude::*;

fn config() -> Config {
    Config::parse(
        Path::new("."),
        Path::new("site.toml"),
        "title = \"F\"\ntimezone = \"Asia/Jakarta\"\n",
    )
    .unwrap()
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
