//! The search index a cached `cermin build` keeps in `.cermin-cache/search/`, so that a
//! build with a few articles changed remakes only the index files their terms are in, as
//! the dev server's [`super::live`] index does in memory:
//!
//! - `index.bin` ([`summary`]): every document's keys, and every index file's hash;
//! - `d/<n>.bin`: the terms of documents `n * SEGMENT ..` (words and filters, with their
//!   impacts), so that a changed document's old terms are read from one small file;
//! - `t/<name>.bin` ([`chunk_file`]): each term chunk's full postings, so that a changed
//!   term's list is read from its chunk alone.
//!
//! A build compares the documents' keys with the last ones, reads the old terms of the
//! changed documents, edits the lists of the terms that changed, cuts the chunks again
//! only around them ([`walk`]), and makes only those chunks, the result chunks of changed
//! documents and `search/root.js`; every other file is handed to the output cache by its
//! hash. The state files it changed are written again, the summary last: every file is
//! checked (header, hash, and its hash in the summary), and anything that does not check
//! out, as well as a moved or deleted article that renumbers many documents, makes the
//! index afresh, never a wrong one. Its files are the bytes [`super::index_files`] makes
//! (`tests/it/build_cache.rs` checks that after random edits).

mod chunk_file;
mod edits;
mod segments;
mod summary;
mod walk;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::Datelike;
use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3Default, xxh3_64};

use super::chunks::{self, DOCS_PER_META};
use super::index::{self, Postings};
use super::stem::Stemmer;
use super::term_cache::{self, TermCache};
use crate::content::Article;
use crate::i18n::DateFormatter;
use crate::site::Site;
use chunk_file::TermPostings;
use edits::{DocumentEdit, edited_terms, postings_edits};
use segments::{SEGMENT, SEGMENT_MAGIC, SegmentWriter, Segments};
pub use summary::DocKeys;
use summary::{ChunkEntry, MetaEntry, Summary};

/// More changed documents than this (an article that moved in time renumbers every
/// document between its old and new place) make the index afresh.
const MOST_CHANGED: usize = 256;

/// Where the index's files go: `previous(path)` is the hash of the file the last build
/// made at `path`; `keep(path)` keeps that file (false when it cannot); `put(path, bytes,
/// hash)` puts a file made now.
pub struct Output<'a> {
    pub previous: &'a (dyn Fn(&str) -> Option<u64> + Sync),
    pub keep: &'a (dyn Fn(&str) -> Result<bool> + Sync),
    pub put: &'a Put<'a>,
}

/// Puts a file made now: its path, bytes and their hash.
pub type Put<'a> = dyn Fn(&str, &[u8], u64) -> Result<()> + Sync + 'a;

/// The kept index's folder in the cache folder `cache_dir`.
fn folder(cache_dir: &Path) -> PathBuf {
    cache_dir.join("search")
}

/// Every document's [`DocKeys`], in the index's order (oldest first: see `index`). Made
/// once a build: [`super::last_files`] hashes them to tell an index with nothing new, and
/// [`put_index_files`] compares them with the last build's.
pub fn doc_keys_of(site: &Site) -> Vec<DocKeys> {
    let stemmer = Stemmer::for_language(&site.config.language);
    site.articles
        .par_iter()
        .rev()
        .map(|a| doc_keys(a, a.date.year(), stemmer))
        .collect()
}

/// Hands the index files of `site` (search on) to `out`, made from the index the last
/// cached build kept in `cache_dir` where it can be, and keeps this one's for the next;
/// returns every file's path and hash, in the order of [`super::index_files`]. `keys` are
/// the site's [`doc_keys_of`].
pub fn put_index_files(
    site: &Site,
    keys: &[DocKeys],
    cache_dir: &Path,
    out: &Output,
) -> Result<Vec<(String, u64)>> {
    let mut phases = crate::timing::Phases::new("search index");
    let stemmer = Stemmer::for_language(&site.config.language);
    // Oldest first: see `index`.
    let docs: Vec<(&Article, i32)> = site
        .articles
        .iter()
        .rev()
        .map(|a| (&**a, a.date.year()))
        .collect();
    anyhow::ensure!(
        keys.len() == docs.len(),
        "the search index's keys are of another site (a cermin bug)"
    );
    let state = State {
        site,
        docs: &docs,
        keys,
        stemmer,
        dir: folder(cache_dir),
        settings: settings_hash(site, stemmer),
        identity: crate::cache::program_identity(),
    };
    let last = Summary::read(&state.dir.join("index.bin"));
    phases.mark("keys and summary");
    if let Some(last) = last.filter(|l| l.settings == state.settings)
        && let Some(files) = state.update(last, out, &mut phases)?
    {
        return Ok(files);
    }
    let files = state.afresh(cache_dir, out);
    phases.mark("made afresh");
    files
}

/// What a document's terms and its result are made of, hashed.
fn doc_keys(a: &Article, year: i32, stemmer: Stemmer) -> DocKeys {
    let mut h = Xxh3Default::new();
    term_cache::key(a, stemmer).hash(&mut h);
    year.hash(&mut h);
    for tag in &a.tags {
        tag.slug.hash(&mut h);
    }
    (&a.source_name, &a.source, &a.category).hash(&mut h);
    let terms = h.finish();
    DocKeys {
        terms,
        // Title, path, summary text, date in its zone and source, hashed when it was read.
        result: a.signatures.result,
    }
}

/// The settings the whole index depends on, hashed.
fn settings_hash(site: &Site, stemmer: Stemmer) -> u64 {
    let mut h = Xxh3Default::new();
    (
        &site.config.language,
        stemmer.name(),
        DOCS_PER_META,
        SEGMENT,
    )
        .hash(&mut h);
    h.finish()
}

/// A file of the kept index that is missing or does not check out: the index is made
/// afresh.
#[derive(Debug)]
struct Damaged;

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the kept search index is damaged")
    }
}

impl std::error::Error for Damaged {}

struct State<'s> {
    site: &'s Site,
    docs: &'s [(&'s Article, i32)],
    keys: &'s [DocKeys],
    stemmer: Stemmer,
    dir: PathBuf,
    settings: u64,
    identity: u64,
}

/// A term chunk to put: made now (its bytes), or kept from the last build.
enum ChunkFile {
    Kept,
    Made { file: Vec<u8>, postings: Vec<u8> },
}

impl State<'_> {
    fn segment_path(&self, s: usize) -> PathBuf {
        self.dir.join(format!("d/{s}.bin"))
    }

    fn postings_path(&self, first: &str) -> PathBuf {
        self.dir.join(format!("{}.bin", chunks::chunk_name(first)))
    }

    /// The file at `path` when its bytes hash to `hash`.
    fn checked_file(path: &Path, hash: u64) -> Result<Vec<u8>> {
        match std::fs::read(path) {
            Ok(bytes) if xxh3_64(&bytes) == hash => Ok(bytes),
            _ => Err(Damaged.into()),
        }
    }

    /// The last build's segment `s`.
    fn segment(&self, last: &Summary, s: usize) -> Result<TermCache> {
        let hash = *last.segments.get(s).ok_or(Damaged)?;
        let bytes = State::checked_file(&self.segment_path(s), hash)?;
        TermCache::parse_as(bytes, SEGMENT_MAGIC, self.identity).ok_or_else(|| Damaged.into())
    }

    /// The full postings of the last build's chunk `c`.
    fn chunk_postings(&self, c: &ChunkEntry) -> Result<Vec<(String, Postings)>> {
        let bytes = State::checked_file(&self.postings_path(&c.first), c.postings)?;
        chunk_file::parse(&bytes, self.identity).ok_or_else(|| Damaged.into())
    }

    /// The index brought up to date from the `last` build's; none when too much changed or
    /// the kept index does not check out (nothing has been put then).
    fn update(
        &self,
        last: Summary,
        out: &Output,
        phases: &mut crate::timing::Phases,
    ) -> Result<Option<Vec<(String, u64)>>> {
        match self.try_update(last, out, phases) {
            Err(e) if e.is::<Damaged>() => Ok(None),
            other => other.map(Some),
        }
    }

    fn try_update(
        &self,
        mut last: Summary,
        out: &Output,
        phases: &mut crate::timing::Phases,
    ) -> Result<Vec<(String, u64)>> {
        let documents = self.docs.len();
        let old_documents = last.docs.len();
        let common = documents.min(old_documents);
        let mut changed: Vec<usize> = (0..common)
            .filter(|&d| self.keys[d].terms != last.docs[d].terms)
            .collect();
        changed.extend(common..documents.max(old_documents));
        if changed.len() > MOST_CHANGED || last.chunks.is_empty() {
            return Err(Damaged.into());
        }
        // The changed documents' segments as the last build left them.
        let segments: BTreeMap<usize, TermCache> = changed
            .iter()
            .map(|d| d / SEGMENT)
            .filter(|&s| s < old_documents.div_ceil(SEGMENT))
            .collect::<BTreeSet<usize>>()
            .into_par_iter()
            .map(|s| Ok((s, self.segment(&last, s)?)))
            .collect::<Result<_>>()?;
        let old_terms = |d: usize| -> Result<Vec<(String, u8)>> {
            let segment = &segments[&(d / SEGMENT)];
            let terms = segment.get(last.docs[d].terms).ok_or(Damaged)?;
            Ok(terms
                .map(|(n, i)| (segment.term(n).to_string(), i))
                .collect())
        };
        let edits: Vec<DocumentEdit> = changed
            .par_iter()
            .map(|&d| {
                let before = match d < old_documents {
                    true => old_terms(d)?,
                    false => Vec::new(),
                };
                let after = match self.docs.get(d) {
                    Some((a, year)) => index::document(a, *year, self.stemmer)?,
                    None => Vec::new(),
                };
                Ok((d as u32, before, after))
            })
            .collect::<Result<_>>()?;
        let postings_edits = postings_edits(&edits);
        phases.mark("changed documents' terms");
        let touched: BTreeSet<String> = postings_edits.keys().cloned().collect();
        // A dense list's bitmap has a bit a document: its length follows the documents'.
        let forced: BTreeSet<usize> = if old_documents.div_ceil(8) != documents.div_ceil(8) {
            (0..last.chunks.len())
                .filter(|&c| last.chunks[c].big)
                .collect()
        } else {
            BTreeSet::new()
        };
        let mut pending: BTreeSet<usize> = forced.clone();
        pending.extend(touched.iter().map(|t| walk::chunk_of(&last.chunks, t)));
        let chunk_terms = |k: usize, loaded: Vec<(String, Postings)>| {
            let from = if k == 0 {
                std::ops::Bound::Unbounded
            } else {
                std::ops::Bound::Included(last.chunks[k].first.as_str())
            };
            let to = match last.chunks.get(k + 1) {
                Some(next) => std::ops::Bound::Excluded(next.first.as_str()),
                None => std::ops::Bound::Unbounded,
            };
            edited_terms(
                loaded,
                postings_edits.range::<str, _>((from, to)),
                documents,
            )
        };
        // The changed chunks read in parallel; the cut reads any other it passes through.
        let mut loaded: HashMap<usize, Vec<(String, TermPostings)>> = pending
            .par_iter()
            .map(|&k| Ok((k, chunk_terms(k, self.chunk_postings(&last.chunks[k])?))))
            .collect::<Result<_>>()?;
        let recut = walk::recut(
            &last.chunks,
            &touched,
            &forced,
            |k| match loaded.remove(&k) {
                Some(terms) => Ok(terms),
                None => Ok(chunk_terms(k, self.chunk_postings(&last.chunks[k])?)),
            },
            |term, t| (chunks::term_hash(term), chunks::term_size(term, &t.written)),
        )?;

        phases.mark("chunks read and cut again");
        // The new list of chunks, with those cut anew made.
        let mut new_chunks: Vec<ChunkEntry> = Vec::with_capacity(last.chunks.len() + 16);
        let mut to_make: Vec<(usize, Vec<(String, TermPostings)>)> = Vec::new();
        let mut dropped: Vec<String> = Vec::new();
        let mut at = 0;
        for run in recut.runs {
            new_chunks.extend_from_slice(&last.chunks[at..run.replaced.start]);
            let replaced = &last.chunks[run.replaced.clone()];
            let firsts: BTreeSet<&str> = run.made.iter().map(|c| c[0].0.as_str()).collect();
            dropped.extend(
                replaced
                    .iter()
                    .filter(|c| !firsts.contains(c.first.as_str()))
                    .map(|c| c.first.clone()),
            );
            for terms in run.made {
                let (first, last_term) = (&terms[0].0, &terms[terms.len() - 1].0);
                let same = run.replaced.clone().find(|&k| {
                    let c = &last.chunks[k];
                    &c.first == first && &c.last == last_term && !pending.contains(&k)
                });
                match same {
                    Some(k) => new_chunks.push(last.chunks[k].clone()),
                    None => {
                        to_make.push((new_chunks.len(), terms));
                        new_chunks.push(ChunkEntry {
                            first: String::new(),
                            last: String::new(),
                            file: 0,
                            postings: 0,
                            big: false,
                        });
                    }
                }
            }
            at = run.replaced.end;
        }
        new_chunks.extend_from_slice(&last.chunks[at..]);
        let made: Vec<(usize, ChunkEntry, Vec<u8>, Vec<u8>)> = to_make
            .into_par_iter()
            .map(|(at, terms)| {
                let (entry, file, postings) = make_chunk(&terms);
                (at, entry, file, postings)
            })
            .collect();
        let mut chunk_files: Vec<ChunkFile> =
            (0..new_chunks.len()).map(|_| ChunkFile::Kept).collect();
        for (at, entry, file, postings) in made {
            new_chunks[at] = entry;
            chunk_files[at] = ChunkFile::Made { file, postings };
        }
        // A kept chunk the output does not have is made again from its postings.
        let missing: Vec<usize> = (0..new_chunks.len())
            .filter(|&c| matches!(chunk_files[c], ChunkFile::Kept))
            .filter(|&c| {
                let path = chunks::chunk_path(&chunks::chunk_name(&new_chunks[c].first));
                (out.previous)(&path) != Some(new_chunks[c].file)
            })
            .collect();
        let remade: Vec<(usize, Vec<u8>)> = missing
            .into_par_iter()
            .map(|c| Ok((c, self.chunk_file_again(&new_chunks[c], documents)?)))
            .collect::<Result<_>>()?;

        phases.mark("chunks made");
        // Nothing was put until here: from now on the index is this build's.
        let mut files: Vec<(String, u64)> = Vec::with_capacity(new_chunks.len() + 1);
        let remade: HashMap<usize, Vec<u8>> = remade.into_iter().collect();
        let put_back: Vec<(String, u64)> = new_chunks
            .par_iter()
            .zip(&chunk_files)
            .enumerate()
            .map(|(c, (entry, file))| {
                let path = chunks::chunk_path(&chunks::chunk_name(&entry.first));
                let bytes = match (file, remade.get(&c)) {
                    (ChunkFile::Made { file, .. }, _) => Some(file.clone()),
                    (ChunkFile::Kept, Some(bytes)) => Some(bytes.clone()),
                    (ChunkFile::Kept, None) if (out.keep)(&path)? => None,
                    // Files were put already: no index afresh now, but a clear error.
                    (ChunkFile::Kept, None) => Some(
                        self.chunk_file_again(entry, documents)
                            .map_err(|_| self.damaged_after_put(&path))?,
                    ),
                };
                match bytes {
                    Some(bytes) => {
                        let hash = xxh3_64(&bytes);
                        (out.put)(&path, &bytes, hash)?;
                        Ok((path, hash))
                    }
                    None => Ok((path, entry.file)),
                }
            })
            .collect::<Result<_>>()?;
        files.extend(put_back);

        phases.mark("chunks put");
        // Result chunks of the documents whose result or place changed.
        let groups = documents.div_ceil(DOCS_PER_META);
        let mut remake: BTreeSet<usize> = (0..common)
            .filter(|&d| self.keys[d].result != last.docs[d].result)
            .map(|d| d / DOCS_PER_META)
            .collect();
        remake.extend(changed.iter().map(|d| d / DOCS_PER_META));
        remake.extend(last.metas.len()..groups);
        let dates = DateFormatter::new(&self.site.config.language);
        let metas: Vec<(String, u64, MetaEntry)> = (0..groups)
            .into_par_iter()
            .map(|g| {
                let (path, entry) = (chunks::chunk_path(&format!("m/{g}")), last.metas.get(g));
                if let Some(entry) = entry.filter(|_| !remake.contains(&g))
                    && (out.previous)(&path) == Some(entry.file)
                    && (out.keep)(&path)?
                {
                    return Ok((path, entry.file, *entry));
                }
                let (path, bytes, first_day) = self.meta_file(g, &dates);
                let hash = xxh3_64(&bytes);
                (out.put)(&path, &bytes, hash)?;
                let entry = MetaEntry {
                    file: hash,
                    first_day,
                };
                Ok((path, hash, entry))
            })
            .collect::<Result<_>>()?;
        let mut meta_entries = Vec::with_capacity(metas.len());
        for (path, hash, entry) in metas {
            files.push((path, hash));
            meta_entries.push(entry);
        }
        let root = self.root(&new_chunks, &meta_entries);
        let root_hash = xxh3_64(&root);
        (out.put)("search/root.js", &root, root_hash)?;
        files.push(("search/root.js".into(), root_hash));
        phases.mark("result chunks and root");

        // The kept index for the next build, its summary last.
        for (entry, file) in new_chunks.iter().zip(&chunk_files) {
            if let ChunkFile::Made { postings, .. } = file {
                write_file(&self.postings_path(&entry.first), postings);
            }
        }
        for first in dropped {
            let _ = std::fs::remove_file(self.postings_path(&first));
        }
        let after: HashMap<u32, &Vec<(String, u8)>> =
            edits.iter().map(|(d, _, after)| (*d, after)).collect();
        let segment_count = documents.div_ceil(SEGMENT);
        let rewritten: Vec<(usize, u64)> = changed
            .iter()
            .map(|d| d / SEGMENT)
            .filter(|&s| s < segment_count)
            .collect::<BTreeSet<usize>>()
            .into_par_iter()
            .map(|s| {
                let docs = s * SEGMENT..((s + 1) * SEGMENT).min(documents);
                let mut writer = SegmentWriter::default();
                for d in docs {
                    match after.get(&(d as u32)) {
                        Some(terms) => writer.add(
                            self.keys[d].terms,
                            terms.iter().map(|(t, i)| (t.as_str(), *i)),
                        ),
                        None => {
                            let segment = &segments[&s];
                            let terms = segment.get(last.docs[d].terms).ok_or(Damaged)?;
                            writer
                                .add(self.keys[d].terms, terms.map(|(n, i)| (segment.term(n), i)));
                        }
                    }
                }
                let bytes = writer.finish();
                write_file(&self.segment_path(s), &bytes);
                Ok((s, xxh3_64(&bytes)))
            })
            .collect::<Result<_>>()?;
        for s in segment_count..last.segments.len() {
            let _ = std::fs::remove_file(self.segment_path(s));
        }
        last.segments.resize(segment_count, 0);
        for (s, hash) in rewritten {
            last.segments[s] = hash;
        }
        let summary = Summary {
            settings: self.settings,
            docs: self.keys.to_vec(),
            segments: last.segments,
            chunks: new_chunks,
            metas: meta_entries,
            root: root_hash,
        };
        write_file(&self.dir.join("index.bin"), &summary.to_bytes());
        phases.mark("kept index written");
        Ok(files)
    }

    /// The error of a kept chunk that could be neither kept in the output nor made again
    /// once files were put: the build stops rather than making an index twice.
    fn damaged_after_put(&self, path: &str) -> anyhow::Error {
        anyhow::anyhow!(
            "{path} could not be kept from the last build, and the search index kept in {} to make it again does not check out: delete that folder and build again",
            self.dir.display()
        )
    }

    /// The output file of a kept chunk, made again from its postings.
    fn chunk_file_again(&self, entry: &ChunkEntry, documents: usize) -> Result<Vec<u8>> {
        let terms: Vec<(String, TermPostings)> = self
            .chunk_postings(entry)?
            .into_iter()
            .map(|(t, p)| (t, TermPostings::of_plain(p, documents)))
            .collect();
        Ok(make_chunk(&terms).1)
    }

    /// Result chunk `g`: its path, bytes and the day of its first document.
    fn meta_file(&self, g: usize, dates: &DateFormatter) -> (String, Vec<u8>, i64) {
        let docs = &self.docs[g * DOCS_PER_META..((g + 1) * DOCS_PER_META).min(self.docs.len())];
        let metas: Vec<chunks::ResultMeta> = docs
            .iter()
            .map(|(a, _)| super::result_meta(a, dates))
            .collect();
        let (path, bytes) = chunks::meta_file(g, &metas);
        (path, bytes, super::day_number(docs[0].0))
    }

    /// `search/root.js` of the chunks and result chunks.
    fn root(&self, chunk_list: &[ChunkEntry], metas: &[MetaEntry]) -> Vec<u8> {
        let entries: Vec<String> = chunk_list
            .iter()
            .map(|c| chunks::chunk_entry(&c.first, &chunks::chunk_name(&c.first)))
            .collect();
        let firsts: Vec<i64> = metas.iter().map(|m| m.first_day).collect();
        chunks::root_of_entries(
            self.docs.len(),
            self.stemmer.name(),
            entries.iter().map(String::as_str),
            &firsts,
            &super::filters(self.site),
        )
    }

    /// The index made afresh (its documents' terms from the term cache where it has them),
    /// and kept whole for the next build.
    fn afresh(&self, cache_dir: &Path, out: &Output) -> Result<Vec<(String, u64)>> {
        let documents = self.docs.len();
        let cache = term_cache::TermCache::read(&term_cache::path(cache_dir));
        let mut reuse = index::Reuse::new(&cache);
        let _ = std::fs::remove_dir_all(&self.dir);
        let mut segments = Segments {
            state: self,
            writer: SegmentWriter::default(),
            hashes: Vec::new(),
        };
        let raw = index::build_raw_recording(
            self.docs,
            self.stemmer,
            Some(&mut reuse),
            Some(&mut |doc, terms, lists| segments.add(doc, terms, lists)),
        )?;
        let segment_hashes = segments.hashes;
        if let Some(bytes) = reuse.next_file {
            write_file(&term_cache::path(cache_dir), &bytes);
        }
        let mut terms: Vec<(String, TermPostings)> = raw
            .into_par_iter()
            .map(|(term, plain)| {
                let t = TermPostings::of_plain(plain, documents);
                (term, t)
            })
            .collect();
        terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let ranges = chunks::cuts(
            terms
                .iter()
                .map(|(t, p)| (chunks::term_hash(t), chunks::term_size(t, &p.written))),
        );
        let made: Vec<(String, u64, ChunkEntry)> = ranges
            .into_par_iter()
            .map(|range| {
                let (entry, file, postings) = make_chunk(&terms[range]);
                let path = chunks::chunk_path(&chunks::chunk_name(&entry.first));
                (out.put)(&path, &file, entry.file)?;
                write_file(&self.postings_path(&entry.first), &postings);
                Ok((path, entry.file, entry))
            })
            .collect::<Result<_>>()?;
        drop(terms);
        let mut files = Vec::with_capacity(made.len() + 1);
        let mut chunk_list = Vec::with_capacity(made.len());
        for (path, hash, entry) in made {
            files.push((path, hash));
            chunk_list.push(entry);
        }
        let dates = DateFormatter::new(&self.site.config.language);
        let metas: Vec<(String, u64, MetaEntry)> = (0..documents.div_ceil(DOCS_PER_META))
            .into_par_iter()
            .map(|g| {
                let (path, bytes, first_day) = self.meta_file(g, &dates);
                let file = xxh3_64(&bytes);
                (out.put)(&path, &bytes, file)?;
                Ok((path, file, MetaEntry { file, first_day }))
            })
            .collect::<Result<_>>()?;
        let mut meta_entries = Vec::with_capacity(metas.len());
        for (path, hash, entry) in metas {
            files.push((path, hash));
            meta_entries.push(entry);
        }
        let root = self.root(&chunk_list, &meta_entries);
        let root_hash = xxh3_64(&root);
        (out.put)("search/root.js", &root, root_hash)?;
        files.push(("search/root.js".into(), root_hash));
        let summary = Summary {
            settings: self.settings,
            docs: self.keys.to_vec(),
            segments: segment_hashes,
            chunks: chunk_list,
            metas: meta_entries,
            root: root_hash,
        };
        write_file(&self.dir.join("index.bin"), &summary.to_bytes());
        Ok(files)
    }
}

/// Writes a file of the kept index. Only an optimization: a file that cannot be written
/// makes the next build's index afresh (its hash will not check out), and the article
/// cache beside it warns of an unwritable folder.
fn write_file(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        let _ =
            std::fs::create_dir_all(dir).and_then(|()| crate::files::write_atomically(path, bytes));
    }
}

/// A chunk of `terms` (in order, at least one): its entry, its output file, its postings
/// file.
fn make_chunk(terms: &[(String, TermPostings)]) -> (ChunkEntry, Vec<u8>, Vec<u8>) {
    let first = &terms[0].0;
    let name = chunks::chunk_name(first);
    let written: Vec<(&str, &Postings)> = terms
        .iter()
        .map(|(t, p)| (t.as_str(), &p.written))
        .collect();
    let file = chunks::term_chunk(&name, &written);
    let postings = chunk_file::to_bytes(terms.iter().map(|(t, p)| (t.as_str(), &p.plain)));
    let entry = ChunkEntry {
        first: first.clone(),
        last: terms[terms.len() - 1].0.clone(),
        file: xxh3_64(&file),
        postings: xxh3_64(&postings),
        big: terms.iter().any(|(_, p)| p.is_big()),
    };
    (entry, file, postings)
}

#[cfg(test)]
mod tests;
