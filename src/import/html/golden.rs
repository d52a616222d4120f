//! Golden tests in the style of Mozilla Readability's test pages: each
//! `tests/import_golden/html/NAME.html` has either `NAME.expected.md` (the content file an
//! editor would keep, written by hand) or `NAME.noarticle.txt` (the start of the reason the
//! page is refused). Pages are extracted with default rules and no `--url`.
//!
//! Run `cargo test import::html::golden -- --nocapture` to see word-level F1 of each body.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::extract;
use crate::import::Rules;
use crate::import::write::to_content_file;

/// The golden folder; `CERMIN_GOLDEN_HTML=DIR` runs the same checks on another set of pages.
fn golden_dir() -> PathBuf {
    match std::env::var_os("CERMIN_GOLDEN_HTML") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import_golden/html"),
    }
}

/// The page names in the golden folder, sorted.
fn page_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(golden_dir())
        .expect("golden folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".html").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

#[test]
fn golden_pages() {
    let dir = golden_dir();
    let mut failures = Vec::new();
    let mut scores = Vec::new();
    for name in page_names() {
        let bytes = std::fs::read(dir.join(format!("{name}.html"))).expect("page");
        let result = extract(&bytes, &Rules::default(), None);
        let expected_md = dir.join(format!("{name}.expected.md"));
        let expected_refusal = dir.join(format!("{name}.noarticle.txt"));
        if let Ok(expected) = std::fs::read_to_string(&expected_md) {
            match result {
                Ok(extraction) => {
                    let got = to_content_file(&extraction.article);
                    let (p, r, f) = word_f1(body_of(&expected), body_of(&got));
                    scores.push((name.clone(), p, r, f));
                    if got != expected {
                        failures.push(format!(
                            "{name}: output differs\n{}",
                            crate::import::golden_diff::line_diff(&expected, &got)
                        ));
                    }
                }
                Err(e) => failures.push(format!("{name}: refused: {e}")),
            }
        } else if let Ok(reason) = std::fs::read_to_string(&expected_refusal) {
            match result {
                Err(e) if e.0.starts_with(reason.trim()) => println!("{name:28} refused: {e}"),
                Err(e) => failures.push(format!("{name}: refused for another reason: {e}")),
                Ok(x) => failures.push(format!(
                    "{name}: expected no article, got:\n{}",
                    to_content_file(&x.article)
                )),
            }
        } else {
            failures.push(format!(
                "{name}: no {name}.expected.md or {name}.noarticle.txt"
            ));
        }
    }
    print_scores(&scores);
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

fn print_scores(scores: &[(String, f64, f64, f64)]) {
    println!(
        "{:28} {:>9} {:>6} {:>6}",
        "body word F1", "precision", "recall", "F1"
    );
    for (name, p, r, f) in scores {
        println!("{name:28} {p:>9.3} {r:>6.3} {f:>6.3}");
    }
    if !scores.is_empty() {
        let mean = scores.iter().map(|s| s.3).sum::<f64>() / scores.len() as f64;
        println!("{:28} {:>9} {:>6} {mean:>6.3}", "mean", "", "");
    }
}

/// The Markdown body of a content file (after the front matter).
fn body_of(content_file: &str) -> &str {
    content_file
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(content_file, |(_, body)| body)
}

/// Lowercased words of a Markdown text, without link targets and image addresses.
fn words(markdown: &str) -> Vec<String> {
    let mut text = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(i) = rest.find("](") {
        text.push_str(&rest[..i]);
        rest = rest[i..].find(')').map_or("", |j| &rest[i + j + 1..]);
    }
    text.push_str(rest);
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Word-level precision, recall and F1 of `got` against `expected` (bags of words, the
/// measure extraction benchmarks use).
pub fn word_f1(expected: &str, got: &str) -> (f64, f64, f64) {
    let expected = words(expected);
    let got = words(got);
    let mut bag: HashMap<&str, usize> = HashMap::new();
    for w in &expected {
        *bag.entry(w).or_default() += 1;
    }
    let mut common = 0usize;
    for w in &got {
        if let Some(n) = bag.get_mut(w.as_str())
            && *n > 0
        {
            *n -= 1;
            common += 1;
        }
    }
    if common == 0 {
        return (0.0, 0.0, 0.0);
    }
    let precision = common as f64 / got.len() as f64;
    let recall = common as f64 / expected.len() as f64;
    (
        precision,
        recall,
        2.0 * precision * recall / (precision + recall),
    )
}

#[test]
fn word_f1_counts_shared_words() {
    let (p, r, f) = word_f1("a b [c](http://x/y) d", "a b c e");
    assert_eq!((p, r), (0.75, 0.75));
    assert!((f - 0.75).abs() < 1e-9);
}

#[test]
fn rules_of_a_source_apply() {
    let toml = r#"
[import.sources.warta]
domains = ["wartanusantara.example.id"]
source_name = "WN"
tags = ["Jawa Barat"]
drop_patterns = ['^Pembangunan bendungan sempat']
cut_after = ["Pemerintah menargetkan"]
"#;
    let book = crate::import::RuleBook::from_site_toml(toml).expect("rules");
    let url =
        "https://www.wartanusantara.example.id/regional/2024/03/05/bendungan-cipanas-mulai-diisi";
    let rules = book.rules_for(None, Some(url)).expect("rules");
    let bytes = std::fs::read(golden_dir().join("id_portal_jsonld.html")).expect("page");
    let x = extract(&bytes, &rules, Some(url)).expect("article");
    assert_eq!(x.article.source_name.as_deref(), Some("WN"));
    assert_eq!(
        x.article.tags.last().map(String::as_str),
        Some("Jawa Barat")
    );
    assert!(!x.article.body.contains("Pembangunan bendungan sempat"));
    assert!(!x.article.body.contains("Pemerintah menargetkan"));
    assert!(x.article.body.contains("ucap Sobari"));
    let rules: Vec<&str> = x.dropped.iter().map(|d| d.rule.as_str()).collect();
    assert!(rules.contains(&"source warta: cut_after"), "{rules:?}");
    assert!(
        rules
            .iter()
            .any(|r| r.starts_with("source warta: drop_patterns"))
    );
    assert!(rules.contains(&"read-also line"));
}

#[test]
fn empty_binary_and_text_free_input_is_refused() {
    let refuse = |b: &[u8]| extract(b, &Rules::default(), None).unwrap_err().0;
    assert_eq!(refuse(b""), "empty file");
    assert_eq!(
        refuse(b"\x1f\x8b\x08\x00\x00"),
        "not a text file (gzip-compressed data)"
    );
    assert_eq!(
        refuse(b"<html><body><p>Hello there, reader.</p></body></html>"),
        "no article text found (the longest text block has 3 words)"
    );
}

#[test]
fn a_page_whose_article_is_only_in_its_json_ld_keeps_the_stated_text() {
    // A page built by a script: the HTML holds a shell, the JSON-LD the article.
    let page = |body: &str| {
        format!(
            r#"<html><head><title>Flood gates opened</title>
<meta property="article:published_time" content="2024-03-05T10:00:00+07:00">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Flood gates opened",
"articleBody":{body}}}</script></head>
<body><div id="app"><p>Loading…</p></div></body></html>"#
        )
    };
    let sentence = "The city opened the flood gates on Tuesday after three days of rain & wind.";
    let stated = format!("\"{sentence} {sentence}\\n\\n{sentence} {sentence} <b>Bold</b>\"");
    let x = extract(page(&stated).as_bytes(), &Rules::default(), None).expect("article");
    assert_eq!(
        x.article.body,
        // Paragraphs kept, markup in the text not shown as markup.
        format!("{sentence} {sentence}\n\n{sentence} {sentence} Bold\n")
    );
    // A stated text too short for an article changes nothing.
    let short = "\"Opened on Tuesday.\"";
    assert_eq!(
        extract(page(short).as_bytes(), &Rules::default(), None)
            .unwrap_err()
            .0,
        "no article text found (the longest text block has 1 words)"
    );
}

#[test]
fn a_short_post_is_kept_when_its_json_ld_declares_one_article() {
    let page = |head: &str| {
        format!(
            r#"<html><head><title>Glatteis</title>{head}
<meta property="article:published_time" content="2024-01-05T10:00:00+01:00"></head>
<body><h1>Glatteis</h1><p>M: Wer rutscht als nächstes aus auf dem Glatteis?</p>
<p>Ich: Ich wette, dass du als nächstes ausrutschst. Aua. M: Gewonnen!</p></body></html>"#
        )
    };
    let declared = page(
        r#"<script type="application/ld+json">{"@type":"BlogPosting","headline":"Glatteis"}</script>"#,
    );
    let x = extract(declared.as_bytes(), &Rules::default(), None).expect("a short post");
    assert!(x.article.body.contains("Aua. M: Gewonnen!"));
    // The same lines on a page that declares nothing are too short to be an article.
    let undeclared = page(
        r#"<script type="application/ld+json">{"@type":"WebPage","name":"Glatteis"}</script>"#,
    );
    assert_eq!(
        extract(undeclared.as_bytes(), &Rules::default(), None)
            .unwrap_err()
            .0,
        "no article text found (the longest text block has 11 words)"
    );
}
