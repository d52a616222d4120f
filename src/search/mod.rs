//! Search: the index `cermin build` writes beside the site (`search/` in the output) for the
//! search page of the theme (`search.html`, `static/search.js`) to query from any static host.
//!
//! `fold` (words, diacritics), `stem` (Indonesian, English), `text` (a body's words),
//! `word_spans` (the indexer's fast path to words), `key_hash` (its vocabulary's hash),
//! `index` (postings with impacts), `chunks` (the files). See docs/search.md.

pub mod chunks;
pub mod fold;
pub mod index;
pub mod key_hash;
pub mod last_files;
pub mod live;
pub mod saved;
pub mod stem;
pub mod term_cache;
pub mod text;
pub mod varint;
pub mod word_spans;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use chrono::Datelike;

use crate::i18n::DateFormatter;
use crate::site::Site;
use chunks::{FilterValue, ResultMeta};
use stem::Stemmer;

/// The site path of the search page.
pub const PAGE_PATH: &str = "/search/";

/// The index files of `site` (`search/root.js`, `search/t/…`, `search/m/…`), or none when
/// search is off: [`put_index_files`] keeping every file.
pub fn index_files(site: &Site, cache_dir: Option<&Path>) -> Result<Vec<(String, Vec<u8>)>> {
    put_index_files(site, cache_dir, &|path, bytes| Ok((path, bytes)))
}

/// Makes the index files of `site` (none when search is off) and hands each to `put` (output
/// path, bytes) as it is made, returning what `put` returned in the order of
/// [`index_files`]. With the site's build cache folder `cache_dir`, the terms of articles
/// unchanged since the last build are taken from its term cache (see [`term_cache`]), which
/// is brought up to date.
pub fn put_index_files<T: Send>(
    site: &Site,
    cache_dir: Option<&Path>,
    put: &(dyn Fn(String, Vec<u8>) -> Result<T> + Sync),
) -> Result<Vec<T>> {
    if !site.config.search.enabled {
        return Ok(Vec::new());
    }
    let stemmer = Stemmer::for_language(&site.config.language);
    // Oldest first: see `index`.
    let docs: Vec<(&crate::content::Article, i32)> = site
        .articles
        .iter()
        .rev()
        .map(|a| (&**a, a.date.year()))
        .collect();
    let cache = cache_dir.map(|dir| term_cache::TermCache::read(&term_cache::path(dir)));
    let mut reuse = cache.as_ref().map(index::Reuse::new);
    let index = index::build(&docs, stemmer, reuse.as_mut())?;
    if let (Some(dir), Some(bytes)) = (cache_dir, reuse.and_then(|r| r.next_file)) {
        // Only an optimization: a cache that cannot be written makes the next build read
        // every article again (the article cache beside it warns of an unwritable folder).
        let _ = std::fs::create_dir_all(dir)
            .and_then(|()| crate::files::write_atomically(&term_cache::path(dir), &bytes));
    }
    let dates = DateFormatter::new(&site.config.language);
    let meta = |doc: usize| result_meta(docs[doc].0, &dates);
    let filters = filters(site);
    chunks::put_files(&index, &meta, stemmer.name(), &filters, put)
}

/// What the search page shows of `article` as a result.
pub fn result_meta(article: &crate::content::Article, dates: &DateFormatter) -> ResultMeta {
    let a = article;
    ResultMeta {
        title: a.title.to_string(),
        path: a.path.to_string(),
        date_display: dates.long_date(&a.date),
        date: a.date.format("%Y-%m-%d").to_string(),
        day: day_number(a),
        source: index::source_label(a),
        summary: a.description.to_string(),
    }
}

/// The days from 1970-01-01 to an article's date, for the recency boost.
pub fn day_number(article: &crate::content::Article) -> i64 {
    article.date.date_naive().num_days_from_ce() as i64 - 719_163
}

/// What an article adds to the filters' counts: its year, its source and its category as
/// (filter value, label shown).
pub struct FilterFacts {
    pub year: i32,
    pub source: Option<(String, String)>,
    pub category: Option<(String, String)>,
}

impl FilterFacts {
    pub fn of(a: &crate::content::Article) -> FilterFacts {
        FilterFacts {
            year: a.date.year(),
            source: index::source_label(a).map(|label| (index::filter_value(&label), label)),
            category: a
                .category
                .as_deref()
                .filter(|c| !c.trim().is_empty())
                .map(|c| (index::filter_value(c), c.trim().to_string())),
        }
    }
}

/// The counts of the filters' values: a value's label is the one its newest article has.
#[derive(Default)]
pub struct FilterCounts {
    pub years: BTreeMap<i32, usize>,
    pub sources: BTreeMap<String, (String, usize)>,
    pub categories: BTreeMap<String, (String, usize)>,
}

/// The values the search page offers as filters: years (newest first), sources and tags (by
/// name).
fn filters(site: &Site) -> BTreeMap<&'static str, Vec<FilterValue>> {
    let mut counts = FilterCounts::default();
    // Newest first: the first label met is the newest article's.
    for a in site.articles.iter() {
        let facts = FilterFacts::of(a);
        *counts.years.entry(facts.year).or_default() += 1;
        for (map, fact) in [
            (&mut counts.sources, facts.source),
            (&mut counts.categories, facts.category),
        ] {
            if let Some((value, label)) = fact {
                map.entry(value).or_insert((label, 0)).1 += 1;
            }
        }
    }
    filter_values(counts, &site.tags)
}

/// The filters from their counts and the site's tags. Tags are many on a big site: only the
/// most used go in the list (any tag can still be asked for as `tag:<slug>`).
pub fn filter_values(
    counts: FilterCounts,
    tags: &[crate::site::Tag],
) -> BTreeMap<&'static str, Vec<FilterValue>> {
    const TAGS_LISTED: usize = 100;
    let FilterCounts {
        years,
        sources,
        categories,
    } = counts;
    let mut tags: Vec<&crate::site::Tag> = tags.iter().collect();
    tags.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(a.name.cmp(&b.name))
    });
    tags.truncate(TAGS_LISTED);
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = BTreeMap::new();
    out.insert(
        "year",
        years
            .into_iter()
            .rev()
            .map(|(y, count)| FilterValue {
                term: format!("year:{y}"),
                label: y.to_string(),
                count,
            })
            .collect(),
    );
    out.insert(
        "source",
        sources
            .into_iter()
            .map(|(value, (label, count))| FilterValue {
                term: format!("source:{value}"),
                label,
                count,
            })
            .collect(),
    );
    out.insert(
        "category",
        categories
            .into_iter()
            .map(|(value, (label, count))| FilterValue {
                term: format!("category:{value}"),
                label,
                count,
            })
            .collect(),
    );
    out.insert(
        "tag",
        tags.into_iter()
            .map(|t| FilterValue {
                term: format!("tag:{}", t.slug),
                label: t.name.clone(),
                count: t.articles.len(),
            })
            .collect(),
    );
    out
}
