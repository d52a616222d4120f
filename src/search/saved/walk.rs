//! Cutting the terms into chunks again after an edit, from the chunks the last build left,
//! loading only the old chunks the cut passes through: a chunk's ends depend only on the
//! terms from its start ([`chunks::Cutter`]), so the cut is redone from the start of an
//! unchanged old chunk before each changed term until it ends exactly where an untouched
//! old chunk starts; every other chunk stays as it was. The result is the cut
//! [`chunks::cuts`] makes of all the terms (see the test). Unlike the dev server's
//! `live::cut`, the terms are not all in memory: the old chunks are the units loaded.

use std::collections::BTreeSet;

use anyhow::Result;

use crate::search::chunks;

/// An old chunk's first term (its index in the old cut gives the rest).
pub trait OldChunk {
    fn first(&self) -> &str;
}

/// The cut anew: the old chunks it replaces (a run of indices each) and the chunks cut in
/// their place, each as its terms.
pub struct Recut<T> {
    pub runs: Vec<Run<T>>,
}

/// Old chunks `replaced` (consecutive) and the new chunks over the same terms.
pub struct Run<T> {
    pub replaced: std::ops::Range<usize>,
    pub made: Vec<Vec<(String, T)>>,
}

/// The old chunk that holds (or would hold) `term`.
pub fn chunk_of<C: OldChunk>(old: &[C], term: &str) -> usize {
    old.partition_point(|c| c.first() <= term).saturating_sub(1)
}

/// Cuts again around the `touched` terms (added, removed or changed) and the old chunks in
/// `forced` (whose terms all changed size). `load(k)` gives the terms of old chunk `k` as
/// they are now, in order: for the first chunk, also those before its first term; for each,
/// those up to the next chunk's first term. `weigh` gives a term's hash and size.
pub fn recut<C: OldChunk, T>(
    old: &[C],
    touched: &BTreeSet<String>,
    forced: &BTreeSet<usize>,
    mut load: impl FnMut(usize) -> Result<Vec<(String, T)>>,
    weigh: impl Fn(&str, &T) -> (u64, usize),
) -> Result<Recut<T>> {
    let mut out = Recut { runs: Vec::new() };
    if old.is_empty() {
        return Ok(out);
    }
    // Where the cut must start again for a changed term: at the last old chunk before it
    // whose first term is unchanged (a changed first term may move its chunk's start).
    let start_for = |term: &str| -> usize {
        let mut s = old.partition_point(|c| c.first() < term);
        while s > 0 {
            s -= 1;
            if !touched.contains(old[s].first()) {
                return s;
            }
        }
        0
    };
    // Each changed old chunk with the chunk to start cutting from.
    let mut pending: BTreeSet<usize> = forced.clone();
    let mut starts: Vec<(usize, usize)> = forced
        .iter()
        .map(|&f| (start_for(old[f].first()), f))
        .collect();
    for term in touched {
        let k = chunk_of(old, term);
        pending.insert(k);
        starts.push((start_for(term).min(k), k));
    }
    starts.sort_unstable();
    let mut next_free = 0;
    for (start, _) in starts {
        if start < next_free {
            continue;
        }
        let mut k = start;
        let mut cutter = chunks::Cutter::default();
        let mut current: Vec<(String, T)> = Vec::new();
        let mut made = Vec::new();
        loop {
            for (term, value) in load(k)? {
                let (hash, size) = weigh(&term, &value);
                if cutter.ends_before(size) && !current.is_empty() {
                    made.push(std::mem::take(&mut current));
                }
                current.push((term, value));
                if cutter.ends_after(hash, size) {
                    made.push(std::mem::take(&mut current));
                }
            }
            k += 1;
            if k == old.len() {
                if !current.is_empty() {
                    made.push(std::mem::take(&mut current));
                }
                break;
            }
            // The new cut ends where an old chunk whose terms are as they were starts: from
            // here on it is the old cut.
            if current.is_empty() && !pending.contains(&k) {
                break;
            }
        }
        out.runs.push(Run {
            replaced: start..k,
            made,
        });
        next_free = k;
    }
    // Every changed chunk is in a run: a run stops only before an unchanged chunk.
    debug_assert!(
        pending
            .iter()
            .all(|p| out.runs.iter().any(|r| r.replaced.contains(p)))
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    struct Old(String);

    impl OldChunk for Old {
        fn first(&self) -> &str {
            &self.0
        }
    }

    fn weigh(term: &str, size: &usize) -> (u64, usize) {
        (chunks::term_hash(term), *size)
    }

    /// The whole cut of `terms`, as [`chunks::cuts`] makes it: each chunk's terms.
    fn whole(terms: &BTreeMap<String, usize>) -> Vec<Vec<String>> {
        let keys: Vec<&String> = terms.keys().collect();
        chunks::cuts(terms.iter().map(|(t, s)| weigh(t, s)))
            .into_iter()
            .map(|r| keys[r].iter().map(|t| t.to_string()).collect())
            .collect()
    }

    #[test]
    fn cutting_again_from_the_old_chunks_gives_the_whole_cut() {
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
        for step in 0..400 {
            let mut touched = BTreeSet::new();
            for _ in 0..1 + random(6) {
                // A new term (now and then before every other), a term gone, a term grown
                // (now and then past a chunk's size) or shrunk.
                let term = match random(20) {
                    0 => format!("a{:05}", random(100)),
                    _ => format!("t{:05}", random(9100)),
                };
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
            // Now and then every term of a few chunks grows by a byte (a dense list's
            // bitmap when the documents pass a multiple of eight).
            let mut forced = BTreeSet::new();
            if random(10) == 0 {
                for _ in 0..3 {
                    let f = random(cut.len() as u64) as usize;
                    for term in &cut[f] {
                        if let Some(size) = terms.get_mut(term) {
                            *size += 1;
                        }
                    }
                    forced.insert(f);
                }
            }
            let old: Vec<Old> = cut.iter().map(|c| Old(c[0].clone())).collect();
            let mut loaded = 0;
            let recut = recut(
                &old,
                &touched,
                &forced,
                |k| {
                    loaded += 1;
                    let from = if k == 0 { "" } else { old[k].0.as_str() };
                    let range = terms.range::<str, _>((
                        std::ops::Bound::Included(from),
                        std::ops::Bound::Unbounded,
                    ));
                    Ok(match old.get(k + 1) {
                        Some(next) => range
                            .take_while(|(t, _)| t.as_str() < next.0.as_str())
                            .map(|(t, s)| (t.clone(), *s))
                            .collect(),
                        None => range.map(|(t, s)| (t.clone(), *s)).collect(),
                    })
                },
                weigh,
            )
            .unwrap();
            let mut next = Vec::new();
            let mut at = 0;
            for run in recut.runs {
                next.extend(cut[at..run.replaced.start].iter().cloned());
                next.extend(
                    run.made
                        .into_iter()
                        .map(|c| c.into_iter().map(|(t, _)| t).collect()),
                );
                at = run.replaced.end;
            }
            next.extend(cut[at..].iter().cloned());
            cut = next;
            assert_eq!(cut, whole(&terms), "step {step}");
            assert!(loaded < 30, "step {step}: {loaded} chunks loaded");
        }
    }
}
