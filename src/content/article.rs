//! The Article: one validated, rendered piece of content.

use std::path::PathBuf;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::markdown::TocEntry;

/// A tag as shown (`Amerika Latin`) and as put in URLs (`amerika-latin`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TagName {
    pub name: String,
    pub slug: String,
}

/// One article, checked and rendered, ready for the site.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file it came from, as users see it (for messages).
    pub file: PathBuf,
    /// Hash of what places it in the site's indexes (path, date, tags).
    pub structure_hash: u64,
    pub title: String,
    pub slug: String,
    /// The site path of its page, e.g. `/2022/01/27/slug/`.
    pub path: String,
    pub date: DateTime<Tz>,
    pub updated: Option<DateTime<Tz>>,
    /// When it last changed (`updated`, else `date`), RFC 3339: for sitemaps.
    pub lastmod: String,
    pub authors: Vec<String>,
    pub tags: Vec<TagName>,
    /// HTML: the front matter summary, else the part before `<!-- more -->`, else paragraph one.
    pub summary_html: String,
    /// The summary as plain text, for meta descriptions and feeds.
    pub description: String,
    pub content_html: String,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub reading_time: usize,
    pub source: Option<String>,
    pub source_name: Option<String>,
    pub image: Option<String>,
    pub image_caption: Option<String>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub draft: bool,
}

/// What places an article in the site's indexes: equal hashes for every article mean equal
/// tags, archives and related articles.
pub fn structure_hash(path: &str, date: &DateTime<Tz>, tags: &[TagName]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    path.hash(&mut h);
    date.timestamp().hash(&mut h);
    tags.hash(&mut h);
    h.finish()
}
