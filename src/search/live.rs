//! The search index kept between renders by the dev server: a save re-indexes only the
//! articles it changed (the postings of their old and new terms), and remakes only the term
//! chunks holding a term whose postings changed and the result chunks of changed documents.
//! A save's work grows with the edit, not the site: dense lists are patched in place
//! (`dense`), chunks are cut again only around changed terms (`cut`), `root.js` is put
//! together from kept entries, and only the files that changed are handed out.
//! Its files are always the bytes [`super::index_files`] makes of the same site
//! (`tests/it/serve_incremental.rs` checks that after every step of random edits).

mod cut;
mod dense;

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
use dense::DenseList;

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

/// The index files that changed since the last [`LiveIndex::commit`].
pub enum IndexChanges {
    /// Every file: the index was made afresh (none when search is off).
    All(Vec<IndexFile>),
    /// The files made again and the paths of those made no longer.
    Some {
        files: Vec<IndexFile>,
        gone: Vec<String>,
    },
}

/// The index of the last render, kept up to date by [`LiveIndex::changes`].
#[derive(Default)]
pub struct LiveIndex {
    state: Option<State>,
    /// What changed since the last commit; none: everything (nothing committed yet, or
    /// made afresh since).
    dirty: Option<Dirty>,
}

/// The files made again (or no longer) since the last commit.
#[derive(Default)]
struct Dirty {
    /// Term chunks by first term.
    chunks: BTreeSet<String>,
    /// Result chunks by number.
    metas: BTreeSet<usize>,
    root: bool,
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
    /// The term chunks by first term.
    chunks: BTreeMap<String, Chunk>,
    metas: Vec<IndexFile>,
    /// The day number of each result chunk's first document.
    firsts: Vec<i64>,
    root: IndexFile,
}

/// A term chunk: its last term, its entry in `search/root.js`, its file.
struct Chunk {
    last: String,
    entry: String,
    file: IndexFile,
}

/// A changed document: its number, and its terms before and after.
type DocumentEdit = (u32, Vec<(String, u8)>, Vec<(String, u8)>);

/// What changes in a term's postings: (document, its impact before, its impact now), none
/// where it is not in the list.
type PostingEdits = Vec<(u32, Option<u8>, Option<u8>)>;

/// A term's postings as written, and what a dense list keeps so that an edit does not decode
/// and densify it from its bytes.
struct Term {
    written: Postings,
    hash: u64,
    big: Big,
}

/// What a list of more than [`DENSE_TOP`] documents keeps besides its bytes.
enum Big {
    No,
    /// A list written as (delta, impact) pairs: its pairs are decoded from the bytes when
    /// it is edited (written again whole anyway). Kept, at 8 bytes a pair against about 2
    /// written, they cost the dev server four times the list's bytes in memory.
    Sparse,
    /// A list written dense: its parts, patched in place.
    Dense(Box<DenseList>),
}

impl Term {
    /// The term with `pairs` (in document order, at least one) for `documents` documents.
    fn of_pairs(term: &str, pairs: Vec<(u32, u8)>, documents: usize) -> Term {
        let hash = chunks::term_hash(term);
        if pairs.len() <= DENSE_TOP {
            let written = Postings::from_pairs(&pairs);
            return Term {
                written,
                hash,
                big: Big::No,
            };
        }
        let length = Postings::sparse_length(&pairs);
        if Postings::dense_pays(pairs.len(), length, documents) {
            let list = DenseList::of(&pairs, documents);
            return Term {
                written: list.written(),
                hash,
                big: Big::Dense(Box::new(list)),
            };
        }
        Term {
            written: Postings::from_pairs(&pairs),
            hash,
            big: Big::Sparse,
        }
    }

    /// The term with a dense list's parts, written dense while that pays; none when no
    /// document is left.
    fn of_dense(term: &str, list: Box<DenseList>, documents: usize) -> Option<Term> {
        if list.pays(documents) {
            return Some(Term {
                written: list.written(),
                hash: chunks::term_hash(term),
                big: Big::Dense(list),
            });
        }
        let pairs = list.pairs();
        (!pairs.is_empty()).then(|| Term::of_pairs(term, pairs, documents))
    }

    /// A term of a fresh index from its list.
    fn from_list(term: &str, list: Postings, documents: usize) -> Term {
        if list.count as usize > DENSE_TOP {
            return Term::of_pairs(term, list.pairs(), documents);
        }
        Term {
            written: list,
            hash: chunks::term_hash(term),
            big: Big::No,
        }
    }

    /// The (document, impact) pairs.
    fn into_pairs(self) -> Vec<(u32, u8)> {
        match self.big {
            Big::No | Big::Sparse => self.written.pairs(),
            Big::Dense(list) => list.pairs(),
        }
    }

    /// `old` (none: a new term) with `edits` made, for `documents` documents; none when no
    /// document is left.
    fn edited(
        term: &str,
        old: Option<Term>,
        mut edits: PostingEdits,
        documents: usize,
    ) -> Option<Term> {
        edits.sort_unstable_by_key(|e| e.0);
        if let Some(Term {
            big: Big::Dense(mut list),
            ..
        }) = old
        {
            for (doc, before, now) in edits {
                list.set(doc, before, now);
            }
            list.resize(documents);
            return Term::of_dense(term, list, documents);
        }
        let mut pairs = old.map(Term::into_pairs).unwrap_or_default();
        index::apply_pair_edits(
            &mut pairs,
            edits.into_iter().map(|(doc, _, now)| (doc, now)),
        );
        (!pairs.is_empty()).then(|| Term::of_pairs(term, pairs, documents))
    }

    /// Writes a big list again for `documents` documents (its bitmap's length).
    fn rewrite(&mut self, term: &str, documents: usize) {
        let big = std::mem::replace(&mut self.big, Big::No);
        *self = match big {
            Big::No => {
                self.big = Big::No;
                return;
            }
            Big::Sparse => Term::of_pairs(term, self.written.pairs(), documents),
            Big::Dense(mut list) => {
                list.resize(documents);
                Term::of_dense(term, list, documents).expect("a big list has documents")
            }
        };
    }

    /// The postings as written.
    fn written(&self) -> &Postings {
        &self.written
    }
}

impl LiveIndex {
    /// The index files of `site` (none when search is off), made from the last ones.
    pub fn files(&mut self, site: &Site) -> Result<Vec<IndexFile>> {
        self.update(site)?;
        Ok(self.state.as_ref().map(State::files).unwrap_or_default())
    }

    /// Brings the index to `site`; the files that changed since the last commit.
    pub fn changes(&mut self, site: &Site) -> Result<IndexChanges> {
        self.update(site)?;
        let (Some(state), Some(dirty)) = (&self.state, &self.dirty) else {
            return Ok(IndexChanges::All(
                self.state.as_ref().map(State::files).unwrap_or_default(),
            ));
        };
        let mut files = Vec::new();
        let mut gone = Vec::new();
        for first in &dirty.chunks {
            match state.chunks.get(first) {
                Some(chunk) => files.push(chunk.file.clone()),
                None => gone.push(chunks::chunk_path(&chunks::chunk_name(first))),
            }
        }
        for &g in &dirty.metas {
            match state.metas.get(g) {
                Some(file) => files.push(file.clone()),
                None => gone.push(chunks::chunk_path(&format!("m/{g}"))),
            }
        }
        if dirty.root {
            files.push(state.root.clone());
        }
        Ok(IndexChanges::Some { files, gone })
    }

    /// The files handed out since the last commit are served: changes start from here.
    pub fn commit(&mut self) {
        self.dirty = Some(Dirty::default());
    }

    fn update(&mut self, site: &Site) -> Result<()> {
        if !site.config.search.enabled {
            self.state = None;
            self.dirty = None;
            return Ok(());
        }
        let language = &site.config.language;
        let updated = match self.state.as_mut() {
            Some(state) if state.language == *language => {
                state.update(site, self.dirty.as_mut())?
            }
            _ => false,
        };
        if !updated {
            self.state = Some(State::build(site)?);
            self.dirty = None;
        }
        Ok(())
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
    /// The index of `site` made afresh.
    fn build(site: &Site) -> Result<State> {
        use chrono::Datelike;
        let language = &site.config.language;
        let docs: Vec<Arc<Article>> = site.articles.iter().rev().cloned().collect();
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
            firsts: Vec::new(),
            root: IndexFile::new(String::new(), Vec::new()),
        };
        for (d, a) in docs.iter().enumerate() {
            let facts = FilterFacts::of(a);
            state.count_facts(d as u32, &facts, true);
            state.facts.push(facts);
        }
        state.docs = docs;
        state.cut_all();
        state.remake_metas(BTreeSet::new(), None);
        state.remake_root(site, None);
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

    /// Brings the index to `site`, noting the files made again in `dirty`; false when too
    /// much changed to do it by parts. The work grows with the changed documents and the
    /// lists of their terms, not with the site.
    fn update(&mut self, site: &Site, mut dirty: Option<&mut Dirty>) -> Result<bool> {
        // The site's articles are newest first; documents oldest first.
        let articles = &site.articles;
        let documents = articles.len();
        let doc_at = |d: usize| articles.get(documents.wrapping_sub(d + 1));
        let old_documents = self.docs.len();
        let common = old_documents.min(documents);
        let mut changed: Vec<u32> = (0..common)
            .filter(|&d| !Arc::ptr_eq(&self.docs[d], &articles[documents - 1 - d]))
            .map(|d| d as u32)
            .collect();
        changed.extend((common..old_documents.max(documents)).map(|d| d as u32));
        if changed.len() > MOST_CHANGED {
            return Ok(false);
        }
        if changed.is_empty() {
            // Tags and their counts are in the root too.
            self.remake_root(site, dirty);
            return Ok(true);
        }
        // Every changed document's terms before and after, read in parallel.
        let stemmer = self.stemmer;
        let edits: Vec<DocumentEdit> = changed
            .par_iter()
            .map(|&d| {
                let before = terms_of(self.docs.get(d as usize), stemmer)?;
                let after = terms_of(doc_at(d as usize), stemmer)?;
                Ok((d, before, after))
            })
            .collect::<Result<_>>()?;
        // For every term whose postings change: (document, its impact before and now).
        let mut postings_edits: BTreeMap<String, PostingEdits> = BTreeMap::new();
        for (d, before, after) in edits {
            let before: BTreeMap<String, u8> = before.into_iter().collect();
            let after: BTreeMap<String, u8> = after.into_iter().collect();
            for (term, &impact) in &before {
                let now = after.get(term).copied();
                if now != Some(impact) {
                    postings_edits
                        .entry(term.clone())
                        .or_default()
                        .push((d, Some(impact), now));
                }
            }
            for (term, impact) in after {
                if !before.contains_key(&term) {
                    postings_edits
                        .entry(term)
                        .or_default()
                        .push((d, None, Some(impact)));
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
            .map(|(term, old, edits)| {
                let t = Term::edited(&term, old, edits, documents);
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
                .filter(|(term, t)| !matches!(t.big, Big::No) && !touched.contains(*term))
                .collect();
            let rewritten: Vec<String> = big.iter().map(|(term, _)| (*term).clone()).collect();
            big.into_par_iter()
                .for_each(|(term, t)| t.rewrite(term, documents));
            touched.extend(rewritten);
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
            if let Some(a) = doc_at(d) {
                let facts = FilterFacts::of(a);
                self.count_facts(d as u32, &facts, true);
                if d < self.facts.len() {
                    self.facts[d] = facts;
                } else {
                    self.facts.push(facts);
                }
            }
        }
        // The documents kept: only the changed ones are replaced.
        self.docs.truncate(documents);
        for &d in &changed {
            let d = d as usize;
            if let Some(a) = doc_at(d) {
                if d < self.docs.len() {
                    self.docs[d] = a.clone();
                } else {
                    self.docs.push(a.clone());
                }
            }
        }
        self.recut(&touched, dirty.as_deref_mut());
        let per = chunks::DOCS_PER_META;
        let groups = changed.iter().map(|&d| d as usize / per).collect();
        self.remake_metas(groups, dirty.as_deref_mut());
        self.remake_root(site, dirty);
        Ok(true)
    }

    /// The file of the term chunk from `first` to `last`.
    fn chunk(&self, first: &str, last: &str) -> Chunk {
        let name = chunks::chunk_name(first);
        let terms: Vec<(&str, &Postings)> = self
            .terms
            .range::<str, _>((
                std::ops::Bound::Included(first),
                std::ops::Bound::Included(last),
            ))
            .map(|(term, t)| (term.as_str(), t.written()))
            .collect();
        let bytes = chunks::term_chunk(&name, &terms);
        Chunk {
            last: last.to_string(),
            entry: chunks::chunk_entry(first, &name),
            file: IndexFile::new(chunks::chunk_path(&name), bytes),
        }
    }

    /// Cuts every term into chunks and makes their files.
    fn cut_all(&mut self) {
        let keys: Vec<&String> = self.terms.keys().collect();
        let sizes = self
            .terms
            .iter()
            .map(|(term, t)| (t.hash, chunks::term_size(term, t.written())));
        let chunks: Vec<(String, Chunk)> = chunks::cuts(sizes)
            .par_iter()
            .map(|range| {
                let (first, last) = (keys[range.start], keys[range.end - 1]);
                (first.clone(), self.chunk(first, last))
            })
            .collect();
        self.chunks = chunks.into_iter().collect();
    }

    /// Cuts the terms into chunks again where `touched` terms are; makes the files of the
    /// chunks cut anew that hold a touched term or end elsewhere, and keeps the others.
    fn recut(&mut self, touched: &BTreeSet<String>, dirty: Option<&mut Dirty>) {
        let recut = cut::recut(&self.chunks, &self.terms, touched, |term, t| {
            (t.hash, chunks::term_size(term, t.written()))
        });
        let mut old: BTreeMap<String, Chunk> = recut
            .dropped
            .iter()
            .filter_map(|first| Some((first.clone(), self.chunks.remove(first)?)))
            .collect();
        let mut to_make: Vec<(String, String)> = Vec::new();
        for (first, last) in recut.made {
            match old.remove(&first) {
                Some(chunk)
                    if chunk.last == last
                        && touched.range(first.clone()..=last.clone()).next().is_none() =>
                {
                    self.chunks.insert(first, chunk);
                }
                _ => to_make.push((first, last)),
            }
        }
        let made: Vec<(String, Chunk)> = to_make
            .into_par_iter()
            .map(|(first, last)| {
                let chunk = self.chunk(&first, &last);
                (first, chunk)
            })
            .collect();
        if let Some(dirty) = dirty {
            dirty.chunks.extend(old.into_keys());
            dirty
                .chunks
                .extend(made.iter().map(|(first, _)| first.clone()));
        }
        self.chunks.extend(made);
    }

    /// Makes the result chunks in `remade` (and any past the last one kept), and drops
    /// those past the last document.
    fn remake_metas(&mut self, mut remade: BTreeSet<usize>, mut dirty: Option<&mut Dirty>) {
        let per = chunks::DOCS_PER_META;
        let groups = self.docs.len().div_ceil(per);
        if let Some(dirty) = dirty.as_deref_mut() {
            dirty.metas.extend(groups..self.metas.len());
        }
        self.metas.truncate(groups);
        self.firsts.truncate(groups);
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
            let first = super::day_number(&docs[g * per]);
            if let Some(dirty) = dirty.as_deref_mut() {
                dirty.metas.insert(g);
            }
            if g < self.metas.len() {
                self.metas[g] = file;
                self.firsts[g] = first;
            } else {
                self.metas.push(file);
                self.firsts.push(first);
            }
        }
    }

    /// Makes `search/root.js` again from the chunks' kept entries; notes it when it changed.
    fn remake_root(&mut self, site: &Site, dirty: Option<&mut Dirty>) {
        let filters = super::filter_values(counts(self), &site.tags);
        let bytes = chunks::root_of_entries(
            self.docs.len(),
            self.stemmer.name(),
            self.chunks.values().map(|c| c.entry.as_str()),
            &self.firsts,
            &filters,
        );
        let root = IndexFile::new("search/root.js".into(), bytes);
        if root.hash != self.root.hash || root.bytes != self.root.bytes {
            self.root = root;
            if let Some(dirty) = dirty {
                dirty.root = true;
            }
        }
    }

    /// Every file of the index, in the order [`super::index_files`] gives them.
    fn files(&self) -> Vec<IndexFile> {
        let mut out = Vec::with_capacity(self.chunks.len() + self.metas.len() + 1);
        out.extend(self.chunks.values().map(|c| c.file.clone()));
        out.extend(self.metas.iter().cloned());
        out.push(self.root.clone());
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

    /// The live index's files are a fresh index's, and so are the files served when only
    /// the changes it hands out are put (`served`, by path).
    fn check(
        live: &mut LiveIndex,
        served: &mut BTreeMap<String, Arc<Vec<u8>>>,
        site: &Site,
        step: &str,
    ) {
        match live.changes(site).unwrap() {
            IndexChanges::All(files) => {
                served.clear();
                served.extend(files.into_iter().map(|f| (f.path, f.bytes)));
            }
            IndexChanges::Some { files, gone } => {
                for path in gone {
                    assert!(served.remove(&path).is_some(), "{step}: {path} gone twice");
                }
                served.extend(files.into_iter().map(|f| (f.path, f.bytes)));
            }
        }
        live.commit();
        let fresh = super::super::index_files(site, None).unwrap();
        let fresh_map: BTreeMap<&String, &[u8]> =
            fresh.iter().map(|(p, b)| (p, b.as_slice())).collect();
        let served_map: BTreeMap<&String, &[u8]> =
            served.iter().map(|(p, b)| (p, b.as_slice())).collect();
        assert!(fresh_map == served_map, "{step}: the files served differ");
        // Asked again with nothing changed: the same files, and no change handed out.
        let files = live.files(site).unwrap();
        assert_eq!(files.len(), fresh.len(), "{step}: number of files");
        for (got, (path, bytes)) in files.iter().zip(&fresh) {
            assert!(
                (&got.path, got.bytes.as_slice()) == (path, bytes.as_slice()),
                "{step}: {} differs from a fresh index's {path}",
                got.path
            );
        }
        match live.changes(site).unwrap() {
            IndexChanges::Some { files, gone } => {
                assert!(files.is_empty() && gone.is_empty(), "{step}: changes again")
            }
            IndexChanges::All(_) => panic!("{step}: every file again"),
        }
    }

    /// The term chunks' files by path.
    fn chunk_files(live: &LiveIndex) -> BTreeMap<String, Arc<Vec<u8>>> {
        let state = live.state.as_ref().unwrap();
        state
            .chunks
            .values()
            .map(|c| (c.file.path.clone(), c.file.bytes.clone()))
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
        let mut served = BTreeMap::new();
        check(&mut live, &mut served, &site(&config, &articles), "first");
        let dense = |live: &LiveIndex, term: &str| {
            let t = &live.state.as_ref().unwrap().terms[term];
            t.written.dense && matches!(t.big, Big::Dense(_))
        };
        assert!(dense(&live, "kota") && dense(&live, "year:2020"));
        // `banjir`, in a third of the articles, is a big list written as pairs: the edits of
        // articles 1500 and 3294 below decode it from its bytes.
        let sparse = |live: &LiveIndex, term: &str| {
            matches!(live.state.as_ref().unwrap().terms[term].big, Big::Sparse)
        };
        assert!(sparse(&live, "banjir"));

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
        check(
            &mut live,
            &mut served,
            &site(&config, &articles),
            "body edit",
        );
        let mut its_terms: BTreeSet<String> = BTreeSet::new();
        for a in [&old, &articles[1500]] {
            let terms = index::document(a, 2020, Stemmer::for_language("id")).unwrap();
            its_terms.extend(terms.into_iter().map(|(t, _)| t));
        }
        let mut kept = 0;
        for (first, chunk) in &live.state.as_ref().unwrap().chunks {
            let file = &chunk.file;
            if its_terms
                .range(first.clone()..=chunk.last.clone())
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
        check(
            &mut live,
            &mut served,
            &site(&config, &articles),
            "words and filters",
        );
        // A new newest article: a document more, and every bitmap a byte longer.
        articles.push(make(4096));
        check(
            &mut live,
            &mut served,
            &site(&config, &articles),
            "appended",
        );
        // The newest taken away again, and the one-article category with its article.
        articles.pop();
        articles[7] = make(7);
        check(&mut live, &mut served, &site(&config, &articles), "removed");
        // A render that failed after the index was brought up to date committed nothing:
        // the next hands out the changes of both saves.
        articles[2000] = article(&config, 2000, year(2000), "Kota pelabuhan kapal.", 1);
        assert!(matches!(
            live.changes(&site(&config, &articles)).unwrap(),
            IndexChanges::Some { .. }
        ));
        articles[2001] = article(&config, 2001, year(2001), "Kota bandara pesawat.", 2);
        check(
            &mut live,
            &mut served,
            &site(&config, &articles),
            "uncommitted",
        );
        // An article moved back in time renumbers the documents after it: made afresh.
        articles[3000] = article(&config, 3000, 2019, &body(3000), 0);
        check(&mut live, &mut served, &site(&config, &articles), "moved");
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
