//! Escaping for XML documents (feeds, sitemaps).

use std::borrow::Cow;

/// Escapes text for XML content and attributes, dropping characters XML 1.0 forbids
/// (control characters, U+FFFE, U+FFFF) so a feed stays well-formed whatever an article holds.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text);
    out
}

/// [`escape`], appending to `out`. Feeds carry whole articles, so this is the hot path of
/// feed writing: the escaping itself is pulldown-cmark's vectorized one (`&`, `<`, `>`, `"`
/// and `'`, which is written `&#39;`).
pub fn escape_into(out: &mut String, text: &str) {
    let text = without_forbidden_characters(text);
    pulldown_cmark_escape::escape_html(&mut *out, &text).expect("writing to a String cannot fail");
}

/// `text` without the characters XML 1.0 forbids: control characters but tab and line
/// breaks, U+FFFE and U+FFFF. Nearly every text has none, which a byte scan tells.
fn without_forbidden_characters(text: &str) -> Cow<'_, str> {
    // C0 controls are single bytes; U+FFFE and U+FFFF start with 0xEF. A fold of plain
    // comparisons, not `any`: it runs on 16 bytes at a time.
    let may_hold = text.bytes().fold(false, |seen, b| {
        seen | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF)
    });
    if !may_hold {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| {
                matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_and_strips() {
        assert_eq!(
            super::escape("a<b>&\"'\u{1}\u{fffe}\n"),
            "a&lt;b&gt;&amp;&quot;&#39;\n"
        );
    }

    #[test]
    fn keeps_other_characters_that_start_like_the_forbidden_ones() {
        // U+FFFD (EF BF BD) and U+F000 (EF 80 80) share the first byte with U+FFFE/U+FFFF.
        let text = "\u{fffd}\u{f000}é\t\r\u{ffff}x\u{7f}";
        assert_eq!(super::escape(text), "\u{fffd}\u{f000}é\t\rx\u{7f}");
    }

    #[test]
    fn agrees_with_a_char_by_char_escape() {
        let reference = |text: &str| -> String {
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    '\t' | '\n' | '\r' => out.push(c),
                    c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
                    c => out.push(c),
                }
            }
            out
        };
        let pieces = [
            "a",
            "<",
            ">",
            "&",
            "\"",
            "'",
            "\u{0}",
            "\u{1f}",
            "\t",
            "\n",
            "\u{fffe}",
            "\u{ffff}",
            "\u{fffd}",
            "\u{efbf}",
            "ï",
            "日本",
            "\u{10ffff}",
            " ",
        ];
        // Every string of up to three pieces, alone and after plain runs of several lengths
        // (specials before, inside and after a 16-byte block).
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for run in [0, 13, 16, 31] {
                        let text = format!("{}{a}{b}{}{c}", "x".repeat(run), "y".repeat(run / 2));
                        assert_eq!(super::escape(&text), reference(&text), "{text:?}");
                    }
                }
            }
        }
    }
}
