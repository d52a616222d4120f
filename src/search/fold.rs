//! Words out of text: split on anything that is not a letter, digit or mark, lower-cased, with
//! diacritics folded (`Pembangunan`, `pembangunan` and `pembangünan` are one word).
//!
//! The search page's script (`themes/default/static/search.js`) does the same with
//! `/[\p{Alphabetic}\p{N}\p{M}]+/gu`, `toLowerCase` and NFD without marks;
//! `tests/search/fold_vectors.tsv` holds pairs both are checked against.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words longer than this are cut: they are URLs, codes or garbage, not search terms.
pub const MAX_WORD_CHARS: usize = 32;

/// Calls `each` with every word of `text`, folded, in order.
pub fn words(text: &str, mut each: impl FnMut(&str)) {
    words_with(text, &mut String::new(), &mut each);
}

/// [`words`] with a buffer the caller keeps for words beyond ASCII (the indexer reads
/// millions of words: most are plain ASCII and go by without a copy).
pub fn words_with(text: &str, scratch: &mut String, each: &mut impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
            at += 1;
        }
        if at == bytes.len() || bytes[at].is_ascii() {
            if at > start {
                emit_ascii(&text[start..at], each);
            }
            at += 1; // the separator
        } else {
            at = unicode_word(text, start, scratch, each);
        }
    }
}

/// The word of `text` at `start`, which holds a character beyond ASCII, through `each`;
/// returns where it ends. A separator beyond ASCII (`—`) is a word of nothing.
fn unicode_word(
    text: &str,
    start: usize,
    scratch: &mut String,
    each: &mut impl FnMut(&str),
) -> usize {
    scratch.clear();
    let mut plain = true;
    let mut end = start;
    for c in text[start..].chars() {
        if c.is_ascii_alphanumeric() {
            scratch.push(c);
        } else if !c.is_ascii() && (c.is_alphanumeric() || is_combining_mark(c)) {
            plain = false;
            scratch.push(c);
        } else {
            break;
        }
        end += c.len_utf8();
    }
    if scratch.is_empty() {
        return start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    if plain {
        emit_ascii(scratch, each);
    } else {
        let folded = fold(scratch);
        if !folded.is_empty() {
            each(&folded);
        }
    }
    end
}

/// An ASCII word, lower-cased and cut to [`MAX_WORD_CHARS`], copied only when it has
/// capitals.
fn emit_ascii(word: &str, each: &mut impl FnMut(&str)) {
    let word = &word[..word.len().min(MAX_WORD_CHARS)];
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        let mut lower = [0u8; MAX_WORD_CHARS];
        let lower = &mut lower[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // Lower-casing ASCII keeps it ASCII.
        each(std::str::from_utf8(lower).unwrap_or_default());
    } else {
        each(word);
    }
}

/// The words of `text`, folded.
pub fn word_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    words(text, |w| out.push(w.to_string()));
    out
}

/// One word lower-cased, without diacritics (NFD, marks dropped), cut to [`MAX_WORD_CHARS`].
pub fn fold(word: &str) -> String {
    word.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .take(MAX_WORD_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lowercases_and_folds() {
        assert_eq!(
            word_list("Pembangunan JALAN tol, Café-Crème 2022; Jum'at"),
            [
                "pembangunan",
                "jalan",
                "tol",
                "cafe",
                "creme",
                "2022",
                "jum",
                "at"
            ]
        );
        assert_eq!(
            word_list("Ñandú über São Paulo"),
            ["nandu", "uber", "sao", "paulo"]
        );
    }

    #[test]
    fn ascii_words_beside_separators_beyond_ascii() {
        assert_eq!(
            word_list("Harga—BERAS “naik” naïve…x"),
            ["harga", "beras", "naik", "naive", "x"]
        );
    }

    #[test]
    fn punctuation_only_gives_no_words() {
        assert!(word_list(" — ... !? ").is_empty());
    }

    #[test]
    fn long_words_are_cut() {
        let long = "a".repeat(50);
        assert_eq!(word_list(&long), ["a".repeat(MAX_WORD_CHARS)]);
        let long = "é".repeat(50);
        assert_eq!(word_list(&long), ["e".repeat(MAX_WORD_CHARS)]);
    }

    #[test]
    fn agrees_with_the_shared_vectors() {
        for (line_no, line) in include_str!("../../tests/search/fold_vectors.tsv")
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
        {
            let (input, expected) = line.split_once('\t').expect("two columns");
            assert_eq!(
                word_list(input).join(" "),
                expected,
                "fold_vectors.tsv:{}",
                line_no + 1
            );
        }
    }
}
