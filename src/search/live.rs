//! The search index kept between renders by the dev server: a save re-indexes only the
//! articles it changed (the postings of their old and new terms), and remakes only the term
//! chunks holding a term whose postings changed and the result chunks of changed documents.
//! Its files are always the bytes [`super::index_files`] makes of the same site
//! (`tests/it/serve_incremental.rs` checks that after every step of random edits).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;

use super::chunks::{self, ResultMeta};
use super::index::{self, DENSE_TOP, Postings};
use super::stem::Stemmer;
use super::{FilterCounts, FilterFacts};
use crate::content::Article;
use crate::i18n::DateFormatter;
use crate::site::Site;

/// More changed documents than this (an article that moved in time renumbers every
/// document between its old and new place) index the site afresh.
const MOST_CHANGED: usize = 256;

/// One file of the index, with the hash of its bytes (its signature in the render).
#[derive(Clone)]
pub struct IndexFile {
    pub path: String,
    pub hash: u64,
    pub bytes: Arc<Vec<u8>>,
}

impl IndexFile {
    /// The file at `path` with `bytes`.
    pub fn new(path: String, bytes: Vec<u8>) -> IndexFile {
        IndexFile {
            hash: xxhash_rust::xxh3::xxh3_64(&bytes),
            path,
            bytes: Arc::new(bytes),
        }
    }
}

/// The index of the last render, kept up to date by [`LiveIndex::files`].
#[derive(Default)]
pub struct LiveIndex {
    state: Option<State>,
}

struct State {
    /// The site's language: its stemmer and the dates shown in results.
    language: String,
    stemmer: Stemmer,
    /// The documents, oldest first (their positions are their numbers).
    docs: Vec<Arc<Article>>,
    terms: BTreeMap<String, Term>,
    facts: Vec<FilterFacts>,
    /// For every filter value, the documents that have it.
    years: BTreeMap<i32, BTreeSet<u32>>,
    sources: BTreeMap<String, BTreeSet<u32>>,
    categories: BTreeMap<String, BTreeSet<u32>>,
    /// The term chunks by first term, with their last term.
    chunks: BTreeMap<String, (String, IndexFile)>,
    metas: Vec<IndexFile>,
}

/// A changed document: its number, and its terms before and after.
type DocumentEdit = (u32, Vec<(String, u8)>, Vec<(String, u8)>);

/// What changes in a term's postings: (document, its impact now, or none).
type PostingEdits = Vec<(u32, Option<u8>)>;

/// A term's postings as written, and a big list's (document, impact) pairs, kept so that an
/// edit does not decode and densify it from its bytes.
struct Term {
    written: Postings,
    pairs: Vec<(u32, u8)>,
    hash: u64,
}

impl Term {
    fn new(term: &str, pairs: Vec<(u32, u8)>, documents: usize) -> Term {
        let written = Postings::written(&pairs, documents);
        let big = pairs.len() > DENSE_TOP;
        Term {
            written,
            pairs: if big { pairs } else { Vec::new() },
            hash: chunks::term_hash(term),
        }
    }

    /// A term of a fresh index from its list.
    fn from_list(term: &str, list: Postings, documents: usize) -> Term {
        if list.count as usize > DENSE_TOP {
            return Term::new(term, list.pairs(), documents);
        }
        Term {
            written: list,
            pairs: Vec::new(),
            hash: chunks::term_hash(term),
        }
    }

    /// The (document, impact) pairs.
    fn into_pairs(self) -> Vec<(u32, u8)> {
        if self.written.count as usize > DENSE_TOP {
            self.pairs
        } else {
            self.written.pairs()
        }
    }

    /// Writes a big list again for `documents` documents (its bitmap's length).
    fn rewrite(&mut self, documents: usize) {
        if !self.pairs.is_empty() {
            self.written = Postings::written(&self.pairs, documents);
        }
    }

    /// The postings as written.
    fn written(&self) -> &Postings {
        &self.written
    }
}

impl LiveIndex {
    /// The index files of `site` (none when search is off), made from the last ones.
    pub fn files(&mut self, site: &Site) -> Result<Vec<IndexFile>> {
        if !site.config.search.enabled {
            self.state = None;
            return Ok(Vec::new());
        }
        let language = &site.config.language;
        let docs: Vec<Arc<Article>> = site.articles.iter().rev().cloned().collect();
        let updated = match self.state.as_mut() {
            Some(state) if state.language == *language => state.update(&docs)?,
            _ => false,
        };
        if !updated {
            self.state = Some(State::build(docs, language)?);
        }
        let state = self.state.as_ref().expect("state just made");
        Ok(state.files(site))
    }
}

/// A document's terms, or none for a document that is not there.
fn terms_of(article: Option<&Arc<Article>>, stemmer: Stemmer) -> Result<Vec<(String, u8)>> {
    use chrono::Datelike;
    match article {
        Some(a) => index::document(a, a.date.year(), stemmer),
        None => Ok(Vec::new()),
    }
}

impl State {
    /// The index of `docs` (oldest first) made afresh.
    fn build(docs: Vec<Arc<Article>>, language: &str) -> Result<State> {
        use chrono::Datelike;
        let stemmer = Stemmer::for_language(language);
        let documents = docs.len();
        let pairs: Vec<(&Article, i32)> = docs.iter().map(|a| (&**a, a.date.year())).collect();
        let terms: BTreeMap<String, Term> = index::build_raw(&pairs, stemmer, None)?
            .into_par_iter()
            .map(|(term, list)| {
                let t = Term::from_list(&term, list, documents);
                (term, t)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        let mut state = State {
            language: language.to_string(),
            stemmer,
            docs: Vec::new(),
            terms,
            facts: Vec::new(),
            years: BTreeMap::new(),
            sources: BTreeMap::new(),
            categories: BTreeMap::new(),
            chunks: BTreeMap::new(),
            metas: Vec::new(),
        };
        for (d, a) in docs.iter().enumerate() {
            let facts = FilterFacts::of(a);
            state.count_facts(d as u32, &facts, true);
            state.facts.push(facts);
        }
        state.docs = docs;
        // No chunk is kept: there are none yet.
        state.remake_chunks(&BTreeSet::new());
        state.remake_metas(BTreeSet::new());
        Ok(state)
    }

    /// Adds (or takes away) a document's filter values.
    fn count_facts(&mut self, doc: u32, facts: &FilterFacts, add: bool) {
        fn count<K: Ord + Clone>(
            map: &mut BTreeMap<K, BTreeSet<u32>>,
            key: &K,
            doc: u32,
            add: bool,
        ) {
            if add {
                map.entry(key.clone()).or_default().insert(doc);
            } else if let Some(docs) = map.get_mut(key) {
                docs.remove(&doc);
                if docs.is_empty() {
                    map.remove(key);
                }
            }
        }
        count(&mut self.years, &facts.year, doc, add);
        if let Some((value, _)) = &facts.source {
            count(&mut self.sources, value, doc, add);
        }
        if let Some((value, _)) = &facts.category {
            count(&mut self.categories, value, doc, add);
        }
    }

    /// Brings the index to `docs`; false when too much changed to do it by parts.
    fn update(&mut self, docs: &[Arc<Article>]) -> Result<bool> {
        let common = self.docs.len().min(docs.len());
        let mut changed: Vec<u32> = (0..common)
            .filter(|&d| !Arc::ptr_eq(&self.docs[d], &docs[d]))
            .map(|d| d as u32)
            .collect();
        changed.extend((common..self.docs.len().max(docs.len())).map(|d| d as u32));
        if changed.len() > MOST_CHANGED {
            return Ok(false);
        }
        let old_documents = self.docs.len();
        let documents = docs.len();
        // Every changed document's terms before and after, read in parallel.
        let stemmer = self.stemmer;
        let edits: Vec<DocumentEdit> = changed
            .par_iter()
            .map(|&d| {
                let before = terms_of(self.docs.get(d as usize), stemmer)?;
                let after = terms_of(docs.get(d as usize), stemmer)?;
                Ok((d, before, after))
            })
            .collect::<Result<_>>()?;
        // For every term whose postings change: (document, its impact now or none).
        let mut postings_edits: BTreeMap<String, PostingEdits> = BTreeMap::new();
        for (d, before, after) in edits {
            let before: BTreeMap<String, u8> = before.into_iter().collect();
            let after: BTreeMap<String, u8> = after.into_iter().collect();
            for (term, impact) in &before {
                if after.get(term) != Some(impact) {
                    let now = after.get(term).copied();
                    postings_edits
                        .entry(term.clone())
                        .or_default()
                        .push((d, now));
                }
            }
            for (term, impact) in after {
                if !before.contains_key(&term) {
                    postings_edits
                        .entry(term)
                        .or_default()
                        .push((d, Some(impact)));
                }
            }
        }
        let taken: Vec<(String, Option<Term>, PostingEdits)> = postings_edits
            .into_iter()
            .map(|(term, edits)| {
                let t = self.terms.remove(&term);
                (term, t, edits)
            })
            .collect();
        let edited: Vec<(String, Option<Term>)> = taken
            .into_par_iter()
            .map(|(term, old, mut edits)| {
                edits.sort_unstable_by_key(|e| e.0);
                let mut pairs = old.map(Term::into_pairs).unwrap_or_default();
                for (doc, impact) in edits {
                    match (pairs.binary_search_by_key(&doc, |p| p.0), impact) {
                        (Ok(i), Some(impact)) => pairs[i].1 = impact,
                        (Ok(i), None) => {
                            pairs.remove(i);
                        }
                        (Err(i), Some(impact)) => pairs.insert(i, (doc, impact)),
                        (Err(_), None) => {}
                    }
                }
                let t = (!pairs.is_empty()).then(|| Term::new(&term, pairs, documents));
                (term, t)
            })
            .collect();
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for (term, t) in edited {
            if let Some(t) = t {
                self.terms.insert(term.clone(), t);
            }
            touched.insert(term);
        }
        // A dense list's bitmap has a bit a document: its length follows the documents'.
        if old_documents.div_ceil(8) != documents.div_ceil(8) {
            let big: Vec<(&String, &mut Term)> = self
                .terms
                .iter_mut()
                .filter(|(_, t)| !t.pairs.is_empty())
                .collect();
            touched.extend(big.iter().map(|(term, _)| (*term).clone()));
            big.into_par_iter().for_each(|(_, t)| t.rewrite(documents));
        }
        // The filters' counts.
        for &d in &changed {
            let d = d as usize;
            if d < old_documents {
                let facts = std::mem::replace(
                    &mut self.facts[d],
                    FilterFacts {
                        year: 0,
                        source: None,
                        category: None,
                    },
                );
                self.count_facts(d as u32, &facts, false);
            }
        }
        self.facts.truncate(documents);
        for &d in &changed {
            let d = d as usize;
            if let Some(a) = docs.get(d) {
                let facts = FilterFacts::of(a);
                self.count_facts(d as u32, &facts, true);
                if d < self.facts.len() {
                    self.facts[d] = facts;
                } else {
                    self.facts.push(facts);
                }
            }
        }
        self.docs = docs.to_vec();
        self.remake_chunks(&touched);
        let per = chunks::DOCS_PER_META;
        self.remake_metas(changed.iter().map(|&d| d as usize / per).collect());
        Ok(true)
    }

    /// Cuts the terms into chunks again; makes the files of those that hold a term of
    /// `touched` or are cut differently, and keeps the others' files.
    fn remake_chunks(&mut self, touched: &BTreeSet<String>) {
        let keys: Vec<&String> = self.terms.keys().collect();
        let sizes = self
            .terms
            .iter()
            .map(|(term, t)| (t.hash, chunks::term_size(term, t.written())));
        let ranges = chunks::cuts(sizes);
        let remade: Vec<(String, (String, IndexFile))> = ranges
            .par_iter()
            .filter_map(|range| {
                let (first, last) = (keys[range.start], keys[range.end - 1]);
                let unchanged = self
                    .chunks
                    .get(first)
                    .is_some_and(|(old_last, _)| old_last == last)
                    && touched.range(first.clone()..=last.clone()).next().is_none();
                if unchanged {
                    return None;
                }
                let name = chunks::chunk_name(first);
                let terms: Vec<(&str, &Postings)> = self
                    .terms
                    .range(first.clone()..=last.clone())
                    .map(|(term, t)| (term.as_str(), t.written()))
                    .collect();
                let bytes = chunks::term_chunk(&name, &terms);
                let file = IndexFile::new(chunks::chunk_path(&name), bytes);
                Some((first.clone(), (last.clone(), file)))
            })
            .collect();
        let mut kept: BTreeMap<String, (String, IndexFile)> = BTreeMap::new();
        for range in &ranges {
            let first = keys[range.start];
            if let Some(old) = self.chunks.remove(first) {
                kept.insert(first.clone(), old);
            }
        }
        kept.extend(remade);
        self.chunks = kept;
    }

    /// Makes the result chunks in `remade` (and any past the last one kept), and drops
    /// those past the last document.
    fn remake_metas(&mut self, mut remade: BTreeSet<usize>) {
        let per = chunks::DOCS_PER_META;
        let groups = self.docs.len().div_ceil(per);
        self.metas.truncate(groups);
        remade.extend(self.metas.len()..groups);
        let dates = DateFormatter::new(&self.language);
        let docs = &self.docs;
        let made: Vec<(usize, IndexFile)> = remade
            .into_iter()
            .filter(|&g| g < groups)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|g| {
                let group = &docs[g * per..((g + 1) * per).min(docs.len())];
                let metas: Vec<ResultMeta> = group
                    .iter()
                    .map(|a| super::result_meta(a, &dates))
                    .collect();
                let (path, bytes) = chunks::meta_file(g, &metas);
                (g, IndexFile::new(path, bytes))
            })
            .collect();
        for (g, file) in made {
            if g < self.metas.len() {
                self.metas[g] = file;
            } else {
                self.metas.push(file);
            }
        }
    }

    /// Every file of the index, in the order [`super::index_files`] gives them.
    fn files(&self, site: &Site) -> Vec<IndexFile> {
        let mut out = Vec::with_capacity(self.chunks.len() + self.metas.len() + 1);
        let mut chunk_list = Vec::with_capacity(self.chunks.len());
        for (first, (_, file)) in &self.chunks {
            chunk_list.push((first.clone(), chunks::chunk_name(first)));
            out.push(file.clone());
        }
        out.extend(self.metas.iter().cloned());
        let firsts: Vec<i64> = self
            .docs
            .chunks(chunks::DOCS_PER_META)
            .map(|group| super::day_number(&group[0]))
            .collect();
        let filters = super::filter_values(counts(self), &site.tags);
        let root = chunks::root(
            self.docs.len(),
            self.stemmer.name(),
            &chunk_list,
            &firsts,
            &filters,
        );
        out.push(IndexFile::new("search/root.js".into(), root));
        out
    }
}

/// The filters' counts from the documents that have each value.
fn counts(state: &State) -> FilterCounts {
    let label = |docs: &BTreeSet<u32>, pick: fn(&FilterFacts) -> &Option<(String, String)>| {
        let newest = *docs.last().expect("no empty sets") as usize;
        pick(&state.facts[newest])
            .as_ref()
            .map(|(_, label)| label.clone())
            .unwrap_or_default()
    };
    FilterCounts {
        years: state.years.iter().map(|(y, d)| (*y, d.len())).collect(),
        sources: state
            .sources
            .iter()
            .map(|(v, d)| (v.clone(), (label(d, |f| &f.source), d.len())))
            .collect(),
        categories: state
            .categories
            .iter()
            .map(|(v, d)| (v.clone(), (label(d, |f| &f.category), d.len())))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::site::Selection;

    fn config() -> Config {
        Config::parse(
            std::path::Path::new("."),
            std::path::Path::new("site.toml"),
            "title = \"T\"\nlanguage = \"id\"\n[search]\nenabled = true\n",
        )
        .unwrap()
    }

    /// Article `n` of `year` (within a year, later numbers are newer), in section `section`.
    fn article(config: &Config, n: usize, year: usize, body: &str, section: usize) -> Arc<Article> {
        let (day, hour, minute) = (1 + n / 1440 % 28, n / 60 % 24, n % 60);
        let text = format!(
            "---\ntitle: Berita {n}\ndate: {year}-01-{day:02}T{hour:02}:{minute:02}:00+00:00\nslug: b{n}\ntags: [T{}]\nsource_name: Kabar {}\ncategory: Seksi {section}\n---\n{body}\n",
            n % 7,
            n % 3,
        );
        let file = format!("content/b{n}.md");
        Arc::new(
            crate::content::parse_article(config, std::path::Path::new(&file), &text)
                .unwrap()
                .0,
        )
    }

    fn site(config: &Config, articles: &[Arc<Article>]) -> Site {
        let selection = Selection {
            drafts: false,
            future: true,
            now: chrono::Utc::now(),
        };
        Site::build(config.clone(), articles.to_vec(), selection).unwrap()
    }

    /// The live index's files are a fresh index's.
    fn check(live: &mut LiveIndex, site: &Site, step: &str) {
        let files = live.files(site).unwrap();
        let fresh = super::super::index_files(site, None).unwrap();
        assert_eq!(files.len(), fresh.len(), "{step}: number of files");
        for (got, (path, bytes)) in files.iter().zip(&fresh) {
            assert!(
                (&got.path, got.bytes.as_slice()) == (path, bytes.as_slice()),
                "{step}: {} differs from a fresh index's {path}",
                got.path
            );
        }
    }

    /// The term chunks' files by path.
    fn chunk_files(live: &LiveIndex) -> BTreeMap<String, Arc<Vec<u8>>> {
        let state = live.state.as_ref().unwrap();
        state
            .chunks
            .values()
            .map(|(_, f)| (f.path.clone(), f.bytes.clone()))
            .collect()
    }

    #[test]
    fn edits_give_the_files_of_a_fresh_index_and_remake_only_what_they_touch() {
        let config = config();
        // `kota` is in every article and `year:2020` in seven of eight: both lists are dense,
        // and 4096 documents fill their bitmaps to a whole byte.
        let body = |n: usize| {
            let extra = if n.is_multiple_of(3) {
                "banjir banjir"
            } else {
                ""
            };
            let words: Vec<String> = (0..10)
                .map(|i| format!("k{}", (n * 7 + i * 13) % 2000))
                .collect();
            format!(
                "Kota {n} hari ini {extra} kata{} {}.",
                n % 50,
                words.join(" ")
            )
        };
        let year = |n: usize| if n.is_multiple_of(8) { 2021 } else { 2020 };
        let make = |n: usize| article(&config, n, year(n), &body(n), n % 5);
        let mut articles: Vec<Arc<Article>> = (0..4096).map(make).collect();
        let mut live = LiveIndex::default();
        check(&mut live, &site(&config, &articles), "first");
        let dense =
            |live: &LiveIndex, term: &str| live.state.as_ref().unwrap().terms[term].written.dense;
        assert!(dense(&live, "kota") && dense(&live, "year:2020"));

        // A body edit (the article keeps its place): new words, one word dropped, impacts
        // moved. Chunks that hold none of its terms, before or after, are kept as they were.
        let before = chunk_files(&live);
        let old = articles[1500].clone();
        articles[1500] = article(
            &config,
            1500,
            2020,
            "Kota gempa gempa gempa pasar harga.",
            0,
        );
        check(&mut live, &site(&config, &articles), "body edit");
        let mut its_terms: BTreeSet<String> = BTreeSet::new();
        for a in [&old, &articles[1500]] {
            let terms = index::document(a, 2020, Stemmer::for_language("id")).unwrap();
            its_terms.extend(terms.into_iter().map(|(t, _)| t));
        }
        let mut kept = 0;
        for (first, (last, file)) in &live.state.as_ref().unwrap().chunks {
            if its_terms
                .range(first.clone()..=last.clone())
                .next()
                .is_none()
            {
                assert!(
                    Arc::ptr_eq(&before[&file.path], &file.bytes),
                    "{first} made again"
                );
                kept += 1;
            }
        }
        assert!(kept > 3, "{kept} chunks kept");
        // Dense lists lose a document; a category value with one article comes.
        articles[3294] = article(&config, 3294, year(3294), "Tanpa kata yang sama.", 4);
        articles[7] = article(&config, 7, year(7), &body(7), 9);
        check(&mut live, &site(&config, &articles), "words and filters");
        // A new newest article: a document more, and every bitmap a byte longer.
        articles.push(make(4096));
        check(&mut live, &site(&config, &articles), "appended");
        // The newest taken away again, and the one-article category with its article.
        articles.pop();
        articles[7] = make(7);
        check(&mut live, &site(&config, &articles), "removed");
        // An article moved back in time renumbers the documents after it: made afresh.
        articles[3000] = article(&config, 3000, 2019, &body(3000), 0);
        check(&mut live, &site(&config, &articles), "moved");
        // Search switched off: no files.
        let off = Config::parse(
            std::path::Path::new("."),
            std::path::Path::new("site.toml"),
            "title = \"T\"\nlanguage = \"id\"\n",
        )
        .unwrap();
        assert!(live.files(&site(&off, &articles)).unwrap().is_empty());
    }
}
