//! The outlet: its logo's alt text glued to paragraphs, and its name as the page spells it.

use super::*;

/// "rmol news logo Rencana Rusia…" → "Rencana Rusia…"; the phrase is recorded as dropped.
pub(super) fn strip_logo_alt_text(text: &str, dropped: &mut Vec<Dropped>) -> String {
    let (text, removed) = phrases::strip_logo_alt_text(text);
    for alt in removed {
        dropped.push(Dropped {
            text: alt,
            rule: phrases::rule::LOGO.into(),
        });
    }
    text.trim().to_string()
}

// ---------------------------------------------------------------------------------------------
// The outlet

/// The outlet's name as the page spells it: a word of the page equal to its URL's host
/// ("Kompas.com") or to the host's name part ("RMOL" for rmol.id), or two capitalised words
/// that make the name part ("Kabar Riau" for kabarriau.example), in capitals or capitalised;
/// the spelling the page uses most wins, on a tie the one with the domain, then the first.
/// `None` when the page never writes it so. A line marked `in_passing` (a promo, a
/// copyright line) counts for the one-word spellings only: two capitalised words there may
/// be any two words.
pub(super) fn outlet_name(url: &str, lines: &[String], in_passing: &[bool]) -> Option<String> {
    let host = crate::import::rules::host_of(url)?;
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let labels: Vec<&str> = host.split('.').collect();
    // "tribunnews.com" → "tribunnews"; "cahayatimur.co.id" → "cahayatimur".
    let second_level = [
        "co", "or", "ac", "go", "web", "my", "net", "com", "org", "sch",
    ];
    let name = match labels.as_slice() {
        [.., name, sl, _] if second_level.contains(sl) => *name,
        [.., name, _] => *name,
        _ => return None,
    };
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut count = |spelling: String| match counts.iter_mut().find(|(w, _)| *w == spelling) {
        Some((_, n)) => *n += 1,
        None => counts.push((spelling, 1)),
    };
    for (line, &in_passing) in lines.iter().zip(in_passing) {
        let words: Vec<&str> = line
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        for (i, word) in words.iter().enumerate() {
            let matches = word.eq_ignore_ascii_case(name) || word.eq_ignore_ascii_case(&host);
            if matches && capitalised(word) {
                count(word.to_string());
            }
            // "Kabar Riau": the name part split in two capitalised words, the whole name
            // ("TIMOR EKSPRES DARING" is another name than timorekspres's).
            let whole = i.checked_sub(1).is_none_or(|p| !capitalised(words[p]))
                && words.get(i + 2).is_none_or(|n| !capitalised(n));
            if let Some(next) = words.get(i + 1)
                && !in_passing
                && whole
                && capitalised(word)
                && capitalised(next)
                && word.len() + next.len() == name.len()
                && format!("{word}{next}").eq_ignore_ascii_case(name)
            {
                count(format!("{word} {next}"));
            }
        }
    }
    // Most used; on a tie the one with the domain ("Kompas.com"), then the first seen.
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (w, n))| (*n, w.contains('.'), std::cmp::Reverse(*i)))?;
    Some(best.1.0.clone())
}
