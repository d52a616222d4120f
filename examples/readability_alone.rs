//! The readability crate (dom_smoothie) alone, with its default settings, on a list of
//! pages: the yardstick `bench/extraction_eval.py --alone` compares `cermin import` with.
//!
//! Reads lines of `<path>\t<url>` on stdin; prints one JSON object a page on stdout:
//! `{"file": <file name>, "text": <article text or null>}`. A debugging aid, not part of
//! the importer.

use std::io::{BufRead, Write};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use dom_smoothie::{Config, Readability, TextMode};

/// UTF-8 when the bytes are valid UTF-8, else chardetng's guess: close enough for a
/// yardstick (the importer reads declared charsets too).
fn decode(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Allow);
    encoding.decode(bytes).0.into_owned()
}

fn article_text(path: &str, url: &str) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let html = decode(&bytes);
    let url = (!url.is_empty()).then_some(url);
    // Default settings but formatted text, so that blocks stay apart as a reader sees them.
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut readability = Readability::new(html, url, Some(config)).ok()?;
    Some(readability.parse().ok()?.text_content.to_string())
}

fn main() -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let (path, url) = line.split_once('\t').unwrap_or((&line, ""));
        let file = std::path::Path::new(path)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned());
        let record = serde_json::json!({ "file": file, "text": article_text(path, url) });
        writeln!(out, "{record}")?;
    }
    Ok(())
}
