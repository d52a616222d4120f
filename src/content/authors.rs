//! Author names as bylines write them: "Fajar Nugroho, Dewi Anggraini" and "A dan B" are
//! two people, each with a page of their own.

use super::tags::spelling_key;

/// The names in one byline: split at commas, semicolons, `&` and the words "dan" / "and"
/// between names; spellings of one name (case, spacing) kept once, as first written.
pub fn split_names<'a>(bylines: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for byline in bylines {
        for part in byline.split([',', ';', '&']) {
            for name in split_on_words(part) {
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                if name.is_empty() {
                    continue;
                }
                let key = spelling_key(&name);
                if !keys.contains(&key) {
                    keys.push(key);
                    names.push(name);
                }
            }
        }
    }
    names
}

/// `part` cut at the lowercase words "dan" and "and" standing alone between words.
fn split_on_words(part: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let words: Vec<(usize, &str)> = part
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w))
        .collect();
    for (i, &(at, word)) in words.iter().enumerate() {
        let between = i > 0 && i + 1 < words.len();
        if between && (word == "dan" || word == "and") {
            pieces.push(&part[start..at]);
            start = at + word.len();
        }
    }
    pieces.push(&part[start..]);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_split_into_names() {
        assert_eq!(
            split_names(["Fajar Nugroho, Dewi Anggraini"]),
            ["Fajar Nugroho", "Dewi Anggraini"]
        );
        assert_eq!(split_names(["Ani dan Budi"]), ["Ani", "Budi"]);
        assert_eq!(split_names(["Ann Lee and Bo Chen"]), ["Ann Lee", "Bo Chen"]);
        assert_eq!(split_names(["A; B & C"]), ["A", "B", "C"]);
        assert_eq!(
            split_names(["Ani", "Budi Santoso dan Citra"]),
            ["Ani", "Budi Santoso", "Citra"]
        );
    }

    #[test]
    fn names_that_contain_the_words_stay_whole() {
        assert_eq!(split_names(["Dan Brown"]), ["Dan Brown"]);
        assert_eq!(split_names(["Andi Dandi"]), ["Andi Dandi"]);
        assert_eq!(split_names(["and"]), ["and"]);
    }

    #[test]
    fn spellings_of_one_name_are_kept_once() {
        assert_eq!(
            split_names(["Reni  Erina, reni erina", " , "]),
            ["Reni Erina"]
        );
    }
}
