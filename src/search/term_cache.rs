//! The words' terms of every document, kept between builds in
//! `.cermin-cache/search-terms.bin`, so that a cached build reads and stems only the
//! articles that changed: most of what the index costs (see [`super::index`]).
//!
//! A document is found by the hash of everything its terms are made of (title, tags,
//! summary, body, stemmer): an edited article simply misses. The file is checked whole
//! (magic, version, the program that wrote it, a hash of its bytes); anything that does not
//! check out is an empty cache, so a damaged file costs a full index, never a wrong one.
//!
//! Layout: `CRMNSTRM`, version (u32), program identity (u64), xxh3 of the rest (u64), then
//! the terms (varint count; each varint length and bytes) and the documents (varint count;
//! each its key as u64, varint count of terms, each varint term number and impact byte).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3Default;

use super::stem::Stemmer;
use super::varint::{push_varint, read_varint};
use crate::cache::checked::{HEADER, framed, is_intact};
use crate::content::Article;

const MAGIC: &[u8; 8] = b"CRMNSTRM";
const VERSION: u32 = 1;

/// The file of the cache in a site's cache folder.
pub fn path(cache_dir: &Path) -> PathBuf {
    cache_dir.join("search-terms.bin")
}

/// What a document's word terms are made of, hashed: equal keys, equal terms. The article's
/// words (title, tags' names, summary text, body) were hashed when it was read.
pub fn key(article: &Article, stemmer: Stemmer) -> u64 {
    let mut h = Xxh3Default::new();
    stemmer.name().hash(&mut h);
    article.signatures.words.hash(&mut h);
    h.finish()
}

/// The terms of the last build's documents.
#[derive(Default)]
pub struct TermCache {
    terms: Vec<Box<str>>,
    /// Each document's terms: where they start in `bytes` and how many there are.
    docs: HashMap<u64, (usize, usize), ahash::RandomState>,
    bytes: Vec<u8>,
}

impl TermCache {
    /// The cache in `file`, or an empty one when it is missing, written by another program
    /// or damaged.
    pub fn read(file: &Path) -> TermCache {
        std::fs::read(file)
            .ok()
            .and_then(|bytes| TermCache::parse(bytes, crate::cache::program_identity()))
            .unwrap_or_default()
    }

    fn parse(bytes: Vec<u8>, identity: u64) -> Option<TermCache> {
        TermCache::parse_as(bytes, MAGIC, identity)
    }

    /// A file of this layout written as kind `magic` by the program `identity` (the cached
    /// index keeps its documents' terms in segments of this layout, see
    /// [`crate::search::saved`]).
    pub fn parse_as(bytes: Vec<u8>, magic: &[u8; 8], identity: u64) -> Option<TermCache> {
        if !is_intact(&bytes, magic, VERSION, identity) {
            return None;
        }
        let mut at = HEADER;
        let term_count = read_varint(&bytes, &mut at)? as usize;
        let mut terms = Vec::with_capacity(term_count.min(bytes.len()));
        for _ in 0..term_count {
            let len = read_varint(&bytes, &mut at)? as usize;
            let text = std::str::from_utf8(bytes.get(at..at.checked_add(len)?)?).ok()?;
            terms.push(text.into());
            at += len;
        }
        let doc_count = read_varint(&bytes, &mut at)? as usize;
        let mut docs = HashMap::default();
        docs.reserve(doc_count.min(bytes.len()));
        for _ in 0..doc_count {
            let key = u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?);
            at += 8;
            let count = read_varint(&bytes, &mut at)? as usize;
            let start = at;
            for _ in 0..count {
                if read_varint(&bytes, &mut at)? as usize >= term_count {
                    return None;
                }
                bytes.get(at)?;
                at += 1;
            }
            docs.insert(key, (start, count));
        }
        (at == bytes.len()).then_some(TermCache { terms, docs, bytes })
    }

    /// Whether the cache has the document with `key`.
    pub fn contains(&self, key: u64) -> bool {
        self.docs.contains_key(&key)
    }

    /// The documents in the cache.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// How many terms the documents' numbers are taken from.
    pub fn terms(&self) -> usize {
        self.terms.len()
    }

    /// The term numbered `n` (below [`TermCache::terms`]).
    pub fn term(&self, n: u32) -> &str {
        &self.terms[n as usize]
    }

    /// The terms of the document with `key` by number, with their impacts, if the cache
    /// has it.
    pub fn get(&self, key: u64) -> Option<impl Iterator<Item = (u32, u8)> + '_> {
        let &(start, count) = self.docs.get(&key)?;
        let mut at = start;
        Some((0..count).map(move |_| {
            // Every number was checked against the terms when the file was read.
            let n = read_varint(&self.bytes, &mut at).unwrap_or_default();
            let impact = self.bytes[at];
            at += 1;
            (n, impact)
        }))
    }
}

/// A new cache being made: every document's terms, by number in a list of terms.
#[derive(Default)]
pub struct TermCacheWriter {
    docs: Vec<u8>,
    doc_count: usize,
}

impl TermCacheWriter {
    /// Adds the document with `key` and its terms, given by their numbers.
    pub fn add(&mut self, key: u64, terms: &[(u32, u8)]) {
        self.docs.extend_from_slice(&key.to_le_bytes());
        push_varint(&mut self.docs, terms.len() as u32);
        for &(n, impact) in terms {
            push_varint(&mut self.docs, n);
            self.docs.push(impact);
        }
        self.doc_count += 1;
    }

    /// The file's bytes, `terms` being the list the documents' numbers are in.
    pub fn finish<'t>(self, terms: impl ExactSizeIterator<Item = &'t str>) -> Vec<u8> {
        self.finish_as(terms, MAGIC)
    }

    /// [`TermCacheWriter::finish`] for a file of kind `magic`.
    pub fn finish_as<'t>(
        self,
        terms: impl ExactSizeIterator<Item = &'t str>,
        magic: &[u8; 8],
    ) -> Vec<u8> {
        let mut body = Vec::with_capacity(self.docs.len() + terms.len() * 10 + 16);
        push_varint(&mut body, terms.len() as u32);
        for term in terms {
            push_varint(&mut body, term.len() as u32);
            body.extend_from_slice(term.as_bytes());
        }
        push_varint(&mut body, self.doc_count as u32);
        body.extend_from_slice(&self.docs);
        framed(magic, VERSION, &body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written() -> Vec<u8> {
        let mut w = TermCacheWriter::default();
        w.add(7, &[(0, 200), (2, 9)]);
        w.add(300, &[]);
        w.add(9, &[(1, 255)]);
        w.finish(["banjir", "harga", "jakarta"].into_iter())
    }

    fn terms_of(cache: &TermCache, key: u64) -> Option<Vec<(String, u8)>> {
        cache
            .get(key)
            .map(|terms| terms.map(|(n, i)| (cache.term(n).to_string(), i)).collect())
    }

    #[test]
    fn a_written_cache_reads_back() {
        let cache = TermCache::parse(written(), crate::cache::program_identity()).unwrap();
        assert_eq!(
            terms_of(&cache, 7).unwrap(),
            [("banjir".to_string(), 200), ("jakarta".to_string(), 9)]
        );
        assert_eq!(terms_of(&cache, 300).unwrap(), []);
        assert_eq!(terms_of(&cache, 9).unwrap(), [("harga".to_string(), 255)]);
        assert_eq!(terms_of(&cache, 8), None);
    }

    #[test]
    fn a_damaged_or_foreign_cache_is_empty() {
        let identity = crate::cache::program_identity();
        let good = written();
        for at in [0, 9, 14, 22, HEADER, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert!(
                TermCache::parse(bad, identity).is_none(),
                "byte {at} flipped"
            );
        }
        assert!(TermCache::parse(good[..good.len() - 3].to_vec(), identity).is_none());
        assert!(TermCache::parse(Vec::new(), identity).is_none());
        assert!(TermCache::parse(good.clone(), identity ^ 1).is_none());
        assert!(TermCache::parse(good, identity).is_some());
    }
}
