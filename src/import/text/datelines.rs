//! Datelines: short lines that are a date and little else.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use regex::Regex;

use super::*;

/// Words a dateline may carry besides the date: day names, labels, relative times.
#[rustfmt::skip]
pub(super) const DATELINE_WORDS: &[&str] = &[
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu",
    "fri", "sat", "sun", "diterbitkan", "dipublikasikan", "terbit", "publikasi", "published",
    "posted", "diposting", "updated", "update", "diperbarui", "diupdate", "pembaruan", "tanggal",
    "date", "on", "pada", "pukul", "jam", "at", "last", "modified", "terakhir", "hours", "hour",
    "minutes", "ago", "lalu", "menit", "yang",
];

/// Words that mark a dateline as the last update rather than the publication.
pub(super) static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:diperbarui|diupdate|updated?|pembaruan|last\s+modified|terakhir)\b")
        .expect("valid regex")
});

/// A short line that is a date and little else ("  • Kamis, 27 Januari 2022, 14:52 WIB",
/// "Kompas.com - 14/03/2022, 09:41 WIB"); body sentences that mention a date are not.
pub(super) fn dateline(text: &str, rules: &Rules) -> Option<(DateTime<FixedOffset>, bool)> {
    if text.chars().count() > 120 {
        return None;
    }
    let found = dates::find_date(text)?;
    let before = &text[..found.span.start];
    let rest = format!("{before} {}", &text[found.span.end..]);
    let other_words = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '.'))
        .map(|w| w.trim_matches('.').to_lowercase())
        .filter(|w| w.chars().any(char::is_alphabetic) && !DATELINE_WORDS.contains(&w.as_str()))
        .count();
    if other_words > 3 {
        return None;
    }
    let date = dates::parse_date_with(text, date_patterns(rules))?;
    Some((date, UPDATED.is_match(before)))
}

/// An edition line of a newspaper or newsletter ("Edisi Selasa, 8 Desember 2026",
/// "Edition of 8 December"): the issue's date in its masthead, not the story's dateline.
pub(super) fn is_edition_line(text: &str) -> bool {
    static EDITION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\W*(?:edisi|edition|e-?paper)\b").expect("valid regex"));
    EDITION.is_match(text)
}

/// The date a lead paragraph opens with after its place, before a dash: "Kendari, 11
/// Desember 2026 - Kementerian …", "JAKARTA, Senin (3/12/2026) –" (a press release's or a
/// wire story's dateline, when the page shows no other date).
pub(super) fn lead_dateline(paragraph: &str, rules: &Rules) -> Option<DateTime<FixedOffset>> {
    static PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Lu}[\p{L}.' -]{1,40},\s*(?:\p{L}+,?\s*\(?)?$").expect("valid regex")
    });
    static DASH_AFTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\)?\s*(?:\\?[-–—]|\(\w+\)\s*[-–—])").expect("valid regex"));
    let found = dates::find_date(paragraph)?;
    let placed = PLACE.is_match(&paragraph[..found.span.start])
        && DASH_AFTER.is_match(&paragraph[found.span.end..]);
    placed
        .then(|| dates::parse_date_with(&paragraph[..found.span.end], date_patterns(rules)))
        .flatten()
}
