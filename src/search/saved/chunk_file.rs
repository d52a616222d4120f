//! A term chunk's postings as a cached build keeps them (`.cermin-cache/search/t/<name>.bin`):
//! every term of the chunk with all its (document, impact) pairs, which the written chunk
//! does not keep for a dense list (only its best impacts), so that an edit can make the
//! chunk again from this file alone.
//!
//! Layout: the checked header (`CRMNSCHK`, see [`crate::cache::checked`]), then varint count
//! of terms; each varint length and bytes of the term, varint count of documents, varint
//! length and bytes of its pairs as a plain list ([`Postings::from_pairs`]).

use crate::cache::checked::{HEADER, framed, is_intact};
use crate::search::index::{DENSE_TOP, Postings};
use crate::search::varint::{push_varint, read_varint};

const MAGIC: &[u8; 8] = b"CRMNSCHK";
const VERSION: u32 = 1;

/// A term's postings: all its pairs as a plain list, and the list as written in the chunk
/// file for the number of documents of the build.
pub struct TermPostings {
    pub plain: Postings,
    pub written: Postings,
}

impl TermPostings {
    /// The term with the plain list of its pairs, for `documents` documents.
    pub fn of_plain(plain: Postings, documents: usize) -> TermPostings {
        // A short list is written plain: only a long one can be dense.
        let written = if plain.count as usize <= DENSE_TOP {
            plain.clone()
        } else {
            Postings::written(&plain.pairs(), documents)
        };
        TermPostings { plain, written }
    }

    /// The term with `pairs` (in document order), for `documents` documents.
    pub fn of_pairs(pairs: &[(u32, u8)], documents: usize) -> TermPostings {
        TermPostings {
            plain: Postings::from_pairs(pairs),
            written: Postings::written(pairs, documents),
        }
    }

    /// Whether the way the list is written depends on the number of documents.
    pub fn is_big(&self) -> bool {
        self.plain.count as usize > DENSE_TOP
    }
}

/// The file's bytes for a chunk's terms with their plain lists.
pub fn to_bytes<'t>(terms: impl Iterator<Item = (&'t str, &'t Postings)>) -> Vec<u8> {
    let mut body = Vec::new();
    let mut count = 0u32;
    let mut rest = Vec::new();
    for (term, plain) in terms {
        count += 1;
        push_varint(&mut rest, term.len() as u32);
        rest.extend_from_slice(term.as_bytes());
        push_varint(&mut rest, plain.count);
        push_varint(&mut rest, plain.bytes.len() as u32);
        rest.extend_from_slice(&plain.bytes);
    }
    push_varint(&mut body, count);
    body.extend_from_slice(&rest);
    framed(MAGIC, VERSION, &body)
}

/// The terms and plain lists in a file's `bytes`, or none when they do not check out.
pub fn parse(bytes: &[u8], identity: u64) -> Option<Vec<(String, Postings)>> {
    if !is_intact(bytes, MAGIC, VERSION, identity) {
        return None;
    }
    let mut at = HEADER;
    let count = read_varint(bytes, &mut at)? as usize;
    let mut terms = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let len = read_varint(bytes, &mut at)? as usize;
        let term = std::str::from_utf8(bytes.get(at..at.checked_add(len)?)?).ok()?;
        at += len;
        let documents = read_varint(bytes, &mut at)?;
        let len = read_varint(bytes, &mut at)? as usize;
        let list = bytes.get(at..at.checked_add(len)?)?;
        at += len;
        terms.push((term.to_string(), plain_list(list, documents)?));
    }
    (at == bytes.len()).then_some(terms)
}

/// A plain list from its bytes, checked: `count` (document, impact) pairs, documents rising.
fn plain_list(bytes: &[u8], count: u32) -> Option<Postings> {
    let mut at = 0;
    let (mut seen, mut last) = (0u32, None::<u32>);
    while at < bytes.len() {
        let delta = read_varint(bytes, &mut at)?;
        bytes.get(at)?;
        at += 1;
        let doc = match last {
            Some(_) if delta == 0 => return None,
            Some(l) => l.checked_add(delta)?,
            None => delta,
        };
        last = Some(doc);
        seen += 1;
    }
    (seen == count && count > 0).then(|| Postings {
        bytes: bytes.to_vec(),
        count,
        dense: false,
        last,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> Vec<(String, Postings)> {
        vec![
            ("banjir".into(), Postings::from_pairs(&[(0, 9), (300, 255)])),
            ("year:2024".into(), Postings::from_pairs(&[(4, 0)])),
        ]
    }

    fn written() -> Vec<u8> {
        let terms = terms();
        to_bytes(terms.iter().map(|(t, p)| (t.as_str(), p)))
    }

    #[test]
    fn a_written_chunk_reads_back() {
        let read = parse(&written(), crate::cache::program_identity()).unwrap();
        assert_eq!(read, terms());
    }

    #[test]
    fn a_damaged_old_or_foreign_chunk_is_none() {
        let identity = crate::cache::program_identity();
        let good = written();
        for at in [0, 9, 14, 22, HEADER, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert!(parse(&bad, identity).is_none(), "byte {at} flipped");
        }
        let mut old = good.clone();
        old[8..12].copy_from_slice(&(VERSION + 1).to_le_bytes());
        assert!(parse(&old, identity).is_none());
        assert!(parse(&good[..good.len() - 1], identity).is_none());
        assert!(parse(&good, identity ^ 1).is_none());
    }
}
