//! The documents' terms kept in segments (`d/<n>.bin`, [`SEGMENT`] documents a file, in the
//! layout of [`crate::search::term_cache`]), so that a changed document's old terms are read
//! from one small file and only its segment is written again.

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

use super::{State, write_file};
use crate::search::index::Postings;
use crate::search::term_cache::TermCacheWriter;

/// Documents a segment file holds.
pub const SEGMENT: usize = 1024;
pub const SEGMENT_MAGIC: &[u8; 8] = b"CRMNSSEG";

/// A segment of documents' terms being made: the terms by their strings, numbered in the
/// segment.
#[derive(Default)]
pub struct SegmentWriter {
    numbers: HashMap<String, u32>,
    terms: Vec<String>,
    writer: TermCacheWriter,
    numbered: Vec<(u32, u8)>,
}

impl SegmentWriter {
    pub fn add<'t>(&mut self, key: u64, terms: impl Iterator<Item = (&'t str, u8)>) {
        self.numbered.clear();
        for (term, impact) in terms {
            let n = match self.numbers.get(term) {
                Some(&n) => n,
                None => {
                    let n = self.terms.len() as u32;
                    self.terms.push(term.to_string());
                    self.numbers.insert(term.to_string(), n);
                    n
                }
            };
            self.numbered.push((n, impact));
        }
        self.writer.add(key, &self.numbered);
    }

    pub fn finish(self) -> Vec<u8> {
        self.writer
            .finish_as(self.terms.iter().map(String::as_str), SEGMENT_MAGIC)
    }
}

/// The segments written as a fresh index posts its documents.
pub struct Segments<'s> {
    pub state: &'s State<'s>,
    pub writer: SegmentWriter,
    pub hashes: Vec<u64>,
}

impl Segments<'_> {
    pub fn add(&mut self, doc: u32, terms: &[(u32, u8)], lists: &[(Box<str>, Postings)]) {
        let doc = doc as usize;
        let key = self.state.keys[doc].terms;
        self.writer
            .add(key, terms.iter().map(|&(n, i)| (&*lists[n as usize].0, i)));
        if (doc + 1).is_multiple_of(SEGMENT) || doc + 1 == self.state.docs.len() {
            let bytes = std::mem::take(&mut self.writer).finish();
            write_file(&self.state.segment_path(self.hashes.len()), &bytes);
            self.hashes.push(xxh3_64(&bytes));
        }
    }
}
