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
/// ("Kompas.com") or to the host's name part ("RMOL" for rmol.id), in capitals or capitalised;
/// the spelling the page uses most wins. `None` when the page never writes it so.
pub(super) fn outlet_name(url: &str, lines: &[String]) -> Option<String> {
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
    let mut counts: Vec<(String, usize)> = Vec::new();
    for word in lines.iter().flat_map(|l| l.split_whitespace()) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let matches = word.eq_ignore_ascii_case(name) || word.eq_ignore_ascii_case(&host);
        if !matches || !word.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        match counts.iter_mut().find(|(w, _)| w == word) {
            Some((_, n)) => *n += 1,
            None => counts.push((word.to_string(), 1)),
        }
    }
    // Most used; on a tie the one with the domain ("Kompas.com"), then the first seen.
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (w, n))| (*n, w.contains('.'), std::cmp::Reverse(*i)))?;
    Some(best.1.0.clone())
}
