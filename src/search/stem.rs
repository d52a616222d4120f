//! Stemming: word forms to one term, so `pembangunan` finds `membangun` and `elections`
//! finds `election`. Rules only (no dictionary), small enough to have a twin in the search
//! page's script; `tests/search/stem_vectors.tsv` holds the pairs both are checked against.

/// The stemmer of a site's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemmer {
    /// Indonesian (and Malay): the affixes of Tala's stemmer, as in Snowball's.
    Indonesian,
    English,
    /// Other languages: words are only folded.
    None,
}

impl Stemmer {
    /// The stemmer for a site's `language` (`id`, `id-ID`, `ms`, `en`, `en-GB`, …).
    pub fn for_language(language: &str) -> Stemmer {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "id" | "ms" => Stemmer::Indonesian,
            "en" => Stemmer::English,
            _ => Stemmer::None,
        }
    }

    /// The name the search page's script knows this stemmer by.
    pub fn name(self) -> &'static str {
        match self {
            Stemmer::Indonesian => "id",
            Stemmer::English => "en",
            Stemmer::None => "none",
        }
    }

    /// The stem of a folded word. Words with digits are kept as they are.
    pub fn stem(self, word: &str) -> String {
        if word.bytes().any(|b| b.is_ascii_digit()) {
            return word.to_string();
        }
        match self {
            Stemmer::Indonesian => indonesian(word),
            Stemmer::English => english(word),
            Stemmer::None => word.to_string(),
        }
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

fn vowels(word: &str) -> usize {
    word.chars().filter(|&c| is_vowel(c)).count()
}

/// Which first-order prefix was taken off: it decides which suffixes may go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prefix {
    None,
    /// di-, me(N)-, ter-
    Verb,
    /// ke-, pe(N)-
    Noun,
    /// ber-, per-, pe-
    Second,
}

/// Indonesian: particle (-lah, -kah, -pun), possessive (-ku, -mu, -nya), then the
/// first-order prefix (meN-, peN-, di-, ter-, ke-) and the suffix (-kan, -an, -i), or the
/// second-order prefix (ber-, per-, pe-) and the suffix. An affix goes only when at least
/// two vowels remain (`makan` keeps its `-an`).
fn indonesian(word: &str) -> String {
    let mut w = word.to_string();
    if vowels(&w) <= 2 {
        return w;
    }
    let keeps_two = |rest: &str| vowels(rest) >= 2;
    for set in [&["lah", "kah", "pun"][..], &["nya", "ku", "mu"][..]] {
        if let Some(rest) = set.iter().find_map(|s| w.strip_suffix(s))
            && keeps_two(rest)
        {
            w = rest.to_string();
        }
    }
    let (rest, prefix) = first_order_prefix(&w);
    if prefix != Prefix::None && keeps_two(&rest) {
        w = strip_suffix(&rest, prefix);
        if let Some(rest) = second_order_prefix(&w)
            && keeps_two(&rest)
        {
            w = rest;
        }
    } else {
        let mut prefix = Prefix::None;
        if let Some(rest) = second_order_prefix(&w)
            && keeps_two(&rest)
        {
            w = rest;
            prefix = Prefix::Second;
        }
        w = strip_suffix(&w, prefix);
    }
    w
}

/// The word without its first-order prefix (with the sound the prefix replaced put back:
/// `menyapu` → `sapu`, `memukul` → `pukul`, `menulis` → `tulis`).
fn first_order_prefix(w: &str) -> (String, Prefix) {
    let next_is_vowel = |rest: &str| rest.chars().next().is_some_and(is_vowel);
    for (prefix, kind) in [("me", Prefix::Verb), ("pe", Prefix::Noun)] {
        let Some(after) = w.strip_prefix(prefix) else {
            continue;
        };
        if let Some(rest) = after.strip_prefix("ng") {
            return (rest.to_string(), kind);
        }
        if let Some(rest) = after.strip_prefix("ny")
            && next_is_vowel(rest)
        {
            return (format!("s{rest}"), kind);
        }
        if let Some(rest) = after.strip_prefix('m') {
            let rest = if next_is_vowel(rest) {
                format!("p{rest}")
            } else {
                rest.to_string()
            };
            return (rest, kind);
        }
        if let Some(rest) = after.strip_prefix('n') {
            let rest = if next_is_vowel(rest) {
                format!("t{rest}")
            } else {
                rest.to_string()
            };
            return (rest, kind);
        }
        if prefix == "me"
            && let Some(c) = after.chars().next()
            && matches!(c, 'l' | 'r' | 'w' | 'y')
        {
            return (after.to_string(), kind);
        }
    }
    for (prefix, kind) in [
        ("di", Prefix::Verb),
        ("ter", Prefix::Verb),
        ("ke", Prefix::Noun),
    ] {
        if let Some(rest) = w.strip_prefix(prefix) {
            return (rest.to_string(), kind);
        }
    }
    (w.to_string(), Prefix::None)
}

/// The word without ber-, per-, pe- or be- before a consonant and `er` (`bekerja`).
fn second_order_prefix(w: &str) -> Option<String> {
    for prefix in ["ber", "per"] {
        if let Some(rest) = w.strip_prefix(prefix) {
            return Some(rest.to_string());
        }
    }
    if let Some(rest) = w.strip_prefix("be") {
        let mut chars = rest.chars();
        if chars.next().is_some_and(|c| !is_vowel(c)) && chars.as_str().starts_with("er") {
            return Some(rest.to_string());
        }
    }
    if let Some(rest) = w.strip_prefix("pe")
        && rest.chars().next().is_some_and(|c| !is_vowel(c))
    {
        return Some(rest.to_string());
    }
    None
}

/// The word without -kan, -an or -i, as far as the prefix taken allows (ke-/peN-/ber-/per-
/// with -kan, di-/meN-/ter- with -an, and -i after ke-/peN-/ber-/per- or `s` do not go).
fn strip_suffix(w: &str, prefix: Prefix) -> String {
    let keeps_two = |rest: &str| vowels(rest) >= 2;
    if let Some(rest) = w.strip_suffix("kan")
        && matches!(prefix, Prefix::None | Prefix::Verb)
        && keeps_two(rest)
    {
        return rest.to_string();
    }
    if let Some(rest) = w.strip_suffix("an")
        && prefix != Prefix::Verb
        && keeps_two(rest)
    {
        return rest.to_string();
    }
    if let Some(rest) = w.strip_suffix('i')
        && matches!(prefix, Prefix::None | Prefix::Verb)
        && !rest.ends_with('s')
        && keeps_two(rest)
    {
        return rest.to_string();
    }
    w.to_string()
}

/// English: plurals, -ing and -ed, a final doubled consonant undone (`running` → `run`).
fn english(word: &str) -> String {
    let w = word;
    let n = w.chars().count();
    if n <= 3 {
        return w.to_string();
    }
    if let Some(rest) = w.strip_suffix("ies")
        && n > 4
    {
        return format!("{rest}y");
    }
    if w.ends_with("sses") {
        return w[..w.len() - 2].to_string();
    }
    if let Some(rest) = w.strip_suffix('s')
        && !rest.ends_with('s')
        && !rest.ends_with('u')
        && !rest.ends_with('i')
    {
        return rest.to_string();
    }
    for suffix in ["ing", "ed"] {
        if let Some(rest) = w.strip_suffix(suffix)
            && rest.chars().count() >= 3
            && rest.chars().any(|c| is_vowel(c) || c == 'y')
        {
            return undouble(rest);
        }
    }
    w.to_string()
}

/// `runn` → `run`, but `fall`, `miss` and `buzz` keep theirs.
fn undouble(w: &str) -> String {
    let mut chars = w.chars().rev();
    if let (Some(last), Some(before)) = (chars.next(), chars.next())
        && last == before
        && !"aeioulsz".contains(last)
    {
        return w[..w.len() - last.len_utf8()].to_string();
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_word_forms_share_a_stem() {
        let s = |w: &str| Stemmer::Indonesian.stem(w);
        for form in [
            "membangun",
            "pembangunan",
            "dibangun",
            "bangunan",
            "membangunkan",
            "pembangunannya",
        ] {
            assert_eq!(s(form), "bangun", "{form}");
        }
        assert_eq!(s("menulis"), s("penulis"));
        assert_eq!(s("menulis"), "tulis");
        assert_eq!(s("memperbaiki"), "baik");
        assert_eq!(s("perbaikan"), "baik");
        assert_eq!(s("pendidikan"), "didik");
        assert_eq!(s("mendidik"), "didik");
        assert_eq!(s("berlari"), "lari");
        assert_eq!(s("menyapu"), "sapu");
        assert_eq!(s("kemerdekaan"), "merdeka");
    }

    #[test]
    fn short_indonesian_words_keep_their_ends() {
        let s = |w: &str| Stemmer::Indonesian.stem(w);
        assert_eq!(s("makan"), "makan");
        assert_eq!(s("dimakan"), "makan");
        assert_eq!(s("polisi"), "polisi");
        assert_eq!(s("jakarta"), "jakarta");
        assert_eq!(s("2022"), "2022");
    }

    #[test]
    fn english_word_forms_share_a_stem() {
        let s = |w: &str| Stemmer::English.stem(w);
        assert_eq!(s("elections"), "election");
        assert_eq!(s("running"), "run");
        assert_eq!(s("elected"), "elect");
        assert_eq!(s("cities"), "city");
        assert_eq!(s("bus"), "bus");
        assert_eq!(s("virus"), "virus");
        assert_eq!(s("falling"), "fall");
    }

    #[test]
    fn languages_pick_their_stemmer() {
        assert_eq!(Stemmer::for_language("id"), Stemmer::Indonesian);
        assert_eq!(Stemmer::for_language("en-GB"), Stemmer::English);
        assert_eq!(Stemmer::for_language("de"), Stemmer::None);
        assert_eq!(Stemmer::None.stem("häuser"), "häuser");
    }

    #[test]
    fn agrees_with_the_shared_vectors() {
        for (line_no, line) in include_str!("../../tests/search/stem_vectors.tsv")
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let stemmer = Stemmer::for_language(cols[0]);
            assert_eq!(
                stemmer.stem(cols[1]),
                cols[2],
                "stem_vectors.tsv:{}",
                line_no + 1
            );
        }
    }
}
