//! Tag slugs (and every term's): made from the name, or set by hand in site.toml's
//! `[tag_slugs]` or a taxonomy's `slugs`. The warning when different names end up on one
//! page is [`super::terms::merged_names`].
//!
//! Spellings of one name (`Politik`, `POLITIK`, `Polítik`, `Amerika Latin` / `Amerika-Latin`)
//! share a page without a word. Different names whose slugs agree (`C++`, `C#`, `C`: all
//! `c`) share it too, as their page has one URL, but builds and checks warn about them.

use std::collections::BTreeMap;

use crate::text::slugify;

/// A tag as shown (`Amerika Latin`) and as put in URLs (`amerika-latin`).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct TagName {
    pub name: String,
    pub slug: String,
}

/// The longest URL segment (a slug, a tag's slug) in bytes. File systems refuse names over
/// 255 bytes, and a segment also names a folder or `SEGMENT.html` file in public/.
pub const MAX_SEGMENT: usize = 200;

/// What tells spellings of one name apart from different names: the name with its case
/// folded, accents off Latin letters, and every run of spaces, `-` and `_` between two
/// letters or digits made one space. `Polítik` and `POLITIK` give `politik`; `C++` and `C`
/// stay apart.
pub fn spelling_key(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.trim().chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else if is_latin_letter(c) {
            // `é` → `e`, `ß` → `ss`: the letter without its accent, as slugs write it.
            match slugify(c.encode_utf8(&mut [0; 4])) {
                s if s.is_empty() => folded.extend(c.to_lowercase()),
                s => folded.push_str(&s),
            }
        } else {
            folded.extend(c.to_lowercase());
        }
    }
    let is_gap = |c: char| c.is_whitespace() || c == '-' || c == '_';
    let chars: Vec<char> = folded.chars().collect();
    let mut key = String::with_capacity(folded.len());
    let mut i = 0;
    while i < chars.len() {
        if is_gap(chars[i]) {
            let end = (i..chars.len())
                .find(|&j| !is_gap(chars[j]))
                .unwrap_or(chars.len());
            let between_words = i > 0
                && chars[i - 1].is_alphanumeric()
                && end < chars.len()
                && chars[end].is_alphanumeric();
            if between_words {
                key.push(' ');
            } else {
                key.extend(&chars[i..end]);
            }
            i = end;
        } else {
            key.push(chars[i]);
            i += 1;
        }
    }
    key
}

/// Latin letters with accents and other marks (Latin-1 Supplement to Latin Extended-B, and
/// Latin Extended Additional): the letters whose accents a slug drops.
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
}

/// The `[tag_slugs]` table checked, keyed by [`spelling_key`]. The error completes
/// "site.toml: [tag_slugs] …".
pub fn hand_slugs(table: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>, String> {
    let mut slugs: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (name, slug) in table {
        if slug.is_empty() || slugify(slug) != *slug {
            let example = match slugify(slug) {
                s if s.is_empty() => "cpp".to_string(),
                s => s,
            };
            return Err(format!(
                "{name:?} = {slug:?}: a slug is lowercase letters, digits and dashes, such as {example:?}"
            ));
        }
        if slug.len() > MAX_SEGMENT {
            return Err(format!(
                "{name:?}: the slug is {} bytes long; the limit is {MAX_SEGMENT}",
                slug.len()
            ));
        }
        let key = spelling_key(name);
        if let Some((other, other_slug)) = slugs.get(&key)
            && other_slug != slug
        {
            return Err(format!(
                "{other:?} and {name:?} are spellings of one tag, given different slugs: keep one of them"
            ));
        }
        slugs.insert(key, (name.clone(), slug.clone()));
    }
    Ok(slugs
        .into_iter()
        .map(|(key, (_, slug))| (key, slug))
        .collect())
}

/// The slug of the tag `name`: from `[tag_slugs]` if it is there, else made from the name.
pub fn slug_of(name: &str, hand_slugs: &BTreeMap<String, String>) -> String {
    if !hand_slugs.is_empty()
        && let Some(slug) = hand_slugs.get(&spelling_key(name))
    {
        return slug.clone();
    }
    slugify(name)
}

/// A long name cut to its first 40 characters, for messages.
pub fn shortened(name: &str) -> String {
    match name.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &name[..i]),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_share_a_key() {
        for (a, b) in [
            ("Politik", "POLITIK"),
            ("Politik", "Polítik"),
            ("Amerika Latin", "amerika-latin"),
            ("Amerika Latin", "Amerika  _Latin"),
            ("Straße", "STRASSE"),
        ] {
            assert_eq!(spelling_key(a), spelling_key(b), "{a} / {b}");
        }
        for (a, b) in [
            ("C++", "C"),
            ("C#", "C"),
            ("C", "c--"),
            ("中国", "中國"),
            ("-a", "a"),
        ] {
            assert_ne!(spelling_key(a), spelling_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn hand_slugs_are_checked() {
        let table = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let slugs = hand_slugs(&table(&[("C++", "cpp"), ("C#", "c-sharp")])).unwrap();
        assert_eq!(slug_of("c++", &slugs), "cpp");
        assert_eq!(slug_of("C#", &slugs), "c-sharp");
        assert_eq!(slug_of("C", &slugs), "c");
        assert_eq!(
            hand_slugs(&table(&[("C++", "C PP")])).unwrap_err(),
            "\"C++\" = \"C PP\": a slug is lowercase letters, digits and dashes, such as \"c-pp\""
        );
        assert_eq!(
            hand_slugs(&table(&[("C++", "++")])).unwrap_err(),
            "\"C++\" = \"++\": a slug is lowercase letters, digits and dashes, such as \"cpp\""
        );
        assert_eq!(
            hand_slugs(&table(&[("C++", "cpp"), ("c++", "cplus")])).unwrap_err(),
            "\"C++\" and \"c++\" are spellings of one tag, given different slugs: keep one of them"
        );
        assert_eq!(
            hand_slugs(&table(&[("x", &"a".repeat(201))])).unwrap_err(),
            "\"x\": the slug is 201 bytes long; the limit is 200"
        );
    }

    #[test]
    fn long_names_are_shortened_for_messages() {
        assert_eq!(shortened("pendek"), "pendek");
        assert_eq!(shortened(&"é".repeat(41)), format!("{}…", "é".repeat(40)));
    }
}
