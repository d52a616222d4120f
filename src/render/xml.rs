//! Escaping for XML documents (feeds, sitemaps).

/// Escapes text for XML content and attributes, dropping the characters no document may hold
/// ([`crate::text::is_forbidden_char`]). Content and settings are cleaned when they are read;
/// this keeps any other short text (a theme's string, say) from making a feed ill-formed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, &crate::text::without_forbidden_chars(text));
    out
}

/// Escapes text from content, which was cleaned when it was read, appending to `out`. Feeds
/// carry whole articles, so this is the hot path of feed writing: pulldown-cmark's vectorized
/// escape (`&`, `<`, `>`, `"` and `'`, which is written `&#39;`).
pub fn escape_into(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(&mut *out, text).expect("writing to a String cannot fail");
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
        let text = "\u{fffd}\u{f000}é\t\r\u{ffff}x\u{7f}\u{fdd0}";
        assert_eq!(super::escape(text), "\u{fffd}\u{f000}é\t\rx");
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
                    c if crate::text::is_forbidden_char(c) => {}
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
