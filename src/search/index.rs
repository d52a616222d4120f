//! The inverted index: for every term, the documents it is in with a one-byte impact.
//!
//! Documents are the site's articles oldest first, so a new article (the usual change to a
//! news mirror) takes the next number and leaves every other document's number, every
//! posting list it is not in, and every result chunk but the last as they were. An impact is
//! the BM25 term-frequency part of a term in a document, measured against a fixed reference
//! length rather than the site's average, so it depends on that document alone; the search
//! page multiplies it by the term's idf, which it works out from the list's length.

use std::sync::Mutex;

use std::collections::HashMap;

use ahash::AHashMap;
use anyhow::Result;
use rayon::prelude::*;

use super::fold;
use super::key_hash::KeyHash;
use super::stem::Stemmer;
use super::term_cache::{TermCache, TermCacheWriter};
use super::varint::{push_varint, varint_length};
use super::word_spans::{self, AsciiWord};
use crate::content::Article;

/// BM25's saturation and length normalization.
pub const K1: f32 = 1.2;
pub const B: f32 = 0.75;
/// The document length (in weighted words) impacts are normalized to: a typical article.
pub const REFERENCE_LENGTH: f32 = 400.0;
/// The most an impact can be: `(K1 + 1)`, stored as 255.
pub const MAX_TF_PART: f32 = K1 + 1.0;

/// How much a word counts in each field, in halves: whole numbers, so that sums do not depend
/// on the order they are taken in (the output must not).
const TITLE: u32 = 16;
const TAGS: u32 = 8;
const SUMMARY: u32 = 3;
const BODY: u32 = 2;
const WEIGHT_UNIT: f32 = 2.0;

/// One term's documents: (document number, impact) pairs as bytes, numbers as
/// varint deltas, and how many there are.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Postings {
    pub bytes: Vec<u8>,
    pub count: u32,
    /// Whether `bytes` are the dense form (see [`Postings::densify`]).
    pub dense: bool,
    /// The last document pushed (deltas are taken from it).
    pub last: Option<u32>,
}

impl Postings {
    /// A list of `(document, impact)` pairs in document order.
    pub fn from_pairs(pairs: &[(u32, u8)]) -> Postings {
        let mut list = Postings {
            bytes: Vec::with_capacity(pairs.len() * 2),
            ..Default::default()
        };
        for &(doc, impact) in pairs {
            list.push(doc, impact);
        }
        list
    }

    fn push(&mut self, doc: u32, impact: u8) {
        let delta = match self.last {
            Some(last) => doc - last,
            None => doc,
        };
        push_varint(&mut self.bytes, delta);
        self.bytes.push(impact);
        self.last = Some(doc);
        self.count += 1;
    }
}

/// A term in more documents than this keeps the impacts of this many (its best) when its
/// list becomes dense.
pub const DENSE_TOP: usize = 1000;

impl Postings {
    /// The (document, impact) pairs of a list (not dense).
    pub fn pairs(&self) -> Vec<(u32, u8)> {
        let (mut pos, mut doc, mut out) = (0, 0u32, Vec::with_capacity(self.count as usize));
        while pos < self.bytes.len() {
            let (mut n, mut shift) = (0u32, 0);
            loop {
                let b = self.bytes[pos];
                pos += 1;
                n |= u32::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            doc += n;
            out.push((doc, self.bytes[pos]));
            pos += 1;
        }
        out
    }

    /// A term in a large share of the documents (`kota`, `year:2024`) costs less as a bitmap
    /// of its documents and the impacts of its [`DENSE_TOP`] best, the others counting the
    /// mean impact of the rest: varint(that impact), one bit a document (low bit first),
    /// then the best as (delta, impact) pairs. A query needs these lists whole (for "every
    /// word"), and this is a fifth of the bytes. Lists that would not shrink by half stay.
    pub fn densify(&mut self, documents: usize) {
        if !self.dense && Postings::dense_pays(self.count as usize, self.bytes.len(), documents) {
            *self = Postings::dense_of(&self.pairs(), documents);
        }
    }

    /// The bytes `pairs` (in document order) take as a plain list: each document's gap from
    /// the last as a varint, and its impact byte.
    pub fn sparse_length(pairs: &[(u32, u8)]) -> usize {
        let mut last = 0;
        pairs
            .iter()
            .map(|&(doc, _)| {
                let delta = doc - last;
                last = doc;
                1 + varint_length(delta)
            })
            .sum()
    }

    /// The list of `pairs` (in document order) as written: dense when that pays (see
    /// [`Postings::densify`]), without encoding the list first.
    pub fn written(pairs: &[(u32, u8)], documents: usize) -> Postings {
        let length = Postings::sparse_length(pairs);
        if Postings::dense_pays(pairs.len(), length, documents) {
            Postings::dense_of(pairs, documents)
        } else {
            Postings::from_pairs(pairs)
        }
    }

    /// Whether a list of `count` postings in `length` bytes is written dense.
    pub fn dense_pays(count: usize, length: usize, documents: usize) -> bool {
        count > DENSE_TOP && documents.div_ceil(8) + DENSE_TOP * 3 <= length / 2
    }

    /// The dense form of a list of more than [`DENSE_TOP`] `pairs`.
    fn dense_of(pairs: &[(u32, u8)], documents: usize) -> Postings {
        let bitmap = documents.div_ceil(8);
        // The best DENSE_TOP by impact, ties to the older document: the impact the last of
        // them has, from a count of each impact, then one pass in document order (the dev
        // server redoes this for every big list an edit touches).
        let mut counts = [0usize; 256];
        let mut sum = 0u64;
        for &(_, impact) in pairs {
            counts[impact as usize] += 1;
            sum += u64::from(impact);
        }
        let (mut threshold, mut above) = (255usize, 0usize);
        while above + counts[threshold] < DENSE_TOP {
            above += counts[threshold];
            threshold -= 1;
        }
        let mut at_threshold = DENSE_TOP - above;
        let mut best = Vec::with_capacity(DENSE_TOP);
        for &(doc, impact) in pairs {
            if impact as usize > threshold {
                best.push((doc, impact));
            } else if impact as usize == threshold && at_threshold > 0 {
                at_threshold -= 1;
                best.push((doc, impact));
            }
        }
        let best_sum: u64 = best.iter().map(|p| u64::from(p.1)).sum();
        let rest = pairs.len() - DENSE_TOP;
        let rest_impact = ((sum - best_sum) as f64 / rest as f64).round() as u32;
        if best.iter().all(|p| p.1 == 0) {
            best.clear(); // a filter: no impacts
        }
        let mut bytes = Vec::with_capacity(bitmap + best.len() * 3 + 2);
        push_varint(&mut bytes, rest_impact);
        let start = bytes.len();
        bytes.resize(start + bitmap, 0);
        for (doc, _) in pairs {
            bytes[start + *doc as usize / 8] |= 1 << (doc % 8);
        }
        bytes.extend_from_slice(&Postings::from_pairs(&best).bytes);
        Postings {
            bytes,
            count: pairs.len() as u32,
            dense: true,
            last: pairs.last().map(|p| p.0),
        }
    }
}

/// The index of a site: every term's postings, sorted by term.
pub struct Index {
    pub terms: Vec<(String, Postings)>,
    pub documents: usize,
}

/// `pairs` (a term's (document, impact) list, sorted by document) with `edits` made: each
/// document's impact now, none when the document no longer has the term. Shared by the
/// dev server's live index and the index a cached build keeps.
pub fn apply_pair_edits(
    pairs: &mut Vec<(u32, u8)>,
    edits: impl IntoIterator<Item = (u32, Option<u8>)>,
) {
    for (doc, now) in edits {
        match (pairs.binary_search_by_key(&doc, |p| p.0), now) {
            (Ok(i), Some(impact)) => pairs[i].1 = impact,
            (Ok(i), None) => {
                pairs.remove(i);
            }
            (Err(i), Some(impact)) => pairs.insert(i, (doc, impact)),
            (Err(_), None) => {}
        }
    }
}

/// The filter terms of an article: `year:2022`, `tag:<slug>`, `source:<words-of-the-name>`.
/// They are in the index like words (impact 0), so a filter is one more list to intersect.
pub fn filter_terms(article: &Article, year: i32) -> Vec<String> {
    let mut terms = vec![format!("year:{year}")];
    terms.extend(article.tags.iter().map(|t| format!("tag:{}", t.slug)));
    if let Some(source) = source_label(article) {
        terms.push(format!("source:{}", filter_value(&source)));
    }
    if let Some(category) = article.category.as_deref().filter(|c| !c.trim().is_empty()) {
        terms.push(format!("category:{}", filter_value(category)));
    }
    terms
}

/// The words of a filter's shown value joined by `-` (`Kompas.com` → `kompas-com`); the
/// search page makes the same of what a reader types after `source:`.
pub fn filter_value(label: &str) -> String {
    fold::word_list(label).join("-")
}

/// The name of an article's source: `source_name`, else the host of its `source` URL.
pub fn source_label(article: &Article) -> Option<String> {
    if let Some(name) = article
        .source_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        return Some(name.trim().to_string());
    }
    let url = url::Url::parse(article.source.as_deref()?).ok()?;
    let host = url.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

/// The words one worker thread has met, each with the number of its stem in the thread's own
/// list: a site's vocabulary is small beside its words, so most words are looked up, not
/// stemmed, and an article's terms are counted by number without a string each.
#[derive(Default)]
struct Vocabulary {
    /// Plain ASCII words (nearly all) by their keys, apart by size to keep the tables small;
    /// the short ones (most) by [`word_spans::short_key`] and a one-multiply hash.
    stem_of_short: HashMap<u128, u32, KeyHash>,
    stem_of_long: AHashMap<AsciiWord, u32>,
    /// Words with characters beyond ASCII, folded.
    stem_of_word: AHashMap<Box<str>, u32>,
    number_of_stem: AHashMap<Box<str>, u32>,
    stems: Vec<Box<str>>,
    /// The weight of each stem in the article being read (zero for the others) and which
    /// stems it has.
    weights: Vec<u32>,
    touched: Vec<u32>,
    /// For words beyond ASCII (see [`fold::words_with`]).
    scratch: String,
}

impl Vocabulary {
    fn stem_number(&mut self, word: &str, stemmer: Stemmer) -> u32 {
        if let Some(&n) = self.stem_of_word.get(word) {
            return n;
        }
        let n = self.number_of_stem_of(word, stemmer);
        self.stem_of_word.insert(word.into(), n);
        n
    }

    /// [`Vocabulary::stem_number`] for a plain ASCII word `text[start..end]`. Inlined into
    /// the word loop: a word met before (nearly every one) is one look-up.
    #[inline]
    fn ascii_stem_number(&mut self, text: &str, start: usize, end: usize, stemmer: Stemmer) -> u32 {
        if end - start <= 16 {
            let key = word_spans::short_key(text, start, end);
            match self.stem_of_short.get(&key) {
                Some(&n) => n,
                None => self.new_short_word(key, AsciiWord::of(text, start, end), stemmer),
            }
        } else {
            self.long_stem_number(AsciiWord::of(text, start, end), stemmer)
        }
    }

    /// The stem number of a short ASCII word met for the first time, stemmed now.
    #[cold]
    #[inline(never)]
    fn new_short_word(&mut self, key: u128, word: AsciiWord, stemmer: Stemmer) -> u32 {
        let n = word.with_str(|w| self.number_of_stem_of(w, stemmer));
        self.stem_of_short.insert(key, n);
        n
    }

    /// [`Vocabulary::ascii_stem_number`] for a word of more than 16 bytes.
    #[inline(never)]
    fn long_stem_number(&mut self, word: AsciiWord, stemmer: Stemmer) -> u32 {
        if let Some(&n) = self.stem_of_long.get(&word) {
            return n;
        }
        let n = word.with_str(|w| self.number_of_stem_of(w, stemmer));
        self.stem_of_long.insert(word, n);
        n
    }

    /// The number of the stem of `word`, stemmed now.
    fn number_of_stem_of(&mut self, word: &str, stemmer: Stemmer) -> u32 {
        let stem = stemmer.stem(word);
        if let Some(&n) = self.number_of_stem.get(stem.as_str()) {
            return n;
        }
        let n = self.stems.len() as u32;
        self.stems.push(stem.as_str().into());
        self.number_of_stem.insert(stem.into(), n);
        self.weights.push(0);
        n
    }

    /// Counts the words of `text` with `weight`; returns how many there were. Plain ASCII
    /// words go by their keys (see [`word_spans`]), the rare others through
    /// [`fold::words_with`]: the same words either way.
    fn add(&mut self, text: &str, weight: u32, stemmer: Stemmer) -> u32 {
        let mut count = 0;
        word_spans::spans(text, |start, end, ascii| {
            if ascii {
                let n = self.ascii_stem_number(text, start, end, stemmer);
                self.count(n, weight);
                count += 1;
            } else {
                count += self.add_folded(&text[start..end], weight, stemmer);
            }
        });
        count
    }

    /// [`Vocabulary::add`] for a span with characters beyond ASCII: out of the word loop, so
    /// that the loop (every plain word) stays small enough to be compiled as one.
    #[inline(never)]
    fn add_folded(&mut self, span: &str, weight: u32, stemmer: Stemmer) -> u32 {
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut count = 0;
        fold::words_with(span, &mut scratch, &mut |w| {
            let n = self.stem_number(w, stemmer);
            self.count(n, weight);
            count += 1;
        });
        self.scratch = scratch;
        count
    }

    /// Adds `weight` to stem `n` in the article being read.
    fn count(&mut self, n: u32, weight: u32) {
        let slot = &mut self.weights[n as usize];
        if *slot == 0 {
            self.touched.push(n);
        }
        *slot += weight;
    }

    /// [`Vocabulary::add`] for the text of a body's HTML.
    fn add_html(&mut self, html: &str, weight: u32, stemmer: Stemmer) -> u32 {
        let mut count = 0;
        super::text::text_runs(html, |run| {
            // The space each tag becomes, and most entities, hold no word.
            if let [b] = run.as_bytes()
                && !b.is_ascii_alphanumeric()
            {
                return;
            }
            count += self.add(run, weight, stemmer)
        });
        count
    }
}

/// A term's BM25 tf part in a document as its impact byte: rounded, at least 1 (every
/// posted term counts), at most 255 (the part's maximum).
fn impact_byte(part: f32) -> u8 {
    // `+ 0.5` then truncation rounds as `f32::round` does for every value at least 1 (the
    // sum is exact there: see the test), which the clamp makes of any smaller one, without
    // the libm call `round` is on x86_64's baseline.
    (part / MAX_TF_PART * 255.0 + 0.5).clamp(1.0, 255.0) as u8
}

/// One document's word terms: its stems (numbers in the vocabulary of the thread that read
/// it) with their impacts.
struct DocumentTerms {
    thread: usize,
    stems: Vec<(u32, u8)>,
}

/// A document's filter terms, sorted, each once.
fn document_filters(article: &Article, year: i32) -> Vec<String> {
    let mut filters = filter_terms(article, year);
    filters.sort_unstable();
    filters.dedup();
    filters
}

fn document_terms(
    article: &Article,
    stemmer: Stemmer,
    vocabularies: &[Mutex<Vocabulary>],
) -> Result<DocumentTerms> {
    let thread = rayon::current_thread_index().unwrap_or(0) % vocabularies.len();
    let mut vocabulary = vocabularies[thread]
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let v = &mut *vocabulary;
    let mut length = v.add(&article.title, TITLE, stemmer);
    for tag in &article.tags {
        length += v.add(&tag.name, TAGS, stemmer);
    }
    length += v.add(&article.description, SUMMARY, stemmer);
    let body = article.content_html.html()?;
    length += v.add_html(&body, BODY, stemmer);
    let norm = K1 * (1.0 - B + B * length as f32 / REFERENCE_LENGTH);
    let stems = v
        .touched
        .drain(..)
        .map(|n| {
            let tf = std::mem::take(&mut v.weights[n as usize]) as f32 / WEIGHT_UNIT;
            let part = tf * (K1 + 1.0) / (tf + norm);
            (n, impact_byte(part))
        })
        .collect();
    Ok(DocumentTerms { thread, stems })
}

/// Indexes `articles` (oldest first: their positions are the document numbers) with the
/// years given for them (in the site's time zone).
pub fn build(
    articles: &[(&Article, i32)],
    stemmer: Stemmer,
    reuse: Option<&mut Reuse>,
) -> Result<Index> {
    let documents = articles.len();
    let mut terms = build_raw(articles, stemmer, reuse)?;
    // In place, and without the room lists grew into: the postings are most of what the
    // index holds until its files are written.
    terms.par_iter_mut().for_each(|(_, postings)| {
        postings.densify(documents);
        postings.bytes.shrink_to_fit();
    });
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(Index { terms, documents })
}

/// The terms of one document with their impacts, filters with impact 0, sorted by term: what
/// [`build`] posts for it.
pub fn document(article: &Article, year: i32, stemmer: Stemmer) -> Result<Vec<(String, u8)>> {
    let vocabularies = [Mutex::new(Vocabulary::default())];
    let terms = document_terms(article, stemmer, &vocabularies)?;
    let vocabulary = vocabularies[0].lock().unwrap_or_else(|e| e.into_inner());
    let mut out: Vec<(String, u8)> = terms
        .stems
        .into_iter()
        .map(|(n, impact)| (vocabulary.stems[n as usize].to_string(), impact))
        .chain(document_filters(article, year).into_iter().map(|f| (f, 0)))
        .collect();
    out.sort_unstable();
    Ok(out)
}

/// The terms of documents read in an earlier build, and the cache this build leaves for the
/// next (see [`super::term_cache`]).
pub struct Reuse<'c> {
    pub cache: &'c TermCache,
    next: TermCacheWriter,
    /// The next cache's bytes, when it is not the same as `cache`.
    pub next_file: Option<Vec<u8>>,
}

impl<'c> Reuse<'c> {
    pub fn new(cache: &'c TermCache) -> Reuse<'c> {
        Reuse {
            cache,
            next: TermCacheWriter::default(),
            next_file: None,
        }
    }
}

/// Where a document's word terms come from: read now, or found in the cache by its key.
enum Words {
    Read(DocumentTerms),
    Cached(u64),
}

/// Every term's postings as lists (none made dense), in no particular order. With `reuse`,
/// documents whose terms it has are not read again, and every document's terms go to its
/// next cache.
pub fn build_raw(
    articles: &[(&Article, i32)],
    stemmer: Stemmer,
    reuse: Option<&mut Reuse>,
) -> Result<Vec<(String, Postings)>> {
    build_raw_recording(articles, stemmer, reuse, None)
}

/// A document's number and terms (words, then filters) by number in the lists (whose
/// terms they are): what [`build_raw_recording`] hands to its recorder for each document,
/// in document order.
pub type Recorder<'r> = &'r mut dyn FnMut(u32, &[(u32, u8)], &[(Box<str>, Postings)]);

/// [`build_raw`], handing every document's terms to `record` as they are posted (the cached
/// build keeps them, see [`super::saved`]).
pub fn build_raw_recording(
    articles: &[(&Article, i32)],
    stemmer: Stemmer,
    mut reuse: Option<&mut Reuse>,
    mut record: Option<Recorder>,
) -> Result<Vec<(String, Postings)>> {
    let vocabularies: Vec<Mutex<Vocabulary>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::default())
        .collect();
    // Every term's number here, by thread and the term's number in the thread's vocabulary.
    let mut numbers: AHashMap<Box<str>, u32> = AHashMap::new();
    let mut lists: Vec<(Box<str>, Postings)> = Vec::new();
    let mut translated: Vec<Vec<u32>> = vec![Vec::new(); vocabularies.len()];
    let mut number = |term: &str, lists: &mut Vec<(Box<str>, Postings)>| -> u32 {
        if let Some(&n) = numbers.get(term) {
            return n;
        }
        let n = lists.len() as u32;
        lists.push((term.into(), Postings::default()));
        numbers.insert(term.into(), n);
        n
    };
    let cache = reuse.as_ref().map(|r| r.cache);
    // The cache's term numbers to the numbers here.
    let mut cache_translated: Vec<u32> = vec![u32::MAX; cache.map_or(0, TermCache::terms)];
    let mut read_now = 0;
    // A document's word terms by their numbers here, for the next cache.
    let mut numbered: Vec<(u32, u8)> = Vec::new();
    // Batches read in parallel, merged in document order (postings are delta-coded).
    const BATCH: usize = 512;
    for (b, batch) in articles.chunks(BATCH).enumerate() {
        let docs: Vec<(Option<u64>, Words, Vec<String>)> = batch
            .par_iter()
            .map(|(article, year)| {
                let key = cache.map(|_| super::term_cache::key(article, stemmer));
                let words = match key.zip(cache) {
                    Some((key, cache)) if cache.contains(key) => Words::Cached(key),
                    _ => Words::Read(document_terms(article, stemmer, &vocabularies)?),
                };
                Ok((key, words, document_filters(article, *year)))
            })
            .collect::<Result<_>>()?;
        for (i, (key, words, filters)) in docs.into_iter().enumerate() {
            let doc = (b * BATCH + i) as u32;
            numbered.clear();
            match words {
                Words::Read(terms) => {
                    read_now += 1;
                    let table = &mut translated[terms.thread];
                    for (local, impact) in terms.stems {
                        let local = local as usize;
                        if table.len() <= local {
                            table.resize(local + 1, u32::MAX);
                        }
                        if table[local] == u32::MAX {
                            let vocabulary = vocabularies[terms.thread]
                                .lock()
                                .unwrap_or_else(|e| e.into_inner());
                            table[local] = number(&vocabulary.stems[local], &mut lists);
                        }
                        numbered.push((table[local], impact));
                    }
                }
                Words::Cached(key) => {
                    let cache = cache.expect("a cached document has a cache");
                    for (n, impact) in cache.get(key).into_iter().flatten() {
                        let slot = &mut cache_translated[n as usize];
                        if *slot == u32::MAX {
                            *slot = number(cache.term(n), &mut lists);
                        }
                        numbered.push((*slot, impact));
                    }
                }
            }
            if let (Some(reuse), Some(key)) = (reuse.as_deref_mut(), key) {
                reuse.next.add(key, &numbered);
            }
            for filter in filters {
                let n = number(&filter, &mut lists);
                numbered.push((n, 0));
            }
            for &(n, impact) in &numbered {
                lists[n as usize].1.push(doc, impact);
            }
            if let Some(record) = record.as_deref_mut() {
                record(doc, &numbered, &lists);
            }
        }
    }
    drop(vocabularies);
    if let Some(reuse) = reuse
        && (read_now > 0 || reuse.cache.len() != articles.len())
    {
        let next = std::mem::take(&mut reuse.next);
        reuse.next_file = Some(next.finish(lists.iter().map(|(term, _)| &**term)));
    }
    Ok(lists
        .into_iter()
        .map(|(term, postings)| (term.into_string(), postings))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_deltas_with_impacts() {
        let mut p = Postings::default();
        p.push(3, 10);
        p.push(5, 200);
        p.push(300, 1);
        assert_eq!(p.bytes, [3, 10, 2, 200, 0xa7, 2, 1]);
        assert_eq!(p.count, 3);
    }

    #[test]
    fn a_term_in_most_documents_becomes_a_bitmap_with_its_best_impacts() {
        let mut p = Postings::default();
        let documents = 20_000;
        for doc in (0..documents as u32).filter(|d| d % 4 != 1) {
            p.push(doc, (doc % 200) as u8 + 1);
        }
        let before = p.bytes.len();
        p.densify(documents);
        assert!(p.dense);
        assert!(p.bytes.len() * 3 < before, "{} of {before}", p.bytes.len());
        assert_eq!(p.count, 15_000);
        // The rest's mean impact, then the bitmap: documents 0, 2, 3, 4, 6, 7 of the first byte...
        let (rest, skip) = (p.bytes[0], 1);
        assert!((1..200).contains(&rest), "{rest}");
        assert_eq!(p.bytes[skip], 0b1101_1101);
        // ... then the best thousand: the documents with impact 200 come first.
        let top = Postings {
            bytes: p.bytes[skip + documents / 8..].to_vec(),
            ..Default::default()
        };
        let pairs = top.pairs();
        assert_eq!(pairs.len(), DENSE_TOP);
        assert!(
            pairs
                .iter()
                .all(|&(doc, impact)| impact >= 188 && doc % 200 == u32::from(impact) - 1)
        );
    }

    /// The dense form as the definition says: sort by impact (ties to the older document),
    /// keep the first DENSE_TOP, the rest's mean impact.
    fn dense_by_sorting(pairs: &[(u32, u8)], documents: usize) -> Vec<u8> {
        let mut best = pairs.to_vec();
        best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let rest = &best[DENSE_TOP..];
        let mean = rest.iter().map(|p| f64::from(p.1)).sum::<f64>() / rest.len() as f64;
        let mut top = best[..DENSE_TOP].to_vec();
        if top.iter().all(|p| p.1 == 0) {
            top.clear();
        }
        top.sort();
        let mut bytes = Vec::new();
        push_varint(&mut bytes, mean.round() as u32);
        let mut bitmap = vec![0u8; documents.div_ceil(8)];
        for (doc, _) in pairs {
            bitmap[*doc as usize / 8] |= 1 << (doc % 8);
        }
        bytes.extend(bitmap);
        bytes.extend(Postings::from_pairs(&top).bytes);
        bytes
    }

    #[test]
    fn the_dense_form_keeps_the_best_impacts_ties_to_the_older_document() {
        let documents = 30_000;
        // Few distinct impacts, so the cut falls inside a run of equal ones; and a filter.
        for (step, impacts) in [(2u32, 7u32), (3, 3), (2, 1)] {
            let pairs: Vec<(u32, u8)> = (0..documents as u32)
                .step_by(step as usize)
                .map(|d| {
                    (
                        d,
                        if impacts == 1 {
                            0
                        } else {
                            (d * 7919 % impacts) as u8 + 1
                        },
                    )
                })
                .collect();
            let written = Postings::written(&pairs, documents);
            assert!(written.dense, "{step} {impacts}");
            assert_eq!(written.bytes, dense_by_sorting(&pairs, documents));
            let mut list = Postings::from_pairs(&pairs);
            list.densify(documents);
            assert_eq!(list, written);
        }
    }

    #[test]
    fn impact_bytes_round_as_f32_round_does() {
        // Every part whose scaled value is within a few ulps of a half or a whole number,
        // and a sweep between: `+ 0.5` and truncation against `round` and the clamp.
        let by_round = |part: f32| (part / MAX_TF_PART * 255.0).round().clamp(1.0, 255.0) as u8;
        let mut parts: Vec<f32> = (0..=200_000)
            .map(|i| MAX_TF_PART * i as f32 / 200_000.0)
            .collect();
        for half in 0..=512 {
            let scaled = half as f32 / 2.0;
            let mut below = scaled;
            let mut above = scaled;
            for _ in 0..4 {
                below = below.next_down();
                above = above.next_up();
                for value in [below, scaled, above] {
                    let part = value / 255.0 * MAX_TF_PART;
                    for p in [part.next_down(), part, part.next_up()] {
                        parts.push(p);
                    }
                }
            }
        }
        for part in parts.into_iter().filter(|p| *p >= 0.0) {
            assert_eq!(impact_byte(part), by_round(part), "{part:e}");
        }
    }

    #[test]
    fn rare_terms_stay_lists() {
        let mut p = Postings::default();
        for doc in [1, 500, 9000] {
            p.push(doc, 9);
        }
        let before = p.clone();
        p.densify(10_000);
        assert_eq!(p, before);
        assert_eq!(p.pairs(), [(1, 9), (500, 9), (9000, 9)]);
    }

    #[test]
    fn filter_values_are_folded_words() {
        assert_eq!(filter_value("Kompas.com"), "kompas-com");
        assert_eq!(filter_value(" Tempo  Énglish "), "tempo-english");
    }
}
