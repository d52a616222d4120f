//! Author names in bylines: "By JOHN SMITH and Jane Doe, Staff Writer" is two names, spelled
//! as people write them; roles and outlet names are not names.

use std::sync::LazyLock;

use regex::Regex;

use super::dom::{collapse_whitespace, word_count};

/// A line that starts like a byline ("By ...", "Oleh: ...", "Penulis: ...").
pub static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|oleh|penulis|reporter|pewarta|laporan|written by|author)\b\s*[:：]?\s+\S")
        .expect("byline prefix")
});

/// Words of a role or desk, not of a name ("Staff Writer", "Associated Press").
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(staff|writer|reporter|correspondent|editor|contributor|columnist|wartawan|kontributor|redaksi|koresponden|press)\b",
    )
    .expect("role words")
});

static NAME_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:by|oleh|penulis|reporter|pewarta|laporan|written by|author|editor)\b\s*[:：]?\s*",
    )
    .expect("prefix")
});

/// The parts of a byline that may be names: the prefix ("By", "Oleh:") and anything after
/// " - " or " | " cut off, split at commas, "and", "dan" and "&".
fn byline_parts(raw: &str) -> Vec<String> {
    let text = collapse_whitespace(raw);
    let text = NAME_PREFIX.replace(&text, "");
    let first_part = text
        .split(" - ")
        .flat_map(|p| p.split(" | "))
        .flat_map(|p| p.split(" — "))
        .flat_map(|p| p.split(" – "))
        .flat_map(|p| p.split('\u{b7}'))
        .next()
        .unwrap_or("");
    first_part
        .split([',', ';', '&', '/'])
        .flat_map(|p| {
            p.split(" and ")
                .flat_map(|q| q.split(" dan "))
                .map(|q| q.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Author names in a byline: "By JOHN SMITH and Jane Doe, Staff Writer" gives
/// ["John Smith", "Jane Doe"]; outlet names and roles are left out.
pub fn clean_names(raw: &str) -> Vec<String> {
    let names: Vec<String> = byline_parts(raw)
        .iter()
        .filter(|p| is_name_like(p))
        .map(|p| title_case_if_shouting(p))
        .collect();
    dedup(names)
}

/// Whether a short line is a byline and nothing else: "By SAMUEL OKAFOR and LENA HOFFMANN",
/// "Oleh: Reni Erina", "By María Fernández, Staff Writer" (not "By Monday, officials said").
pub fn is_byline(text: &str) -> bool {
    if word_count(text) > 10 || !BYLINE_PREFIX.is_match(text) {
        return false;
    }
    let parts = byline_parts(text);
    !parts.is_empty()
        && parts.iter().any(|p| is_name_like(p))
        && parts
            .iter()
            .all(|p| is_name_like(p) || ROLE.is_match(p) || (!p.contains(' ') && p.contains('.')))
}

fn is_name_like(part: &str) -> bool {
    let words = part.split_whitespace().count();
    (1..=5).contains(&words)
        && part.chars().next().is_some_and(char::is_uppercase)
        && !part
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '@' | ':' | '(' | ')'))
        && !part
            .split_whitespace()
            .any(|w| w.contains('.') && w.len() > 4)
        && !ROLE.is_match(part)
}

/// "RENI ERINA" becomes "Reni Erina"; names already in mixed case stay as written.
pub fn title_case_if_shouting(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || letters.iter().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut out = String::new();
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = matches!(c, '-' | '\'' | '’');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i.to_lowercase()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_become_names() {
        assert_eq!(
            clean_names("By SAMUEL OKAFOR and LENA HOFFMANN"),
            ["Samuel Okafor", "Lena Hoffmann"]
        );
        assert_eq!(
            clean_names("By María Fernández, Staff Writer"),
            ["María Fernández"]
        );
        assert_eq!(clean_names("Oleh: ENDANG SUHENDAR"), ["Endang Suhendar"]);
        assert_eq!(
            clean_names("Rizky Maulana, Siti Nurhaliza - wartanusantara.example.id"),
            ["Rizky Maulana", "Siti Nurhaliza"]
        );
        assert_eq!(clean_names("LAPORAN: RENI ERINA"), ["Reni Erina"]);
        assert!(clean_names("2 hours ago").is_empty());
        assert!(is_byline("By SAMUEL OKAFOR and LENA HOFFMANN"));
        assert!(is_byline("Oleh: Reni Erina"));
        assert!(!is_byline(
            "By Monday, officials said the road would reopen."
        ));
        assert!(!is_byline("By the end of the year"));
    }
}
