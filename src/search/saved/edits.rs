//! What an edit does to the terms' lists: the changes of each term's postings from the
//! changed documents' terms before and after, and a chunk's terms with those changes made.

use std::collections::BTreeMap;

use super::chunk_file::TermPostings;
use crate::search::index::Postings;

/// A changed document's number, its terms before (from its segment) and now.
pub type DocumentEdit = (u32, Vec<(String, u8)>, Vec<(String, u8)>);

/// What changes in a term's postings: (document, impact now; none when it left the list).
pub type PostingEdits = Vec<(u32, Option<u8>)>;

/// For every term whose postings change: (document, its impact now or none), by term.
pub fn postings_edits(edits: &[DocumentEdit]) -> BTreeMap<String, PostingEdits> {
    let mut out: BTreeMap<String, PostingEdits> = BTreeMap::new();
    for (d, before, after) in edits {
        let before: BTreeMap<&str, u8> = before.iter().map(|(t, i)| (t.as_str(), *i)).collect();
        let after: BTreeMap<&str, u8> = after.iter().map(|(t, i)| (t.as_str(), *i)).collect();
        for (term, &impact) in &before {
            let now = after.get(term).copied();
            if now != Some(impact) {
                out.entry(term.to_string()).or_default().push((*d, now));
            }
        }
        for (term, &impact) in &after {
            if !before.contains_key(term) {
                out.entry(term.to_string())
                    .or_default()
                    .push((*d, Some(impact)));
            }
        }
    }
    for edits in out.values_mut() {
        edits.sort_unstable_by_key(|e| e.0);
    }
    out
}

/// A chunk's terms as they are now: its `loaded` terms (in order) with `edits` (the edits
/// of the terms in its range, in order) made, for `documents` documents.
pub fn edited_terms<'e>(
    loaded: Vec<(String, Postings)>,
    edits: impl Iterator<Item = (&'e String, &'e PostingEdits)>,
    documents: usize,
) -> Vec<(String, TermPostings)> {
    let mut out = Vec::with_capacity(loaded.len() + 8);
    let mut edits = edits.peekable();
    let edited = |term: String, pairs: Vec<(u32, u8)>, edits: &PostingEdits| {
        let mut pairs = pairs;
        crate::search::index::apply_pair_edits(&mut pairs, edits.iter().copied());
        (!pairs.is_empty()).then(|| (term, TermPostings::of_pairs(&pairs, documents)))
    };
    for (term, plain) in loaded {
        while let Some((new, e)) = edits.next_if(|(t, _)| t.as_str() < term.as_str()) {
            out.extend(edited(new.clone(), Vec::new(), e));
        }
        match edits.next_if(|(t, _)| **t == term) {
            Some((_, e)) => out.extend(edited(term, plain.pairs(), e)),
            None => out.push((term, TermPostings::of_plain(plain, documents))),
        }
    }
    for (new, e) in edits {
        out.extend(edited(new.clone(), Vec::new(), e));
    }
    out
}
