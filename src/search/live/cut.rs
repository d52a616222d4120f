//! Cutting the terms into chunks again after an edit, only where terms changed: a chunk's
//! ends depend only on the terms from its start ([`chunks::Cutter`]), so the cut is redone
//! from the start of the last unchanged chunk before a changed term until it meets the start
//! of an old chunk again; every other chunk stays as it was. The result is the cut
//! [`chunks::cuts`] makes of all the terms.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use crate::search::chunks;

/// What changed in the cut: the chunks (first term, last term) cut anew, and the first terms
/// of the old chunks they replace.
#[derive(Default, Debug, PartialEq)]
pub struct Recut {
    pub made: Vec<(String, String)>,
    pub dropped: Vec<String>,
}

/// The cut of `terms` where the old cut was `chunks` (by first term) and the terms in
/// `touched` were added, removed, or changed size. `weigh` gives a term's hash and size.
pub fn recut<C, T>(
    chunks: &BTreeMap<String, C>,
    terms: &BTreeMap<String, T>,
    touched: &BTreeSet<String>,
    weigh: impl Fn(&str, &T) -> (u64, usize),
) -> Recut {
    let mut out = Recut::default();
    let mut pending = touched.iter().peekable();
    while let Some(&changed) = pending.peek() {
        // The cut up to the start of an unchanged old chunk is the same as before (a chunk
        // ends before a term only for that term's own size).
        let start: Option<&String> = chunks
            .range::<str, _>((Bound::Unbounded, Bound::Excluded(changed.as_str())))
            .rev()
            .map(|(first, _)| first)
            .find(|first| !touched.contains(*first));
        let from = start.map_or(Bound::Unbounded, |s| Bound::Included(s.as_str()));
        let mut cutter = chunks::Cutter::default();
        let (mut first, mut last): (Option<&String>, Option<&String>) = (None, None);
        let mut met: Option<&String> = None;
        for (term, value) in terms.range::<str, _>((from, Bound::Unbounded)) {
            let (hash, size) = weigh(term, value);
            if cutter.ends_before(size)
                && let (Some(f), Some(l)) = (first.take(), last)
            {
                out.made.push((f.clone(), l.clone()));
            }
            if first.is_none() {
                if last.is_some() {
                    // A chunk starts here: past the changed terms, at an old chunk's start,
                    // the old cut goes on unchanged.
                    while pending.next_if(|p| p.as_str() < term.as_str()).is_some() {}
                    if chunks.contains_key(term) && pending.peek() != Some(&term) {
                        met = Some(term);
                        break;
                    }
                }
                first = Some(term);
            }
            if cutter.ends_after(hash, size)
                && let Some(f) = first.take()
            {
                out.made.push((f.clone(), term.clone()));
            }
            last = Some(term);
        }
        if met.is_none() {
            if let (Some(f), Some(l)) = (first, last) {
                out.made.push((f.clone(), l.clone()));
            }
            pending.by_ref().for_each(drop);
        }
        let to = met.map_or(Bound::Unbounded, |m| Bound::Excluded(m.as_str()));
        out.dropped.extend(
            chunks
                .range::<str, _>((from, to))
                .map(|(first, _)| first.clone()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Terms of sizes that make chunks of a few terms each, some big enough to stand alone.
    fn weigh(term: &str, size: &usize) -> (u64, usize) {
        (chunks::term_hash(term), *size)
    }

    /// The whole cut of `terms`, as [`chunks::cuts`] makes it: first term → last term.
    fn whole(terms: &BTreeMap<String, usize>) -> BTreeMap<String, String> {
        let keys: Vec<&String> = terms.keys().collect();
        chunks::cuts(terms.iter().map(|(t, s)| weigh(t, s)))
            .into_iter()
            .map(|r| (keys[r.start].clone(), keys[r.end - 1].clone()))
            .collect()
    }

    #[test]
    fn cutting_again_where_terms_changed_gives_the_whole_cut() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut random = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut terms: BTreeMap<String, usize> = (0..3000)
            .map(|i| (format!("t{:05}", i * 3), 200 + random(3000) as usize))
            .collect();
        let mut cut = whole(&terms);
        for step in 0..300 {
            let mut touched = BTreeSet::new();
            for _ in 0..1 + random(6) {
                // A new term, a term gone, a term grown (now and then past a chunk's size)
                // or shrunk.
                let term = format!("t{:05}", random(9100));
                match random(4) {
                    0 => {
                        terms.remove(&term);
                    }
                    1 => {
                        terms.insert(term.clone(), 20_000 + random(60_000) as usize);
                    }
                    _ => {
                        terms.insert(term.clone(), 10 + random(4000) as usize);
                    }
                }
                touched.insert(term);
            }
            let recut = recut(&cut, &terms, &touched, weigh);
            for first in &recut.dropped {
                cut.remove(first);
            }
            let made = recut.made.len();
            cut.extend(recut.made);
            assert_eq!(cut, whole(&terms), "step {step}");
            assert!(made < 20, "step {step}: {made} chunks cut again");
        }
    }
}
