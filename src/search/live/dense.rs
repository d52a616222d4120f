//! A dense posting list (a term in a large share of the documents: `kota`, `year:2024`) kept
//! in parts, so that a save flips a bit and moves a document between impact levels instead
//! of writing the term's whole list again from every (document, impact) pair.

use crate::search::index::{DENSE_TOP, Postings};
use crate::search::varint::{push_varint, varint_length};

/// The parts the dense form ([`Postings::written`]) is made of.
pub struct DenseList {
    /// A bit a document (low bit first).
    bitmap: Vec<u8>,
    /// The documents with each impact (the index), in document order: the best
    /// [`DENSE_TOP`] are read from the top levels down.
    levels: Vec<Vec<u32>>,
    /// The sum of the impacts.
    sum: u64,
    count: usize,
    /// The bytes the list would take as (delta, impact) pairs, which decides whether the
    /// dense form pays ([`Postings::dense_pays`]).
    length: usize,
}

impl DenseList {
    /// The list of `pairs` (in document order) for `documents` documents.
    pub fn of(pairs: &[(u32, u8)], documents: usize) -> DenseList {
        let mut list = DenseList {
            bitmap: vec![0; documents.div_ceil(8)],
            levels: vec![Vec::new(); 256],
            sum: 0,
            count: pairs.len(),
            length: 0,
        };
        let mut last = 0;
        for &(doc, impact) in pairs {
            list.levels[impact as usize].push(doc);
            list.bitmap[doc as usize / 8] |= 1 << (doc % 8);
            list.sum += u64::from(impact);
            list.length += 1 + varint_length(doc - last);
            last = doc;
        }
        list
    }

    /// Whether the dense form still pays for `documents` documents.
    pub fn pays(&self, documents: usize) -> bool {
        Postings::dense_pays(self.count, self.length, documents)
    }

    /// Document `doc` had impact `before` (or was not in the list) and has `now`.
    pub fn set(&mut self, doc: u32, before: Option<u8>, now: Option<u8>) {
        if let Some(impact) = before {
            let level = &mut self.levels[impact as usize];
            if let Ok(i) = level.binary_search(&doc) {
                level.remove(i);
                self.sum -= u64::from(impact);
            }
        }
        if let Some(impact) = now {
            let level = &mut self.levels[impact as usize];
            if let Err(i) = level.binary_search(&doc) {
                level.insert(i, doc);
                self.sum += u64::from(impact);
            }
        }
        match (before, now) {
            (None, Some(_)) => self.add_document(doc),
            (Some(_), None) => self.remove_document(doc),
            _ => {}
        }
    }

    /// Sets `doc`'s bit and counts the bytes its pair adds to the list form.
    fn add_document(&mut self, doc: u32) {
        let byte = doc as usize / 8;
        if byte >= self.bitmap.len() {
            self.bitmap.resize(byte + 1, 0);
        }
        if self.bitmap[byte] & (1 << (doc % 8)) != 0 {
            return;
        }
        let (before, after) = self.neighbours(doc);
        let base = before.unwrap_or(0);
        self.length += 1 + varint_length(doc - base);
        if let Some(next) = after {
            self.length = self.length + varint_length(next - doc) - varint_length(next - base);
        }
        self.bitmap[byte] |= 1 << (doc % 8);
        self.count += 1;
    }

    /// Clears `doc`'s bit and takes the bytes of its pair from the list form.
    fn remove_document(&mut self, doc: u32) {
        let byte = doc as usize / 8;
        if self
            .bitmap
            .get(byte)
            .is_none_or(|b| b & (1 << (doc % 8)) == 0)
        {
            return;
        }
        self.bitmap[byte] &= !(1 << (doc % 8));
        let (before, after) = self.neighbours(doc);
        let base = before.unwrap_or(0);
        self.length -= 1 + varint_length(doc - base);
        if let Some(next) = after {
            self.length = self.length + varint_length(next - base) - varint_length(next - doc);
        }
        self.count -= 1;
    }

    /// The documents of the list just before and just after `doc` (not itself).
    fn neighbours(&self, doc: u32) -> (Option<u32>, Option<u32>) {
        let (byte, bit) = (doc as usize / 8, doc % 8);
        let at = |b: usize| b as u32 * 8;
        let below = self.bitmap[byte] & ((1u8 << bit) - 1);
        let before = if below != 0 {
            Some(at(byte) + 7 - below.leading_zeros())
        } else {
            (0..byte)
                .rev()
                .find(|&b| self.bitmap[b] != 0)
                .map(|b| at(b) + 7 - self.bitmap[b].leading_zeros())
        };
        let above = self.bitmap[byte] & (0xffu8 << bit << 1);
        let after = if above != 0 {
            Some(at(byte) + above.trailing_zeros())
        } else {
            (byte + 1..self.bitmap.len())
                .find(|&b| self.bitmap[b] != 0)
                .map(|b| at(b) + self.bitmap[b].trailing_zeros())
        };
        (before, after)
    }

    /// Makes the bitmap one bit a document of `documents` (its documents are all below).
    pub fn resize(&mut self, documents: usize) {
        self.bitmap.resize(documents.div_ceil(8), 0);
    }

    /// The (document, impact) pairs in document order.
    pub fn pairs(&self) -> Vec<(u32, u8)> {
        let mut pairs: Vec<(u32, u8)> = Vec::with_capacity(self.count);
        for (impact, docs) in self.levels.iter().enumerate() {
            pairs.extend(docs.iter().map(|&d| (d, impact as u8)));
        }
        pairs.sort_unstable();
        pairs
    }

    /// The dense form, the bytes [`Postings::written`] makes of the same pairs: the mean
    /// impact of all but the best [`DENSE_TOP`] (ties to the older document), the bitmap,
    /// the best as (delta, impact) pairs.
    pub fn written(&self) -> Postings {
        let mut best: Vec<(u32, u8)> = Vec::with_capacity(DENSE_TOP);
        for impact in (0..256).rev() {
            let docs = &self.levels[impact];
            let take = docs.len().min(DENSE_TOP - best.len());
            best.extend(docs[..take].iter().map(|&d| (d, impact as u8)));
            if best.len() == DENSE_TOP {
                break;
            }
        }
        best.sort_unstable();
        let best_sum: u64 = best.iter().map(|p| u64::from(p.1)).sum();
        let rest = self.count - DENSE_TOP;
        let rest_impact = ((self.sum - best_sum) as f64 / rest as f64).round() as u32;
        if best.iter().all(|p| p.1 == 0) {
            best.clear(); // a filter: no impacts
        }
        let mut bytes = Vec::with_capacity(self.bitmap.len() + best.len() * 3 + 2);
        push_varint(&mut bytes, rest_impact);
        bytes.extend_from_slice(&self.bitmap);
        bytes.extend_from_slice(&Postings::from_pairs(&best).bytes);
        let last = self.levels.iter().filter_map(|l| l.last()).max().copied();
        Postings {
            bytes,
            count: self.count as u32,
            dense: true,
            last,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small random number generator (xorshift), so the test needs no crate.
    struct Random(u64);

    impl Random {
        fn below(&mut self, n: u32) -> u32 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % u64::from(n)) as u32
        }
    }

    #[test]
    fn edits_give_the_bytes_of_the_list_written_afresh() {
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        let mut documents = 6_000;
        // Impacts from few values (ties at the cut), and a filter (all zero).
        for impacts in [4u32, 200, 0] {
            let impact = |r: &mut Random| match impacts {
                0 => 0,
                n => r.below(n) as u8 + 1,
            };
            let mut pairs: Vec<(u32, u8)> = (0..documents as u32)
                .filter(|d| d % 5 != 3)
                .map(|d| (d, impact(&mut random)))
                .collect();
            let mut list = DenseList::of(&pairs, documents);
            for step in 0..400 {
                // Now and then a document more or less at the end, as a new or deleted article.
                if step % 50 == 49 {
                    documents += 1;
                } else if step % 50 == 24 {
                    documents -= 1;
                    let gone = documents as u32;
                    if let Ok(i) = pairs.binary_search_by_key(&gone, |p| p.0) {
                        list.set(gone, Some(pairs[i].1), None);
                        pairs.remove(i);
                    }
                }
                // Edits near the ends (neighbours far or missing) and anywhere.
                let doc = match step % 3 {
                    0 => random.below(20),
                    1 => documents as u32 - 1 - random.below(20),
                    _ => random.below(documents as u32),
                };
                let now = (random.below(3) != 0).then(|| impact(&mut random));
                let at = pairs.binary_search_by_key(&doc, |p| p.0);
                let before = at.ok().map(|i| pairs[i].1);
                list.set(doc, before, now);
                match (at, now) {
                    (Ok(i), Some(n)) => pairs[i].1 = n,
                    (Ok(i), None) => {
                        pairs.remove(i);
                    }
                    (Err(i), Some(n)) => pairs.insert(i, (doc, n)),
                    (Err(_), None) => {}
                }
                list.resize(documents);
                let fresh = DenseList::of(&pairs, documents);
                assert_eq!(list.length, fresh.length, "step {step}: list length");
                assert_eq!(list.count, pairs.len(), "step {step}: count");
                assert_eq!(list.pairs(), pairs, "step {step}: pairs");
                let written = Postings::written(&pairs, documents);
                assert!(written.dense, "step {step}: the test's lists are dense");
                assert_eq!(list.pays(documents), written.dense);
                assert_eq!(list.written(), written, "step {step}: written");
            }
        }
    }
}
