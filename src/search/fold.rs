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
    let mut word = String::new();
    let mut plain = true;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // ASCII, most of the text: one byte at a time, no Unicode tables.
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                word.push(b as char);
            } else if !word.is_empty() {
                emit(&mut word, plain, &mut each);
                plain = true;
            }
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("at a character boundary");
        if c.is_alphanumeric() || is_combining_mark(c) {
            plain = false;
            word.push(c);
        } else if !word.is_empty() {
            emit(&mut word, plain, &mut each);
            plain = true;
        }
        at += c.len_utf8();
    }
    if !word.is_empty() {
        emit(&mut word, plain, &mut each);
    }
}

/// The words of `text`, folded.
pub fn word_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    words(text, |w| out.push(w.to_string()));
    out
}

fn emit(word: &mut String, ascii: bool, each: &mut impl FnMut(&str)) {
    if ascii {
        word.make_ascii_lowercase();
        let end = word.len().min(MAX_WORD_CHARS);
        each(&word[..end]);
    } else {
        let folded = fold(word);
        if !folded.is_empty() {
            each(&folded);
        }
    }
    word.clear();
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
