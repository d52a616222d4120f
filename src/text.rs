//! Small text helpers shared by several modules.

/// 1-based (line, column) of a byte offset in `text`; the column counts characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The largest char boundary at or before `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text of line `line` (1-based), without its line ending.
pub fn nth_line(text: &str, line: usize) -> &str {
    text.lines().nth(line.saturating_sub(1)).unwrap_or("")
}

/// `root/rel` as users like to read it: just `rel` when the root is the current folder.
pub fn in_root(root: &std::path::Path, rel: &str) -> std::path::PathBuf {
    if root == std::path::Path::new(".") || root.as_os_str().is_empty() {
        std::path::PathBuf::from(rel)
    } else {
        root.join(rel)
    }
}

/// Whether no HTML page or XML document may hold `c`: control characters (C0 but tab, line
/// feed and carriage return; DEL; C1) and noncharacters (U+FDD0–U+FDEF, and the last two
/// code points of every plane). Surrogates cannot be in a Rust string at all; written as
/// entities (`&#xD800;`) they are read as U+FFFD by the Markdown and HTML parsers.
pub fn is_forbidden_char(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
}

/// `text` without the characters of [`is_forbidden_char`]: the one cleaning every text from
/// content goes through when it is read, so that pages and feeds alike never hold them.
pub fn without_forbidden_chars(text: &str) -> std::borrow::Cow<'_, str> {
    if holds_forbidden_chars(text.as_bytes()) {
        text.chars()
            .filter(|c| !is_forbidden_char(*c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Whether UTF-8 text holds a character of [`is_forbidden_char`], told from its bytes without
/// decoding it (every article's text goes through here): C0 controls and DEL are single
/// bytes; C1 controls are C2 80–9F; U+FDD0–U+FDEF are EF B7 90–AF, U+FFFE/F are EF BF BE/F;
/// the other planes' last two code points are F0–F4, then a byte ending in F, BF, BE/F.
fn holds_forbidden_chars(bytes: &[u8]) -> bool {
    // A fold of plain comparisons, not `any`: it runs on 16 bytes at a time. It also tells
    // whether there is any lead byte of the multi-byte forbidden characters at all (most
    // titles, names and URLs are ASCII), before looking for them one by one.
    let (single, lead) = bytes.iter().fold((false, false), |(seen, lead), &b| {
        (
            seen | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7F),
            lead | (b == 0xC2) | (b >= 0xEF),
        )
    });
    if single || !lead {
        return single;
    }
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    memchr::memchr3_iter(0xC2, 0xEF, 0xF0, bytes)
        .chain(memchr::memchr3_iter(0xF1, 0xF2, 0xF3, bytes))
        .chain(memchr::memchr_iter(0xF4, bytes))
        .any(|i| match bytes[i] {
            0xC2 => (0x80..=0x9F).contains(&at(i + 1)),
            0xEF => {
                (at(i + 1) == 0xB7 && (0x90..=0xAF).contains(&at(i + 2)))
                    || (at(i + 1) == 0xBF && at(i + 2) >= 0xBE)
            }
            _ => at(i + 1) & 0x0F == 0x0F && at(i + 2) == 0xBF && at(i + 3) >= 0xBE,
        })
}

/// [`without_forbidden_chars`] for an owned string: no copy when there is nothing to drop.
pub fn clean(text: String) -> String {
    match without_forbidden_chars(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(cleaned) => cleaned,
    }
}

/// A URL slug: lowercase ASCII letters, digits and dashes ("Amerika Latin" → "amerika-latin").
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // pulldown-cmark's vectorized escape: `&`, `<`, `>`, `"` and `'` (as `&#39;`).
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// Whether a link target is safe to put in a page: relative, a fragment, or a harmless scheme.
pub fn is_safe_url(url: &str) -> bool {
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match trimmed.find(':') {
        None => true,
        Some(colon) => {
            // A colon after a `/`, `?` or `#` is not a scheme separator.
            if trimmed[..colon].contains(['/', '?', '#']) {
                return true;
            }
            let scheme = trimmed[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
    }
}

/// A count with its noun in the singular for one only: `1 page`, `0 pages`, `2 pages`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_and_others_kept() {
        let text = "a\u{0}b\tc\n\u{7f}d\u{85}\u{9f}e\u{a0}f\u{fffe}g\u{ffff}h\u{fffd}é\r\n\u{fdd0}\u{fdef}\u{1fffe}\u{10ffff}i\u{fdcf}\u{fdf0}😀\u{1b}";
        assert_eq!(
            without_forbidden_chars(text),
            "ab\tc\nde\u{a0}fgh\u{fffd}é\r\ni\u{fdcf}\u{fdf0}😀"
        );
        // Plain text is passed through without a copy, and told from its bytes alone.
        for plain in [
            "kata · kata 日本 😀",
            "a\u{a0}b\u{fffd}\u{fdcf}\u{10fffd}\u{efff}",
        ] {
            assert!(matches!(
                without_forbidden_chars(plain),
                std::borrow::Cow::Borrowed(_)
            ));
            assert!(!holds_forbidden_chars(plain.as_bytes()));
        }
        // Every code point: the byte scan never misses one the character test refuses.
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            for s in [format!("ab{c}cd"), c.to_string()] {
                assert_eq!(
                    holds_forbidden_chars(s.as_bytes()),
                    is_forbidden_char(c),
                    "U+{u:04X}"
                );
            }
        }
    }

    #[test]
    fn escape_html_escapes_markup_and_both_quotes() {
        assert_eq!(
            escape_html("<a href=\"x\">Tom & Jerry's</a> é日本"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; é日本"
        );
        // Past one 16-byte block, where the vectorized scan takes over.
        let long = format!("{}<{}'", "a".repeat(17), "b".repeat(31));
        assert_eq!(
            escape_html(&long),
            format!("{}&lt;{}&#39;", "a".repeat(17), "b".repeat(31))
        );
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é\nx", 3), (2, 1));
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Amerika Latin"), "amerika-latin");
        assert_eq!(
            slugify("Kuba, Venzuela & Nikaragua!"),
            "kuba-venzuela-nikaragua"
        );
        assert_eq!(slugify("Café Olé"), "cafe-ole");
    }

    #[test]
    fn dangerous_urls_are_refused() {
        assert!(is_safe_url("https://example.org/a"));
        assert!(is_safe_url("/2022/01/"));
        assert!(is_safe_url("#fn-1"));
        assert!(is_safe_url("a/b:c"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JaVa\tScRiPt:alert(1)"));
        assert!(!is_safe_url("data:text/html,<script>"));
        assert!(!is_safe_url("vbscript:x"));
    }

    #[test]
    fn counts_are_singular_for_one_only() {
        assert_eq!(count(0, "error", "errors"), "0 errors");
        assert_eq!(count(1, "error", "errors"), "1 error");
        assert_eq!(count(2, "link", "links"), "2 links");
    }
}
