//! What a cached build knows of the index it left (`.cermin-cache/search/index.bin`): the
//! keys of its documents, the hashes of the files of its document segments and term chunks,
//! and each index file's hash, so that the next build finds what changed, loads only the
//! files that hold it, and hands the others to the output cache by hash.
//!
//! Layout: the checked header (`CRMNSIDX`, see [`crate::cache::checked`]), then the
//! settings' hash (u64); varint count of documents, each its terms' and its result's keys
//! (u64, u64); varint count of segments, each its file's hash (u64); varint count of term
//! chunks, each varint length and bytes of its first and of its last term, its file's hash,
//! its postings file's hash (u64 each) and whether it holds a long list (u8); varint count
//! of result chunks, each its file's hash (u64) and its first document's day (i64); the
//! hash of `search/root.js` (u64).

use crate::cache::checked::{HEADER, framed, is_intact};
use crate::search::varint::{push_varint, read_varint};

const MAGIC: &[u8; 8] = b"CRMNSIDX";
const VERSION: u32 = 1;

/// What a document's share of the index is made of, hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocKeys {
    /// Its terms (words and filters).
    pub terms: u64,
    /// What its result shows.
    pub result: u64,
}

/// A term chunk the last build made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkEntry {
    pub first: String,
    pub last: String,
    /// The hash of its file in the output.
    pub file: u64,
    /// The hash of its postings file in the cache.
    pub postings: u64,
    /// Whether it holds a list of more than `DENSE_TOP` documents, written in a way that
    /// depends on the number of documents.
    pub big: bool,
}

impl super::walk::OldChunk for ChunkEntry {
    fn first(&self) -> &str {
        &self.first
    }
}

/// A result chunk the last build made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetaEntry {
    pub file: u64,
    pub first_day: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub settings: u64,
    pub docs: Vec<DocKeys>,
    pub segments: Vec<u64>,
    pub chunks: Vec<ChunkEntry>,
    pub metas: Vec<MetaEntry>,
    pub root: u64,
}

fn u64_at(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let n = u64::from_le_bytes(bytes.get(*at..*at + 8)?.try_into().ok()?);
    *at += 8;
    Some(n)
}

fn string_at(bytes: &[u8], at: &mut usize) -> Option<String> {
    let len = read_varint(bytes, at)? as usize;
    let s = std::str::from_utf8(bytes.get(*at..at.checked_add(len)?)?).ok()?;
    *at += len;
    Some(s.to_string())
}

fn push_string(out: &mut Vec<u8>, s: &str) {
    push_varint(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

impl Summary {
    /// The summary in `file`, or none when it is missing, old, foreign or damaged.
    pub fn read(file: &std::path::Path) -> Option<Summary> {
        Summary::parse(&std::fs::read(file).ok()?, crate::cache::program_identity())
    }

    pub fn parse(bytes: &[u8], identity: u64) -> Option<Summary> {
        if !is_intact(bytes, MAGIC, VERSION, identity) {
            return None;
        }
        let mut at = HEADER;
        let settings = u64_at(bytes, &mut at)?;
        let count = read_varint(bytes, &mut at)? as usize;
        let mut docs = Vec::with_capacity(count.min(bytes.len() / 16));
        for _ in 0..count {
            let terms = u64_at(bytes, &mut at)?;
            let result = u64_at(bytes, &mut at)?;
            docs.push(DocKeys { terms, result });
        }
        let count = read_varint(bytes, &mut at)? as usize;
        let segments = (0..count)
            .map(|_| u64_at(bytes, &mut at))
            .collect::<Option<Vec<_>>>()?;
        let count = read_varint(bytes, &mut at)? as usize;
        let mut chunks = Vec::with_capacity(count.min(bytes.len()));
        for _ in 0..count {
            chunks.push(ChunkEntry {
                first: string_at(bytes, &mut at)?,
                last: string_at(bytes, &mut at)?,
                file: u64_at(bytes, &mut at)?,
                postings: u64_at(bytes, &mut at)?,
                big: match *bytes.get(at)? {
                    0 => false,
                    1 => true,
                    _ => return None,
                },
            });
            at += 1;
        }
        let count = read_varint(bytes, &mut at)? as usize;
        let mut metas = Vec::with_capacity(count.min(bytes.len()));
        for _ in 0..count {
            let file = u64_at(bytes, &mut at)?;
            let first_day = u64_at(bytes, &mut at)? as i64;
            metas.push(MetaEntry { file, first_day });
        }
        let root = u64_at(bytes, &mut at)?;
        (at == bytes.len()).then_some(Summary {
            settings,
            docs,
            segments,
            chunks,
            metas,
            root,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::with_capacity(self.docs.len() * 16 + self.chunks.len() * 48 + 64);
        body.extend_from_slice(&self.settings.to_le_bytes());
        push_varint(&mut body, self.docs.len() as u32);
        for d in &self.docs {
            body.extend_from_slice(&d.terms.to_le_bytes());
            body.extend_from_slice(&d.result.to_le_bytes());
        }
        push_varint(&mut body, self.segments.len() as u32);
        for s in &self.segments {
            body.extend_from_slice(&s.to_le_bytes());
        }
        push_varint(&mut body, self.chunks.len() as u32);
        for c in &self.chunks {
            push_string(&mut body, &c.first);
            push_string(&mut body, &c.last);
            body.extend_from_slice(&c.file.to_le_bytes());
            body.extend_from_slice(&c.postings.to_le_bytes());
            body.push(u8::from(c.big));
        }
        push_varint(&mut body, self.metas.len() as u32);
        for m in &self.metas {
            body.extend_from_slice(&m.file.to_le_bytes());
            body.extend_from_slice(&(m.first_day as u64).to_le_bytes());
        }
        body.extend_from_slice(&self.root.to_le_bytes());
        framed(MAGIC, VERSION, &body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> Summary {
        Summary {
            settings: 3,
            docs: vec![
                DocKeys {
                    terms: 1,
                    result: u64::MAX,
                },
                DocKeys {
                    terms: 7,
                    result: 8,
                },
            ],
            segments: vec![11],
            chunks: vec![ChunkEntry {
                first: "banjir".into(),
                last: "year:2024".into(),
                file: 5,
                postings: 6,
                big: true,
            }],
            metas: vec![MetaEntry {
                file: 9,
                first_day: -3,
            }],
            root: 12,
        }
    }

    #[test]
    fn a_written_summary_reads_back() {
        let identity = crate::cache::program_identity();
        assert_eq!(
            Summary::parse(&summary().to_bytes(), identity),
            Some(summary())
        );
    }

    #[test]
    fn a_damaged_old_or_foreign_summary_is_none() {
        let identity = crate::cache::program_identity();
        let good = summary().to_bytes();
        for at in [0, 9, 14, 22, HEADER, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert_eq!(Summary::parse(&bad, identity), None, "byte {at} flipped");
        }
        let mut old = good.clone();
        old[8..12].copy_from_slice(&(VERSION - 1).to_le_bytes());
        assert_eq!(Summary::parse(&old, identity), None);
        assert_eq!(Summary::parse(&good[..good.len() - 1], identity), None);
        assert_eq!(Summary::parse(&good, identity ^ 1), None);
    }
}
