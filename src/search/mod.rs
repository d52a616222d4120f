//! Search: the index `cermin build` writes beside the site (`search/` in the output) for the
//! search page of the theme (`search.html`, `static/search.js`) to query from any static host.
//!
//! `fold` (words, diacritics), `stem` (Indonesian, English), `text` (a body's words),
//! `index` (postings with impacts), `chunks` (the files). See docs/search.md.

pub mod chunks;
pub mod fold;
pub mod index;
pub mod stem;
pub mod text;

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::Datelike;

use crate::i18n::DateFormatter;
use crate::site::Site;
use chunks::{FilterValue, ResultMeta};
use stem::Stemmer;

/// The site path of the search page.
pub const PAGE_PATH: &str = "/search/";

/// The index files of `site` (`search/root.js`, `search/t/…`, `search/m/…`), or none when
/// search is off.
pub fn index_files(site: &Site) -> Result<Vec<(String, Vec<u8>)>> {
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
    let index = index::build(&docs, stemmer)?;
    let dates = DateFormatter::new(&site.config.language);
    let metas: Vec<ResultMeta> = docs
        .iter()
        .map(|(a, _)| ResultMeta {
            title: a.title.clone(),
            path: a.path.clone(),
            date_display: dates.long_date(&a.date),
            date: a.date.format("%Y-%m-%d").to_string(),
            day: a.date.date_naive().num_days_from_ce() as i64 - 719_163,
            source: index::source_label(a),
            summary: a.description.clone(),
        })
        .collect();
    let filters = filters(site);
    Ok(chunks::files(&index, &metas, stemmer.name(), &filters))
}

/// The values the search page offers as filters: years (newest first), sources and tags (by
/// name). Tags are many on a big site: only the most used go in the list (any tag can still
/// be asked for as `tag:<slug>`).
fn filters(site: &Site) -> BTreeMap<&'static str, Vec<FilterValue>> {
    const TAGS_LISTED: usize = 100;
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    let mut sources: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut categories: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for a in site.articles.iter() {
        if let Some(category) = a.category.as_deref().filter(|c| !c.trim().is_empty()) {
            let entry = categories
                .entry(index::filter_value(category))
                .or_insert((category.trim().to_string(), 0));
            entry.1 += 1;
        }
        *years.entry(a.date.year()).or_default() += 1;
        if let Some(label) = index::source_label(a) {
            let entry = sources
                .entry(index::filter_value(&label))
                .or_insert((label, 0));
            entry.1 += 1;
        }
    }
    let mut tags: Vec<&crate::site::Tag> = site.tags.iter().collect();
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
