//! Escaping for XML documents (feeds, sitemaps).

/// Escapes text for XML content and attributes, dropping characters XML 1.0 forbids
/// (control characters, U+FFFE, U+FFFF) so a feed stays well-formed whatever an article holds.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text);
    out
}

/// Bytes that need a look: markup characters, control characters, and 0xEF, the first byte of
/// U+FFFE and U+FFFF.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
        b += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table[0xEF] = true;
    table
};

/// [`escape`], appending to `out`. Copies runs of plain text whole: feeds carry whole
/// articles, so this is the hot path of feed writing.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !SPECIAL[b as usize] {
            i += 1;
            continue;
        }
        let (replacement, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF; other 0xEF sequences are kept.
            0xEF => match bytes.get(i + 1..i + 3) {
                Some([0xBF, 0xBE | 0xBF]) => ("", 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => ("", 1), // a forbidden control character
        };
        // Every special byte is ASCII or starts a UTF-8 sequence, so these are char boundaries.
        out.push_str(&text[plain_from..i]);
        out.push_str(replacement);
        i += len;
        plain_from = i;
    }
    out.push_str(&text[plain_from..]);
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_and_strips() {
        assert_eq!(
            super::escape("a<b>&\"'\u{1}\u{fffe}\n"),
            "a&lt;b&gt;&amp;&quot;&apos;\n"
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
                    '\'' => out.push_str("&apos;"),
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
