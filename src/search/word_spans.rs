//! The indexer's fast path to words: text cut at ASCII separators 64 bytes at a time, and
//! plain ASCII words as fixed-size keys.
//!
//! The indexer reads millions of words, nearly all plain ASCII. Looking at one byte at a
//! time mispredicts a branch at every word's end; here one block's bytes are classified at
//! once (SSE2 on x86_64) into a bit mask, and words come out of the mask by counting zeros.
//! An ASCII byte that is not a letter or digit always ends a word (see [`super::fold`]), so
//! the words of a span are the words of the text there: spans of ASCII letters and digits
//! are whole words, and the rare span with bytes beyond ASCII goes through
//! [`super::fold::words_with`] as before.

/// Calls `each(start, end, ascii)` for every maximal run `text[start..end]` of bytes that are
/// ASCII letters, ASCII digits or beyond ASCII, in order, cut also at General Punctuation
/// (see [`punctuation_cuts`]); `ascii` when it is letters and digits only. Runs start and
/// end at character boundaries, and every character between two runs is a separator.
pub fn spans(text: &str, mut each: impl FnMut(usize, usize, bool)) {
    ascii_spans(text, |start, end, ascii| match ascii {
        true => each(start, end, true),
        false => punctuation_cuts(text, start, end, &mut each),
    });
}

/// The runs of [`spans`] before cutting at punctuation beyond ASCII.
fn ascii_spans(text: &str, mut each: impl FnMut(usize, usize, bool)) {
    let text = text.as_bytes();
    let mut in_span = false;
    let (mut start, mut span_high) = (0, false);
    let mut tail = [b' '; 64];
    let mut base = 0;
    while base < text.len() {
        let block: &[u8; 64] = match text.get(base..base + 64) {
            Some(block) => block.try_into().expect("64 bytes"),
            None => {
                // The last block, filled up with separators.
                let rest = &text[base..];
                tail[..rest.len()].copy_from_slice(rest);
                &tail
            }
        };
        let Masks { alnum, high } = block_masks(block);
        let word = alnum | high;
        // The bits of the block from the position reached.
        let mut from = u64::MAX;
        loop {
            if in_span {
                let ends = !word & from;
                if ends == 0 {
                    span_high |= high & from != 0;
                    break;
                }
                let end = ends.trailing_zeros();
                span_high |= high & from & !(u64::MAX << end) != 0;
                each(start, base + end as usize, !span_high);
                in_span = false;
                from = u64::MAX << end;
            }
            let starts = word & from;
            if starts == 0 {
                break;
            }
            let at = starts.trailing_zeros();
            (start, span_high, in_span) = (base + at as usize, false, true);
            from = u64::MAX << at;
        }
        base += 64;
    }
    if in_span {
        each(start, text.len(), !span_high);
    }
}

/// Calls `each` with the parts of the run `text[start..end]` (which has bytes beyond ASCII)
/// between characters of the General Punctuation block (U+2000–U+206F: curly quotes, dashes,
/// the ellipsis, spaces), which are never parts of words. News text puts them right against
/// words (`“Kami`, `Jum’at`, `naik—turun`): cut there, the words beside them are plain ASCII
/// and take the fast path.
fn punctuation_cuts(
    text: &str,
    start: usize,
    end: usize,
    each: &mut impl FnMut(usize, usize, bool),
) {
    let bytes = &text.as_bytes()[..end];
    let mut part = start;
    let mut high = false;
    let mut at = start;
    while at < end {
        let b = bytes[at];
        // U+2000–U+206F in UTF-8: E2 80 80–BF, E2 81 80–AF.
        let punctuation = b == 0xe2
            && at + 2 < end
            && (bytes[at + 1] == 0x80 || (bytes[at + 1] == 0x81 && bytes[at + 2] < 0xb0));
        if punctuation {
            if at > part {
                each(part, at, !high);
            }
            at += 3;
            (part, high) = (at, false);
        } else {
            high |= !b.is_ascii();
            at += 1;
        }
    }
    if end > part {
        each(part, end, !high);
    }
}

/// Which bytes of a block are ASCII letters or digits, and which are beyond ASCII (bit `i`
/// for byte `i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Masks {
    alnum: u64,
    high: u64,
}

#[cfg(target_arch = "x86_64")]
fn block_masks(block: &[u8; 64]) -> Masks {
    // SAFETY: SSE2 is part of the x86_64 baseline, so its instructions are always there;
    // `sse2_masks` reads only its argument.
    unsafe { sse2_masks(block) }
}

#[cfg(not(target_arch = "x86_64"))]
fn block_masks(block: &[u8; 64]) -> Masks {
    portable_masks(block)
}

/// [`Masks`] 16 bytes at a time: a letter is `b | 0x20` in `a..=z`, a digit `b` in `0..=9`,
/// each range tested as one signed comparison after shifting its start to -128.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn sse2_masks(block: &[u8; 64]) -> Masks {
    use std::arch::x86_64::{
        _mm_add_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8,
    };
    let (mut alnum, mut high) = (0u64, 0u64);
    for (i, chunk) in block.chunks_exact(16).enumerate() {
        let half = |at: usize| i64::from_le_bytes(chunk[at..at + 8].try_into().expect("8 bytes"));
        let bytes = _mm_set_epi64x(half(8), half(0));
        let lower = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
        let letter = _mm_cmplt_epi8(
            _mm_add_epi8(lower, _mm_set1_epi8((0x80u8 - b'a') as i8)),
            _mm_set1_epi8(-128 + 26),
        );
        let digit = _mm_cmplt_epi8(
            _mm_add_epi8(bytes, _mm_set1_epi8((0x80u8 - b'0') as i8)),
            _mm_set1_epi8(-128 + 10),
        );
        let a = _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u16;
        let h = _mm_movemask_epi8(bytes) as u16;
        alnum |= u64::from(a) << (16 * i);
        high |= u64::from(h) << (16 * i);
    }
    Masks { alnum, high }
}

/// [`Masks`] a byte at a time: the definition the SIMD version is tested against.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn portable_masks(block: &[u8; 64]) -> Masks {
    let (mut alnum, mut high) = (0u64, 0u64);
    for (i, &b) in block.iter().enumerate() {
        alnum |= u64::from(b.is_ascii_alphanumeric()) << i;
        high |= u64::from(!b.is_ascii()) << i;
    }
    Masks { alnum, high }
}

/// A word of ASCII letters and digits, lower-cased and cut to
/// [`super::fold::MAX_WORD_CHARS`] (32) bytes, as zero-padded 8-byte lanes: found in a map
/// by comparing four numbers, with no string made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AsciiWord([u64; 4]);

const _: () = assert!(super::fold::MAX_WORD_CHARS == 32);

/// For a word of `len` bytes (0 to 32), the bits of each lane of its key that hold its bytes:
/// looked up, where working them out cost most of [`AsciiWord::of`] (once per word read).
const KEPT_BYTES: [[u64; 4]; 33] = kept_bytes();

const fn kept_bytes() -> [[u64; 4]; 33] {
    let mut masks = [[0u64; 4]; 33];
    let mut len = 0;
    while len <= 32 {
        let mut lane = 0;
        while lane < 4 {
            let kept = if len <= 8 * lane {
                0
            } else if len - 8 * lane >= 8 {
                8
            } else {
                len - 8 * lane
            };
            masks[len][lane] = if kept == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * kept)) - 1
            };
            lane += 1;
        }
        len += 1;
    }
    masks
}

/// The first two lanes of the key of the word `text[start..end]`, a span [`spans`] found
/// ASCII of at most 16 bytes, as one number (the first lane low): what
/// [`AsciiWord::short`] gives, made without the other two lanes.
pub fn short_key(text: &str, start: usize, end: usize) -> u128 {
    let text = text.as_bytes();
    let len = end - start;
    debug_assert!(len <= 16, "{len} bytes");
    let mut padded = [0u8; 16];
    let bytes: &[u8; 16] = match text.get(start..start + 16) {
        Some(bytes) => bytes.try_into().expect("16 bytes"),
        None => {
            padded[..len].copy_from_slice(&text[start..end]);
            &padded
        }
    };
    // `| 0x20` lower-cases a letter and leaves a digit as it is.
    (u128::from_le_bytes(*bytes) | 0x2020_2020_2020_2020_2020_2020_2020_2020)
        & SHORT_KEPT_BYTES[len]
}

/// For a word of `len` bytes (0 to 16), the bits of its short key that hold its bytes: looked
/// up, as [`KEPT_BYTES`] are.
const SHORT_KEPT_BYTES: [u128; 17] = {
    let mut masks = [u128::MAX; 17];
    let mut len = 0;
    while len < 16 {
        masks[len] = (1u128 << (8 * len)) - 1;
        len += 1;
    }
    masks
};

impl AsciiWord {
    /// The word `text[start..end]`, a span [`spans`] found ASCII.
    pub fn of(text: &str, start: usize, end: usize) -> AsciiWord {
        let text = text.as_bytes();
        let len = (end - start).min(32);
        let mut padded = [0u8; 32];
        let bytes: &[u8; 32] = match text.get(start..start + 32) {
            Some(bytes) => bytes.try_into().expect("32 bytes"),
            None => {
                padded[..len].copy_from_slice(&text[start..start + len]);
                &padded
            }
        };
        let keep = &KEPT_BYTES[len];
        let lane = |i: usize| {
            // `| 0x20` lower-cases a letter and leaves a digit as it is.
            let value = u64::from_le_bytes(bytes[8 * i..8 * i + 8].try_into().expect("8 bytes"))
                | 0x2020_2020_2020_2020;
            value & keep[i]
        };
        AsciiWord([lane(0), lane(1), lane(2), lane(3)])
    }

    /// The word when it has at most 16 bytes (most words): a smaller key. See also
    /// [`short_key`].
    pub fn short(self) -> Option<[u64; 2]> {
        (self.0[2] == 0).then_some([self.0[0], self.0[1]])
    }

    /// Calls `with` on the word as text.
    pub fn with_str<T>(self, with: impl FnOnce(&str) -> T) -> T {
        let mut bytes = [0u8; 32];
        for (i, lane) in self.0.iter().enumerate() {
            bytes[8 * i..8 * i + 8].copy_from_slice(&lane.to_le_bytes());
        }
        let len = bytes.iter().position(|&b| b == 0).unwrap_or(32);
        // Letters and digits: ASCII.
        with(std::str::from_utf8(&bytes[..len]).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::super::fold;
    use super::*;
    use proptest::prelude::*;

    /// The words of `text` by spans: ASCII spans as keys, the others through `fold`.
    fn words_by_spans(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        spans(text, |start, end, ascii| {
            if ascii {
                AsciiWord::of(text, start, end).with_str(|w| out.push(w.to_string()));
            } else {
                out.extend(fold::word_list(&text[start..end]));
            }
        });
        out
    }

    #[test]
    fn masks_agree_with_the_byte_at_a_time_definition_for_every_byte() {
        for first in 0..=255u8 {
            let mut block = [0u8; 64];
            for (i, b) in block.iter_mut().enumerate() {
                *b = first.wrapping_add((i as u8).wrapping_mul(37));
            }
            assert_eq!(block_masks(&block), portable_masks(&block), "from {first}");
        }
    }

    #[test]
    fn ascii_words_are_lower_cased_and_cut() {
        let text = format!("Harga BERAS naik 12% {}", "Ab".repeat(30));
        assert_eq!(
            words_by_spans(&text),
            ["harga", "beras", "naik", "12", &"ab".repeat(16)]
        );
    }

    #[test]
    fn spans_across_blocks_and_at_the_end() {
        // Words across the 64-byte block boundaries, a span beyond ASCII across one, and a
        // last word running to the end of a text of whole blocks.
        let text = format!(
            "{}Pembangunan {}Café-Crème x{}",
            " ".repeat(58),
            "a".repeat(60),
            "Z".repeat(112)
        );
        assert_eq!(text.len() % 64, 0, "{}", text.len());
        assert_eq!(words_by_spans(&text), fold::word_list(&text));
    }

    #[test]
    fn keys_hold_the_lower_cased_word_then_zeros() {
        // Every length from none to past the 32-byte cut, near the text's end and not.
        let text = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEf";
        for start in [0, 5, 20] {
            for end in start..=text.len() {
                let mut want = [0u8; 32];
                for (w, b) in want.iter_mut().zip(text[start..end].bytes()) {
                    *w = b.to_ascii_lowercase();
                }
                let got: Vec<u8> = AsciiWord::of(text, start, end)
                    .0
                    .iter()
                    .flat_map(|lane| lane.to_le_bytes())
                    .collect();
                assert_eq!(got, want, "{start}..{end}");
            }
        }
    }

    #[test]
    fn short_keys_are_words_of_at_most_16_bytes() {
        assert!(AsciiWord::of("pembangunanjalan", 0, 16).short().is_some());
        assert!(AsciiWord::of("pembangunanjalanx", 0, 17).short().is_none());
    }

    #[test]
    fn a_short_key_is_the_words_first_two_lanes() {
        // Every length up to 16, near the text's end and not.
        let text = "AbCdEfGhIjKlMnOpQrStUvWxYz0123";
        for start in [0, 7, 14] {
            for end in start..=(start + 16).min(text.len()) {
                let [low, high] = AsciiWord::of(text, start, end)
                    .short()
                    .expect("at most 16 bytes");
                let key = short_key(text, start, end);
                assert_eq!(
                    key,
                    u128::from(low) | u128::from(high) << 64,
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn general_punctuation_is_never_part_of_a_word() {
        // What makes cutting spans there safe.
        for c in '\u{2000}'..='\u{206f}' {
            assert_eq!(
                fold::word_list(&format!("a{c}b")),
                ["a", "b"],
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn words_against_curly_quotes_and_dashes_are_plain_ascii_spans() {
        let text = "“Kami” Jum’at naik—turun… café";
        let mut got = Vec::new();
        spans(text, |start, end, ascii| {
            got.push((&text[start..end], ascii))
        });
        assert_eq!(
            got,
            [
                ("Kami", true),
                ("Jum", true),
                ("at", true),
                ("naik", true),
                ("turun", true),
                ("café", false)
            ]
        );
    }

    proptest! {
        #[test]
        fn spans_give_the_words_of_fold(text in "[a-zA-Z0-9 ,.'éÉ—ü\u{301}\u{00a0}“”’…\u{2060}\u{2070}\u{2071}-]{0,200}") {
            prop_assert_eq!(words_by_spans(&text), fold::word_list(&text));
        }
    }
}
